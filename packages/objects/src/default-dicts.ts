/**
 * `collections.defaultdict` objects: a dict subtype with one more field.
 *
 *   defaultdict  [PyGC_Head][refcnt][type][ma_used][ma_version_tag][ma_keys][ma_values]
 *                [default_factory]        dict's basic size + one pointer, 8-aligned
 *
 * defaultdict(factory) goes through the type call: dict_new allocates with tp_alloc
 * (PyType_GenericAlloc: never the dict free list, tracked at once — dict_new untracks
 * exact dicts only) with dict_new's keys (3.8/3.9 a fresh 8-slot table, 3.10+ the
 * shared empty keys), then defdict_init stores a reference to the factory.
 * The factory lives in the dict payload (DictData.defaultFactory, 0 for None or a
 * built-in type, whose name is DictData.factoryType and whose count the model does
 * not keep: types are pre-existing).
 * Invariants: a defaultdict stays tracked while it lives (the collector's untrack_dicts
 * only looks at exact dicts); a non-zero factory is one counted reference; traversal
 * (defdict_traverse) visits the factory before the dict's keys and values; dealloc
 * (defdict_dealloc) untracks, clears the factory, then runs dict_dealloc, which frees
 * the object with tp_free (the dict free list takes exact dicts only).
 * Models defdict_init, defdict_traverse, defdict_tp_clear, defdict_dealloc
 * (Modules/_collectionsmodule.c) and dict_new (Objects/dictobject.c), 3.8–3.14;
 * sizes measured with sys.getsizeof on 3.8.18–3.13.0.
 */

import { dictData, newDictSubtypeObject } from './dicts.ts';
import type { HeapCore, ObjectHandle } from './heap-core.ts';

/**
 * `sizeof(defdictobject)` without the GC header: the dict's basic size and the factory,
 * rounded to the struct's 8-byte alignment (its 64-bit version tag): 48 bytes on
 * wasm32 (measured on Pyodide 3.14.2), where the dict is 40.
 */
function defaultDictBasic(heap: HeapCore): number {
  const { dictBasic, pointerSize } = heap.layout;
  return Math.ceil((dictBasic + pointerSize) / 8) * 8;
}

/**
 * `collections.defaultdict(factory)`: `factory` an object of the program (a counted
 * reference is taken), or 0 with `factoryType` the built-in type's name (null: None).
 */
export function newDefaultDict(
  heap: HeapCore,
  factory: ObjectHandle,
  factoryType: string | null,
): ObjectHandle {
  if (factory !== 0) heap.check(factory);
  const h = newDictSubtypeObject(heap, 'defaultdict', heap.gcRequest(defaultDictBasic(heap)));
  if (factory !== 0) heap.increment(factory);
  const data = dictData(heap, h);
  data.defaultFactory = factory;
  if (factoryType !== null) data.factoryType = factoryType;
  return h;
}

/** What a defaultdict's getsizeof adds to a dict's: its larger basic size. */
export function defaultDictExtra(heap: HeapCore): number {
  return defaultDictBasic(heap) - heap.layout.dictBasic;
}

/** The factory a defaultdict holds (0: None or a built-in type). */
export function defaultFactory(heap: HeapCore, d: ObjectHandle): ObjectHandle {
  return dictData(heap, d).defaultFactory ?? 0;
}

/** The built-in type a defaultdict's factory is (`'list'`, …), null for None or an object. */
export function defaultFactoryType(heap: HeapCore, d: ObjectHandle): string | null {
  return dictData(heap, d).factoryType ?? null;
}

/** defdict_tp_clear's first step (and defdict_dealloc's): the factory becomes None. */
export function clearDefaultFactory(heap: HeapCore, d: ObjectHandle): void {
  const data = dictData(heap, d);
  const factory = data.defaultFactory ?? 0;
  data.defaultFactory = 0;
  delete data.factoryType;
  if (factory !== 0) heap.release(factory);
}
