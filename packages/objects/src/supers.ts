/**
 * `super()` objects: what a zero-argument `super()` makes on 3.8–3.11 before
 * LOAD_METHOD finds the method (3.12+ LOAD_SUPER_ATTR makes none).
 *
 *   super   [PyGC_Head][refcnt][type][type][obj][obj_type]              56 (3.8–3.13)
 *
 * PyType_GenericAlloc makes it (GC, tracked); super_init fills `type` (the class of
 * the method's `__class__` cell), `obj` (the method's first argument) and `obj_type`
 * (supercheck: the object's class). Invariant: the payload lists the three referents
 * in super_traverse order (obj, type, obj_type), each one counted reference.
 * Models super_init / super_traverse / super_dealloc (Objects/typeobject.c), 3.8–3.11.
 */
import type { HeapCore, ObjectHandle } from './heap-core.ts';

/** `super(type, obj)` with obj an instance of `objType`: tracked. */
export function newSuper(
  heap: HeapCore,
  type: ObjectHandle,
  obj: ObjectHandle,
  objType: ObjectHandle,
): ObjectHandle {
  for (const r of [type, obj, objType]) heap.check(r);
  const basic = heap.layout.objectHeader + 3 * heap.layout.pointerSize;
  const o = heap.allocObject('super', heap.objMalloc(heap.gcRequest(basic)));
  const referents = [obj, type, objType];
  for (const r of referents) heap.increment(r);
  heap.table.payload[o] = referents;
  heap.track(o);
  return o;
}

/** sys.getsizeof of a super object. */
export function superSizeof(heap: HeapCore): number {
  return heap.layout.gcHeader + heap.layout.objectHeader + 3 * heap.layout.pointerSize;
}

/** What a super object refers to (super_traverse's order; super_dealloc releases obj, type, obj_type). */
export function superReferents(heap: HeapCore, o: ObjectHandle): ObjectHandle[] {
  return [...(heap.table.payload[o] as ObjectHandle[])];
}
