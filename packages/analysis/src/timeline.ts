/**
 * The timeline: arenas held, bytes in live blocks and utilisation at chosen events of
 * a recording. One definition of what a point measures ({@link measureHeap}: the
 * numbers of CPython's own `_debugmallocstats`) and of which events are sampled
 * ({@link sampleIndices}: evenly spread, both ends included; the CLI adds the marks).
 */
import { collectMallocStats, lastArenaInUse, type Obmalloc } from '@pymem/obmalloc';
import { Replayer } from '@pymem/runtime';
import type { Recording } from '@pymem/tracing';
import type { ProfileName } from '@pymem/versions';

/** What is measured at one event. */
export interface HeapPoint {
  /** Arenas allocated now. */
  readonly arenas: number;
  /** arenas × ARENA_SIZE. */
  readonly bytesInArenas: number;
  /** Bytes in allocated blocks (block sizes, not request sizes). */
  readonly bytesInBlocks: number;
  /** bytesInBlocks / bytesInArenas, a fraction; 0 without arenas. */
  readonly utilisation: number;
  /** Highest arena-object index holding an arena, −1 for none (how many heap-map rows). */
  readonly lastArena: number;
}

/** Measures the model now: one pass over the carved pools. */
export function measureHeap(model: Obmalloc): HeapPoint {
  const stats = collectMallocStats(model);
  const bytesInArenas = stats.arenasAllocatedCurrent * stats.arenaSize;
  return {
    arenas: stats.arenasAllocatedCurrent,
    bytesInArenas,
    bytesInBlocks: stats.bytesInAllocatedBlocks,
    utilisation: bytesInArenas === 0 ? 0 : stats.bytesInAllocatedBlocks / bytesInArenas,
    lastArena: lastArenaInUse(model),
  };
}

/**
 * `count` event indexes spread evenly over 0 … length, both ends included (fewer when
 * the recording has fewer than `count` + 1 points; at least one).
 */
export function sampleIndices(length: number, count: number): number[] {
  const n = Math.max(1, Math.min(count, length + 1));
  if (n === 1) return [0];
  return Array.from({ length: n }, (_, i) => Math.round((i * length) / (n - 1)));
}

/** One sampled point of {@link timeline}. */
export interface TimelineSample extends Omit<HeapPoint, 'lastArena'> {
  readonly eventIndex: number;
  /** The first mark at this event, if the sample is a mark. */
  readonly mark: string | null;
  /** GC collections since the previous sample. */
  readonly gcCollections: number;
}

/** A recording's timeline. */
export interface Timeline {
  readonly profile: ProfileName;
  readonly arenaSize: number;
  readonly samples: readonly TimelineSample[];
}

/**
 * Replays `trace` (whole or streamed) once and measures it at `points` evenly spread events plus every
 * mark, in event order.
 */
export function timeline(trace: Recording, points: number, profile?: ProfileName): Timeline {
  const replayer = new Replayer(trace, profile ? { profile } : {});
  const indexes = new Set(sampleIndices(trace.length, points));
  const marksAt = new Map<number, string>();
  for (const mark of trace.marks) {
    indexes.add(mark.eventIndex);
    if (!marksAt.has(mark.eventIndex)) marksAt.set(mark.eventIndex, mark.label);
  }
  const samples: TimelineSample[] = [];
  let gc = 0;
  for (const eventIndex of [...indexes].sort((x, y) => x - y)) {
    replayer.runTo(eventIndex);
    const { lastArena: _, ...point } = measureHeap(replayer.model);
    let collections = 0;
    while (gc < trace.gcCollections.length && trace.gcCollections[gc]!.eventIndex <= eventIndex) {
      gc++;
      collections++;
    }
    samples.push({
      eventIndex,
      ...point,
      mark: marksAt.get(eventIndex) ?? null,
      gcCollections: collections,
    });
  }
  return { profile: replayer.profile, arenaSize: replayer.model.constants.arenaSize, samples };
}
