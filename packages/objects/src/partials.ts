/**
 * `functools.partial` objects.
 *
 *   partial  [PyGC_Head][refcnt][type][fn][args][kw][dict][weakreflist][vectorcall]
 *            (+ phcount, placeholder 3.14)                       80 (3.8–3.13)
 *
 * partial(f, *args) (partial_new): the object is allocated and tracked first, then
 * takes a reference to `f`, then `args` — a new tuple sliced from the call's argument
 * tuple, or the shared `()` when there are none — then `kw`: the keywords dict of the
 * call itself when it had keywords (its only holder, so partial_new keeps it), else a
 * new empty dict.
 * `__dict__` stays empty until an attribute is set (not modelled: never set here).
 * Invariants: the payload lists fn, args, kw, dict in tp_traverse order, 0 for an empty
 * field; each non-zero field is one counted reference.
 * Models partial_new / partial_traverse / partial_clear / partial_dealloc
 * (Modules/_functoolsmodule.c), 3.8–3.14; sizes measured with sys.getsizeof on
 * 3.8.18–3.13.0 and Pyodide's 3.14.2.
 */

import { newDict } from './dicts.ts';
import type { HeapCore, ObjectHandle } from './heap-core.ts';
import { HeapError } from './heap-error.ts';
import { newTuple } from './tuples.ts';

/** `sizeof(partialobject)` without the GC header. */
function partialBasic(heap: HeapCore): number {
  const { minor, pointerSize: w, objectHeader } = heap.layout;
  return objectHeader + (minor >= 14 ? 8 : 6) * w;
}

/**
 * partial(fn, *args, **kw): tracked, holding fn, args and `kw` — the call's keywords
 * dict itself (partial_new takes the dict type_call got when nothing else holds it),
 * or a new empty dict when `kw` is 0.
 */
export function newPartial(
  heap: HeapCore,
  fn: ObjectHandle,
  args: readonly ObjectHandle[],
  kw: ObjectHandle = 0,
): ObjectHandle {
  heap.check(fn);
  const o = heap.allocObject('partial', heap.objMalloc(heap.gcRequest(partialBasic(heap))));
  heap.track(o);
  heap.increment(fn);
  const fields: ObjectHandle[] = [fn, 0, 0, 0];
  heap.table.payload[o] = fields;
  const tuple = newTuple(heap, args);
  heap.adopt(tuple);
  fields[1] = tuple;
  if (kw !== 0) {
    heap.expect(kw, 'dict');
    heap.increment(kw);
    fields[2] = kw;
  } else {
    const empty = newDict(heap);
    heap.adopt(empty);
    fields[2] = empty;
  }
  return o;
}

/** sys.getsizeof of a partial. */
export function partialSizeof(heap: HeapCore): number {
  return heap.layout.gcHeader + partialBasic(heap);
}

/** The fields fn, args, kw, dict (0 for none). */
function fields(heap: HeapCore, o: ObjectHandle): ObjectHandle[] {
  if (heap.typeName(o) !== 'partial')
    throw new HeapError('wrong-type', `expected a partial, got ${heap.typeName(o)}`);
  return heap.table.payload[o] as ObjectHandle[];
}

/** What the partial refers to, in tp_traverse (and tp_dealloc) order: fn, args, kw, dict. */
export function partialReferents(heap: HeapCore, o: ObjectHandle): ObjectHandle[] {
  return fields(heap, o).filter((r) => r !== 0);
}

/** partial_clear (tp_clear): the fields emptied, then released in order. */
export function clearPartial(heap: HeapCore, o: ObjectHandle): void {
  const f = fields(heap, o);
  const drop = f.filter((r) => r !== 0);
  f.fill(0);
  for (const r of drop) heap.release(r);
}
