/**
 * Ground-truth fixtures: allocator traces recorded from real CPython running the
 * workloads in tests/workloads, stored brotli-compressed under
 * tests/fixtures/<version>/<workload>.pymem.txt.br. `pnpm fixtures` re-records them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, constants } from 'node:zlib';
import type { Interpreter } from '@pymem/cpython';
import { record } from '@pymem/recorder';
import { parseTextTrace, type Trace } from '@pymem/tracing';

/** tests/ */
export const TESTS_DIR: string = join(import.meta.dirname, '..');
/** tests/fixtures */
export const FIXTURES_DIR: string = join(TESTS_DIR, 'fixtures');
/** tests/workloads */
export const WORKLOADS_DIR: string = join(TESTS_DIR, 'workloads');

/** Workload names (file stems), sorted. */
export const WORKLOADS: readonly string[] = readdirSync(WORKLOADS_DIR)
  .filter((name) => name.endsWith('.py'))
  .map((name) => basename(name, '.py'))
  .sort();

/** Path of one fixture. */
export function fixturePath(version: string, workload: string): string {
  return join(FIXTURES_DIR, version, `${workload}.pymem.txt.br`);
}

/** Every committed fixture as { version, workload, path }. */
export function listFixtures(): { version: string; workload: string; path: string }[] {
  const found: { version: string; workload: string; path: string }[] = [];
  let versions: string[] = [];
  try {
    versions = readdirSync(FIXTURES_DIR).filter((name) => /^\d+\.\d+\.\d+$/.test(name));
  } catch {
    return found;
  }
  for (const version of versions.sort()) {
    for (const file of readdirSync(join(FIXTURES_DIR, version)).sort()) {
      if (file.endsWith('.pymem.txt.br')) {
        found.push({
          version,
          workload: file.replace('.pymem.txt.br', ''),
          path: join(FIXTURES_DIR, version, file),
        });
      }
    }
  }
  return found;
}

/** Reads a compressed fixture as text. */
export function readFixtureText(path: string): string {
  return brotliDecompressSync(readFileSync(path)).toString('utf8');
}

/** Reads and parses a compressed fixture. */
export function readFixture(path: string): Trace {
  return parseTextTrace(readFixtureText(path));
}

/** Compresses trace text for committing. */
export function compressTrace(text: string): Buffer {
  return brotliCompressSync(Buffer.from(text), {
    params: { [constants.BROTLI_PARAM_QUALITY]: 9, [constants.BROTLI_PARAM_LGWIN]: 24 },
  });
}

/**
 * Records `script` (a path, or workload name) under `interpreter` in isolated mode
 * (`-I -S`: no site, no user site, no PYTHON* variables) and returns the trace text.
 */
export async function recordScript(interpreter: Interpreter, script: string): Promise<string> {
  const path = script.endsWith('.py') ? script : join(WORKLOADS_DIR, `${script}.py`);
  const dir = await mkdtemp(join(tmpdir(), 'pymem-record-'));
  const output = join(dir, 'trace.pymem.txt');
  const result = await record({ interpreter, args: ['-I', '-S', path], output, stdio: 'pipe' });
  if (result.status !== 0) {
    throw new Error(
      `${path} under ${interpreter.path} exited ${result.status}: ${result.stderr.slice(-500)}`,
    );
  }
  return readFileSync(output, 'utf8');
}
