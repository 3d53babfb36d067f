/**
 * The collector on the object heap: one {@link Collector} whose objects are a
 * `Heap`'s (`@pymem/objects`), so a collection finalizes, clears and frees real model
 * objects — every block it frees goes back to the heap's pymalloc through the
 * ordinary decref → tp_dealloc path, and a full collection empties the free lists.
 *
 *   Heap ── heap.gc (GcObserver) ──► onGcAllocation / onGcDeallocation / track / untrack
 *    ▲                                             │
 *    └── HeapGcGraph: traverse, refcount, tp_clear, weakrefs, finalizers ◄── Collector
 *
 * Python code the model does not run is supplied as JavaScript:
 *   - a class's `__del__` (the class was made with `finalizer: true`) is the body given
 *     to {@link HeapCollector.defineFinalizer}; without one, `__del__` does nothing;
 *   - a weakref callback object's call is the body given to
 *     {@link HeapCollector.defineWeakrefCallback} (called with the weakref).
 * A body may use the heap freely (allocate, incref to resurrect, decref); an exception
 * it throws goes to `unraisable`, as CPython's `PyErr_WriteUnraisable`. Generators and
 * coroutines finalize as CPython's do (`_PyGen_Finalize` → `gen_close`, the objects'
 * layer's `generatorClose`): a suspended one in a cycle is closed, its frame cleared,
 * and it usually dies during finalization — so `gc.collect()` does not count it (the
 * count is taken after finalizers, 3.8–3.13; measured, tests/gc-heap.live.test.ts).
 *
 * Automatic collections: 3.8–3.11 collect inside the allocation that passes the gen0
 * threshold (`_PyObject_GC_Alloc` / `_PyObject_GC_Link` → `collect_generations`);
 * 3.12+ only schedule one (`_Py_ScheduleGC`), which runs at the next eval-breaker
 * check. The model has no bytecode loop, so whoever drives it calls
 * {@link HeapCollector.evalBreaker} where CPython checks the eval breaker: after a
 * CALL returns, at a backward jump (a loop's next iteration), at function entry
 * (RESUME) — `_Py_HandlePending` → `_Py_RunGC`, Python/ceval_gil.c 3.12+.
 *
 * Invariants:
 *   1. `heap.isTracked(o)` ⇔ `collector.isTracked(o)` for every live object, at every
 *      moment the heap is not inside one of its own operations.
 *   2. count[0] = GC allocations − GC frees since the last collection (floored at 0),
 *      free-list reuse and parking excluded (gc-observer.ts).
 *   3. Only the collector's tp_clear calls and the decrefs they cascade free garbage:
 *      after `collect()`, validateHeap holds.
 * Not modelled here: `__del__` of an object freed by its count reaching zero outside a
 * collection (PyObject_CallFinalizerFromDealloc: the heap's `finalizeHook`, which its
 * owner should skip for an object `collector.isFinalized`), and weakref callbacks run by
 * PyObject_ClearWeakRefs outside a collection; C types with a legacy `tp_del`; the
 * info dict and argument tuple CPython builds for each `gc.callbacks` entry (the
 * entries here are JavaScript functions; only 3.12+'s phase str, made even when the
 * list is empty, is allocated on the heap).
 * Models gc_alloc/_PyObject_GC_Link/PyObject_GC_Del and the collector's calls into
 * types (Modules/gcmodule.c 3.8–3.12, Python/gc.c 3.13+).
 */
import type { GcObserver, Heap, ObjectHandle } from '@pymem/objects';
import { Collector, CollectorUsageError } from './collector.ts';
import { collectorVariant } from './constants.ts';
import { GcModule } from './gc-module.ts';
import type { GcGraph, GcKind, Visit } from './graph.ts';
import { IncrementalCollector, type IncrementalCollectorOptions } from './incremental.ts';

/** The body of a class's `__del__`, called with the instance (a reference is held around it). */
export type FinalizerBody = (o: ObjectHandle) => void;

/** The body of a weakref callback, called with the weakref (a reference is held around it). */
export type WeakrefCallbackBody = (weakref: ObjectHandle) => void;

/**
 * Options of {@link HeapCollector}: the collector's, minus what the heap supplies. With
 * the heap's profile 3.14 and `patch` 0–4 it runs the incremental collector (whose
 * `initialHeapSize` then applies), otherwise the generational one.
 */
export type HeapCollectorOptions = Omit<
  IncrementalCollectorOptions,
  'graph' | 'profile' | 'clearFreeLists' | 'aroundCallbacks'
>;

/** A {@link GcGraph} over a `Heap`; see the module comment. Ids are heap handles. */
export class HeapGcGraph implements GcGraph {
  /** The heap. */
  readonly heap: Heap;
  /** `__del__` bodies by class handle. */
  readonly finalizers: Map<ObjectHandle, FinalizerBody> = new Map();
  /** Weakref callback bodies by callback object handle. */
  readonly weakrefCallbacks: Map<ObjectHandle, WeakrefCallbackBody> = new Map();
  private readonly unraisable: (error: unknown) => void;

  constructor(heap: Heap, unraisable: (error: unknown) => void) {
    this.heap = heap;
    this.unraisable = unraisable;
  }

  /** {@inheritDoc GcGraph.traverse} */
  traverse(id: number, visit: Visit): void {
    this.heap.traverse(id, visit);
  }

  /** {@inheritDoc GcGraph.refcount} */
  refcount(id: number): number {
    return this.heap.refcount(id);
  }

  /** {@inheritDoc GcGraph.isGc} */
  isGc(id: number): boolean {
    return this.heap.isGc(id);
  }

  /** {@inheritDoc GcGraph.kind} */
  kind(id: number): GcKind {
    const type = this.heap.typeOf(id);
    return type === 'tuple' || type === 'dict' ? type : 'other';
  }

  /** {@inheritDoc GcGraph.isImmortal} */
  isImmortal(id: number): boolean {
    return this.heap.isImmortal(id);
  }

  /** No modelled type has a legacy `tp_del`. */
  hasLegacyFinalizer(_id: number): boolean {
    return false;
  }

  /**
   * {@inheritDoc GcGraph.hasFinalizer} Generators and coroutines always have one
   * (`_PyGen_Finalize`): it closes one that has not completed, which clears its frame.
   */
  hasFinalizer(id: number): boolean {
    const type = this.heap.typeOf(id);
    if (type === 'instance') return this.heap.hasFinalizer(id);
    return type === 'generator' || type === 'coroutine';
  }

  /** {@inheritDoc GcGraph.isWeakref} */
  isWeakref(id: number): boolean {
    return this.heap.typeOf(id) === 'weakref';
  }

  /** {@inheritDoc GcGraph.firstWeakref} */
  firstWeakref(id: number): number {
    return this.heap.weakrefsTo(id)[0] ?? -1;
  }

  /** {@inheritDoc GcGraph.weakrefHasCallback} */
  weakrefHasCallback(wr: number): boolean {
    return this.heap.weakrefCallback(wr) !== 0;
  }

  /** {@inheritDoc GcGraph.clearWeakref} */
  clearWeakref(wr: number): void {
    this.heap.unlinkWeakref(wr);
  }

  /** {@inheritDoc GcGraph.callWeakrefCallback} */
  callWeakrefCallback(wr: number): void {
    const body = this.weakrefCallbacks.get(this.heap.weakrefCallback(wr));
    this.heap.incref(wr);
    try {
      body?.(wr);
    } catch (error) {
      this.unraisable(error);
    } finally {
      this.heap.decref(wr);
    }
  }

  /**
   * {@inheritDoc GcGraph.finalize} A generator's finalizer is `_PyGen_Finalize`: a
   * generator that has not completed is closed (`gen_close`, as `g.close()`); the
   * model's bodies never catch GeneratorExit. Not modelled: the "never awaited"
   * warning of a coroutine that never started.
   */
  finalize(id: number): void {
    if (isGenerator(this.heap, id)) {
      this.heap.incref(id);
      this.heap.generatorClose(id);
      this.heap.decref(id);
      return;
    }
    const body = this.finalizers.get(this.heap.classOf(id));
    this.heap.incref(id);
    try {
      body?.(id);
    } catch (error) {
      this.unraisable(error);
    } finally {
      this.heap.decref(id);
    }
  }

  /** {@inheritDoc GcGraph.clear} */
  clear(id: number): void {
    this.heap.incref(id);
    this.heap.clear(id);
    this.heap.decref(id);
  }

  /** {@inheritDoc GcGraph.holdInGarbage} The reference is an external one: `heap.decref` drops it. */
  holdInGarbage(id: number): void {
    this.heap.incref(id);
  }

  /** {@inheritDoc GcGraph.typeName} */
  typeName(id: number): string {
    return this.heap.typeNameOf(id);
  }

  /** {@inheritDoc GcGraph.address} */
  address(id: number): number {
    return this.heap.addressOf(id);
  }

  /** {@inheritDoc GcGraph.untracked} */
  untracked(id: number): void {
    this.heap.untrack(id);
  }
}

/** True for a generator or a coroutine (types with `_PyGen_Finalize` as tp_finalize). */
function isGenerator(heap: Heap, id: number): boolean {
  const type = heap.typeOf(id);
  return type === 'generator' || type === 'coroutine';
}

/**
 * A collector attached to a heap: the heap reports GC allocations, frees and tracking
 * to it, and collections work on the heap's objects. See the module comment.
 */
export class HeapCollector {
  /** The heap collected. */
  readonly heap: Heap;
  /**
   * The collector (its `hook` publishes {@link GcEvent}s): an `IncrementalCollector`
   * on 3.14.0–3.14.4, else the generational one.
   */
  readonly collector: Collector;
  /** The `gc` module over it. */
  readonly gc: GcModule;
  /** The graph view of the heap. */
  readonly graph: HeapGcGraph;

  /**
   * Attaches a new collector to `heap`; every object already tracked joins gen0 in
   * handle order. @throws CollectorUsageError if the heap already has a collector.
   */
  constructor(heap: Heap, options: HeapCollectorOptions = {}) {
    if (heap.gc !== null) throw new CollectorUsageError('the heap already has a collector');
    this.heap = heap;
    this.graph = new HeapGcGraph(heap, options.unraisable ?? (() => {}));
    const profile = heap.layout.profile;
    const Variant =
      collectorVariant(profile, options.patch) === 'incremental' ? IncrementalCollector : Collector;
    const collector = new Variant({
      ...options,
      profile,
      graph: this.graph,
      clearFreeLists: () => heap.clearFreeLists(),
      // 3.12+ invoke_gc_callback: the phase name as a new str, made and dropped even
      // when gc.callbacks is empty (measured: 3.12.1, 3.13.0 allocate 'start' and 'stop').
      ...(heap.layout.minor >= 12
        ? {
            aroundCallbacks: (phase: 'start' | 'stop') => {
              const name = heap.newStr(phase);
              return () => heap.decref(name);
            },
          }
        : {}),
    });
    this.collector = collector;
    this.gc = new GcModule(collector);
    heap.forEachTracked((o) => collector.track(o));
    const observer: GcObserver = {
      onGcAlloc: () => collector.onGcAllocation(),
      onGcFree: (o) => collector.onGcDeallocation(o),
      onTrack: (o) => collector.track(o),
      onUntrack: (o) => collector.untrack(o),
    };
    heap.gc = observer;
  }

  /** Makes `body` the `__del__` of class `cls` (made with `finalizer: true`). */
  defineFinalizer(cls: ObjectHandle, body: FinalizerBody): void {
    this.graph.finalizers.set(cls, body);
  }

  /** Makes `body` what calling the callback object `callback` does when a collection calls it. */
  defineWeakrefCallback(callback: ObjectHandle, body: WeakrefCallbackBody): void {
    this.graph.weakrefCallbacks.set(callback, body);
  }

  /**
   * An eval-breaker check (`_Py_HandlePending` → `_Py_RunGC`, 3.12+): runs the
   * collection an allocation scheduled, if any. A no-op on 3.8–3.11, which collect
   * inside the allocation. Returns what the collection found (0 if none ran).
   */
  evalBreaker(): number {
    return this.collector.runScheduled();
  }

  /** Detaches the collector from the heap (the heap stops reporting to it). */
  detach(): void {
    this.heap.gc = null;
  }
}
