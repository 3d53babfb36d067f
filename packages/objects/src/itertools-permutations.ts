/**
 * `itertools.permutations` objects: an iterator that refills one result tuple in place
 * while nobody else holds it.
 *
 *   permutations  [PyGC_Head][refcnt][type][pool][indices][cycles][result][r][stopped]
 *                 + n index words and r cycle words in two PyMem blocks
 *                                                     __sizeof__ 64 + 8·n + 8·r
 *
 * permutations(x, r=None): `pool` is tuple(x) (a list's items copied into a new tuple; a
 * tuple itself), n its length and r n unless given; then the indices block (PyMem_Malloc
 * of n words), the cycles block (r words), then the object, tracked — stopped at once
 * when r > n. The first step makes the result tuple from the first r items. Each later
 * step ends when the pool is empty; else it copies the result into a new tuple first
 * when anyone else still holds it (refcount > 1), or tracks it again (bpo-42536), then
 * turns the cycles from the right: a cycle that runs out rotates the indices after it
 * and starts again; the first that does not swaps two indices and stores the result's
 * items from there on, each taking a new reference before releasing the one it replaces.
 * All cycles running out ends the iteration. The object keeps the last result until it
 * dies.
 * Invariants: pool and result are counted references (result 0 before the first step);
 * `indicesBlock` and `cyclesBlock` are live blocks of n and r words.
 * Models permutations_new / permutations_next / permutations_dealloc /
 * permutations_traverse / permutations_sizeof (Modules/itertoolsmodule.c), 3.8–3.14;
 * sizes measured with sys.getsizeof on 3.8.18–3.13.0 and Pyodide's 3.14.2.
 */
import type { HeapCore, ObjectHandle } from './heap-core.ts';
import { HeapError } from './heap-error.ts';
import { sequenceTuple } from './itertools-product.ts';
import { newTuple } from './tuples.ts';

/** What a permutations object holds. */
interface PermutationsData {
  readonly pool: ObjectHandle;
  readonly indicesBlock: number;
  readonly cyclesBlock: number;
  readonly indices: number[];
  readonly cycles: number[];
  result: ObjectHandle;
  readonly r: number;
  stopped: boolean;
}

function data(heap: HeapCore, o: ObjectHandle): PermutationsData {
  if (heap.typeName(o) !== 'permutations')
    throw new HeapError('wrong-type', `expected a permutations, got ${heap.typeName(o)}`);
  return heap.table.payload[o] as PermutationsData;
}

/** `sizeof(permutationsobject)` without the GC header: the header and six words. */
function basic(heap: HeapCore): number {
  return heap.layout.objectHeader + 6 * heap.layout.pointerSize;
}

/**
 * `itertools.permutations(seq, r)` of a list or tuple (`r` −1 for None): tracked. A
 * negative `r` other than −1 is permutations_new's ValueError: the pool is made and
 * released, and 0 returned.
 */
export function newPermutations(heap: HeapCore, seq: ObjectHandle, rGiven: number): ObjectHandle {
  const pool = sequenceTuple(heap, seq);
  heap.adopt(pool);
  const n = heap.items(pool).length;
  const r = rGiven === -1 ? n : rGiven;
  if (r < 0) {
    heap.release(pool);
    return 0;
  }
  const w = heap.layout.pointerSize;
  const indicesBlock = heap.memCall('malloc', 0, n * w);
  const cyclesBlock = heap.memCall('malloc', 0, r * w);
  const o = heap.allocObject('permutations', heap.objMalloc(heap.gcRequest(basic(heap))));
  heap.table.payload[o] = {
    pool,
    indicesBlock,
    cyclesBlock,
    indices: Array.from({ length: n }, (_, i) => i),
    cycles: Array.from({ length: r }, (_, i) => n - i),
    result: 0,
    r,
    stopped: r > n,
  } satisfies PermutationsData;
  heap.track(o);
  return o;
}

/** Stores pool item `elem` in slot k of the unshared result, releasing the one it replaces. */
function store(heap: HeapCore, result: ObjectHandle, k: number, elem: ObjectHandle): void {
  const items = heap.items(result);
  heap.increment(elem);
  const old = items[k]!;
  items[k] = elem;
  heap.release(old);
}

/** permutations_next: the result tuple (a new reference), or 0 at the end. */
export function permutationsNext(heap: HeapCore, o: ObjectHandle): ObjectHandle {
  const d = data(heap, o);
  if (d.stopped) return 0;
  const pool = heap.items(d.pool);
  const { indices, cycles, r } = d;
  const n = pool.length;
  if (d.result === 0) {
    const result = newTuple(
      heap,
      indices.slice(0, r).map((i) => pool[i]!),
    );
    heap.adopt(result);
    d.result = result;
    return heap.share(result);
  }
  if (n === 0) {
    d.stopped = true;
    return 0;
  }
  if (heap.table.refcnt[d.result]! > 1) {
    const old = d.result;
    const copy = newTuple(heap, heap.items(old));
    heap.adopt(copy);
    d.result = copy;
    heap.release(old);
  } else heap.track(d.result);
  let i = r - 1;
  for (; i >= 0; i--) {
    cycles[i]!--;
    if (cycles[i] === 0) {
      const index = indices[i]!;
      for (let j = i; j < n - 1; j++) indices[j] = indices[j + 1]!;
      indices[n - 1] = index;
      cycles[i] = n - i;
    } else {
      const j = cycles[i]!;
      const index = indices[i]!;
      indices[i] = indices[n - j]!;
      indices[n - j] = index;
      for (let k = i; k < r; k++) store(heap, d.result, k, pool[indices[k]!]!);
      break;
    }
  }
  if (i < 0) {
    d.stopped = true;
    return 0;
  }
  return heap.share(d.result);
}

/** sys.getsizeof: the object, its n index words and r cycle words (permutations_sizeof). */
export function permutationsSizeof(heap: HeapCore, o: ObjectHandle): number {
  const d = data(heap, o);
  const words = heap.items(d.pool).length + d.r;
  return heap.layout.gcHeader + basic(heap) + words * heap.layout.pointerSize;
}

/** What it refers to, in tp_traverse (and tp_dealloc) order: pool, result. */
export function permutationsReferents(heap: HeapCore, o: ObjectHandle): ObjectHandle[] {
  const d = data(heap, o);
  return d.result === 0 ? [d.pool] : [d.pool, d.result];
}

/** permutations_dealloc: untrack, pool, result, the indices and cycles blocks, GC_Del. */
export function deallocPermutations(heap: HeapCore, o: ObjectHandle): void {
  const d = data(heap, o);
  heap.untrack(o);
  for (const r of permutationsReferents(heap, o)) heap.release(r);
  heap.memCall('free', d.indicesBlock, 0);
  heap.memCall('free', d.cyclesBlock, 0);
  heap.freeObject(o);
}
