/**
 * The heap's core: the object table, handles, reference counting, the life cycle of
 * one object and every allocator call. The type families (ints.ts, strings.ts,
 * tuples.ts, lists.ts, dicts.ts, sets.ts), deallocation (dealloc.ts) and the free
 * lists (free-lists.ts) are functions over a {@link HeapCore}; `Heap` (heap.ts) is
 * the public face that composes them.
 *
 *   handle h ──► columns of ObjectTable (internal/table.ts): type, state, flags,
 *                refcnt, external, address, length, allocated, storage, payload
 *   blocks:      address → requested bytes, for every block the heap holds
 *
 * Lifecycle of an object:
 *
 *            new (allocator or free list)        refcount reaches 0
 *   (none) ──────────────────────────────► LIVE ─────────────────────► dealloc
 *                      ▲                                                  │
 *                      │ popped by the next new of its type   free list  │ room on its
 *                      └──────────────────────────────── PARKED ◄────────┤ free list
 *                                                                          │ otherwise
 *                                                       freed (block back) ◄┘
 *
 * Invariants (checked by validateHeap):
 *   1. For a mortal object, refcnt = references from other live objects + external
 *      references (the API caller's) + 1 if an interpreter cache holds it.
 *   2. No live object refers to a freed or parked one.
 *   3. Every live or parked object that is not static owns its blocks; the heap holds
 *      exactly the blocks the allocator handed out since the heap was built.
 *
 * Singletons (None, True, False, small ints −5…256, '', one-character latin-1 strs,
 * b'', one-byte bytes, (), and frozenset() on 3.8/3.9) exist from the start and are
 * "static": they use no block of this allocator (CPython made them at start-up, or
 * statically from 3.12). They are immortal on 3.12+, start at 999,999,999 on 3.11,
 * and are held by one cache reference on 3.8–3.10.
 *
 * Models Py_INCREF/Py_DECREF and _Py_Dealloc (Include/object.h, Objects/object.c),
 * PyObject_GC_New/PyObject_GC_Del and _PyObject_GC_TRACK/UNTRACK (Modules/gcmodule.c,
 * Python/gc.c from 3.13), the static singletons of Include/internal/pycore_global_objects.h
 * (3.12+) and _PyObject_IMMORTAL_INIT (3.11), 3.8 to 3.14.
 */
import { Obmalloc } from '@pymem/obmalloc';
import type { ProfileName } from '@pymem/versions';
import { type ObjectConstants, objectConstants } from './constants.ts';
import { DataStack } from './data-stack.ts';
import { dealloc } from './dealloc.ts';
import type { MemoryDomain, ObjectListener, RefcountListener } from './events.ts';
import type { InterpreterFrame } from './frames.ts';
import { FreeLists } from './free-lists.ts';
import type { GcObserver } from './gc-observer.ts';
import { HeapError } from './heap-error.ts';
import { BlockSizes } from './internal/block-sizes.ts';
import { Flag, ObjectTable, type SetData, SlotState } from './internal/table.ts';
import { digitCount } from './ints.ts';
import { type ObjectLayout, objectLayout, type PointerSize } from './layout.ts';
import { SetTable } from './set-table.ts';
import { isGcType, type ObjectType, TYPE_CODE, TYPE_NAMES } from './types.ts';

/** A handle to a heap object (a positive integer; 0 is NULL). */
export type ObjectHandle = number;

/** Options for {@link HeapCore} / `Heap`. */
export interface HeapOptions {
  /** The CPython version profile. */
  readonly profile: ProfileName;
  /** 8 (default) or 4 for the wasm32 build (sizes only; the allocator stays 64-bit pymalloc). */
  readonly pointerSize?: PointerSize;
  /** The allocator to draw on; a fresh one of the profile by default. */
  readonly obmalloc?: Obmalloc;
  /**
   * 3.11+: words free in the data stack's root chunk when the heap starts (the
   * interpreter's own frames use the rest); see data-stack.ts. Default
   * {@link DEFAULT_ROOT_FREE_WORDS}.
   */
  readonly dataStackFreeWords?: number;
}

/**
 * Free words of the root data-stack chunk at module level of a script run with
 * `-I -S`: between 2,017 and 2,030 on 3.11.7–3.13.0 (calibrated from the recordings
 * of tests/programs/data_stack.py; tests/objects-data-stack.test.ts checks that this
 * default predicts them); the lower end.
 */
export const DEFAULT_ROOT_FREE_WORDS: number = 2017;

/**
 * A source of items for list.extend / set.update / list(…) given as a JS iterable of
 * *new* references (the iterator's results, e.g. `range`'s ints), which the receiving
 * container takes over, with `__length_hint__` (`lengthHint`, or none).
 */
export interface ItemIterator {
  /** Each yielded handle carries one external reference that the consumer adopts. */
  readonly items: Iterable<ObjectHandle>;
  /** What `PyObject_LengthHint` returns; undefined: the iterator has none (default 8). */
  readonly lengthHint?: number;
}

/** 3.11's initial count of statically allocated objects (`_PyObject_IMMORTAL_INIT`). */
export const DEEP_STATIC_REFCNT = 999_999_999;
const STATIC_BASE = 0x10000000;
const STATIC_STRIDE = 64;
/** One-character latin-1 str singletons (`_Py_LATIN1_CHR`). */
export const LATIN1_SINGLETONS = 256;

/** A container being deallocated (object 0: a drain of the trashcan's deferred list). */
export interface DeallocFrame {
  /** The container, or 0 for a drain frame. */
  readonly object: ObjectHandle;
  /** The references it releases, in its tp_dealloc's order. */
  readonly children: readonly ObjectHandle[];
  /** Index of the next child to release. */
  next: number;
}

/**
 * How the heap hashes and compares keys whose class is the program's (PyObject_Hash →
 * slot_tp_hash, PyObject_RichCompare → slot_tp_richcompare): the interpreter calls the
 * class's `__hash__` / `__eq__`; the heap only asks.
 */
export interface KeyHooks {
  /**
   * `hash(o)` by its class's `__hash__` (a signed Py_hash_t), or undefined when `o`
   * hashes by its identity (object.__hash__). @throws HeapError('unhashable') when the
   * class set `__hash__` to None, HeapError('unsupported') for a hash the model cannot
   * vouch for, or whatever the method raised.
   */
  hash(o: ObjectHandle): bigint | undefined;
  /** Whether `o` hashes by its class's `__hash__` (nothing is called). */
  hashesByMethod(o: ObjectHandle): boolean;
  /** `stored == k` as a dict or set lookup asks it (PyObject_RichCompare(stored, k, Py_EQ)). */
  equal(stored: ObjectHandle, k: ObjectHandle): boolean;
}

/** The state and primitives every part of the heap shares; see the module comment. */
export class HeapCore {
  /** The profile's struct sizes. */
  readonly layout: ObjectLayout;
  /** The profile's cache capacities. */
  readonly constants: ObjectConstants;
  /** The allocator every object's memory comes from. */
  readonly obmalloc: Obmalloc;
  /**
   * The heap's one hook: receives every {@link ObjectEvent}; null (the default) costs
   * nothing. Owned by whoever composes the model (`@pymem/runtime` fans it out).
   */
  hook: ObjectListener | null = null;
  /**
   * The cycle collector's observer (gc-observer.ts): told of GC allocations, frees and
   * tracking changes; null (the default) costs nothing. Set by whoever attaches a collector.
   */
  gc: GcObserver | null = null;
  /** Receives every reference-count change while set; null (the default) costs one test. */
  refcountHook: RefcountListener | null = null;
  /**
   * Runs a class's `__del__` when an instance of a class made with `finalizer: true`
   * reaches a count of zero (PyObject_CallFinalizerFromDealloc): called with the count
   * set to 1; null (the default): the finalizer does nothing.
   */
  finalizeHook: ((o: ObjectHandle) => void) | null = null;
  /**
   * Calls a weakref's callback when its referent dies by reference count
   * (PyObject_ClearWeakRefs → handle_callback), with the weakref and the callback both
   * borrowed; null (the default): callbacks are released uncalled (weakrefs.ts).
   */
  weakrefCallbackHook: ((r: ObjectHandle, callback: ObjectHandle) => void) | null = null;
  /**
   * The program's side of hashing and comparing keys (installed by the interpreter);
   * null (the default): every instance, class, function and exception hashes by its
   * identity and no key's class defines `__hash__` or `__eq__`.
   */
  keyHooks: KeyHooks | null = null;
  /**
   * Set once a key hashed by its class's `__hash__` has been used: from then on every
   * table lookup also checks for keys of another kind with the same hash (key-identity.ts).
   */
  methodHashedKeys = false;
  /**
   * While {@link oneLookup} runs: hashes already taken ('h' + key handle → identity) and
   * stored keys already compared equal ('e' + stored + ',' + key); null otherwise.
   */
  keyMemo: Map<string, string> | null = null;
  /** Whether {@link keyMemo} also remembers comparisons. */
  keyMemoCompares = false;
  /** `None`. */
  readonly none: ObjectHandle;
  /** `NotImplemented` once made (heap.ts newNotImplemented), else 0. */
  protected notImplemented: ObjectHandle = 0;
  /** `True`. */
  readonly true: ObjectHandle;
  /** `False`. */
  readonly false: ObjectHandle;
  /** `()`. */
  readonly emptyTuple: ObjectHandle;
  /** @internal The builtins handed out so far (builtinObject), by name. */
  readonly builtinObjects: Map<string, ObjectHandle> = new Map();
  /** @internal The columns (read through the methods; validateHeap reads them). */
  readonly table: ObjectTable = new ObjectTable();
  /** @internal Blocks the heap holds: address → bytes requested. */
  readonly blocks: BlockSizes = new BlockSizes();
  /** Blocks the allocator had already handed out to others when the heap was built. */
  readonly foreignBlocks: number;
  /** @internal The free lists. */
  readonly freeLists: FreeLists;
  /** @internal Small ints −5…256, by value − smallIntMin. */
  readonly smallInts: ObjectHandle[] = [];
  /** @internal One-character latin-1 strs by code point. */
  readonly latin1: ObjectHandle[] = [];
  /** @internal `''`. */
  readonly emptyStr: ObjectHandle;
  /** @internal `b''`. */
  readonly emptyBytes: ObjectHandle;
  /** @internal Stands for the 256 one-byte bytes singletons. */
  readonly oneByte: ObjectHandle;
  /** @internal `frozenset()` on 3.8/3.9, else 0. */
  readonly emptyFrozenset: ObjectHandle;
  /** @internal Trashcan nesting level (`tstate->trash.delete_nesting`). */
  trashNesting = 0;
  /** @internal The trashcan's deferred containers (LIFO). */
  readonly trashLater: ObjectHandle[] = [];
  /** @internal The explicit deallocation stack. */
  readonly deallocStack: DeallocFrame[] = [];
  /** @internal True while the dealloc stack is being run. */
  deallocating = false;
  /** @internal Each weakly referenced object's weakrefs (weakrefs.ts). */
  readonly weakrefLists: Map<ObjectHandle, ObjectHandle[]> = new Map();
  /** @internal The running calls' frames, innermost last (frames.ts). */
  readonly callStack: InterpreterFrame[] = [];
  /** @internal The thread's data stack (3.11+; null before). */
  readonly dataStack: DataStack | null;
  /** @internal The exception being raised (an external reference), or 0 (exceptions.ts). */
  raised: ObjectHandle = 0;
  /** @internal Per running `except` block, the references its exc_info holds (exceptions.ts). */
  readonly handlers: ObjectHandle[][] = [];
  /**
   * How many started generators were closed by throwing GeneratorExit into them
   * (3.8–3.12 gen_close; generators.ts). On 3.12 CPython may also make the resuming
   * frame's frame object then, which the model does not: an interpreter reads this to
   * know when its gen0 count may differ from CPython's.
   */
  generatorExitsThrown = 0;
  private staticCount = 0;

  constructor(options: HeapOptions) {
    this.layout = objectLayout(options.profile, options.pointerSize ?? 8);
    this.constants = objectConstants(options.profile);
    this.obmalloc = options.obmalloc ?? new Obmalloc({ profile: options.profile });
    this.foreignBlocks = this.obmalloc.getAllocatedBlocks();
    this.freeLists = new FreeLists(this.constants.tupleFreeListMaxLength);
    this.dataStack =
      this.layout.minor >= 11
        ? new DataStack(
            this.layout.pointerSize,
            options.dataStackFreeWords ?? DEFAULT_ROOT_FREE_WORDS,
          )
        : null;
    this.none = this.makeStatic('NoneType', undefined);
    this.true = this.makeStatic('bool', 1n);
    this.false = this.makeStatic('bool', 0n);
    this.table.length[this.true] = 1;
    this.table.length[this.false] = this.layout.zeroHasNoDigits ? 0 : 1;
    for (let v = this.constants.smallIntMin; v <= this.constants.smallIntMax; v++) {
      const h = this.makeStatic('int', BigInt(v), true);
      const digits = digitCount(BigInt(v));
      this.table.length[h] = this.layout.zeroHasNoDigits ? digits : Math.max(1, digits);
      this.smallInts.push(h);
    }
    this.emptyStr = this.makeStatic('str', '', true);
    for (let c = 0; c < LATIN1_SINGLETONS; c++) {
      const h = this.makeStatic('str', String.fromCharCode(c), true);
      this.table.length[h] = 1;
      this.table.allocated[h] = c < 128 ? 0 : 1;
      this.latin1.push(h);
    }
    this.emptyBytes = this.makeStatic('bytes', undefined, true);
    this.oneByte = this.makeStatic('bytes', undefined, true);
    this.table.length[this.oneByte] = 1;
    this.emptyTuple = this.makeStatic('tuple', [], true);
    this.emptyFrozenset = this.constants.emptyFrozensetSingleton
      ? this.makeStatic('frozenset', {
          table: new SetTable(this.layout.pointerSize, this.layout.minor),
          entries: new Map(),
        } satisfies SetData)
      : 0;
    // Made by make_new_set at start-up, the empty frozenset stays tracked.
    if (this.emptyFrozenset !== 0) this.table.flags[this.emptyFrozenset]! |= Flag.TRACKED;
  }

  /** True while `o` is a live object (not freed, not parked on a free list). */
  isLive(o: ObjectHandle): boolean {
    return o > 0 && o < this.table.top && this.table.state[o] === SlotState.LIVE;
  }

  /** @internal Throws unless `o` is live. */
  check(o: ObjectHandle): void {
    if (!this.isLive(o)) throw new HeapError('dead-object', `object ${o} is not alive`);
  }

  /** @internal Throws unless `o` is a live object of `type`. */
  expect(o: ObjectHandle, type: ObjectType): void {
    this.check(o);
    const actual = TYPE_NAMES[this.table.type[o]!];
    // defaultdict, Counter and OrderedDict are dict subtypes: dict operations take them (PyDict_Check).
    if (
      actual !== type &&
      !(
        type === 'dict' &&
        (actual === 'defaultdict' || actual === 'Counter' || actual === 'OrderedDict')
      )
    ) {
      throw new HeapError(
        'wrong-type',
        `expected a ${type}, got a ${TYPE_NAMES[this.table.type[o]!]}`,
      );
    }
  }

  /** @internal The type name of a slot (no liveness check). */
  typeName(o: ObjectHandle): ObjectType {
    return TYPE_NAMES[this.table.type[o]!]!;
  }

  /** @internal Bytes before `id(o)` in its block: the GC header for GC types. */
  preHeader(o: ObjectHandle): number {
    const type = this.typeName(o);
    // A Counter's class keeps its __dict__ (and 3.12+ __weakref__) before the object, 3.11+.
    if (type === 'Counter' && this.layout.minor >= 11)
      return this.layout.gcHeader + 2 * this.layout.pointerSize;
    return isGcType(type) ? this.layout.gcHeader : 0;
  }

  /** @internal PyObject_GC_New's request: the GC header plus the type's basic size. */
  gcRequest(basic: number): number {
    return this.layout.gcHeader + basic;
  }

  /**
   * Runs `fn` as one operation of CPython's that hashes its key once (dict.pop,
   * `del d[k]`, dict.setdefault, set.remove: one lookup; `_count_elements`: one hash,
   * then a lookup to read and one to store): a key hashed by its class's `__hash__` is
   * hashed once however often `fn` looks it up, and with `comparesOnce` compared with a
   * stored key once.
   */
  oneLookup<T>(fn: () => T, comparesOnce = true): T {
    if (this.keyMemo !== null) return fn();
    this.keyMemo = new Map();
    this.keyMemoCompares = comparesOnce;
    try {
      return fn();
    } finally {
      this.keyMemo = null;
    }
  }

  /**
   * @internal A pre-existing singleton. `deep`: one of 3.11's statically allocated
   * objects (small ints, '', one-character strs, bytes singletons, ()) whose count
   * starts at 999,999,999 (measured: getrefcount(1) = 1,000,000,062); other 3.8–3.11
   * singletons count one reference, the cache's.
   */
  makeStatic(type: ObjectType, payload: unknown, deep = false): ObjectHandle {
    const t = this.table;
    const h = t.allocateSlot(TYPE_CODE[type]);
    t.address[h] = this.nextStaticAddress();
    t.payload[h] = payload;
    const immortal = this.layout.immortalRefcount;
    if (immortal !== null) {
      t.flags[h] = Flag.STATIC | Flag.IMMORTAL;
      t.refcnt[h] = immortal;
    } else {
      t.flags[h] =
        Flag.STATIC | Flag.CACHED | (deep && this.layout.minor === 11 ? Flag.DEEP_STATIC : 0);
      t.refcnt[h] = deep && this.layout.minor === 11 ? DEEP_STATIC_REFCNT : 1;
    }
    return h;
  }

  /** @internal A made-up address outside every arena for an object with no block. */
  nextStaticAddress(): number {
    return STATIC_BASE + STATIC_STRIDE * this.staticCount++;
  }

  /** @internal A new external reference to an existing (cached) object. */
  share(o: ObjectHandle): ObjectHandle {
    this.table.external[o]!++;
    this.increment(o);
    return o;
  }

  /** @internal Takes over one external reference of `o` as the heap's own (a stolen reference). */
  adopt(o: ObjectHandle): void {
    this.check(o);
    if (this.table.external[o]! <= 0)
      throw new HeapError('no-reference', `object ${o} was handed over without a reference`);
    this.table.external[o]!--;
  }

  /** @internal `Py_INCREF` of a reference the heap will hold. */
  increment(o: ObjectHandle): void {
    if (this.table.flags[o]! & Flag.IMMORTAL) return;
    const refcnt = ++this.table.refcnt[o]!;
    if (this.refcountHook !== null) this.refcountHook({ type: 'object-incref', handle: o, refcnt });
  }

  /** @internal `Py_DECREF` of a reference the heap held. */
  release(o: ObjectHandle): void {
    const t = this.table;
    if (t.flags[o]! & Flag.IMMORTAL) return;
    const refcnt = --t.refcnt[o]!;
    if (this.refcountHook !== null) this.refcountHook({ type: 'object-decref', handle: o, refcnt });
    if (refcnt === 0) dealloc(this, o);
  }

  /** @internal A new LIVE object at `address`, with one external reference. */
  allocObject(type: ObjectType, address: number): ObjectHandle {
    const h = this.table.allocateSlot(TYPE_CODE[type]);
    this.table.address[h] = address;
    this.table.external[h] = 1;
    if (this.hook !== null)
      this.hook({ type: 'object-new', handle: h, objectType: type, address, reused: false });
    if (this.gc !== null && isGcType(type)) this.gc.onGcAlloc(h);
    return h;
  }

  /** @internal Takes a parked object back (free-list reuse): no allocator call. */
  revive(h: ObjectHandle): ObjectHandle {
    const t = this.table;
    t.state[h] = SlotState.LIVE;
    t.live++;
    t.refcnt[h] = 1;
    t.external[h] = 1;
    t.flags[h] = 0;
    t.length[h] = 0;
    t.allocated[h] = 0;
    t.storage[h] = 0;
    if (this.hook !== null) {
      this.hook({
        type: 'object-new',
        handle: h,
        objectType: this.typeName(h),
        address: t.address[h]!,
        reused: true,
      });
    }
    return h;
  }

  /** @internal Puts a dead object on `list` (a free list) instead of freeing its block. */
  park(h: ObjectHandle, list: ObjectHandle[]): void {
    const t = this.table;
    t.state[h] = SlotState.PARKED;
    t.live--;
    t.payload[h] = undefined;
    t.storage[h] = 0;
    list.push(h);
    if (this.hook !== null) {
      this.hook({
        type: 'object-park',
        handle: h,
        objectType: this.typeName(h),
        address: t.address[h]!,
      });
    }
  }

  /** @internal Frees a dead object's block and its handle. */
  freeObject(h: ObjectHandle): void {
    const t = this.table;
    const address = t.address[h]!;
    const type = this.typeName(h);
    if (this.gc !== null && isGcType(type)) this.gc.onGcFree(h);
    this.memCall('free', address, 0, 'obj');
    t.releaseSlot(h);
    if (this.hook !== null)
      this.hook({ type: 'object-free', handle: h, objectType: type, address });
  }

  /** @internal `_PyObject_GC_TRACK` (idempotent). */
  track(h: ObjectHandle): void {
    if (this.table.flags[h]! & Flag.TRACKED) return;
    this.table.flags[h]! |= Flag.TRACKED;
    if (this.hook !== null) this.hook({ type: 'object-track', handle: h });
    if (this.gc !== null) this.gc.onTrack(h);
  }

  /** @internal `_PyObject_GC_UNTRACK` (idempotent). */
  untrack(h: ObjectHandle): void {
    if ((this.table.flags[h]! & Flag.TRACKED) === 0) return;
    this.table.flags[h]! &= ~Flag.TRACKED;
    if (this.hook !== null) this.hook({ type: 'object-untrack', handle: h });
    if (this.gc !== null) this.gc.onUntrack(h);
  }

  /** @internal `PyObject_Malloc(nbytes)`. */
  objMalloc(nbytes: number): number {
    return this.memCall('malloc', 0, nbytes, 'obj');
  }

  /** @internal One allocator call, recorded in `blocks` and published. */
  memCall(
    call: 'malloc' | 'calloc' | 'realloc' | 'free',
    previous: number,
    nbytes: number,
    domain: MemoryDomain = 'mem',
  ): number {
    const m = this.obmalloc;
    let address: number;
    if (call === 'free') {
      m.free(previous);
      this.blocks.delete(previous);
      address = previous;
    } else {
      address =
        call === 'malloc'
          ? m.malloc(nbytes)
          : call === 'calloc'
            ? m.calloc(nbytes)
            : m.realloc(previous, nbytes);
      if (address === 0) throw new RangeError(`the allocator returned NULL for ${nbytes} bytes`);
      if (previous !== 0) this.blocks.delete(previous);
      this.blocks.set(address, nbytes);
    }
    if (this.hook !== null) {
      this.hook({
        type: 'memory-call',
        domain,
        call,
        nbytes,
        address,
        previous: call === 'realloc' ? previous : 0,
      });
    }
    return address;
  }

  /** @internal bytearray buffers: PyObject_Realloc before 3.13, PyMem_Realloc from 3.13 (measured). */
  bufferDomain(): MemoryDomain {
    return this.layout.minor >= 13 ? 'mem' : 'obj';
  }

  /** @internal Keys tables come from PyObject_Malloc before 3.13, PyMem_Malloc from 3.13 (measured). */
  keysDomain(): MemoryDomain {
    return this.layout.minor >= 13 ? 'mem' : 'obj';
  }

  /** @internal A list or tuple's items. */
  items(o: ObjectHandle): ObjectHandle[] {
    return this.table.payload[o] as ObjectHandle[];
  }
}
