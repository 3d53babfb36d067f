/**
 * Before a program's first full collection: could CPython have collected some of the
 * garbage the model finds by itself already? CPython's gen0 count starts where its
 * start-up left it (41–692 of 700, gc-calls.ts), so any container the program makes
 * may be the one that passes the threshold. The model never collects automatically;
 * it vouches for the first `gc.collect()` that finds garbage only when no automatic
 * collection can have met that garbage.
 *
 * Probes. At probe points the model looks for cyclic garbage in its heap: tracked
 * objects that no reference from outside the tracked set reaches (update_refs /
 * subtract_refs / move_unreachable's question, asked without changing anything). The
 * points are
 *   statement   before each statement
 *   return      after a Python call returned (its locals released)
 *   call-end    after a call expression that took no probe of its own ended (a
 *               builtin's: it may make containers CPython counts and the model does
 *               not, print's temporaries)
 * Nothing touches unreachable objects, so garbage seen at a probe was there through all
 * that ran since the probe before, and garbage first seen at a probe may have come at
 * any moment since the one before.
 *
 * When CPython collects by itself:
 *   3.8–3.11  at a container allocation, synchronously. An allocation between two
 *             probes is a change of the model's gen0 count, a builtin's call (call-end)
 *             or, 3.8–3.10, a Python call (its frame is a container).
 *   3.12+     at an eval-breaker check, when an allocation since the check before
 *             passed the threshold (_Py_ScheduleGC). Checks the model sees: a Python
 *             function's start (RESUME), the end of a builtin's or a class's call
 *             (CALL), a loop's back edge (JUMP_BACKWARD; an inlined comprehension's
 *             are taken together when it ends).
 * A probe that finds garbage notes an exposure — and the first collection that finds
 * garbage is refused — when, since the probe before,
 *   3.8–3.11  there was an allocation (the garbage may have come first);
 *   3.12+     there was a check while an allocation was not yet checked (one since
 *             the probe before, or one pending at it).
 * The collecting call itself is held to the same rules for the code before it. The
 * rules take that a builtin calling back into Python makes no such container after its
 * last callback.
 *
 * Order. Finalizers and weakref callbacks run in the collector's list order, which an
 * automatic collection while the objects lived may have changed (move_unreachable puts
 * an object reached only through a younger one after it): garbage holding an object
 * with a finalizer or a weakref with a callback is refused once the program made a
 * container with collection on at all.
 *
 * The probes share a budget ({@link GARBAGE_PROBE_BUDGET} objects visited); past it, any
 * container made with collection on counts as an exposure. Modelled from the collector
 * sources (Modules/gcmodule.c 3.8–3.11, Python/gc.c and ceval's eval breaker 3.12–3.13).
 */
import type { HeapCollector } from '@pymem/gc';

/**
 * The most objects the garbage probes of one run may visit before its first full
 * collection (a probe visits every tracked object and its references).
 */
export const GARBAGE_PROBE_BUDGET = 1_000_000;

/** Where a probe is taken (see the module comment). */
export type ProbeKind = 'statement' | 'return' | 'call-end';

/** Watches for garbage CPython may have collected before the first full collection. */
export class GarbageWatch {
  /** True once CPython may have collected garbage the model still holds. */
  exposed = false;
  /** Probes taken so far. */
  probes = 0;
  private readonly collector: HeapCollector;
  /** Whether CPython would collect by itself now (enabled, threshold0 not 0). */
  private readonly automaticOn: () => boolean;
  /** 3.8–3.10: a Python call's frame is a container the model does not make. */
  private readonly framesAreContainers: boolean;
  /** 3.12+: collections wait for an eval-breaker check. */
  private readonly scheduled: boolean;
  /** The model's gen0 count at the start and at the last probe. */
  private readonly startCount: number;
  private countAtProbe: number;
  /** A Python call began since the last probe. */
  private calledSinceProbe = false;
  /** 3.12+: an eval-breaker check the model saw since the last probe. */
  private breakerSinceProbe = false;
  /** 3.12+: the gen0 count at the last eval-breaker check the model saw. */
  private countAtBreaker: number;
  /** 3.12+: allocations not yet checked at the last probe. */
  private pendingAtProbe = false;
  /** The program made a container with collection on. */
  private madeContainers = false;
  private budget = GARBAGE_PROBE_BUDGET;

  constructor(collector: HeapCollector, minor: number, automaticOn: () => boolean) {
    this.collector = collector;
    this.automaticOn = automaticOn;
    this.framesAreContainers = minor <= 10;
    this.scheduled = minor >= 12;
    this.startCount = this.count();
    this.countAtProbe = this.startCount;
    this.countAtBreaker = this.startCount;
  }

  /** A Python function's frame begins (a container on 3.8–3.10; RESUME's check). */
  pythonCall(): void {
    this.calledSinceProbe = true;
    this.evalBreaker();
  }

  /** An eval-breaker check the model sees (3.12+: a scheduled collection runs here). */
  evalBreaker(): void {
    this.breakerSinceProbe = true;
    this.countAtBreaker = this.count();
  }

  /**
   * A loop ran whose back edges were checks the model did not take one by one: a check
   * since the probe, without vouching that the allocations before it were checked.
   */
  loopRan(): void {
    this.breakerSinceProbe = true;
  }

  /** A call expression ended; `probesBefore` is {@link probes} when it began. */
  callEnded(probesBefore: number): void {
    if (this.probes !== probesBefore) return;
    this.evalBreaker();
    this.probe('call-end');
  }

  /** Takes a probe of `kind` (see the module comment). */
  probe(kind: ProbeKind): void {
    const count = this.count();
    const on = this.automaticOn();
    if (on && count > this.startCount) this.madeContainers = true;
    if (on && !this.exposed) {
      const garbage = this.garbageNow();
      if (garbage === null) this.exposed = this.madeContainers;
      else if (garbage && this.mayHaveCollected(count, kind)) this.exposed = true;
    }
    this.pendingAtProbe = this.scheduled && count !== this.countAtBreaker;
    this.countAtProbe = count;
    this.calledSinceProbe = false;
    this.breakerSinceProbe = false;
    this.probes++;
  }

  /**
   * Whether the first full collection, starting now and finding garbage, may find less
   * than the model: an exposure, the code since the last probe, or the garbage's order.
   */
  firstCollectionUnsure(): boolean {
    if (this.exposed) return true;
    if (this.automaticOn() && this.mayHaveCollected(this.count(), null)) return true;
    const madeContainers =
      this.madeContainers || (this.automaticOn() && this.count() > this.startCount);
    return madeContainers && this.garbageOrderShows();
  }

  /** Whether CPython may have collected since the last probe (`kind` null: from a call in progress). */
  private mayHaveCollected(count: number, kind: ProbeKind | null): boolean {
    const allocated =
      count !== this.countAtProbe ||
      kind === 'call-end' ||
      (this.framesAreContainers && this.calledSinceProbe);
    if (!this.scheduled) return allocated;
    const checked = this.breakerSinceProbe || kind === 'call-end';
    return checked && (allocated || this.pendingAtProbe);
  }

  private count(): number {
    return this.collector.gc.getCount()[0];
  }

  /** Whether the model's heap holds cyclic garbage now; null once the budget is spent. */
  private garbageNow(): boolean | null {
    const tracked = this.collector.collector.objectsIn(null);
    this.budget -= tracked.length;
    if (this.budget < 0) return null;
    return this.unreachable(tracked).length > 0;
  }

  /** The objects of `tracked` (every tracked object) that nothing from outside reaches. */
  private unreachable(tracked: readonly number[]): number[] {
    const graph = this.collector.graph;
    const refs = new Map<number, number>();
    for (const id of tracked) refs.set(id, graph.refcount(id));
    for (const id of tracked)
      graph.traverse(id, (r) => {
        const n = refs.get(r);
        if (n !== undefined) refs.set(r, n - 1);
      });
    const reached = new Set<number>();
    const stack: number[] = [];
    for (const [id, n] of refs)
      if (n > 0) {
        reached.add(id);
        stack.push(id);
      }
    while (stack.length > 0)
      graph.traverse(stack.pop()!, (r) => {
        if (refs.has(r) && !reached.has(r)) {
          reached.add(r);
          stack.push(r);
        }
      });
    return tracked.filter((id) => !reached.has(id));
  }

  /**
   * True when an object of the garbage has a finalizer or a weakref with a callback (see
   * Order above; a weakref without one, as every class has in its bases' registries,
   * is cleared with nothing run).
   */
  private garbageOrderShows(): boolean {
    const graph = this.collector.graph;
    return this.unreachable(this.collector.collector.objectsIn(null)).some(
      (id) =>
        graph.hasFinalizer(id) ||
        this.collector.heap.weakrefsTo(id).some((wr) => graph.weakrefHasCallback(wr)),
    );
  }
}
