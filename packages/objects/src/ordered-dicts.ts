/**
 * `collections.OrderedDict` objects: a dict subtype with a doubly linked list of nodes.
 *
 *   OrderedDict  [PyGC_Head][dict's fields][od_first][od_last][od_fast_nodes]
 *                [od_fast_nodes_size][od_resize_sentinel][od_state][od_inst_dict]
 *                [od_weakreflist]                 dict's basic size + 8 words, 8-aligned
 *   node         [key][hash][next][prev]          4 words, PyMem_Malloc, one per key
 *   fast nodes   [node × dk_size]                 PyMem_Malloc, mirrors the keys table
 *
 * The dict part is an ordinary dict (dicts.ts): OrderedDict() goes through dict_new
 * like a defaultdict (tp_alloc, tracked at once; 3.8/3.9 a fresh 8-slot table, 3.10+
 * the shared empty keys). Each key has one node holding a counted reference to it (so
 * a key in an OrderedDict has two: the entry's and the node's). The node list gives
 * the iteration order, which move_to_end changes without touching the dict.
 * od_fast_nodes is an array as long as the dict's keys table, made again
 * (_odict_resize: the new array malloc'd before the old one is freed) whenever a
 * lookup finds the keys table is not the one it was made for (od_resize_sentinel) or
 * its size changed — in practice right after an insert that resized the dict.
 * od_state counts changes to the list (adds, removals, moves); an iterator made
 * before a change refuses to go on.
 *
 * Invariants: `nodes` holds exactly the dict's keys, each once, each one counted
 * reference; `fastNodes` is 0 iff `fastSize` is 0; the dict is tracked while it lives.
 * Dealloc (odict_dealloc) and tp_clear (odict_tp_clear) free the fast nodes, then each
 * node (its key released first), then run the dict's own dealloc / PyDict_Clear
 * (tp_clear: dict first, nodes after). The object goes back with tp_free (the dict
 * free list takes exact dicts only).
 *
 *   odict_iterator  [PyGC_Head][refcnt][type][kind][di_odict][di_size][di_state]
 *                   [di_current][di_result]       6 words after the object header
 *
 * An iterator holds the OrderedDict until exhausted and the key it will return next
 * (di_current). Its result 2-tuple (None, None) is made with it for items — and, on
 * 3.8, for keys and values too (the kind test there checks either bit; measured with
 * gc.get_referents: 3.9+ make it for items only); an items step reuses it when
 * nothing else holds it, as the dict's item iterator does.
 *
 * Models Objects/odictobject.c (_odict_resize, _odict_get_index, _odict_add_new_node,
 * _odict_clear_node, _odict_clear_nodes, _odict_popkey_hash, OrderedDict_popitem_impl,
 * OrderedDict_move_to_end_impl, odict_clear, odict_sizeof, odict_dealloc,
 * odict_traverse, odict_tp_clear, odictiter_new, odictiter_nextkey,
 * odictiter_iternext, odictiter_dealloc), 3.8–3.14; sizes measured with sys.getsizeof
 * on 3.8.18–3.13.0 and Pyodide 3.14.2 (4-byte pointers).
 */

import { itemPair } from './dict-views.ts';
import { dictData, dictDelItem, dictSetItem, newDictSubtypeObject } from './dicts.ts';
import type { HeapCore, ObjectHandle } from './heap-core.ts';
import { HeapError } from './heap-error.ts';
import type { ODictNode, ODictState } from './internal/table.ts';
import { keyIdentity } from './key-identity.ts';
import { newTuple } from './tuples.ts';

/** What an OrderedDict iterator yields (its kind bits: keys, values or both). */
export type ODictIterKind = 'keys' | 'values' | 'items';

/** An odict_iterator's fields. */
export interface ODictIteratorData {
  /** di_odict: the OrderedDict (a counted reference), 0 once exhausted. */
  odict: ObjectHandle;
  /** di_current: the key to return next (a counted reference), 0 at the end. */
  current: ObjectHandle;
  /** di_result: the reusable 2-tuple (a counted reference), 0 if none. */
  result: ObjectHandle;
  readonly kind: ODictIterKind;
  /** di_size: the length when made (−1 once a size change was seen). */
  size: number;
  /** di_state: od_state when made. */
  readonly state: number;
}

/** `sizeof(PyODictObject)`: the dict's basic size and eight words, 8-aligned. */
function odictBasic(heap: HeapCore): number {
  const { dictBasic, pointerSize } = heap.layout;
  return Math.ceil((dictBasic + 8 * pointerSize) / 8) * 8;
}

/** `sizeof(_ODictNode)`: key, hash, next, prev. */
function nodeBytes(heap: HeapCore): number {
  return 4 * heap.layout.pointerSize;
}

/** The node list and fast-nodes array of an OrderedDict. */
export function odictState(heap: HeapCore, od: ObjectHandle): ODictState {
  const state = dictData(heap, od).odict;
  if (state === undefined) throw new HeapError('wrong-type', `object ${od} is not an OrderedDict`);
  return state;
}

/** `OrderedDict()`: dict_new through the type call, then empty node state. */
export function newODict(heap: HeapCore): ObjectHandle {
  return newDictSubtypeObject(heap, 'OrderedDict', heap.gcRequest(odictBasic(heap)), {
    odict: { nodes: [], fastNodes: 0, fastSize: 0, sentinel: -1, state: 0 },
  });
}

/**
 * _odict_get_index's check: remake od_fast_nodes when the keys table changed
 * (_odict_resize: the new array first, then the old one freed).
 */
function syncFastNodes(heap: HeapCore, od: ObjectHandle): void {
  const data = dictData(heap, od);
  const s = data.odict!;
  const size = 2 ** data.log2Size;
  if (s.sentinel === data.keysAddress && s.fastSize === size) return;
  const fresh = heap.memCall('malloc', 0, size * heap.layout.pointerSize, 'mem');
  if (s.fastNodes !== 0) heap.memCall('free', s.fastNodes, 0, 'mem');
  s.fastNodes = fresh;
  s.fastSize = size;
  s.sentinel = data.keysAddress;
}

/**
 * `k`'s identity in an OrderedDict. A key hashed by its class's `__hash__` is refused:
 * the list's lookups would call it again where CPython passes the hash along.
 */
function odictIdentity(heap: HeapCore, k: ObjectHandle): string {
  const id = keyIdentity(heap, k);
  if (id.charCodeAt(0) === 117)
    throw new HeapError('unsupported', "an OrderedDict key hashed by its class's __hash__");
  return id;
}

/** The index of the node for `k` in the list, or −1 (_odict_find_node; may resize). */
function findNode(heap: HeapCore, od: ObjectHandle, k: ObjectHandle): number {
  const s = odictState(heap, od);
  if (s.nodes.length === 0) return -1;
  const id = odictIdentity(heap, k);
  syncFastNodes(heap, od);
  return s.nodes.findIndex((n) => n.identity === id);
}

/** Py_DECREF of one of the caller's references. */
function drop(heap: HeapCore, o: ObjectHandle): void {
  heap.adopt(o);
  heap.release(o);
}

/** _odictnode_DEALLOC: the key released, then the node's block freed. */
function freeNode(heap: HeapCore, node: ODictNode): void {
  heap.release(node.key);
  heap.memCall('free', node.address, 0, 'mem');
}

/** _odict_clear_node for the node at `index`: unlinked (od_state bumped) and freed. */
function clearNode(heap: HeapCore, od: ObjectHandle, index: number): void {
  const s = odictState(heap, od);
  const [node] = s.nodes.splice(index, 1);
  s.state++;
  freeNode(heap, node!);
}

/**
 * `od[k] = v` (PyODict_SetItem): the dict's insert, then a node for a new key
 * (_odict_add_new_node: the fast nodes synced first, then the node malloc'd).
 */
export function odictSetItem(
  heap: HeapCore,
  od: ObjectHandle,
  k: ObjectHandle,
  v: ObjectHandle,
): void {
  const s = odictState(heap, od);
  const id = odictIdentity(heap, k);
  dictSetItem(heap, od, k, v, id);
  syncFastNodes(heap, od);
  if (s.nodes.some((n) => n.identity === id)) return;
  heap.increment(k);
  const address = heap.memCall('malloc', 0, nodeBytes(heap), 'mem');
  s.nodes.push({ key: k, identity: id, address });
  s.state++;
}

/**
 * `del od[k]` (PyODict_DelItem): the node cleared first, then the dict's entry.
 * @throws HeapError('index') when `k` is not a key (the caller's KeyError)
 */
export function odictDelItem(heap: HeapCore, od: ObjectHandle, k: ObjectHandle): void {
  const i = findNode(heap, od, k);
  if (i >= 0) clearNode(heap, od, i);
  dictDelItem(heap, od, k);
}

/**
 * `od.pop(k)` (_odict_popkey_hash): the value (a new reference), or 0 when `k` is not
 * a key (the caller applies the default or raises KeyError).
 */
export function odictPop(heap: HeapCore, od: ObjectHandle, k: ObjectHandle): ObjectHandle {
  const i = findNode(heap, od, k);
  if (i < 0) return 0;
  clearNode(heap, od, i);
  const value = dictData(heap, od).entries.get(odictIdentity(heap, k))![1];
  heap.share(value);
  dictDelItem(heap, od, k);
  return value;
}

/**
 * `od.popitem(last)`: the last (or first) pair as a new 2-tuple, or 0 when empty
 * (the caller's KeyError). The key is held across the pop.
 */
export function odictPopItem(heap: HeapCore, od: ObjectHandle, last: boolean): ObjectHandle {
  const s = odictState(heap, od);
  if (s.nodes.length === 0) return 0;
  const key = s.nodes[last ? s.nodes.length - 1 : 0]!.key;
  heap.share(key);
  const value = odictPop(heap, od, key);
  const item = newTuple(heap, [key, value]);
  drop(heap, key);
  drop(heap, value);
  return item;
}

/**
 * `od.move_to_end(k, last)`: false when `k` is not a key (the caller's KeyError).
 * The end node's own key (by identity) is found without a lookup.
 */
export function odictMoveToEnd(
  heap: HeapCore,
  od: ObjectHandle,
  k: ObjectHandle,
  last: boolean,
): boolean {
  const s = odictState(heap, od);
  if (s.nodes.length === 0) return false;
  const end = last ? s.nodes.length - 1 : 0;
  if (s.nodes[end]!.key === k) return true;
  const i = findNode(heap, od, k);
  if (i < 0) return false;
  if (i === end) return true;
  const [node] = s.nodes.splice(i, 1);
  if (last) s.nodes.push(node!);
  else s.nodes.unshift(node!);
  // _odict_remove_node and _odict_add_tail/_head each bump od_state.
  s.state += 2;
  return true;
}

/**
 * _odict_clear_nodes: the fast nodes freed, then each node in list order (its key
 * released, its block freed).
 */
export function clearODictNodes(heap: HeapCore, od: ObjectHandle): void {
  const s = odictState(heap, od);
  if (s.fastNodes !== 0) heap.memCall('free', s.fastNodes, 0, 'mem');
  s.fastNodes = 0;
  s.fastSize = 0;
  s.sentinel = -1;
  const nodes = s.nodes.splice(0);
  for (const node of nodes) freeNode(heap, node);
}

/** The keys in the list's order (borrowed). */
export function odictKeys(heap: HeapCore, od: ObjectHandle): ObjectHandle[] {
  return odictState(heap, od).nodes.map((n) => n.key);
}

/** The value stored under `k` (borrowed), or 0. */
function storedValue(heap: HeapCore, od: ObjectHandle, k: ObjectHandle): ObjectHandle {
  return dictData(heap, od).entries.get(odictIdentity(heap, k))?.[1] ?? 0;
}

/** The (key, value) pairs in the list's order (borrowed). */
export function odictPairs(heap: HeapCore, od: ObjectHandle): [ObjectHandle, ObjectHandle][] {
  return odictKeys(heap, od).map((k) => [k, storedValue(heap, od, k)]);
}

/**
 * What odict_sizeof adds to the dict's size: the larger basic size, the fast-nodes
 * array and one node per key.
 */
export function odictExtra(heap: HeapCore, od: ObjectHandle): number {
  const s = odictState(heap, od);
  const L = heap.layout;
  return (
    odictBasic(heap) - L.dictBasic + s.fastSize * L.pointerSize + s.nodes.length * nodeBytes(heap)
  );
}

/** odict_traverse's own part: each node's key, in list order. */
export function odictNodeReferents(heap: HeapCore, od: ObjectHandle): ObjectHandle[] {
  return odictKeys(heap, od);
}

/**
 * `iter(od)` / iter of an odict view (odictiter_new): the iterator, then (items, or
 * any kind on 3.8) its result tuple, the first key held, the OrderedDict held.
 */
export function newODictIterator(
  heap: HeapCore,
  od: ObjectHandle,
  kind: ODictIterKind,
): ObjectHandle {
  const s = odictState(heap, od);
  const L = heap.layout;
  const it = heap.allocObject(
    'odict_iterator',
    heap.objMalloc(heap.gcRequest(L.objectHeader + 6 * L.pointerSize)),
  );
  let result = 0;
  if (kind === 'items' || L.minor < 9) {
    const none = heap.share(heap.none);
    result = newTuple(heap, [none, none]);
    heap.table.external[none]!--;
    heap.release(none);
    heap.table.external[result]!--;
  }
  const first = s.nodes[0]?.key ?? 0;
  if (first !== 0) heap.increment(first);
  heap.increment(od);
  heap.table.payload[it] = {
    odict: od,
    current: first,
    result,
    kind,
    size: s.nodes.length,
    state: s.state,
  } satisfies ODictIteratorData;
  heap.track(it);
  return it;
}

/** An odict_iterator's fields. */
export function odictIteratorData(heap: HeapCore, it: ObjectHandle): ODictIteratorData {
  return heap.table.payload[it] as ODictIteratorData;
}

/**
 * odictiter_iternext: the next key, value or (key, value) tuple (a new reference), or
 * 0 when exhausted (the OrderedDict is then dropped).
 * @throws HeapError('unsupported') when the OrderedDict changed under the iterator
 * (CPython's RuntimeError, not modelled)
 */
export function odictIteratorNext(heap: HeapCore, it: ObjectHandle): ObjectHandle {
  const data = odictIteratorData(heap, it);
  const od = data.odict;
  if (od === 0) return 0;
  if (data.current === 0) {
    data.odict = 0;
    heap.release(od);
    return 0;
  }
  const s = odictState(heap, od);
  if (s.state !== data.state || s.nodes.length !== data.size)
    throw new HeapError('unsupported', 'an OrderedDict changed while iterating over it');
  const key = data.current;
  const i = findNode(heap, od, key);
  const next = s.nodes[i + 1];
  data.current = next === undefined ? 0 : next.key;
  if (next !== undefined) heap.increment(next.key);
  // The iterator's reference to the key becomes the caller's (or is dropped below).
  heap.table.external[key]!++;
  if (data.kind === 'keys') return key;
  const value = storedValue(heap, od, key);
  heap.share(value);
  if (data.kind === 'values') {
    drop(heap, key);
    return value;
  }
  heap.adopt(key);
  heap.adopt(value);
  return itemPair(heap, data.result, key, value);
}

/** odictiter_traverse: the OrderedDict, the next key, the result tuple. */
export function odictIteratorReferents(heap: HeapCore, it: ObjectHandle): ObjectHandle[] {
  const d = odictIteratorData(heap, it);
  return [d.odict, d.current, d.result].filter((o) => o !== 0);
}

/** odictiter_dealloc: untrack, drop the OrderedDict, the key, the tuple; GC_Del. */
export function deallocODictIterator(heap: HeapCore, it: ObjectHandle): void {
  heap.untrack(it);
  for (const r of odictIteratorReferents(heap, it)) heap.release(r);
  heap.freeObject(it);
}
