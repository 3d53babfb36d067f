/**
 * A heap of refcounted CPython objects on top of one pymalloc model.
 *
 * Every object is memory obtained from an {@link Obmalloc} with the request sizes
 * CPython uses (object header with the GC pre-header via PyObject_GC_New /
 * PyObject_Malloc; list items, set tables and bytearray buffers as separate blocks;
 * dict keys tables via PyObject_Malloc, PyMem_Malloc from 3.13), grown with the same
 * reallocs. Objects are integer handles into columnar storage (internal/table.ts);
 * a dead object's handle is reused by a later object.
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
 * Deallocation releases what an object refers to in CPython's order (list and tuple
 * items last to first; dict entries first to last, key then value; set keys slot by
 * slot of the modelled hash table) and runs inside the trashcan
 * (constants.ts TrashcanRule: 50 levels on 3.8–3.12, the C recursion budget on 3.13):
 * containers nested deeper are deferred to a LIFO list that is drained on the way
 * back up. Deallocation runs on an explicit stack, so any depth frees with a flat JS
 * stack.
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
 * Models Objects/{long,float,unicode,bytes,bytearray,tuple,list,dict,set}object.c,
 * Objects/object.c (_Py_Dealloc, the trashcan) and Modules/gcmodule.c
 * (PyObject_GC_New / GC_Del), 3.8 to 3.14. 3.8–3.13 are checked against real
 * interpreters (sizes, allocator calls pointer for pointer, free order); 3.14 against
 * Pyodide's 32-bit build for sizes, tracking, refcounts and free lists, while its
 * 64-bit sizes, allocator calls and trashcan are from source only.
 */
import { Obmalloc } from '@pymem/obmalloc';
import type { ProfileName } from '@pymem/versions';
import { type ObjectConstants, objectConstants, type TrashcanRule } from './constants.ts';
import {
  DICT_LOG_MINSIZE,
  dictKeysBytes,
  estimateLog2Size,
  log2SizeFor,
  presizedLog2,
  usableFraction,
} from './dict-keys.ts';
import type { MemoryDomain, ObjectListener } from './events.ts';
import { hashWord, pythonHash } from './hash.ts';
import { type DictData, Flag, ObjectTable, type SetData, SlotState } from './internal/table.ts';
import { type ObjectLayout, objectLayout, type PointerSize } from './layout.ts';
import { listPreallocation, listResizeAllocation } from './list-growth.ts';
import { DUMMY, SetTable, setGrowthTarget, setNeedsResize, setTableSize } from './set-table.ts';
import { isGcType, type ObjectType, TYPE_CODE, TYPE_NAMES } from './types.ts';

/** A handle to a heap object (a positive integer; 0 is NULL). */
export type ObjectHandle = number;

/** Thrown on a call CPython would reject or that breaks the refcount contract. */
export class HeapError extends Error {
  /** Stable error code. */
  readonly code: 'dead-object' | 'wrong-type' | 'unhashable' | 'no-reference' | 'index';
  constructor(code: HeapError['code'], message: string) {
    super(message);
    this.name = 'HeapError';
    this.code = code;
  }
}

/** Options for {@link Heap}. */
export interface HeapOptions {
  /** The CPython version profile. */
  readonly profile: ProfileName;
  /** 8 (default) or 4 for the wasm32 build (sizes only; the allocator stays 64-bit pymalloc). */
  readonly pointerSize?: PointerSize;
  /** The allocator to draw on; a fresh one of the profile by default. */
  readonly obmalloc?: Obmalloc;
}

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
const LATIN1_SINGLETONS = 256;

/** Sizes of the heap's free lists (see {@link Heap.freeListCounts}). */
export interface FreeListCounts {
  /** Parked floats. */
  readonly float: number;
  /** Parked compact ints (3.14). */
  readonly int: number;
  /** Parked list objects. */
  readonly list: number;
  /** Parked dict objects. */
  readonly dict: number;
  /** Cached 8-slot keys tables. */
  readonly dictKeys: number;
  /** Parked tuples by length (index 0 unused). */
  readonly tuple: readonly number[];
}

/** A container being deallocated (object 0: a drain of the trashcan's deferred list). */
interface DeallocFrame {
  readonly object: ObjectHandle;
  readonly children: readonly ObjectHandle[];
  next: number;
}

/** One interpreter's objects; see the module comment. */
export class Heap {
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
  /** `None`. */
  readonly none: ObjectHandle;
  /** `True`. */
  readonly true: ObjectHandle;
  /** `False`. */
  readonly false: ObjectHandle;
  /** `()`. */
  readonly emptyTuple: ObjectHandle;
  /** @internal The columns (read through the methods; validateHeap reads them). */
  readonly table: ObjectTable = new ObjectTable();
  /** @internal Blocks the heap holds: address → bytes requested. */
  readonly blocks: Map<number, number> = new Map();
  /** Blocks the allocator had already handed out to others when the heap was built. */
  readonly foreignBlocks: number;
  private readonly smallInts: ObjectHandle[] = [];
  private readonly latin1: ObjectHandle[] = [];
  private readonly emptyStr: ObjectHandle;
  private readonly emptyBytes: ObjectHandle;
  private readonly oneByte: ObjectHandle;
  private readonly emptyFrozenset: ObjectHandle;
  private staticCount = 0;
  private readonly floatFree: ObjectHandle[] = [];
  private readonly intFree: ObjectHandle[] = [];
  private readonly listFree: ObjectHandle[] = [];
  private readonly dictFree: ObjectHandle[] = [];
  private readonly keysFree: number[] = [];
  private readonly tupleFree: ObjectHandle[][] = [];
  private trashNesting = 0;
  private readonly trashLater: ObjectHandle[] = [];
  private readonly deallocStack: DeallocFrame[] = [];
  private deallocating = false;

  constructor(options: HeapOptions) {
    this.layout = objectLayout(options.profile, options.pointerSize ?? 8);
    this.constants = objectConstants(options.profile);
    this.obmalloc = options.obmalloc ?? new Obmalloc({ profile: options.profile });
    this.foreignBlocks = this.obmalloc.getAllocatedBlocks();
    for (let i = 0; i <= this.constants.tupleFreeListMaxLength; i++) this.tupleFree.push([]);
    this.none = this.makeStatic('NoneType', undefined);
    this.true = this.makeStatic('bool', 1n);
    this.false = this.makeStatic('bool', 0n);
    this.table.length[this.true] = 1;
    this.table.length[this.false] = this.layout.zeroHasNoDigits ? 0 : 1;
    for (let v = this.constants.smallIntMin; v <= this.constants.smallIntMax; v++) {
      const h = this.makeStatic('int', BigInt(v), true);
      const digits = this.digitCount(BigInt(v));
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

  // ------------------------------------------------------------------ inspection

  /** The type of a live object. @throws HeapError('dead-object') */
  typeOf(o: ObjectHandle): ObjectType {
    this.check(o);
    return TYPE_NAMES[this.table.type[o]!]!;
  }

  /** True while `o` is a live object (not freed, not parked on a free list). */
  isLive(o: ObjectHandle): boolean {
    return o > 0 && o < this.table.top && this.table.state[o] === SlotState.LIVE;
  }

  /** Number of live objects, singletons included. */
  get liveCount(): number {
    return this.table.live;
  }

  /** `id(o)`: the object's address (its block plus the GC pre-header). */
  addressOf(o: ObjectHandle): number {
    this.check(o);
    return this.table.address[o]! + this.preHeader(o);
  }

  /** `sys.getsizeof(o)`. */
  sizeof(o: ObjectHandle): number {
    this.check(o);
    const t = this.table;
    const L = this.layout;
    const w = L.pointerSize;
    switch (TYPE_NAMES[t.type[o]!]!) {
      case 'int':
      case 'bool':
        return L.intHeader + L.digitBytes * t.length[o]!;
      case 'NoneType':
        return L.objectHeader;
      case 'float':
        return L.floatSize;
      case 'str': {
        // 3.12+ statically allocated latin-1 characters carry their UTF-8 form (2 bytes + NUL).
        const utf8 =
          t.allocated[o] === 1 && t.length[o] === 1 && t.flags[o]! & Flag.STATIC && L.minor >= 12
            ? 3
            : 0;
        return this.strBytes(t.length[o]!, t.allocated[o]!) + utf8;
      }
      case 'bytes':
        return L.bytesHeader + t.length[o]!;
      case 'bytearray':
        return L.bytearraySize + t.allocated[o]!;
      case 'tuple':
        return L.gcHeader + L.tupleBasic + w * t.length[o]!;
      case 'list':
        return L.gcHeader + L.listBasic + w * t.allocated[o]!;
      case 'dict': {
        const d = this.dictData(o);
        const keys = d.log2Size === 0 ? 0 : dictKeysBytes(L, d.log2Size, d.unicode);
        return L.gcHeader + L.dictBasic + keys;
      }
      case 'set':
      case 'frozenset': {
        const mask = this.setData(o).table.mask;
        return L.gcHeader + L.setBasic + (mask + 1 > L.setMinSize ? (mask + 1) * L.setEntry : 0);
      }
    }
  }

  /**
   * What `sys.getrefcount(o)` prints for an object passed from a name: the count plus
   * the argument's own reference — except on 3.14, whose interpreter passes a borrowed
   * reference (measured on Pyodide 3.14.2: an object held by one name reports 1).
   */
  getrefcount(o: ObjectHandle): number {
    this.check(o);
    const t = this.table;
    if (t.flags[o]! & Flag.IMMORTAL) return t.refcnt[o]!;
    return t.refcnt[o]! + (this.layout.minor >= 14 ? 0 : 1);
  }

  /**
   * True for the interpreter's pre-existing singletons (None, small ints, '', one-character
   * latin-1 strs, b'', one-byte bytes, (), frozenset() on 3.8/3.9) and code constants:
   * their counts include references from outside the model (immortal from 3.12).
   */
  isSingleton(o: ObjectHandle): boolean {
    this.check(o);
    return (this.table.flags[o]! & Flag.STATIC) !== 0;
  }

  /** `gc.is_tracked(o)`. */
  isTracked(o: ObjectHandle): boolean {
    this.check(o);
    return (this.table.flags[o]! & Flag.TRACKED) !== 0;
  }

  /** The objects `o` holds references to, in tp_traverse order (dict: key, value, …). */
  referents(o: ObjectHandle): ObjectHandle[] {
    this.check(o);
    const type = TYPE_NAMES[this.table.type[o]!]!;
    if (type === 'list' || type === 'tuple') return [...this.items(o)];
    if (type === 'dict') return [...this.dictData(o).entries.values()].flat();
    if (type === 'set' || type === 'frozenset') return this.setData(o).table.activeKeys();
    return [];
  }

  /** Python `len(o)` for str, bytes, bytearray, tuple, list, dict, set, frozenset. */
  lengthOf(o: ObjectHandle): number {
    const type = this.typeOf(o);
    if (type === 'dict') return this.dictData(o).entries.size;
    if (type === 'set' || type === 'frozenset') return this.setData(o).entries.size;
    return this.table.length[o]!;
  }

  /** The value of an int, bool or float object, the text of a str. */
  valueOf(o: ObjectHandle): bigint | number | string | undefined {
    this.check(o);
    const p = this.table.payload[o];
    return typeof p === 'bigint' || typeof p === 'number' || typeof p === 'string' ? p : undefined;
  }

  /** Allocated slots of a list (`allocated`) or bytes of a bytearray (`ob_alloc`). */
  capacityOf(o: ObjectHandle): number {
    this.check(o);
    return this.table.allocated[o]!;
  }

  /** How many dead objects each free list holds (what `sys._debugmallocstats` lists). */
  freeListCounts(): FreeListCounts {
    return {
      float: this.floatFree.length,
      int: this.intFree.length,
      list: this.listFree.length,
      dict: this.dictFree.length,
      dictKeys: this.keysFree.length,
      tuple: this.tupleFree.map((list) => list.length),
    };
  }

  // ------------------------------------------------------------------ refcounts

  /** `Py_INCREF` on behalf of the caller (an external reference). */
  incref(o: ObjectHandle): void {
    this.check(o);
    this.table.external[o]!++;
    this.increment(o);
  }

  /** `Py_DECREF` of one of the caller's references; deallocates at zero. */
  decref(o: ObjectHandle): void {
    this.check(o);
    if (this.table.external[o]! <= 0) {
      throw new HeapError(
        'no-reference',
        `decref of object ${o}, which the caller holds no reference to`,
      );
    }
    this.table.external[o]!--;
    this.release(o);
  }

  // ------------------------------------------------------------------ scalars

  /** A new reference to the int `value` (a cached small int or a new PyLongObject). */
  newInt(value: number | bigint): ObjectHandle {
    const v = BigInt(value);
    const c = this.constants;
    if (v >= BigInt(c.smallIntMin) && v <= BigInt(c.smallIntMax)) {
      return this.share(this.smallInts[Number(v) - c.smallIntMin]!);
    }
    const digits = this.digitCount(v);
    const parked = digits === 1 && this.intFree.pop();
    let h: number;
    if (parked) {
      h = this.revive(parked);
    } else {
      const stored = this.layout.zeroHasNoDigits ? digits : Math.max(1, digits);
      h = this.allocObject(
        'int',
        this.objMalloc(this.layout.intHeader + this.layout.digitBytes * stored),
      );
    }
    this.table.payload[h] = v;
    this.table.length[h] = this.layout.zeroHasNoDigits ? digits : Math.max(1, digits);
    return h;
  }

  /** A new reference to `True` or `False`. */
  newBool(value: boolean): ObjectHandle {
    return this.share(value ? this.true : this.false);
  }

  /** A new reference to `None`. */
  newNone(): ObjectHandle {
    return this.share(this.none);
  }

  /** `PyFloat_FromDouble`: from the float free list when it has one. */
  newFloat(value: number): ObjectHandle {
    const parked = this.floatFree.pop();
    const h = parked
      ? this.revive(parked)
      : this.allocObject('float', this.objMalloc(this.layout.floatSize));
    this.table.payload[h] = value;
    return h;
  }

  /** A str with the text `s` (`PyUnicode_New` compact form; singletons for '' and latin-1 chars). */
  newStr(s: string): ObjectHandle {
    const codePoints = [...s];
    if (codePoints.length === 0) return this.share(this.emptyStr);
    let maxChar = 0;
    for (const ch of codePoints) maxChar = Math.max(maxChar, ch.codePointAt(0)!);
    if (codePoints.length === 1 && maxChar < LATIN1_SINGLETONS)
      return this.share(this.latin1[maxChar]!);
    const kind = maxChar < 128 ? 0 : maxChar < 256 ? 1 : maxChar < 0x10000 ? 2 : 4;
    const h = this.allocObject('str', this.objMalloc(this.strBytes(codePoints.length, kind)));
    this.table.payload[h] = s;
    this.table.length[h] = codePoints.length;
    this.table.allocated[h] = kind;
    return h;
  }

  /**
   * A bytes object of length n: `bytes(n)` (only b'' is shared), or with `fromData`
   * one built by copying existing bytes (PyBytes_FromStringAndSize: a one-byte result
   * is the cached character; the model keeps one such object for all 256 values).
   */
  newBytes(n: number, fromData = false): ObjectHandle {
    if (n === 0) return this.share(this.emptyBytes);
    if (n === 1 && fromData) return this.share(this.oneByte);
    const h = this.allocObject('bytes', this.objMalloc(this.layout.bytesHeader + n));
    this.table.length[h] = n;
    return h;
  }

  /** `bytearray(n)`: the object, then PyByteArray_Resize to n (buffer of n + 1 bytes). */
  newBytearray(n: number): ObjectHandle {
    const h = this.allocObject('bytearray', this.objMalloc(this.layout.bytearraySize));
    if (n > 0) this.bytearrayResize(h, n);
    return h;
  }

  /** `bytearray.append`: PyByteArray_Resize(len + 1). */
  bytearrayAppend(b: ObjectHandle): void {
    this.expect(b, 'bytearray');
    this.bytearrayResize(b, this.table.length[b]! + 1);
  }

  // ------------------------------------------------------------------ tuple, list

  /** `PyTuple_New(n)` filled with new references to `items`. */
  newTuple(items: readonly ObjectHandle[]): ObjectHandle {
    for (const item of items) this.check(item);
    const n = items.length;
    if (n === 0) return this.share(this.emptyTuple);
    const cached =
      n <= this.constants.tupleFreeListMaxLength ? this.tupleFree[n]!.pop() : undefined;
    const h = cached
      ? this.revive(cached)
      : this.allocObject(
          'tuple',
          this.objMalloc(this.gcRequest(this.layout.tupleBasic + this.layout.pointerSize * n)),
        );
    for (const item of items) this.increment(item);
    this.table.payload[h] = [...items];
    this.table.length[h] = n;
    this.track(h);
    return h;
  }

  /**
   * A new reference to a tuple that exists outside the modelled allocations — a code
   * object's constant, made when the code was compiled. It takes no block of this
   * allocator; the code object's reference counts like a cache's (it is never freed).
   */
  newConstantTuple(items: readonly ObjectHandle[]): ObjectHandle {
    for (const item of items) this.check(item);
    if (items.length === 0) return this.share(this.emptyTuple);
    const t = this.table;
    const h = t.allocateSlot(TYPE_CODE.tuple);
    t.address[h] = STATIC_BASE + STATIC_STRIDE * this.staticCount++;
    t.flags[h] = Flag.STATIC | Flag.CACHED;
    for (const item of items) this.increment(item);
    t.payload[h] = [...items];
    t.length[h] = items.length;
    this.track(h);
    return this.share(h);
  }

  /** `PyList_New(n)` filled with new references to `items` (BUILD_LIST n; allocated = n). */
  newList(items: readonly ObjectHandle[] = []): ObjectHandle {
    for (const item of items) this.check(item);
    const h = this.listObject();
    const n = items.length;
    if (n > 0) this.setStorage(h, this.memCall('calloc', 0, n * this.layout.pointerSize));
    for (const item of items) this.increment(item);
    this.table.payload[h] = [...items];
    this.table.length[h] = n;
    this.table.allocated[h] = n;
    this.track(h);
    return h;
  }

  /** `list.append(x)` (`app1` → list_resize(n + 1)). */
  listAppend(l: ObjectHandle, x: ObjectHandle): void {
    this.expect(l, 'list');
    this.check(x);
    this.listResize(l, this.table.length[l]! + 1);
    this.increment(x);
    this.items(l).push(x);
  }

  /**
   * `list.extend(source)`: a list or tuple handle takes the sized fast path; an
   * {@link ItemIterator} the iterator path (length-hint preallocation, appends, a
   * final trim). Models list_extend, Objects/listobject.c, 3.8–3.14.
   */
  listExtend(l: ObjectHandle, source: ObjectHandle | ItemIterator): void {
    this.expect(l, 'list');
    const minor = this.layout.minor;
    const t = this.table;
    if (typeof source === 'number') {
      const type = this.typeOf(source);
      if (type !== 'list' && type !== 'tuple')
        throw new HeapError('wrong-type', `extend from a ${type}: pass an ItemIterator`);
      const items = [...this.items(source)];
      const n = items.length;
      if (n === 0) return;
      const m = t.length[l]!;
      if (minor >= 10 && t.storage[l] === 0) this.listPreallocate(l, n);
      else this.listResize(l, m + n);
      for (const item of items) this.increment(item);
      this.items(l).push(...items);
      t.length[l] = m + n;
      return;
    }
    const hint = source.lengthHint ?? 8;
    const m = t.length[l]!;
    if (minor >= 10 && t.storage[l] === 0) {
      if (hint > 0) this.listPreallocate(l, hint);
    } else {
      this.listResize(l, m + hint);
      t.length[l] = m;
    }
    for (const item of source.items) {
      this.adopt(item);
      if (t.length[l]! >= t.allocated[l]!) this.listResize(l, t.length[l]! + 1);
      this.items(l).push(item);
      t.length[l] = this.items(l).length;
    }
    if (t.length[l]! < t.allocated[l]!) this.listResize(l, t.length[l]!);
  }

  /** `list(source)`: a new empty list, then list.__init__ (3.8/3.9 preallocate exactly when the source has a length). */
  newListFrom(source: ObjectHandle | ItemIterator, sourceLength?: number): ObjectHandle {
    const l = this.newList();
    const n = typeof source === 'number' ? this.lengthOf(source) : sourceLength;
    if (this.layout.minor < 10 && n !== undefined && n > 0) this.listPreallocate(l, n);
    this.listExtend(l, source);
    return l;
  }

  /** `list.pop()`: returns the last item (the caller now owns that reference). */
  listPop(l: ObjectHandle): ObjectHandle {
    this.expect(l, 'list');
    const items = this.items(l);
    const item = items.pop();
    if (item === undefined) throw new HeapError('index', 'pop from empty list');
    this.table.external[item]!++;
    this.listResize(l, items.length);
    return item;
  }

  /** `l[i] = x`: the old item is released after the new one is stored. */
  listSetItem(l: ObjectHandle, i: number, x: ObjectHandle): void {
    this.expect(l, 'list');
    this.check(x);
    const items = this.items(l);
    if (i < 0 || i >= items.length) throw new HeapError('index', `list index ${i} out of range`);
    this.increment(x);
    const old = items[i]!;
    items[i] = x;
    this.release(old);
  }

  /** `l.copy()` / `l[:]`: list_slice, an exact allocation. */
  listCopy(l: ObjectHandle): ObjectHandle {
    this.expect(l, 'list');
    return this.listFromItems([...this.items(l)]);
  }

  /** `l * n`: list_repeat, an exact allocation. */
  listRepeat(l: ObjectHandle, n: number): ObjectHandle {
    this.expect(l, 'list');
    const items = this.items(l);
    const out: ObjectHandle[] = [];
    for (let i = 0; i < n; i++) out.push(...items);
    return this.listFromItems(out);
  }

  // ------------------------------------------------------------------ dict

  /** `PyDict_New()`: shares the empty keys until the first insert. */
  newDict(): ObjectHandle {
    const h = this.dictObject();
    this.table.payload[h] = {
      log2Size: 0,
      usable: 0,
      nentries: 0,
      unicode: true,
      keysAddress: 0,
      entries: new Map(),
    } satisfies DictData;
    if (this.layout.minor >= 14) this.track(h);
    return h;
  }

  /**
   * `dict()` — calling the type (dict(…), dict.fromkeys, dict(**kw)): dict_new takes
   * the object from tp_alloc (never the free list); 3.8/3.9 give it a fresh 8-slot
   * keys table at once, 3.10+ the shared empty keys.
   */
  newDictFromType(): ObjectHandle {
    const h = this.allocObject('dict', this.objMalloc(this.gcRequest(this.layout.dictBasic)));
    this.table.payload[h] = {
      log2Size: 0,
      usable: 0,
      nentries: 0,
      unicode: true,
      keysAddress: 0,
      entries: new Map(),
    } satisfies DictData;
    if (this.layout.minor < 10) this.dictNewKeys(h, DICT_LOG_MINSIZE, false);
    if (this.layout.minor >= 14) this.track(h);
    return h;
  }

  /** `_PyDict_NewPresized(n)` (BUILD_MAP, keyword arguments); `unicode`: all keys will be str (3.11+). */
  newDictPresized(n: number, unicode = false): ObjectHandle {
    const log2 = presizedLog2(n, this.layout.minor);
    if (log2 === 0) return this.newDict();
    // The keys table is made first, then the dict around it (new_dict(keys)).
    const keepUnicode = unicode && this.layout.minor >= 11;
    const keys = this.newKeysBlock(log2, keepUnicode);
    const h = this.newDict();
    this.dictNewKeys(h, log2, keepUnicode, keys);
    return h;
  }

  /** `d[k] = v` (PyDict_SetItem → insertdict). */
  dictSetItem(d: ObjectHandle, k: ObjectHandle, v: ObjectHandle): void {
    this.expect(d, 'dict');
    this.check(v);
    const id = this.keyIdentity(k);
    const data = this.dictData(d);
    const existing = data.entries.get(id);
    if (existing) {
      this.increment(v);
      const old = existing[1];
      existing[1] = v;
      this.release(old);
      return;
    }
    const minor = this.layout.minor;
    const keyIsStr = this.table.type[k] === TYPE_CODE.str;
    if (data.log2Size === 0) {
      this.dictNewKeys(d, DICT_LOG_MINSIZE, minor >= 11 && keyIsStr);
    } else {
      if (minor >= 11 && data.unicode && !keyIsStr)
        this.dictResize(d, log2SizeFor(data.entries.size * 3, minor), false);
      if (data.usable <= 0)
        this.dictResize(d, log2SizeFor(data.entries.size * 3, minor), data.unicode);
    }
    this.increment(k);
    this.increment(v);
    data.entries.set(id, [k, v]);
    data.usable--;
    data.nentries++;
    this.maintainTracking(d, k, v);
  }

  /** `del d[k]`: the entry becomes a dummy (the table never shrinks here). */
  dictDelItem(d: ObjectHandle, k: ObjectHandle): void {
    this.expect(d, 'dict');
    const data = this.dictData(d);
    const id = this.keyIdentity(k);
    const entry = data.entries.get(id);
    if (!entry) throw new HeapError('index', `KeyError: ${id}`);
    data.entries.delete(id);
    this.release(entry[0]);
    this.release(entry[1]);
  }

  /** The value stored under `k` (a borrowed reference), or 0. */
  dictGet(d: ObjectHandle, k: ObjectHandle): ObjectHandle {
    this.expect(d, 'dict');
    return this.dictData(d).entries.get(this.keyIdentity(k))?.[1] ?? 0;
  }

  /**
   * `d.copy()` (PyDict_Copy): clones the keys table when at most a third of its
   * entries are deleted, otherwise merges into a new dict.
   */
  dictCopy(d: ObjectHandle): ObjectHandle {
    this.expect(d, 'dict');
    const data = this.dictData(d);
    if (data.entries.size === 0) return this.newDict();
    if (data.entries.size >= Math.floor((data.nentries * 2) / 3)) return this.dictClone(d);
    const copy = this.newDict();
    this.dictMerge(copy, d);
    return copy;
  }

  /**
   * `target.update(other)` for a dict `other` (dict_merge): into an empty target,
   * a clean table is cloned (3.10+, measured: not on 3.9; for a minimum-size or
   * more-than-half-full table);
   * otherwise one resize up front, then inserts.
   */
  dictMerge(target: ObjectHandle, other: ObjectHandle): void {
    this.expect(target, 'dict');
    this.expect(other, 'dict');
    const od = this.dictData(other);
    if (target === other || od.entries.size === 0) return;
    const td = this.dictData(target);
    const minor = this.layout.minor;
    if (minor >= 10 && td.entries.size === 0 && od.nentries === od.entries.size) {
      const size = 2 ** od.log2Size;
      if (od.log2Size === DICT_LOG_MINSIZE || usableFraction(size / 2) < od.entries.size) {
        this.dictAdoptClone(target, other);
        return;
      }
    }
    if (usableFraction(td.log2Size === 0 ? 1 : 2 ** td.log2Size) < od.entries.size) {
      this.dictResize(
        target,
        estimateLog2Size(td.entries.size + od.entries.size, minor),
        td.entries.size === 0 ? od.unicode : td.unicode,
      );
    }
    for (const [k, v] of [...od.entries.values()]) this.dictSetItem(target, k, v);
  }

  // ------------------------------------------------------------------ set

  /** `set(items)` / `frozenset(items)` from a list of borrowed handles (iterator path: adds one by one). */
  newSet(items: readonly ObjectHandle[] = [], frozen = false): ObjectHandle {
    if (frozen && items.length === 0 && this.emptyFrozenset !== 0)
      return this.share(this.emptyFrozenset);
    const h = this.setObject(frozen);
    for (const item of items) this.setAdd(h, item, true);
    return h;
  }

  /** `set(other)` / `frozenset(other)` / `s.copy()` where `other` is a set: make_new_set → set_merge. */
  newSetFromSet(other: ObjectHandle, frozen = false): ObjectHandle {
    if (frozen && this.setData(other).entries.size === 0 && this.emptyFrozenset !== 0)
      return this.share(this.emptyFrozenset);
    const h = this.setObject(frozen);
    this.setMerge(h, other);
    return h;
  }

  /** `s.add(k)` (set_add_entry). `frozenOk` lets constructors fill a frozenset. */
  setAdd(s: ObjectHandle, k: ObjectHandle, frozenOk = false): void {
    const type = this.typeOf(s);
    if (type !== 'set' && !(frozenOk && type === 'frozenset'))
      throw new HeapError('wrong-type', `add to a ${type}`);
    const data = this.setData(s);
    const id = this.keyIdentity(k);
    if (data.entries.has(id)) return;
    this.increment(k);
    data.entries.set(id, k);
    const table = data.table;
    if (table.insert(k, this.keyHash(k)) && setNeedsResize(table.fill, table.mask)) {
      this.setResize(s, setGrowthTarget(table.used));
    }
  }

  /** `s.discard(k)`: the entry becomes a dummy. */
  setDiscard(s: ObjectHandle, k: ObjectHandle): void {
    this.expect(s, 'set');
    const data = this.setData(s);
    const id = this.keyIdentity(k);
    const key = data.entries.get(id);
    if (key === undefined) return;
    data.entries.delete(id);
    data.table.discard(data.table.find(key, this.keyHash(key)));
    this.release(key);
  }

  /**
   * `s.update(other)` with a set or frozenset (set_merge): one resize up front; an
   * empty table of the same size as a dummy-free `other` takes a slot-for-slot copy,
   * an empty one otherwise clean inserts, a non-empty one normal inserts.
   */
  setMerge(s: ObjectHandle, other: ObjectHandle): void {
    const data = this.setData(s);
    const od = this.setData(other);
    if (s === other || od.table.used === 0) return;
    const table = data.table;
    if (setNeedsResize(table.fill + od.table.used, table.mask)) {
      this.setResize(s, (table.used + od.table.used) * 2);
    }
    if (table.fill === 0) {
      for (const k of od.table.activeKeys()) {
        this.increment(k);
        data.entries.set(this.keyIdentity(k), k);
      }
      if (table.mask === od.table.mask && od.table.fill === od.table.used) {
        table.copySlots(od.table);
        return;
      }
      for (let slot = 0; slot <= od.table.mask; slot++) {
        const k = od.table.keys[slot]!;
        if (k !== 0 && k !== DUMMY) table.insertClean(k, od.table.hashes[slot]!);
      }
      table.fill = od.table.used;
      table.used = od.table.used;
      return;
    }
    for (let slot = 0; slot <= od.table.mask; slot++) {
      const k = od.table.keys[slot]!;
      if (k === 0 || k === DUMMY) continue;
      const id = this.keyIdentity(k);
      if (data.entries.has(id)) continue;
      this.increment(k);
      data.entries.set(id, k);
      if (table.insert(k, od.table.hashes[slot]!) && setNeedsResize(table.fill, table.mask)) {
        this.setResize(s, setGrowthTarget(table.used));
      }
    }
  }

  // ------------------------------------------------------------------ internals: objects

  private check(o: ObjectHandle): void {
    if (!this.isLive(o)) throw new HeapError('dead-object', `object ${o} is not alive`);
  }

  private expect(o: ObjectHandle, type: ObjectType): void {
    this.check(o);
    if (TYPE_NAMES[this.table.type[o]!] !== type) {
      throw new HeapError(
        'wrong-type',
        `expected a ${type}, got a ${TYPE_NAMES[this.table.type[o]!]}`,
      );
    }
  }

  private preHeader(o: ObjectHandle): number {
    return isGcType(TYPE_NAMES[this.table.type[o]!]!) ? this.layout.gcHeader : 0;
  }

  private strBytes(length: number, kind: number): number {
    const L = this.layout;
    return kind === 0 ? L.asciiHeader + length + 1 : L.compactHeader + kind * (length + 1);
  }

  private digitCount(v: bigint): number {
    let a = v < 0n ? -v : v;
    let n = 0;
    while (a > 0n) {
      a >>= 30n;
      n++;
    }
    return n;
  }

  private gcRequest(basic: number): number {
    return this.layout.gcHeader + basic;
  }

  /**
   * A pre-existing singleton. `deep`: one of 3.11's statically allocated objects (small
   * ints, '', one-character strs, bytes singletons, ()) whose count starts at
   * 999,999,999 (measured: getrefcount(1) = 1,000,000,062); other 3.8–3.11 singletons
   * count one reference, the cache's.
   */
  private makeStatic(type: ObjectType, payload: unknown, deep = false): ObjectHandle {
    const t = this.table;
    const h = t.allocateSlot(TYPE_CODE[type]);
    t.address[h] = STATIC_BASE + STATIC_STRIDE * this.staticCount++;
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

  /** A new external reference to an existing (cached) object. */
  private share(o: ObjectHandle): ObjectHandle {
    this.table.external[o]!++;
    this.increment(o);
    return o;
  }

  /** Takes over one external reference of `o` as the heap's own (a stolen reference). */
  private adopt(o: ObjectHandle): void {
    this.check(o);
    if (this.table.external[o]! <= 0)
      throw new HeapError('no-reference', `object ${o} was handed over without a reference`);
    this.table.external[o]!--;
  }

  private increment(o: ObjectHandle): void {
    if ((this.table.flags[o]! & Flag.IMMORTAL) === 0) this.table.refcnt[o]!++;
  }

  /** `Py_DECREF` of a reference the heap held. */
  private release(o: ObjectHandle): void {
    const t = this.table;
    if (t.flags[o]! & Flag.IMMORTAL) return;
    if (--t.refcnt[o]! === 0) this.dealloc(o);
  }

  private allocObject(type: ObjectType, address: number): ObjectHandle {
    const h = this.table.allocateSlot(TYPE_CODE[type]);
    this.table.address[h] = address;
    this.table.external[h] = 1;
    if (this.hook !== null)
      this.hook({ type: 'object-new', handle: h, objectType: type, address, reused: false });
    return h;
  }

  /** Takes a parked object back (free-list reuse): no allocator call. */
  private revive(h: ObjectHandle): ObjectHandle {
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
        objectType: TYPE_NAMES[t.type[h]!]!,
        address: t.address[h]!,
        reused: true,
      });
    }
    return h;
  }

  private park(h: ObjectHandle, list: ObjectHandle[]): void {
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
        objectType: TYPE_NAMES[t.type[h]!]!,
        address: t.address[h]!,
      });
    }
  }

  private freeObject(h: ObjectHandle): void {
    const t = this.table;
    const address = t.address[h]!;
    const type = TYPE_NAMES[t.type[h]!]!;
    this.memCall('free', address, 0, 'obj');
    t.releaseSlot(h);
    if (this.hook !== null)
      this.hook({ type: 'object-free', handle: h, objectType: type, address });
  }

  private track(h: ObjectHandle): void {
    if (this.table.flags[h]! & Flag.TRACKED) return;
    this.table.flags[h]! |= Flag.TRACKED;
    if (this.hook !== null) this.hook({ type: 'object-track', handle: h });
  }

  private untrack(h: ObjectHandle): void {
    if ((this.table.flags[h]! & Flag.TRACKED) === 0) return;
    this.table.flags[h]! &= ~Flag.TRACKED;
    if (this.hook !== null) this.hook({ type: 'object-untrack', handle: h });
  }

  // ------------------------------------------------------------------ internals: memory

  private objMalloc(nbytes: number): number {
    return this.memCall('malloc', 0, nbytes, 'obj');
  }

  /** One allocator call, recorded in `blocks` and published. */
  private memCall(
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

  private setStorage(h: ObjectHandle, address: number): void {
    this.table.storage[h] = address;
  }

  // ------------------------------------------------------------------ internals: containers

  private items(o: ObjectHandle): ObjectHandle[] {
    return this.table.payload[o] as ObjectHandle[];
  }

  private dictData(o: ObjectHandle): DictData {
    return this.table.payload[o] as DictData;
  }

  private setData(o: ObjectHandle): SetData {
    return this.table.payload[o] as SetData;
  }

  private listObject(): ObjectHandle {
    const parked = this.listFree.pop();
    return parked
      ? this.revive(parked)
      : this.allocObject('list', this.objMalloc(this.gcRequest(this.layout.listBasic)));
  }

  private listFromItems(items: ObjectHandle[]): ObjectHandle {
    const h = this.listObject();
    if (items.length > 0)
      this.setStorage(h, this.memCall('malloc', 0, items.length * this.layout.pointerSize));
    for (const item of items) this.increment(item);
    this.table.payload[h] = items;
    this.table.length[h] = items.length;
    this.table.allocated[h] = items.length;
    this.track(h);
    return h;
  }

  /** list_resize(newsize): sets ob_size, reallocating when the rule says so. */
  private listResize(l: ObjectHandle, newsize: number): void {
    const t = this.table;
    const allocated = t.allocated[l]!;
    const target = listResizeAllocation(this.layout.minor, allocated, t.length[l]!, newsize);
    if (target !== allocated) {
      // PyMem_Realloc(items, 0) is a 1-byte-minimum raw request in CPython; the model
      // keeps the call so the block bookkeeping matches.
      t.storage[l] = this.memCall('realloc', t.storage[l]!, target * this.layout.pointerSize);
      t.allocated[l] = target;
    }
    t.length[l] = newsize;
  }

  /** list_preallocate_exact (3.10+ rounds to even; 3.8/3.9 list___init__ exact). */
  private listPreallocate(l: ObjectHandle, n: number): void {
    const slots = listPreallocation(this.layout.minor, n);
    this.table.storage[l] = this.memCall('malloc', 0, slots * this.layout.pointerSize);
    this.table.allocated[l] = slots;
  }

  private bytearrayResize(b: ObjectHandle, size: number): void {
    const t = this.table;
    const alloc = t.allocated[b]!;
    let next = alloc;
    if (size + 1 <= alloc) {
      if (size < alloc / 2) next = size + 1;
    } else if (size <= alloc * 1.125) {
      next = size + (size >> 3) + (size < 9 ? 3 : 6);
    } else {
      next = size + 1;
    }
    if (next !== alloc) {
      t.storage[b] = this.memCall('realloc', t.storage[b]!, next, this.bufferDomain());
      t.allocated[b] = next;
    }
    t.length[b] = size;
  }

  private dictObject(): ObjectHandle {
    const parked = this.dictFree.pop();
    return parked
      ? this.revive(parked)
      : this.allocObject('dict', this.objMalloc(this.gcRequest(this.layout.dictBasic)));
  }

  /** new_keys_object: from the keys free list for an 8-slot table when allowed. */
  private newKeysBlock(log2: number, unicode: boolean): number {
    if (log2 === DICT_LOG_MINSIZE && (unicode || !this.constants.dictKeysFreeListUnicodeOnly)) {
      const cached = this.keysFree.pop();
      if (cached !== undefined) return cached;
    }
    return this.memCall('malloc', 0, dictKeysBytes(this.layout, log2, unicode), this.keysDomain());
  }

  /** free_keys_object (and dictresize's own free of the old table in 3.8–3.10). */
  private freeKeysBlock(address: number, log2: number, unicode: boolean): void {
    if (address === 0) return;
    const c = this.constants;
    if (
      log2 === DICT_LOG_MINSIZE &&
      (unicode || !c.dictKeysFreeListUnicodeOnly) &&
      this.keysFree.length < c.dictKeysFreeList
    ) {
      this.keysFree.push(address);
      return;
    }
    this.memCall('free', address, 0, this.keysDomain());
  }

  private dictNewKeys(d: ObjectHandle, log2: number, unicode: boolean, block?: number): void {
    const data = this.dictData(d);
    data.keysAddress = block ?? this.newKeysBlock(log2, unicode);
    data.log2Size = log2;
    data.unicode = unicode;
    data.usable = usableFraction(2 ** log2);
    data.nentries = 0;
  }

  /** dictresize: a new table of 2**log2 slots, entries compacted, the old table released. */
  private dictResize(d: ObjectHandle, log2: number, unicode: boolean): void {
    const data = this.dictData(d);
    const old = { address: data.keysAddress, log2: data.log2Size, unicode: data.unicode };
    const keepUnicode = unicode && this.layout.minor >= 11 && old.unicode;
    data.keysAddress = this.newKeysBlock(log2, keepUnicode);
    data.log2Size = log2;
    data.unicode = keepUnicode;
    data.usable = usableFraction(2 ** log2) - data.entries.size;
    data.nentries = data.entries.size;
    this.freeKeysBlock(old.address, old.log2, old.unicode);
  }

  /** clone_combined_dict: a byte copy of `d`'s keys table (allocated first), then the new dict. */
  private dictClone(d: ObjectHandle): ObjectHandle {
    const sd = this.dictData(d);
    const keys = this.memCall(
      'malloc',
      0,
      dictKeysBytes(this.layout, sd.log2Size, sd.unicode),
      this.keysDomain(),
    );
    const copy = this.newDict();
    this.dictAdoptClone(copy, d, keys);
    return copy;
  }

  /** Gives `target` (empty) a copy of `source`'s keys table and references to its entries. */
  private dictAdoptClone(target: ObjectHandle, source: ObjectHandle, keysBlock?: number): void {
    const sd = this.dictData(source);
    const td = this.dictData(target);
    td.keysAddress =
      keysBlock ??
      this.memCall(
        'malloc',
        0,
        dictKeysBytes(this.layout, sd.log2Size, sd.unicode),
        this.keysDomain(),
      );
    td.log2Size = sd.log2Size;
    td.unicode = sd.unicode;
    td.usable = sd.usable;
    td.nentries = sd.nentries;
    for (const [id, [k, v]] of sd.entries) {
      this.increment(k);
      this.increment(v);
      td.entries.set(id, [k, v]);
    }
    if (this.table.flags[source]! & Flag.TRACKED) this.track(target);
  }

  /** bytearray buffers: PyObject_Realloc before 3.13, PyMem_Realloc from 3.13 (measured). */
  private bufferDomain(): MemoryDomain {
    return this.layout.minor >= 13 ? 'mem' : 'obj';
  }

  /** Keys tables come from PyObject_Malloc before 3.13, PyMem_Malloc from 3.13 (measured). */
  private keysDomain(): MemoryDomain {
    return this.layout.minor >= 13 ? 'mem' : 'obj';
  }

  /** MAINTAIN_TRACKING: an untracked dict is tracked once it holds a possibly-tracked object. */
  private maintainTracking(d: ObjectHandle, k: ObjectHandle, v: ObjectHandle): void {
    if (this.table.flags[d]! & Flag.TRACKED) return;
    if (this.mayBeTracked(k) || this.mayBeTracked(v)) this.track(d);
  }

  private mayBeTracked(o: ObjectHandle): boolean {
    const type = TYPE_NAMES[this.table.type[o]!]!;
    if (!isGcType(type)) return false;
    return type !== 'tuple' || (this.table.flags[o]! & Flag.TRACKED) !== 0;
  }

  private setObject(frozen: boolean): ObjectHandle {
    const h = this.allocObject(
      frozen ? 'frozenset' : 'set',
      this.objMalloc(this.gcRequest(this.layout.setBasic)),
    );
    this.table.payload[h] = {
      table: new SetTable(this.layout.pointerSize, this.layout.minor),
      entries: new Map(),
    } satisfies SetData;
    this.track(h);
    return h;
  }

  /**
   * set_table_resize(minused): the smallest power of two above minused, dummies dropped
   * (a dummy-free small table that stays small is left as it is).
   */
  private setResize(s: ObjectHandle, minused: number): void {
    const t = this.table;
    const table = this.setData(s).table;
    const size = setTableSize(minused);
    const small = this.layout.setMinSize;
    if (size === small && table.mask + 1 === small && table.fill === table.used) return;
    const oldTable = t.storage[s]!;
    t.storage[s] = size === small ? 0 : this.memCall('malloc', 0, size * this.layout.setEntry);
    table.resize(minused);
    if (oldTable !== 0) this.memCall('free', oldTable, 0);
  }

  /** `hash(k)` as the set table's unsigned word (str/bytes/None: deterministic stand-ins). */
  private keyHash(k: ObjectHandle): bigint {
    return hashWord(this.signedHash(k), this.layout.pointerSize);
  }

  private signedHash(k: ObjectHandle): bigint {
    const t = this.table;
    const type = TYPE_NAMES[t.type[k]!]!;
    const w = this.layout.pointerSize;
    switch (type) {
      case 'int':
      case 'bool':
        return pythonHash({ kind: 'int', value: t.payload[k] as bigint }, w);
      case 'float':
        return pythonHash({ kind: 'float', value: t.payload[k] as number }, w);
      case 'tuple':
        return pythonHash(
          { kind: 'tuple', items: this.items(k).map((item) => this.signedHash(item)) },
          w,
        );
      default:
        return pythonHash({ kind: 'text', text: this.keyIdentity(k) }, w);
    }
  }

  /** A key's identity for dicts and sets: equal Python values share it (1 == 1.0 == True). */
  private keyIdentity(k: ObjectHandle): string {
    this.check(k);
    const t = this.table;
    const type = TYPE_NAMES[t.type[k]!]!;
    const p = t.payload[k];
    switch (type) {
      case 'int':
      case 'bool':
        return `i${p as bigint}`;
      case 'float':
        return Number.isInteger(p) ? `i${BigInt(p as number)}` : `f${p as number}`;
      case 'str':
        return `s${p as string}`;
      case 'bytes':
        return `b${t.length[k]}`;
      case 'NoneType':
        return 'N';
      case 'tuple':
        return `t(${this.items(k)
          .map((item) => this.keyIdentity(item))
          .join(',')})`;
      case 'frozenset':
        return `F{${[...this.setData(k).entries.keys()].sort().join(',')}}`;
      default:
        throw new HeapError('unhashable', `unhashable type: '${type}'`);
    }
  }

  // ------------------------------------------------------------------ deallocation

  /** _Py_Dealloc → tp_dealloc of `o`, whose count just reached zero. */
  private dealloc(o: ObjectHandle): void {
    const t = this.table;
    const type = TYPE_NAMES[t.type[o]!]!;
    switch (type) {
      case 'int':
        if (t.length[o] === 1 && this.intFree.length < this.constants.intFreeList)
          this.park(o, this.intFree);
        else this.freeObject(o);
        return;
      case 'float':
        if (this.floatFree.length < this.constants.floatFreeList) this.park(o, this.floatFree);
        else this.freeObject(o);
        return;
      case 'bytearray':
        if (t.storage[o] !== 0) this.memCall('free', t.storage[o]!, 0, this.bufferDomain());
        this.freeObject(o);
        return;
      case 'tuple':
      case 'list':
      case 'dict':
      case 'set':
      case 'frozenset':
        this.untrack(o);
        this.trashcan(o);
        return;
      default:
        this.freeObject(o);
    }
  }

  /**
   * Py_TRASHCAN_BEGIN for a container whose count reached zero: defer it when the
   * nesting is too deep, otherwise start its deallocation (a frame on the explicit
   * dealloc stack, so the JS stack stays flat at any depth). See {@link TrashcanRule}.
   */
  private trashcan(o: ObjectHandle): void {
    if (this.trashNesting >= this.constants.trashcan.deferAt) {
      this.trashLater.push(o);
      return;
    }
    this.trashNesting++;
    this.deallocStack.push({ object: o, children: this.deallocOrder(o), next: 0 });
    if (!this.deallocating) this.runDeallocStack();
  }

  /**
   * Runs the dealloc stack to the end: each frame releases its children in CPython's
   * order (a child reaching zero pushes its own frame), then frees or parks its object
   * (Py_TRASHCAN_END: the nesting drops and, by the rule, the deferred list is drained
   * LIFO — a drain frame — before the parent goes on).
   */
  private runDeallocStack(): void {
    this.deallocating = true;
    const stack = this.deallocStack;
    const rule = this.constants.trashcan;
    try {
      while (stack.length > 0) {
        const frame = stack[stack.length - 1]!;
        if (frame.object === 0) {
          // A drain frame: _PyTrash_thread_destroy_chain.
          const next = this.trashLater.pop();
          if (next === undefined) {
            stack.pop();
            this.trashNesting -= rule.drainRaise;
          } else this.trashcan(next);
          continue;
        }
        if (frame.next < frame.children.length) {
          this.release(frame.children[frame.next++]!);
          continue;
        }
        stack.pop();
        this.finishContainer(frame.object);
        this.trashNesting--;
        if (this.trashLater.length > 0 && this.trashNesting < rule.drainBelow) {
          this.trashNesting += rule.drainRaise;
          stack.push({ object: 0, children: [], next: 0 });
        }
      }
    } finally {
      this.deallocating = false;
    }
  }

  /** The references a container releases when it dies, in its tp_dealloc's order. */
  private deallocOrder(o: ObjectHandle): ObjectHandle[] {
    switch (TYPE_NAMES[this.table.type[o]!]!) {
      case 'list':
      case 'tuple':
        // list_dealloc / tupledealloc: last item first.
        return [...this.items(o)].reverse();
      case 'dict': {
        // free_keys_object: entry by entry, key then value.
        const order: ObjectHandle[] = [];
        for (const [k, v] of this.dictData(o).entries.values()) order.push(k, v);
        return order;
      }
      default:
        // set_dealloc: its table, slot by slot.
        return this.setData(o).table.activeKeys();
    }
  }

  /** The rest of a container's tp_dealloc once its references are released. */
  private finishContainer(o: ObjectHandle): void {
    const t = this.table;
    const c = this.constants;
    switch (TYPE_NAMES[t.type[o]!]!) {
      case 'list':
        if (t.storage[o] !== 0) this.memCall('free', t.storage[o]!, 0);
        if (this.listFree.length < c.listFreeList) this.park(o, this.listFree);
        else this.freeObject(o);
        return;
      case 'tuple': {
        const n = t.length[o]!;
        const list = n <= c.tupleFreeListMaxLength ? this.tupleFree[n] : undefined;
        if (list && list.length < c.tupleFreeList) this.park(o, list);
        else this.freeObject(o);
        return;
      }
      case 'dict': {
        const data = this.dictData(o);
        this.freeKeysBlock(data.keysAddress, data.log2Size, data.unicode);
        if (this.dictFree.length < c.dictFreeList) this.park(o, this.dictFree);
        else this.freeObject(o);
        return;
      }
      default:
        if (t.storage[o] !== 0) this.memCall('free', t.storage[o]!, 0);
        this.freeObject(o);
    }
  }
}
