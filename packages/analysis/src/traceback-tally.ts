/**
 * Blocks and requested bytes counted per allocation site (traceback id) of one
 * recording: two typed-array updates per block, whatever the number of blocks. The
 * reports built on it (site rows, allocation-stack trees) resolve names once, at the
 * end.
 *
 * Invariant: `totalBlocks` and `totalBytes` are the sums of the per-slot counts.
 */
import type { TraceNotes } from '@pymem/tracing';

/** Per-traceback counters; subclasses turn them into a report. */
export class TracebackTally {
  /** Blocks added. */
  totalBlocks = 0;
  /** Requested bytes added. */
  totalBytes = 0;
  /** The recording whose traceback ids are counted. */
  protected readonly trace: TraceNotes;
  /** Blocks per slot: slot 0 counts blocks without a site, slot t + 1 traceback t. */
  protected readonly blocks: Float64Array;
  /** Requested bytes per slot (same slots). */
  protected readonly bytes: Float64Array;

  constructor(trace: TraceNotes) {
    this.trace = trace;
    this.blocks = new Float64Array(trace.tracebacks.length + 1);
    this.bytes = new Float64Array(trace.tracebacks.length + 1);
  }

  /** Adds one block of `size` requested bytes allocated at traceback `site` (−1: none). */
  add(site: number, size: number): void {
    const slot = site >= 0 && site < this.trace.tracebacks.length ? site + 1 : 0;
    this.blocks[slot]!++;
    this.bytes[slot]! += size;
    this.totalBlocks++;
    this.totalBytes += size;
  }
}
