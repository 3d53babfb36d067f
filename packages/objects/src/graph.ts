/**
 * The heap as a graph, for a cycle collector: what `Python/gc.c` reads from objects
 * (tp_traverse, ob_refcnt, the tracked flag, tp_finalize) and the one thing it does to
 * them (tp_clear), so that clearing a cycle frees it through the ordinary decref path.
 *
 *   collector ──traverse(h, visit)──► referents in tp_traverse order
 *             ──refcount(h)─────────► ob_refcnt (gc_refs start here)
 *             ──clear(h)────────────► tp_clear: references dropped, decrefs cascade
 *
 * tp_clear per type, applied by {@link clearObject}:
 *   list      items dropped last to first, then the item array freed      (_list_clear)
 *   dict      the empty keys installed, then entry by entry key, value;
 *             the keys table freed or cached (PyDict_Clear); a split dict: its values,
 *             then its values array
 *   set       keys dropped slot by slot, then a large table freed   (set_clear_internal)
 *   instance  slots in order, then the 3.8–3.10 `__dict__` reference, or the 3.11+
 *             values in key order; the values area itself stays      (subtype_clear)
 *   function  defaults, then closure dropped                          (func_clear)
 *   cell      its contents dropped                                   (cell_clear)
 *   weakref   unlinked from its target, its callback dropped          (gc_clear)
 *   frame     the slots it owns dropped in order                 (frame_tp_clear)
 *   exception args, traceback, cause, context dropped          (BaseException_clear)
 *   traceback tb_next, then tb_frame dropped                            (tb_clear)
 *   type      a mortal class: its dict cleared, then its mro dropped   (type_clear)
 *   tuple, descriptors, scalars, generators: no tp_clear (nothing happens)
 *
 * Invariant: after clear(h), traverse(h) visits nothing but an instance's class. The
 * caller must hold a reference to `h` across clear (gc.c increfs around tp_clear), or
 * `h` may be freed by the cascade.
 * Models list_clear, dict_tp_clear, set_clear, subtype_clear, weakref gc_clear
 * (Objects/*.c, 3.8–3.14).
 * The decref orders come from the sources; the collector's observable results (which
 * objects die, counts) are what tests compare with real interpreters.
 */

import { clearDefaultFactory } from './default-dicts.ts';
import { dequeClear } from './deques.ts';
import { dictData, freeKeysBlock, releaseSharedKeys } from './dicts.ts';
import { clearException } from './exceptions.ts';
import { clearFrameObject } from './frames.ts';
import { clearFunctionOrCell } from './functions.ts';
import type { HeapCore, ObjectHandle } from './heap-core.ts';
import { HeapError } from './heap-error.ts';
import { clearHeapType } from './heap-types.ts';
import { instanceData } from './instances.ts';
import { clearLruCache } from './lru-caches.ts';
import { clearMethodWrapper } from './method-wrappers.ts';
import { clearODictNodes } from './ordered-dicts.ts';
import { clearPartial } from './partials.ts';
import { SetTable } from './set-table.ts';
import { setData } from './sets.ts';
import { clearWeakref } from './weakrefs.ts';

/** The read and clear operations a cycle collector needs; `Heap` implements it. */
export interface HeapGraph {
  /** Calls `visit` on each object `o` references, in its tp_traverse order. */
  traverse(o: ObjectHandle, visit: (referent: ObjectHandle) => void): void;
  /** `ob_refcnt` of a live object (an immortal one: the profile's immortal count). */
  refcount(o: ObjectHandle): number;
  /** `gc.is_tracked(o)`. */
  isTracked(o: ObjectHandle): boolean;
  /** `type(o).__name__` (a class's name for its instances). */
  typeNameOf(o: ObjectHandle): string;
  /** True for an instance of a class that defines `__del__` (a `tp_finalize`). */
  hasFinalizer(o: ObjectHandle): boolean;
  /** tp_clear; see graph.ts. Hold a reference to `o` across the call. */
  clear(o: ObjectHandle): void;
  /** The weakrefs to `o` (basic ref first); empty when none. */
  weakrefsTo(o: ObjectHandle): readonly ObjectHandle[];
  /** Calls `fn` on every live GC-tracked object, in handle order. */
  forEachTracked(fn: (o: ObjectHandle) => void): void;
}

/** dict_tp_clear (PyDict_Clear): the empty keys installed, then the old entries released. */
export function clearDict(heap: HeapCore, o: ObjectHandle): void {
  const t = heap.table;
  const data = dictData(heap, o);
  const old = { ...data, entries: [...data.entries.values()] };
  const values = t.storage[o]!;
  data.entries.clear();
  data.log2Size = 0;
  data.usable = 0;
  data.nentries = 0;
  data.unicode = true;
  data.keysAddress = 0;
  // PyDict_Clear installs the empty (combined) keys: a split dict stops sharing.
  delete data.sharedBy;
  delete data.sharedKeys;
  t.storage[o] = 0;
  for (const [k, v] of old.entries) {
    if (old.sharedBy === undefined) heap.release(k);
    heap.release(v);
  }
  if (values !== 0) heap.memCall('free', values, 0);
  if (old.sharedKeys !== undefined) releaseSharedKeys(heap, old.sharedKeys);
  freeKeysBlock(heap, old.keysAddress, old.log2Size, old.unicode);
}

/** tp_clear of `o` (see the module comment). */
export function clearObject(heap: HeapCore, o: ObjectHandle): void {
  heap.check(o);
  const t = heap.table;
  switch (heap.typeName(o)) {
    case 'list': {
      const items = heap.items(o);
      const storage = t.storage[o]!;
      t.length[o] = 0;
      t.allocated[o] = 0;
      t.storage[o] = 0;
      // Each item leaves the array before its reference is released (no new array).
      for (let i = items.length - 1; i >= 0; i--) heap.release(items.pop()!);
      if (storage !== 0) heap.memCall('free', storage, 0);
      return;
    }
    case 'dict':
    case 'Counter':
      // A Counter: subtype_clear finds no __dict__, then dict_tp_clear.
      clearDict(heap, o);
      return;
    case 'OrderedDict':
      // odict_tp_clear: PyDict_Clear, then the nodes (no od_inst_dict is modelled).
      clearDict(heap, o);
      clearODictNodes(heap, o);
      return;
    case 'defaultdict':
      // defdict_tp_clear: the factory first, then dict_tp_clear.
      clearDefaultFactory(heap, o);
      clearDict(heap, o);
      return;
    case 'set':
    case 'frozenset': {
      const data = setData(heap, o);
      const keys = data.table.activeKeys();
      const storage = t.storage[o]!;
      t.payload[o] = {
        table: new SetTable(heap.layout.pointerSize, heap.layout.minor),
        entries: new Map(),
      };
      t.storage[o] = 0;
      for (const k of keys) heap.release(k);
      if (storage !== 0) heap.memCall('free', storage, 0);
      return;
    }
    case 'instance': {
      const data = instanceData(heap, o);
      const drop: ObjectHandle[] = data.slots.filter((s) => s !== 0);
      data.slots.fill(0);
      if (data.dict !== 0) drop.push(data.dict);
      data.dict = 0;
      drop.push(...data.values.values());
      data.values.clear();
      for (const r of drop) heap.release(r);
      return;
    }
    case 'function':
    case 'cell':
      clearFunctionOrCell(heap, o);
      return;
    case 'staticmethod':
    case 'classmethod':
    case 'property':
      clearMethodWrapper(heap, o);
      return;
    case 'deque':
      // tp_clear is deque_clear.
      dequeClear(heap, o);
      return;
    case 'partial':
      clearPartial(heap, o);
      return;
    case 'itemgetter':
    case 'attrgetter':
      // 3.8/3.9's static types have no tp_clear; the heap types of 3.10+ may.
      throw new HeapError('unsupported', 'a garbage cycle through an operator getter');
    case '_lru_cache_wrapper':
      clearLruCache(heap, o);
      return;
    case 'frame':
      clearFrameObject(heap, o);
      return;
    case 'exception':
    case 'traceback':
      for (const r of clearException(heap, o)) heap.release(r);
      return;
    case 'type':
      // type_clear (a mortal class): its dict emptied as PyDict_Clear does, tp_mro dropped.
      clearHeapType(heap, o, (d) => clearObject(heap, d));
      return;
    case 'weakref':
      // gc_clear → clear_weakref: unlinked from its target, callback dropped.
      clearWeakref(heap, o);
      return;
    default:
      return;
  }
}

/**
 * The objects reachable from `roots` (included) through `heap.referents`: what must
 * survive any collection while the caller holds `roots`.
 */
export function reachableFrom(
  heap: { referents(o: ObjectHandle): readonly ObjectHandle[] },
  roots: Iterable<ObjectHandle>,
): Set<ObjectHandle> {
  const seen = new Set<ObjectHandle>(roots);
  const stack = [...seen];
  for (let o = stack.pop(); o !== undefined; o = stack.pop()) {
    for (const r of heap.referents(o)) {
      if (!seen.has(r)) {
        seen.add(r);
        stack.push(r);
      }
    }
  }
  return seen;
}
