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
 *
 * A large `.pmt` recording is read chunk by chunk (`chunked`): the session holds its
 * notes, chunk index and checkpoints, never its events. Its seeker replays a
 * `reopenPmt` trace over {@link ChunkBytes}, so a position is shown only after
 * {@link ViewerSession.prepare} has read the chunks from the seek's checkpoint to it
 * (and seeked there, keeping a checkpoint of that state); every synchronous
 * `at`/`model` of the shown position restores that checkpoint when the seeker has
 * moved (the warm-up, a newer prepare), so it reads no chunk at all. The chunks from
 * the seek's start to the position stay pinned while it is shown (the event lines
 * and the allocating-event search read them).
 */
import {
  blocksPerPool,
  OBMALLOC_CONSTANTS,
  type Obmalloc,
  type ObmallocConstants,
} from '@pymem/obmalloc';
import { type Replayer, TraceSeeker } from '@pymem/runtime';
import {
  type EventWindow,
  formatEvent,
  type PmtScanIndex,
  reopenPmt,
  type StreamedTrace,
  type Trace,
  type TraceNotes,
} from '@pymem/tracing';
import { parseVersion, type VersionProfile } from '@pymem/versions';
import { findAllocatingEvent, findAllocatingEventIn } from './allocating-event.ts';
import { ChunkBytes } from './chunk-bytes.ts';
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

/** A `.pmt` recording read chunk by chunk: the file and what the worker's scan found. */
export interface ChunkedRecording {
  readonly blob: Blob;
  readonly index: PmtScanIndex;
}

/** The event that allocated a live block, and its allocation site (−1: none). */
export interface Allocation {
  readonly eventIndex: number;
  readonly site: number;
}

/** A chunked session's position to show: where its chunks start, and the state there. */
interface ShownState {
  readonly target: number;
  /** The first event of the chunks kept in memory for it. */
  readonly from: number;
  readonly checkpoint: ReplayCheckpoint;
}

/** What the loader hands to a session. */
export interface LoadedRecording {
  /** The whole trace, or only its notes when the recording is `chunked`. */
  readonly trace: Trace | TraceNotes;
  /** Set when the recording is read chunk by chunk (then `trace` has no columns). */
  readonly chunked?: ChunkedRecording | null;
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
  /** The recording's header, length and notes. */
  readonly trace: TraceNotes;
  /** The whole trace with its event columns, or null when read chunk by chunk. */
  readonly whole: Trace | null;
  /** The chunks in memory of a recording read chunk by chunk, else null. */
  readonly chunks: ChunkBytes | null;
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
  private readonly streamed: StreamedTrace | null = null;
  /** Chunked only: prepares run one after another (each moves the seeker). */
  private queue: Promise<void> = Promise.resolve();
  private warming = false;
  private shownFrom = 0;
  /** Chunked: the position prepared to be shown, and the state there. */
  private pending: ShownState | null = null;
  /** Chunked: the position shown, and the state there (see {@link at}). */
  private shown: ShownState | null = null;
  private wanted = -1;
  private eventWindow: EventWindow | null = null;

  constructor(recording: LoadedRecording) {
    this.trace = recording.trace;
    const chunked = recording.chunked ?? null;
    this.chunks = chunked ? new ChunkBytes(chunked.blob, chunked.index.chunks) : null;
    this.streamed = chunked ? reopenPmt(this.chunks!, chunked.index) : null;
    this.whole = chunked ? null : (recording.trace as Trace);
    const events = this.streamed ?? this.whole!;
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
    this.seeker = new TraceSeeker(events, { interval: this.interval });
    const end = recording.end;
    if (end && end.position === recording.trace.length) {
      try {
        this.seeker.replayer.restore(end);
      } catch {
        this.seeker = new TraceSeeker(events, { interval: this.interval });
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

  /**
   * The replayer, positioned after `eventIndex` events. Chunked: the shown position
   * is restored from its own checkpoint (a seek from the nearest checkpoint could need
   * chunks no longer, or never, in memory); any other one must have been prepared last.
   */
  at(eventIndex: number): Replayer {
    const shown = this.shown;
    if (shown && shown.target === eventIndex) {
      const replayer = this.seeker.replayer;
      if (replayer.position !== eventIndex) replayer.restore(shown.checkpoint);
      return replayer;
    }
    return this.seeker.seek(eventIndex);
  }

  /** The model after `eventIndex` events. */
  model(eventIndex: number): Obmalloc {
    return this.at(eventIndex).model;
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

  /**
   * Makes `eventIndex` ready to show: for a chunked recording, reads the chunks the
   * seek needs (and the events either side of it, which the time bar prints), seeks
   * there and, when `show`, keeps them in memory until {@link show} (or a later
   * prepare) — then while it is shown. A whole trace is always ready.
   */
  prepare(eventIndex: number, show = true): Promise<void> {
    if (!this.chunks) return Promise.resolve();
    if (show) this.wanted = eventIndex;
    const run = this.queue.then(() =>
      // A position to show that a later one replaced (playback) is skipped.
      show && this.wanted !== eventIndex ? undefined : this.prepareNow(eventIndex, show),
    );
    this.queue = run.catch(() => {});
    return run;
  }

  private async prepareNow(eventIndex: number, show: boolean): Promise<void> {
    const chunks = this.chunks!;
    const target = Math.max(0, Math.min(Math.floor(eventIndex), this.length));
    const last = Math.max(0, this.length - 1);
    for (;;) {
      const from = Math.min(this.seeker.replayFrom(target), Math.max(0, target - 1));
      const to = Math.min(target, last);
      if (chunks.has(from, to)) {
        this.seeker.seek(target);
        if (show) {
          chunks.pin('pending', from, to);
          this.pending = { target, from, checkpoint: this.seeker.replayer.checkpoint() };
        }
        return;
      }
      await chunks.load(from, to);
    }
  }

  /**
   * Shows `eventIndex`, just prepared (its chunks then stay in memory while it is
   * shown); call it right before the position is rendered.
   */
  show(eventIndex: number): void {
    const pending = this.pending;
    if (!this.chunks || !pending || pending.target !== eventIndex) return;
    this.chunks.pin('shown', pending.from, Math.min(eventIndex, Math.max(0, this.length - 1)));
    this.shownFrom = pending.from;
    this.shown = pending;
  }

  /** Event `i` as its text line (without the newline); `i` next to the shown position. */
  eventText(i: number): string {
    if (this.whole) return formatEvent(this.whole, i).trimEnd();
    let window = this.eventWindow;
    if (!window || i < window.firstEvent || i >= window.firstEvent + window.length) {
      const next = this.streamed!.windowsFrom!(i).next();
      if (next.done) return '';
      window = next.value;
      this.eventWindow = window;
    }
    return formatEvent(window.columns, i - window.firstEvent).trimEnd();
  }

  /**
   * The event that allocated the block at `address`, live after `position` events (the
   * shown position). Read chunk by chunk, only the chunks in memory are searched: an
   * older allocation is not found (−1).
   */
  allocationOf(position: number, address: number): Allocation {
    if (this.whole) {
      const eventIndex = findAllocatingEvent(this.whole, position, address);
      return { eventIndex, site: eventIndex >= 0 ? this.whole.site[eventIndex]! : -1 };
    }
    let found: Allocation = { eventIndex: -1, site: -1 };
    const windows = this.streamed!.windowsFrom!(this.shownFrom);
    for (let next = windows.next(); !next.done; next = windows.next()) {
      const window = next.value;
      if (window.firstEvent >= position) break;
      const row = findAllocatingEventIn(
        window.columns,
        Math.min(window.length, position - window.firstEvent),
        address,
      );
      if (row >= 0)
        found = { eventIndex: window.firstEvent + row, site: window.columns.site[row]! };
      // The next window's chunk may not be in memory: stop before asking for it.
      if (window.firstEvent + window.length >= position) break;
    }
    return found;
  }

  /** Lays down checkpoints for up to `budgetMs`; returns true when all are there. */
  warm(budgetMs: number): boolean {
    if (this.chunks) {
      if (!this.warming) {
        this.warming = true;
        void this.warmChunked();
      }
      return this.warmed;
    }
    const start = performance.now();
    while (this.warmedTo < this.length) {
      this.warmedTo = Math.min(this.length, this.warmedTo + this.interval);
      this.seeker.seek(this.warmedTo);
      if (performance.now() - start >= budgetMs) break;
    }
    return this.warmed;
  }

  /** The chunked warm-up: one interval at a time, reading only its chunks. */
  private async warmChunked(): Promise<void> {
    while (this.warmedTo < this.length) {
      const next = Math.min(this.length, this.warmedTo + this.interval);
      await this.prepare(next, false);
      this.warmedTo = next;
    }
  }
}
