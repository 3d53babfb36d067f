/**
 * list objects.
 *
 *   block ─► [PyGC_Head][ob_refcnt][ob_type][ob_size][ob_item][allocated]
 *                                                      │
 *                                    storage ──────────┴─► [item 0]…[item allocated−1]
 *
 * The item array is a separate PyMem block grown by list_resize's over-allocation
 * (list-growth.ts); list headers are parked on the list free list.
 * Invariants: length ≤ allocated; storage = 0 ⇔ allocated = 0; the storage block has
 * allocated × pointer bytes. Models PyList_New, list_resize, list_extend,
 * list_preallocate_exact and list_dealloc, Objects/listobject.c, 3.8–3.14.
 */
import { dictItems } from './dicts.ts';
import type { HeapCore, ItemIterator, ObjectHandle } from './heap-core.ts';
import { HeapError } from './heap-error.ts';
import type { SetData } from './internal/table.ts';
import { listPreallocation, listResizeAllocation } from './list-growth.ts';
import { newTuple } from './tuples.ts';

/** A list header from the free list or the allocator. */
function listObject(heap: HeapCore, fromType: boolean): ObjectHandle {
  const parked = fromType ? undefined : heap.freeLists.list.pop();
  return parked
    ? heap.revive(parked)
    : heap.allocObject('list', heap.objMalloc(heap.gcRequest(heap.layout.listBasic)));
}

/**
 * `PyList_New(n)` filled with new references to `items` (BUILD_LIST n; allocated = n).
 * `fromType`: the object comes from the type's tp_alloc (PyType_GenericAlloc, as
 * `list(…)` makes it: list_new / list_vectorcall), never from the free list.
 */
export function newList(
  heap: HeapCore,
  items: readonly ObjectHandle[],
  fromType = false,
): ObjectHandle {
  for (const item of items) heap.check(item);
  const h = listObject(heap, fromType);
  const n = items.length;
  if (n > 0) heap.table.storage[h] = heap.memCall('calloc', 0, n * heap.layout.pointerSize);
  for (const item of items) heap.increment(item);
  heap.table.payload[h] = [...items];
  heap.table.length[h] = n;
  heap.table.allocated[h] = n;
  heap.track(h);
  return h;
}

/** A list of exactly `items` (list_slice, list_repeat: one malloc of the exact size). */
export function listFromItems(heap: HeapCore, items: ObjectHandle[]): ObjectHandle {
  const h = listObject(heap, false);
  if (items.length > 0)
    heap.table.storage[h] = heap.memCall('malloc', 0, items.length * heap.layout.pointerSize);
  for (const item of items) heap.increment(item);
  heap.table.payload[h] = items;
  heap.table.length[h] = items.length;
  heap.table.allocated[h] = items.length;
  heap.track(h);
  return h;
}

/** list_resize(newsize): sets ob_size, reallocating when the rule says so. */
export function listResize(heap: HeapCore, l: ObjectHandle, newsize: number): void {
  const t = heap.table;
  const allocated = t.allocated[l]!;
  const target = listResizeAllocation(heap.layout.minor, allocated, t.length[l]!, newsize);
  if (target !== allocated) {
    // PyMem_Realloc(items, 0) is a 1-byte-minimum raw request in CPython; the model
    // keeps the call so the block bookkeeping matches.
    t.storage[l] = heap.memCall('realloc', t.storage[l]!, target * heap.layout.pointerSize);
    t.allocated[l] = target;
  }
  t.length[l] = newsize;
}

/** list_preallocate_exact (3.10+ rounds to even; 3.8/3.9 list___init__ exact). */
export function listPreallocate(heap: HeapCore, l: ObjectHandle, n: number): void {
  const slots = listPreallocation(heap.layout.minor, n);
  heap.table.storage[l] = heap.memCall('malloc', 0, slots * heap.layout.pointerSize);
  heap.table.allocated[l] = slots;
}

/** `list.append(x)` (`app1` → list_resize(n + 1)). */
export function listAppend(heap: HeapCore, l: ObjectHandle, x: ObjectHandle): void {
  heap.expect(l, 'list');
  heap.check(x);
  listResize(heap, l, heap.table.length[l]! + 1);
  heap.increment(x);
  heap.items(l).push(x);
}

/** `list.extend(source)`: sized fast path for a list/tuple handle, iterator path otherwise. */
export function listExtend(
  heap: HeapCore,
  l: ObjectHandle,
  source: ObjectHandle | ItemIterator,
): void {
  heap.expect(l, 'list');
  const minor = heap.layout.minor;
  const t = heap.table;
  if (typeof source === 'number') {
    heap.check(source);
    const type = heap.typeName(source);
    if (type !== 'list' && type !== 'tuple')
      throw new HeapError('wrong-type', `extend from a ${type}: pass an ItemIterator`);
    const items = [...heap.items(source)];
    const n = items.length;
    if (n === 0) return;
    const m = t.length[l]!;
    if (minor >= 10 && t.storage[l] === 0) listPreallocate(heap, l, n);
    else listResize(heap, l, m + n);
    for (const item of items) heap.increment(item);
    heap.items(l).push(...items);
    t.length[l] = m + n;
    return;
  }
  const hint = source.lengthHint ?? 8;
  const m = t.length[l]!;
  if (minor >= 10 && t.storage[l] === 0) {
    if (hint > 0) listPreallocate(heap, l, hint);
  } else {
    listResize(heap, l, m + hint);
    t.length[l] = m;
  }
  for (const item of source.items) {
    heap.adopt(item);
    if (t.length[l]! >= t.allocated[l]!) listResize(heap, l, t.length[l]! + 1);
    heap.items(l).push(item);
    t.length[l] = heap.items(l).length;
  }
  if (t.length[l]! < t.allocated[l]!) listResize(heap, l, t.length[l]!);
}

/** What 3.13's list_extend_dict takes from each entry. */
export type DictItemKind = 'keys' | 'values' | 'items';

/**
 * 3.13+ `list.extend(x)` / `list(x)` of an exact dict or one of its views
 * (list_extend_dict for keys and values, list_extend_dictitems for items): no iterator
 * object, no length-hint preallocation and no final trim — one list_resize(m + n),
 * which reallocates only when the array is too small (or far too large), then each
 * entry in insertion order: the key or the value gaining a reference, or a new 2-tuple
 * of both. Models Objects/listobject.c list_extend_dict / list_extend_dictitems, 3.13
 * (measured on 3.13.0 and Pyodide's 3.14.2).
 */
export function listExtendDict(
  heap: HeapCore,
  l: ObjectHandle,
  d: ObjectHandle,
  which: DictItemKind = 'keys',
): void {
  heap.expect(l, 'list');
  heap.expect(d, 'dict');
  const entries = dictItems(heap, d);
  const m = heap.table.length[l]!;
  listResize(heap, l, m + entries.length);
  const items = heap.items(l);
  for (const [key, value] of entries) {
    if (which === 'items') {
      const pair = newTuple(heap, [key, value]);
      heap.adopt(pair);
      items.push(pair);
    } else {
      const item = which === 'keys' ? key : value;
      heap.increment(item);
      items.push(item);
    }
  }
}

/**
 * 3.13+ `list.extend(s)` / `list(s)` of an exact set or frozenset (list_extend_set): no
 * iterator object and no length-hint preallocation — one list_resize(m + n), then each
 * key in table order gaining a reference. Models Objects/listobject.c list_extend_set,
 * 3.13 (measured: `list({5, 6, 7})` is 120 bytes on 3.13.0, 88 on 3.12.1).
 */
export function listExtendSet(heap: HeapCore, l: ObjectHandle, s: ObjectHandle): void {
  heap.expect(l, 'list');
  const keys = (heap.table.payload[s] as SetData).table.activeKeys();
  const m = heap.table.length[l]!;
  listResize(heap, l, m + keys.length);
  const items = heap.items(l);
  for (const k of keys) {
    heap.increment(k);
    items.push(k);
  }
}

/** `list.pop()`: returns the last item (the caller now owns that reference). */
export function listPop(heap: HeapCore, l: ObjectHandle): ObjectHandle {
  heap.expect(l, 'list');
  const items = heap.items(l);
  const item = items.pop();
  if (item === undefined) throw new HeapError('index', 'pop from empty list');
  heap.table.external[item]!++;
  listResize(heap, l, items.length);
  return item;
}

/**
 * The last `n` items of `l`, taken out with their references (the caller owns them)
 * by shortening the list in place: no list_resize, so the array keeps its allocation.
 * What unpack_iterable does to the list of a starred target after it took the names
 * after the star (`Py_SET_SIZE(l, ll - argcntafter)`, Python/ceval.c, 3.8–3.14).
 */
export function listDetachTail(heap: HeapCore, l: ObjectHandle, n: number): ObjectHandle[] {
  heap.expect(l, 'list');
  const items = heap.items(l);
  if (n < 0 || n > items.length)
    throw new HeapError('index', `cannot take ${n} items from a list of ${items.length}`);
  const tail = items.splice(items.length - n, n);
  for (const item of tail) heap.table.external[item]!++;
  heap.table.length[l] = items.length;
  return tail;
}

/** `l[i] = x`: the old item is released after the new one is stored. */
export function listSetItem(heap: HeapCore, l: ObjectHandle, i: number, x: ObjectHandle): void {
  heap.expect(l, 'list');
  heap.check(x);
  const items = heap.items(l);
  if (i < 0 || i >= items.length) throw new HeapError('index', `list index ${i} out of range`);
  heap.increment(x);
  const old = items[i]!;
  items[i] = x;
  heap.release(old);
}

/** The rest of list_dealloc once the items are released: free the array, park or free. */
export function finishList(heap: HeapCore, o: ObjectHandle): void {
  const t = heap.table;
  if (t.storage[o] !== 0) heap.memCall('free', t.storage[o]!, 0);
  if (heap.freeLists.list.length < heap.constants.listFreeList) heap.park(o, heap.freeLists.list);
  else heap.freeObject(o);
}
