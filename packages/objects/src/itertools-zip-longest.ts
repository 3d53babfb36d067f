/**
 * `itertools.zip_longest` objects: zip that runs until its longest argument ends, filling
 * the shorter ones' slots with `fillvalue`, and refills one result tuple in place.
 *
 *   zip_longest  [PyGC_Head][refcnt][type][tuplesize][numactive][ittuple][result]
 *                [fillvalue]                                        72 (36 on wasm32)
 *
 * zip_longest(*xs, fillvalue=None): a tuple of the arguments' iterators (each made in
 * order into its slot; `()` itself for none), a result tuple of Nones, then the object.
 * An argument that is not iterable stops the making: the tuple with the iterators made
 * so far is released. A step refills the result in place when only the object holds it
 * (refcount 1: it takes a reference for the caller first, then stores each slot's next
 * item, releasing the one it replaces, and tracks the tuple again — bpo-42536), else it
 * fills a new tuple. An argument that ends gives `fillvalue` from then on: its iterator
 * is released and its slot emptied (NULL) — unless it was the last one still running,
 * when the step ends everything (the iterator stays; a half-refilled result stays as it
 * is, a new one is released) and every later step ends at once.
 * Invariants: ittuple, result and fillvalue are counted references; an emptied ittuple
 * slot (NULL in CPython) holds a counted None: None's count is not observable where it
 * is not immortal (sys.getrefcount of None is refused before 3.12).
 * Models zip_longest_new / zip_longest_next / zip_longest_dealloc /
 * zip_longest_traverse (Modules/itertoolsmodule.c), 3.8–3.14; sizes measured with
 * sys.getsizeof on 3.8.18–3.13.0 and Pyodide's 3.14.2.
 */
import type { HeapCore, ObjectHandle } from './heap-core.ts';
import { HeapError } from './heap-error.ts';
import { newTuple, recycleTupleItem } from './tuples.ts';

/** Makes an iterator of `o` (the heap's `newIterator`): a new reference. */
type MakeIterator = (o: ObjectHandle) => ObjectHandle;
/** Advances an iterator (the heap's `iteratorNext`): a new reference or 0. */
type NextItem = (it: ObjectHandle) => ObjectHandle;

/** What a zip_longest object holds. */
interface ZipLongestData {
  readonly ittuple: ObjectHandle;
  result: ObjectHandle;
  readonly fillvalue: ObjectHandle;
  /** Per slot: still running (its iterator in ittuple). */
  readonly active: boolean[];
  numactive: number;
}

function data(heap: HeapCore, o: ObjectHandle): ZipLongestData {
  if (heap.typeName(o) !== 'zip_longest')
    throw new HeapError('wrong-type', `expected a zip_longest, got ${heap.typeName(o)}`);
  return heap.table.payload[o] as ZipLongestData;
}

/** `sizeof(ziplongestobject)`: the header and five words. */
function basic(heap: HeapCore): number {
  return heap.layout.objectHeader + 5 * heap.layout.pointerSize;
}

function noneTuple(heap: HeapCore, n: number): ObjectHandle {
  return newTuple(
    heap,
    Array.from({ length: n }, () => heap.none),
  );
}

/**
 * `itertools.zip_longest(*iterables, fillvalue=…)` (`fillvalue` borrowed): tracked. With
 * `failAt` ≥ 0 the argument at that index is not iterable: the iterators before it are
 * made, the tuple of them released, and 0 returned.
 */
export function newZipLongest(
  heap: HeapCore,
  iterables: readonly ObjectHandle[],
  fillvalue: ObjectHandle,
  makeIterator: MakeIterator,
  failAt = -1,
): ObjectHandle {
  heap.check(fillvalue);
  const n = iterables.length;
  const ittuple = noneTuple(heap, n);
  for (let i = 0; i < n; i++) {
    if (i === failAt) {
      heap.table.external[ittuple]!--;
      heap.release(ittuple);
      return 0;
    }
    recycleTupleItem(heap, ittuple, i, makeIterator(iterables[i]!));
  }
  const result = noneTuple(heap, n);
  const o = heap.allocObject('zip_longest', heap.objMalloc(heap.gcRequest(basic(heap))));
  heap.adopt(ittuple);
  heap.adopt(result);
  heap.increment(fillvalue);
  heap.table.payload[o] = {
    ittuple,
    result,
    fillvalue,
    active: new Array<boolean>(n).fill(true),
    numactive: n,
  } satisfies ZipLongestData;
  heap.track(o);
  return o;
}

/**
 * The next item of slot i (a reference the caller owns), or 0 when the step ends: an
 * ended argument's iterator is dropped and its slot emptied unless it was the last.
 */
function slotItem(heap: HeapCore, d: ZipLongestData, i: number, next: NextItem): ObjectHandle {
  if (!d.active[i]) return heap.share(d.fillvalue);
  const slots = heap.items(d.ittuple);
  const it = slots[i]!;
  const item = next(it);
  if (item !== 0) return item;
  d.numactive--;
  if (d.numactive === 0) return 0;
  d.active[i] = false;
  heap.increment(heap.none);
  slots[i] = heap.none;
  heap.release(it);
  return heap.share(d.fillvalue);
}

/** zip_longest_next: the packed tuple (a new reference), or 0 at the end. */
export function zipLongestNext(heap: HeapCore, o: ObjectHandle, next: NextItem): ObjectHandle {
  const d = data(heap, o);
  const n = d.active.length;
  if (n === 0 || d.numactive === 0) return 0;
  const result = d.result;
  if (heap.table.refcnt[result] === 1) {
    heap.share(result);
    for (let i = 0; i < n; i++) {
      const item = slotItem(heap, d, i, next);
      if (item === 0) {
        heap.table.external[result]!--;
        heap.release(result);
        return 0;
      }
      heap.adopt(item);
      const items = heap.items(result);
      const old = items[i]!;
      items[i] = item;
      heap.release(old);
    }
    heap.track(result);
    return result;
  }
  const fresh = noneTuple(heap, n);
  for (let i = 0; i < n; i++) {
    const item = slotItem(heap, d, i, next);
    if (item === 0) {
      heap.table.external[fresh]!--;
      heap.release(fresh);
      return 0;
    }
    recycleTupleItem(heap, fresh, i, item);
  }
  return fresh;
}

/** What it refers to, in tp_traverse (and tp_dealloc) order: ittuple, result, fillvalue. */
export function zipLongestReferents(heap: HeapCore, o: ObjectHandle): ObjectHandle[] {
  const d = data(heap, o);
  return [d.ittuple, d.result, d.fillvalue];
}

/** sys.getsizeof of a zip_longest (no __sizeof__ of its own). */
export function zipLongestSizeof(heap: HeapCore): number {
  return heap.layout.gcHeader + basic(heap);
}

/** zip_longest_dealloc: untrack, ittuple, result, fillvalue, GC_Del. */
export function deallocZipLongest(heap: HeapCore, o: ObjectHandle): void {
  heap.untrack(o);
  for (const r of zipLongestReferents(heap, o)) heap.release(r);
  heap.freeObject(o);
}
