/**
 * `itertools.takewhile` objects: an iterator's items while a predicate holds.
 *
 *   takewhile  [PyGC_Head][refcnt][type][func][it][stop]          56 (28 on wasm32)
 *
 * takewhile(pred, xs): iter(xs) first, then the object, tracked, holding pred and the
 * iterator. A step ends at once once stopped; else it takes the iterator's next item
 * (none: the end), calls pred(item) (the caller's `test`: the result's truth, the result
 * released), returns the item when true, else releases it and stops for good. The
 * iterator is kept until the object dies.
 * Invariants: func and it are counted references.
 * Models takewhile_new / takewhile_next / takewhile_dealloc / takewhile_traverse
 * (Modules/itertoolsmodule.c), 3.8–3.14; sizes measured with sys.getsizeof on
 * 3.8.18–3.13.0 and Pyodide's 3.14.2.
 */
import type { HeapCore, ObjectHandle } from './heap-core.ts';
import { HeapError } from './heap-error.ts';

/** Makes an iterator of `o` (the heap's `newIterator`): a new reference. */
type MakeIterator = (o: ObjectHandle) => ObjectHandle;
/** Advances an iterator: a new reference or 0. */
type NextItem = (it: ObjectHandle) => ObjectHandle;
/** The truth of func(item), both borrowed (or it throws). */
type Test = (func: ObjectHandle, item: ObjectHandle) => boolean;

/** What a takewhile object holds. */
interface TakewhileData {
  readonly func: ObjectHandle;
  readonly it: ObjectHandle;
  stop: boolean;
}

function data(heap: HeapCore, o: ObjectHandle): TakewhileData {
  if (heap.typeName(o) !== 'takewhile')
    throw new HeapError('wrong-type', `expected a takewhile, got ${heap.typeName(o)}`);
  return heap.table.payload[o] as TakewhileData;
}

/** `sizeof(takewhileobject)` without the GC header: the header and three words. */
function basic(heap: HeapCore): number {
  return heap.layout.objectHeader + 3 * heap.layout.pointerSize;
}

/** `itertools.takewhile(predicate, iterable)` (`func` borrowed): tracked. */
export function newTakewhile(
  heap: HeapCore,
  func: ObjectHandle,
  iterable: ObjectHandle,
  makeIterator: MakeIterator,
): ObjectHandle {
  heap.check(func);
  const it = makeIterator(iterable);
  const o = heap.allocObject('takewhile', heap.objMalloc(heap.gcRequest(basic(heap))));
  heap.adopt(it);
  heap.increment(func);
  heap.table.payload[o] = { func, it, stop: false } satisfies TakewhileData;
  heap.track(o);
  return o;
}

/** The predicate a takewhile calls: borrowed. */
export function takewhileFunction(heap: HeapCore, o: ObjectHandle): ObjectHandle {
  return data(heap, o).func;
}

/** takewhile_next: the next item while the predicate holds (a new reference), else 0. */
export function takewhileNext(
  heap: HeapCore,
  o: ObjectHandle,
  next: NextItem,
  test: Test,
): ObjectHandle {
  const d = data(heap, o);
  if (d.stop) return 0;
  const item = next(d.it);
  if (item === 0) return 0;
  let ok: boolean;
  try {
    ok = test(d.func, item);
  } catch (error) {
    heap.adopt(item);
    heap.release(item);
    throw error;
  }
  if (ok) return item;
  heap.adopt(item);
  heap.release(item);
  d.stop = true;
  return 0;
}

/** sys.getsizeof of a takewhile (no __sizeof__ of its own). */
export function takewhileSizeof(heap: HeapCore): number {
  return heap.layout.gcHeader + basic(heap);
}

/** What it refers to, in tp_traverse order: it, func. */
export function takewhileReferents(heap: HeapCore, o: ObjectHandle): ObjectHandle[] {
  const d = data(heap, o);
  return [d.it, d.func];
}

/** takewhile_dealloc: untrack, func, it, GC_Del. */
export function deallocTakewhile(heap: HeapCore, o: ObjectHandle): void {
  const d = data(heap, o);
  heap.untrack(o);
  heap.release(d.func);
  heap.release(d.it);
  heap.freeObject(o);
}
