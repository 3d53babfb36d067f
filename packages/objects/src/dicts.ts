/**
 * dict objects and their keys tables.
 *
 *   block ─► [PyGC_Head][ob_refcnt][ob_type][ma_used][ma_version_tag][ma_keys][ma_values]
 *                                                             │
 *              keysAddress ───────────────────────────────────┴─► PyDictKeysObject:
 *              [header][indices: ix × 2**log2][entries: usable × (hash,key,value)]
 *
 * A new dict shares the static empty keys (log2Size 0, no block) until its first
 * insert; tables grow by dictresize (dict-keys.ts), 8-slot tables go to the keys free
 * list, dict headers to the dict free list. 3.11+ keeps all-str tables in the smaller
 * DICT_KEYS_UNICODE form; keys tables come from PyObject_Malloc before 3.13 and
 * PyMem_Malloc from 3.13 (measured).
 * Invariants: usable + nentries = USABLE_FRACTION(2**log2Size) after a resize;
 * entries.size ≤ nentries; the keys block has _PyDict_KeysSize bytes.
 * Models PyDict_New, _PyDict_NewPresized, insertdict, dictresize, new_keys_object,
 * free_keys_object, clone_combined_dict, dict_merge, _PyDict_FromKeys' dict and set
 * paths and dict_dealloc, Objects/dictobject.c, 3.8–3.14.
 */
import {
  DICT_LOG_MINSIZE,
  dictKeysBytes,
  estimateLog2Size,
  log2SizeFor,
  presizedLog2,
  usableFraction,
} from './dict-keys.ts';
import type { HeapCore, ObjectHandle } from './heap-core.ts';
import { HeapError } from './heap-error.ts';
import { type DictData, Flag, type SetData, type SharedKeys } from './internal/table.ts';
import { identifier } from './interned.ts';
import { checkTableIdentity, storedIdentity, tableIdentity } from './key-identity.ts';
import { DUMMY as SET_DUMMY } from './set-table.ts';
import { newTuple } from './tuples.ts';
import { isGcType, type ObjectType, TYPE_CODE } from './types.ts';

/**
 * What a dict iterator read of its dict's entries: their order when it first stepped.
 * Valid while no key is added or removed and the table is not rebuilt (the map, its
 * size and `nentries` unchanged); a value stored under a key updates the entry in place,
 * so the snapshot reads it. Keeps each step O(1).
 */
export interface DictEntriesSnapshot {
  readonly entries: readonly (readonly [ObjectHandle, ObjectHandle])[];
  readonly map: DictData['entries'];
  readonly size: number;
  readonly nentries: number;
}

/**
 * The entry at position `index` of a dict being iterated (undefined past the end),
 * through the iterator's snapshot `holder.snapshot` (taken at its first step).
 * @throws HeapError('unsupported') when the dict's keys changed since the snapshot:
 *   CPython raises RuntimeError there (dictiter_iternextkey's di_used and di_len
 *   checks), which is not modelled.
 */
export function dictEntryAt(
  heap: HeapCore,
  d: ObjectHandle,
  index: number,
  holder: { snapshot?: DictEntriesSnapshot },
): readonly [ObjectHandle, ObjectHandle] | undefined {
  const data = dictData(heap, d);
  let snapshot = holder.snapshot;
  if (
    snapshot === undefined ||
    snapshot.map !== data.entries ||
    snapshot.size !== data.entries.size ||
    snapshot.nentries !== data.nentries
  ) {
    if (snapshot !== undefined)
      throw new HeapError('unsupported', 'changing the keys of a dict while iterating over it');
    snapshot = {
      entries: dictItems(heap, d),
      map: data.entries,
      size: data.entries.size,
      nentries: data.nentries,
    };
    holder.snapshot = snapshot;
  }
  return snapshot.entries[index];
}

/**
 * A dict's (key, value) pairs in iteration order (borrowed). A 3.11+ instance dict made
 * from its object's values keeps no key objects of its own: its keys are the class's
 * shared names, the interned identifiers the attribute stores used.
 */
export function dictItems(heap: HeapCore, d: ObjectHandle): [ObjectHandle, ObjectHandle][] {
  const data = dictData(heap, d);
  if (data.sharedBy === undefined) return [...data.entries.values()].map(([k, v]) => [k, v]);
  return [...data.entries].map(([identity, [, v]]) => [identifier(heap, identity.slice(1)), v]);
}

/** A dict's keys table and entries. */
export function dictData(heap: HeapCore, o: ObjectHandle): DictData {
  return heap.table.payload[o] as DictData;
}

/** Split (instance) dicts only take attribute stores (instances.ts). */
function refuseSplit(heap: HeapCore, d: ObjectHandle): void {
  if (dictData(heap, d).sharedBy !== undefined)
    throw new HeapError(
      'unsupported',
      "an instance's __dict__ changed or copied as a plain dict (its keys are its class's)",
    );
}

function emptyDictData(): DictData {
  return { log2Size: 0, usable: 0, nentries: 0, unicode: true, keysAddress: 0, entries: new Map() };
}

/** `PyDict_New()`: from the free list, sharing the empty keys until the first insert. */
export function newDict(heap: HeapCore): ObjectHandle {
  const parked = heap.freeLists.dict.pop();
  const h = parked
    ? heap.revive(parked)
    : heap.allocObject('dict', heap.objMalloc(heap.gcRequest(heap.layout.dictBasic)));
  heap.table.payload[h] = emptyDictData();
  if (heap.layout.minor >= 14) heap.track(h);
  return h;
}

/** `dict()` by calling the type: tp_alloc (never the free list); 3.8/3.9 a fresh 8-slot table. */
export function newDictFromType(heap: HeapCore): ObjectHandle {
  const h = heap.allocObject('dict', heap.objMalloc(heap.gcRequest(heap.layout.dictBasic)));
  heap.table.payload[h] = emptyDictData();
  if (heap.layout.minor < 10) dictNewKeys(heap, h, DICT_LOG_MINSIZE, false);
  if (heap.layout.minor >= 14) heap.track(h);
  return h;
}

/** `_PyDict_NewPresized(n)`; `unicode`: all keys will be str (3.11+). */
export function newDictPresized(heap: HeapCore, n: number, unicode: boolean): ObjectHandle {
  const log2 = presizedLog2(n, heap.layout.minor);
  if (log2 === 0) return newDict(heap);
  // The keys table is made first, then the dict around it (new_dict(keys)).
  const keepUnicode = unicode && heap.layout.minor >= 11;
  const keys = newKeysBlock(heap, log2, keepUnicode);
  const h = newDict(heap);
  dictNewKeys(heap, h, log2, keepUnicode, keys);
  return h;
}

/**
 * `d[k] = v` (PyDict_SetItem → insertdict). `storedId` is the identity of a key taken
 * from another dict (dict_merge passes its stored hash: the key is not hashed again).
 */
export function dictSetItem(
  heap: HeapCore,
  d: ObjectHandle,
  k: ObjectHandle,
  v: ObjectHandle,
  storedId?: string,
): void {
  heap.expect(d, 'dict');
  refuseSplit(heap, d);
  heap.check(v);
  const data = dictData(heap, d);
  let id: string;
  if (storedId === undefined) id = tableIdentity(heap, k, 'dict', data.entries);
  else {
    id = storedId;
    checkTableIdentity(heap, id, k, data.entries);
  }
  const existing = data.entries.get(id);
  if (existing) {
    // insertdict runs MAINTAIN_TRACKING before its lookup: a replaced value counts too.
    maintainTracking(heap, d, k, v);
    heap.increment(v);
    const old = existing[1];
    existing[1] = v;
    heap.release(old);
    return;
  }
  const minor = heap.layout.minor;
  const keyIsStr = heap.table.type[k] === TYPE_CODE.str;
  if (data.log2Size === 0) {
    dictNewKeys(heap, d, DICT_LOG_MINSIZE, minor >= 11 && keyIsStr);
  } else {
    if (minor >= 11 && data.unicode && !keyIsStr)
      dictResize(heap, d, log2SizeFor(data.entries.size * 3, minor), false);
    if (data.usable <= 0)
      dictResize(heap, d, log2SizeFor(data.entries.size * 3, minor), data.unicode);
  }
  heap.increment(k);
  heap.increment(v);
  data.entries.set(id, [k, v]);
  data.usable--;
  data.nentries++;
  maintainTracking(heap, d, k, v);
}

/** `del d[k]`: the entry becomes a dummy (the table never shrinks here). */
export function dictDelItem(heap: HeapCore, d: ObjectHandle, k: ObjectHandle): void {
  heap.expect(d, 'dict');
  refuseSplit(heap, d);
  const data = dictData(heap, d);
  const id = tableIdentity(heap, k, 'dict', data.entries);
  const entry = data.entries.get(id);
  if (!entry) throw new HeapError('index', `KeyError: ${id}`);
  data.entries.delete(id);
  heap.release(entry[0]);
  heap.release(entry[1]);
}

/**
 * `d.popitem()` (dict_popitem_impl): the result's 2-tuple is made first, then the last
 * entry's key and value move into it; its index becomes a dummy and dk_nentries steps
 * back to it (dk_usable stays). 0 for an empty dict: the tuple made and released (the
 * caller raises KeyError). Refused after a deletion: which deleted entries trail the
 * last live one is not tracked. Finding the last entry walks the entries (linear).
 */
export function dictPopItem(heap: HeapCore, d: ObjectHandle): ObjectHandle {
  heap.expect(d, 'dict');
  refuseSplit(heap, d);
  const data = dictData(heap, d);
  if (data.entries.size === 0) {
    const unused = newTuple(heap, [heap.none, heap.none]);
    heap.release(unused);
    return 0;
  }
  if (data.nentries !== data.entries.size)
    throw new HeapError('unsupported', 'dict.popitem() after a deletion from the dict');
  let last = '';
  for (const id of data.entries.keys()) last = id;
  const [k, v] = data.entries.get(last)!;
  data.entries.delete(last);
  data.nentries--;
  const item = newTuple(heap, [k, v]);
  heap.release(k);
  heap.release(v);
  return item;
}

/** `d.copy()` (PyDict_Copy): a clone when at most a third of the entries are deleted, else a merge. */
export function dictCopy(heap: HeapCore, d: ObjectHandle): ObjectHandle {
  heap.expect(d, 'dict');
  refuseSplit(heap, d);
  const data = dictData(heap, d);
  if (data.entries.size === 0) return newDict(heap);
  if (data.entries.size >= Math.floor((data.nentries * 2) / 3)) return dictClone(heap, d);
  const copy = newDict(heap);
  dictMerge(heap, copy, d);
  return copy;
}

/**
 * `target.update(other)` for a dict `other` (dict_merge): into an empty target, a clean
 * table is cloned (3.10+, measured: not on 3.9; for a minimum-size or more-than-half-full
 * table); otherwise one resize up front, then inserts.
 */
export function dictMerge(heap: HeapCore, target: ObjectHandle, other: ObjectHandle): void {
  heap.expect(target, 'dict');
  // A defaultdict or Counter iterates as a dict (tp_iter is dict_iter): the same path.
  const source = heap.typeName(other);
  if (source !== 'defaultdict' && source !== 'Counter') heap.expect(other, 'dict');
  refuseSplit(heap, target);
  refuseSplit(heap, other);
  const od = dictData(heap, other);
  if (target === other || od.entries.size === 0) return;
  const td = dictData(heap, target);
  const minor = heap.layout.minor;
  if (minor >= 10 && td.entries.size === 0 && od.nentries === od.entries.size) {
    const size = 2 ** od.log2Size;
    if (od.log2Size === DICT_LOG_MINSIZE || usableFraction(size / 2) < od.entries.size) {
      dictAdoptClone(heap, target, other);
      return;
    }
  }
  if (usableFraction(td.log2Size === 0 ? 1 : 2 ** td.log2Size) < od.entries.size) {
    dictResize(
      heap,
      target,
      estimateLog2Size(td.entries.size + od.entries.size, minor),
      td.entries.size === 0 ? od.unicode : td.unicode,
    );
  }
  for (const [id, [k, v]] of [...od.entries]) dictSetItem(heap, target, k, v, id);
}

/**
 * `dict.fromkeys(iterable, value)` of an exact dict or set (_PyDict_FromKeys' fast
 * paths): `dict()` called as a type, one dictresize to hold the argument's size
 * (3.13+: never below the table it has; 3.11+ keeps a dict argument's all-str form, a
 * set's keys take the general form), then each key inserted with its stored hash — a
 * dict's in entry order, a set's in table order. Other iterables go through
 * PyDict_SetItem one key at a time (the caller's loop).
 */
export function dictFromKeys(
  heap: HeapCore,
  iterable: ObjectHandle,
  value: ObjectHandle,
): ObjectHandle {
  const minor = heap.layout.minor;
  const source = heap.typeName(iterable);
  const fromDict = source === 'dict';
  if (!fromDict && source !== 'set' && source !== 'frozenset')
    throw new HeapError('wrong-type', `dict.fromkeys' fast path of a ${source}`);
  if (fromDict) refuseSplit(heap, iterable);
  const d = newDictFromType(heap);
  const size = fromDict
    ? dictData(heap, iterable).entries.size
    : (heap.table.payload[iterable] as SetData).table.used;
  let log2 = estimateLog2Size(size, minor);
  if (minor >= 13) log2 = Math.max(log2, dictData(heap, d).log2Size);
  dictResize(heap, d, log2, fromDict && dictData(heap, iterable).unicode);
  if (fromDict) {
    for (const [id, [k]] of [...dictData(heap, iterable).entries])
      dictSetItem(heap, d, k, value, id);
    return d;
  }
  const table = (heap.table.payload[iterable] as SetData).table;
  for (let slot = 0; slot <= table.mask; slot++) {
    const k = table.keys[slot]!;
    if (k !== 0 && k !== SET_DUMMY)
      dictSetItem(heap, d, k, value, storedIdentity(heap, k, table.hashes[slot]!));
  }
  return d;
}

/** new_keys_object: from the keys free list for an 8-slot table when allowed; the block address. */
export function newKeysBlock(heap: HeapCore, log2: number, unicode: boolean): number {
  if (log2 === DICT_LOG_MINSIZE && (unicode || !heap.constants.dictKeysFreeListUnicodeOnly)) {
    const cached = heap.freeLists.keys.pop();
    if (cached !== undefined) return cached;
  }
  return heap.memCall('malloc', 0, dictKeysBytes(heap.layout, log2, unicode), heap.keysDomain());
}

/** free_keys_object (and dictresize's own free of the old table in 3.8–3.10). */
export function freeKeysBlock(
  heap: HeapCore,
  address: number,
  log2: number,
  unicode: boolean,
): void {
  if (address === 0) return;
  const c = heap.constants;
  if (
    log2 === DICT_LOG_MINSIZE &&
    (unicode || !c.dictKeysFreeListUnicodeOnly) &&
    heap.freeLists.keys.length < c.dictKeysFreeList
  ) {
    heap.freeLists.keys.push(address);
    return;
  }
  heap.memCall('free', address, 0, heap.keysDomain());
}

/** dictkeys_decref of a 3.8–3.10 shared keys table: the last reference frees it (free_keys_object). */
export function releaseSharedKeys(heap: HeapCore, keys: SharedKeys): void {
  if (--keys.refcnt > 0) return;
  freeKeysBlock(heap, keys.address, keys.log2Size, false);
}

/** A new keys table of 2**log2 slots for an empty dict (new_keys_object), or `block`. */
export function dictNewKeys(
  heap: HeapCore,
  d: ObjectHandle,
  log2: number,
  unicode: boolean,
  block?: number,
): void {
  const data = dictData(heap, d);
  data.keysAddress = block ?? newKeysBlock(heap, log2, unicode);
  data.log2Size = log2;
  data.unicode = unicode;
  data.usable = usableFraction(2 ** log2);
  data.nentries = 0;
}

/**
 * A dict subtype's new object (defaultdict, Counter, OrderedDict): `bytes` from the
 * object allocator, an empty dict's state plus `extra`, tracked at once (tp_alloc);
 * 3.8/3.9's dict_new gives it a fresh 8-slot keys table, 3.10+ the shared empty one.
 * Models Objects/dictobject.c dict_new through a type call, 3.8–3.14.
 */
export function newDictSubtypeObject(
  heap: HeapCore,
  type: ObjectType,
  bytes: number,
  extra: Partial<DictData> = {},
): ObjectHandle {
  const h = heap.allocObject(type, heap.objMalloc(bytes));
  heap.table.payload[h] = { ...emptyDictData(), ...extra } satisfies DictData;
  heap.track(h);
  if (heap.layout.minor < 10) dictNewKeys(heap, h, DICT_LOG_MINSIZE, false);
  return h;
}

/** dictresize: a new table of 2**log2 slots, entries compacted, the old table released. */
function dictResize(heap: HeapCore, d: ObjectHandle, log2: number, unicode: boolean): void {
  const data = dictData(heap, d);
  const old = { address: data.keysAddress, log2: data.log2Size, unicode: data.unicode };
  const keepUnicode = unicode && heap.layout.minor >= 11 && old.unicode;
  data.keysAddress = newKeysBlock(heap, log2, keepUnicode);
  data.log2Size = log2;
  data.unicode = keepUnicode;
  data.usable = usableFraction(2 ** log2) - data.entries.size;
  data.nentries = data.entries.size;
  freeKeysBlock(heap, old.address, old.log2, old.unicode);
}

/** clone_combined_dict: a byte copy of `d`'s keys table (allocated first), then the new dict. */
function dictClone(heap: HeapCore, d: ObjectHandle): ObjectHandle {
  const sd = dictData(heap, d);
  const keys = heap.memCall(
    'malloc',
    0,
    dictKeysBytes(heap.layout, sd.log2Size, sd.unicode),
    heap.keysDomain(),
  );
  const copy = newDict(heap);
  dictAdoptClone(heap, copy, d, keys);
  return copy;
}

/** Gives `target` (empty) a copy of `source`'s keys table and references to its entries. */
function dictAdoptClone(
  heap: HeapCore,
  target: ObjectHandle,
  source: ObjectHandle,
  keysBlock?: number,
): void {
  const sd = dictData(heap, source);
  const td = dictData(heap, target);
  td.keysAddress =
    keysBlock ??
    heap.memCall(
      'malloc',
      0,
      dictKeysBytes(heap.layout, sd.log2Size, sd.unicode),
      heap.keysDomain(),
    );
  td.log2Size = sd.log2Size;
  td.unicode = sd.unicode;
  td.usable = sd.usable;
  td.nentries = sd.nentries;
  for (const [id, [k, v]] of sd.entries) {
    heap.increment(k);
    heap.increment(v);
    td.entries.set(id, [k, v]);
  }
  if (heap.table.flags[source]! & Flag.TRACKED) heap.track(target);
}

/** MAINTAIN_TRACKING: an untracked dict is tracked once it holds a possibly-tracked object. */
function maintainTracking(heap: HeapCore, d: ObjectHandle, k: ObjectHandle, v: ObjectHandle): void {
  if (heap.table.flags[d]! & Flag.TRACKED) return;
  if (mayBeTracked(heap, k) || mayBeTracked(heap, v)) heap.track(d);
}

/** _PyObject_GC_MAY_BE_TRACKED: a GC type, and for a tuple, tracked. */
export function mayBeTracked(heap: HeapCore, o: ObjectHandle): boolean {
  const code = heap.table.type[o];
  // The commonest keys and values first: scalars never have a GC header.
  if (code === TYPE_CODE.str || code === TYPE_CODE.int || code === TYPE_CODE.bool) return false;
  const type = heap.typeName(o);
  if (!isGcType(type)) return false;
  return type !== 'tuple' || (heap.table.flags[o]! & Flag.TRACKED) !== 0;
}

/** The rest of dict_dealloc once the entries are released: the keys table, then park or free. */
export function finishDict(heap: HeapCore, o: ObjectHandle): void {
  const data = dictData(heap, o);
  // A split dict's values array (free_values); its keys belong to the class.
  if (heap.table.storage[o] !== 0) heap.memCall('free', heap.table.storage[o]!, 0);
  if (data.sharedKeys !== undefined) releaseSharedKeys(heap, data.sharedKeys);
  freeKeysBlock(heap, data.keysAddress, data.log2Size, data.unicode);
  // dict_dealloc parks exact dicts only; a defaultdict goes back with tp_free.
  if (heap.typeName(o) === 'dict' && heap.freeLists.dict.length < heap.constants.dictFreeList)
    heap.park(o, heap.freeLists.dict);
  else heap.freeObject(o);
}
