/**
 * `itertools.count`, `itertools.repeat` and `itertools.chain` objects: iterators that
 * are their own iterators and make nothing but what they return (and chain's inner
 * iterators).
 *
 *   count   [PyGC_Head][refcnt][type][cnt][long_cnt][long_step]        56 (3.8–3.13)
 *   repeat  [PyGC_Head][refcnt][type][element][cnt]                    48 (3.8–3.13)
 *   chain   [PyGC_Head][refcnt][type][source][active]                  48 (3.8–3.13)
 *   islice  [PyGC_Head][refcnt][type][it][next][stop][step][cnt]        72 (3.8–3.13)
 *
 * count(start) with an int start that fits a Py_ssize_t and the default step runs in
 * "fast mode": `cnt` is a C integer, `long_cnt` is empty and `long_step` holds the small
 * int 1; each step returns a new int (PyLong_FromSsize_t: a cached small int when it is
 * one) — the start object itself is not kept. Any other int step (or a start beyond
 * a Py_ssize_t) is "slow mode": `long_cnt` holds the next value as an object (the
 * start object itself at first) and each step returns it, keeping `long_cnt +
 * long_step` (made first, by int addition: a cached small int when it is one) in its
 * place. repeat(element[, times]) holds `element`
 * and a count (−1: forever); each step returns `element` itself. chain(*its): `source`
 * is an iterator over the call's argument tuple (made before the object); a step takes
 * the next iterable's iterator as `active` when there is none, returns its next item,
 * and drops an exhausted `active`; once `source` is exhausted it is dropped too (and
 * with it the argument tuple). islice(it, start, stop, step) holds an iterator of its
 * argument (made before the object); a step drops the items before `next`, returns
 * one, and moves `next` on by `step` (no further than `stop`); at the end it drops the
 * iterator.
 * Invariants: the payload lists the referents in tp_traverse order, 0 for an empty
 * field; each non-zero field is one counted reference.
 * Models count_new / count_next / count_dealloc, repeat_new / repeat_next /
 * repeat_dealloc / repeat_len, chain_new / chain_next / chain_dealloc and islice_new /
 * islice_next / islice_dealloc (Modules/itertoolsmodule.c), 3.8–3.14; sizes measured with
 * sys.getsizeof on 3.8.18–3.13.0 and Pyodide's 3.14.2.
 */
import type { HeapCore, ObjectHandle } from './heap-core.ts';
import { HeapError } from './heap-error.ts';
import { newInt } from './ints.ts';

/** What a count object holds. */
interface CountData {
  /** The next value (`cnt`) in fast mode. */
  cnt: number;
  /** Slow mode: the next value (`long_cnt`); 0 in fast mode. */
  longCnt: ObjectHandle;
  /** `long_step`: the small int 1 in fast mode. */
  readonly step: ObjectHandle;
}

/** What a repeat object holds. */
interface RepeatData {
  readonly element: ObjectHandle;
  /** Items left; −1 for forever. */
  cnt: number;
}

/** What a chain object holds (0 for an empty field). */
interface ChainData {
  source: ObjectHandle;
  active: ObjectHandle;
}

/** What an islice object holds. */
interface IsliceData {
  /** The inner iterator (0 once exhausted). */
  it: ObjectHandle;
  /** The index of the next item to return. */
  next: number;
  /** Where to stop; −1 for never. */
  readonly stop: number;
  readonly step: number;
  /** How many items were taken from `it`. */
  cnt: number;
}

/** Makes an iterator of `o` (the heap's `newIterator`): a new reference. */
type MakeIterator = (o: ObjectHandle) => ObjectHandle;
/** Advances an iterator (the heap's `iteratorNext`): a new reference or 0. */
type NextItem = (it: ObjectHandle) => ObjectHandle;

/** The object's size without the GC header: the header and `words` fields. */
function basic(heap: HeapCore, words: number): number {
  return heap.layout.objectHeader + words * heap.layout.pointerSize;
}

/**
 * `itertools.count(start)` in fast mode (start a safe integer, step 1), or, given int
 * objects `startObject` and `stepObject` (borrowed) with a step other than 1, in slow
 * mode: tracked.
 */
export function newCount(
  heap: HeapCore,
  start: number,
  startObject: ObjectHandle = 0,
  stepObject: ObjectHandle = 0,
): ObjectHandle {
  if (!Number.isSafeInteger(start))
    throw new HeapError('index', 'count() past 2**53 is not modelled');
  const slow = stepObject !== 0 && heap.table.payload[stepObject] !== 1n;
  let longCnt: ObjectHandle = 0;
  let step: ObjectHandle;
  if (slow) {
    longCnt = startObject === 0 ? newInt(heap, 0) : heap.share(startObject);
    step = heap.share(stepObject);
  } else step = stepObject === 0 ? newInt(heap, 1) : heap.share(stepObject);
  const o = heap.allocObject('count', heap.objMalloc(heap.gcRequest(basic(heap, 3))));
  if (slow) heap.adopt(longCnt);
  heap.adopt(step);
  heap.table.payload[o] = { cnt: start, longCnt, step } satisfies CountData;
  heap.track(o);
  return o;
}

/** `itertools.repeat(element[, times])` (times −1: forever): tracked, holding `element`. */
export function newRepeat(heap: HeapCore, element: ObjectHandle, times: number): ObjectHandle {
  heap.check(element);
  const o = heap.allocObject('repeat', heap.objMalloc(heap.gcRequest(basic(heap, 2))));
  heap.increment(element);
  heap.table.payload[o] = { element, cnt: times } satisfies RepeatData;
  heap.track(o);
  return o;
}

/**
 * `itertools.chain(*iterables)` given the call's argument tuple `args`: its iterator
 * first (a tuple_iterator, made by `makeIterator`), then the object, tracked.
 */
export function newChain(
  heap: HeapCore,
  args: ObjectHandle,
  makeIterator: MakeIterator,
): ObjectHandle {
  heap.expect(args, 'tuple');
  const source = makeIterator(args);
  const o = heap.allocObject('chain', heap.objMalloc(heap.gcRequest(basic(heap, 2))));
  heap.adopt(source);
  heap.table.payload[o] = { source, active: 0 } satisfies ChainData;
  heap.track(o);
  return o;
}

/** `itertools.islice(iterable, start, stop, step)` (stop −1: none): iterator first, tracked. */
export function newIslice(
  heap: HeapCore,
  iterable: ObjectHandle,
  start: number,
  stop: number,
  step: number,
  makeIterator: MakeIterator,
): ObjectHandle {
  const it = makeIterator(iterable);
  const o = heap.allocObject('islice', heap.objMalloc(heap.gcRequest(basic(heap, 5))));
  heap.adopt(it);
  heap.table.payload[o] = { it, next: start, stop, step, cnt: 0 } satisfies IsliceData;
  heap.track(o);
  return o;
}

/** islice_next: the next selected item (a new reference), or 0 at the end. */
function isliceNext(heap: HeapCore, o: ObjectHandle, next: NextItem): ObjectHandle {
  const data = heap.table.payload[o] as IsliceData;
  if (data.it === 0) return 0;
  const end = (): ObjectHandle => {
    const it = data.it;
    data.it = 0;
    heap.release(it);
    return 0;
  };
  while (data.cnt < data.next) {
    const skipped = next(data.it);
    if (skipped === 0) return end();
    heap.adopt(skipped);
    heap.release(skipped);
    data.cnt++;
  }
  if (data.stop !== -1 && data.cnt >= data.stop) return end();
  const item = next(data.it);
  if (item === 0) return end();
  data.cnt++;
  data.next += data.step;
  if (data.stop !== -1 && data.next > data.stop) data.next = data.stop;
  return item;
}

/** chain_next: the next item of the active iterable (a new reference), or 0 at the end. */
function chainNext(
  heap: HeapCore,
  o: ObjectHandle,
  makeIterator: MakeIterator,
  next: NextItem,
): ObjectHandle {
  const data = heap.table.payload[o] as ChainData;
  while (data.source !== 0) {
    if (data.active === 0) {
      const iterable = next(data.source);
      if (iterable === 0) {
        const source = data.source;
        data.source = 0;
        heap.release(source);
        return 0;
      }
      const active = makeIterator(iterable);
      heap.adopt(active);
      data.active = active;
      heap.adopt(iterable);
      heap.release(iterable);
    }
    const item = next(data.active);
    if (item !== 0) return item;
    const active = data.active;
    data.active = 0;
    heap.release(active);
  }
  return 0;
}

/** sys.getsizeof of a count, repeat, chain or islice. */
export function itertoolsSizeof(heap: HeapCore, o: ObjectHandle): number {
  const type = heap.typeName(o);
  const words = type === 'islice' ? 5 : type === 'count' ? 3 : 2;
  return heap.layout.gcHeader + basic(heap, words);
}

/** What a count (long_step), repeat (element) or chain (active, source) refers to. */
export function itertoolsReferents(heap: HeapCore, o: ObjectHandle): ObjectHandle[] {
  const type = heap.typeName(o);
  if (type === 'count') {
    const { longCnt, step } = heap.table.payload[o] as CountData;
    return longCnt === 0 ? [step] : [longCnt, step];
  }
  if (type === 'repeat') return [(heap.table.payload[o] as RepeatData).element];
  if (type === 'islice') {
    const { it } = heap.table.payload[o] as IsliceData;
    return it === 0 ? [] : [it];
  }
  if (type === 'chain') {
    // chain_dealloc's order: active, then source.
    const { source, active } = heap.table.payload[o] as ChainData;
    return [active, source].filter((r) => r !== 0);
  }
  throw new HeapError('wrong-type', `expected a count, repeat or chain, got ${type}`);
}

/** The next value (a new reference), or 0 when a repeat or chain is exhausted. */
export function itertoolsNext(
  heap: HeapCore,
  o: ObjectHandle,
  makeIterator: MakeIterator,
  next: NextItem,
): ObjectHandle {
  if (heap.typeName(o) === 'chain') return chainNext(heap, o, makeIterator, next);
  if (heap.typeName(o) === 'islice') return isliceNext(heap, o, next);
  if (heap.typeName(o) === 'count') {
    const data = heap.table.payload[o] as CountData;
    if (data.longCnt !== 0) {
      // count_nextlong: the sum is made before the old value is handed out.
      const sum =
        (heap.table.payload[data.longCnt] as bigint) + (heap.table.payload[data.step] as bigint);
      if (sum > 2n ** 53n || sum < -(2n ** 53n))
        throw new HeapError('index', 'count() past 2**53 is not modelled');
      const old = data.longCnt;
      data.longCnt = newInt(heap, sum);
      heap.adopt(data.longCnt);
      heap.table.external[old]!++; // the count's reference, handed to the caller
      return old;
    }
    if (!Number.isSafeInteger(data.cnt + 1))
      throw new HeapError('index', 'count() past 2**53 is not modelled');
    return newInt(heap, data.cnt++);
  }
  const data = heap.table.payload[o] as RepeatData;
  if (data.cnt === 0) return 0;
  if (data.cnt > 0) data.cnt--;
  return heap.share(data.element);
}

/** repeat's `__length_hint__`: the items left, or undefined for a repeat forever. */
export function repeatLengthHint(heap: HeapCore, o: ObjectHandle): number | undefined {
  const data = heap.table.payload[o] as RepeatData;
  return data.cnt < 0 ? undefined : data.cnt;
}
