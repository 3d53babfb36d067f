/**
 * 3.14's tuples that are never tracked (gh-139951): some of the ways CPython 3.14 makes
 * a tuple leave it untracked when none of its items could take part in a cycle, where
 * 3.8–3.13 track every new tuple and only a collection's `untrack_tuples` drops it.
 *
 * Measured on Pyodide 3.14.2 (tests/scripts/tuple_tracking_probe.py, recorded in
 * tests/fixtures/gc/tuple-tracking-3.14.2-pyodide.json), `gc.is_tracked` right after
 * making a tuple:
 *
 *   untracked when no item has a GC type     tracked
 *   a display (BUILD_TUPLE), any length      t + t, t * 2, t[a:b], divmod, str.partition
 *   a call's `*args` tuple                   tuple(range(…)), zip's and enumerate's items
 *   tuple(list), tuple(generator),           a constant tuple (the compiler makes it
 *   tuple(sorted(…)), tuple(str.split())       tracked; a collection untracks it later)
 *   a dict items view's item, e.args
 *
 * A GC item keeps the tuple tracked even when that item is itself an untracked tuple
 * (`((n, n), n)` made by BUILD_TUPLE is tracked). The model follows the makers it runs
 * from the first column — displays, function defaults, `*args`, `tuple(list)` and the
 * `args` of a builtin exception class's call (`ValueError(7)`) — by
 * making the tuple tracked and untracking it at once (the heap's trace shows both
 * steps; the collector's young count ends where CPython's does, since an untrack takes
 * back the track's count). Its other makers leave the tuple tracked, and `gc.is_tracked`
 * refuses a tracked tuple of GC-free items (gc-calls.ts).
 */
import type { Heap, ObjectHandle } from '@pymem/objects';
import type { Machine } from './machine.ts';

/**
 * BUILD_TUPLE / `*args` / `tuple(list)` / an exception's args on 3.14: untracks `t`
 * when none of its items has a GC type. A no-op where the profile tracks every new tuple.
 */
export function untrackIfAtomic(m: Machine, t: ObjectHandle): void {
  if (!m.rules.tuplesUntrackedWhenMade || m.heap.typeOf(t) !== 'tuple') return;
  if (atomicItems(m.heap, t)) m.heap.untrack(t);
}

/** True when no item of tuple `t` has a GC type. */
export function atomicItems(heap: Heap, t: ObjectHandle): boolean {
  return heap.referents(t).every((item) => !heap.isGc(item));
}
