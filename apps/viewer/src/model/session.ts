/**
 * One opened recording in the viewer: the trace, its profile, and a checkpointed
 * seeker (`TraceSeeker`) that puts the model at any event. Every read of the model
 * goes through {@link ViewerSession.at}, so whoever moved the seeker last (a seek,
 * the warm-up) the caller sees the state after exactly the events it asked for.
 *
 *   open:     the seeker's replayer restores the worker's end-of-recording state, so
 *             the first paint (at the last event) replays nothing;
 *   warm-up:  {@link ViewerSession.warm} then walks the recording in slices to lay
 *             down every checkpoint, after which a seek anywhere costs one restore
 *             plus at most one interval of events.
 *
 * Checkpoint spacing keeps all checkpoints within {@link CHECKPOINT_BUDGET} bytes
 * (each holds every arena's free-block links: ~130 KiB per arena on 3.10+).
 */
import {
  blocksPerPool,
  OBMALLOC_CONSTANTS,
  type Obmalloc,
  type ObmallocConstants,
} from '@pymem/obmalloc';
import { type Replayer, TraceSeeker } from '@pymem/runtime';
import type { Trace } from '@pymem/tracing';
import { parseVersion, type VersionProfile } from '@pymem/versions';
import type { ReplayCheckpoint } from './first-pass.ts';
import type { TimelineColumns } from './timeline.ts';

/** Bytes all checkpoints of a recording may take together (about). */
export const CHECKPOINT_BUDGET: number = 128 * 2 ** 20;

/**
 * Events between checkpoints for a recording of `length` events whose checkpoints
 * take `checkpointBytes` each: between 8 and 64 checkpoints, never closer than 10,000
 * events.
 */
export function checkpointInterval(length: number, checkpointBytes: number): number {
  const count = Math.max(
    8,
    Math.min(64, Math.floor(CHECKPOINT_BUDGET / Math.max(1, checkpointBytes))),
  );
  return Math.max(10_000, Math.ceil(length / count));
}

/** What the loader hands to a session. */
export interface LoadedRecording {
  readonly trace: Trace;
  /** File name shown to the user. */
  readonly name: string;
  readonly format: 'text' | 'pmt';
  readonly warnings: readonly string[];
  readonly timeline: TimelineColumns;
  /** The replay state after the last event, if known. */
  readonly end?: ReplayCheckpoint | null;
}

/** An opened recording and the seeker over it. */
export class ViewerSession {
  readonly trace: Trace;
  readonly name: string;
  readonly format: 'text' | 'pmt';
  readonly warnings: readonly string[];
  readonly timeline: TimelineColumns;
  /** The CPython version profile modelled. */
  readonly profile: VersionProfile;
  /** Events between checkpoints. */
  readonly interval: number;
  /** Block slots in a pool of the smallest size class (the most any pool has). */
  readonly maxBlocks: number;
  private seeker: TraceSeeker;
  private warmedTo = 0;

  constructor(recording: LoadedRecording) {
    this.trace = recording.trace;
    this.name = recording.name;
    this.format = recording.format;
    this.warnings = recording.warnings;
    this.timeline = recording.timeline;
    this.profile = parseVersion(recording.trace.header.python);
    const c = OBMALLOC_CONSTANTS[this.profile.name];
    this.maxBlocks = blocksPerPool(c, 0);
    const arenas = Math.max(1, recording.timeline.lastArena + 1);
    const perArena = c.maxPoolsInArena * (this.maxBlocks * 2 + 7 * 4);
    this.interval = checkpointInterval(recording.trace.length, arenas * perArena);
    this.seeker = new TraceSeeker(recording.trace, { interval: this.interval });
    const end = recording.end;
    if (end && end.position === recording.trace.length) {
      try {
        this.seeker.replayer.restore(end);
      } catch {
        this.seeker = new TraceSeeker(recording.trace, { interval: this.interval });
      }
    }
  }

  /** Number of events. */
  get length(): number {
    return this.trace.length;
  }

  /** True when the recording names allocation sites. */
  get hasSites(): boolean {
    return this.trace.tracebacks.length > 0;
  }

  /** The replayer, positioned after `eventIndex` events. */
  at(eventIndex: number): Replayer {
    return this.seeker.seek(eventIndex);
  }

  /** The model after `eventIndex` events. */
  model(eventIndex: number): Obmalloc {
    return this.seeker.seek(eventIndex).model;
  }

  /** pymalloc's constants for this recording's profile. */
  get constants(): ObmallocConstants {
    return this.seeker.replayer.model.constants;
  }

  /** Where arena addresses come from ('recorded' when the trace has `A` events). */
  get addressMode(): 'recorded' | 'modelled' {
    return this.seeker.replayer.addressMode;
  }

  /** True once every checkpoint is laid down. */
  get warmed(): boolean {
    return this.warmedTo >= this.length;
  }

  /** Lays down checkpoints for up to `budgetMs`; returns true when all are there. */
  warm(budgetMs: number): boolean {
    const start = performance.now();
    while (this.warmedTo < this.length) {
      this.warmedTo = Math.min(this.length, this.warmedTo + this.interval);
      this.seeker.seek(this.warmedTo);
      if (performance.now() - start >= budgetMs) break;
    }
    return this.warmed;
  }
}
