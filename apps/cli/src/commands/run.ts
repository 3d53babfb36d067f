import { existsSync, readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { collectMallocStats, formatMallocStats } from '@pymem/obmalloc';
import { DEFAULT_MAX_STEPS, RUN_PROFILES, type RunOptions, runPython } from '@pymem/python';
import { adoptCollector, createRuntime, type ModelGcState, TraceRecorder } from '@pymem/runtime';
import { writeTraceFile } from '@pymem/tracing/node';
import { type ProfileName, parseVersion } from '@pymem/versions';
import { CliError } from '../exit-codes.ts';
import type { Io } from '../io.ts';

/** Options of `pymem run`. */
export interface RunCommandOptions {
  readonly python?: string;
  readonly maxSteps?: number;
  readonly stats?: boolean;
  /** Write the run's allocator, object and collector events to this trace file. */
  readonly trace?: string;
  /** Add a mark `line N` to the trace for each executed line. */
  readonly steps?: boolean;
}

/**
 * `pymem run SCRIPT [args]`: runs a Python program on the model and prints what it
 * prints. Exit 0 when it ends; 1 for a Python exception (CPython's traceback on
 * stderr) or the step limit (one line); 2 for a construct outside the modelled
 * subset (`FILE:LINE:COL: … is not supported by pymem run`) or an unreadable script.
 * `--stats` adds the model's `_debugmallocstats` pymalloc block on stderr at exit.
 * `--trace FILE` writes the run as a trace (`.pmt`, else text) that `pymem replay
 * --verify` reproduces, ending in the mark `exit`; with `--steps`, a mark `line N` for
 * each executed line, as `sys.settrace` reports them. It never replaces an existing
 * file, and writes nothing for a refused run.
 */
export async function runCommand(
  io: Io,
  args: readonly string[],
  options: RunCommandOptions,
): Promise<number> {
  const script = args[0];
  if (script === undefined)
    throw new CliError('usage', 'run needs a script: pymem run SCRIPT [args]');
  const profile = parseVersion(options.python ?? '3.12').name;
  if (!RUN_PROFILES.includes(profile))
    throw new CliError(
      'bad-input',
      `run models CPython ${RUN_PROFILES[0]} … ${RUN_PROFILES.at(-1)}, not ${profile}`,
    );
  if (options.steps && options.trace === undefined)
    throw new CliError('usage', '--steps marks the lines in a trace: give --trace FILE too');
  if (options.trace !== undefined && (options.trace === '' || options.trace === '-'))
    throw new CliError('usage', '--trace needs a file name (the trace is not written to stdout)');
  if (options.trace !== undefined && existsSync(options.trace))
    throw new CliError(
      'bad-input',
      `${options.trace} exists already: pymem run does not replace it`,
    );
  let text: string;
  try {
    text = readFileSync(script, 'utf8');
  } catch {
    throw new CliError('missing-file', `cannot read ${script}`);
  }
  const recording =
    options.trace === undefined ? null : startRecording(profile as ProfileName, options.steps);
  const result = runPython(text, {
    filename: script,
    maxSteps: options.maxSteps ?? DEFAULT_MAX_STEPS,
    ...(options.python === undefined ? {} : { python: options.python }),
    ...(recording === null ? {} : recording.runOptions),
  });
  // CPython prints its compiler's warnings before the program's output.
  io.err(result.warnings);
  io.out(result.stdout);
  io.err(result.stderr.slice(result.warnings.length));
  if (options.stats) io.err(formatMallocStats(collectMallocStats(result.heap.obmalloc)));
  if (recording !== null && options.trace !== undefined) {
    recording.recorder.heapSnapshot('exit', recording.collector(), recording.gcState());
    const trace = recording.recorder.stop('exit');
    if (result.outcome === 'unsupported')
      io.err(`pymem: nothing written to ${options.trace}: the run was refused\n`);
    else {
      const format = extname(options.trace) === '.pmt' ? 'pmt' : 'text';
      try {
        await writeTraceFile(trace, options.trace, format, false);
      } catch (error) {
        throw new CliError('bad-input', (error as Error).message);
      }
      io.err(
        `pymem: wrote ${trace.length.toLocaleString('en-US')} events` +
          `${options.steps ? ` and ${(trace.marks.length - 1).toLocaleString('en-US')} line marks` : ''}` +
          ` to ${options.trace}; check it with: pymem replay ${options.trace} --verify\n`,
      );
    }
  }
  return result.outcome === 'ok' ? 0 : result.outcome === 'unsupported' ? 2 : 1;
}

/**
 * A runtime of `profile` with a recorder on it, and the options that run the program
 * on its heap: the collector joins the recording when the program imports gc, and
 * with `steps` each executed line becomes a mark `line N`.
 */
function startRecording(profile: ProfileName, steps = false): Recording {
  const runtime = createRuntime({ profile, objects: true });
  const recorder = new TraceRecorder(runtime);
  let attached: HeapCollectorOf<RunOptions> | null = null;
  let isEnabled = () => true;
  const runOptions: RunOptions = {
    heap: runtime.heap!,
    onCollector: (collector, enabled) => {
      attached = collector;
      isEnabled = enabled;
      adoptCollector(runtime, collector.collector);
    },
    ...(steps ? { onLine: (line: number) => recorder.mark(`line ${line}`) } : {}),
  };
  return {
    recorder,
    runOptions,
    collector: () => attached?.collector ?? null,
    gcState: () => {
      if (attached === null) return undefined;
      const gc = attached.gc;
      const [t0, t1, t2] = gc.getThreshold();
      const [c0, c1, c2] = gc.getCount();
      return { enabled: isEnabled(), thresholds: [t0!, t1!, t2!], counts: [c0!, c1!, c2!] };
    },
  };
}

/** The collector a run hands to `onCollector`. */
type HeapCollectorOf<O> = O extends { onCollector?: (collector: infer C, ...rest: never[]) => void }
  ? C
  : never;

/** A run being recorded: the recorder, the run's options, and its collector once attached. */
interface Recording {
  readonly recorder: TraceRecorder;
  readonly runOptions: RunOptions;
  /** The program's collector, or null when it did not import gc. */
  collector(): HeapCollectorOf<RunOptions>['collector'] | null;
  /** The program's gc state for the exit snapshot (undefined: CPython's defaults). */
  gcState(): ModelGcState | undefined;
}
