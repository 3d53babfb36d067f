/**
 * What a point of the heap map stands for in pymalloc's terms: given an arena object,
 * a pool index and a byte offset in the pool, the address, block, size class and the
 * state of that byte (read from the model at the current event).
 */
import {
  arenaInfo,
  BlockState,
  blocksPerPool,
  hexAddress,
  type Obmalloc,
  poolBlockStates,
  poolInfo,
} from '@pymem/obmalloc';

/** What kind of memory a heap-map point is. */
export type TargetKind =
  | 'block'
  | 'header'
  | 'quantization'
  | 'empty-pool'
  | 'virgin-pool'
  | 'alignment'
  | 'unused-arena';

/** A point of the heap map, resolved against the model. */
export interface HeapMapTarget {
  readonly kind: TargetKind;
  /** Arena object index. */
  readonly arena: number;
  /** Pool index in the arena (0 … 63). */
  readonly pool: number;
  /** The arena's base address (0 for an unused arena object). */
  readonly arenaAddress: number;
  /** The pool's address (its header), or 0. */
  readonly poolAddress: number;
  /** The block's address for a block, else the address of the byte. */
  readonly address: number;
  /** Block index in the pool, or −1. */
  readonly block: number;
  /** Size class of the pool (for an empty pool: the class it last had), or −1. */
  readonly sizeClass: number;
  /** Block size in bytes, or 0. */
  readonly blockSize: number;
  /** Blocks per pool of that class, or 0. */
  readonly blocksPerPool: number;
  /** `ref.count` of the pool, or 0. */
  readonly poolRef: number;
  /** The state in words: "allocated", "on the free list", "never carved", … */
  readonly state: string;
}

/** Resolves byte `offset` of pool `pool` in arena object `arena`; null when out of range. */
export function describeTarget(
  model: Obmalloc,
  arena: number,
  pool: number,
  offset: number,
  scratch: Uint8Array = new Uint8Array(blocksPerPool(model.constants, 0)),
): HeapMapTarget | null {
  const c = model.constants;
  if (arena < 0 || pool < 0 || pool >= c.maxPoolsInArena || offset < 0 || offset >= c.poolSize)
    return null;
  const base = {
    arena,
    pool,
    block: -1,
    sizeClass: -1,
    blockSize: 0,
    blocksPerPool: 0,
    poolRef: 0,
  };
  const held = arenaInfo(model, arena);
  if (held === null) {
    return {
      ...base,
      kind: 'unused-arena',
      arenaAddress: 0,
      poolAddress: 0,
      address: 0,
      state: 'unused arena object (no arena)',
    };
  }
  const arenaAddress = held.address;
  if (pool >= held.poolsTotal) {
    return {
      ...base,
      kind: 'alignment',
      arenaAddress,
      poolAddress: 0,
      address: arenaAddress,
      state: `lost to arena alignment (${c.poolSize} bytes: the arena is not pool-aligned)`,
    };
  }
  const poolAddress = held.firstPool + pool * c.poolSize;
  const where = { arenaAddress, poolAddress };
  const header = poolInfo(model, arena, pool);
  if (header === null) {
    return {
      ...base,
      ...where,
      kind: 'virgin-pool',
      address: poolAddress + offset,
      state: 'pool never carved',
    };
  }
  const { sizeClass, ref, blockSize: size } = header;
  const classInfo =
    sizeClass >= 0
      ? { sizeClass, blockSize: size, blocksPerPool: header.capacity, poolRef: ref }
      : { poolRef: ref };
  if (ref === 0) {
    return {
      ...base,
      ...classInfo,
      ...where,
      kind: 'empty-pool',
      address: poolAddress + offset,
      state: "empty pool (on the arena's freepools)",
    };
  }
  if (offset < c.poolOverhead) {
    return {
      ...base,
      ...classInfo,
      ...where,
      kind: 'header',
      address: poolAddress + offset,
      state: 'pool header',
    };
  }
  const block = Math.floor((offset - c.poolOverhead) / size);
  const n = poolBlockStates(model, arena, pool, scratch);
  if (block >= n) {
    return {
      ...base,
      ...classInfo,
      ...where,
      kind: 'quantization',
      address: poolAddress + offset,
      state: 'quantization (pool tail no block fits)',
    };
  }
  const code = scratch[block];
  return {
    ...base,
    ...classInfo,
    ...where,
    kind: 'block',
    block,
    address: poolAddress + c.poolOverhead + block * size,
    state:
      code === BlockState.allocated
        ? 'allocated'
        : code === BlockState.free
          ? 'on the free list'
          : 'never carved',
  };
}

/** The tooltip's lines for a target, plus its allocating event and site when known. */
export function targetLines(
  target: HeapMapTarget,
  allocation?: { readonly eventIndex: number; readonly site: string | null } | null,
): string[] {
  const lines: string[] = [];
  if (target.kind === 'unused-arena') {
    lines.push(`arena #${target.arena}`, target.state);
    return lines;
  }
  lines.push(hexAddress(target.address));
  const place =
    target.block >= 0
      ? `arena #${target.arena} · pool ${target.pool} · block ${target.block}`
      : `arena #${target.arena} · pool ${target.pool}`;
  lines.push(place);
  if (target.sizeClass >= 0) {
    lines.push(`size class ${target.sizeClass} · ${target.blockSize}-byte blocks`);
  }
  lines.push(target.state);
  if (allocation) {
    lines.push(`allocated by event ${allocation.eventIndex.toLocaleString('en-US')}`);
    if (allocation.site !== null) lines.push(`at ${allocation.site}`);
  }
  return lines;
}
