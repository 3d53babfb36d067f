/**
 * `enumerate` and `zip` objects: iterators that pack what other iterators give into a
 * result tuple they keep and reuse.
 *
 *   enumerate  [PyGC_Head][refcnt][type][en_index][en_sit][en_result][en_longindex]
 *              (+ `one` from 3.11)                                      64 / 72 from 3.11
 *   zip        [PyGC_Head][refcnt][type][tuplesize][ittuple][result] (+ strict, 3.10+)
 *                                                                       56 / 64 from 3.10
 *
 * enumerate(x): the object, then iter(x), then a `(None, None)` result tuple. zip(a, …):
 * a tuple of the arguments' iterators, a result tuple of Nones, then the object. Each
 * step refills the result tuple and returns it when nothing else holds it (refcount 1),
 * else packs a new tuple (zip: the tuple first, then the items) — so a loop that unpacks
 * and drops each tuple reuses one. Both are their own iterators.
 * Invariants: the inner iterators and the result tuple live as long as the object.
 * Models enum_new_impl/enum_next/enum_dealloc (Objects/enumobject.c) and
 * zip_new/zip_next/zip_dealloc (Python/bltinmodule.c), 3.8–3.13 (measured
 * 3.8.18–3.13.0: sizes, the reuse).
 */
import type { HeapCore, ObjectHandle } from './heap-core.ts';
import { HeapError } from './heap-error.ts';
import { newInt } from './ints.ts';
import { newTuple } from './tuples.ts';

/** What an enumerate or zip object holds. */
export interface PackedIteratorData {
  /** enumerate: its one inner iterator; zip: the tuple of inner iterators. */
  readonly source: ObjectHandle;
  /** The reusable result tuple. */
  readonly result: ObjectHandle;
  /** enumerate: the next index. */
  index: number;
  /** zip(…, strict=True), 3.10+: unequal lengths raise ValueError. */
  readonly strict?: boolean;
}

/** Makes an iterator of `o` (the heap's `newIterator`): a new reference. */
export type MakeIterator = (o: ObjectHandle) => ObjectHandle;
/** Advances an iterator (the heap's `iteratorNext`): a new reference or 0. */
export type NextItem = (it: ObjectHandle) => ObjectHandle;

/** A tuple of `n` Nones owned by its maker (PyTuple_Pack / PyTuple_New + Py_None). */
function noneTuple(heap: HeapCore, n: number): ObjectHandle {
  const nones = Array.from({ length: n }, () => heap.none);
  return newTuple(heap, nones);
}

/** Stores `item` (a reference handed over) into slot i of a tuple, releasing the old one. */
function refill(heap: HeapCore, tuple: ObjectHandle, i: number, item: ObjectHandle): void {
  const items = heap.items(tuple);
  const old = items[i]!;
  heap.adopt(item);
  items[i] = item;
  heap.release(old);
}

/** `enumerate(iterable, start)`: `start` only sets the first index (en_index). */
export function newEnumerate(
  heap: HeapCore,
  iterable: ObjectHandle,
  makeIterator: MakeIterator,
  start = 0,
): ObjectHandle {
  const L = heap.layout;
  const words = L.minor >= 11 ? 5 : 4;
  const e = heap.allocObject(
    'enumerate',
    heap.objMalloc(heap.gcRequest(L.objectHeader + words * L.pointerSize)),
  );
  heap.track(e);
  const it = makeIterator(iterable);
  heap.adopt(it);
  const result = noneTuple(heap, 2);
  heap.adopt(result);
  heap.table.payload[e] = { source: it, result, index: start } satisfies PackedIteratorData;
  return e;
}

/**
 * `zip(*iterables, strict=…)`: the iterators' tuple, the result tuple, then the object.
 * `strict` (3.10+) is the object's `strict` field; its size does not change with it.
 */
export function newZip(
  heap: HeapCore,
  iterables: readonly ObjectHandle[],
  makeIterator: MakeIterator,
  strict = false,
): ObjectHandle {
  if (iterables.length === 0) throw new HeapError('index', 'zip() of nothing is not modelled');
  const L = heap.layout;
  if (strict && L.minor < 10) throw new HeapError('invalid-argument', 'zip(strict=) before 3.10');
  const iterators = noneTuple(heap, iterables.length);
  iterables.forEach((o, i) => {
    refill(heap, iterators, i, makeIterator(o));
  });
  const result = noneTuple(heap, iterables.length);
  const words = L.minor >= 10 ? 4 : 3;
  const z = heap.allocObject(
    'zip',
    heap.objMalloc(heap.gcRequest(L.objectHeader + words * L.pointerSize)),
  );
  heap.adopt(iterators);
  heap.adopt(result);
  heap.table.payload[z] = {
    source: iterators,
    result,
    index: 0,
    strict,
  } satisfies PackedIteratorData;
  heap.track(z);
  return z;
}

/** The next packed tuple (a new reference), or 0 when an inner iterator is exhausted. */
export function packedNext(heap: HeapCore, o: ObjectHandle, next: NextItem): ObjectHandle {
  const data = heap.table.payload[o] as PackedIteratorData;
  const result = data.result;
  if (heap.typeName(o) === 'enumerate') {
    const item = next(data.source);
    if (item === 0) return 0;
    const index = newInt(heap, data.index++);
    if (heap.table.refcnt[result] === 1) {
      heap.share(result);
      refill(heap, result, 0, index);
      refill(heap, result, 1, item);
      return result;
    }
    const fresh = newTuple(heap, [index, item]);
    for (const x of [index, item]) {
      heap.table.external[x]!--;
      heap.release(x);
    }
    return fresh;
  }
  const iterators = heap.items(data.source);
  if (heap.table.refcnt[result] === 1) {
    heap.share(result);
    for (let i = 0; i < iterators.length; i++) {
      const item = next(iterators[i]!);
      if (item === 0) {
        heap.table.external[result]!--;
        heap.release(result);
        if (data.strict === true) strictCheck(heap, iterators, i, next);
        return 0;
      }
      refill(heap, result, i, item);
    }
    return result;
  }
  const fresh = noneTuple(heap, iterators.length);
  for (let i = 0; i < iterators.length; i++) {
    const item = next(iterators[i]!);
    if (item === 0) {
      heap.table.external[fresh]!--;
      heap.release(fresh);
      if (data.strict === true) strictCheck(heap, iterators, i, next);
      return 0;
    }
    refill(heap, fresh, i, item);
  }
  return fresh;
}

/**
 * zip_next's strict check (3.10+), after iterator `i` ran out and the partial result
 * was released: a later iterator running out first is shorter than the ones before it;
 * the first one running out means every other one is advanced once more, in order, and
 * the first to give an item (released at once) is longer. Equal lengths end quietly.
 * @throws HeapError 'value-error' with CPython's message
 */
function strictCheck(
  heap: HeapCore,
  iterators: readonly ObjectHandle[],
  i: number,
  next: NextItem,
): void {
  const before = (k: number): string => (k === 1 ? ' 1' : `s 1-${k}`);
  if (i > 0)
    throw new HeapError(
      'value-error',
      `zip() argument ${i + 1} is shorter than argument${before(i)}`,
    );
  for (let k = 1; k < iterators.length; k++) {
    const item = next(iterators[k]!);
    if (item !== 0) {
      heap.table.external[item]!--;
      heap.release(item);
      throw new HeapError(
        'value-error',
        `zip() argument ${k + 1} is longer than argument${before(k)}`,
      );
    }
  }
}

/** What an enumerate or zip object refers to (tp_traverse order). */
export function packedReferents(heap: HeapCore, o: ObjectHandle): ObjectHandle[] {
  const data = heap.table.payload[o] as PackedIteratorData;
  return [data.source, data.result];
}

/** Bytes of an enumerate or zip object. */
export function packedSizeof(heap: HeapCore, o: ObjectHandle): number {
  const L = heap.layout;
  const words = heap.typeName(o) === 'enumerate' ? (L.minor >= 11 ? 5 : 4) : L.minor >= 10 ? 4 : 3;
  return L.gcHeader + L.objectHeader + words * L.pointerSize;
}

/** enum_dealloc / zip_dealloc: untrack, release the iterator(s) and the result, free. */
export function deallocPacked(heap: HeapCore, o: ObjectHandle): void {
  heap.untrack(o);
  for (const r of packedReferents(heap, o)) heap.release(r);
  heap.freeObject(o);
}
