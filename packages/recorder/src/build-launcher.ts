/**
 * Builds the recording launcher (native/pymem_launcher.c) for one interpreter, once:
 * the result is cached under a key made of the source, the interpreter and its
 * build flags, so a changed interpreter or launcher is rebuilt automatically.
 *
 * The launcher embeds that interpreter's libpython (PEP 587), hooks the mem and obj
 * domains and the arena allocator before the first allocation and the raw domain
 * right after the trace's header, then runs exactly what `python` would run with the
 * same arguments.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cacheDirectory, type Interpreter } from '@pymem/cpython';
import { RecorderError } from './errors.ts';

/** Path of the launcher's C source inside this package. */
export const LAUNCHER_SOURCE: string = fileURLToPath(
  new URL('../native/pymem_launcher.c', import.meta.url),
);

/** The C file the launcher includes (the heap snapshot walker); part of every cache key. */
const INCLUDED_SOURCE: string = fileURLToPath(
  new URL('../native/heap_snapshot.c', import.meta.url),
);

/** The launcher's source and what it includes, as the cache keys see them. */
function launcherSources(): Buffer {
  return Buffer.concat([readFileSync(LAUNCHER_SOURCE), readFileSync(INCLUDED_SOURCE)]);
}

function findCompiler(env: NodeJS.ProcessEnv): string {
  for (const name of ['gcc', 'cc', 'clang']) {
    for (const dir of (env.PATH ?? '').split(delimiter)) {
      if (dir && existsSync(join(dir, name))) return join(dir, name);
    }
  }
  throw new RecorderError(
    'no-compiler',
    'no C compiler found to build the recorder: install gcc (apt-get install gcc)',
  );
}

/** The `python3.X-config` that belongs to `interpreter`, or throws naming what to install. */
export function findPythonConfig(interpreter: Interpreter): string {
  const minor = interpreter.version.split('.').slice(0, 2).join('.');
  const candidates = [
    `${interpreter.path}-config`,
    join(dirname(interpreter.path), `python${minor}-config`),
    join(interpreter.prefix, 'bin', `python${minor}-config`),
  ];
  for (const candidate of candidates) if (existsSync(candidate)) return candidate;
  throw new RecorderError(
    'build-failed',
    `no python${minor}-config for ${interpreter.path}: install its headers ` +
      `(Debian: apt-get install python${minor}-dev; pyenv builds include them)`,
  );
}

/**
 * Returns the path of a launcher for `interpreter`, compiling it into the cache on
 * first use.
 *
 * @throws RecorderError `no-compiler` or `build-failed` with one line saying what to install.
 */
export function buildLauncher(
  interpreter: Interpreter,
  env: NodeJS.ProcessEnv = process.env,
): string {
  const config = findPythonConfig(interpreter);
  // Asking python3.X-config for its flags costs three process starts per recording:
  // a launcher built for the same source, interpreter and config files (same size,
  // mtime and ctime) is found through a short key first.
  const shortcut = join(
    cacheDirectory(env),
    'launchers',
    'by-stamp',
    quickKey(interpreter, config),
  );
  try {
    const known = readFileSync(shortcut, 'utf8');
    if (existsSync(known)) return known;
  } catch {
    // Not built through this key yet.
  }
  const launcher = buildFromFlags(interpreter, config, env);
  try {
    mkdirSync(dirname(shortcut), { recursive: true });
    writeFileSync(`${shortcut}.${process.pid}.tmp`, launcher);
    renameSync(`${shortcut}.${process.pid}.tmp`, shortcut);
  } catch {
    // A read-only cache only costs the flags next time.
  }
  return launcher;
}

function stamp(path: string): string {
  const info = statSync(path);
  return `${path}:${info.size}:${info.mtimeMs}:${info.ctimeMs}`;
}

/** Source, interpreter and config script, each by content or by its file's stamp. */
function quickKey(interpreter: Interpreter, config: string): string {
  return createHash('sha256')
    .update(launcherSources())
    .update(
      `\0${stamp(realpathSync(interpreter.path))}\0${interpreter.path}\0${interpreter.version}`,
    )
    .update(`\0${stamp(realpathSync(config))}`)
    .digest('hex')
    .slice(0, 24);
}

function buildFromFlags(interpreter: Interpreter, config: string, env: NodeJS.ProcessEnv): string {
  const flag = (option: string): string =>
    execFileSync(config, [option], { encoding: 'utf8' }).trim().replace(/\s+/g, ' ');
  let cflags: string;
  let ldflags: string;
  let libdir: string;
  try {
    cflags = flag('--cflags');
    ldflags = execFileSync(config, ['--ldflags', '--embed'], { encoding: 'utf8' }).trim();
    libdir = join(flag('--prefix'), 'lib');
  } catch {
    throw new RecorderError(
      'build-failed',
      `${config} failed: is the interpreter's installation complete?`,
    );
  }
  const source = launcherSources();
  const exe = realpathSync(interpreter.path);
  const key = createHash('sha256')
    .update(source)
    .update(`\0${exe}\0${interpreter.path}\0${interpreter.version}\0${cflags}\0${ldflags}`)
    .digest('hex')
    .slice(0, 16);
  const dir = join(cacheDirectory(env), 'launchers', `${interpreter.version}-${key}`);
  const launcher = join(dir, 'pymem-launcher');
  if (existsSync(launcher)) return launcher;

  const compiler = findCompiler(env);
  mkdirSync(dir, { recursive: true });
  const partial = `${launcher}.${process.pid}.tmp`;
  const args = [
    '-O2',
    '-o',
    partial,
    LAUNCHER_SOURCE,
    ...cflags.split(' ').filter(Boolean),
    ...ldflags.split(/\s+/).filter(Boolean),
    `-Wl,-rpath,${libdir}`,
    `-DPYMEM_PYTHON_EXE="${interpreter.path.replace(/(["\\])/g, '\\$1')}"`,
  ];
  const result = spawnSync(compiler, args, { encoding: 'utf8' });
  if (result.status !== 0) {
    const firstError =
      (result.stderr || '').split('\n').find((line) => /error|cannot find/.test(line)) ??
      'compiler failed';
    const missingHeader = /Python\.h/.test(result.stderr ?? '');
    throw new RecorderError(
      'build-failed',
      missingHeader
        ? `Python.h not found for ${interpreter.path}: install python${interpreter.version.split('.').slice(0, 2).join('.')}-dev`
        : `building the recorder for ${interpreter.path} failed: ${firstError.trim()}`,
    );
  }
  renameSync(partial, launcher);
  return launcher;
}
