/**
 * Why memory does not go back down, at the current event: bytes held in arenas
 * against bytes in live blocks, and the nearly-empty arenas a few live blocks pin.
 * The same definitions as `pymem fragmentation` (NEARLY_EMPTY = 25 %).
 */
import { type ArenaSummary, type Obmalloc, summarizeArenas } from '@pymem/obmalloc';
import { NEARLY_EMPTY } from '../heapmap/arena-status.ts';

/** The fragmentation summary at one event. */
export interface FragmentationSummary {
  readonly arenaSize: number;
  /** Arenas allocated. */
  readonly arenas: number;
  /** arenas × ARENA_SIZE. */
  readonly bytesInArenas: number;
  /** Bytes in live blocks (block sizes). */
  readonly bytesInBlocks: number;
  /** bytesInBlocks / bytesInArenas (0 without arenas). */
  readonly utilisation: number;
  /** Arenas with no live block (releasable now). */
  readonly freeArenas: number;
  readonly nearlyEmpty: {
    readonly threshold: number;
    /** Arenas with live blocks using less than the threshold. */
    readonly arenas: number;
    /** Live blocks in them. */
    readonly liveBlocks: number;
    /** What freeing those blocks would give back. */
    readonly bytesReleasable: number;
    /** The emptiest of them first (at most 8). */
    readonly worst: readonly ArenaSummary[];
  };
}

/** Summarises the arenas of the model now. */
export function fragmentationSummary(model: Obmalloc): FragmentationSummary {
  const arenaSize = model.constants.arenaSize;
  const summaries = summarizeArenas(model);
  const bytesInArenas = summaries.length * arenaSize;
  const bytesInBlocks = summaries.reduce((sum, arena) => sum + arena.usedBytes, 0);
  const nearly = summaries.filter(
    (arena) => arena.blocks > 0 && arena.usedBytes < NEARLY_EMPTY * arenaSize,
  );
  return {
    arenaSize,
    arenas: summaries.length,
    bytesInArenas,
    bytesInBlocks,
    utilisation: bytesInArenas === 0 ? 0 : bytesInBlocks / bytesInArenas,
    freeArenas: summaries.filter((arena) => arena.blocks === 0).length,
    nearlyEmpty: {
      threshold: NEARLY_EMPTY,
      arenas: nearly.length,
      liveBlocks: nearly.reduce((sum, arena) => sum + arena.blocks, 0),
      bytesReleasable: nearly.length * arenaSize,
      worst: [...nearly].sort((x, y) => x.usedBytes - y.usedBytes || x.index - y.index).slice(0, 8),
    },
  };
}
