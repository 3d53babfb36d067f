/**
 * pymalloc's whole state in typed arrays: the arena-object array, every pool header
 * and every free-block link. Models `struct arena_object`, `struct pool_header`,
 * `usedpools` and `nfp2lasta` (Objects/obmalloc.c 3.8–3.11;
 * Include/internal/pycore_obmalloc.h `_obmalloc_state`, 3.12+).
 *
 * Pool ids. Every pool that can exist has a small integer id:
 *
 *   id 0 … 31                       phantom heads of usedpools[class] (never real pools)
 *   id 32 + arena * 64 + k           k-th pool-aligned pool of arena object `arena`
 *
 *   arena object a:   address ──► ┌──────┬────────┬────────┬─ … ─┬────────┬──────┐
 *     (not pool-aligned)          │ lost │ pool 0 │ pool 1 │     │pool 62 │ lost │
 *                                 └──────┴────────┴────────┴─ … ─┴────────┴──────┘
 *                          firstPool = address rounded up to POOL_SIZE
 *   pool (id p, size class i):
 *                      ┌────────┬───────┬───────┬─ … ─┬───────┬──────────────┐
 *                      │ header │ blk 0 │ blk 1 │     │ blk n │ quantization │
 *                      └────────┴───────┴───────┴─ … ─┴───────┴──────────────┘
 *                      0        48      48+size       nextoffset (next virgin block)
 *
 * Links. CPython threads lists through memory; here they are indexes:
 *   poolNext/poolPrev     usedpools circular lists (through phantom heads) and the
 *                         arena's `freepools` stack (poolNext only, -1 ends it)
 *   poolFreeblock         block index of the head of the pool's free list, -1 = NULL
 *   blockLinks[a][k*B+b]  next free block after block b of pool k of arena a, -1 = NULL
 *                         (B = blocks in the fullest class, 1021 or 253)
 *   arenaNext/arenaPrev   usable_arenas (sorted by nfreepools, ascending) and the
 *                         unused_arena_objects stack (arenaNext only), -1 = NULL
 *
 * Invariants (validate.ts checks every one):
 *   1. For each carved pool: ref.count + |free list| + virgin blocks == NUMBLOCKS(class).
 *   2. A pool is in usedpools[class] iff 0 < ref.count and it can still hand out a block.
 *   3. arena.nfreepools == |freepools| + pools not yet carved; free-listed pools have
 *      ref.count == 0.
 *   4. usable_arenas holds exactly the allocated arenas with nfreepools > 0, sorted
 *      ascending; nfp2lasta[n] is the rightmost of them with n free pools, or -1.
 *   5. An arena object is unused iff its address is 0; then it is on the unused stack.
 */
import { AddressTable } from '../address-table.ts';
import type { ObmallocConstants } from '../constants.ts';
import type { Obmalloc } from '../obmalloc.ts';

const SLOT_CACHE = 4096;
const SLOT_MASK = SLOT_CACHE - 1;

/** Grows a typed array to `length`, keeping its contents and filling the rest. */
function grow<T extends Int32Array | Float64Array>(array: T, length: number, fill: number): T {
  const bigger = new (array.constructor as { new (n: number): T })(length);
  bigger.set(array);
  bigger.fill(fill, array.length);
  return bigger;
}

let reader: ((model: Obmalloc) => PymallocState) | null = null;

/**
 * The state of a model, for obmalloc's own modules. `Obmalloc` keeps its state in an
 * ES private field and installs the reader once (a static block); internal/ is never
 * exported, so outside the package the state is read only through the accessors of
 * inspect.ts and stats.ts. Throws a TypeError for anything but an `Obmalloc`.
 */
export function stateOf(model: Obmalloc): PymallocState {
  return reader!(model);
}

/** Called once by `Obmalloc`'s static block. */
export function installStateReader(read: (model: Obmalloc) => PymallocState): void {
  reader = read;
}

/** The mutable state of one pymalloc instance (one `_obmalloc_state`). */
export class PymallocState {
  readonly constants: ObmallocConstants;
  /** Number of size classes: also the first real pool id. */
  readonly numClasses: number;
  /** Pools per arena (64). */
  readonly poolsPerArena: number;
  /** Blocks in a pool of the smallest class: the stride of blockLinks per pool. */
  readonly maxBlocks: number;

  // ---- arena objects (index a) ----
  maxarenas = 0;
  arenaAddress: Float64Array = new Float64Array(0);
  arenaFirstPool: Float64Array = new Float64Array(0);
  /** Pools carved so far: pool_address == firstPool + carved * POOL_SIZE. */
  arenaCarved: Int32Array = new Int32Array(0);
  arenaNfreepools: Int32Array = new Int32Array(0);
  arenaNtotalpools: Int32Array = new Int32Array(0);
  arenaFreepools: Int32Array = new Int32Array(0);
  arenaNext: Int32Array = new Int32Array(0);
  arenaPrev: Int32Array = new Int32Array(0);
  blockLinks: (Int16Array | undefined)[] = [];

  usableArenas = -1;
  unusedArenaObjects = -1;
  /** nfp2lasta[n]: rightmost usable arena with n free pools, or -1. */
  readonly nfp2lasta: Int32Array;

  narenasCurrentlyAllocated = 0;
  ntimesArenaAllocated = 0;
  narenasHighwater = 0;

  // ---- pools (id p) ----
  poolRef: Int32Array;
  poolFreeblock: Int32Array;
  poolNext: Int32Array;
  poolPrev: Int32Array;
  poolSzidx: Int32Array;
  poolNextoffset: Int32Array;
  poolMaxnextoffset: Int32Array;

  // ---- the raw domain as pymalloc sees it ----
  /** Blocks the raw allocator gave pymalloc's fallback path: address → requested size. */
  /** Live raw-fallback blocks: address → requested bytes. */
  readonly rawBlocks: AddressTable = new AddressTable(64);
  /** 3.9+ `raw_allocated_blocks`. */
  rawAllocatedBlocks = 0;
  /** 3.8 `_Py_AllocatedBlocks` (running counter over every object-allocator call). */
  runningAllocatedBlocks = 0;
  /** Σ ref.count over every pool: what 3.9+ sums on demand. */
  blocksInUse = 0;

  // ---- the arena map (3.10+): ideal 1 MiB slot → arena object ----
  readonly arenaBySlot: Map<number, number> = new Map();
  readonly radixMidNodes: Set<number> = new Set();
  readonly radixBotNodes: Set<number> = new Set();

  constructor(constants: ObmallocConstants) {
    this.constants = constants;
    this.numClasses = constants.numSizeClasses;
    this.poolsPerArena = constants.maxPoolsInArena;
    this.maxBlocks = Math.floor(
      (constants.poolSize - constants.poolOverhead) / constants.alignment,
    );
    this.nfp2lasta = new Int32Array(this.poolsPerArena + 1).fill(-1);
    const n = this.numClasses;
    this.poolRef = new Int32Array(n);
    this.poolFreeblock = new Int32Array(n).fill(-1);
    this.poolNext = Int32Array.from({ length: n }, (_, i) => i);
    this.poolPrev = Int32Array.from({ length: n }, (_, i) => i);
    this.poolSzidx = new Int32Array(n).fill(constants.dummySizeIndex);
    this.poolNextoffset = new Int32Array(n);
    this.poolMaxnextoffset = new Int32Array(n);
  }

  /** An independent copy of this state (for checkpoints). */
  clone(): PymallocState {
    const copy = new PymallocState(this.constants);
    copy.copyFrom(this);
    return copy;
  }

  /** Makes this state an independent copy of `source` (same constants). */
  copyFrom(source: PymallocState): void {
    this.maxarenas = source.maxarenas;
    this.arenaAddress = source.arenaAddress.slice();
    this.arenaFirstPool = source.arenaFirstPool.slice();
    this.arenaCarved = source.arenaCarved.slice();
    this.arenaNfreepools = source.arenaNfreepools.slice();
    this.arenaNtotalpools = source.arenaNtotalpools.slice();
    this.arenaFreepools = source.arenaFreepools.slice();
    this.arenaNext = source.arenaNext.slice();
    this.arenaPrev = source.arenaPrev.slice();
    this.blockLinks = source.blockLinks.map((links) => links?.slice());
    this.usableArenas = source.usableArenas;
    this.unusedArenaObjects = source.unusedArenaObjects;
    this.nfp2lasta.set(source.nfp2lasta);
    this.narenasCurrentlyAllocated = source.narenasCurrentlyAllocated;
    this.ntimesArenaAllocated = source.ntimesArenaAllocated;
    this.narenasHighwater = source.narenasHighwater;
    this.poolRef = source.poolRef.slice();
    this.poolFreeblock = source.poolFreeblock.slice();
    this.poolNext = source.poolNext.slice();
    this.poolPrev = source.poolPrev.slice();
    this.poolSzidx = source.poolSzidx.slice();
    this.poolNextoffset = source.poolNextoffset.slice();
    this.poolMaxnextoffset = source.poolMaxnextoffset.slice();
    this.rawAllocatedBlocks = source.rawAllocatedBlocks;
    this.runningAllocatedBlocks = source.runningAllocatedBlocks;
    this.blocksInUse = source.blocksInUse;
    this.rawBlocks.copyFrom(source.rawBlocks);
    copyMap(this.arenaBySlot, source.arenaBySlot);
    copySet(this.radixMidNodes, source.radixMidNodes);
    copySet(this.radixBotNodes, source.radixBotNodes);
    this.slotStart.fill(-1);
    this.slotEnd.fill(-1);
    for (const [slot, arena] of this.arenaBySlot) {
      this.slotStart[slot & SLOT_MASK] = arena;
      this.slotEnd[(slot + 1) & SLOT_MASK] = arena;
    }
  }

  /** The distinct buffers behind this state's typed arrays. */
  buffers(): ArrayBuffer[] {
    const buffers = new Set<ArrayBuffer>();
    const add = (value: unknown): void => {
      if (ArrayBuffer.isView(value) && value.buffer instanceof ArrayBuffer)
        buffers.add(value.buffer);
    };
    for (const value of Object.values(this)) {
      if (Array.isArray(value)) value.forEach(add);
      else add(value);
    }
    return [...buffers];
  }

  /** Bytes held by this state's typed arrays. */
  byteLength(): number {
    return this.buffers().reduce((total, buffer) => total + buffer.byteLength, 0);
  }

  /** True when `arena` is an arena object index holding an arena. */
  holdsArena(arena: number): boolean {
    return arena >= 0 && arena < this.maxarenas && this.arenaAddress[arena] !== 0;
  }

  /**
   * The carved-pool walk, written once: `visit(k, sizeClass, ref)` for every carved
   * pool of arena object `arena`, in address order (nothing when it holds no arena).
   */
  forEachCarvedPool(
    arena: number,
    visit: (k: number, sizeClass: number, ref: number) => void,
  ): void {
    if (!this.holdsArena(arena)) return;
    const carved = this.arenaCarved[arena]!;
    for (let k = 0; k < carved; k++) {
      const pool = this.poolId(arena, k);
      visit(k, this.poolSzidx[pool]!, this.poolRef[pool]!);
    }
  }

  /** Pool id of pool `k` of arena object `arena`. */
  poolId(arena: number, k: number): number {
    return this.numClasses + arena * this.poolsPerArena + k;
  }

  /** Arena object index of a real pool id. */
  poolArena(pool: number): number {
    // poolsPerArena is 64 in every profile (constants.test.ts checks it).
    return (pool - this.numClasses) >> 6;
  }

  /** Address of a real pool (its header). */
  poolAddress(pool: number): number {
    const offset = pool - this.numClasses;
    return this.arenaFirstPool[offset >> 6]! + (offset & 63) * this.constants.poolSize;
  }

  /** Grows the arena-object array to `count` entries (new_arena's doubling). */
  growArenaObjects(count: number): void {
    const old = this.maxarenas;
    this.arenaAddress = grow(this.arenaAddress, count, 0);
    this.arenaFirstPool = grow(this.arenaFirstPool, count, 0);
    this.arenaCarved = grow(this.arenaCarved, count, 0);
    this.arenaNfreepools = grow(this.arenaNfreepools, count, 0);
    this.arenaNtotalpools = grow(this.arenaNtotalpools, count, 0);
    this.arenaFreepools = grow(this.arenaFreepools, count, -1);
    this.arenaNext = grow(this.arenaNext, count, -1);
    this.arenaPrev = grow(this.arenaPrev, count, -1);
    const pools = this.numClasses + count * this.poolsPerArena;
    this.poolRef = grow(this.poolRef, pools, 0);
    this.poolFreeblock = grow(this.poolFreeblock, pools, -1);
    this.poolNext = grow(this.poolNext, pools, -1);
    this.poolPrev = grow(this.poolPrev, pools, -1);
    this.poolSzidx = grow(this.poolSzidx, pools, this.constants.dummySizeIndex);
    this.poolNextoffset = grow(this.poolNextoffset, pools, 0);
    this.poolMaxnextoffset = grow(this.poolMaxnextoffset, pools, 0);
    for (let i = old; i < count; i++) this.arenaNext[i] = i < count - 1 ? i + 1 : -1;
    this.maxarenas = count;
  }

  /**
   * A direct-mapped cache over the arena map: for ideal slot s (p / ARENA_SIZE),
   * slotStart[s & MASK] is the arena whose base lies in s and slotEnd[s & MASK] the
   * arena whose base lies in s - 1 (it may reach into s). Entries are hints, checked
   * against the arena's range; a miss falls back to the exact map.
   */
  private readonly slotStart: Int32Array = new Int32Array(SLOT_CACHE).fill(-1);
  private readonly slotEnd: Int32Array = new Int32Array(SLOT_CACHE).fill(-1);

  /** Records a new arena in the map and the cache. */
  mapArena(arena: number, address: number): void {
    const slot = Math.floor(address / this.constants.arenaSize);
    this.arenaBySlot.set(slot, arena);
    this.slotStart[slot & SLOT_MASK] = arena;
    this.slotEnd[(slot + 1) & SLOT_MASK] = arena;
  }

  /** Forgets a released arena. */
  unmapArena(arena: number, address: number): void {
    const slot = Math.floor(address / this.constants.arenaSize);
    this.arenaBySlot.delete(slot);
    if (this.slotStart[slot & SLOT_MASK] === arena) this.slotStart[slot & SLOT_MASK] = -1;
    if (this.slotEnd[(slot + 1) & SLOT_MASK] === arena) this.slotEnd[(slot + 1) & SLOT_MASK] = -1;
  }

  /** The arena object whose [address, address + ARENA_SIZE) holds `p`, or -1. */
  arenaContaining(p: number): number {
    const arenaSize = this.constants.arenaSize;
    const h = Math.floor(p / arenaSize) & SLOT_MASK;
    let arena = this.slotStart[h]!;
    if (arena >= 0) {
      const base = this.arenaAddress[arena]!;
      if (base !== 0 && p >= base && p < base + arenaSize) return arena;
    }
    arena = this.slotEnd[h]!;
    if (arena >= 0) {
      const base = this.arenaAddress[arena]!;
      if (base !== 0 && p >= base && p < base + arenaSize) return arena;
    }
    return this.lookupArena(p, arenaSize);
  }

  private lookupArena(p: number, arenaSize: number): number {
    const slot = Math.floor(p / arenaSize);
    const here = this.arenaBySlot.get(slot);
    if (here !== undefined && p >= this.arenaAddress[here]!) return here;
    const before = this.arenaBySlot.get(slot - 1);
    if (before !== undefined && p < this.arenaAddress[before]! + arenaSize) return before;
    return -1;
  }
}

function copyMap<K, V>(target: Map<K, V>, source: ReadonlyMap<K, V>): void {
  target.clear();
  for (const [key, value] of source) target.set(key, value);
}

function copySet<T>(target: Set<T>, source: ReadonlySet<T>): void {
  target.clear();
  for (const value of source) target.add(value);
}
