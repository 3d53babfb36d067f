/**
 * Emptying the free lists, as a full (generation-2) collection does: every parked
 * object's block goes back to the allocator (a GC type's through `PyObject_GC_Del`,
 * which also lowers the collector's count[0]) and the cached keys tables are freed.
 *
 *   3.8        method, tuple (length 1, 2, …), float, list, dict, keys   (clear_freelists)
 *   3.9–3.12   tuple, float, list, dict, keys                           (clear_freelists)
 *   3.13–3.14  float, tuple, list, dict, keys, then (3.14) int   (_PyObject_ClearFreeLists)
 *
 * Each list is emptied most recently parked first (its `numfree` counts down / its
 * linked list is walked from the head). Frame, context and async-generator free lists
 * hold nothing the model makes.
 * Invariant: afterwards every free list is empty and no handle is PARKED.
 * Models clear_freelists (Modules/gcmodule.c 3.8–3.12) and _PyGC_ClearAllFreeLists →
 * _PyObject_ClearFreeLists (Python/gc.c, Objects/object.c 3.13–3.14). The tuple /
 * float / list / dict order is recorded on 3.8.18–3.13.0 (tests/gc-frees.test.ts); the
 * 3.14 order and its int position are from source only.
 */
import type { HeapCore, ObjectHandle } from './heap-core.ts';

/** Frees everything the heap's free lists hold (see the module comment). */
export function clearFreeLists(heap: HeapCore): void {
  const lists = heap.freeLists;
  const minor = heap.layout.minor;
  const drain = (list: ObjectHandle[]): void => {
    for (let h = list.pop(); h !== undefined; h = list.pop()) heap.freeObject(h);
  };
  const tuples = (): void => {
    for (let n = 1; n < lists.tuple.length; n++) drain(lists.tuple[n]!);
  };
  if (minor === 8) drain(lists.method);
  if (minor >= 13) {
    drain(lists.float);
    tuples();
  } else {
    tuples();
    drain(lists.float);
  }
  drain(lists.list);
  drain(lists.dict);
  for (let a = lists.keys.pop(); a !== undefined; a = lists.keys.pop())
    heap.memCall('free', a, 0, heap.keysDomain());
  drain(lists.int);
}
