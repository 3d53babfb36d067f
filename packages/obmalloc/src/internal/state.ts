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
 * Pool headers. Like CPython's `struct pool_header`, every pool's header is one
 * record: POOL_FIELDS (8) int32 words at `pools[p << 3]`, so a pool's fields share a
 * cache line and one typed array serves them all:
 *
 *   word  0 POOL_REF        ref.count: blocks handed out
 *         1 POOL_FREEBLOCK  block index of the head of the pool's free list, -1 = NULL
 *         2 POOL_NEXT       nextpool: usedpools circular list (through phantom heads),
 *                           or the arena's `freepools` stack (-1 ends it)
 *         3 POOL_PREV       prevpool (usedpools only)
 *         4 POOL_SZIDX      szidx (DUMMY_SIZE_IDX while never used)
 *         5 POOL_NEXTOFFSET bytes to the next virgin block
 *         6 POOL_MAXNEXTOFFSET  largest valid nextoffset
 *         7                 unused (keeps records 32-byte aligned)
 *
 * Links. CPython threads lists through memory; here they are indexes:
 *   POOL_NEXT/POOL_PREV   usedpools lists and freepools stacks, as above
 *   POOL_FREEBLOCK        the head of the pool's free list, as above
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

/** Int32 words per pool header record in `PymallocState.pools` (a power of two). */
export const POOL_FIELDS = 8;
/** log2(POOL_FIELDS): a pool's record starts at `pools[p << POOL_RECORD_SHIFT]`. */
export const POOL_RECORD_SHIFT = 3;
/** Word of a pool record: `ref.count`. */
export const POOL_REF = 0;
/** Word of a pool record: `freeblock`, a block index or -1. */
export const POOL_FREEBLOCK = 1;
/** Word of a pool record: `nextpool`, a pool id or -1. */
export const POOL_NEXT = 2;
/** Word of a pool record: `prevpool`, a pool id or -1. */
export const POOL_PREV = 3;
/** Word of a pool record: `szidx`. */
export const POOL_SZIDX = 4;
/** Word of a pool record: `nextoffset` in bytes. */
export const POOL_NEXTOFFSET = 5;
/** Word of a pool record: `maxnextoffset` in bytes. */
export const POOL_MAXNEXTOFFSET = 6;
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

  // ---- pools (id p): one header record of POOL_FIELDS words each ----
  pools: Int32Array;

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
    this.slotScale = 1 / constants.arenaSize;
    this.pools = new Int32Array(0);
    this.growPools(0, this.numClasses);
    for (let i = 0; i < this.numClasses; i++) {
      this.pools[(i << POOL_RECORD_SHIFT) + POOL_NEXT] = i;
      this.pools[(i << POOL_RECORD_SHIFT) + POOL_PREV] = i;
    }
  }

  /** Grows `pools` from `from` to `to` records; new pools: never used, unlinked. */
  private growPools(from: number, to: number): void {
    const bigger = new Int32Array(to << POOL_RECORD_SHIFT);
    bigger.set(this.pools);
    for (let p = from; p < to; p++) {
      const h = p << POOL_RECORD_SHIFT;
      bigger[h + POOL_FREEBLOCK] = -1;
      bigger[h + POOL_NEXT] = -1;
      bigger[h + POOL_PREV] = -1;
      bigger[h + POOL_SZIDX] = this.constants.dummySizeIndex;
    }
    this.pools = bigger;
  }

  /** `ref.count` of pool `p`. */
  poolRef(p: number): number {
    return this.pools[(p << POOL_RECORD_SHIFT) + POOL_REF]!;
  }

  /** `freeblock` of pool `p`: a block index, or -1. */
  poolFreeblock(p: number): number {
    return this.pools[(p << POOL_RECORD_SHIFT) + POOL_FREEBLOCK]!;
  }

  /** `nextpool` of pool `p`: a pool id, or -1. */
  poolNext(p: number): number {
    return this.pools[(p << POOL_RECORD_SHIFT) + POOL_NEXT]!;
  }

  /** `prevpool` of pool `p`: a pool id, or -1. */
  poolPrev(p: number): number {
    return this.pools[(p << POOL_RECORD_SHIFT) + POOL_PREV]!;
  }

  /** `szidx` of pool `p`. */
  poolSzidx(p: number): number {
    return this.pools[(p << POOL_RECORD_SHIFT) + POOL_SZIDX]!;
  }

  /** `nextoffset` of pool `p`, in bytes. */
  poolNextoffset(p: number): number {
    return this.pools[(p << POOL_RECORD_SHIFT) + POOL_NEXTOFFSET]!;
  }

  /** `maxnextoffset` of pool `p`, in bytes. */
  poolMaxnextoffset(p: number): number {
    return this.pools[(p << POOL_RECORD_SHIFT) + POOL_MAXNEXTOFFSET]!;
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
    this.pools = source.pools.slice();
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
      visit(k, this.poolSzidx(pool), this.poolRef(pool));
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
    this.growPools(
      this.numClasses + old * this.poolsPerArena,
      this.numClasses + count * this.poolsPerArena,
    );
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

  /** 1 / ARENA_SIZE: a power of two, so `p * slotScale` is exactly `p / ARENA_SIZE`. */
  private readonly slotScale: number;

  /** The arena object whose [address, address + ARENA_SIZE) holds `p`, or -1. */
  arenaContaining(p: number): number {
    const arenaSize = this.constants.arenaSize;
    const h = Math.floor(p * this.slotScale) & SLOT_MASK;
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
    // A call's number arguments are heap numbers: this one goes through an array, so
    // that the compiled callers do not box `p` on every call for this rare path.
    this.missedAddress[0] = p;
    return this.lookupArena(arenaSize);
  }

  /** The address {@link lookupArena} looks up. */
  private readonly missedAddress = new Float64Array(1);

  private lookupArena(arenaSize: number): number {
    const p = this.missedAddress[0]!;
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
