/**
 * A pool's free list in the order pymalloc will hand blocks out: from the pool
 * header's `freeblock` through each free block's link (CPython keeps the link in the
 * block's first word; the model keeps it in `blockLinks`). After the list come the
 * virgin blocks, carved lazily from `nextoffset` up to `maxnextoffset`.
 */
import { blockSize, blocksPerPool, type Obmalloc } from '@pymem/obmalloc';

/** A pool's allocation order. */
export interface FreeListOrder {
  /** Free block indexes, head first. */
  readonly blocks: readonly number[];
  /** Index of the next virgin block to carve, or −1 when the pool is fully carved. */
  readonly nextVirgin: number;
  /** Blocks never carved. */
  readonly virginBlocks: number;
}

/** Walks pool `k` of arena object `arena`; null when that pool is not carved. */
export function freeListOrder(model: Obmalloc, arena: number, k: number): FreeListOrder | null {
  const s = model.state;
  const c = model.constants;
  if (arena >= s.maxarenas || s.arenaAddress[arena] === 0 || k >= s.arenaCarved[arena]!)
    return null;
  const pool = s.poolId(arena, k);
  const sizeClass = s.poolSzidx[pool]!;
  if (sizeClass === c.dummySizeIndex) return null;
  const capacity = blocksPerPool(c, sizeClass);
  const links = s.blockLinks[arena]!;
  const base = k * s.maxBlocks;
  const blocks: number[] = [];
  for (let b = s.poolFreeblock[pool]!; b >= 0 && blocks.length < capacity; b = links[base + b]!) {
    blocks.push(b);
  }
  const size = blockSize(c, sizeClass);
  const nextoffset = s.poolNextoffset[pool]!;
  const carvedBlocks = (nextoffset - c.poolOverhead) / size;
  const virginBlocks = Math.max(0, capacity - carvedBlocks);
  return { blocks, nextVirgin: virginBlocks > 0 ? carvedBlocks : -1, virginBlocks };
}
