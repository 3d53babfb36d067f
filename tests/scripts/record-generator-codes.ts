/**
 * Records the code shape of every generator in the `pymem run` differential programs
 * (`pnpm --filter @pymem/tests generator-codes`): each reference interpreter 3.8 … 3.13,
 * and Pyodide's 3.14.2 as 3.14, compiles every `gen_*.py` and `it_iter_*.py` program (without running it) and reports, for each code
 * object with CO_GENERATOR — a generator function's or a generator expression's —
 * its name, first line, co_nlocals and co_stacksize. Writes
 * packages/python/src/__fixtures__/generator-codes.json, which
 * packages/python/src/generator-stack-depth.test.ts compares with the model's codes.
 * Interpreters it cannot find keep their previous entries, loudly.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { liveInterpreters } from '@pymem/cpython';
import { startPyodide } from './pyodide-run.ts';
import { RUN_DIFFERENTIAL_PROFILES, runPrograms } from './record-run-fixtures.ts';

const run = promisify(execFile);

/** Where the fixture lives. */
export const GENERATOR_CODES_FIXTURE: string = join(
  import.meta.dirname,
  '..',
  '..',
  'packages',
  'python',
  'src',
  '__fixtures__',
  'generator-codes.json',
);

/** One generator code: `name line nlocals stacksize`. */
type Shapes = Record<string, Record<string, string[]>>;

const PROBE = `
import sys
def walk(code):
    if code.co_flags & 0x20:
        print(code.co_name, code.co_firstlineno, code.co_nlocals, code.co_stacksize)
    for c in code.co_consts:
        if hasattr(c, 'co_code'):
            walk(c)
walk(compile(open(sys.argv[1]).read(), sys.argv[1], 'exec'))
`;

async function main(): Promise<void> {
  const previous: Shapes = existsSync(GENERATOR_CODES_FIXTURE)
    ? JSON.parse(readFileSync(GENERATOR_CODES_FIXTURE, 'utf8'))
    : {};
  const programs = runPrograms().filter(
    ({ file }) => file.startsWith('gen_') || file.startsWith('it_iter_'),
  );
  const fixture: Shapes = {};
  for (const profile of RUN_DIFFERENTIAL_PROFILES) {
    const interpreter = liveInterpreters().find((i) => i.profile === profile);
    if (interpreter === undefined) {
      process.stderr.write(`*** no CPython ${profile} here: its previous entries were kept\n`);
      if (previous[profile] !== undefined) fixture[profile] = previous[profile];
      continue;
    }
    const shapes: Record<string, string[]> = {};
    for (const { key, dir, file } of programs) {
      const { stdout } = await run(interpreter.path, ['-c', PROBE, join(dir, file)]);
      shapes[key] = stdout.trim() === '' ? [] : stdout.trim().split('\n');
    }
    fixture[profile] = shapes;
  }
  const pyodide = await startPyodide();
  if (pyodide === null) {
    if (previous['3.14'] !== undefined) fixture['3.14'] = previous['3.14'];
  } else {
    const probe = join(mkdtempSync(join(tmpdir(), 'pymem-codes-')), 'generator_codes_probe.py');
    writeFileSync(probe, PROBE);
    const shapes: Record<string, string[]> = {};
    for (const { key, dir, file } of programs) {
      const stdout = pyodide.runScript(probe, dir, file);
      shapes[key] = stdout.trim() === '' ? [] : stdout.trim().split('\n');
    }
    fixture['3.14'] = shapes;
  }
  writeFileSync(GENERATOR_CODES_FIXTURE, `${JSON.stringify(fixture, null, 1)}\n`);
  process.stdout.write(`wrote ${GENERATOR_CODES_FIXTURE}: ${programs.length} programs\n`);
}

if (process.argv[1] === import.meta.filename) await main();
