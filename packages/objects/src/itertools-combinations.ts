/**
 * `itertools.combinations` objects: an iterator that refills one result tuple in place
 * while nobody else holds it.
 *
 *   combinations  [PyGC_Head][refcnt][type][pool][indices][result][r][stopped]
 *                 + r index words in a PyMem block              __sizeof__ 88 for r = 2
 *
 * combinations(x, r): `pool` is tuple(x) (a list's items copied into a new tuple; a
 * tuple itself), then the indices block (PyMem_Malloc of r words), then the object,
 * tracked. The first step makes the result tuple from the first r items. Each later step
 * copies the result into a new tuple first if anyone else still holds it (refcount > 1:
 * a loop variable keeps the previous one, unpacking into names does not), then moves the
 * indices on and stores the changed items one by one, each releasing the item it
 * replaces. The object keeps the last result until it dies.
 * Invariants: the payload's pool and result are counted references (result 0 before the
 * first step); `indices` is the address of a live block of r words.
 * Models combinations_new / combinations_next / combinations_dealloc /
 * combinations_sizeof (Modules/itertoolsmodule.c), 3.8–3.14; sizes measured with
 * sys.getsizeof on 3.8.18–3.13.0 and Pyodide's 3.14.2.
 */
import type { HeapCore, ObjectHandle } from './heap-core.ts';
import { HeapError } from './heap-error.ts';
import { sequenceTuple } from './itertools-product.ts';
import { newTuple } from './tuples.ts';

/** What a combinations object holds. */
interface CombinationsData {
  readonly pool: ObjectHandle;
  /** The address of the indices block. */
  readonly block: number;
  readonly indices: number[];
  result: ObjectHandle;
  readonly r: number;
  stopped: boolean;
}

function data(heap: HeapCore, o: ObjectHandle): CombinationsData {
  if (heap.typeName(o) !== 'combinations')
    throw new HeapError('wrong-type', `expected a combinations, got ${heap.typeName(o)}`);
  return heap.table.payload[o] as CombinationsData;
}

/** `sizeof(combinationsobject)` without the GC header: the header and five words. */
function basic(heap: HeapCore): number {
  return heap.layout.objectHeader + 5 * heap.layout.pointerSize;
}

/** `itertools.combinations(seq, r)` of a list or tuple `seq`: tracked. */
export function newCombinations(heap: HeapCore, seq: ObjectHandle, r: number): ObjectHandle {
  const type = heap.typeName(seq);
  if (type !== 'list' && type !== 'tuple' && type !== 'str' && type !== 'range')
    throw new HeapError('wrong-type', `combinations of a ${type} is not modelled`);
  const pool = sequenceTuple(heap, seq);
  heap.adopt(pool);
  const block = heap.memCall('malloc', 0, r * heap.layout.pointerSize);
  const o = heap.allocObject('combinations', heap.objMalloc(heap.gcRequest(basic(heap))));
  const indices = Array.from({ length: r }, (_, i) => i);
  const stopped = r > heap.items(pool).length;
  heap.table.payload[o] = {
    pool,
    block,
    indices,
    result: 0,
    r,
    stopped,
  } satisfies CombinationsData;
  heap.track(o);
  return o;
}

/** combinations_next: the result tuple (a new reference), or 0 at the end. */
export function combinationsNext(heap: HeapCore, o: ObjectHandle): ObjectHandle {
  const d = data(heap, o);
  if (d.stopped) return 0;
  const pool = heap.items(d.pool);
  const { indices, r } = d;
  if (d.result === 0) {
    const result = newTuple(
      heap,
      indices.map((i) => pool[i]!),
    );
    heap.adopt(result);
    d.result = result;
  } else {
    if (heap.table.refcnt[d.result]! > 1) {
      const old = d.result;
      const copy = newTuple(heap, heap.items(old));
      heap.adopt(copy);
      d.result = copy;
      heap.release(old);
    }
    const n = pool.length;
    let i = r - 1;
    while (i >= 0 && indices[i] === i + n - r) i--;
    if (i < 0) {
      d.stopped = true;
      return 0;
    }
    indices[i]!++;
    for (let j = i + 1; j < r; j++) indices[j] = indices[j - 1]! + 1;
    const items = heap.items(d.result);
    for (; i < r; i++) {
      const elem = pool[indices[i]!]!;
      heap.increment(elem);
      const old = items[i]!;
      items[i] = elem;
      heap.release(old);
    }
  }
  return heap.share(d.result);
}

/** sys.getsizeof: the object and its r index words (combinations_sizeof). */
export function combinationsSizeof(heap: HeapCore, o: ObjectHandle): number {
  return heap.layout.gcHeader + basic(heap) + data(heap, o).r * heap.layout.pointerSize;
}

/** What it refers to, in tp_traverse (and tp_dealloc) order: pool, result. */
export function combinationsReferents(heap: HeapCore, o: ObjectHandle): ObjectHandle[] {
  const d = data(heap, o);
  return d.result === 0 ? [d.pool] : [d.pool, d.result];
}

/** combinations_dealloc after the references: the indices block (PyMem_Free). */
export function freeCombinationsIndices(heap: HeapCore, o: ObjectHandle): void {
  heap.memCall('free', data(heap, o).block, 0);
}
