/**
 * The timeline's columns: arenas allocated, bytes in blocks and utilisation at evenly
 * spaced events (`sampleIndices`), each measured by `measureHeap` of `@pymem/analysis`
 * — what `pymem timeline` prints — during one replay of the recording (first-pass.ts).
 */
import { measureHeap } from '@pymem/analysis';
import type { Obmalloc } from '@pymem/obmalloc';

/** Columns of the timeline, as uPlot wants them. */
export interface TimelineColumns {
  /** Event index of each sample. */
  readonly x: Float64Array;
  readonly arenas: Float64Array;
  readonly bytesInBlocks: Float64Array;
  /** Percent. */
  readonly utilisation: Float64Array;
  /** Highest arena-object index in use at any sample. */
  lastArena: number;
}

/** A timeline being filled. */
export interface Timeline extends TimelineColumns {
  /** Samples filled so far. */
  filled: number;
}

/** An empty timeline over the given sample indexes. */
export function emptyTimeline(indices: readonly number[]): Timeline {
  const n = indices.length;
  return {
    x: Float64Array.from(indices),
    arenas: new Float64Array(n),
    bytesInBlocks: new Float64Array(n),
    utilisation: new Float64Array(n),
    filled: 0,
    lastArena: -1,
  };
}

/**
 * Fills the next samples of `timeline`, positioning the model with `seek`, until
 * `budgetMs` is spent; returns true when every sample is filled.
 */
export function fillTimeline(
  timeline: Timeline,
  seek: (eventIndex: number) => Obmalloc,
  budgetMs: number,
  now: () => number = () => performance.now(),
): boolean {
  const start = now();
  while (timeline.filled < timeline.x.length) {
    const i = timeline.filled;
    const point = measureHeap(seek(timeline.x[i]!));
    timeline.arenas[i] = point.arenas;
    timeline.bytesInBlocks[i] = point.bytesInBlocks;
    timeline.utilisation[i] = point.utilisation * 100;
    timeline.lastArena = Math.max(timeline.lastArena, point.lastArena);
    timeline.filled++;
    if (now() - start >= budgetMs) break;
  }
  return timeline.filled === timeline.x.length;
}

/** Samples of a timeline (about 300). */
export const TIMELINE_SAMPLES = 300;
