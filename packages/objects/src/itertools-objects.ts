/**
 * `itertools.count` and `itertools.repeat` objects: iterators that are their own
 * iterators and make nothing but what they return.
 *
 *   count   [PyGC_Head][refcnt][type][cnt][long_cnt][long_step]        56 (3.8–3.13)
 *   repeat  [PyGC_Head][refcnt][type][element][cnt]                    48 (3.8–3.13)
 *
 * count(start) with an int start that fits a Py_ssize_t and the default step runs in
 * "fast mode": `cnt` is a C integer, `long_cnt` is empty and `long_step` holds the small
 * int 1; each step returns a new int (PyLong_FromSsize_t: a cached small int when it is
 * one) — the start object itself is not kept. repeat(element[, times]) holds `element`
 * and a count (−1: forever); each step returns `element` itself.
 * Invariants: the payload lists the referents in tp_traverse order, 0 for an empty
 * field; each non-zero field is one counted reference.
 * Models count_new / count_next / count_dealloc and repeat_new / repeat_next /
 * repeat_dealloc / repeat_len (Modules/itertoolsmodule.c), 3.8–3.14; sizes measured with
 * sys.getsizeof on 3.8.18–3.13.0 and Pyodide's 3.14.2.
 */
import type { HeapCore, ObjectHandle } from './heap-core.ts';
import { HeapError } from './heap-error.ts';
import { newInt } from './ints.ts';

/** What a count object holds (fast mode). */
interface CountData {
  /** The next value (`cnt`). */
  cnt: number;
  /** `long_step`: the small int 1. */
  readonly step: ObjectHandle;
}

/** What a repeat object holds. */
interface RepeatData {
  readonly element: ObjectHandle;
  /** Items left; −1 for forever. */
  cnt: number;
}

/** The object's size without the GC header: the header and `words` fields. */
function basic(heap: HeapCore, words: number): number {
  return heap.layout.objectHeader + words * heap.layout.pointerSize;
}

/** `itertools.count(start)` in fast mode (start a safe integer, step 1): tracked. */
export function newCount(heap: HeapCore, start: number): ObjectHandle {
  if (!Number.isSafeInteger(start))
    throw new HeapError('index', 'count() past 2**53 is not modelled');
  const o = heap.allocObject('count', heap.objMalloc(heap.gcRequest(basic(heap, 3))));
  const step = newInt(heap, 1);
  heap.adopt(step);
  heap.table.payload[o] = { cnt: start, step } satisfies CountData;
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

/** sys.getsizeof of a count or repeat. */
export function itertoolsSizeof(heap: HeapCore, o: ObjectHandle): number {
  return heap.layout.gcHeader + basic(heap, heap.typeName(o) === 'count' ? 3 : 2);
}

/** What a count (long_step) or repeat (element) refers to. */
export function itertoolsReferents(heap: HeapCore, o: ObjectHandle): ObjectHandle[] {
  const type = heap.typeName(o);
  if (type === 'count') return [(heap.table.payload[o] as CountData).step];
  if (type === 'repeat') return [(heap.table.payload[o] as RepeatData).element];
  throw new HeapError('wrong-type', `expected a count or repeat, got ${type}`);
}

/** The next value (a new reference), or 0 when a repeat is exhausted. */
export function itertoolsNext(heap: HeapCore, o: ObjectHandle): ObjectHandle {
  if (heap.typeName(o) === 'count') {
    const data = heap.table.payload[o] as CountData;
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
