/**
 * Records the line events real CPython reports for the `pymem run` differential
 * programs (`pnpm --filter @pymem/tests line-trace-fixture`): every program of
 * tests/programs/run and tests/programs/run-errors, run under `sys.settrace` by
 * line_trace.py with every reference interpreter 3.8 … 3.13 found here and in Pyodide
 * (CPython 3.14, recorded as `3.14.N-wasm32`: pyodide-run.ts). Writes
 * tests/fixtures/run/line-trace.json: per program, each distinct list of executed
 * lines with the versions that report it — the list itself when short, else its
 * length and SHA-256 (the live test compares whole lists). Interpreters it cannot find
 * keep their previous entries, loudly. With `--missing`, only programs the fixture does
 * not hold yet are recorded (and any program key named on the command line again).
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { type Interpreter, liveInterpreters } from '@pymem/cpython';
import type { PyodideRun } from './pyodide-run.ts';
import { RUN_DIFFERENTIAL_PROFILES, runPrograms } from './record-run-fixtures.ts';

const run = promisify(execFile);

/** Where the fixture lives. */
export const LINE_TRACE_FIXTURE: string = join(
  import.meta.dirname,
  '..',
  'fixtures',
  'run',
  'line-trace.json',
);

/** Lists longer than this are kept as length and digest. */
const MAX_KEPT = 300;

/** One distinct line list and the interpreter versions that report it. */
export interface RecordedLines {
  /** The executed lines, when at most {@link MAX_KEPT}; else absent. */
  readonly lines?: number[];
  /** How many lines. */
  readonly count: number;
  /** SHA-256 of the lines joined by spaces. */
  readonly sha256: string;
  readonly versions: string[];
}

/** The fixture: program key (`run/NAME.py`) → its line lists. */
export type LineTraceFixture = Record<string, RecordedLines[]>;

/** The digest a recorded list is compared by. */
export function linesDigest(lines: readonly number[]): string {
  return createHash('sha256').update(lines.join(' ')).digest('hex');
}

/** The line events `interpreter` reports for `file`, run from `dir`. */
export async function lineTraceWithCPython(
  interpreter: Interpreter,
  dir: string,
  file: string,
): Promise<number[]> {
  // Unbuffered stdout, as on a terminal: through a pipe CPython's TextIOWrapper keeps
  // the ASCII strings printed since its last flush alive (its pending list), which
  // sys.getrefcount would see and the model does not hold.
  const env = {
    ...process.env,
    PYTHONHASHSEED: '0',
    PYTHONWARNINGS: 'ignore',
    PYTHONUNBUFFERED: '1',
  };
  const script = join(import.meta.dirname, 'line_trace.py');
  const { stdout } = await run(interpreter.path, ['-W', 'ignore', script, file], {
    cwd: dir,
    env,
    maxBuffer: 1 << 26,
  });
  const text = stdout.trim();
  return text === '' ? [] : text.split(' ').map(Number);
}

/** The line events Pyodide's CPython 3.14 reports for `file`. */
export function lineTraceWithPyodide(pyodide: PyodideRun, dir: string, file: string): number[] {
  const text = pyodide.runScript(join(import.meta.dirname, 'line_trace.py'), dir, file).trim();
  return text === '' ? [] : text.split(' ').map(Number);
}

/** A line list as the fixture keeps it. */
function recorded(lines: readonly number[]): Omit<RecordedLines, 'versions'> {
  return {
    ...(lines.length <= MAX_KEPT ? { lines: [...lines] } : {}),
    count: lines.length,
    sha256: linesDigest(lines),
  };
}

/** Reads the committed fixture. */
export function readLineTraceFixture(): LineTraceFixture {
  return JSON.parse(readFileSync(LINE_TRACE_FIXTURE, 'utf8')) as LineTraceFixture;
}

async function main(): Promise<void> {
  const previous: LineTraceFixture = existsSync(LINE_TRACE_FIXTURE) ? readLineTraceFixture() : {};
  const found = RUN_DIFFERENTIAL_PROFILES.map((profile) => ({
    profile,
    interpreter: liveInterpreters().find((i) => i.profile === profile),
  }));
  const { startPyodide } = await import('./pyodide-run.ts');
  const pyodide = await startPyodide();
  const fixture: LineTraceFixture = {};
  // `--missing`: programs without an entry are recorded, the others kept as they are;
  // program keys given (`run/x.py`) are recorded again too.
  const missingOnly = process.argv.includes('--missing');
  const named = new Set(process.argv.slice(2).filter((a) => !a.startsWith('--')));
  for (const { key, dir, file } of runPrograms()) {
    const kept = previous[key];
    if (missingOnly && kept !== undefined && !named.has(key)) {
      fixture[key] = kept;
      continue;
    }
    const entries: RecordedLines[] = [];
    const add = (entry: Omit<RecordedLines, 'versions'>, version: string): void => {
      const same = entries.find((e) => e.sha256 === entry.sha256);
      if (same) same.versions.push(version);
      else entries.push({ ...entry, versions: [version] });
    };
    for (const { profile, interpreter } of found) {
      let entry: Omit<RecordedLines, 'versions'>;
      let version: string;
      if (interpreter === undefined) {
        const kept = previous[key]?.find((o) =>
          o.versions.some((v) => v.startsWith(`${profile}.`)),
        );
        if (kept === undefined) continue;
        version = kept.versions.find((v) => v.startsWith(`${profile}.`))!;
        entry = kept;
      } else {
        version = interpreter.version;
        entry = recorded(await lineTraceWithCPython(interpreter, dir, file));
      }
      add(entry, version);
    }
    if (pyodide !== null) add(recorded(lineTraceWithPyodide(pyodide, dir, file)), pyodide.version);
    else {
      const kept = previous[key]?.find((e) => e.versions.some((v) => v.endsWith('-wasm32')));
      if (kept !== undefined) add(kept, kept.versions.find((v) => v.endsWith('-wasm32'))!);
    }
    fixture[key] = entries;
  }
  for (const { profile, interpreter } of found)
    if (interpreter === undefined)
      process.stderr.write(`*** no CPython ${profile} here: its previous line lists were kept\n`);
  writeFileSync(LINE_TRACE_FIXTURE, `${JSON.stringify(fixture)}\n`);
  process.stdout.write(`wrote ${LINE_TRACE_FIXTURE}: ${Object.keys(fixture).length} programs\n`);
}

if (process.argv[1] === import.meta.filename) await main();
