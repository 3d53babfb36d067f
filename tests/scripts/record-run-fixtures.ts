/**
 * Records what real CPython prints for the `pymem run` differential programs
 * (`pnpm --filter @pymem/tests run-fixtures`): every program in tests/programs/run and
 * tests/programs/run-errors, run by every reference interpreter 3.8 … 3.13 found here,
 * from that directory (so tracebacks name the file as `NAME.py`). Writes
 * tests/fixtures/run/expected.json: per program, each distinct output with the
 * versions that print it (stdout, exit status, stderr for the error programs).
 * CPython 3.14 is Pyodide's build (wasm32, 4-byte pointers, no pymalloc: pyodide-run.ts),
 * recorded under a version like `3.14.2-wasm32`.
 * Interpreters it cannot find keep their previous entry, loudly.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { type Interpreter, liveInterpreters } from '@pymem/cpython';
import { RECORDED_PROFILE_NAMES } from '@pymem/versions';

const run = promisify(execFile);

/** The program directories: plain programs, and programs ending in a Python error. */
export const RUN_PROGRAM_DIRS = {
  run: join(import.meta.dirname, '..', 'programs', 'run'),
  errors: join(import.meta.dirname, '..', 'programs', 'run-errors'),
} as const;

/** Where the fixture lives. */
export const RUN_FIXTURE: string = join(
  import.meta.dirname,
  '..',
  'fixtures',
  'run',
  'expected.json',
);

/** The profiles the differential covers. */
export const RUN_DIFFERENTIAL_PROFILES: readonly string[] = [
  '3.8',
  '3.9',
  '3.10',
  '3.11',
  '3.12',
  '3.13',
];

/** The profile Pyodide runs (CPython 3.14 on wasm32), recorded as `3.14.N-wasm32`. */
export const PYODIDE_PROFILE = '3.14';

/** What one interpreter printed for one program. */
export interface ProgramOutput {
  readonly stdout: string;
  readonly status: number;
  /** Standard error (kept for the error programs only; '' otherwise). */
  readonly stderr: string;
}

/** One distinct output and the interpreter versions (e.g. `3.8.18`) that printed it. */
export interface RecordedOutput extends ProgramOutput {
  readonly versions: string[];
}

/** The fixture: program file (`run/NAME.py` or `errors/NAME.py`) → its outputs. */
export type RunFixture = Record<string, RecordedOutput[]>;

/** Every program, as `dir/NAME.py` keys with their absolute directory. */
export function runPrograms(): { key: string; dir: string; file: string }[] {
  return Object.entries(RUN_PROGRAM_DIRS).flatMap(([kind, dir]) =>
    readdirSync(dir)
      .filter((name) => name.endsWith('.py'))
      .sort()
      .map((file) => ({ key: `${kind}/${file}`, dir, file })),
  );
}

/** Runs one program with a real interpreter, from its directory. */
export async function runWithCPython(
  interpreter: Interpreter,
  dir: string,
  file: string,
  keepStderr: boolean,
): Promise<ProgramOutput> {
  // Unbuffered stdout, as on a terminal: through a pipe CPython's TextIOWrapper keeps
  // the ASCII strings printed since its last flush alive (its pending list), which
  // sys.getrefcount would see and the model does not hold.
  const env = {
    ...process.env,
    PYTHONHASHSEED: '0',
    PYTHONWARNINGS: 'ignore',
    PYTHONUNBUFFERED: '1',
  };
  try {
    const { stdout, stderr } = await run(interpreter.path, ['-W', 'ignore', file], {
      cwd: dir,
      env,
    });
    return { stdout, status: 0, stderr: keepStderr ? withoutDir(stderr, dir) : '' };
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; code?: number };
    return {
      stdout: e.stdout ?? '',
      status: e.code ?? -1,
      stderr: keepStderr ? withoutDir(e.stderr ?? '', dir) : '',
    };
  }
}

/** Stands for the programs' directory in recorded tracebacks (3.9+ print the script's absolute path). */
export const DIR_PLACEHOLDER = '<DIR>';

function withoutDir(text: string, dir: string): string {
  return text.split(`${dir}/`).join(`${DIR_PLACEHOLDER}/`);
}

/** Reads the committed fixture. */
export function readRunFixture(): RunFixture {
  return JSON.parse(readFileSync(RUN_FIXTURE, 'utf8')) as RunFixture;
}

/** The recorded output of `key` for an interpreter version `x.y.z`, or undefined. */
export function recordedOutput(
  fixture: RunFixture,
  key: string,
  version: string,
): RecordedOutput | undefined {
  return fixture[key]?.find((o) => o.versions.includes(version));
}

async function main(): Promise<void> {
  const previous: RunFixture = existsSync(RUN_FIXTURE) ? readRunFixture() : {};
  const found = RECORDED_PROFILE_NAMES.filter((p) => RUN_DIFFERENTIAL_PROFILES.includes(p)).map(
    (profile) => ({ profile, interpreter: liveInterpreters().find((i) => i.profile === profile) }),
  );
  const { startPyodide } = await import('./pyodide-run.ts');
  const pyodide = await startPyodide();
  const fixture: RunFixture = {};
  for (const { key, dir, file } of runPrograms()) {
    const outputs: RecordedOutput[] = [];
    const add = (output: ProgramOutput, version: string): void => {
      const same = outputs.find(
        (o) =>
          o.stdout === output.stdout && o.status === output.status && o.stderr === output.stderr,
      );
      if (same) same.versions.push(version);
      else
        outputs.push({
          stdout: output.stdout,
          status: output.status,
          stderr: output.stderr,
          versions: [version],
        });
    };
    for (const { profile, interpreter } of found) {
      let output: ProgramOutput;
      let version: string;
      if (interpreter === undefined) {
        const kept = previous[key]?.find((o) =>
          o.versions.some((v) => v.startsWith(`${profile}.`)),
        );
        if (kept === undefined) continue;
        version = kept.versions.find((v) => v.startsWith(`${profile}.`))!;
        output = kept;
      } else {
        version = interpreter.version;
        output = await runWithCPython(interpreter, dir, file, key.startsWith('errors/'));
      }
      add(output, version);
    }
    if (pyodide !== null)
      add(pyodide.run(dir, file, key.startsWith('errors/'), DIR_PLACEHOLDER), pyodide.version);
    else {
      const kept = previous[key]?.find((o) => o.versions.some((v) => v.endsWith('-wasm32')));
      if (kept !== undefined) add(kept, kept.versions.find((v) => v.endsWith('-wasm32'))!);
    }
    fixture[key] = outputs;
  }
  for (const { profile, interpreter } of found)
    if (interpreter === undefined)
      process.stderr.write(`*** no CPython ${profile} here: its previous outputs were kept\n`);
  mkdirSync(dirname(RUN_FIXTURE), { recursive: true });
  writeFileSync(RUN_FIXTURE, `${JSON.stringify(fixture, null, 1)}\n`);
  process.stdout.write(`wrote ${RUN_FIXTURE}: ${Object.keys(fixture).length} programs\n`);
}

if (process.argv[1] === import.meta.filename) await main();
