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

/** One carved pool as {@link BlockLinker} keeps it. */
interface LinkedPool {
  readonly address: number;
  /** Block size, or 0 when the pool holds no size class (empty, or out of range). */
  readonly blockSize: number;
  readonly carved: number;
  readonly states: Uint8Array;
  /** Blocks already counted by {@link BlockLinker.link}. */
  readonly seen: Uint8Array;
}

/**
 * {@link blockHolding} for many addresses against one model state, with each arena's
 * and pool's header read once (a snapshot links millions of objects: no allocation
 * per object). Same answers as `blockHolding(model, address)?.address ?? -1`.
 */
export class BlockLinker {
  private readonly model: Obmalloc;
  private readonly firstPool = new Map<number, number>();
  private readonly poolsCarved = new Map<number, number>();
  private readonly pools = new Map<number, LinkedPool>();
  /** Distinct blocks {@link link} returned. */
  blocks = 0;

  constructor(model: Obmalloc) {
    this.model = model;
  }

  /** The address of the allocated block holding `address`, or −1; counts new blocks. */
  link(address: number): number {
    const model = this.model;
    const arena = arenaContaining(model, address);
    if (arena < 0) return -1;
    let firstPool = this.firstPool.get(arena);
    if (firstPool === undefined) {
      const info = arenaInfo(model, arena);
      firstPool = info ? info.firstPool : -1;
      this.firstPool.set(arena, firstPool);
      this.poolsCarved.set(arena, info ? info.poolsCarved : 0);
    }
    if (firstPool < 0) return -1;
    const { poolSize, poolOverhead } = model.constants;
    const pool = Math.floor((address - firstPool) / poolSize);
    if (pool < 0 || pool >= this.poolsCarved.get(arena)!) return -1;
    const key = arena * 1024 + pool;
    let p = this.pools.get(key);
    if (p === undefined) {
      const header = poolInfo(model, arena, pool);
      const ok = header !== null && header !== undefined && header.sizeClass >= 0;
      const states = new Uint8Array(ok ? header.capacity : 0);
      if (ok) poolBlockStates(model, arena, pool, states);
      p = {
        address: ok ? header.address : 0,
        blockSize: ok ? header.blockSize : 0,
        carved: ok ? header.carvedBlocks : 0,
        states,
        seen: new Uint8Array(states.length),
      };
      this.pools.set(key, p);
    }
    if (p.blockSize === 0) return -1;
    const index = Math.floor((address - p.address - poolOverhead) / p.blockSize);
    if (index < 0 || index >= p.carved || p.states[index] !== BlockState.allocated) return -1;
    if (p.seen[index] === 0) {
      p.seen[index] = 1;
      this.blocks++;
    }
    return p.address + poolOverhead + index * p.blockSize;
  }
}
