/**
 * What the heap tells a cycle collector while it runs: the four points where CPython's
 * object code reaches into the collector's state. The heap keeps one optional observer
 * (`heap.gc`, null by default: nothing is called) and calls it synchronously, in the
 * order CPython does:
 *
 *   allocation from the allocator of a GC type  ──► onGcAlloc   (gc_alloc's count[0]++)
 *   a GC object's block freed                   ──► onGcFree    (PyObject_GC_Del)
 *   the tracked flag turned on / off            ──► onTrack / onUntrack
 *
 * Reuse of a parked object from a free list is not an allocation and parking is not a
 * free: CPython's free lists bypass `_PyObject_GC_Alloc`/`_PyObject_GC_Link` and
 * `PyObject_GC_Del` (list_dealloc, tupledealloc, dict_dealloc, method_dealloc).
 * `onGcAlloc` comes after the block was obtained and before the object is filled in
 * or tracked, as in `_PyObject_GC_Alloc` (3.8–3.10) and `gc_alloc` →
 * `_PyObject_GC_Link` (3.11+), so a collection it starts never sees the new object.
 * `onGcFree` comes before the block goes back to the allocator.
 *
 * Invariant: onTrack and onUntrack alternate per handle (the heap reports transitions
 * only), and a handle is untracked before its onGcFree.
 * Models the calls into Modules/gcmodule.c (3.8–3.12) and Python/gc.c (3.13+) made by
 * Objects/*.c: _PyObject_GC_TRACK/_PyObject_GC_UNTRACK, gc allocation and PyObject_GC_Del.
 */
import type { ObjectHandle } from './heap-core.ts';

/** Receives the heap's GC bookkeeping calls; see the module comment. */
export interface GcObserver {
  /** A GC object was allocated (not reused from a free list); it is not tracked yet. */
  onGcAlloc(o: ObjectHandle): void;
  /** A GC object's block is about to be freed (`PyObject_GC_Del`); it is untracked. */
  onGcFree(o: ObjectHandle): void;
  /** `o` became tracked (`_PyObject_GC_TRACK`). */
  onTrack(o: ObjectHandle): void;
  /** `o` stopped being tracked (`_PyObject_GC_UNTRACK`). */
  onUntrack(o: ObjectHandle): void;
}
