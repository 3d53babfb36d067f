/**
 * Ground-truth fixtures: allocator traces recorded from real CPython running the
 * workloads in tests/workloads, written by the recorder as `.pmt` and stored
 * brotli-compressed under tests/fixtures/<version>/<workload>.pmt.br.
 * `pnpm fixtures` re-records them.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, constants } from 'node:zlib';
import type { Interpreter } from '@pymem/cpython';
import { type RecordResult, record } from '@pymem/recorder';
import { decodePmt, formatTextTrace, type Trace } from '@pymem/tracing';

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
  return join(FIXTURES_DIR, version, `${workload}.pmt.br`);
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
      if (file.endsWith('.pmt.br')) {
        found.push({
          version,
          workload: file.replace('.pmt.br', ''),
          path: join(FIXTURES_DIR, version, file),
        });
      }
    }
  }
  return found;
}

/** Reads and decodes a compressed fixture. */
export function readFixture(path: string): Trace {
  return decodePmt(brotliDecompressSync(readFileSync(path))).trace;
}

/** A fixture in the text format (what a text recording of the same run holds). */
export function readFixtureText(path: string): string {
  return [...formatTextTrace(readFixture(path))].join('');
}

/** Compresses a trace file's bytes for committing. */
export function compressTrace(bytes: Uint8Array): Buffer {
  return brotliCompressSync(bytes, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 9, [constants.BROTLI_PARAM_LGWIN]: 24 },
  });
}

/**
 * Records `script` (a path, or workload name) under `interpreter` in isolated mode
 * (`-I -S`: no site, no user site, no PYTHON* variables) as `.pmt` and returns the
 * file's bytes.
 */
export async function recordScript(
  interpreter: Interpreter,
  script: string,
  options: { readonly sites?: number; readonly tracemalloc?: boolean } = {},
): Promise<Uint8Array> {
  const path = script.endsWith('.py') ? script : join(WORKLOADS_DIR, `${script}.py`);
  const dir = await mkdtemp(join(tmpdir(), 'pymem-record-'));
  const output = join(dir, 'trace.pmt');
  const result = await record({
    interpreter,
    args: ['-I', '-S', path],
    output,
    stdio: 'pipe',
    format: 'pmt',
    ...options,
  });
  if (result.status !== 0) {
    throw new Error(
      `${path} under ${interpreter.path} exited ${result.status}: ${result.stderr.slice(-500)}`,
    );
  }
  return readFileSync(output);
}

/**
 * Writes `source` to `<dir>/<name>.py` and records it under `interpreter` (no flags:
 * the program runs as a user would run it) into `<dir>/<name>.pmt`. Returns both
 * paths and the run (the program's stdout, stderr and status).
 */
export async function recordProgram(
  interpreter: Interpreter,
  dir: string,
  name: string,
  source: string,
  options: { readonly sites?: number } = {},
): Promise<{ readonly script: string; readonly output: string; readonly run: RecordResult }> {
  const script = join(dir, `${name}.py`);
  writeFileSync(script, source);
  const output = join(dir, `${name}.pmt`);
  const run = await record({
    interpreter,
    args: [script],
    output,
    format: 'pmt',
    stdio: 'pipe',
    ...options,
  });
  return { script, output, run };
}
