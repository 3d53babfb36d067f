/**
 * `operator.itemgetter` and `operator.attrgetter` objects.
 *
 *   itemgetter  [PyGC_Head][refcnt][type][nitems][item][index](+ vectorcall 3.11+)
 *   attrgetter  [PyGC_Head][refcnt][type][nattrs][attr](+ vectorcall 3.11+)
 *
 * itemgetter(k) holds k itself; itemgetter(a, b, …) holds the call's argument tuple
 * (itemgetter_new keeps `args`). attrgetter(*names) holds a new tuple of the names
 * (made before the object; each name interned in place: a program's constants are).
 * Both are allocated, then tracked (PyObject_GC_New … PyObject_GC_Track).
 * Invariant: the payload is the one held reference (item, or the names' tuple).
 * Models itemgetter_new / attrgetter_new / *_dealloc (Modules/_operator.c), 3.8–3.14;
 * sizes measured with sys.getsizeof on 3.8.18–3.13.0 and Pyodide's 3.14.2 (itemgetter
 * 56 / 64 bytes before / from 3.11, attrgetter 48 / 56; 32 and 28 on wasm32).
 */
import type { HeapCore, ObjectHandle } from './heap-core.ts';
import { HeapError } from './heap-error.ts';
import { newTuple } from './tuples.ts';

/** The two getter types. */
export type GetterType = 'itemgetter' | 'attrgetter';

/** `sizeof` of the getter's struct, without the GC header. */
function getterBasic(heap: HeapCore, type: GetterType): number {
  const { minor, pointerSize: w, objectHeader } = heap.layout;
  const fields = (type === 'itemgetter' ? 3 : 2) + (minor >= 11 ? 1 : 0);
  return objectHeader + fields * w;
}

/** sys.getsizeof of a getter. */
export function getterSizeof(heap: HeapCore, o: ObjectHandle): number {
  return heap.layout.gcHeader + getterBasic(heap, heap.typeName(o) as GetterType);
}

/**
 * itemgetter_new(args): `args` is the call's argument tuple (borrowed); one item is
 * held itself, several by the tuple. A new reference.
 */
export function newItemgetter(heap: HeapCore, args: ObjectHandle): ObjectHandle {
  heap.expect(args, 'tuple');
  const items = heap.items(args);
  if (items.length === 0)
    throw new HeapError('invalid-argument', 'itemgetter expected 1 argument, got 0');
  const held = items.length === 1 ? items[0]! : args;
  const o = heap.allocObject(
    'itemgetter',
    heap.objMalloc(heap.gcRequest(getterBasic(heap, 'itemgetter'))),
  );
  heap.increment(held);
  heap.table.payload[o] = held;
  heap.table.length[o] = items.length;
  heap.track(o);
  return o;
}

/**
 * attrgetter_new(names): the tuple of the names first, then the object holding it.
 * A new reference.
 */
export function newAttrgetter(heap: HeapCore, names: readonly ObjectHandle[]): ObjectHandle {
  if (names.length === 0)
    throw new HeapError('invalid-argument', 'attrgetter expected 1 argument, got 0');
  for (const n of names) heap.expect(n, 'str');
  const tuple = newTuple(heap, names);
  heap.adopt(tuple);
  const o = heap.allocObject(
    'attrgetter',
    heap.objMalloc(heap.gcRequest(getterBasic(heap, 'attrgetter'))),
  );
  heap.table.payload[o] = tuple;
  heap.table.length[o] = names.length;
  heap.track(o);
  return o;
}

/** What the getter holds: its item, or the items' or names' tuple. */
export function getterReferents(heap: HeapCore, o: ObjectHandle): ObjectHandle[] {
  return [heap.table.payload[o] as ObjectHandle];
}

/** The getter's items (itemgetter) or names (attrgetter), in order. */
export function getterKeys(heap: HeapCore, o: ObjectHandle): ObjectHandle[] {
  const held = heap.table.payload[o] as ObjectHandle;
  if (heap.typeName(o) === 'itemgetter' && heap.table.length[o] === 1) return [held];
  return [...heap.items(held)];
}

/** *_dealloc: untracked, its reference released, then freed. */
export function deallocGetter(heap: HeapCore, o: ObjectHandle): void {
  heap.untrack(o);
  const held = heap.table.payload[o] as ObjectHandle;
  heap.table.payload[o] = 0;
  heap.release(held);
  heap.freeObject(o);
}
