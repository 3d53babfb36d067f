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
 * Supported profiles: 3.8 … 3.14 (their refcounts and sizes are checked against the
 * real interpreters by tests/run-differential.test.ts: 3.8 … 3.13 natively, 3.14 on
 * Pyodide's CPython 3.14.2 with a heap of 4-byte pointers; a 3.14 run on the default
 * 64-bit layout is modelled from source). Tracebacks are CPython's,
 * with 3.11+'s marks under the failing construct (see `traceback` below); where the
 * failing range is not known the run is Unsupported rather than drawn wrong.
 */
import type { HeapCollector } from '@pymem/gc';
import { Heap } from '@pymem/objects';
import { parseVersion } from '@pymem/versions';
import { classNames, classQualname } from './class-attributes.ts';
import { instanceText, refuseLiveFinalizers } from './class-dunders.ts';
import { CollectionRecorder, type CollectionView } from './collection-view.ts';
import { Compiler, pythonErrorOf } from './compiler.ts';
import { PythonError, StepLimit, Unsupported } from './errors.ts';
import type { Frame } from './frame.ts';
import { installKeyHooks } from './key-hashes.ts';
import { LineEvents, type LineListener } from './line-events.ts';
import { Machine } from './machine.ts';
import type { ProfileRules } from './profile-rules.ts';
import { Source } from './source.ts';
import { type FrameNames, StepRecorder, type StepView } from './step-state.ts';
import { formatSyntaxWarnings } from './syntax-warnings.ts';
import { installClassModule, installInstanceRepr } from './values.ts';

/** The step limit when none is given: ten million executed statements. */
export const DEFAULT_MAX_STEPS = 10_000_000;

/** Options of {@link runPython}. */
export interface RunOptions {
  /**
   * The CPython version to model, `3.8` … `3.14` (default 3.12), or a release such as
   * `3.14.2`: 3.14.0–3.14.4 run the incremental cycle collector (gc-calls.ts).
   */
  readonly python?: string;
  /** The file name shown in tracebacks and error lines (default `<string>`). */
  readonly filename?: string;
  /**
   * Print the compiler's SyntaxWarnings on stderr before the run, as CPython does by
   * default (default true); false runs as `python -W ignore` (syntax-warnings.ts).
   */
  readonly warnings?: boolean;
  /** At most this many statements run (default {@link DEFAULT_MAX_STEPS}). */
  readonly maxSteps?: number;
  /**
   * Called before each statement runs, and once more when the program has ended;
   * `capture()` reads the step's frames and objects (step-state.ts). Capturing is the
   * caller's choice, so a long run can capture only the steps it will show.
   */
  readonly onStep?: (capture: () => StepView, done: boolean) => void;
  /** Called after each collection the program makes, with its phases (collection-view.ts). */
  readonly onCollection?: (collection: CollectionView) => void;
  /**
   * The heap to run on, fresh and of the chosen profile (a recorder may listen to it);
   * a new one by default. @throws Error when its profile is another
   */
  readonly heap?: Heap;
  /**
   * Called with each executed line as `sys.settrace` reports it (line-events.ts); with
   * it, a construct whose line events are not measured is refused.
   */
  readonly onLine?: LineListener;
  /**
   * Called with the cycle collector when the program imports gc, before it runs, and
   * with what `gc.isenabled()` says in the program (the model's own collector never
   * runs by itself).
   */
  readonly onCollector?: (collector: HeapCollector, isEnabled: () => boolean) => void;
}

/** How a run ended and what it printed. */
export interface RunResult {
  /** `ok`, `error` (a Python exception), `unsupported` or `step-limit`. */
  readonly outcome: 'ok' | 'error' | 'unsupported' | 'step-limit';
  /** What the program printed. */
  readonly stdout: string;
  /**
   * Everything written to stderr: the compiler's warnings first, then the traceback, the
   * unsupported line or the step-limit line ('' when ok and quiet).
   */
  readonly stderr: string;
  /**
   * The compiler's SyntaxWarnings (the start of `stderr`): CPython prints them before the
   * program runs, so ahead of anything on stdout.
   */
  readonly warnings: string;
  /** The heap the program ran on (for `--stats` and inspection). */
  readonly heap: Heap;
  /** Statements executed. */
  readonly steps: number;
}

/** The profiles `pymem run` models. */
export const RUN_PROFILES: readonly string[] = [
  '3.8',
  '3.9',
  '3.10',
  '3.11',
  '3.12',
  '3.13',
  '3.14',
];

/**
 * Runs `text` as a Python program on the model.
 * @throws Unsupported for a profile other than 3.8 … 3.14
 */
export function runPython(text: string, options: RunOptions = {}): RunResult {
  const profile = parseVersion(options.python ?? '3.12').name;
  if (!RUN_PROFILES.includes(profile)) throw new Unsupported(`--python ${profile}`);
  const filename = options.filename ?? '<string>';
  const heap = options.heap ?? new Heap({ profile });
  if (heap.layout.profile !== profile)
    throw new Error(`runPython: a heap of ${heap.layout.profile} for a run of ${profile}`);
  const machine = new Machine(heap, options.maxSteps ?? DEFAULT_MAX_STEPS);
  machine.patch = patchOf(options.python);
  installKeyHooks(machine);
  installInstanceRepr(heap, (o) => instanceText(machine, o, true, true));
  installClassModule(heap, (cls) =>
    classNames(machine).has(cls) ? `__main__.${classQualname(machine, cls)}` : undefined,
  );
  if (options.onLine !== undefined) machine.lines = new LineEvents(options.onLine);
  const moduleFrame: Frame = { locals: [], returned: 0, line: 0 };
  let source: Source | undefined;
  let warnings = '';
  const onStep = options.onStep;
  const recorder = new StepRecorder(machine);
  const capture = (done: boolean) => () => recorder.capture(framesOf(machine, moduleFrame), done);
  if (onStep !== undefined) {
    const before = capture(false);
    machine.onStatement = () => onStep(before, false);
  }
  const finish = (outcome: RunResult['outcome'], stderr: string): RunResult => {
    if (onStep !== undefined) {
      machine.onStatement = null;
      onStep(capture(true), true);
    }
    return {
      outcome,
      stdout: machine.out.join(''),
      stderr: machine.err.join('') + stderr,
      warnings,
      heap,
      steps: machine.steps,
    };
  };
  try {
    source = new Source(text);
    const compiler = new Compiler(source, machine);
    const body = compiler.compileModule();
    if (options.warnings !== false) {
      warnings = formatSyntaxWarnings(compiler.warnings, filename, text);
      machine.err.push(warnings);
    }
    const gc = machine.gc;
    if (gc !== null) options.onCollector?.(gc.collector, () => gc.enabled);
    if (options.onCollection !== undefined && gc !== null) {
      // After onCollector: a hook it installed (a recorder's) keeps receiving every event.
      const collector = gc.collector.collector;
      const listen = new CollectionRecorder(machine, options.onCollection).listen;
      const previous = collector.hook;
      collector.hook =
        previous === undefined
          ? listen
          : (event) => {
              previous(event);
              listen(event);
            };
    }
    body(moduleFrame);
    refuseLiveFinalizers(machine);
    return finish('ok', '');
  } catch (thrown) {
    const error = pythonErrorOf(thrown);
    if (error instanceof Unsupported) {
      const where = error.position ?? { line: machine.line, column: machine.column };
      return finish('unsupported', `${filename}:${where.line}:${where.column}: ${error.message}\n`);
    }
    if (error instanceof StepLimit) return finish('step-limit', `pymem run: ${error.message}\n`);
    if (isStackOverflow(error)) {
      // The host's stack ran out before MAX_DEPTH Python calls: refused, never a crash.
      const feature = "recursion deeper than this JavaScript engine's stack allows";
      const where = `${filename}:${machine.line}:${machine.column}`;
      return finish('unsupported', `${where}: ${new Unsupported(feature).message}\n`);
    }
    if (error instanceof PythonError && source !== undefined) {
      try {
        refuseLiveFinalizers(machine);
      } catch (refused) {
        const where = `${filename}:${machine.line}:${machine.column}`;
        return finish('unsupported', `${where}: ${(refused as Error).message}\n`);
      }
      error.frames.push({
        position: { line: moduleFrame.line, column: 0 },
        scope: '<module>',
        ...(error.location === undefined ? {} : { location: error.location }),
      });
      const hinted = suggestibleIn(error, new Set());
      const text =
        hinted === undefined
          ? chainedTraceback(error, source, filename, machine.rules, new Set())
          : null;
      if (hinted !== undefined) {
        const feature = `the "Did you mean" hint of an uncaught ${hinted.type} on 3.${machine.minor}`;
        return finish(
          'unsupported',
          `${filename}:${machine.line}:${machine.column}: ${new Unsupported(feature).message}\n`,
        );
      }
      if (text === null) {
        const feature = `the traceback of this ${error.type} on 3.${machine.minor}`;
        return finish(
          'unsupported',
          `${filename}:${machine.line}:${machine.column}: ${new Unsupported(feature).message}\n`,
        );
      }
      return finish('error', text);
    }
    throw error;
  }
}

/**
 * The first error of `error`'s printed chain whose traceback would end in a "Did you
 * mean" suggestion that is not modelled (3.10+ NameError / AttributeError with a
 * context: print_exception computes it from the names around; a NameError's is
 * modelled where name-error-hints.ts knows its candidates), else undefined. The
 * modelled hints are stored for printing.
 */
function suggestibleIn(error: PythonError, seen: Set<PythonError>): PythonError | undefined {
  if (seen.has(error)) return undefined;
  seen.add(error);
  if (error.suggestible) {
    // A modelled hint joins the printed message (name-error-hints.ts).
    const hint = error.hint?.();
    if (hint === undefined || hint === null) return error;
    error.printedHint = hint;
  }
  const cause = error.causedBy === undefined ? undefined : suggestibleIn(error.causedBy, seen);
  if (cause !== undefined) return cause;
  return error.context === undefined ? undefined : suggestibleIn(error.context, seen);
}

/** The last line of an error's traceback: its class, its message and its hint. */
function printedMessage(error: PythonError): string {
  const hint = error.printedHint ?? '';
  return error.detail === '' && hint === '' ? error.type : `${error.type}: ${error.detail}${hint}`;
}

/** True for the JavaScript engine's own stack overflow (V8 and SpiderMonkey word it apart). */
function isStackOverflow(error: unknown): boolean {
  return (
    (error instanceof RangeError && /call stack/i.test(error.message)) ||
    (error instanceof Error && error.name === 'InternalError' && /recursion/i.test(error.message))
  );
}

/** The patch number of a version such as `3.14.2` (undefined for `3.14`). */
function patchOf(python: string | undefined): number | undefined {
  const match = /\d+\.\d+\.(\d+)/.exec(python ?? '');
  return match === null ? undefined : Number(match[1]);
}

/** The module's names and each running call's locals, outermost first. */
function framesOf(m: Machine, module: Frame): FrameNames[] {
  const frames: FrameNames[] = [{ name: '<module>', line: module.line, names: [...m.globals] }];
  for (const { code, frame } of m.calls)
    frames.push({
      name: code.name,
      line: frame.line,
      names: (code.localNames ?? [])
        .map((name, i) => [name, frame.locals[i] ?? 0] as const)
        .filter(([name]) => name !== ''),
    });
  return frames;
}

/**
 * An exception's traceback preceded by its cause's (`raise … from c`) or, unless
 * suppressed, its context's, each with CPython's line between them
 * (traceback.c print_exception_recursive / traceback.py TracebackException.format).
 * An exception that was never raised has no traceback: only its last line.
 */
function chainedTraceback(
  error: PythonError,
  source: Source,
  filename: string,
  rules: ProfileRules,
  seen: Set<PythonError>,
): string | null {
  seen.add(error);
  let before = '';
  const cause = error.causedBy;
  const context = error.suppressContext ? undefined : error.context;
  const earlier = cause ?? context;
  if (earlier !== undefined && !seen.has(earlier)) {
    const text = chainedTraceback(earlier, source, filename, rules, seen);
    if (text === null) return null;
    before =
      cause !== undefined
        ? `${text}\nThe above exception was the direct cause of the following exception:\n\n`
        : `${text}\nDuring handling of the above exception, another exception occurred:\n\n`;
  }
  if (error.frames.length === 0) return `${before}${printedMessage(error)}\n`;
  const own = traceback(error, source, filename, rules);
  return own === null ? null : before + own;
}

/**
 * CPython's traceback text: each frame's file, line and scope, the source line
 * stripped, and from 3.11 a line of marks under the failing construct — `^` under it,
 * or `~` with `^` under a binary operator, a subscript's brackets and (3.13) a call's
 * arguments. The marks are left out where they would cover the whole line without an
 * operator (3.11/3.12), and (3.13) for `x = f(…)` / `return f(…)` (traceback.py
 * `_should_show_carets`; Python/traceback.c print_error_location_carets 3.11/3.12).
 * Returns null when a frame's failing range is not known (3.11+).
 */
function traceback(
  error: PythonError,
  source: Source,
  filename: string,
  rules: ProfileRules,
): string | null {
  const lines = ['Traceback (most recent call last):'];
  for (const frame of [...error.frames].reverse()) {
    lines.push(`  File "${filename}", line ${frame.position.line}, in ${frame.scope}`);
    const raw = source.lineText(frame.position.line);
    const code = raw.trim();
    if (code === '') continue;
    lines.push(`    ${code}`);
    if (!rules.tracebackMarks) continue;
    const loc = frame.location;
    if (loc === undefined) return null;
    const start = source.position(loc.from);
    const end = source.position(loc.to);
    if (start.line !== frame.position.line || end.line !== start.line) return null;
    const indent = raw.length - raw.trimStart().length;
    const first = start.column - 1 - indent;
    const last = end.column - 1 - indent;
    const anchored =
      loc.kind === 'binop' ||
      loc.kind === 'subscript' ||
      (loc.kind === 'call' && rules.callArgumentMarks);
    const whole = first === 0 && last === code.length;
    if (rules.callArgumentMarks && loc.wholeCallValue) continue;
    if (whole && !anchored) continue;
    const lineStart = loc.from - (start.column - 1);
    let marks = '';
    for (let i = first; i < last; i++) {
      const offset = lineStart + indent + i;
      const strong = anchored ? offset >= loc.anchorFrom && offset < loc.anchorTo : true;
      marks += strong ? '^' : '~';
    }
    lines.push(`    ${' '.repeat(first)}${marks}`);
  }
  lines.push(printedMessage(error));
  return `${lines.join('\n')}\n`;
}
