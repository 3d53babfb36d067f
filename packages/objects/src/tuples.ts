/**
 * tuple objects.
 *
 *   block ─► [PyGC_Head][ob_refcnt][ob_type][ob_size]([ob_hash] 3.14)[item 0]…[item n−1]
 *
 * Items live inside the object (one block). `()` is a singleton; tuples of length
 * 1 … tupleFreeListMaxLength are parked on per-length free lists when they die.
 * Code constants (`newConstantTuple`) exist outside the modelled allocations, like
 * `()`: no block, one cache reference (the code object's).
 * Invariant: `payload[h]` holds exactly `length[h]` items, each a counted reference.
 * Models PyTuple_New and tupledealloc, Objects/tupleobject.c, 3.8–3.14.
 */
import type { HeapCore, ObjectHandle } from './heap-core.ts';
import { HeapError } from './heap-error.ts';
import { Flag } from './internal/table.ts';
import { TYPE_CODE } from './types.ts';

/** `PyTuple_New(n)` filled with new references to `items`. */
export function newTuple(heap: HeapCore, items: readonly ObjectHandle[]): ObjectHandle {
  for (const item of items) heap.check(item);
  const n = items.length;
  if (n === 0) return heap.share(heap.emptyTuple);
  const cached =
    n <= heap.constants.tupleFreeListMaxLength ? heap.freeLists.tuple[n]!.pop() : undefined;
  const h = cached
    ? heap.revive(cached)
    : heap.allocObject(
        'tuple',
        heap.objMalloc(heap.gcRequest(heap.layout.tupleBasic + heap.layout.pointerSize * n)),
      );
  for (const item of items) heap.increment(item);
  heap.table.payload[h] = [...items];
  heap.table.length[h] = n;
  heap.track(h);
  return h;
}

/**
 * Py_XSETREF(ob_item[i], item) on a tuple only its maker holds (refcount 1): the tuple
 * takes over the caller's reference to `item`, then releases the item it held — the
 * in-place refill C code does on a tuple it recycles.
 */
export function recycleTupleItem(
  heap: HeapCore,
  tuple: ObjectHandle,
  i: number,
  item: ObjectHandle,
): void {
  const items = heap.items(tuple);
  if (heap.table.refcnt[tuple] !== 1 || i < 0 || i >= items.length)
    throw new HeapError('index', `tuple ${tuple} is shared or has no item ${i}`);
  heap.adopt(item);
  const old = items[i]!;
  items[i] = item;
  heap.release(old);
}

/**
 * `_PyTuple_Resize` of a tuple only its maker holds (PySequence_Tuple growing or
 * trimming its guess): the empty tuple is replaced by a new tuple; a size of 0 drops
 * the tuple (tupledealloc: parked by its old length) for `()` on 3.11+; otherwise the tuple is
 * untracked, the items past the new size released, its block reallocated (the GC
 * header included, so its address may change), new slots filled with None (standing
 * for NULL), and tracked again. Returns the tuple's handle after (taken over).
 */
export function resizeTuple(heap: HeapCore, tuple: ObjectHandle, size: number): ObjectHandle {
  const t = heap.table;
  const old = t.length[tuple]!;
  if (old === size) return tuple;
  if (old === 0) {
    heap.release(tuple);
    return newTuple(heap, new Array<ObjectHandle>(size).fill(heap.none));
  }
  if (t.refcnt[tuple] !== 1) throw new HeapError('index', `tuple ${tuple} is shared`);
  if (size === 0 && heap.layout.minor >= 11) {
    // 3.11+: `()` (3.8–3.10 resize the object to a tuple of no items, measured).
    heap.release(tuple);
    return heap.share(heap.emptyTuple);
  }
  heap.untrack(tuple);
  const items = heap.items(tuple);
  for (let i = size; i < old; i++) heap.release(items[i]!);
  items.length = Math.min(items.length, size);
  for (let i = old; i < size; i++) {
    heap.increment(heap.none);
    items.push(heap.none);
  }
  const bytes = heap.gcRequest(heap.layout.tupleBasic + heap.layout.pointerSize * size);
  t.address[tuple] = heap.memCall('realloc', t.address[tuple]!, bytes, 'obj');
  t.length[tuple] = size;
  heap.track(tuple);
  return tuple;
}

/** A new reference to a code-constant tuple (no block; the code object's reference counts like a cache's). */
export function newConstantTuple(heap: HeapCore, items: readonly ObjectHandle[]): ObjectHandle {
  for (const item of items) heap.check(item);
  if (items.length === 0) return heap.share(heap.emptyTuple);
  const t = heap.table;
  const h = t.allocateSlot(TYPE_CODE.tuple);
  t.address[h] = heap.nextStaticAddress();
  t.flags[h] = Flag.STATIC | Flag.CACHED;
  for (const item of items) heap.increment(item);
  t.payload[h] = [...items];
  t.length[h] = items.length;
  heap.track(h);
  return heap.share(h);
}

/** The rest of tupledealloc once the items are released: park by length or free. */
export function finishTuple(heap: HeapCore, o: ObjectHandle): void {
  const n = heap.table.length[o]!;
  // A tuple of no items other than `()` (3.8–3.10 resized to 0) is freed, never parked.
  const list =
    n > 0 && n <= heap.constants.tupleFreeListMaxLength ? heap.freeLists.tuple[n] : undefined;
  if (list && list.length < heap.constants.tupleFreeList) heap.park(o, list);
  else heap.freeObject(o);
}
