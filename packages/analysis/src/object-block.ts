/**
 * The pymalloc block holding one address of a real process, in the allocator replayed
 * to the same instant: what links a heap snapshot's object to the heap map.
 *
 *   address ──arenaContaining──► arena object ──► pool k (POOL_SIZE-aligned from
 *   the arena's first pool) ──► block index ((address − pool − header) / block size)
 *
 * The block *containing* the address is found, so the GC header and the 3.12+
 * pre-header in front of an object need no per-version offsets. `snapshotObjects`
 * links a heap snapshot's objects through it; the viewer marks their blocks with it.
 *
 * Invariant: a returned block is allocated in the model and
 * `address ≤ object address < address + size`.
 */
import {
  arenaContaining,
  arenaInfo,
  BlockState,
  type Obmalloc,
  poolBlockStates,
  poolInfo,
} from '@pymem/obmalloc';

/** An allocated block of the model, named the way the heap map draws it. */
export interface HeldBlock {
  /** Arena object index. */
  readonly arena: number;
  /** Pool index in the arena (0 … 63). */
  readonly pool: number;
  /** Address of the pool (its header). */
  readonly poolAddress: number;
  /** Address of the block. */
  readonly address: number;
  /** Block size in bytes. */
  readonly size: number;
  /** Block index in the pool. */
  readonly index: number;
}

/**
 * Block states of the pools read so far, by arena object × 1024 + pool index: pass one
 * to {@link blockHolding} when looking up many addresses in one unchanged model.
 */
export type PoolStatesCache = Map<number, Uint8Array>;

/**
 * The allocated block of `model` that contains `address`, or null (outside pymalloc,
 * or not allocated). `cache` must not outlive a change of the model.
 */
export function blockHolding(
  model: Obmalloc,
  address: number,
  cache?: PoolStatesCache,
): HeldBlock | null {
  const arena = arenaContaining(model, address);
  if (arena < 0) return null;
  const info = arenaInfo(model, arena);
  if (!info) return null;
  const { poolSize, poolOverhead } = model.constants;
  const pool = Math.floor((address - info.firstPool) / poolSize);
  if (pool < 0 || pool >= info.poolsCarved) return null;
  const header = poolInfo(model, arena, pool);
  if (!header || header.sizeClass < 0) return null;
  const index = Math.floor((address - header.address - poolOverhead) / header.blockSize);
  if (index < 0 || index >= header.carvedBlocks) return null;
  const key = arena * 1024 + pool;
  let states = cache?.get(key);
  if (!states) {
    states = new Uint8Array(header.capacity);
    poolBlockStates(model, arena, pool, states);
    cache?.set(key, states);
  }
  if (states[index] !== BlockState.allocated) return null;
  return {
    arena,
    pool,
    poolAddress: header.address,
    address: header.address + poolOverhead + index * header.blockSize,
    size: header.blockSize,
    index,
  };
}
