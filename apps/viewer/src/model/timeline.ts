/**
 * The timeline: arenas allocated, bytes in blocks and utilisation at evenly spaced
 * events, measured during one replay of the recording (see first-pass.ts).
 */
import { blockSize, type Obmalloc } from '@pymem/obmalloc';

/** What is measured at one event. */
export interface TimelinePoint {
  /** Arenas allocated now. */
  readonly arenas: number;
  /** Bytes in allocated blocks (block sizes). */
  readonly bytesInBlocks: number;
  /** bytesInBlocks / (arenas × ARENA_SIZE), 0 without arenas. */
  readonly utilisation: number;
  /** Highest arena-object index in use, −1 for none. */
  readonly lastArena: number;
}

/** Measures the model now (one pass over the carved pools). */
export function measure(model: Obmalloc): TimelinePoint {
  const s = model.state;
  const c = model.constants;
  let arenas = 0;
  let bytes = 0;
  let lastArena = -1;
  for (let a = 0; a < s.maxarenas; a++) {
    if (s.arenaAddress[a] === 0) continue;
    arenas++;
    lastArena = a;
    const carved = s.arenaCarved[a]!;
    for (let k = 0; k < carved; k++) {
      const pool = s.poolId(a, k);
      const ref = s.poolRef[pool]!;
      if (ref !== 0) bytes += ref * blockSize(c, s.poolSzidx[pool]!);
    }
  }
  const inArenas = arenas * c.arenaSize;
  return {
    arenas,
    bytesInBlocks: bytes,
    utilisation: inArenas === 0 ? 0 : bytes / inArenas,
    lastArena,
  };
}

/** `count` event indexes spread evenly over 0 … length (both ends included). */
export function sampleIndices(length: number, count: number): number[] {
  const n = Math.max(1, Math.min(count, length + 1));
  if (n === 1) return [0];
  return Array.from({ length: n }, (_, i) => Math.round((i * length) / (n - 1)));
}

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
    const point = measure(seek(timeline.x[i]!));
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
