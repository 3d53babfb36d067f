/**
 * Deallocation and the trashcan.
 *
 * When a count reaches zero, `dealloc` runs the type's tp_dealloc: scalars are parked
 * or freed at once; containers release their references in CPython's order (list and
 * tuple items last to first; dict entries first to last, key then value; set keys
 * slot by slot) inside the trashcan (constants.ts TrashcanRule: 50 levels on
 * 3.8–3.12, the C recursion budget on 3.13): containers nested deeper are deferred to
 * a LIFO list drained on the way back up.
 *
 *   deallocStack:  [frame(outer) next=3/5] [frame(inner) next=0/2] [drain] …
 *                   each frame releases children[next++] until done, then finishes
 *                   its object (free the storage; park or free the object)
 *
 * Deallocation runs on this explicit stack, so any depth frees with a flat JS stack.
 * Invariants: `trashNesting` = container frames on the stack (+ drainRaise per drain
 * frame); `deallocating` ⇔ runDeallocStack is on the JS stack.
 * Models _Py_Dealloc (Objects/object.c), Py_TRASHCAN_BEGIN/END and
 * _PyTrash_thread_destroy_chain (Include/cpython/object.h, Objects/object.c), and the
 * tp_dealloc of each modelled type, 3.8–3.14.
 */

import { deallocDeque, deallocDequeIterator } from './deques.ts';
import { deallocDictView } from './dict-views.ts';
import { dictData, finishDict } from './dicts.ts';
import { clearException, exceptionData, releaseExceptionClass } from './exceptions.ts';
import { finishFrameObject, frameDeallocOrder } from './frames.ts';
import { deallocFunctionIterator } from './function-iterators.ts';
import { functionOrCellReferents } from './functions.ts';
import { generatorDeallocOrder } from './generators.ts';
import type { HeapCore, ObjectHandle } from './heap-core.ts';
import { HeapError } from './heap-error.ts';
import { deallocHeapType, isMortalClass } from './heap-types.ts';
import {
  classData,
  finishInstance,
  instanceData,
  instanceReferents,
  prepareInstanceDealloc,
} from './instances.ts';
import { Flag } from './internal/table.ts';
import { forgetInterned } from './interned.ts';
import { iteratorReferents } from './iterators.ts';
import { deallocAccumulate } from './itertools-accumulate.ts';
import { combinationsReferents, freeCombinationsIndices } from './itertools-combinations.ts';
import { itertoolsReferents } from './itertools-objects.ts';
import { deallocPermutations } from './itertools-permutations.ts';
import { deallocProduct } from './itertools-product.ts';
import { deallocStarmap } from './itertools-starmap.ts';
import { deallocTakewhile } from './itertools-takewhile.ts';
import { deallocZipLongest } from './itertools-zip-longest.ts';
import { finishList } from './lists.ts';
import { deallocLru } from './lru-caches.ts';
import { methodWrapperReferents } from './method-wrappers.ts';
import { deallocNamedTuple } from './namedtuples.ts';
import { deallocGetter } from './operator-getters.ts';
import { clearODictNodes, deallocODictIterator } from './ordered-dicts.ts';
import { deallocPacked } from './packed-iterators.ts';
import { partialReferents } from './partials.ts';
import { finishSet, setData } from './sets.ts';
import { superReferents } from './supers.ts';
import { finishTuple } from './tuples.ts';
import { TYPE_CODE } from './types.ts';
import { clearWeakref, clearWeakrefsTo } from './weakrefs.ts';

/** _Py_Dealloc → tp_dealloc of `o`, whose count just reached zero. */
export function dealloc(heap: HeapCore, o: ObjectHandle): void {
  const t = heap.table;
  const fl = heap.freeLists;
  if (heap.finalizeHook !== null && heap.typeName(o) === 'instance') {
    // subtype_dealloc → PyObject_CallFinalizerFromDealloc: `__del__` runs with the count
    // at 1; a count left above 0 would be a resurrection (not modelled).
    const c = classData(heap, instanceData(heap, o).cls);
    if (c.finalizer) {
      t.refcnt[o] = 1;
      heap.finalizeHook(o);
      if (--t.refcnt[o]! !== 0)
        throw new HeapError('unsupported', `an instance of ${c.name} resurrected by __del__`);
    }
  }
  switch (heap.typeName(o)) {
    case 'int':
      if (t.length[o] === 1 && fl.int.length < heap.constants.intFreeList) heap.park(o, fl.int);
      else heap.freeObject(o);
      return;
    case 'float':
      if (fl.float.length < heap.constants.floatFreeList) heap.park(o, fl.float);
      else heap.freeObject(o);
      return;
    case 'str':
      // unicode_dealloc: an interned (mortal) str leaves the interned table first.
      if (t.flags[o]! & Flag.INTERNED) forgetInterned(heap, o);
      heap.freeObject(o);
      return;
    case 'bytearray':
      if (t.storage[o] !== 0) heap.memCall('free', t.storage[o]!, 0, heap.bufferDomain());
      heap.freeObject(o);
      return;
    case 'tuple':
    case 'list':
    case 'dict':
    case 'defaultdict':
    case 'Counter':
    case 'OrderedDict':
    case 'set':
    case 'frozenset':
    case 'instance':
    case 'function':
    case 'cell':
    case 'method':
    case 'frame':
    case 'generator':
    case 'coroutine':
    case 'exception':
    case 'traceback':
      heap.untrack(o);
      trashcan(heap, o);
      return;
    case 'range':
    case 'range_iterator':
      // range_dealloc: start, stop, step, length; PyObject_Free. Iterators hold none.
      for (const r of iteratorReferents(heap, o)) heap.release(r);
      heap.freeObject(o);
      return;
    case 'odict_iterator':
      deallocODictIterator(heap, o);
      return;
    case 'dict_keys':
    case 'dict_values':
    case 'dict_items':
    case 'odict_keys':
    case 'odict_values':
    case 'odict_items':
    case 'dict_valueiterator':
    case 'dict_itemiterator':
      deallocDictView(heap, o);
      return;
    case 'enumerate':
    case 'zip':
      deallocPacked(heap, o);
      return;
    case 'map':
    case 'filter':
      deallocFunctionIterator(heap, o);
      return;
    case 'deque':
      deallocDeque(heap, o);
      return;
    case 'deque_iterator':
      deallocDequeIterator(heap, o);
      return;
    case 'list_iterator':
    case 'tuple_iterator':
    case 'list_reverseiterator':
    case 'reversed':
    case 'dict_keyiterator':
    case 'set_iterator':
    case 'str_iterator':
      // listiter_dealloc etc.: untrack, drop the sequence, GC_Del.
      heap.untrack(o);
      for (const r of iteratorReferents(heap, o)) heap.release(r);
      heap.freeObject(o);
      return;
    case 'combinations':
      // combinations_dealloc: untrack, pool, result, the indices block, GC_Del.
      heap.untrack(o);
      for (const r of combinationsReferents(heap, o)) heap.release(r);
      freeCombinationsIndices(heap, o);
      heap.freeObject(o);
      return;
    case 'product':
      deallocProduct(heap, o);
      return;
    case 'zip_longest':
      deallocZipLongest(heap, o);
      return;
    case 'permutations':
      deallocPermutations(heap, o);
      return;
    case 'accumulate':
      deallocAccumulate(heap, o);
      return;
    case 'starmap':
      deallocStarmap(heap, o);
      return;
    case 'takewhile':
      deallocTakewhile(heap, o);
      return;
    case 'count':
    case 'repeat':
    case 'chain':
    case 'islice':
      // count_dealloc / repeat_dealloc / chain_dealloc / islice_dealloc: untrack, the fields, GC_Del.
      heap.untrack(o);
      for (const r of itertoolsReferents(heap, o)) heap.release(r);
      heap.freeObject(o);
      return;
    case 'super':
      // super_dealloc: untrack, obj, type, obj_type, GC_Del.
      heap.untrack(o);
      for (const r of superReferents(heap, o)) heap.release(r);
      heap.freeObject(o);
      return;
    case '_lru_cache_wrapper':
      // lru_cache_dealloc: untrack, weakrefs, then as lru_cache_tp_clear (lru-caches.ts).
      if (heap.weakrefLists.size > 0) clearWeakrefsTo(heap, o);
      deallocLru(heap, o);
      return;
    case 'lru_list_elem':
      deallocLru(heap, o);
      return;
    case 'namedtuple':
    case 'namedtuple_type':
      // subtype_dealloc → tupledealloc, then the class dropped (namedtuples.ts).
      deallocNamedTuple(heap, o);
      return;
    case 'itemgetter':
    case 'attrgetter':
      deallocGetter(heap, o);
      return;
    case 'partial':
      // partial_dealloc: untrack, fn, args, kw, dict, tp_free.
      heap.untrack(o);
      if (heap.weakrefLists.size > 0) clearWeakrefsTo(heap, o);
      for (const r of partialReferents(heap, o)) heap.release(r);
      heap.freeObject(o);
      return;
    case 'staticmethod':
    case 'classmethod':
    case 'property':
      // sm_dealloc / cm_dealloc / property_dealloc: untrack, the fields in order, GC_Del.
      heap.untrack(o);
      for (const r of methodWrapperReferents(heap, o)) heap.release(r);
      heap.freeObject(o);
      return;
    case 'type':
    case 'getset_descriptor':
      // type_dealloc (no trashcan; weak references cleared first) / descr_dealloc.
      if (heap.typeName(o) === 'type' && !isMortalClass(heap, o)) {
        heap.freeObject(o);
        return;
      }
      // A class leaves its bases' registries before its weak references are cleared.
      if (heap.typeName(o) !== 'type' && heap.weakrefLists.size > 0) clearWeakrefsTo(heap, o);
      deallocHeapType(heap, o);
      return;
    case 'weakref':
      // weakref_dealloc: untrack, clear_weakref, tp_free.
      heap.untrack(o);
      clearWeakref(heap, o);
      heap.freeObject(o);
      return;
    default:
      heap.freeObject(o);
  }
}

/**
 * Py_TRASHCAN_BEGIN for a container whose count reached zero: defer it when the
 * nesting is too deep, otherwise start its deallocation (a frame on the explicit
 * dealloc stack).
 */
function trashcan(heap: HeapCore, o: ObjectHandle): void {
  if (heap.trashNesting >= heap.constants.trashcan.deferAt) {
    heap.trashLater.push(o);
    return;
  }
  heap.trashNesting++;
  // PyObject_ClearWeakRefs, first thing inside the trashcan (set_dealloc, subtype_dealloc).
  if (heap.weakrefLists.size > 0) clearWeakrefsTo(heap, o);
  const children = deallocOrder(heap, o);
  // Children whose release cannot start another dealloc chain are released here, in
  // the frame's order: what the frame would do first, without making one.
  const next = releaseLeaves(heap, children);
  if (next === children.length && heap.trashLater.length === 0) {
    // Nothing left to release and nothing deferred: what its frame would do, without one.
    finishContainer(heap, o);
    heap.trashNesting--;
    return;
  }
  heap.deallocStack.push({ object: o, children, next });
  if (!heap.deallocating) runDeallocStack(heap);
}

/**
 * Runs the dealloc stack to the end: each frame releases its children in CPython's
 * order (a child reaching zero pushes its own frame), then finishes its object
 * (Py_TRASHCAN_END: the nesting drops and, by the rule, the deferred list is drained
 * LIFO — a drain frame — before the parent goes on).
 */
/**
 * Releases `children` from the first on while each release is a leaf's: a count that
 * stays above zero (or an immortal), or an int or float (parked or freed, releasing
 * nothing). Returns the index of the first child not released.
 */
function releaseLeaves(heap: HeapCore, children: readonly ObjectHandle[]): number {
  const t = heap.table;
  let i = 0;
  for (; i < children.length; i++) {
    const c = children[i]!;
    if (t.refcnt[c]! <= 1 && (t.flags[c]! & Flag.IMMORTAL) === 0) {
      const type = t.type[c];
      if (type !== TYPE_CODE.int && type !== TYPE_CODE.float) break;
    }
    heap.release(c);
  }
  return i;
}

function runDeallocStack(heap: HeapCore): void {
  heap.deallocating = true;
  const stack = heap.deallocStack;
  const rule = heap.constants.trashcan;
  try {
    while (stack.length > 0) {
      const frame = stack[stack.length - 1]!;
      if (frame.object === 0) {
        const next = heap.trashLater.pop();
        if (next === undefined) {
          stack.pop();
          heap.trashNesting -= rule.drainRaise;
        } else trashcan(heap, next);
        continue;
      }
      if (frame.next < frame.children.length) {
        heap.release(frame.children[frame.next++]!);
        continue;
      }
      stack.pop();
      finishContainer(heap, frame.object);
      heap.trashNesting--;
      if (heap.trashLater.length > 0 && heap.trashNesting < rule.drainBelow) {
        heap.trashNesting += rule.drainRaise;
        stack.push({ object: 0, children: [], next: 0 });
      }
    }
  } finally {
    heap.deallocating = false;
  }
}

const NO_CHILDREN: readonly ObjectHandle[] = [];

/** The references a container releases when it dies, in its tp_dealloc's order. */
/** `items` last to first (a copy). */
function reversedItems(items: readonly ObjectHandle[]): readonly ObjectHandle[] {
  const n = items.length;
  if (n === 0) return NO_CHILDREN;
  const order: ObjectHandle[] = new Array(n);
  for (let i = 0; i < n; i++) order[i] = items[n - 1 - i]!;
  return order;
}

function deallocOrder(heap: HeapCore, o: ObjectHandle): readonly ObjectHandle[] {
  switch (heap.typeName(o)) {
    case 'list':
    case 'tuple':
      // list_dealloc / tupledealloc: last item first.
      return reversedItems(heap.items(o));
    case 'dict':
    case 'defaultdict':
    case 'Counter':
    case 'OrderedDict': {
      // free_keys_object: entry by entry, key then value; a split dict: its values.
      // defdict_dealloc clears the factory before dict_dealloc runs; odict_dealloc
      // frees its nodes (each key's second reference: none reaches zero here).
      if (heap.typeName(o) === 'OrderedDict') clearODictNodes(heap, o);
      const order: ObjectHandle[] = [];
      const data = dictData(heap, o);
      if (data.defaultFactory) order.push(data.defaultFactory);
      data.defaultFactory = 0;
      for (const [k, v] of data.entries.values()) {
        if (data.sharedBy === undefined) order.push(k);
        order.push(v);
      }
      return order;
    }
    case 'instance':
      // subtype_dealloc: slots, then the dict or values, then the class.
      prepareInstanceDealloc(heap, o);
      return instanceReferents(heap, o);
    case 'function':
    case 'cell':
    case 'method':
      // func_clear (defaults, kwdefaults, then closure) / cell_dealloc / method_dealloc (func, self).
      return functionOrCellReferents(heap, o);
    case 'frame':
      // frame_dealloc: the slots it owns, then f_back.
      return frameDeallocOrder(heap, o);
    case 'generator':
    case 'coroutine':
      // gen_dealloc: closed if suspended, then its frame.
      return generatorDeallocOrder(heap, o);
    case 'exception':
    case 'traceback':
      // BaseException_dealloc (dict, args, traceback, …) / tb_dealloc (tb_next, tb_frame).
      return clearException(heap, o);
    default:
      // set_dealloc: its table, slot by slot.
      return setData(heap, o).table.activeKeys();
  }
}

/** The rest of a container's tp_dealloc once its references are released. */
function finishContainer(heap: HeapCore, o: ObjectHandle): void {
  const type = heap.typeName(o);
  if (type === 'list') finishList(heap, o);
  else if (type === 'tuple') finishTuple(heap, o);
  else if (
    type === 'dict' ||
    type === 'defaultdict' ||
    type === 'Counter' ||
    type === 'OrderedDict'
  )
    finishDict(heap, o);
  else if (type === 'instance') finishInstance(heap, o);
  else if (
    type === 'function' ||
    type === 'cell' ||
    type === 'generator' ||
    type === 'coroutine' ||
    type === 'traceback'
  )
    heap.freeObject(o);
  else if (type === 'exception') {
    const cls = exceptionData(heap, o).cls;
    heap.freeObject(o);
    releaseExceptionClass(heap, cls);
  } else if (type === 'frame') finishFrameObject(heap, o);
  else if (type === 'method') {
    const list = heap.freeLists.method;
    if (list.length < heap.constants.methodFreeList) heap.park(o, list);
    else heap.freeObject(o);
  } else finishSet(heap, o);
}
