/**
 * Read accessors: the one way outside obmalloc to look at the model's packed state
 * (CPython reads `_gc_prev` through `gc_get_refs()`; reports read pymalloc here).
 * Every index is checked: an arena object that holds no arena, or a pool not carved
 * yet, reads as null (or is skipped), never as stale typed-array contents.
 *
 *   arena objects   arenaObjectCount, lastArenaInUse, arenaInfo, arenaContaining
 *   pools           forEachCarvedPool (the carved-pool walk, written once), poolInfo
 *   blocks          poolBlockStates, poolFreeList (allocation order)
 *   summaries       summarizeArenas (per arena: what pins it), arenasAllocated,
 *                   outsidePymalloc (raw-allocator fallbacks);
 *                   collectMallocStats (stats.ts)
 *
 * An arena goes back to the OS only when every one of its pools is empty, so one live
 * block pins a whole arena (1 MiB on 3.10+, 256 KiB before). `pinnedBy` lists the size
 * classes whose live blocks do that. Cost: one pass over the carved pools.
 */
import { blockSize, blocksPerPool } from './constants.ts';
import { stateOf } from './internal/state.ts';
import type { Obmalloc } from './obmalloc.ts';

/** Hex address as CPython prints pointers (`0x7f…`); 0 is `NULL`. */
export function hexAddress(address: number): string {
  return address === 0 ? 'NULL' : `0x${address.toString(16)}`;
}

/** Arena objects in the model's arena-object array (used or not): valid indexes are 0 … n−1. */
export function arenaObjectCount(model: Obmalloc): number {
  return stateOf(model).maxarenas;
}

/** Index of the highest arena object holding an arena, or −1 when none does. */
export function lastArenaInUse(model: Obmalloc): number {
  const s = stateOf(model);
  for (let arena = s.maxarenas - 1; arena >= 0; arena--)
    if (s.arenaAddress[arena] !== 0) return arena;
  return -1;
}

/** Arenas allocated now (`narenas_currently_allocated`). */
export function arenasAllocated(model: Obmalloc): number {
  return stateOf(model).narenasCurrentlyAllocated;
}

/** Blocks pymalloc declined (0 or more than 512 bytes) and handed to the raw allocator. */
export interface OutsidePymalloc {
  /** Such blocks alive now. */
  readonly blocks: number;
  /** Bytes they requested. */
  readonly bytes: number;
}

/**
 * The live blocks that went through the object allocator but live outside pymalloc's
 * arenas (`PyObject_Malloc` of more than 512 bytes falls back to `PyMem_RawMalloc`):
 * memory the process holds that no arena statistic shows.
 */
export function outsidePymalloc(model: Obmalloc): OutsidePymalloc {
  let blocks = 0;
  let bytes = 0;
  stateOf(model).rawBlocks.forEach((_address, nbytes) => {
    blocks++;
    bytes += nbytes;
  });
  return { blocks, bytes };
}

/** One allocated arena's header fields (`struct arena_object`). */
export interface ArenaInfo {
  /** Index in the arena-object array. */
  readonly index: number;
  /** Base address returned by the arena allocator. */
  readonly address: number;
  /** Address of pool 0: the base rounded up to POOL_SIZE. */
  readonly firstPool: number;
  /** Usable pools, `ntotalpools` (64, or 63 when a pool is lost to alignment). */
  readonly poolsTotal: number;
  /** Pools carved so far: pools 0 … poolsCarved−1 have a header. */
  readonly poolsCarved: number;
  /** `nfreepools`: cached empty pools plus pools never carved. */
  readonly freePools: number;
}

/** The arena held by arena object `arena`, or null when it holds none (or is out of range). */
export function arenaInfo(model: Obmalloc, arena: number): ArenaInfo | null {
  const s = stateOf(model);
  if (!s.holdsArena(arena)) return null;
  return {
    index: arena,
    address: s.arenaAddress[arena]!,
    firstPool: s.arenaFirstPool[arena]!,
    poolsTotal: s.arenaNtotalpools[arena]!,
    poolsCarved: s.arenaCarved[arena]!,
    freePools: s.arenaNfreepools[arena]!,
  };
}

/** The arena object whose arena holds `address` (`address_in_range`), or −1. */
export function arenaContaining(model: Obmalloc, address: number): number {
  return stateOf(model).arenaContaining(address);
}

/**
 * The carved-pool walk: calls `visit(k, sizeClass, ref)` for every carved pool of
 * arena object `arena`, in address order. `ref` is the pool's `ref.count` (0 for a
 * pool cached empty on the arena's freepools; its `sizeClass` is then the class it
 * last had). Does nothing for an arena object that holds no arena.
 */
export function forEachCarvedPool(
  model: Obmalloc,
  arena: number,
  visit: (k: number, sizeClass: number, ref: number) => void,
): void {
  stateOf(model).forEachCarvedPool(arena, visit);
}

/** One carved pool's header (`struct pool_header`), with what follows from it. */
export interface PoolInfo {
  /** Arena object index. */
  readonly arena: number;
  /** Pool index in its arena (0 … 63). */
  readonly index: number;
  /** Address of the pool (its header). */
  readonly address: number;
  /** `szidx`, or −1 for a pool carved but never given a class. */
  readonly sizeClass: number;
  /** Block size in bytes (0 without a class). */
  readonly blockSize: number;
  /** Block slots, NUMBLOCKS(class) (0 without a class). */
  readonly capacity: number;
  /** `ref.count`: live blocks. */
  readonly ref: number;
  /** `nextoffset`: byte offset of the next virgin block. */
  readonly nextoffset: number;
  /** `maxnextoffset`: the last offset a block may start at. */
  readonly maxnextoffset: number;
  /** Blocks carved so far (allocated or on the free list); the rest are virgin. */
  readonly carvedBlocks: number;
}

/** Pool `k` of arena object `arena`, or null when that pool is not carved. */
export function poolInfo(model: Obmalloc, arena: number, k: number): PoolInfo | null {
  const s = stateOf(model);
  const c = model.constants;
  if (!s.holdsArena(arena) || k < 0 || k >= s.arenaCarved[arena]!) return null;
  const pool = s.poolId(arena, k);
  const szidx = s.poolSzidx(pool);
  const hasClass = szidx !== c.dummySizeIndex;
  const size = hasClass ? blockSize(c, szidx) : 0;
  const nextoffset = s.poolNextoffset(pool);
  const capacity = hasClass ? blocksPerPool(c, szidx) : 0;
  return {
    arena,
    index: k,
    address: s.poolAddress(pool),
    sizeClass: hasClass ? szidx : -1,
    blockSize: size,
    capacity,
    ref: s.poolRef(pool),
    nextoffset,
    maxnextoffset: s.poolMaxnextoffset(pool),
    carvedBlocks: hasClass ? Math.min(capacity, (nextoffset - c.poolOverhead) / size) : 0,
  };
}

/** A pool's allocation order (see {@link poolFreeList}). */
export interface FreeListOrder {
  /** Free block indexes, head (`freeblock`) first: the order malloc hands them out. */
  readonly blocks: readonly number[];
  /** Index of the next virgin block to carve, or −1 when the pool is fully carved. */
  readonly nextVirgin: number;
  /** Blocks never carved. */
  readonly virginBlocks: number;
}

/**
 * Pool `k`'s free list in the order pymalloc will hand blocks out: from the header's
 * `freeblock` through each free block's link (CPython keeps it in the block's first
 * word), then the virgin blocks carved lazily from `nextoffset` up to `maxnextoffset`.
 * Null when the pool is not carved or has no class.
 */
export function poolFreeList(model: Obmalloc, arena: number, k: number): FreeListOrder | null {
  const info = poolInfo(model, arena, k);
  if (info === null || info.sizeClass < 0) return null;
  const s = stateOf(model);
  const links = s.blockLinks[arena]!;
  const base = k * s.maxBlocks;
  const blocks: number[] = [];
  const head = s.poolFreeblock(s.poolId(arena, k));
  for (let b = head; b >= 0 && blocks.length < info.capacity; b = links[base + b]!) blocks.push(b);
  const virginBlocks = info.capacity - info.carvedBlocks;
  return { blocks, nextVirgin: virginBlocks > 0 ? info.carvedBlocks : -1, virginBlocks };
}

/** Live blocks of one size class inside one arena. */
export interface ClassUsage {
  /** Size class index. */
  readonly sizeClass: number;
  /** Block size in bytes. */
  readonly size: number;
  /** Live blocks of that class in the arena. */
  readonly blocks: number;
}

/** How one allocated arena is used. */
export interface ArenaSummary {
  /** Index in the arena-object array. */
  readonly index: number;
  /** Base address returned by the arena allocator. */
  readonly address: number;
  /** Pools with at least one live block. */
  readonly poolsUsed: number;
  /** Pools cached empty on the arena's freepools list. */
  readonly poolsEmpty: number;
  /** Pools never carved yet. */
  readonly poolsVirgin: number;
  /** Usable pools (64, or 63 when a pool is lost to alignment). */
  readonly poolsTotal: number;
  /** Bytes in live blocks (block sizes, not request sizes). */
  readonly usedBytes: number;
  /** Live blocks. */
  readonly blocks: number;
  /** Size classes with live blocks here, most bytes first. */
  readonly pinnedBy: readonly ClassUsage[];
}

/** One summary per allocated arena, in arena-object order. */
export function summarizeArenas(model: Obmalloc): ArenaSummary[] {
  const s = stateOf(model);
  const c = model.constants;
  const summaries: ArenaSummary[] = [];
  for (let arena = 0; arena < s.maxarenas; arena++) {
    const address = s.arenaAddress[arena]!;
    if (address === 0) continue;
    const carved = s.arenaCarved[arena]!;
    const byClass = new Map<number, number>();
    let poolsUsed = 0;
    let usedBytes = 0;
    let blocks = 0;
    s.forEachCarvedPool(arena, (_k, sizeClass, ref) => {
      if (ref === 0) return;
      poolsUsed++;
      usedBytes += ref * blockSize(c, sizeClass);
      blocks += ref;
      byClass.set(sizeClass, (byClass.get(sizeClass) ?? 0) + ref);
    });
    const pinnedBy = [...byClass]
      .map(([sizeClass, count]) => ({ sizeClass, size: blockSize(c, sizeClass), blocks: count }))
      .sort((x, y) => y.blocks * y.size - x.blocks * x.size || x.sizeClass - y.sizeClass);
    summaries.push({
      index: arena,
      address,
      poolsUsed,
      poolsEmpty: carved - poolsUsed,
      poolsVirgin: s.arenaNtotalpools[arena]! - carved,
      poolsTotal: s.arenaNtotalpools[arena]!,
      usedBytes,
      blocks,
      pinnedBy,
    });
  }
  return summaries;
}

/** State of one block slot in a pool, for drawing. */
export const BlockState = { allocated: 0, free: 1, virgin: 2 } as const;
/** One of {@link BlockState}'s values. */
export type BlockStateCode = (typeof BlockState)[keyof typeof BlockState];

/**
 * Fills `out` with the state of every block slot of pool `k` of arena object `arena`
 * and returns the number of slots (0 for a pool never carved or cached empty with no class).
 */
export function poolBlockStates(
  model: Obmalloc,
  arena: number,
  k: number,
  out: Uint8Array,
): number {
  const s = stateOf(model);
  const c = model.constants;
  if (!s.holdsArena(arena) || k < 0 || k >= s.arenaCarved[arena]!) return 0;
  const pool = s.poolId(arena, k);
  const sizeClass = s.poolSzidx(pool);
  if (sizeClass === c.dummySizeIndex) return 0;
  const capacity = blocksPerPool(c, sizeClass);
  const size = blockSize(c, sizeClass);
  const carvedBlocks = (s.poolNextoffset(pool) - c.poolOverhead) / size;
  out.fill(BlockState.allocated, 0, carvedBlocks);
  out.fill(BlockState.virgin, carvedBlocks, capacity);
  const links = s.blockLinks[arena]!;
  const base = k * s.maxBlocks;
  for (let b = s.poolFreeblock(pool); b >= 0; b = links[base + b]!) out[b] = BlockState.free;
  if (s.poolRef(pool) === 0) out.fill(BlockState.free, 0, carvedBlocks);
  return capacity;
}
