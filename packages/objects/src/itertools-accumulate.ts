/**
 * `itertools.accumulate` objects: running totals of an iterator, keeping the last one.
 *
 *   accumulate  [PyGC_Head][refcnt][type][binop][total][it][initial]      64 (3.8–3.11)
 *               + [state] from 3.12                               72 (36 on wasm32)
 *
 * accumulate(xs, func=None, *, initial=None): iter(xs) first, then the object, tracked,
 * holding the function (none for None), no total, the iterator and `initial` (None
 * itself when not given — a counted reference). A step: while `initial` is not None it
 * becomes the total (the object takes None's reference in its place) and is returned;
 * else the iterator's next item — the end when there is none; the first item becomes
 * the total as it is (one reference kept, one returned); a later one is combined with
 * the total (total + item, or func(total, item): the caller's `combine`), the item is
 * released, the new total replaces the old one (released) and is returned.
 * Invariants: binop (0 for none), total (0 before the first item), it and initial are
 * counted references.
 * Models accumulate_new / accumulate_next / accumulate_dealloc / accumulate_traverse
 * (Modules/itertoolsmodule.c), 3.8–3.14; sizes measured with sys.getsizeof on
 * 3.8.18–3.13.0 and Pyodide's 3.14.2.
 */
import type { HeapCore, ObjectHandle } from './heap-core.ts';
import { HeapError } from './heap-error.ts';

/** Makes an iterator of `o` (the heap's `newIterator`): a new reference. */
type MakeIterator = (o: ObjectHandle) => ObjectHandle;
/** Advances an iterator: a new reference or 0. */
type NextItem = (it: ObjectHandle) => ObjectHandle;
/** total + item, or func(total, item), both borrowed: a new reference (or it throws). */
type Combine = (total: ObjectHandle, item: ObjectHandle) => ObjectHandle;

/** What an accumulate object holds. */
interface AccumulateData {
  readonly binop: ObjectHandle;
  total: ObjectHandle;
  readonly it: ObjectHandle;
  initial: ObjectHandle;
}

function data(heap: HeapCore, o: ObjectHandle): AccumulateData {
  if (heap.typeName(o) !== 'accumulate')
    throw new HeapError('wrong-type', `expected an accumulate, got ${heap.typeName(o)}`);
  return heap.table.payload[o] as AccumulateData;
}

/** `sizeof(accumulateobject)`: the header and four words, five from 3.12 (`state`). */
function basic(heap: HeapCore): number {
  const words = heap.layout.minor >= 12 ? 5 : 4;
  return heap.layout.objectHeader + words * heap.layout.pointerSize;
}

/**
 * `itertools.accumulate(iterable, binop, initial=initial)`: `binop` 0 for None, `initial`
 * None for none given (both borrowed); tracked.
 */
export function newAccumulate(
  heap: HeapCore,
  iterable: ObjectHandle,
  binop: ObjectHandle,
  initial: ObjectHandle,
  makeIterator: MakeIterator,
): ObjectHandle {
  heap.check(initial);
  const it = makeIterator(iterable);
  const o = heap.allocObject('accumulate', heap.objMalloc(heap.gcRequest(basic(heap))));
  heap.adopt(it);
  if (binop !== 0) heap.increment(binop);
  heap.increment(initial);
  heap.table.payload[o] = { binop, total: 0, it, initial } satisfies AccumulateData;
  heap.track(o);
  return o;
}

/** The function accumulate combines with (0 for addition): borrowed. */
export function accumulateBinop(heap: HeapCore, o: ObjectHandle): ObjectHandle {
  return data(heap, o).binop;
}

/** accumulate_next: the new total (a new reference), or 0 at the end. */
export function accumulateNext(
  heap: HeapCore,
  o: ObjectHandle,
  next: NextItem,
  combine: Combine,
): ObjectHandle {
  const d = data(heap, o);
  if (d.initial !== heap.none) {
    d.total = d.initial;
    heap.increment(heap.none);
    d.initial = heap.none;
    return heap.share(d.total);
  }
  const val = next(d.it);
  if (val === 0) return 0;
  if (d.total === 0) {
    heap.increment(val);
    d.total = val;
    return val;
  }
  let total: ObjectHandle;
  try {
    total = combine(d.total, val);
  } finally {
    heap.adopt(val);
    heap.release(val);
  }
  const old = d.total;
  heap.increment(total);
  d.total = total;
  heap.release(old);
  return total;
}

/** sys.getsizeof of an accumulate (no __sizeof__ of its own). */
export function accumulateSizeof(heap: HeapCore): number {
  return heap.layout.gcHeader + basic(heap);
}

/** What it refers to, in tp_traverse order: binop, it, total, initial (0s left out). */
export function accumulateReferents(heap: HeapCore, o: ObjectHandle): ObjectHandle[] {
  const d = data(heap, o);
  return [d.binop, d.it, d.total, d.initial].filter((r) => r !== 0);
}

/** accumulate_dealloc: untrack, binop, total, it, initial, GC_Del. */
export function deallocAccumulate(heap: HeapCore, o: ObjectHandle): void {
  const d = data(heap, o);
  heap.untrack(o);
  for (const r of [d.binop, d.total, d.it, d.initial]) if (r !== 0) heap.release(r);
  heap.freeObject(o);
}
