/**
 * Random access into a recording: the model's state at any event index.
 *
 * Moving forward replays; every `interval` events a checkpoint of the whole model is
 * kept, so reaching event i later costs one restore plus at most `interval` events.
 *
 *   checkpoints:  0 ───── K ───── 2K ───── 3K ─ …
 *   seek(2K + 7): restore 2K, replay 7 events
 *
 * A streamed recording must be readable from the middle (`windowsFrom`, as a `.pmt`
 * file's chunks are) for any seek backwards.
 *
 * Memory: one copy of pymalloc's state per checkpoint (about 130 KiB per arena on
 * 3.10+, plus the pool headers).
 */

import type { Recording } from '@pymem/tracing';
import { type ReplayCheckpoint, Replayer, type ReplayOptions } from './replay.ts';

/** Options of {@link TraceSeeker}. */
export interface SeekOptions extends Omit<ReplayOptions, 'verify'> {
  /** Events between checkpoints (default 50,000). */
  readonly interval?: number;
}

/** Replays a recording to any event index, fast, in any order. */
export class TraceSeeker {
  /** The replayer whose model is positioned by {@link seek}. */
  readonly replayer: Replayer;
  private readonly interval: number;
  private readonly checkpoints: ReplayCheckpoint[] = [];

  constructor(trace: Recording, options: SeekOptions = {}) {
    this.replayer = new Replayer(trace, options);
    this.interval = Math.max(1, options.interval ?? 50_000);
    this.checkpoints.push(this.replayer.checkpoint());
  }

  /** Number of events in the recording. */
  get length(): number {
    return this.replayer.trace.length;
  }

  /**
   * The first event a {@link seek} to `eventIndex` would replay: the events from there
   * to `eventIndex` are all it reads.
   */
  replayFrom(eventIndex: number): number {
    const target = Math.max(0, Math.min(Math.floor(eventIndex), this.length));
    const position = this.replayer.position;
    const slot = Math.min(Math.floor(target / this.interval), this.checkpoints.length - 1);
    const nearest = this.checkpoints[slot]!.position;
    return position > target || position < nearest ? nearest : position;
  }

  /**
   * Puts the model in the state after `eventIndex` events (clamped to the recording)
   * and returns the replayer.
   */
  seek(eventIndex: number): Replayer {
    const target = Math.max(0, Math.min(Math.floor(eventIndex), this.length));
    const replayer = this.replayer;
    const slot = Math.min(Math.floor(target / this.interval), this.checkpoints.length - 1);
    const nearest = this.checkpoints[slot]!;
    if (replayer.position > target || replayer.position < nearest.position)
      replayer.restore(nearest);
    while (replayer.position < target) {
      const next = (Math.floor(replayer.position / this.interval) + 1) * this.interval;
      replayer.runTo(Math.min(next, target));
      if (replayer.position === next && next / this.interval === this.checkpoints.length) {
        this.checkpoints.push(replayer.checkpoint());
      }
    }
    return replayer;
  }
}
