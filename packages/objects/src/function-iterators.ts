/**
 * `map` and `filter` objects: iterators that call a function on what other iterators
 * give. The heap only holds them; stepping one calls Python code, so the layer that
 * runs Python installs the step (`Heap.callingIterNext`, as a type's tp_iternext).
 *
 *   map     [PyGC_Head][refcnt][type][iters][func] (+ int strict, 3.14)   48 bytes (64-bit)
 *   filter  [PyGC_Head][refcnt][type][func][it]                           48 bytes (64-bit)
 *
 * map(f, a, …): a tuple of the arguments' iterators (the tuple first, then each
 * iterator in argument order), then the object, which takes a reference to `f`.
 * filter(f, x): iter(x), then the object. Both are tracked as they are allocated
 * (PyType_GenericAlloc) and are their own iterators.
 * Invariants: the function and the iterator(s) live as long as the object; map_dealloc
 * releases the iterators' tuple before the function, filter_dealloc the function before
 * the iterator.
 * Models map_new/map_vectorcall/map_dealloc/map_traverse and filter_new/
 * filter_vectorcall/filter_dealloc/filter_traverse (Python/bltinmodule.c), 3.8–3.14
 * (sizes measured on 3.8.18–3.13.0 and Pyodide's 3.14.2: 48 / 48, wasm32 28 / 24).
 */
import type { HeapCore, ObjectHandle } from './heap-core.ts';
import { HeapError } from './heap-error.ts';
import { newTuple } from './tuples.ts';

/** What a map or filter object holds (tp_traverse order). */
export interface FunctionIteratorData {
  /** map: the tuple of inner iterators; filter: the function (or None). */
  readonly first: ObjectHandle;
  /** map: the function; filter: the inner iterator. */
  readonly second: ObjectHandle;
}

/** Makes an iterator of `o` (the heap's `newIterator`): a new reference. */
export type MakeIterator = (o: ObjectHandle) => ObjectHandle;

/** Pointer-sized fields after the object header: map gains an `int strict` on 3.14. */
function fieldWords(heap: HeapCore, type: 'map' | 'filter'): number {
  return type === 'map' && heap.layout.minor >= 14 ? 3 : 2;
}

/** `map(func, *iterables)`: the iterators' tuple, then the object. */
export function newMap(
  heap: HeapCore,
  func: ObjectHandle,
  iterables: readonly ObjectHandle[],
  makeIterator: MakeIterator,
): ObjectHandle {
  if (iterables.length === 0) throw new HeapError('index', 'map() of no iterable');
  const L = heap.layout;
  const iterators = newTuple(
    heap,
    iterables.map(() => heap.none),
  );
  const items = heap.items(iterators);
  iterables.forEach((o, i) => {
    const it = makeIterator(o);
    heap.adopt(it);
    const old = items[i]!;
    items[i] = it;
    heap.release(old);
  });
  const basic = L.objectHeader + fieldWords(heap, 'map') * L.pointerSize;
  const o = heap.allocObject('map', heap.objMalloc(heap.gcRequest(basic)));
  heap.track(o);
  heap.adopt(iterators);
  heap.increment(func);
  heap.table.payload[o] = { first: iterators, second: func } satisfies FunctionIteratorData;
  return o;
}

/** `filter(func, iterable)`: iter(iterable), then the object. */
export function newFilter(
  heap: HeapCore,
  func: ObjectHandle,
  iterable: ObjectHandle,
  makeIterator: MakeIterator,
): ObjectHandle {
  const L = heap.layout;
  const it = makeIterator(iterable);
  const basic = L.objectHeader + fieldWords(heap, 'filter') * L.pointerSize;
  const o = heap.allocObject('filter', heap.objMalloc(heap.gcRequest(basic)));
  heap.track(o);
  heap.increment(func);
  heap.adopt(it);
  heap.table.payload[o] = { first: func, second: it } satisfies FunctionIteratorData;
  return o;
}

/** What a map or filter object refers to, in tp_traverse order. */
export function functionIteratorReferents(heap: HeapCore, o: ObjectHandle): ObjectHandle[] {
  const data = heap.table.payload[o] as FunctionIteratorData;
  return [data.first, data.second];
}

/** Bytes of a map or filter object. */
export function functionIteratorSizeof(heap: HeapCore, o: ObjectHandle): number {
  const L = heap.layout;
  const words = fieldWords(heap, heap.typeName(o) as 'map' | 'filter');
  return L.gcHeader + L.objectHeader + words * L.pointerSize;
}

/** map_dealloc / filter_dealloc: untrack, release in tp_traverse order, free. */
export function deallocFunctionIterator(heap: HeapCore, o: ObjectHandle): void {
  heap.untrack(o);
  for (const r of functionIteratorReferents(heap, o)) heap.release(r);
  heap.freeObject(o);
}
