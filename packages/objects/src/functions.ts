/**
 * Functions and closure cells.
 *
 *   function block ─► [PyGC_Head][PyFunctionObject: code, globals, builtins (3.10+),
 *                      name, qualname, defaults, kwdefaults, closure, doc, dict, …]
 *                      136 bytes on 3.8/3.9, 144 on 3.10, 152 on 3.11, 160 on
 *                      3.12/3.13 (request = getsizeof); 168 on 3.14 (source: func_annotate)
 *   cell block     ─► [PyGC_Head][refcnt][type][ob_ref]                    40 bytes
 *   method block   ─► [PyGC_Head][refcnt][type][im_func][im_self][im_weakreflist]
 *                      [vectorcall]                                        64 bytes
 *                      (3.8: parked on a 256-entry free list; none from 3.9)
 *
 * `def` / `lambda` (MAKE_FUNCTION) makes a function whose code, globals, name and
 * qualname are pre-existing objects (code constants, the module's dict, interned
 * strs): the model counts only the references to what it models — the defaults tuple
 * and the closure tuple of cells. A closure over `x` is: a cell (made when the outer
 * frame starts: MAKE_CELL 3.11+, frame setup before), x stored in it, a tuple of the
 * cells (BUILD_TUPLE), then the function.
 * Invariants: a function's referents are its defaults, its keyword-only defaults, its
 * `__dict__`, its closure, then its annotations (func_traverse and func_clear order among the modelled fields); a cell holds 0 or one counted reference.
 * Models PyFunction_NewWithQualName, func_dealloc, func_traverse and func_clear
 * (Objects/funcobject.c), PyCell_New, cell_dealloc and cell_traverse
 * (Objects/cellobject.c), PyMethod_New and method_dealloc (Objects/classobject.c), 3.8–3.14; measured on 3.8.18–3.13.0 (request sizes by
 * tracemalloc, getsizeof, is_tracked, getrefcount).
 */
import { dictSetItem, newDict } from './dicts.ts';
import type { HeapCore, ObjectHandle } from './heap-core.ts';

/** What a function refers to, among the modelled objects. */
export interface FunctionData {
  /** `__defaults__` (a tuple) or 0. */
  defaults: ObjectHandle;
  /** `__kwdefaults__` (a dict) or 0. */
  kwdefaults?: ObjectHandle;
  /** `__closure__` (a tuple of cells) or 0. */
  closure: ObjectHandle;
  /**
   * `__annotations__` or 0: a dict (3.8/3.9 as made; an empty one made when first read),
   * or 3.10–3.13 the (name, value, …) tuple MAKE_FUNCTION took, turned into a dict when
   * first read (func_get_annotation_dict).
   */
  annotations?: ObjectHandle;
  /** `__dict__` (func_dict: made when first read or set) or 0. */
  dict?: ObjectHandle;
}

/** Options of {@link newFunction}: new references are taken to both. */
export interface FunctionOptions {
  /** The defaults tuple. */
  readonly defaults?: ObjectHandle;
  /** The keyword-only defaults dict. */
  readonly kwdefaults?: ObjectHandle;
  /** The closure tuple (of cells). */
  readonly closure?: ObjectHandle;
  /** The annotations: a dict (3.8/3.9) or a tuple of name/value pairs (3.10–3.13). */
  readonly annotations?: ObjectHandle;
}

/** `sizeof(PyFunctionObject)` without the GC header, per version (64-bit measured; 3.14 source). */
export function functionBasic(heap: HeapCore): number {
  const { minor, pointerSize: w } = heap.layout;
  const words = minor < 10 ? 15 : minor === 10 ? 16 : minor === 11 ? 17 : minor < 14 ? 18 : 19;
  return words * w;
}

/** The data of a function. */
export function functionData(heap: HeapCore, f: ObjectHandle): FunctionData {
  return heap.table.payload[f] as FunctionData;
}

/** MAKE_FUNCTION: a new function (tracked) holding new references to its defaults, kwdefaults and closure. */
export function newFunction(heap: HeapCore, options: FunctionOptions = {}): ObjectHandle {
  const defaults = options.defaults ?? 0;
  const closure = options.closure ?? 0;
  const kwdefaults = options.kwdefaults ?? 0;
  const annotations = options.annotations ?? 0;
  if (annotations !== 0) heap.expect(annotations, heap.layout.minor < 10 ? 'dict' : 'tuple');
  if (defaults !== 0) heap.expect(defaults, 'tuple');
  if (kwdefaults !== 0) heap.expect(kwdefaults, 'dict');
  if (closure !== 0) heap.expect(closure, 'tuple');
  const f = heap.allocObject('function', heap.objMalloc(heap.gcRequest(functionBasic(heap))));
  if (defaults !== 0) heap.increment(defaults);
  if (kwdefaults !== 0) heap.increment(kwdefaults);
  if (closure !== 0) heap.increment(closure);
  if (annotations !== 0) heap.increment(annotations);
  const data: FunctionData =
    kwdefaults === 0 ? { defaults, closure } : { defaults, kwdefaults, closure };
  if (annotations !== 0) data.annotations = annotations;
  heap.table.payload[f] = data;
  heap.track(f);
  return f;
}

/** `PyCell_New(contents)` (0: empty), tracked. */
export function newCell(heap: HeapCore, contents = 0): ObjectHandle {
  if (contents !== 0) heap.check(contents);
  const L = heap.layout;
  const c = heap.allocObject(
    'cell',
    heap.objMalloc(heap.gcRequest(L.objectHeader + L.pointerSize)),
  );
  if (contents !== 0) heap.increment(contents);
  heap.table.payload[c] = contents;
  heap.track(c);
  return c;
}

/** STORE_DEREF / `PyCell_Set`: the old contents are released after the new are stored. */
export function cellSet(heap: HeapCore, c: ObjectHandle, contents: ObjectHandle): void {
  heap.expect(c, 'cell');
  if (contents !== 0) {
    heap.check(contents);
    heap.increment(contents);
  }
  const old = heap.table.payload[c] as ObjectHandle;
  heap.table.payload[c] = contents;
  if (old !== 0) heap.release(old);
}

/**
 * `f.__annotations__` (func_get_annotations, 3.8–3.13); borrowed. Without annotations
 * an empty dict is made on the first read and kept by the function; 3.10+ turn the
 * tuple MAKE_FUNCTION took into a dict (PyDict_New, then each pair set in order) and
 * release the tuple.
 */
export function functionAnnotations(heap: HeapCore, f: ObjectHandle): ObjectHandle {
  heap.expect(f, 'function');
  const data = functionData(heap, f);
  if (data.annotations === undefined || data.annotations === 0) {
    data.annotations = newDict(heap);
    heap.adopt(data.annotations);
  } else if (heap.typeName(data.annotations) === 'tuple') {
    const pairs = data.annotations;
    const d = newDict(heap);
    const items = heap.items(pairs);
    for (let i = 0; i + 1 < items.length; i += 2) dictSetItem(heap, d, items[i]!, items[i + 1]!);
    heap.adopt(d);
    data.annotations = d;
    heap.release(pairs);
  }
  return data.annotations;
}

/**
 * `f.__annotations__ = a` for a dict `a` (borrowed): the function takes a new reference,
 * then releases the dict it held (func_set_annotations, 3.8–3.13).
 */
export function setFunctionAnnotations(heap: HeapCore, f: ObjectHandle, a: ObjectHandle): void {
  heap.expect(f, 'function');
  heap.expect(a, 'dict');
  const data = functionData(heap, f);
  heap.increment(a);
  const old = data.annotations ?? 0;
  data.annotations = a;
  if (old !== 0) heap.release(old);
}

/**
 * `f.__dict__`: the function's attribute dict, an empty one made by the first read
 * (PyObject_GenericGetDict: PyDict_New) and kept by the function; borrowed. With
 * `create` false, 0 when it has none.
 */
export function functionDict(heap: HeapCore, f: ObjectHandle, create = true): ObjectHandle {
  heap.expect(f, 'function');
  const data = functionData(heap, f);
  if ((data.dict === undefined || data.dict === 0) && create) {
    data.dict = newDict(heap);
    heap.adopt(data.dict);
  }
  return data.dict ?? 0;
}

/** The objects a function or cell refers to, in tp_traverse order. */
export function functionOrCellReferents(heap: HeapCore, o: ObjectHandle): ObjectHandle[] {
  // method_traverse: im_func, im_self.
  if (heap.typeName(o) === 'method') return [...(heap.table.payload[o] as ObjectHandle[])];
  if (heap.typeName(o) === 'cell') {
    const contents = heap.table.payload[o] as ObjectHandle;
    return contents === 0 ? [] : [contents];
  }
  const { defaults, kwdefaults = 0, dict = 0, closure, annotations = 0 } = functionData(heap, o);
  return [defaults, kwdefaults, dict, closure, annotations].filter((r) => r !== 0);
}

/** tp_clear of a function (func_clear) or cell (cell_clear): its references dropped. */
export function clearFunctionOrCell(heap: HeapCore, o: ObjectHandle): void {
  const drop = functionOrCellReferents(heap, o);
  if (heap.typeName(o) === 'cell') heap.table.payload[o] = 0;
  else heap.table.payload[o] = { defaults: 0, closure: 0 } satisfies FunctionData;
  for (const r of drop) heap.release(r);
}

/** `obj.meth` — PyMethod_New(func, self): from the 3.8 free list when it has one; tracked. */
export function newBoundMethod(
  heap: HeapCore,
  func: ObjectHandle,
  self: ObjectHandle,
): ObjectHandle {
  heap.check(func);
  heap.check(self);
  const parked = heap.freeLists.method.pop();
  const L = heap.layout;
  const m = parked
    ? heap.revive(parked)
    : heap.allocObject(
        'method',
        heap.objMalloc(heap.gcRequest(L.objectHeader + 4 * L.pointerSize)),
      );
  heap.increment(func);
  heap.increment(self);
  heap.table.payload[m] = [func, self];
  heap.track(m);
  return m;
}
