/**
 * The packages as users get them. Every published package (tests/support/packages.ts)
 * is published with `pnpm publish` — which rewrites `workspace:` ranges and applies
 * `publishConfig` — to a private npm registry (verdaccio, run inside this test process
 * on a free 127.0.0.1 port, its storage in a temporary folder, so it cannot outlive the
 * test). Then, in folders outside the repository:
 *
 *   npm install @pymem/obmalloc          alone: its README example prints what it says,
 *                                        and type-checks against the published types
 *   npm install -g --prefix T @pymem/cli pymem on the PATH: the bundled report, the
 *                                        viewer, record → report → replay --verify in
 *                                        the folder it runs in, --version
 *   npx @pymem/cli versions
 *
 * Registry setup: verdaccio holds only @pymem/* and has no uplink. A temporary npm
 * user config points the @pymem scope at it (`@pymem:registry=`) with a dummy token
 * (npm will not publish without one), and leaves the default registry as this
 * machine's npm has it, so commander, zod … come from there, as they will for users.
 * The user's ~/.npmrc, npm cache and global prefix are never used: npm gets that
 * config, a temporary cache and `--prefix`. Every command runs asynchronously: the
 * registry answers from this process's event loop.
 *
 * Needs `pnpm build` first (`pnpm test` does it) and the public registry; without the
 * registry it says so loudly and skips. Recording needs a CPython 3.8 … 3.13 (pyenv,
 * PATH or PYMEM_PYTHONS), gcc and the interpreter's headers; without an interpreter
 * that part says so loudly and is skipped.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { liveInterpreters } from '@pymem/cpython';
import { runServer } from 'verdaccio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishedPackages, ROOT, readmeExample } from './support/packages.ts';

const packages = publishedPackages();
const cliVersion = packages.find((pkg) => pkg.name === '@pymem/cli')!.version;

/** The environment of every npm/pnpm call: ours, without what `pnpm test` injected. */
function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const injected =
    /^(npm_(lifecycle|package|command|execpath|node_execpath|config_user_agent)|pnpm_|INIT_CWD$)/i;
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!injected.test(key)) env[key] = value;
  return { ...env, ...extra };
}

function registryReachable(): boolean {
  const result = spawnSync('npm', ['ping'], {
    encoding: 'utf8',
    timeout: 30_000,
    env: cleanEnv({}),
  });
  if (result.status === 0) return true;
  process.stderr.write(
    '\n*** PUBLISH TEST SKIPPED: the npm registry is not reachable (npm ping failed), so the\n' +
      '*** third-party dependencies of @pymem/* cannot be installed.\n\n',
  );
  return false;
}

/** What a finished command printed. */
interface Exited {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a command without blocking the event loop (the registry lives on it). */
function exec(
  command: string,
  args: readonly string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; timeout?: number },
): Promise<Exited> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: options.timeout ?? 180_000,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.once('error', reject);
    child.once('close', (status) => resolve({ status, stdout, stderr }));
  });
}

const online = registryReachable();

describe.skipIf(!online)('publishing every package to a registry and installing them', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'pymem-publish-'));
  let server: Server | undefined;
  let registry = '';
  let env: NodeJS.ProcessEnv = {};

  /** Runs a command; fails the test with its output when it exits non-zero. */
  async function run(command: string, args: string[], cwd: string): Promise<string> {
    const result = await exec(command, args, { cwd, env });
    if (result.status !== 0) {
      throw new Error(
        `${command} ${args.join(' ')} (in ${cwd}) exited ${result.status}:\n` +
          `${result.stdout}\n${result.stderr}`,
      );
    }
    return result.stdout;
  }

  beforeAll(async () => {
    for (const pkg of packages)
      if (!existsSync(join(pkg.dir, 'dist')))
        throw new Error(`${pkg.path}/dist is missing: run pnpm build first`);
    const config = join(scratch, 'verdaccio.yaml');
    writeFileSync(
      config,
      [
        `storage: ${JSON.stringify(join(scratch, 'storage'))}`,
        'web: { enable: false }',
        `auth: { htpasswd: { file: ${JSON.stringify(join(scratch, 'htpasswd'))}, max_users: -1 } }`,
        'uplinks: {}',
        'packages:',
        "  '@pymem/*': { access: $all, publish: $all }",
        'max_body_size: 50mb',
        'log: { type: stdout, format: pretty, level: error }',
        '',
      ].join('\n'),
    );
    server = (await runServer(config)) as Server;
    await new Promise<void>((resolve, reject) => {
      server!.once('error', reject);
      server!.listen(0, '127.0.0.1', () => resolve());
    });
    const { port } = server.address() as AddressInfo;
    registry = `http://127.0.0.1:${port}/`;
    // A user config of our own: the @pymem scope from verdaccio, everything else from
    // this machine's registry.
    const npmrc = join(scratch, 'npmrc');
    writeFileSync(
      npmrc,
      `@pymem:registry=${registry}\n//127.0.0.1:${port}/:_authToken=pymem-publish-test\n`,
    );
    env = cleanEnv({
      npm_config_userconfig: npmrc,
      npm_config_cache: join(scratch, 'npm-cache'),
      npm_config_update_notifier: 'false',
      npm_config_fund: 'false',
      npm_config_audit: 'false',
      NO_COLOR: '1',
    });
    for (const pkg of packages)
      await run('pnpm', ['publish', '--no-git-checks', '--registry', registry], pkg.dir);
  }, 300_000);

  afterAll(async () => {
    if (server?.listening) {
      server.closeAllConnections();
      await new Promise((resolve) => server!.close(resolve));
    }
    rmSync(scratch, { recursive: true, force: true });
  });

  it('publishes every package with dist exports and versions for workspace: ranges', async () => {
    for (const pkg of packages) {
      const response = await fetch(`${registry}${pkg.name.replace('/', '%2f')}`);
      expect(response.status, pkg.name).toBe(200);
      const packument = (await response.json()) as {
        versions: Record<string, { exports: unknown; dependencies?: Record<string, string> }>;
      };
      const published = packument.versions[pkg.version]!;
      expect(JSON.stringify(published.exports), pkg.name).not.toContain('@pymem/source');
      for (const [name, range] of Object.entries(published.dependencies ?? {}))
        if (name.startsWith('@pymem/'))
          expect(range, pkg.name).toBe(packages.find((dep) => dep.name === name)?.version);
    }
  });

  it('installs @pymem/obmalloc alone, and its README example prints what it says', async () => {
    const project = join(scratch, 'alone');
    mkdirSync(project);
    writeFileSync(
      join(project, 'package.json'),
      `${JSON.stringify({ name: 'scratch', private: true, type: 'module' })}\n`,
    );
    await run('npm', ['install', '@pymem/obmalloc'], project);
    const installed = join(project, 'node_modules', '@pymem');
    expect(readdirSync(installed).sort()).toEqual(['obmalloc', 'versions']);
    expect(readdirSync(join(installed, 'obmalloc')).sort()).toEqual([
      'LICENSE',
      'README.md',
      'dist',
      'package.json',
    ]);

    const readme = readFileSync(join(installed, 'obmalloc', 'README.md'), 'utf8');
    const example = readmeExample(readme)!;
    writeFileSync(join(project, 'example.mjs'), example.code);
    expect(await run(process.execPath, ['example.mjs'], project)).toBe(example.prints);

    // The published types resolve too, for TypeScript's Node resolution.
    writeFileSync(join(project, 'example.ts'), example.code);
    const compilerOptions = {
      strict: true,
      noEmit: true,
      module: 'nodenext',
      target: 'es2022',
      lib: ['es2022', 'dom'],
      types: [],
    };
    writeFileSync(
      join(project, 'tsconfig.json'),
      JSON.stringify({ compilerOptions, files: ['example.ts'] }),
    );
    await run(
      process.execPath,
      [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', '.'],
      project,
    );
  });

  describe('npm install -g @pymem/cli', () => {
    const prefix = join(scratch, 'global');
    const work = join(scratch, 'work');
    /** `pymem args…` as a user runs it: found on the PATH, in a folder of their own. */
    const pymem = (args: string[], timeout = 120_000) =>
      exec('pymem', args, {
        cwd: work,
        env: { ...env, PATH: `${join(prefix, 'bin')}:${env.PATH}` },
        timeout,
      });
    const installed = join(prefix, 'lib', 'node_modules', '@pymem', 'cli');
    /** `pymem view` processes still running (a timed-out test leaves none behind). */
    const servers = new Set<ChildProcess>();
    afterAll(() => {
      for (const child of servers) child.kill('SIGKILL');
    });

    beforeAll(async () => {
      mkdirSync(work);
      await run('npm', ['install', '--global', '--prefix', prefix, '@pymem/cli'], scratch);
    }, 300_000);

    it('installs every package it needs with dist, LICENSE and README, and no sources', () => {
      const scope = join(installed, 'node_modules', '@pymem');
      const needed = Object.keys(
        packages.find((pkg) => pkg.name === '@pymem/cli')!.manifest.dependencies ?? {},
      ).filter((name) => name.startsWith('@pymem/'));
      expect(readdirSync(scope).map((name) => `@pymem/${name}`)).toEqual(
        expect.arrayContaining(needed),
      );
      for (const dir of [installed, ...readdirSync(scope).map((name) => join(scope, name))]) {
        const files = readdirSync(dir);
        expect(files, dir).toEqual(expect.arrayContaining(['LICENSE', 'README.md', 'dist']));
        expect(files, dir).not.toContain('src');
      }
      expect(existsSync(join(scope, 'recorder', 'native', 'pymem_launcher.c'))).toBe(true);
      expect(existsSync(join(scope, 'viewer', 'dist', 'app', 'index.html'))).toBe(true);
    });

    it('puts pymem on the PATH, reporting on the bundled example from any folder', async () => {
      const result = await pymem([]);
      expect(result.status, result.stderr).toBe(0);
      expect(result.stderr).toBe('');
      expect(result.stdout).toMatch(/^pymem report +bundled example/);
      expect(result.stdout).toContain('218,921 allocator events');
    });

    it('serves the viewer app from the installed @pymem/viewer', async () => {
      const example = join(installed, 'examples', 'requests.pymem.txt.br');
      const child = spawn(join(prefix, 'bin', 'pymem'), ['view', example, '--port', '0'], {
        cwd: work,
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      servers.add(child);
      try {
        const url = await new Promise<string>((resolve, reject) => {
          let out = '';
          let err = '';
          child.stdout.on('data', (chunk) => {
            out += chunk;
            if (out.includes('\n')) resolve(out.trim());
          });
          child.stderr.on('data', (chunk) => (err += chunk));
          child.once('exit', (code) => reject(new Error(`pymem view exited ${code}: ${err}`)));
        });
        const page = await fetch(url);
        expect(page.status).toBe(200);
        expect(await page.text()).toMatch(/<script[^>]+src="\.\/assets\//);
        const trace = await fetch(new URL('/trace', url));
        expect(trace.status).toBe(200);
        expect((await trace.text()).startsWith('pymem-trace 1\n')).toBe(true);
      } finally {
        child.kill('SIGTERM');
        servers.delete(child);
      }
    });

    const python = liveInterpreters().find(
      (interpreter) => interpreter.profile !== null && interpreter.profile !== '3.14',
    );
    if (!python) {
      process.stderr.write(
        '\n*** LIVE CHECK SKIPPED: no CPython 3.8 … 3.13 on this machine (pymem record from a\n' +
          '*** global install). Install one (pyenv) or list it in PYMEM_PYTHONS to run it.\n\n',
      );
    }
    it.skipIf(!python)(
      'records into the folder it runs in, then reports and verifies',
      async () => {
        const code =
          'import pymem_record\nx = [bytes(200) for _ in range(10_000)]\ndel x[::2]\npymem_record.mark("half")';
        const recorded = await pymem(['record', '--python', python!.path, '-c', code], 300_000);
        expect(recorded.stderr).toMatch(/^pymem: recorded CPython .* to code\.pmt/m);
        expect(recorded.status, recorded.stderr).toBe(0);
        expect(existsSync(join(work, 'code.pmt'))).toBe(true);
        const stray = await exec(
          'find',
          [scratch, '-name', '*.pmt', '-not', '-path', join(work, '*')],
          { cwd: work, env },
        );
        expect(stray.stdout).toBe('');

        const report = await pymem(['report', 'code.pmt']);
        expect(report.status, report.stderr).toBe(0);
        expect(report.stdout).toMatch(/^pymem report +code\.pmt/);
        const replay = await pymem(['replay', 'code.pmt', '--verify']);
        expect(replay.status, replay.stderr).toBe(0);
        expect(replay.stdout).toMatch(/^verified: .* marks? of statistics match CPython exactly$/m);
      },
    );

    it('runs with npx, without installing', async () => {
      const result = await exec('npx', ['--yes', '@pymem/cli', 'versions'], { cwd: work, env });
      expect(result.status, result.stderr).toBe(0);
      expect(result.stdout).toMatch(/^3\.12 /m);
    });

    it('prints its version with --version', async () => {
      const result = await pymem(['--version']);
      expect(result.status, result.stderr).toBe(0);
      expect(result.stdout.trim()).toBe(cliVersion);
    });
  });
});
