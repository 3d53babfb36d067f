/**
 * Interpreter identities remembered between runs, so that finding the interpreters of
 * a machine does not start each of them every time (`pymem versions` would otherwise
 * spend most of its time starting Pythons).
 *
 * An entry is keyed by the interpreter's real path and is valid only while that file's
 * size, mtime and ctime are what they were when it last ran: replacing or rebuilding
 * the interpreter changes them, and it runs again. The file is rewritten whole through
 * a rename, so a concurrent reader sees the old or the new table, never half of one.
 * Any problem with the cache (unreadable, unwritable, malformed) only costs a run.
 */
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cacheDirectory } from './cache-directory.ts';

const FILE = 'interpreters-v1.json';

interface Entry {
  readonly stamp: string;
  readonly output: string;
}

function stampOf(path: string): string | null {
  try {
    const info = statSync(path);
    return `${info.size}:${info.mtimeMs}:${info.ctimeMs}`;
  } catch {
    return null;
  }
}

function load(env: NodeJS.ProcessEnv): Record<string, Entry> {
  try {
    const parsed = JSON.parse(readFileSync(join(cacheDirectory(env), FILE), 'utf8'));
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, Entry>) : {};
  } catch {
    return {};
  }
}

/**
 * What the interpreter at real path `real` printed for the identity script, from the
 * cache when its file is unchanged, else from `run()` (remembered when it succeeds).
 */
export function cachedIdentity(
  real: string,
  env: NodeJS.ProcessEnv,
  run: () => string | null,
): string | null {
  const stamp = stampOf(real);
  const table = load(env);
  const known = table[real];
  if (stamp !== null && known?.stamp === stamp && typeof known.output === 'string')
    return known.output;
  const output = run();
  if (output === null || stamp === null) return output;
  try {
    const dir = cacheDirectory(env);
    mkdirSync(dir, { recursive: true });
    const temporary = join(dir, `${FILE}.${process.pid}.tmp`);
    writeFileSync(temporary, JSON.stringify({ ...table, [real]: { stamp, output } }));
    renameSync(temporary, join(dir, FILE));
  } catch {
    // A read-only cache only means the next run asks the interpreter again.
  }
  return output;
}
