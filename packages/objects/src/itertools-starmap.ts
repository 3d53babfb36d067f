/**
 * `itertools.starmap` objects: func(*item) for each item of an iterator.
 *
 *   starmap  [PyGC_Head][refcnt][type][func][it]                 48 (24 on wasm32)
 *
 * starmap(func, xs): iter(xs) first, then the object, tracked, holding func and the
 * iterator. A step takes the iterator's next item (none: the end); an item that is not
 * exactly a tuple is replaced by tuple(item) (PySequence_Tuple: a list's items copied
 * into a new tuple, the list released); func is called with the tuple's items (the
 * caller's `call`), then the tuple is released and func's result returned.
 * Invariants: func and it are counted references.
 * Models starmap_new / starmap_next / starmap_dealloc / starmap_traverse
 * (Modules/itertoolsmodule.c), 3.8–3.14; sizes measured with sys.getsizeof on
 * 3.8.18–3.13.0 and Pyodide's 3.14.2.
 */
import type { HeapCore, ObjectHandle } from './heap-core.ts';
import { HeapError } from './heap-error.ts';
import { sequenceTuple } from './itertools-product.ts';

/** Makes an iterator of `o` (the heap's `newIterator`): a new reference. */
type MakeIterator = (o: ObjectHandle) => ObjectHandle;
/** Advances an iterator: a new reference or 0. */
type NextItem = (it: ObjectHandle) => ObjectHandle;
/** func(*args) for a borrowed function and argument tuple: a new reference (or it throws). */
type CallWithTuple = (func: ObjectHandle, args: ObjectHandle) => ObjectHandle;

/** What a starmap object holds. */
interface StarmapData {
  readonly func: ObjectHandle;
  readonly it: ObjectHandle;
}

function data(heap: HeapCore, o: ObjectHandle): StarmapData {
  if (heap.typeName(o) !== 'starmap')
    throw new HeapError('wrong-type', `expected a starmap, got ${heap.typeName(o)}`);
  return heap.table.payload[o] as StarmapData;
}

/** `itertools.starmap(func, iterable)` (`func` borrowed): tracked. */
export function newStarmap(
  heap: HeapCore,
  func: ObjectHandle,
  iterable: ObjectHandle,
  makeIterator: MakeIterator,
): ObjectHandle {
  heap.check(func);
  const it = makeIterator(iterable);
  const L = heap.layout;
  const o = heap.allocObject(
    'starmap',
    heap.objMalloc(heap.gcRequest(L.objectHeader + 2 * L.pointerSize)),
  );
  heap.adopt(it);
  heap.increment(func);
  heap.table.payload[o] = { func, it } satisfies StarmapData;
  heap.track(o);
  return o;
}

/** The function a starmap calls: borrowed. */
export function starmapFunction(heap: HeapCore, o: ObjectHandle): ObjectHandle {
  return data(heap, o).func;
}

/**
 * starmap_next: func(*item) (a new reference), or 0 at the end. Items other than
 * tuples and lists are refused (HeapError 'wrong-type', before any call).
 */
export function starmapNext(
  heap: HeapCore,
  o: ObjectHandle,
  next: NextItem,
  call: CallWithTuple,
): ObjectHandle {
  const d = data(heap, o);
  let args = next(d.it);
  if (args === 0) return 0;
  if (heap.typeName(args) !== 'tuple') {
    const item = args;
    try {
      args = sequenceTuple(heap, item);
    } finally {
      heap.adopt(item);
      heap.release(item);
    }
  }
  try {
    return call(d.func, args);
  } finally {
    heap.adopt(args);
    heap.release(args);
  }
}

/** sys.getsizeof of a starmap (no __sizeof__ of its own). */
export function starmapSizeof(heap: HeapCore): number {
  const L = heap.layout;
  return L.gcHeader + L.objectHeader + 2 * L.pointerSize;
}

/** What it refers to, in tp_traverse order: it, func. */
export function starmapReferents(heap: HeapCore, o: ObjectHandle): ObjectHandle[] {
  const d = data(heap, o);
  return [d.it, d.func];
}

/** starmap_dealloc: untrack, func, it, GC_Del. */
export function deallocStarmap(heap: HeapCore, o: ObjectHandle): void {
  const d = data(heap, o);
  heap.untrack(o);
  heap.release(d.func);
  heap.release(d.it);
  heap.freeObject(o);
}
