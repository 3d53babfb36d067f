/**
 * Discovery of real CPython interpreters on this machine: pymem's ground truth.
 *
 * Candidates come from three places, in this order of precedence:
 *   1. `PYMEM_PYTHONS` — paths separated by `:` or `,` (an explicit choice wins);
 *   2. pyenv — every `$PYENV_ROOT/versions/<v>/bin/python3.X` (`~/.pyenv` by default);
 *   3. `PATH` — `python3` and `python3.8` … `python3.14`.
 * Each candidate is asked for its identity by running it once (remembered while its
 * file is unchanged: identity-cache.ts); anything that is not
 * CPython 3.8+ or does not run is left out. Two paths to one file count once.
 *
 * Invariant: every returned interpreter really ran and reported itself as CPython.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, realpathSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { isProfileName, type ProfileName } from '@pymem/versions';
import { cachedIdentity } from './identity-cache.ts';

/** Where an interpreter was found. */
export type InterpreterSource = 'env' | 'pyenv' | 'path' | 'explicit';

/** One real CPython interpreter that ran and described itself. */
export interface Interpreter {
  /** Path as found (not resolved through links). */
  readonly path: string;
  /** Full version, e.g. `'3.11.7'`. */
  readonly version: string;
  /** The profile it belongs to, or null when pymem does not model that version. */
  readonly profile: ProfileName | null;
  /** `sys.implementation.name`, always `'cpython'` for returned interpreters. */
  readonly implementation: string;
  /** Where it was found. */
  readonly source: InterpreterSource;
  /** `sys.prefix`. */
  readonly prefix: string;
  /** Pointer size in bytes (8 on 64-bit builds). */
  readonly pointerSize: number;
}

const IDENTITY_SCRIPT = [
  'import sys, struct, json',
  'print(json.dumps({"version": "%d.%d.%d" % sys.version_info[:3],',
  ' "implementation": sys.implementation.name, "prefix": sys.prefix,',
  ' "pointerSize": struct.calcsize("P")}))',
].join('\n');

/** Options for {@link findInterpreters}. */
export interface FindOptions {
  /** Environment to read `PYMEM_PYTHONS`, `PYENV_ROOT`, `PATH` and `HOME` from. */
  readonly env?: NodeJS.ProcessEnv;
}

/**
 * Finds every CPython interpreter on this machine (see the module comment for where
 * it looks). Unsupported CPython versions are returned with `profile: null`.
 */
export function findInterpreters(options: FindOptions = {}): Interpreter[] {
  const env = options.env ?? process.env;
  const seen = new Set<string>();
  const found: Interpreter[] = [];
  for (const [path, source] of candidatePaths(env)) {
    let real: string;
    try {
      real = realpathSync(path);
    } catch {
      continue;
    }
    if (seen.has(real)) continue;
    seen.add(real);
    const interpreter = describeInterpreter(path, source, env, real);
    if (interpreter) found.push(interpreter);
  }
  return found;
}

/**
 * Runs `path` once and describes it, or returns null when it does not run or is not
 * CPython 3. What it printed is remembered (identity-cache.ts) while the file at
 * `real` (its resolved path) is unchanged.
 */
export function describeInterpreter(
  path: string,
  source: InterpreterSource = 'explicit',
  env: NodeJS.ProcessEnv = process.env,
  real: string = path,
): Interpreter | null {
  const output = cachedIdentity(real, env, () => {
    try {
      return execFileSync(path, ['-I', '-S', '-c', IDENTITY_SCRIPT], {
        encoding: 'utf8',
        timeout: 20_000,
        stdio: ['ignore', 'pipe', 'ignore'],
      });
    } catch {
      return null;
    }
  });
  if (output === null) return null;
  let identity: { version: string; implementation: string; prefix: string; pointerSize: number };
  try {
    identity = JSON.parse(output);
  } catch {
    return null;
  }
  if (identity.implementation !== 'cpython') return null;
  const [major, minor] = identity.version.split('.');
  const name = `${major}.${minor}`;
  return {
    path,
    version: identity.version,
    profile: isProfileName(name) ? name : null,
    implementation: identity.implementation,
    source,
    prefix: identity.prefix,
    pointerSize: identity.pointerSize,
  };
}

function* candidatePaths(env: NodeJS.ProcessEnv): Generator<[string, InterpreterSource]> {
  for (const entry of (env.PYMEM_PYTHONS ?? '').split(/[:,]/)) {
    if (entry.trim()) yield [entry.trim(), 'env'];
  }
  const pyenvRoot = env.PYENV_ROOT || join(env.HOME || homedir(), '.pyenv');
  const versionsDir = join(pyenvRoot, 'versions');
  if (existsSync(versionsDir)) {
    for (const version of readdirSync(versionsDir).sort(compareVersions)) {
      // Only Python 3 (a pyenv 2.7 cannot run the identity script: -I is 3.4+), so
      // that it is not run again at every start-up.
      const match = /^(3)\.(\d+)/.exec(version);
      if (!match) continue;
      const path = join(versionsDir, version, 'bin', `python${match[1]}.${match[2]}`);
      if (existsSync(path)) yield [path, 'pyenv'];
    }
  }
  const names = ['python3', ...Array.from({ length: 7 }, (_, i) => `python3.${i + 8}`)];
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (!dir || dir.includes('.pyenv/shims')) continue;
    for (const name of names) {
      const path = join(dir, name);
      if (existsSync(path)) yield [path, 'path'];
    }
  }
}

function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map((part) => Number.parseInt(part, 10) || 0);
  const pb = b.split('.').map((part) => Number.parseInt(part, 10) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const diff = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}
