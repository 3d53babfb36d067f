/**
 * `runPython`: compiles a program and runs it on a fresh heap of the chosen profile,
 * returning what it printed and how it ended. The outcome is one of
 *
 *   ok           the program ended; `stdout` is everything it printed
 *   error        a Python exception ended it: `stderr` holds CPython's traceback
 *   unsupported  it used something outside the modelled subset: `stderr` holds
 *                `FILE:LINE:COL: <feature> is not supported by pymem run`
 *   step-limit   it ran more than `maxSteps` statements
 *
 * Supported profiles: 3.8 … 3.13 (their refcounts and sizes are checked against the
 * real interpreters by tests/run-differential.test.ts). The traceback is printed as
 * 3.8–3.10 print it; from 3.11 CPython adds caret lines under the failing expression,
 * which the model does not draw, so an exception there is Unsupported.
 */
import { Heap } from '@pymem/objects';
import { parseVersion } from '@pymem/versions';
import { Compiler, pythonErrorOf } from './compiler.ts';
import { PythonError, StepLimit, Unsupported } from './errors.ts';
import type { Frame } from './frame.ts';
import { Machine } from './machine.ts';
import { Source } from './source.ts';

/** The step limit when none is given: ten million executed statements. */
export const DEFAULT_MAX_STEPS = 10_000_000;

/** Options of {@link runPython}. */
export interface RunOptions {
  /** The CPython version to model, `3.8` … `3.13` (default 3.12). */
  readonly python?: string;
  /** The file name shown in tracebacks and error lines (default `<string>`). */
  readonly filename?: string;
  /** At most this many statements run (default {@link DEFAULT_MAX_STEPS}). */
  readonly maxSteps?: number;
}

/** How a run ended and what it printed. */
export interface RunResult {
  /** `ok`, `error` (a Python exception), `unsupported` or `step-limit`. */
  readonly outcome: 'ok' | 'error' | 'unsupported' | 'step-limit';
  /** What the program printed. */
  readonly stdout: string;
  /** The traceback, the unsupported line or the step-limit line ('' when ok). */
  readonly stderr: string;
  /** The heap the program ran on (for `--stats` and inspection). */
  readonly heap: Heap;
  /** Statements executed. */
  readonly steps: number;
}

/** The profiles `pymem run` models. */
export const RUN_PROFILES: readonly string[] = ['3.8', '3.9', '3.10', '3.11', '3.12', '3.13'];

/**
 * Runs `text` as a Python program on the model.
 * @throws Unsupported for a profile other than 3.8 … 3.13
 */
export function runPython(text: string, options: RunOptions = {}): RunResult {
  const profile = parseVersion(options.python ?? '3.12').name;
  if (!RUN_PROFILES.includes(profile)) throw new Unsupported(`--python ${profile}`);
  const filename = options.filename ?? '<string>';
  const heap = new Heap({ profile });
  const machine = new Machine(heap, options.maxSteps ?? DEFAULT_MAX_STEPS);
  const moduleFrame: Frame = { locals: [], returned: 0, line: 0 };
  let source: Source | undefined;
  const finish = (outcome: RunResult['outcome'], stderr: string): RunResult => ({
    outcome,
    stdout: machine.out.join(''),
    stderr,
    heap,
    steps: machine.steps,
  });
  try {
    source = new Source(text);
    const body = new Compiler(source, machine).compileModule();
    body(moduleFrame);
    return finish('ok', '');
  } catch (thrown) {
    const error = pythonErrorOf(thrown);
    if (error instanceof Unsupported) {
      const where = error.position ?? { line: machine.line, column: machine.column };
      return finish('unsupported', `${filename}:${where.line}:${where.column}: ${error.message}\n`);
    }
    if (error instanceof StepLimit) return finish('step-limit', `pymem run: ${error.message}\n`);
    if (error instanceof PythonError && source !== undefined) {
      if (machine.minor >= 11) {
        const feature = `a traceback on 3.11+ (${error.type}: its caret lines are not drawn)`;
        return finish(
          'unsupported',
          `${filename}:${moduleFrame.line}:1: ${new Unsupported(feature).message}\n`,
        );
      }
      error.frames.push({ position: { line: moduleFrame.line, column: 0 }, scope: '<module>' });
      const lines = ['Traceback (most recent call last):'];
      for (const frame of [...error.frames].reverse()) {
        lines.push(`  File "${filename}", line ${frame.position.line}, in ${frame.scope}`);
        const code = source.lineText(frame.position.line).trim();
        if (code !== '') lines.push(`    ${code}`);
      }
      lines.push(error.detail === '' ? error.type : `${error.type}: ${error.detail}`);
      return finish('error', `${lines.join('\n')}\n`);
    }
    throw error;
  }
}
