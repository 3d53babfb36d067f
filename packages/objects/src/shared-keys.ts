/**
 * Key-sharing (split) instance dicts on 3.8–3.10 (PEP 412), and how they turn combined.
 *
 *   class ── ht_cached_keys ──► SharedKeys [header][indices][entries: name, hash, —]
 *                                  ▲  dk_refcnt = class (while cached) + split dicts
 *   instance ── __dict__ ──► dict ─┘ ma_keys;  ma_values ──► values array
 *                                              (PyMem, USABLE_FRACTION(dk_size) words)
 *
 * A class with `__dict__` gets an 8-slot keys table when it is made
 * (_PyDict_NewKeysForClass). An instance's first attribute store makes its dict on
 * those keys (new_dict_with_shared_keys: values array, then the dict). A split dict
 * stays dense: value i belongs to key i, and a store appends a name to the shared
 * keys only when the dict holds every name already there.
 *
 * Transitions of a split dict (each one happens in CPython's order of calls):
 *
 *   store of a name out of order, or     insertion_resize → dictresize: a combined
 *   no usable entry left                 table of GROWTH_RATE (used × 3), the keys
 *                                        incref'd, old keys decref'd, values freed
 *   delete (PyDict_DelItem)              the same dictresize to the same size, then
 *                                        the entry becomes a dummy
 *
 * and of the class's cached keys (_PyObjectDict_SetItem):
 *   a store made the dict combined     → re-split it as the new cached keys when the
 *                                        class was the last other holder
 *                                        (make_keys_shared: a new values array),
 *                                        otherwise none; the old keys decref'd
 *   any delete of an attribute          → none (and the old keys decref'd)
 * With no cached keys, an instance's dict is an ordinary dict (PyDict_New).
 *
 * Invariants: a split dict's values are its entries in key order (entries.size ≤
 * names.length); keys.usable + names.length = USABLE_FRACTION(2**log2Size); refcnt =
 * (1 if the class still caches the table) + split dicts using it; a table whose
 * refcnt reaches 0 is freed (free_keys_object: 8-slot tables to the keys free list).
 * The names a shared table holds are pre-existing identifiers; the model counts their
 * references only from combined tables.
 *
 * Models _PyDict_NewKeysForClass, new_dict_with_shared_keys, insertdict on a split
 * table, insertion_resize, dictresize (split → combined), make_keys_shared,
 * _PyDict_DelItem_KnownHash, _PyObjectDict_SetItem, PyObject_GenericGetDict,
 * dictkeys_decref / free_keys_object and _PyDict_SizeOf, Objects/dictobject.c,
 * 3.8–3.10 (read in the 3.9/3.10 source; measured on 3.8.18, 3.9.18, 3.10.13).
 */
import { DICT_LOG_MINSIZE, dictKeysBytes, log2SizeFor, usableFraction } from './dict-keys.ts';
import {
  dictData,
  dictDelItem,
  dictSetItem,
  mayBeTracked,
  newDict,
  newKeysBlock,
  releaseSharedKeys,
} from './dicts.ts';
import type { HeapCore, ObjectHandle } from './heap-core.ts';
import { HeapError } from './heap-error.ts';
import type { SharedKeys } from './internal/table.ts';
import { identifier } from './interned.ts';

/** _PyDict_NewKeysForClass: an 8-slot table (keys free list or PyObject_Malloc), the class's reference. */
export function newClassKeys(heap: HeapCore): SharedKeys {
  const address = newKeysBlock(heap, DICT_LOG_MINSIZE, false);
  return {
    address,
    log2Size: DICT_LOG_MINSIZE,
    names: [],
    usable: usableFraction(2 ** DICT_LOG_MINSIZE),
    refcnt: 1,
  };
}

/** Bytes of a shared keys table (its block's request). */
export function sharedKeysBytes(heap: HeapCore, keys: SharedKeys): number {
  return dictKeysBytes(heap.layout, keys.log2Size, false);
}

/**
 * new_dict_with_shared_keys: the values array (PyMem, one word per usable entry of
 * the table), then the dict (free list or PyObject_GC_New), with a new reference to
 * the keys. Returns a new reference to the dict.
 */
export function newDictWithSharedKeys(
  heap: HeapCore,
  cls: ObjectHandle,
  keys: SharedKeys,
): ObjectHandle {
  keys.refcnt++;
  const values = heap.memCall(
    'malloc',
    0,
    usableFraction(2 ** keys.log2Size) * heap.layout.pointerSize,
  );
  const d = newDict(heap);
  heap.table.storage[d] = values;
  const data = dictData(heap, d);
  data.sharedBy = cls;
  data.sharedKeys = keys;
  return d;
}

/**
 * `d[name] = v` on a dict that may be split (insertdict): a split dict takes the value
 * in place when the order allows, else becomes combined first (insertion_resize).
 */
export function objectDictStore(
  heap: HeapCore,
  d: ObjectHandle,
  name: string,
  v: ObjectHandle,
): void {
  const data = dictData(heap, d);
  const keys = data.sharedKeys;
  if (keys === undefined) {
    dictSetItem(heap, d, identifier(heap, name), v);
    return;
  }
  const id = `s${name}`;
  const old = data.entries.get(id);
  if (old !== undefined) {
    heap.increment(v);
    const previous = old[1];
    old[1] = v;
    // insertdict's MAINTAIN_TRACKING comes before the lookup: a replaced value counts too.
    if (mayBeTracked(heap, v)) heap.track(d);
    heap.release(previous);
    return;
  }
  const ix = keys.names.indexOf(name);
  const used = data.entries.size;
  const outOfOrder = ix >= 0 ? ix !== used : used !== keys.names.length;
  if (outOfOrder || (ix < 0 && keys.usable <= 0)) {
    combineSplitDict(heap, d, log2SizeFor(used * 3, heap.layout.minor));
    dictSetItem(heap, d, identifier(heap, name), v);
    return;
  }
  if (ix < 0) {
    keys.names.push(name);
    keys.usable--;
  }
  heap.increment(v);
  data.entries.set(id, [0, v]);
  data.nentries = data.entries.size;
  if (mayBeTracked(heap, v)) heap.track(d);
}

/**
 * `del d[name]` on a dict that may be split (_PyDict_DelItem_KnownHash): a split dict
 * is made combined at its own size first. @throws HeapError('index') when absent
 */
export function objectDictDelete(heap: HeapCore, d: ObjectHandle, name: string): void {
  const data = dictData(heap, d);
  if (!data.entries.has(`s${name}`)) throw new HeapError('index', `AttributeError: ${name}`);
  if (data.sharedKeys !== undefined) combineSplitDict(heap, d, data.sharedKeys.log2Size);
  dictDelItem(heap, d, identifier(heap, name));
}

/**
 * dictresize of a split dict: a combined table of 2**log2 slots (keys free list or
 * PyObject_Malloc) takes the entries in key order with new references to their
 * names; then the shared keys lose this dict's reference and the values array is freed.
 */
export function combineSplitDict(heap: HeapCore, d: ObjectHandle, log2: number): void {
  const data = dictData(heap, d);
  const keys = data.sharedKeys!;
  const values = heap.table.storage[d]!;
  data.keysAddress = newKeysBlock(heap, log2, false);
  data.log2Size = log2;
  data.unicode = false;
  const entries = [...data.entries];
  data.entries.clear();
  for (const [id, [, v]] of entries) {
    const name = identifier(heap, id.slice(1));
    heap.increment(name);
    data.entries.set(id, [name, v]);
  }
  data.usable = usableFraction(2 ** log2) - entries.length;
  data.nentries = entries.length;
  delete data.sharedBy;
  delete data.sharedKeys;
  heap.table.storage[d] = 0;
  releaseSharedKeys(heap, keys);
  heap.memCall('free', values, 0);
}

/**
 * make_keys_shared: a combined dict without dummies becomes split again on its own
 * table, which gains a second reference (the class's): a values array of
 * USABLE_FRACTION(size) words (PyMem) takes the values. Returns the table.
 */
export function makeKeysShared(heap: HeapCore, d: ObjectHandle, cls: ObjectHandle): SharedKeys {
  const data = dictData(heap, d);
  if (data.nentries !== data.entries.size)
    throw new HeapError('unsupported', `re-sharing dict ${d}'s keys after a deletion`);
  const size = 2 ** data.log2Size;
  const values = heap.memCall('malloc', 0, usableFraction(size) * heap.layout.pointerSize);
  const keys: SharedKeys = {
    address: data.keysAddress,
    log2Size: data.log2Size,
    names: [],
    usable: data.usable,
    refcnt: 2,
  };
  const entries = [...data.entries];
  data.entries.clear();
  for (const [id, [name, v]] of entries) {
    keys.names.push(id.slice(1));
    data.entries.set(id, [0, v]);
    heap.release(name);
  }
  data.keysAddress = 0;
  data.log2Size = 0;
  data.usable = 0;
  data.sharedBy = cls;
  data.sharedKeys = keys;
  heap.table.storage[d] = values;
  return keys;
}
