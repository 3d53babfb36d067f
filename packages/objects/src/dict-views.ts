/**
 * dict views (`d.keys()`, `d.values()`, `d.items()`) and the value and item iterators.
 *
 *   dict_keys / dict_values / dict_items  [PyGC_Head][refcnt][type][dv_dict]          40
 *   dict_valueiterator / dict_itemiterator [PyGC_Head][refcnt][type][di_dict][di_used]
 *                                          [di_pos][di_result][len]                     72
 *
 * A view holds its dict. Iterating a keys view makes the dict's key iterator; a values
 * or items view makes its own iterator, which holds the dict until exhausted. The item
 * iterator also owns a result 2-tuple, made with it (`PyTuple_Pack(2, None, None)`):
 * each step stores the next key and value into that tuple and returns it when nothing
 * else holds it (its refcount is 1), otherwise a new 2-tuple — so a `for k, v in
 * d.items()` loop, which unpacks and drops each tuple, reuses one tuple throughout.
 * Invariants: an exhausted iterator holds no dict; the result tuple lives as long as
 * its iterator. Models dictview_new, dictiter_new, dictiter_iternextvalue,
 * dictiter_iternextitem and dictiter_dealloc, Objects/dictobject.c, 3.8–3.13
 * (measured 3.8.18–3.13.0: views 40 bytes, iterators 72, the tuple reused).
 */
import { dictEntryAt } from './dicts.ts';
import type { HeapCore, ObjectHandle } from './heap-core.ts';
import { HeapError } from './heap-error.ts';
import type { IteratorData } from './iterators.ts';
import { newTuple } from './tuples.ts';

/** The view kinds and the iterator each makes. */
export type DictViewKind = 'keys' | 'values' | 'items';

/** An item iterator's payload: an iterator's, plus its result tuple. */
export interface ItemIteratorData extends IteratorData {
  /** di_result: the reusable 2-tuple (0 for a value iterator). */
  result: ObjectHandle;
}

/** `d.keys()` / `d.values()` / `d.items()`: a new view holding `d`. */
export function newDictView(heap: HeapCore, d: ObjectHandle, kind: DictViewKind): ObjectHandle {
  heap.expect(d, 'dict');
  const L = heap.layout;
  // An OrderedDict's views are their own types (odictkeys_new etc.: _PyDictView_New).
  const prefix = heap.typeName(d) === 'OrderedDict' ? 'odict' : 'dict';
  const v = heap.allocObject(
    `${prefix}_${kind}`,
    heap.objMalloc(heap.gcRequest(L.objectHeader + L.pointerSize)),
  );
  heap.increment(d);
  heap.table.payload[v] = { seq: d, index: 0, start: 0, step: 0, length: 0 } satisfies IteratorData;
  heap.track(v);
  return v;
}

/** iter(view) for a values or items view: the iterator (and, for items, its tuple). */
export function newViewIterator(heap: HeapCore, view: ObjectHandle): ObjectHandle {
  const type = heap.typeName(view);
  if (type !== 'dict_values' && type !== 'dict_items')
    throw new HeapError('wrong-type', `a value/item iterator of a ${type}`);
  const d = (heap.table.payload[view] as IteratorData).seq;
  const L = heap.layout;
  const itemType = type === 'dict_items' ? 'dict_itemiterator' : 'dict_valueiterator';
  const it = heap.allocObject(
    itemType,
    heap.objMalloc(heap.gcRequest(L.objectHeader + 5 * L.pointerSize)),
  );
  heap.increment(d);
  const data: ItemIteratorData = { seq: d, index: 0, start: 0, step: 0, length: 0, result: 0 };
  heap.table.payload[it] = data;
  if (itemType === 'dict_itemiterator') {
    const none = heap.share(heap.none);
    data.result = newTuple(heap, [none, none]);
    heap.table.external[none]!--;
    heap.release(none);
    // The iterator owns the tuple's reference.
    heap.table.external[data.result]!--;
  }
  heap.track(it);
  return it;
}

/** The next value (a new reference) or item tuple, or 0 when exhausted (the dict is dropped). */
export function viewIteratorNext(heap: HeapCore, it: ObjectHandle): ObjectHandle {
  const data = heap.table.payload[it] as ItemIteratorData;
  if (data.seq === 0) return 0;
  const entry = dictEntryAt(heap, data.seq, data.index, data);
  if (entry === undefined) {
    const d = data.seq;
    data.seq = 0;
    heap.release(d);
    return 0;
  }
  data.index++;
  const [key, value] = entry;
  if (heap.typeName(it) === 'dict_valueiterator') return heap.share(value);
  heap.increment(key);
  heap.increment(value);
  return itemPair(heap, data.result, key, value);
}

/**
 * An items iterator's next pair (dictiter_iternextitem, odictiter_iternext): its result
 * tuple refilled when only the iterator holds it (the old key and value released
 * after), else a new 2-tuple. `key` and `value` come with a reference each, counted
 * as a container's (the tuple takes them).
 */
export function itemPair(
  heap: HeapCore,
  result: ObjectHandle,
  key: ObjectHandle,
  value: ObjectHandle,
): ObjectHandle {
  if (heap.table.refcnt[result] === 1) {
    const items = heap.items(result);
    const [oldKey, oldValue] = [items[0]!, items[1]!];
    items[0] = key;
    items[1] = value;
    heap.share(result);
    heap.release(oldKey);
    heap.release(oldValue);
    return result;
  }
  const fresh = newTuple(heap, [key, value]);
  heap.release(key);
  heap.release(value);
  return fresh;
}

/** What a view or a value/item iterator refers to (tp_traverse: the dict, the tuple). */
export function dictViewReferents(heap: HeapCore, o: ObjectHandle): ObjectHandle[] {
  const data = heap.table.payload[o] as ItemIteratorData;
  const out = data.seq === 0 ? [] : [data.seq];
  if (data.result !== undefined && data.result !== 0) out.push(data.result);
  return out;
}

/** Bytes of a view or a value/item iterator. */
export function dictViewSizeof(heap: HeapCore, o: ObjectHandle): number {
  const L = heap.layout;
  const type = heap.typeName(o);
  const words = type === 'dict_valueiterator' || type === 'dict_itemiterator' ? 5 : 1;
  return L.gcHeader + L.objectHeader + words * L.pointerSize;
}

/** dictview_dealloc / dictiter_dealloc: untrack, drop the dict (and the tuple), GC_Del. */
export function deallocDictView(heap: HeapCore, o: ObjectHandle): void {
  heap.untrack(o);
  for (const r of dictViewReferents(heap, o)) heap.release(r);
  heap.freeObject(o);
}
