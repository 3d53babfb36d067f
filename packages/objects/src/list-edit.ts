/**
 * Editing a list in place: insert, delete a run of items, clear, reverse, reorder.
 *
 *   insert(i, x)        list_resize(n + 1), shift the tail right, store x
 *   delete [lo, hi)     copy the doomed items aside (a PyMem block when more than 8),
 *                       shift the tail left, list_resize(n − d), then release the
 *                       doomed items last first and free the block
 *   delete every k-th   a PyMem block for the doomed items (always, however few), the
 *                       rest close up, ob_size drops, list_resize(new size), then the
 *                       doomed items released first to last and the block freed
 *   delete everything   _list_clear: the array is dropped first (size 0, no storage),
 *                       the items released last first, then the array freed
 *   reverse / reorder   the items move inside the array; nothing is allocated
 *
 * Invariants: the list's references are exactly its items after every operation; an
 * item is released only after the list no longer holds it. Models ins1,
 * list_ass_slice (deletion), list_ass_subscript (a slice with a step, deleted), _list_clear, list_reverse and list.sort's final order
 * (a sort of at most 127 items without a key, or with one, allocates nothing:
 * its keys and merge area fit the MergeState's stack array), Objects/listobject.c,
 * 3.8–3.13 (checked by the lib_* differential programs on 3.8.18–3.13.0).
 */
import type { HeapCore, ObjectHandle } from './heap-core.ts';
import { HeapError } from './heap-error.ts';
import { listResize, newList } from './lists.ts';

/** The items list_ass_slice copies into its stack array before it needs a PyMem block. */
const RECYCLE_ON_STACK = 8;

/** `list.insert(i, x)` with `i` already clamped to 0…n. */
export function listInsert(heap: HeapCore, l: ObjectHandle, i: number, x: ObjectHandle): void {
  heap.expect(l, 'list');
  heap.check(x);
  const n = heap.table.length[l]!;
  if (i < 0 || i > n) throw new HeapError('index', `insert position ${i} outside 0…${n}`);
  listResize(heap, l, n + 1);
  heap.increment(x);
  heap.items(l).splice(i, 0, x);
}

/** `del l[lo:hi]` with 0 ≤ lo ≤ hi ≤ n (list_ass_slice with no value). */
export function listDeleteSlice(heap: HeapCore, l: ObjectHandle, lo: number, hi: number): void {
  heap.expect(l, 'list');
  const t = heap.table;
  const n = t.length[l]!;
  if (lo < 0 || hi > n || lo > hi) throw new HeapError('index', `slice ${lo}:${hi} of ${n}`);
  if (lo === hi) return;
  if (hi - lo === n) {
    listClear(heap, l);
    return;
  }
  const removed = heap.items(l).splice(lo, hi - lo);
  const bytes = removed.length * heap.layout.pointerSize;
  const recycle = removed.length > RECYCLE_ON_STACK ? heap.memCall('malloc', 0, bytes) : 0;
  listResize(heap, l, n - removed.length);
  for (let k = removed.length - 1; k >= 0; k--) heap.release(removed[k]!);
  if (recycle !== 0) heap.memCall('free', recycle, 0);
}

/**
 * `del l[start:stop:step]` for a step other than 1: `positions` are the doomed items'
 * indices in increasing order (list_ass_subscript walks a negative step's slice from
 * its low end too). Nothing happens for no positions.
 */
export function listDeleteStepped(
  heap: HeapCore,
  l: ObjectHandle,
  positions: readonly number[],
): void {
  heap.expect(l, 'list');
  const t = heap.table;
  const n = t.length[l]!;
  const k = positions.length;
  if (k === 0) return;
  for (let i = 0; i < k; i++)
    if (positions[i]! < 0 || positions[i]! >= n || (i > 0 && positions[i]! <= positions[i - 1]!))
      throw new HeapError('index', `positions must increase within 0…${n - 1}`);
  const garbage = heap.memCall('malloc', 0, k * heap.layout.pointerSize);
  const items = heap.items(l);
  const doomed = positions.map((i) => items[i]!);
  const doomedAt = new Set(positions);
  t.payload[l] = items.filter((_, i) => !doomedAt.has(i));
  // ob_size is set before list_resize, so its growth check sees no jump.
  t.length[l] = n - k;
  listResize(heap, l, n - k);
  for (const item of doomed) heap.release(item);
  heap.memCall('free', garbage, 0);
}

/** `l.clear()` / deleting every item: the array goes first, then the items, last first. */
export function listClear(heap: HeapCore, l: ObjectHandle): void {
  heap.expect(l, 'list');
  const t = heap.table;
  const storage = t.storage[l]!;
  if (storage === 0) return;
  const items = heap.items(l);
  t.payload[l] = [];
  t.length[l] = 0;
  t.allocated[l] = 0;
  t.storage[l] = 0;
  for (let k = items.length - 1; k >= 0; k--) heap.release(items[k]!);
  heap.memCall('free', storage, 0);
}

/**
 * Puts the list's items in a new order (`order[k]` is the old index of the item that
 * goes to position k): list.reverse, and list.sort once its comparisons are done.
 */
export function listReorder(heap: HeapCore, l: ObjectHandle, order: readonly number[]): void {
  heap.expect(l, 'list');
  const items = heap.items(l);
  if (order.length !== items.length || new Set(order).size !== items.length)
    throw new HeapError('index', 'a reorder must be a permutation of the items');
  const old = [...items];
  for (let k = 0; k < order.length; k++) items[k] = old[order[k]!]!;
}

/**
 * `PyList_New(allocated)` whose first slots are filled with new references to `items`
 * and whose size is then set to their count (stringlib's split: PREALLOC_SIZE slots,
 * FIX_PREALLOC_SIZE).
 */
export function newListPreallocated(
  heap: HeapCore,
  items: readonly ObjectHandle[],
  allocated: number,
): ObjectHandle {
  if (items.length > allocated) throw new HeapError('index', 'more items than slots');
  const l = newList(heap, []);
  heap.table.storage[l] = heap.memCall('calloc', 0, allocated * heap.layout.pointerSize);
  heap.table.allocated[l] = allocated;
  for (const item of items) listAppendPreallocated(heap, l, item);
  return l;
}

/** PyList_SET_ITEM into the next preallocated slot (no resize). */
export function listAppendPreallocated(heap: HeapCore, l: ObjectHandle, x: ObjectHandle): void {
  heap.expect(l, 'list');
  heap.check(x);
  const t = heap.table;
  if (t.length[l]! >= t.allocated[l]!) throw new HeapError('index', 'no preallocated slot left');
  heap.increment(x);
  heap.items(l).push(x);
  t.length[l] = t.length[l]! + 1;
}

/**
 * `del l[i]` on 3.13 (list_ass_item_lock_held): the tail moves left and the size
 * drops by one; the array is never resized (measured: a list keeps its slots down to
 * zero items); the item is released last.
 */
export function listDeleteItemInPlace(heap: HeapCore, l: ObjectHandle, i: number): void {
  heap.expect(l, 'list');
  const t = heap.table;
  const n = t.length[l]!;
  if (i < 0 || i >= n) throw new HeapError('index', `list index ${i} out of range`);
  const [item] = heap.items(l).splice(i, 1);
  t.length[l] = n - 1;
  heap.release(item!);
}

/**
 * `l[lo:hi] = items` with 0 ≤ lo ≤ hi ≤ n (list_ass_slice with a value): the replaced
 * items are copied aside (a PyMem block when more than 8), the array is resized by the
 * difference (before the tail moves when shrinking, after when growing), the new items
 * are stored with new references, then the replaced ones are released last first.
 * Replacing every item with nothing is _list_clear.
 */
export function listAssignSlice(
  heap: HeapCore,
  l: ObjectHandle,
  lo: number,
  hi: number,
  items: readonly ObjectHandle[],
): void {
  heap.expect(l, 'list');
  for (const item of items) heap.check(item);
  const t = heap.table;
  const n = t.length[l]!;
  if (lo < 0 || hi > n || lo > hi) throw new HeapError('index', `slice ${lo}:${hi} of ${n}`);
  const d = items.length - (hi - lo);
  if (n + d === 0) {
    listClear(heap, l);
    return;
  }
  const removed = heap.items(l).slice(lo, hi);
  const bytes = removed.length * heap.layout.pointerSize;
  const recycle = removed.length > RECYCLE_ON_STACK ? heap.memCall('malloc', 0, bytes) : 0;
  if (d !== 0) listResize(heap, l, n + d);
  for (const item of items) heap.increment(item);
  heap.items(l).splice(lo, hi - lo, ...items);
  for (let k = removed.length - 1; k >= 0; k--) heap.release(removed[k]!);
  if (recycle !== 0) heap.memCall('free', recycle, 0);
}

/**
 * `l *= n` (list_inplace_repeat): an empty list or n = 1 stays as it is, n < 1 is
 * _list_clear, else list_resize(len × n) and the items repeated with new references.
 */
export function listInplaceRepeat(heap: HeapCore, l: ObjectHandle, n: number): void {
  heap.expect(l, 'list');
  const size = heap.table.length[l]!;
  if (size === 0 || n === 1) return;
  if (n < 1) {
    listClear(heap, l);
    return;
  }
  listResize(heap, l, size * n);
  const items = heap.items(l);
  const original = items.slice(0, size);
  for (let i = 1; i < n; i++)
    for (const item of original) {
      heap.increment(item);
      items.push(item);
    }
}
