/**
 * The descriptors a class body makes with `@staticmethod`, `@classmethod` and `@property`.
 *
 *   staticmethod / classmethod  [PyGC_Head][refcnt][type][callable][dict]        48
 *   property                    [PyGC_Head][refcnt][type][fget][fset][fdel][doc]
 *                               [name (3.10+)][getter_doc]              72 (3.8/3.9), 80
 *
 * A staticmethod or classmethod holds its callable and, from 3.10, a `__dict__` that
 * sm_init fills by copying the function's `__module__`, `__name__`, `__qualname__`,
 * `__doc__` and `__annotations__` (measured: five keys on 3.10–3.13, none on 3.8/3.9).
 * A property holds its getter, setter and deleter (each may be absent: `@p.setter` makes a
 * new property holding the old one's functions and the setter; doc stays empty here: it
 * is None, which the model does not count) and, from 3.10, the name `__set_name__` gives it.
 * Invariants: the payload lists the referents in tp_traverse order, 0 for an empty field;
 * each non-zero field is one counted reference.
 * Models sm_new / sm_init / sm_dealloc and cm_* (Objects/funcobject.c), property_init,
 * property_set_name and property_dealloc (Objects/descrobject.c), 3.8–3.13; sizes
 * measured with sys.getsizeof on 3.8.18–3.13.0.
 */
import type { HeapCore, ObjectHandle } from './heap-core.ts';
import { HeapError } from './heap-error.ts';

/** The kinds of object this file makes. */
export type MethodWrapperType = 'staticmethod' | 'classmethod' | 'property';

/** `staticmethod(f)` / `classmethod(f)` (tp_alloc, then sm_init): tracked, no dict yet. */
export function newMethodWrapper(
  heap: HeapCore,
  type: 'staticmethod' | 'classmethod',
  callable: ObjectHandle,
): ObjectHandle {
  heap.check(callable);
  const L = heap.layout;
  const o = heap.allocObject(
    type,
    heap.objMalloc(heap.gcRequest(L.objectHeader + 2 * L.pointerSize)),
  );
  heap.increment(callable);
  heap.table.payload[o] = [callable, 0];
  heap.track(o);
  return o;
}

/**
 * `property(fget[, fset[, fdel]])`: tracked, holding its functions (0 for an absent one,
 * as property_init stores NULL for None); the name is set later (3.10+).
 */
export function newProperty(
  heap: HeapCore,
  fget: ObjectHandle,
  fset: ObjectHandle = 0,
  fdel: ObjectHandle = 0,
): ObjectHandle {
  for (const f of [fget, fset, fdel]) if (f !== 0) heap.check(f);
  const o = heap.allocObject('property', heap.objMalloc(heap.gcRequest(propertyBasic(heap))));
  for (const f of [fget, fset, fdel]) if (f !== 0) heap.increment(f);
  heap.table.payload[o] = [fget, fset, fdel, 0, 0];
  heap.track(o);
  return o;
}

/** A property's `fget`, `fset` and `fdel` (borrowed; 0 for an absent one). */
export function propertyFunctions(
  heap: HeapCore,
  o: ObjectHandle,
): readonly [ObjectHandle, ObjectHandle, ObjectHandle] {
  if (heap.typeName(o) !== 'property')
    throw new HeapError('wrong-type', `expected a property, got ${heap.typeName(o)}`);
  const f = fields(heap, o);
  return [f[0]!, f[1]!, f[2]!];
}

/** `sizeof(propertyobject)` without the GC header: four or five pointers and an int. */
export function propertyBasic(heap: HeapCore): number {
  const { minor, pointerSize: w, objectHeader } = heap.layout;
  return objectHeader + (minor >= 10 ? 5 : 4) * w + w;
}

/** sys.getsizeof of one of these objects. */
export function methodWrapperSizeof(heap: HeapCore, o: ObjectHandle): number {
  const L = heap.layout;
  if (heap.typeName(o) === 'property') return L.gcHeader + propertyBasic(heap);
  return L.gcHeader + L.objectHeader + 2 * L.pointerSize;
}

/** The fields, tp_traverse order (callable, dict / fget, fset, fdel, doc, name), 0 for none. */
function fields(heap: HeapCore, o: ObjectHandle): ObjectHandle[] {
  const type = heap.typeName(o);
  if (type !== 'staticmethod' && type !== 'classmethod' && type !== 'property')
    throw new HeapError(
      'wrong-type',
      `expected a staticmethod, classmethod or property, got ${type}`,
    );
  return heap.table.payload[o] as ObjectHandle[];
}

/** What the object refers to, in tp_traverse order. */
export function methodWrapperReferents(heap: HeapCore, o: ObjectHandle): ObjectHandle[] {
  return fields(heap, o).filter((r) => r !== 0);
}

/** The wrapped callable (a staticmethod's or classmethod's `__func__`, a property's fget). */
export function wrappedCallable(heap: HeapCore, o: ObjectHandle): ObjectHandle {
  return fields(heap, o)[0]!;
}

/**
 * Stores a staticmethod's or classmethod's `__dict__` (made by the caller) or a
 * property's name; takes over the reference.
 */
export function setMethodWrapperField(heap: HeapCore, o: ObjectHandle, value: ObjectHandle): void {
  const f = fields(heap, o);
  const at = heap.typeName(o) === 'property' ? 4 : 1;
  if (f[at] !== 0) throw new HeapError('unsupported', 'the field is already set');
  heap.adopt(value);
  f[at] = value;
}

/** tp_clear: sm_clear / cm_clear drop the callable and dict; property_clear only the doc. */
export function clearMethodWrapper(heap: HeapCore, o: ObjectHandle): void {
  const f = fields(heap, o);
  const at = heap.typeName(o) === 'property' ? [3] : [0, 1];
  const drop = at.map((i) => f[i]!).filter((r) => r !== 0);
  for (const i of at) f[i] = 0;
  for (const r of drop) heap.release(r);
}
