/**
 * What the collector needs to know about objects, and the few things it asks their
 * owner to do — the seam between the collector and whoever owns the objects (the
 * refcounted object model, a heap snapshot of a real process, or {@link TestGraph}).
 *
 * Objects are small non-negative integer ids. The collector keeps its own per-object
 * state (the part of an object CPython keeps in `PyGC_Head`: list links, `gc_refs`,
 * the COLLECTING and FINALIZED bits) in its own arrays, indexed by id; everything
 * else — referents, reference counts, types, finalizers, weakrefs, freeing — belongs
 * to the graph.
 *
 *   collector ── traverse / refcount / kind / finalizers / weakrefs ──► graph
 *   collector ── finalize / clear / callWeakrefCallback / holdInGarbage ──► graph
 *   graph ────── onGcAllocation / onGcDeallocation / track / untrack ──► collector
 *
 * Contract (what a graph must guarantee, like CPython's types do):
 *   1. `traverse(id, visit)` visits every referent `id` owns a strong reference to,
 *      in `tp_traverse` order, duplicates included; it never changes the graph.
 *   2. `refcount(id)` ≥ the number of visits to `id` over all traverses of live
 *      objects (the rest are external references).
 *   3. The mutating calls (`finalize`, `clear`, `callWeakrefCallback`) may free
 *      objects; the graph must tell the collector about every freed GC object through
 *      `Collector.onGcDeallocation(id)` (CPython's `PyObject_GC_Del`), which unlinks it.
 *   4. An id is not reused while the collector still lists it.
 *
 * Models the pieces of `PyTypeObject` the collector reads — `tp_traverse`,
 * `tp_clear`, `tp_del`, `tp_finalize`, `tp_weaklistoffset`, `tp_is_gc` — and the
 * weakref calls `_PyWeakref_ClearRef` / callback invocation in `handle_weakrefs`
 * (Modules/gcmodule.c 3.8–3.12, Python/gc.c 3.13+).
 */

/** The kinds the collector treats specially: exact tuples and dicts can be untracked. */
export type GcKind = 'tuple' | 'dict' | 'other';

/** Receives one referent id. */
export type Visit = (referent: number) => void;

/** The object graph a {@link Collector} works on. See the module comment for the contract. */
export interface GcGraph {
  /** Visits `id`'s referents in `tp_traverse` order. Must not mutate the graph. */
  traverse(id: number, visit: Visit): void;
  /** `Py_REFCNT(id)`: every strong reference, from objects or from outside. */
  refcount(id: number): number;
  /** `PyObject_IS_GC(id)`: the type supports GC (and `tp_is_gc` agrees). */
  isGc(id: number): boolean;
  /** `PyTuple_CheckExact` / `PyDict_CheckExact`, else `'other'`. */
  kind(id: number): GcKind;
  /** 3.12+: `_Py_IsImmortal(id)`. */
  isImmortal(id: number): boolean;
  /** The type has a legacy `tp_del` (only C types since PEP 442): makes its cycle uncollectable. */
  hasLegacyFinalizer(id: number): boolean;
  /** The type has a PEP 442 `tp_finalize` (`__del__` for classes). */
  hasFinalizer(id: number): boolean;
  /** `PyWeakref_Check(id)`: `id` is a weak reference (or proxy) object. */
  isWeakref(id: number): boolean;
  /** The first weakref in `id`'s weakref list, or -1 (none, or the type has no weakref list). */
  firstWeakref(id: number): number;
  /** The weakref `wr` has a callback. */
  weakrefHasCallback(wr: number): boolean;
  /** `_PyWeakref_ClearRef(wr)`: `wr` no longer refers to anything and leaves its referent's list; its callback is kept. */
  clearWeakref(wr: number): void;
  /** Calls `wr`'s callback with `wr`, holding a temporary reference to `wr` around the call. May free objects. */
  callWeakrefCallback(wr: number): void;
  /** Runs `tp_finalize(id)` holding a temporary reference to `id`. May resurrect or free objects. */
  finalize(id: number): void;
  /** Runs `tp_clear(id)` (if the type has one) holding a temporary reference. May free objects. */
  clear(id: number): void;
  /** `gc.garbage.append(id)`: the garbage list takes a strong reference to `id`. */
  holdInGarbage(id: number): void;
  /** The type name, for DEBUG_COLLECTABLE / DEBUG_UNCOLLECTABLE lines. */
  typeName(id: number): string;
  /** The object's address, for debug lines (`%p`). */
  address(id: number): number;
  /**
   * 3.14.0–3.14.4 only, optional: visits the objects the incremental collector marks
   * without counting references — `'globals'`: the sys dict, builtins, the interpreter
   * dict and static types' dicts (`mark_global_roots`); `'stacks'`: what frames hold
   * (`mark_stacks`). A graph without it has no such roots: its objects are found
   * reachable by reference counts alone.
   */
  incrementalRoots?(which: 'globals' | 'stacks', visit: Visit): void;
  /**
   * Optional: the collector untracked `id` by itself (`_PyTuple_MaybeUntrack`,
   * `_PyDict_MaybeUntrack`, 3.14's immortals), so an owner with its own tracked flag
   * can clear it. It must not call back into the collector's `untrack`.
   */
  untracked?(id: number): void;
}
