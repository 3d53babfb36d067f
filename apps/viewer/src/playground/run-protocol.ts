/**
 * Messages between the snippet page and the worker that runs the snippet on the model.
 *
 *   page ──{ run, source, python }──► worker
 *   page ◄──{ ran, steps, stdout, … }─ worker   (one message: the whole run)
 *
 * The worker captures the view before every statement up to {@link MAX_CAPTURED_STEPS}
 * (then only counts), and the view after the program ended, so stepping back and
 * forward is a lookup, never a re-run.
 */
import type { CollectionView, StepView } from '@pymem/python';
import type { Trace } from '@pymem/tracing';
import type { ReplayCheckpoint } from '../model/first-pass.ts';
import type { TimelineColumns } from '../model/timeline.ts';

/** The most steps a run keeps views of (a runaway loop still ends with its final state). */
export const MAX_CAPTURED_STEPS = 20_000;

/** page → worker: run a snippet. */
export interface RunRequest {
  readonly type: 'run';
  readonly source: string;
  /** `3.8` … `3.13`. */
  readonly python: string;
  /** Statement limit (`pymem run --max-steps`). */
  readonly maxSteps: number;
}

/** worker → page: the run, every captured step with it. */
export interface RunMessage {
  readonly type: 'ran';
  /** `ok`, `error` (a Python exception), `unsupported` or `step-limit`. */
  readonly outcome: 'ok' | 'error' | 'unsupported' | 'step-limit';
  readonly stdout: string;
  /** The traceback, the unsupported line or the step-limit line. */
  readonly stderr: string;
  /** Views before each captured statement, then the end state (`done`). */
  readonly steps: readonly StepView[];
  /** Each kept step's event index in {@link recording} (allocator events before its line). */
  readonly stepEvents: Int32Array;
  /** The run's allocator, object and collector events, replayed once, for the heap map. */
  readonly recording: {
    readonly trace: Trace;
    readonly timeline: TimelineColumns;
    readonly end: ReplayCheckpoint;
  };
  /** The collections the program made, phase by phase. */
  readonly collections: readonly CollectionView[];
  /** Statements executed in all. */
  readonly executed: number;
  /** Milliseconds the run took in the worker. */
  readonly milliseconds: number;
}

/** worker → page: the run could not start (a bad version, an internal error). */
export interface RunFailure {
  readonly type: 'failed';
  readonly message: string;
}

/** What the worker posts. */
export type RunReply = RunMessage | RunFailure;
