/**
 * Read-only views of the model for reports and viewers: per arena, how its pools and
 * bytes are used and which size classes keep it from being released.
 *
 * An arena goes back to the OS only when every one of its pools is empty, so one live
 * block pins a whole arena (1 MiB on 3.10+, 256 KiB before). `pinnedBy` lists the size
 * classes whose live blocks do that. Cost: one pass over the carved pools.
 */
import { blockSize, blocksPerPool } from './constants.ts';
import type { Obmalloc } from './obmalloc.ts';

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
  const s = model.state;
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
    for (let k = 0; k < carved; k++) {
      const pool = s.poolId(arena, k);
      const ref = s.poolRef[pool]!;
      if (ref === 0) continue;
      poolsUsed++;
      const sizeClass = s.poolSzidx[pool]!;
      usedBytes += ref * blockSize(c, sizeClass);
      blocks += ref;
      byClass.set(sizeClass, (byClass.get(sizeClass) ?? 0) + ref);
    }
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
  const s = model.state;
  const c = model.constants;
  if (s.arenaAddress[arena] === 0 || k >= s.arenaCarved[arena]!) return 0;
  const pool = s.poolId(arena, k);
  const sizeClass = s.poolSzidx[pool]!;
  if (sizeClass === c.dummySizeIndex) return 0;
  const capacity = blocksPerPool(c, sizeClass);
  const size = blockSize(c, sizeClass);
  const carvedBlocks = (s.poolNextoffset[pool]! - c.poolOverhead) / size;
  out.fill(BlockState.allocated, 0, carvedBlocks);
  out.fill(BlockState.virgin, carvedBlocks, capacity);
  const links = s.blockLinks[arena]!;
  const base = k * s.maxBlocks;
  for (let b = s.poolFreeblock[pool]!; b >= 0; b = links[base + b]!) out[b] = BlockState.free;
  if (s.poolRef[pool] === 0) out.fill(BlockState.free, 0, carvedBlocks);
  return capacity;
}
