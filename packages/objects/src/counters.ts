/**
 * `collections.Counter` objects: instances of a class written in Python that subclasses
 * dict, so each one is a dict with the slots a heap-type subclass adds.
 *
 *   3.8–3.10  [PyGC_Head][dict's fields][__dict__][__weakref__]      basic = dict's + 2 words
 *   3.11      [PyGC_Head][dict ptr][values ptr][dict's fields][__weakref__]
 *                                                                  basic = dict's + 1 word
 *   3.12+     [PyGC_Head][dict/values ptr][weakref ptr][dict's fields]  basic = dict's
 *
 * The type call runs dict_new (tp_new is inherited): tp_alloc (PyType_GenericAlloc, the
 * pre-header included; never the dict free list; tracked at once) with dict_new's keys
 * (3.8/3.9 a fresh 8-slot table, 3.10+ the shared empty keys), then Counter.__init__.
 * The instance `__dict__` is made only when read, which the model refuses: its slot
 * stays NULL, so a Counter holds no reference besides its entries (and its type, which
 * is the library's and pre-existing).
 * Invariants: a Counter stays tracked while it lives (untrack_dicts takes exact dicts
 * only); traversal, clearing and dealloc are dict's (subtype_traverse / subtype_clear /
 * subtype_dealloc find no `__dict__` and no weak references, then run dict's own);
 * dict_dealloc gives it back with tp_free (the free list takes exact dicts only).
 * sys.getsizeof is dict_sizeof over the subclass's basic size plus the GC header and,
 * 3.11+, the two pre-header words (_PySys_GetSizeOf adds _PyType_PreHeaderSize).
 * Models Objects/typeobject.c (type_new's slot layout, PyType_GenericAlloc,
 * subtype_dealloc) and Objects/dictobject.c dict_new, 3.8–3.14; sizes measured with
 * sys.getsizeof on 3.8.18–3.13.0 and Pyodide 3.14.2.
 */

import { newDictSubtypeObject } from './dicts.ts';
import type { HeapCore, ObjectHandle } from './heap-core.ts';

/** The words a Counter's class adds after dict's fields (`__dict__`, `__weakref__`). */
function inlineSlotWords(heap: HeapCore): number {
  const minor = heap.layout.minor;
  return minor < 11 ? 2 : minor === 11 ? 1 : 0;
}

/** The bytes before a Counter's fields: the GC header, and 3.11+ two managed words. */
export function counterPreHeader(heap: HeapCore): number {
  const L = heap.layout;
  return L.gcHeader + (L.minor >= 11 ? 2 * L.pointerSize : 0);
}

/** The Counter class's tp_basicsize. */
function counterBasic(heap: HeapCore): number {
  const L = heap.layout;
  return L.dictBasic + inlineSlotWords(heap) * L.pointerSize;
}

/** `collections.Counter()`'s object: an empty dict subtype instance, tracked. */
export function newCounter(heap: HeapCore): ObjectHandle {
  return newDictSubtypeObject(heap, 'Counter', counterPreHeader(heap) + counterBasic(heap));
}

/** What a Counter's getsizeof adds to a dict's with the same table. */
export function counterExtra(heap: HeapCore): number {
  const L = heap.layout;
  return counterPreHeader(heap) - L.gcHeader + counterBasic(heap) - L.dictBasic;
}
