/**
 * `itertools.product` objects: an odometer over a tuple of pools that refills one result
 * tuple in place while nobody else holds it.
 *
 *   product  [PyGC_Head][refcnt][type][pools][indices][result][stopped]
 *            + npools index words in a PyMem block          __sizeof__ 48 + 8·npools
 *
 * product(*xs, repeat=k): the indices block first (PyMem_Malloc of npools = len(xs)·k
 * words — 0 bytes for none), then the pools tuple (npools slots; `()` itself for none),
 * then each argument's pool in order (PySequence_Tuple: a tuple is itself, a list's
 * items are copied into a new tuple), the first len(xs) pools shared by the repeats,
 * then the object, tracked. An argument that is not iterable stops the making: the
 * block is freed, then the pools tuple (with the pools made so far) is released.
 * The first step makes the result tuple of each pool's first item — when a pool is empty
 * it stops there, keeping a result whose later slots are empty (NULL) until the object
 * dies. Each later step copies the result into a new tuple first when anyone else still
 * holds it (refcount > 1), else tracks it again (the collector may have untracked it:
 * bpo-42536), then moves the rightmost index on, rolling over to the left; each changed
 * slot takes a new reference to its item before releasing the one it replaces.
 * Invariants: the payload's pools and result are counted references (result 0 before
 * the first step); `block` is the address of a live block of npools words. A slot
 * CPython leaves empty (NULL) holds a counted None here: None's count is not observable
 * where it is not immortal (sys.getrefcount of None is refused before 3.12).
 * Models product_new / product_next / product_dealloc / product_traverse /
 * product_sizeof (Modules/itertoolsmodule.c), 3.8–3.14; sizes measured with
 * sys.getsizeof on 3.8.18–3.13.0 and Pyodide's 3.14.2.
 */
import type { HeapCore, ObjectHandle } from './heap-core.ts';
import { HeapError } from './heap-error.ts';
import { iteratorNext, newIterator, sequenceIteratorLengthHint } from './iterators.ts';
import { newTuple, recycleTupleItem } from './tuples.ts';

/** What a product object holds. */
interface ProductData {
  readonly pools: ObjectHandle;
  /** The address of the indices block. */
  readonly block: number;
  readonly indices: number[];
  result: ObjectHandle;
  stopped: boolean;
}

function data(heap: HeapCore, o: ObjectHandle): ProductData {
  if (heap.typeName(o) !== 'product')
    throw new HeapError('wrong-type', `expected a product, got ${heap.typeName(o)}`);
  return heap.table.payload[o] as ProductData;
}

/** `sizeof(productobject)` without the GC header: the header and four words. */
function basic(heap: HeapCore): number {
  return heap.layout.objectHeader + 4 * heap.layout.pointerSize;
}

/** A tuple of `n` slots to be filled by recycleTupleItem (None placeholders). */
function slots(heap: HeapCore, n: number): ObjectHandle {
  return newTuple(
    heap,
    Array.from({ length: n }, () => heap.none),
  );
}

/**
 * PySequence_Tuple of a list, tuple, str or range: the tuple itself, a new tuple of the
 * list's items, or — for a str or range — its iterator first, then a tuple of its
 * exact length (the length hint) filled item by item, the iterator run to its end and
 * freed.
 */
export function sequenceTuple(heap: HeapCore, seq: ObjectHandle): ObjectHandle {
  const type = heap.typeName(seq);
  if (type === 'tuple') return heap.share(seq);
  if (type === 'list') return newTuple(heap, heap.items(seq));
  if (type !== 'str' && type !== 'range')
    throw new HeapError('wrong-type', `a pool of a ${type} is not modelled`);
  const it = newIterator(heap, seq);
  const n = sequenceIteratorLength(heap, it);
  const t = slots(heap, n);
  for (let i = 0; i < n; i++) recycleTupleItem(heap, t, i, iteratorNext(heap, it));
  if (iteratorNext(heap, it) !== 0)
    throw new HeapError('unsupported', 'an iterator longer than its hint');
  heap.table.external[it]!--;
  heap.release(it);
  return t;
}

/** The items a new str or range iterator will give. */
function sequenceIteratorLength(heap: HeapCore, it: ObjectHandle): number {
  if (heap.typeName(it) !== 'range_iterator') return sequenceIteratorLengthHint(heap, it);
  return (heap.table.payload[it] as { length: number }).length;
}

/**
 * `itertools.product(*seqs, repeat=k)` of lists and tuples: tracked. With `failAt` ≥ 0
 * the argument at that index is not iterable: the pools before it are made, everything
 * is undone as product_new's error path does, and 0 is returned.
 */
export function newProduct(
  heap: HeapCore,
  seqs: readonly ObjectHandle[],
  repeat: number,
  failAt = -1,
): ObjectHandle {
  const nargs = repeat === 0 ? 0 : seqs.length;
  const npools = nargs * repeat;
  const block = heap.memCall('malloc', 0, npools * heap.layout.pointerSize);
  const pools = slots(heap, npools);
  for (let i = 0; i < nargs; i++) {
    if (i === failAt) {
      heap.memCall('free', block, 0);
      heap.table.external[pools]!--;
      heap.release(pools);
      return 0;
    }
    recycleTupleItem(heap, pools, i, sequenceTuple(heap, seqs[i]!));
  }
  for (let i = nargs; i < npools; i++)
    recycleTupleItem(heap, pools, i, heap.share(heap.items(pools)[i - nargs]!));
  const o = heap.allocObject('product', heap.objMalloc(heap.gcRequest(basic(heap))));
  heap.adopt(pools);
  heap.table.payload[o] = {
    pools,
    block,
    indices: new Array<number>(npools).fill(0),
    result: 0,
    stopped: false,
  } satisfies ProductData;
  heap.track(o);
  return o;
}

/** product_next: the result tuple (a new reference), or 0 at the end. */
export function productNext(heap: HeapCore, o: ObjectHandle): ObjectHandle {
  const d = data(heap, o);
  if (d.stopped) return 0;
  const pools = heap.items(d.pools).map((p) => heap.items(p));
  const npools = pools.length;
  if (d.result === 0) {
    const result = slots(heap, npools);
    heap.adopt(result);
    d.result = result;
    for (let i = 0; i < npools; i++) {
      const pool = pools[i]!;
      if (pool.length === 0) {
        // The slots from here on stay empty (NULL): their placeholders stay.
        d.stopped = true;
        return 0;
      }
      heap.increment(pool[0]!);
      const items = heap.items(result);
      const old = items[i]!;
      items[i] = pool[0]!;
      heap.release(old);
    }
    return heap.share(d.result);
  }
  if (heap.table.refcnt[d.result]! > 1) {
    const old = d.result;
    const copy = newTuple(heap, heap.items(old));
    heap.adopt(copy);
    d.result = copy;
    heap.release(old);
  } else heap.track(d.result);
  const items = heap.items(d.result);
  let i = npools - 1;
  for (; i >= 0; i--) {
    const pool = pools[i]!;
    d.indices[i]!++;
    const rolled = d.indices[i] === pool.length;
    if (rolled) d.indices[i] = 0;
    const elem = pool[d.indices[i]!]!;
    heap.increment(elem);
    const old = items[i]!;
    items[i] = elem;
    heap.release(old);
    if (!rolled) break;
  }
  if (i < 0) {
    d.stopped = true;
    return 0;
  }
  return heap.share(d.result);
}

/** sys.getsizeof: the object and its npools index words (product_sizeof). */
export function productSizeof(heap: HeapCore, o: ObjectHandle): number {
  const npools = heap.items(data(heap, o).pools).length;
  return heap.layout.gcHeader + basic(heap) + npools * heap.layout.pointerSize;
}

/** What it refers to, in tp_traverse (and tp_dealloc) order: pools, result. */
export function productReferents(heap: HeapCore, o: ObjectHandle): ObjectHandle[] {
  const d = data(heap, o);
  return d.result === 0 ? [d.pools] : [d.pools, d.result];
}

/** product_dealloc: untrack, pools, result, the block, GC_Del. */
export function deallocProduct(heap: HeapCore, o: ObjectHandle): void {
  const d = data(heap, o);
  heap.untrack(o);
  for (const r of productReferents(heap, o)) heap.release(r);
  heap.memCall('free', d.block, 0);
  heap.freeObject(o);
}
