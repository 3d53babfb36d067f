/**
 * `collections.namedtuple` classes and their instances.
 *
 *   instance  [PyGC_Head][refcnt][type ─► class][ob_size]([ob_hash] 3.14)[item 0]…[item n−1]
 *   class     the heap type namedtuple() made (an opaque `namedtuple_type` here)
 *
 * An instance is a tuple-subclass object: tuple's layout exactly (`__slots__ = ()`: no
 * `__dict__`, no `__weakref__`), so `sys.getsizeof` is a tuple's of the same length
 * (measured on 3.8.18–3.13.0 and Pyodide's 3.14.2: P(1, 2) 56 / 32 bytes as (1, 2)).
 * It is made by PyType_GenericAlloc (tuple_subtype_new, Objects/tupleobject.c): never
 * from the tuple free list, a block of nitems + 1 item slots, the class's count raised,
 * then tracked; it dies through subtype_dealloc → tupledealloc (items last to first,
 * not parked: only exact tuples are) and then drops its class.
 *
 * The class holds what the model needs to vouch for the instances: its name, its field
 * names and the `_fields` tuple. Everything else Lib/collections/__init__.py makes for
 * it (the exec'd `__new__`, the `_tuplegetter` descriptors, its dict, its MRO) is not
 * modelled: the class has no block size the model can vouch for, it is not GC-tracked
 * here, and its count is not CPython's (sys.getsizeof / getrefcount of it are refused
 * by @pymem/python).
 *
 * Invariants: an instance's payload holds exactly `length` items, each a counted
 * reference, and the instance holds one counted reference to its class (kept in
 * {@link namedTupleClassOf}'s table until the instance is freed); the class holds one
 * reference to its `_fields` tuple.
 * Models tuple_subtype_new, subtype_dealloc + tupledealloc (Objects/tupleobject.c,
 * Objects/typeobject.c), 3.8–3.14.
 */
import type { HeapCore, ObjectHandle } from './heap-core.ts';
import { HeapError } from './heap-error.ts';

/** What a namedtuple class records (its payload). */
export interface NamedTupleClassData {
  /** `typename`, as `__name__`. */
  readonly name: string;
  /** The field names in order. */
  readonly fieldNames: readonly string[];
  /** `_fields`: a tuple of the field-name strs (one counted reference). */
  fields: ObjectHandle;
}

/** Each heap's instance → class table. */
const classOf = new WeakMap<HeapCore, Map<ObjectHandle, ObjectHandle>>();

function table(heap: HeapCore): Map<ObjectHandle, ObjectHandle> {
  let map = classOf.get(heap);
  if (map === undefined) {
    map = new Map();
    classOf.set(heap, map);
  }
  return map;
}

/** A new namedtuple class (one external reference); takes over `fields`' reference. */
export function newNamedTupleClass(
  heap: HeapCore,
  name: string,
  fieldNames: readonly string[],
  fields: ObjectHandle,
): ObjectHandle {
  heap.expect(fields, 'tuple');
  // The real class is a heap type of several hundred bytes plus its dict and descriptors;
  // only the address matters to the model (no size of it is ever reported).
  const cls = heap.allocObject('namedtuple_type', heap.objMalloc(heap.layout.tupleBasic));
  heap.adopt(fields);
  const data: NamedTupleClassData = { name, fieldNames: [...fieldNames], fields };
  heap.table.payload[cls] = data;
  return cls;
}

/** The class's record. @throws HeapError('wrong-type') */
export function namedTupleClassData(heap: HeapCore, cls: ObjectHandle): NamedTupleClassData {
  heap.expect(cls, 'namedtuple_type');
  return heap.table.payload[cls] as NamedTupleClassData;
}

/** tuple_subtype_new: a new instance of `cls` holding new references to `items`. */
export function newNamedTuple(
  heap: HeapCore,
  cls: ObjectHandle,
  items: readonly ObjectHandle[],
): ObjectHandle {
  const data = namedTupleClassData(heap, cls);
  if (items.length !== data.fieldNames.length)
    throw new HeapError('index', `${data.name} takes ${data.fieldNames.length} items`);
  for (const item of items) heap.check(item);
  const n = items.length;
  // PyType_GenericAlloc allocates one item slot more than asked.
  const o = heap.allocObject(
    'namedtuple',
    heap.objMalloc(heap.gcRequest(heap.layout.tupleBasic + heap.layout.pointerSize * (n + 1))),
  );
  heap.increment(cls);
  table(heap).set(o, cls);
  heap.track(o);
  for (const item of items) heap.increment(item);
  heap.table.payload[o] = [...items];
  heap.table.length[o] = n;
  return o;
}

/** The class of a namedtuple instance (borrowed). */
export function namedTupleClassOf(heap: HeapCore, o: ObjectHandle): ObjectHandle {
  heap.expect(o, 'namedtuple');
  return table(heap).get(o)!;
}

/** sys.getsizeof of an instance: tuple.__sizeof__ plus the GC header. */
export function namedTupleSizeof(heap: HeapCore, o: ObjectHandle): number {
  const L = heap.layout;
  return L.gcHeader + L.tupleBasic + L.pointerSize * heap.table.length[o]!;
}

/** What an instance refers to, in subtype_traverse order: its class, then its items. */
export function namedTupleReferents(heap: HeapCore, o: ObjectHandle): ObjectHandle[] {
  if (heap.typeName(o) === 'namedtuple_type') {
    const fields = namedTupleClassData(heap, o).fields;
    return fields === 0 ? [] : [fields];
  }
  return [namedTupleClassOf(heap, o), ...heap.items(o)];
}

/** subtype_dealloc of an instance (tupledealloc inside) or the class's release. */
export function deallocNamedTuple(heap: HeapCore, o: ObjectHandle): void {
  if (heap.typeName(o) === 'namedtuple_type') {
    const data = namedTupleClassData(heap, o);
    const fields = data.fields;
    data.fields = 0;
    heap.freeObject(o);
    if (fields !== 0) heap.release(fields);
    return;
  }
  const cls = namedTupleClassOf(heap, o);
  heap.untrack(o);
  const items = heap.items(o);
  heap.table.payload[o] = [];
  for (let i = items.length - 1; i >= 0; i--) heap.release(items[i]!);
  table(heap).delete(o);
  heap.freeObject(o);
  heap.release(cls);
}
