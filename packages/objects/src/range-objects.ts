/**
 * A `range` whose ints are given: CPython's range keeps its argument objects (or the
 * cached 0 and 1 it defaults to) and a length it computes, so a range over big ints
 * shares them with the caller.
 *
 *   range  [refcnt][type][start][stop][step][length]   48 (not GC)
 *
 * Invariant: the range holds one reference to each of its four ints. Models
 * make_range_object (Objects/rangeobject.c), 3.8–3.13; how the length is computed (and
 * which temporaries that makes) is the caller's (compute_range_length).
 */
import type { HeapCore, ObjectHandle } from './heap-core.ts';
import type { RangeData } from './iterators.ts';

/** A range taking over the four references it is given. */
export function newRangeOf(
  heap: HeapCore,
  start: ObjectHandle,
  stop: ObjectHandle,
  step: ObjectHandle,
  length: ObjectHandle,
): ObjectHandle {
  for (const h of [start, stop, step, length]) heap.check(h);
  const L = heap.layout;
  const r = heap.allocObject('range', heap.objMalloc(L.objectHeader + 4 * L.pointerSize));
  heap.table.payload[r] = { start, stop, step, length } satisfies RangeData;
  for (const h of [start, stop, step, length]) heap.adopt(h);
  return r;
}
