/**
 * pymalloc, decision for decision: which arena, which pool, which block.
 *
 * Models `_PyObject_Malloc`/`Calloc`/`Realloc`/`Free` and everything below them in
 * Objects/obmalloc.c — `pymalloc_alloc`, `allocate_from_new_pool` (3.9+),
 * `new_arena`, `pymalloc_free`, `insert_to_usedpool`, `insert_to_freepool` (3.9+),
 * `pymalloc_realloc` — for CPython 3.8 to 3.14. The logic is the same in every
 * version but for the differences `ObmallocConstants` names (pool and arena sizes,
 * the keep-last-free-arena rule of 3.9, the allocated-blocks counter of 3.8).
 *
 * Given the same arena base addresses, the model returns the very pointers CPython
 * returned. State transitions of a pool:
 *
 *            carve / pop freepools            last free block taken
 *   (free) ─────────────────────────► used ───────────────────────► full
 *     ▲        (front of usedpools)    │ ▲                              │
 *     │        last block freed        │ └──────────────────────────────┘
 *     └────────────────────────────────┘   a block freed: to the FRONT of usedpools
 *       pushed on arena.freepools (LIFO); keeps its class and free list
 *
 * and of an arena: new (all pools free) → in usable_arenas, kept sorted by
 * nfreepools → full (out of the list) → back at the head when one pool frees →
 * released to the arena allocator when every pool is free (3.9+: unless it is the
 * last arena of the list).
 */

import type { ProfileName } from '@pymem/versions';
import type { ArenaAllocator, RawAllocator } from './allocators.ts';
import { createAddressModel } from './allocators.ts';
import { blockSize, OBMALLOC_CONSTANTS, type ObmallocConstants } from './constants.ts';
import type { ObmallocListener } from './events.ts';
import { hexAddress } from './inspect.ts';
import {
  installStateReader,
  POOL_FREEBLOCK,
  POOL_MAXNEXTOFFSET,
  POOL_NEXT,
  POOL_NEXTOFFSET,
  POOL_PREV,
  POOL_RECORD_SHIFT,
  POOL_REF,
  POOL_SZIDX,
  PymallocState,
} from './internal/state.ts';

// The pool header's words (internal/state.ts), as constants of this module: the JIT
// folds a module's own constants into the code, but loads and checks an imported
// binding at every use.
const REF = POOL_REF;
const FREEBLOCK = POOL_FREEBLOCK;
const NEXTPOOL = POOL_NEXT;
const PREVPOOL = POOL_PREV;
const SZIDX = POOL_SZIDX;
const NEXTOFFSET = POOL_NEXTOFFSET;
const MAXNEXTOFFSET = POOL_MAXNEXTOFFSET;
/** A pool's record starts at `pools[pool << RECORD]`. */
const RECORD = POOL_RECORD_SHIFT;

/** Thrown when a call could not have happened in CPython (e.g. freeing a foreign block). */
export class ObmallocError extends Error {
  /** Stable error code. */
  readonly code: 'invalid-free' | 'invalid-realloc';
  constructor(code: 'invalid-free' | 'invalid-realloc', message: string) {
    super(message);
    this.name = 'ObmallocError';
    this.code = code;
  }
}

/** A saved allocator state (see {@link Obmalloc.checkpoint}); opaque but for its size. */
export class ObmallocCheckpoint {
  /** @internal The copied state. */
  readonly state: PymallocState;
  /** Bytes held by the copy's typed arrays (what a checkpoint costs in memory). */
  readonly byteLength: number;
  constructor(state: PymallocState) {
    this.state = state;
    this.byteLength = state.byteLength();
  }

  /**
   * The buffers to list when posting this checkpoint to another thread; the receiver
   * gets a structured clone that {@link Obmalloc.restore} accepts as it is.
   */
  transferables(): ArrayBuffer[] {
    return this.state.buffers();
  }
}

/** Options for {@link Obmalloc}. */
export interface ObmallocOptions {
  /** The CPython version profile. */
  readonly profile: ProfileName;
  /** Where arenas come from; defaults to the deterministic address model. */
  readonly arenaAllocator?: ArenaAllocator;
  /** Where declined requests go; defaults to the deterministic address model. */
  readonly rawAllocator?: RawAllocator;
}

/**
 * One pymalloc instance (the object and mem domains share it, as in CPython).
 * Addresses are plain numbers; 0 is NULL.
 */
export class Obmalloc {
  /** The profile's constants. */
  readonly constants: ObmallocConstants;
  /** The packed state: private; read it through the accessors of inspect.ts and stats.ts. */
  readonly #state: PymallocState;
  /**
   * The model's one fast hook: receives every allocator event; null (the default)
   * costs nothing. Owned by whoever composes the model (`@pymem/runtime` installs it
   * while its event bus has obmalloc subscribers); others subscribe to that bus.
   */
  hook: ObmallocListener | null = null;
  private readonly arenaAllocator: ArenaAllocator;
  /** log2(POOL_SIZE). */
  private readonly poolShift: number;
  private readonly raw: RawAllocator;

  static {
    installStateReader((model) => model.#state);
  }

  constructor(options: ObmallocOptions) {
    this.constants = OBMALLOC_CONSTANTS[options.profile];
    this.#state = new PymallocState(this.constants);
    this.poolShift = Math.log2(this.constants.poolSize);
    const fallback =
      options.arenaAllocator && options.rawAllocator ? undefined : createAddressModel();
    this.arenaAllocator = options.arenaAllocator ?? fallback!.arenas;
    this.raw = options.rawAllocator ?? fallback!.raw;
  }

  /** A copy of the whole allocator state, to come back to with {@link restore}. */
  checkpoint(): ObmallocCheckpoint {
    return new ObmallocCheckpoint(this.#state.clone());
  }

  /** Puts the model back in the state of `checkpoint` (taken from a model of the same profile). */
  restore(checkpoint: ObmallocCheckpoint): void {
    this.#state.copyFrom(checkpoint.state);
  }

  /** `PyObject_Malloc(nbytes)`: a block address, or 0 when memory ran out. */
  malloc(nbytes: number): number {
    return this.allocate(nbytes, false);
  }

  /** `PyObject_Calloc(nelem, elsize)` with `nbytes = nelem * elsize`. */
  calloc(nbytes: number): number {
    return this.allocate(nbytes, true);
  }

  /**
   * `PyObject_Realloc(ptr, nbytes)`: stays in place when the new size still fits and
   * uses more than 3/4 of the block; otherwise moves (possibly to the raw allocator).
   * A block pymalloc does not own stays with the raw allocator whatever its size.
   */
  realloc(ptr: number, nbytes: number): number {
    if (ptr === 0) return this.malloc(nbytes);
    const s = this.#state;
    const arena = s.arenaContaining(ptr);
    if (arena < 0) {
      if (s.rawBlocks.get(ptr) < 0) {
        throw new ObmallocError(
          'invalid-realloc',
          `realloc of ${hexAddress(ptr)}, which no one allocated`,
        );
      }
      const moved = this.raw.realloc(ptr, nbytes);
      if (moved !== 0) {
        s.rawBlocks.take(ptr);
        s.rawBlocks.set(moved, nbytes);
      }
      return moved;
    }
    const pool = this.poolOf(arena, ptr, 'invalid-realloc');
    const size = blockSize(this.constants, s.poolSzidx(pool));
    if (nbytes <= size && 4 * nbytes > 3 * size) return ptr;
    const moved = this.malloc(nbytes);
    if (moved !== 0) this.free(ptr);
    return moved;
  }

  /** `PyObject_Free(ptr)`; freeing 0 does nothing. */
  free(ptr: number): void {
    if (ptr === 0) return;
    const s = this.#state;
    s.runningAllocatedBlocks--;
    const arena = s.arenaContaining(ptr);
    if (arena < 0) this.rawFree(ptr);
    else this.pymallocFree(arena, ptr - s.arenaFirstPool[arena]!);
  }

  /** `sys.getallocatedblocks()` as this profile computes it. */
  getAllocatedBlocks(): number {
    const s = this.#state;
    return this.constants.allocatedBlocks === 'running-counter'
      ? s.runningAllocatedBlocks
      : s.rawAllocatedBlocks + s.blocksInUse;
  }

  /** True when `ptr` lies in an arena pymalloc holds (`address_in_range`). */
  owns(ptr: number): boolean {
    return this.#state.arenaContaining(ptr) >= 0;
  }

  // ------------------------------------------------------------------ internals
  //
  // Addresses are above 2**31: each one passed to or returned from a call the JIT
  // did not inline becomes a freshly allocated heap number. The hot internals take
  // and return offsets from an arena's first pool (below 2**20, small integers)
  // instead, and the public methods, which callers' loops inline, form the addresses.

  /** The arena object of the block {@link pymallocAlloc} handed out last. */
  private allocArena = 0;

  /** `free` of a block pymalloc does not own: the raw allocator's, or an error. */
  private rawFree(ptr: number): void {
    const s = this.#state;
    if (s.rawBlocks.take(ptr) < 0) {
      s.runningAllocatedBlocks++;
      throw new ObmallocError('invalid-free', `free of ${hexAddress(ptr)}, which no one allocated`);
    }
    s.rawAllocatedBlocks--;
    this.raw.free(ptr);
    if (this.hook !== null) this.hook({ type: 'raw-free', address: ptr });
  }

  /** The common path of malloc and calloc (the model stores no bytes, so they agree). */
  private allocate(nbytes: number, zeroed: boolean): number {
    if (nbytes === 0 || nbytes > this.constants.smallRequestThreshold) {
      // The unary plus types the call's result as a number for the JIT, so that the
      // two results meet as an unboxed double (not a fresh heap number per call).
      return +this.rawFallback(nbytes, zeroed);
    }
    const offset = this.pymallocAlloc((nbytes - 1) >> this.constants.alignmentShift, nbytes);
    if (offset < 0) return 0;
    const s = this.#state;
    s.runningAllocatedBlocks++;
    return s.arenaFirstPool[this.allocArena]! + offset;
  }

  private rawFallback(nbytes: number, zeroed: boolean): number {
    const address = zeroed ? this.raw.calloc(nbytes) : this.raw.malloc(nbytes);
    if (address !== 0) {
      const s = this.#state;
      s.rawAllocatedBlocks++;
      s.runningAllocatedBlocks++;
      s.rawBlocks.set(address, nbytes);
      if (this.hook !== null) this.hook({ type: 'raw-alloc', address, nbytes });
    }
    return address;
  }

  /** The pool holding `ptr` in arena `arena`, checked to be a carved pool. */
  private poolOf(arena: number, ptr: number, code: 'invalid-free' | 'invalid-realloc'): number {
    const s = this.#state;
    // Offsets inside an arena are below 2**20, so integer shifts are exact here.
    const k = (ptr - s.arenaFirstPool[arena]!) >> this.poolShift;
    if (k < 0 || k >= s.arenaCarved[arena]!) this.inNoCarvedPool(ptr, code);
    return s.poolId(arena, k);
  }

  /** @throws ObmallocError: `ptr` lies in an arena, outside every carved pool. */
  private inNoCarvedPool(ptr: number, code: 'invalid-free' | 'invalid-realloc'): never {
    throw new ObmallocError(code, `${hexAddress(ptr)} is inside an arena but in no carved pool`);
  }

  /**
   * `pymalloc_alloc`: the block's offset from the first pool of its arena object
   * (left in {@link allocArena}), or -1 when no arena could be had.
   */
  private pymallocAlloc(sizeClass: number, nbytes: number): number {
    const s = this.#state;
    const pools = s.pools;
    const pool = pools[(sizeClass << RECORD) + NEXTPOOL]!;
    if (pool === sizeClass) return this.allocateFromNewPool(sizeClass, nbytes);
    // usedpools[sizeClass] has a pool: take the head of its free list.
    const h = pool << RECORD;
    const size = (sizeClass + 1) << this.constants.alignmentShift;
    const arena = s.poolArena(pool);
    const links = s.blockLinks[arena]!;
    const base = ((pool - s.numClasses) & 63) * s.maxBlocks;
    pools[h + REF]!++;
    s.blocksInUse++;
    const block = pools[h + FREEBLOCK]!;
    const next = links[base + block]!;
    pools[h + FREEBLOCK] = next;
    if (next < 0) {
      const nextoffset = pools[h + NEXTOFFSET]!;
      if (nextoffset <= pools[h + MAXNEXTOFFSET]!) {
        // Lazily carve the next virgin block onto the free list.
        const virgin = (nextoffset - this.constants.poolOverhead) / size;
        pools[h + FREEBLOCK] = virgin;
        links[base + virgin] = -1;
        pools[h + NEXTOFFSET] = nextoffset + size;
      } else {
        // The pool is full: it leaves usedpools.
        const after = pools[h + NEXTPOOL]!;
        const before = pools[h + PREVPOOL]!;
        pools[(after << RECORD) + PREVPOOL] = before;
        pools[(before << RECORD) + NEXTPOOL] = after;
      }
    }
    const offset =
      ((pool - s.numClasses) & 63) * this.constants.poolSize +
      this.constants.poolOverhead +
      block * size;
    this.allocArena = arena;
    if (this.hook !== null) {
      const address = s.arenaFirstPool[arena]! + offset;
      this.hook({ type: 'block-alloc', address, sizeClass, nbytes });
    }
    return offset;
  }

  /** `allocate_from_new_pool` (3.9 name): as {@link pymallocAlloc}. */
  private allocateFromNewPool(sizeClass: number, nbytes: number): number {
    const s = this.#state;
    const c = this.constants;
    if (s.usableArenas < 0) {
      const fresh = this.newArena();
      if (fresh < 0) return -1;
      s.usableArenas = fresh;
      s.arenaNext[fresh] = -1;
      s.arenaPrev[fresh] = -1;
      s.nfp2lasta[s.arenaNfreepools[fresh]!] = fresh;
    }
    const arena = s.usableArenas;
    const nfree = s.arenaNfreepools[arena]!;
    if (s.nfp2lasta[nfree] === arena) s.nfp2lasta[nfree] = -1;
    if (nfree > 1) s.nfp2lasta[nfree - 1] = arena;

    const pools = s.pools;
    let pool = s.arenaFreepools[arena]!;
    if (pool >= 0) {
      s.arenaFreepools[arena] = pools[(pool << RECORD) + NEXTPOOL]!;
    } else {
      pool = s.poolId(arena, s.arenaCarved[arena]!);
      s.arenaCarved[arena]!++;
      pools[(pool << RECORD) + SZIDX] = c.dummySizeIndex;
    }
    const h = pool << RECORD;
    s.arenaNfreepools[arena] = nfree - 1;
    if (nfree - 1 === 0) {
      s.usableArenas = s.arenaNext[arena]!;
      if (s.usableArenas >= 0) s.arenaPrev[s.usableArenas] = -1;
    }

    // The pool becomes the only member of usedpools[sizeClass].
    pools[h + NEXTPOOL] = sizeClass;
    pools[h + PREVPOOL] = sizeClass;
    pools[(sizeClass << RECORD) + NEXTPOOL] = pool;
    pools[(sizeClass << RECORD) + PREVPOOL] = pool;
    pools[h + REF] = 1;
    s.blocksInUse++;

    const size = (sizeClass + 1) << c.alignmentShift;
    const links = s.blockLinks[arena]!;
    const base = ((pool - s.numClasses) & 63) * s.maxBlocks;
    let block: number;
    if (pools[h + SZIDX] === sizeClass) {
      // Same class as before it emptied: its header and free list are still valid.
      block = pools[h + FREEBLOCK]!;
      pools[h + FREEBLOCK] = links[base + block]!;
    } else {
      pools[h + SZIDX] = sizeClass;
      block = 0;
      pools[h + NEXTOFFSET] = c.poolOverhead + 2 * size;
      pools[h + MAXNEXTOFFSET] = c.poolSize - size;
      pools[h + FREEBLOCK] = 1;
      links[base + 1] = -1;
      if (this.hook !== null) {
        this.hook({ type: 'pool-init', pool: s.poolAddress(pool), sizeClass });
      }
    }
    const offset = ((pool - s.numClasses) & 63) * c.poolSize + c.poolOverhead + block * size;
    this.allocArena = arena;
    if (this.hook !== null) {
      const address = s.arenaFirstPool[arena]! + offset;
      this.hook({ type: 'block-alloc', address, sizeClass, nbytes });
    }
    return offset;
  }

  /** `new_arena()`: the arena object's index, or -1 when the arena allocator failed. */
  private newArena(): number {
    const s = this.#state;
    const c = this.constants;
    if (s.unusedArenaObjects < 0) {
      const count = s.maxarenas === 0 ? c.initialArenaObjects : s.maxarenas * 2;
      const first = s.maxarenas;
      s.growArenaObjects(count);
      s.unusedArenaObjects = first;
    }
    const arena = s.unusedArenaObjects;
    s.unusedArenaObjects = s.arenaNext[arena]!;
    const address = this.arenaAllocator.alloc(c.arenaSize);
    if (address === 0) {
      s.arenaNext[arena] = s.unusedArenaObjects;
      s.unusedArenaObjects = arena;
      return -1;
    }
    s.arenaAddress[arena] = address;
    s.mapArena(arena, address);
    if (c.radixTree !== null) this.markArenaMap(address);
    s.narenasCurrentlyAllocated++;
    s.ntimesArenaAllocated++;
    if (s.narenasCurrentlyAllocated > s.narenasHighwater) {
      s.narenasHighwater = s.narenasCurrentlyAllocated;
    }
    s.arenaFreepools[arena] = -1;
    s.arenaCarved[arena] = 0;
    const excess = address % c.poolSize;
    const pools = excess === 0 ? c.maxPoolsInArena : c.maxPoolsInArena - 1;
    s.arenaFirstPool[arena] = excess === 0 ? address : address + c.poolSize - excess;
    s.arenaNfreepools[arena] = pools;
    s.arenaNtotalpools[arena] = pools;
    s.blockLinks[arena] ??= new Int16Array(s.poolsPerArena * s.maxBlocks);
    if (this.hook !== null) this.hook({ type: 'arena-new', arenaIndex: arena, address });
    return arena;
  }

  /**
   * `arena_map_mark_used(base, 1)` (3.10+): the leaves of `base`'s ideal slot and, when
   * the arena straddles two slots, of the next one; interior nodes are created on
   * first use and never freed, which is all the statistics need.
   */
  private markArenaMap(address: number): void {
    const s = this.#state;
    const geometry = this.constants.radixTree!;
    const slot = Math.floor(address / this.constants.arenaSize);
    const slots = address % this.constants.arenaSize === 0 ? [slot] : [slot, slot + 1];
    for (const each of slots) {
      s.radixMidNodes.add(Math.floor(each / 2 ** (geometry.botBits + geometry.midBits)));
      s.radixBotNodes.add(Math.floor(each / 2 ** geometry.botBits));
    }
  }

  /**
   * `pymalloc_free` of the block at `offset` from the first pool of arena object
   * `arena`. The common case (the block joins the free list of a pool that stays in
   * usedpools) is here, the rest — a full pool coming back, an emptied pool, a bad
   * pointer — in {@link poolChanged} and {@link invalidFree}.
   */
  private pymallocFree(arena: number, offset: number): void {
    const s = this.#state;
    // Offsets inside an arena are below 2**20, so integer shifts are exact here.
    const k = offset >> this.poolShift;
    if (k < 0 || k >= s.arenaCarved[arena]!) this.invalidFree(arena, offset);
    const pool = s.numClasses + (arena << 6) + k;
    const pools = s.pools;
    const h = pool << RECORD;
    const sizeClass = pools[h + SZIDX]!;
    const block =
      (offset - (k << this.poolShift) - this.constants.poolOverhead) /
      ((sizeClass + 1) << this.constants.alignmentShift);
    const ref = pools[h + REF]! - 1;
    if (block !== (block | 0) || block < 0 || ref < 0) this.invalidFree(arena, offset);
    const lastfree = pools[h + FREEBLOCK]!;
    s.blockLinks[arena]![k * s.maxBlocks + block] = lastfree;
    pools[h + FREEBLOCK] = block;
    pools[h + REF] = ref;
    s.blocksInUse--;
    if (this.hook !== null) this.blockFreed(arena, offset, sizeClass);
    if (lastfree < 0 || ref === 0) this.poolChanged(arena, pool, sizeClass, lastfree);
  }

  /** Tells the hook about a freed block (see {@link pymallocFree}). */
  private blockFreed(arena: number, offset: number, sizeClass: number): void {
    const address = this.#state.arenaFirstPool[arena]! + offset;
    this.hook?.({ type: 'block-free', address, sizeClass });
  }

  /**
   * @throws ObmallocError: the address at `offset` from arena object `arena`'s first
   *   pool lies in no carved pool, or is no live block of its pool.
   */
  private invalidFree(arena: number, offset: number): never {
    const s = this.#state;
    const ptr = s.arenaFirstPool[arena]! + offset;
    const k = offset >> this.poolShift;
    if (k < 0 || k >= s.arenaCarved[arena]!) this.inNoCarvedPool(ptr, 'invalid-free');
    this.notALiveBlock(ptr);
  }

  /** @throws ObmallocError: `ptr` lies in a carved pool but is no live block of it. */
  private notALiveBlock(ptr: number): never {
    throw new ObmallocError(
      'invalid-free',
      `free of ${hexAddress(ptr)}, which is not a live block`,
    );
  }

  /**
   * After a free that changed the pool's state: a pool that was full goes to the
   * front of usedpools[class]; one that emptied goes to its arena's free pools.
   */
  private poolChanged(arena: number, pool: number, sizeClass: number, lastfree: number): void {
    const s = this.#state;
    if (lastfree < 0) {
      // The pool was full: it goes to the front of usedpools[class].
      const pools = s.pools;
      const head = sizeClass << RECORD;
      const first = pools[head + NEXTPOOL]!;
      pools[(pool << RECORD) + NEXTPOOL] = first;
      pools[(pool << RECORD) + PREVPOOL] = sizeClass;
      pools[(first << RECORD) + PREVPOOL] = pool;
      pools[head + NEXTPOOL] = pool;
      return;
    }
    this.insertToFreepool(arena, pool, sizeClass);
  }

  /** `insert_to_freepool` (3.9 name): the pool emptied; reorder its arena. */
  private insertToFreepool(arena: number, pool: number, sizeClass: number): void {
    const s = this.#state;
    const c = this.constants;
    const pools = s.pools;
    const h = pool << RECORD;
    const after = pools[h + NEXTPOOL]!;
    const before = pools[h + PREVPOOL]!;
    pools[(after << RECORD) + PREVPOOL] = before;
    pools[(before << RECORD) + NEXTPOOL] = after;
    pools[h + NEXTPOOL] = s.arenaFreepools[arena]!;
    s.arenaFreepools[arena] = pool;
    if (this.hook !== null) {
      this.hook({ type: 'pool-empty', pool: s.poolAddress(pool), sizeClass });
    }

    let nf = s.arenaNfreepools[arena]!;
    const lastnf = s.nfp2lasta[nf]!;
    if (lastnf === arena) {
      const left = s.arenaPrev[arena]!;
      s.nfp2lasta[nf] = left >= 0 && s.arenaNfreepools[left] === nf ? left : -1;
    }
    nf += 1;
    s.arenaNfreepools[arena] = nf;

    if (nf === s.arenaNtotalpools[arena] && (!c.keepLastFreeArena || s.arenaNext[arena]! >= 0)) {
      // Case 1: every pool is free: give the arena back.
      const prev = s.arenaPrev[arena]!;
      const next = s.arenaNext[arena]!;
      if (prev < 0) s.usableArenas = next;
      else s.arenaNext[prev] = next;
      if (next >= 0) s.arenaPrev[next] = prev;
      s.arenaNext[arena] = s.unusedArenaObjects;
      s.unusedArenaObjects = arena;
      const address = s.arenaAddress[arena]!;
      s.unmapArena(arena, address);
      this.arenaAllocator.free(address, c.arenaSize);
      s.arenaAddress[arena] = 0;
      s.narenasCurrentlyAllocated--;
      if (this.hook !== null) {
        this.hook({ type: 'arena-release', arenaIndex: arena, address });
      }
      return;
    }
    if (nf === 1) {
      // Case 2: the arena was full: it becomes the head of usable_arenas.
      s.arenaNext[arena] = s.usableArenas;
      s.arenaPrev[arena] = -1;
      if (s.usableArenas >= 0) s.arenaPrev[s.usableArenas] = arena;
      s.usableArenas = arena;
      if (s.nfp2lasta[1] === -1) s.nfp2lasta[1] = arena;
      return;
    }
    if (s.nfp2lasta[nf] === -1) s.nfp2lasta[nf] = arena;
    // Case 4: it was the rightmost with the old count, so the list is still sorted.
    if (arena === lastnf) return;
    // Case 3: move it just after lastnf, the rightmost arena with the old count.
    const prev = s.arenaPrev[arena]!;
    const next = s.arenaNext[arena]!;
    if (prev >= 0) s.arenaNext[prev] = next;
    else s.usableArenas = next;
    s.arenaPrev[next] = prev;
    s.arenaPrev[arena] = lastnf;
    const afterLast = s.arenaNext[lastnf]!;
    s.arenaNext[arena] = afterLast;
    if (afterLast >= 0) s.arenaPrev[afterLast] = arena;
    s.arenaNext[lastnf] = arena;
  }
}
