/**
 * Classes (heap types) and their instances.
 *
 * A class made by a `class` statement is a pre-existing object here: its type object
 * (1,064–1,712 bytes by `sys.getsizeof` on 3.8–3.13, plus its dict, MRO tuple, …) is
 * made outside the modelled allocations, like a code constant, and is never freed;
 * each instance holds a counted reference to it (with `mortal: true` the class is a
 * heap type that is allocated and can die in a cycle: heap-types.ts). What the model
 * allocates is the instances, per version:
 *
 *   3.8–3.10  block ─► [PyGC_Head][refcnt][type][__dict__ ptr][__weakref__ ptr]   48
 *             __dict__: made on the first attribute store (or on `o.__dict__`):
 *             a split dict on the class's cached keys (values array, PyMem, then
 *             the dict object), which may turn combined (shared-keys.ts)
 *   3.11      block ─► [dict ptr][values ptr][PyGC_Head][refcnt][type][weakref]   56
 *             + values array (PyMem) made with the instance
 *   3.12      block ─► [dict-or-values][weakref][PyGC_Head][refcnt][type]         48
 *             + values array (PyMem) made with the instance
 *   3.13–3.14 block ─► [dict][weakref][PyGC_Head][refcnt][type][inline values…]
 *             one block; getsizeof leaves the inline values out
 *   __slots__ [PyGC_Head][refcnt][type][slot…]([__weakref__]: 3.12+ a pre-header pair)
 *
 * The class's shared keys (3.11+: 30 usable entries) shrink by one usable entry at
 * every instance creation while more than one is left; the values area of an
 * instance holds n = nentries + usable of the shared keys — read after the decrement
 * on 3.11/3.12 (values array roundup8(n + 2) + 8n bytes), before it on 3.13
 * (inline roundup8(n) + 8(n + 1) bytes). 3.8–3.10 classes make an 8-slot keys table
 * with the class (outside the hook's view when the class was made first), re-split
 * larger or dropped later by _PyObjectDict_SetItem (shared-keys.ts).
 *
 * Invariants: an instance's attribute values (3.11+) or its split dict's values
 * (3.8–3.10) follow the class's shared-key order; a 3.8–3.10 instance owns at most one
 * dict (`dict`), made lazily; every value is a counted reference.
 *
 * `o.__dict__` on 3.11+ materialises a dict object over the values (3.11/3.12: it
 * takes the values array over; 3.13: it points into the object, and copies the values
 * out if it outlives the object).
 *
 * Not modelled (throw HeapError 'unsupported'): on 3.11+ a split dict turning combined
 * (attributes stored out of the class's order, more than 30 names, storing into a
 * `__dict__` that tp_clear emptied), `__dict__` in `__slots__`.
 *
 * Models type_new's slot and dict/weakref layout, PyType_GenericAlloc and
 * subtype_dealloc/subtype_traverse (Objects/typeobject.c), _PyObjectDict_SetItem and
 * new_dict_with_shared_keys (Objects/dictobject.c, 3.8–3.10), _PyObject_InitInlineValues
 * / init_inline_values and _PyObject_StoreInstanceAttribute (Objects/dictobject.c,
 * 3.11–3.13), make_dict_from_instance_attributes and _PyDict_DetachFromObject
 * (Objects/dictobject.c, 3.11–3.13), _PyType_PreHeaderSize
 * (Include/internal/pycore_object.h, 3.11+).
 * Measured on 3.8.18–3.13.0 (tests/objects-instances.test.ts).
 */
import { dictData, mayBeTracked, newDict, releaseSharedKeys } from './dicts.ts';
import type { HeapCore, ObjectHandle } from './heap-core.ts';
import { HeapError } from './heap-error.ts';
import { type HeapTypeParts, newHeapType } from './heap-types.ts';
import { type DictData, Flag, type SharedKeys } from './internal/table.ts';
import {
  makeKeysShared,
  newClassKeys,
  newDictWithSharedKeys,
  objectDictDelete,
  objectDictStore,
} from './shared-keys.ts';
import { TYPE_CODE } from './types.ts';

/** Options of {@link newClass}. */
export interface ClassOptions {
  /** `__slots__` names (`__weakref__` allowed); undefined: a plain class with `__dict__`. */
  readonly slots?: readonly string[];
  /** The class defines `__del__` (a `tp_finalize`). */
  readonly finalizer?: boolean;
  /**
   * A heap type that can die: a GC-tracked type object with its dict, mro and bases
   * tuples and descriptors (heap-types.ts); `__slots__` only without bases.
   */
  readonly mortal?: boolean;
  /** With `mortal`: the class body's names (new references taken), in order. */
  readonly namespace?: readonly (readonly [string, ObjectHandle])[];
  /** With `mortal`: the bases, mortal classes with `__dict__` (default: `object` alone). */
  readonly bases?: readonly ObjectHandle[];
  /**
   * With `mortal` and no `bases`: the builtin exception class it derives from and that
   * class's bases, nearest first (`['ValueError', 'Exception', 'BaseException']`).
   */
  readonly exceptionBases?: readonly string[];
}

/** A class: its layout and (with `__dict__`) its shared keys. */
export interface ClassData {
  /** `__name__`. */
  readonly name: string;
  /** Slot names (without `__weakref__`), in layout order. */
  readonly slotNames: readonly string[];
  /** Instances have a `__dict__`. */
  readonly hasDict: boolean;
  /** Instances can be weakly referenced. */
  readonly weakref: boolean;
  /** Defines `__del__`. */
  readonly finalizer: boolean;
  /** Bytes before `id(o)`: GC header plus managed dict/weakref words. */
  readonly preHeader: number;
  /** `__basicsize__`. */
  readonly basic: number;
  /** Shared-key names in index order. */
  readonly sharedNames: string[];
  /** The shared keys' dk_usable (3.11+). */
  sharedUsable: number;
  /** 3.8–3.10: `ht_cached_keys` (shared-keys.ts); null once invalidated, and on 3.11+. */
  cachedKeys: SharedKeys | null;
  /** Derives from a builtin exception class: its instances are exceptions (exceptions.ts). */
  readonly exception?: boolean;
  /** A mortal class's own objects (heap-types.ts); undefined for a pre-existing class. */
  readonly heapType?: HeapTypeParts;
}

/** An instance: its slots and attribute values. */
export interface InstanceData {
  /** Its class. */
  readonly cls: ObjectHandle;
  /** Slot values (0: empty), in slot order. */
  readonly slots: ObjectHandle[];
  /** 3.11+: attribute values by name, in shared-key index order. */
  readonly values: Map<string, ObjectHandle>;
  /** 3.11+: capacity of the values area (n). */
  readonly capacity: number;
  /** 3.8–3.10: its `__dict__` (0 until made). */
  dict: ObjectHandle;
}

const roundUp8 = (n: number): number => Math.ceil(n / 8) * 8;

/** The data of a class. */
export function classData(heap: HeapCore, cls: ObjectHandle): ClassData {
  return heap.table.payload[cls] as ClassData;
}

/** The data of an instance. */
export function instanceData(heap: HeapCore, o: ObjectHandle): InstanceData {
  return heap.table.payload[o] as InstanceData;
}

/**
 * `class Name: …` — a new reference to a pre-existing class object (no block of this
 * allocator), or with `mortal` to a new heap type (heap-types.ts).
 */
export function newClass(heap: HeapCore, name: string, options: ClassOptions = {}): ObjectHandle {
  const L = heap.layout;
  const w = L.pointerSize;
  if (options.slots?.includes('__dict__'))
    throw new HeapError('unsupported', `'__dict__' in __slots__ is not modelled`);
  const hasDict = options.slots === undefined;
  const weakref = hasDict || options.slots!.includes('__weakref__');
  const slotNames = (options.slots ?? []).filter((s) => s !== '__weakref__');
  let preHeader: number;
  let basic: number;
  if (hasDict) {
    preHeader = L.instancePreHeader;
    basic = L.instanceBasic;
  } else {
    const managedWeakref = weakref && L.minor >= 12;
    preHeader = L.gcHeader + (managedWeakref ? 2 * w : 0);
    basic = L.objectHeader + w * slotNames.length + (weakref && !managedWeakref ? w : 0);
  }
  const data: ClassData = {
    name,
    slotNames,
    hasDict,
    weakref,
    finalizer: options.finalizer ?? false,
    preHeader,
    basic,
    sharedNames: [],
    sharedUsable: hasDict ? (L.minor < 11 ? 5 : 30) : 0,
    cachedKeys: hasDict && L.minor < 11 && options.mortal !== true ? newClassKeys(heap) : null,
    exception:
      (options.exceptionBases ?? []).length > 0 ||
      (options.bases ?? []).some((b) => classData(heap, b).exception === true),
  };
  if (options.mortal === true)
    return newHeapType(
      heap,
      data,
      options.namespace ?? [],
      options.bases ?? [],
      options.exceptionBases ?? [],
    );
  const t = heap.table;
  const h = t.allocateSlot(TYPE_CODE.type);
  t.address[h] = heap.nextStaticAddress();
  t.flags[h] = Flag.STATIC | Flag.CACHED | Flag.TRACKED;
  t.payload[h] = data;
  return heap.share(h);
}

/** `cls()` — PyType_GenericAlloc (and, 3.11+, the values area), tracked at once. */
export function newInstance(heap: HeapCore, cls: ObjectHandle): ObjectHandle {
  heap.expect(cls, 'type');
  const c = classData(heap, cls);
  const minor = heap.layout.minor;
  const w = heap.layout.pointerSize;
  let request = c.preHeader + c.basic;
  let capacity = 0;
  let valuesBytes = 0;
  if (c.hasDict && minor >= 11) {
    const usableSize = (): number => c.sharedNames.length + c.sharedUsable;
    if (minor >= 13) {
      capacity = usableSize();
      request += roundUp8(capacity) + w * (capacity + 1);
      if (c.sharedUsable > 1) c.sharedUsable--;
    } else {
      if (c.sharedUsable > 1) c.sharedUsable--;
      capacity = usableSize();
      valuesBytes = roundUp8(capacity + 2) + w * capacity;
    }
  }
  const h = heap.allocObject('instance', heap.objMalloc(request));
  if (valuesBytes > 0) heap.table.storage[h] = heap.memCall('malloc', 0, valuesBytes);
  heap.increment(cls);
  heap.table.payload[h] = {
    cls,
    slots: c.slotNames.map(() => 0),
    values: new Map(),
    capacity,
    dict: 0,
  } satisfies InstanceData;
  heap.track(h);
  return h;
}

/** `o.name = v` (a slot, or an attribute in the values area / split dict). */
export function setAttr(heap: HeapCore, o: ObjectHandle, name: string, v: ObjectHandle): void {
  heap.expect(o, 'instance');
  heap.check(v);
  const data = instanceData(heap, o);
  const c = classData(heap, data.cls);
  const slot = c.slotNames.indexOf(name);
  if (slot >= 0) {
    heap.increment(v);
    const old = data.slots[slot]!;
    data.slots[slot] = v;
    if (old !== 0) heap.release(old);
    return;
  }
  if (!c.hasDict) throw new HeapError('index', `'${c.name}' object has no attribute '${name}'`);
  if (heap.layout.minor < 11) {
    objectDictSetItem(heap, o, name, v);
    return;
  }
  if (data.dict !== 0) {
    const d = data.dict;
    storeShared(heap, c, dictValues(heap, d), name, v, data.capacity);
    // 3.13 stores into the inline values the dict views, without MAINTAIN_TRACKING on
    // the dict (measured: it stays untracked); 3.11/3.12 insert into the dict.
    if (heap.layout.minor < 13 && mayBeTracked(heap, v)) heap.track(d);
    return;
  }
  storeShared(heap, c, data.values, name, v, data.capacity);
}

/** `del o.name`. */
export function delAttr(heap: HeapCore, o: ObjectHandle, name: string): void {
  heap.expect(o, 'instance');
  const data = instanceData(heap, o);
  const c = classData(heap, data.cls);
  const slot = c.slotNames.indexOf(name);
  if (slot >= 0) {
    const old = data.slots[slot]!;
    if (old === 0) throw new HeapError('index', `AttributeError: ${name}`);
    data.slots[slot] = 0;
    heap.release(old);
    return;
  }
  if (heap.layout.minor < 11) {
    objectDictDelItem(heap, o, name);
    return;
  }
  if (data.dict !== 0) {
    // A materialised split dict: the value's slot empties (no allocation).
    dictValues(heap, data.dict);
    const dd = heap.table.payload[data.dict] as DictData;
    const entry = dd.entries.get(`s${name}`);
    if (entry === undefined) throw new HeapError('index', `AttributeError: ${name}`);
    dd.entries.delete(`s${name}`);
    heap.release(entry[1]);
    return;
  }
  const old = data.values.get(name);
  if (old === undefined) throw new HeapError('index', `AttributeError: ${name}`);
  data.values.delete(name);
  heap.release(old);
}

/** `o.name` (a borrowed reference), or 0. */
export function getAttr(heap: HeapCore, o: ObjectHandle, name: string): ObjectHandle {
  heap.expect(o, 'instance');
  const data = instanceData(heap, o);
  const slot = classData(heap, data.cls).slotNames.indexOf(name);
  if (slot >= 0) return data.slots[slot]!;
  if (data.dict !== 0) return dictData(heap, data.dict).entries.get(`s${name}`)?.[1] ?? 0;
  return data.values.get(name) ?? 0;
}

/**
 * The names an instance holds in its `__dict__` or values area (slots not included), in
 * no particular order, or null when a key of its dict is not a str.
 */
export function instanceAttributeNames(heap: HeapCore, o: ObjectHandle): string[] | null {
  heap.expect(o, 'instance');
  const data = instanceData(heap, o);
  if (data.dict === 0) return [...data.values.keys()];
  const names: string[] = [];
  for (const key of dictData(heap, data.dict).entries.keys()) {
    if (!key.startsWith('s')) return null;
    names.push(key.slice(1));
  }
  return names;
}

/**
 * `o.__dict__` (a new reference), made if there is none yet: 3.8–3.10 a split dict
 * with its own values array; 3.11+ a dict object over the instance's values (3.11/3.12:
 * it takes the values array over; 3.13: it points at the inline values).
 */
export function instanceDict(heap: HeapCore, o: ObjectHandle): ObjectHandle {
  heap.expect(o, 'instance');
  const c = classData(heap, instanceData(heap, o).cls);
  if (!c.hasDict) throw new HeapError('index', `'${c.name}' object has no attribute '__dict__'`);
  return heap.share(
    heap.layout.minor < 11 ? materializeDict(heap, o) : materializeManagedDict(heap, o),
  );
}

/**
 * _PyObject_GetManagedDict / make_dict_from_instance_attributes (3.11+): a dict object
 * (from the dict free list when it has one, measured) that takes over the values and
 * their references, tracked if any value may be.
 */
function materializeManagedDict(heap: HeapCore, o: ObjectHandle): ObjectHandle {
  const data = instanceData(heap, o);
  if (data.dict !== 0) return data.dict;
  const d = newDict(heap);
  const dd = heap.table.payload[d] as DictData;
  dd.sharedBy = data.cls;
  let track = false;
  for (const [name, v] of data.values) {
    dd.entries.set(`s${name}`, [0, v]);
    track ||= mayBeTracked(heap, v);
  }
  dd.nentries = dd.entries.size;
  data.values.clear();
  // 3.11/3.12: the values array moves to the dict; 3.13: it stays inline in the object.
  heap.table.storage[d] = heap.table.storage[o]!;
  heap.table.storage[o] = 0;
  heap.table.external[d]!--;
  data.dict = d;
  if (track) heap.track(d);
  return d;
}

/**
 * Before an instance's references are dropped (subtype_dealloc): a 3.13 materialised
 * dict that outlives the object gets its own copy of the inline values
 * (_PyDict_DetachFromObject: roundup8(n + 2) + 8n bytes, PyMem, measured).
 */
export function prepareInstanceDealloc(heap: HeapCore, o: ObjectHandle): void {
  const data = instanceData(heap, o);
  if (heap.layout.minor < 13 || data.dict === 0 || heap.table.refcnt[data.dict]! <= 1) return;
  if ((heap.table.payload[data.dict] as DictData).sharedBy === undefined) return; // cleared
  const n = data.capacity;
  const bytes = roundUp8(n + 2) + heap.layout.pointerSize * n;
  heap.table.storage[data.dict] = heap.memCall('malloc', 0, bytes);
}

/** The values an instance holds, in subtype_traverse order: slots, dict or values, class. */
export function instanceReferents(heap: HeapCore, o: ObjectHandle): ObjectHandle[] {
  const data = instanceData(heap, o);
  const out = data.slots.filter((s) => s !== 0);
  if (data.dict !== 0) out.push(data.dict);
  // 3.11+ values are visited and released in shared-key index order.
  if (data.values.size > 0) {
    for (const name of classData(heap, data.cls).sharedNames) {
      const v = data.values.get(name);
      if (v !== undefined) out.push(v);
    }
  }
  out.push(data.cls);
  return out;
}

/** The rest of subtype_dealloc once the references are released: values array, then the object. */
export function finishInstance(heap: HeapCore, o: ObjectHandle): void {
  const t = heap.table;
  if (t.storage[o] !== 0) heap.memCall('free', t.storage[o]!, 0);
  heap.freeObject(o);
}

/** Where attribute values live: a values area (a Map) or a split dict's entries. */
interface ValueArea {
  get(name: string): ObjectHandle | undefined;
  set(name: string, v: ObjectHandle): unknown;
  readonly size: number;
}

/** A split dict's values by name (its entries hold key handle 0: the class owns the keys). */
class SplitDictArea implements ValueArea {
  private readonly data: DictData;
  constructor(data: DictData) {
    this.data = data;
  }
  get(name: string): ObjectHandle | undefined {
    return this.data.entries.get(`s${name}`)?.[1];
  }
  set(name: string, v: ObjectHandle): void {
    this.data.entries.set(`s${name}`, [0, v]);
    this.data.nentries = this.data.entries.size;
  }
  get size(): number {
    return this.data.entries.size;
  }
}

function dictValues(heap: HeapCore, d: ObjectHandle): ValueArea {
  const data = heap.table.payload[d] as DictData;
  if (data.sharedBy === undefined)
    throw new HeapError('unsupported', `the __dict__ ${d} was cleared and no longer shares keys`);
  return new SplitDictArea(data);
}

/**
 * Stores `name` → `v` in an area that follows the class's shared keys (3.11+:
 * _PyObject_StoreInstanceAttribute, or insertdict on a materialised split dict): a
 * new name is appended to the shared keys while they have room (and, for a dict, the
 * dict holds every name before it).
 */
function storeShared(
  heap: HeapCore,
  c: ClassData,
  area: ValueArea,
  name: string,
  v: ObjectHandle,
  capacity: number,
): void {
  const old = area.get(name);
  if (old !== undefined) {
    heap.increment(v);
    area.set(name, v);
    heap.release(old);
    return;
  }
  // The values area keeps its own insertion order (the values array's order bytes),
  // so any shared name fits; a materialised dict is modelled for in-order stores only.
  const ordered = area instanceof SplitDictArea;
  let ix = c.sharedNames.indexOf(name);
  if (ix < 0) {
    if (
      c.sharedUsable <= 0 ||
      c.sharedNames.length >= capacity ||
      (ordered && area.size !== c.sharedNames.length)
    )
      throw new HeapError('unsupported', `storing '${name}' would unshare ${c.name}'s keys`);
    c.sharedNames.push(name);
    c.sharedUsable--;
    ix = c.sharedNames.length - 1;
  }
  if (ix >= capacity || (ordered && area.size !== ix))
    throw new HeapError('unsupported', `storing '${name}' out of ${c.name}'s key order`);
  heap.increment(v);
  area.set(name, v);
}

/**
 * PyObject_GenericGetDict / the start of _PyObjectDict_SetItem (3.8–3.10): the
 * instance's dict, made on the class's cached keys (new_dict_with_shared_keys) or,
 * once the class has none, by PyDict_New.
 */
function materializeDict(heap: HeapCore, o: ObjectHandle): ObjectHandle {
  const data = instanceData(heap, o);
  if (data.dict !== 0) return data.dict;
  const cached = classData(heap, data.cls).cachedKeys;
  const d = cached ? newDictWithSharedKeys(heap, data.cls, cached) : newDict(heap);
  heap.table.external[d]!--;
  data.dict = d;
  return d;
}

/**
 * `o.name = v` on 3.8–3.10 (_PyObjectDict_SetItem): the store (shared-keys.ts); when
 * it made a split dict on the cached keys combined, the dict is split again as the
 * class's new cached keys if no other dict shared the old ones, else the class stops
 * caching keys; either way the old table loses the class's reference. Also an
 * exception's (exceptions.ts: its payload has the same `cls` and `dict`).
 */
export function objectDictSetItem(
  heap: HeapCore,
  o: ObjectHandle,
  name: string,
  v: ObjectHandle,
): void {
  const cls = instanceData(heap, o).cls;
  const c = classData(heap, cls);
  const cached = c.cachedKeys;
  const d = materializeDict(heap, o);
  const wasShared = cached !== null && dictData(heap, d).sharedKeys === cached;
  objectDictStore(heap, d, name, v);
  if (!wasShared || c.cachedKeys === null || dictData(heap, d).sharedKeys === cached) return;
  c.cachedKeys = cached.refcnt === 1 ? makeKeysShared(heap, d, cls) : null;
  releaseSharedKeys(heap, cached);
}

/**
 * `del o.name` on 3.8–3.10 (_PyObjectDict_SetItem with NULL): the delete (a split dict
 * turns combined first), then the class stops caching keys — also when the name was
 * missing (the 3.9/3.10 source; the AttributeError is thrown after).
 */
function objectDictDelItem(heap: HeapCore, o: ObjectHandle, name: string): void {
  const c = classData(heap, instanceData(heap, o).cls);
  const d = materializeDict(heap, o);
  let missing: unknown;
  try {
    objectDictDelete(heap, d, name);
  } catch (error) {
    missing = error;
  }
  const cached = c.cachedKeys;
  if (cached !== null) {
    c.cachedKeys = null;
    releaseSharedKeys(heap, cached);
  }
  if (missing !== undefined) throw missing;
}
