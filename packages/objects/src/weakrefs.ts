/**
 * Weak references (`weakref.ref(o)`, `weakref.ref(o, callback)`).
 *
 *   block ─► [PyGC_Head][refcnt][type][wr_object][wr_callback][hash][wr_prev][wr_next]
 *            ([vectorcall] 3.11+)                    72 bytes on 3.8–3.10, 80 on 3.11+
 *
 *   target's list (`weakrefLists`): [basic ref (no callback), shared] → [ref with cb] → …
 *
 * A weakref holds no reference to its target, a counted one to its callback. A ref
 * without a callback is canonical: asking again returns the one at the head of the
 * target's list. When the target dies, PyObject_ClearWeakRefs runs first thing in its
 * tp_dealloc: every weakref is cleared (`target` 0, `r()` is None) and each callback
 * reference is released (the model does not run Python code, so the call itself is not
 * modelled: only its reference). A weakref that dies unlinks itself (clear_weakref).
 * Referents that accept weakrefs: instances of classes with `__weakref__`, sets,
 * frozensets, classes, functions and bound methods.
 *
 * Invariants: a weakref is on its target's list ⇔ its target is not 0; the basic ref,
 * if any, is first. Models PyWeakref_NewRef, weakref_dealloc, gc_traverse/gc_clear and
 * PyObject_ClearWeakRefs, Objects/weakrefobject.c, 3.8–3.14; measured on 3.8.18–3.13.0
 * (request and getsizeof 72 / 80, sharing, tracking, refcounts).
 */
import type { HeapCore, ObjectHandle } from './heap-core.ts';
import { HeapError } from './heap-error.ts';
import { classData, instanceData } from './instances.ts';
import { newTuple } from './tuples.ts';

/** A weakref's target (0 once cleared) and callback (0: none). */
export interface WeakrefData {
  /** `wr_object` (0: dead, `r()` is None). */
  target: ObjectHandle;
  /** `wr_callback` (0: none). */
  callback: ObjectHandle;
}

/** The data of a weakref. */
export function weakrefData(heap: HeapCore, r: ObjectHandle): WeakrefData {
  return heap.table.payload[r] as WeakrefData;
}

function acceptsWeakrefs(heap: HeapCore, o: ObjectHandle): boolean {
  const type = heap.typeName(o);
  if (
    type === 'set' ||
    type === 'frozenset' ||
    type === 'type' ||
    type === 'function' ||
    type === 'method' ||
    type === 'partial'
  )
    return true;
  // lru_cache_object has a weakreflist from 3.9 (measured: 3.8.18 raises TypeError).
  if (type === '_lru_cache_wrapper') return heap.layout.minor >= 9;
  return type === 'instance' && classData(heap, instanceData(heap, o).cls).weakref;
}

/** `weakref.ref(o[, callback])` — a new reference. @throws HeapError('wrong-type') */
export function newWeakref(heap: HeapCore, o: ObjectHandle, callback = 0): ObjectHandle {
  heap.check(o);
  if (callback !== 0) heap.check(callback);
  if (!acceptsWeakrefs(heap, o))
    throw new HeapError(
      'wrong-type',
      `cannot create weak reference to '${heap.typeName(o) === '_lru_cache_wrapper' ? 'functools._lru_cache_wrapper' : heap.typeName(o)}' object`,
    );
  const list = heap.weakrefLists.get(o) ?? [];
  const head = list[0];
  if (callback === 0 && head !== undefined && weakrefData(heap, head).callback === 0)
    return heap.share(head);
  const L = heap.layout;
  const basic = L.objectHeader + 5 * L.pointerSize + (L.minor >= 11 ? L.pointerSize : 0);
  const r = heap.allocObject('weakref', heap.objMalloc(heap.gcRequest(basic)));
  if (callback !== 0) heap.increment(callback);
  heap.table.payload[r] = { target: o, callback } satisfies WeakrefData;
  // insert_head for a basic ref; a ref with a callback goes right after the basic ref
  // (insert_after), so callbacks run newest first (measured on 3.8.18–3.13.0).
  if (callback === 0) list.unshift(r);
  else list.splice(head !== undefined && weakrefData(heap, head).callback === 0 ? 1 : 0, 0, r);
  heap.weakrefLists.set(o, list);
  heap.track(r);
  return r;
}

/** The weakrefs to `o`, in its list's order. */
export function weakrefsTo(heap: HeapCore, o: ObjectHandle): readonly ObjectHandle[] {
  return heap.weakrefLists.get(o) ?? [];
}

/** _PyWeakref_ClearRef: unlinks `r` from its target (`r()` is None); its callback stays. */
export function unlinkWeakref(heap: HeapCore, r: ObjectHandle): void {
  const data = weakrefData(heap, r);
  if (data.target === 0) return;
  const list = heap.weakrefLists.get(data.target)!;
  list.splice(list.indexOf(r), 1);
  if (list.length === 0) heap.weakrefLists.delete(data.target);
  data.target = 0;
}

/** clear_weakref: unlinks `r` from its target and drops its callback reference. */
export function clearWeakref(heap: HeapCore, r: ObjectHandle): void {
  unlinkWeakref(heap, r);
  const data = weakrefData(heap, r);
  const callback = data.callback;
  data.callback = 0;
  if (callback !== 0) heap.release(callback);
}

/**
 * PyObject_ClearWeakRefs(o) at the start of o's tp_dealloc: clears every weakref to `o`.
 * Without a {@link HeapCore.weakrefCallbackHook} the callbacks are released uncalled.
 * With one, as CPython: the basic ref (no callback) is cleared first; then 3.8–3.12
 * call a single remaining ref's callback directly, while several (and, from 3.13, any)
 * are first moved into a tuple of (ref, callback) pairs — a real allocation — which is
 * released after every callback ran, in list order. The callbacks' order is measured
 * (3.8.18–3.13.0, Pyodide 3.14.2); the pairs tuple is modelled from source
 * (PyObject_ClearWeakRefs, Objects/weakrefobject.c 3.8–3.14), its block not measured.
 */
export function clearWeakrefsTo(heap: HeapCore, o: ObjectHandle): void {
  const list = heap.weakrefLists.get(o);
  if (list === undefined) return;
  const hook = heap.weakrefCallbackHook;
  if (hook === null) {
    heap.weakrefLists.delete(o);
    const callbacks: ObjectHandle[] = [];
    for (const r of list) {
      const data = weakrefData(heap, r);
      data.target = 0;
      if (data.callback !== 0) callbacks.push(data.callback);
      data.callback = 0;
    }
    for (const callback of callbacks) heap.release(callback);
    return;
  }
  const head = list[0]!;
  if (weakrefData(heap, head).callback === 0) unlinkWeakref(heap, head);
  const rest = [...(heap.weakrefLists.get(o) ?? [])];
  if (rest.length === 0) return;
  if (rest.length === 1 && heap.layout.minor < 13) {
    const r = rest[0]!;
    const data = weakrefData(heap, r);
    const callback = data.callback;
    data.callback = 0;
    unlinkWeakref(heap, r);
    try {
      if (callback !== 0) hook(r, callback);
    } finally {
      if (callback !== 0) heap.release(callback);
    }
    return;
  }
  const pairs: ObjectHandle[] = [];
  for (const r of rest) pairs.push(r, weakrefData(heap, r).callback);
  const tuple = newTuple(heap, pairs);
  heap.adopt(tuple);
  for (const r of rest) clearWeakref(heap, r);
  try {
    for (let i = 0; i < pairs.length; i += 2) hook(pairs[i]!, pairs[i + 1]!);
  } finally {
    heap.release(tuple);
  }
}
