/**
 * CPython 3.14.0–3.14.4's incremental cycle collector (the default, non-free-threaded
 * build), step by step: a young generation and two old spaces that an automatic
 * collection scans a slice at a time instead of in one long full collection.
 *
 * Models `gc_collect_young`, `gc_collect_increment`, `gc_collect_full`,
 * `completed_scavenge`, `assess_work_to_do`, `mark_at_start`, `mark_stacks`,
 * `expand_region_transitively_reachable`, `_PyGC_Freeze`/`_PyGC_Unfreeze` and
 * `_PyGC_Collect` of Python/gc.c as released in 3.14.0–3.14.4 (3.14.5 went back to the
 * generational collector, see collector.ts). The collection of one region
 * (`gc_collect_region`: update_refs … delete_garbage) is the generational collector's,
 * shared through `Collector`.
 *
 *   young ──gc.collect(0)──► old[visited]          permanent (gc.freeze)
 *   young ──increment──────► old[visited] ◄── pending objects + what they reach
 *   old[pending] empty ──► completed_scavenge: flip `visitedSpace` (the visited space
 *       becomes the pending one), or, with a frozen permanent generation, pour the
 *       visited space back into the pending one; phase := MARK, workToDo := 0
 *   gc.collect(2): young + both spaces collected together, then completed_scavenge
 *
 * An object's space bit (`_gc_next & 1`) is not stored: it follows from its list —
 * young objects are always in the not-visited space, old[i] in space i, the permanent
 * generation and every scratch list of a collection in the visited space.
 *
 * Increment (`gc.collect(1)`, and every automatic collection):
 *   workToDo += youngCount + min(heapSize / 10 / scale, 2 × youngCount); youngCount := 0
 *   workToDo < 0 (still paying for a mark): stop here; no stats
 *   untrack_tuples(young)
 *   phase MARK:    mark every root transitively into the visited space; workToDo -=
 *                  2 × marked (CPython subtracts it twice); phase := COLLECT; no stats
 *   phase COLLECT: mark the frame stacks (workToDo -= marked); increment := young;
 *                  while |increment| < workToDo and old[pending] is not empty: move its
 *                  first object and everything tracked it reaches that is not visited
 *                  into the increment; collect the increment (survivors → visited);
 *                  workToDo -= |increment|; stats[1] += result; completed_scavenge if
 *                  old[pending] is now empty
 *
 * Invariants (`validate()`):
 *   1. Outside a collection every tracked object is in young, old[0], old[1] or
 *      permanent, with no COLLECTING/UNREACHABLE bit (validate_list).
 *   2. `gc.get_count()` = (youngCount, old[visited].count, old[pending].count); youngCount
 *      counts trackings minus untrackings (floored at 0) since the last collection; a
 *      young collection adds 1 to old[visited].count, a full one zeroes all three.
 *   3. heap_size = the starting heap + the objects tracked now.
 *
 * Verified against CPython 3.14.2 (Pyodide; tests/gc-incremental.live.test.ts and the
 * 3.14.2 part of tests/gc.live.test.ts): counting at tracking (free-list reuse counts,
 * freeing an untracked object does not), get_count/get_stats after young collections,
 * increments and full collections (mark-only and in-debt increments are not counted),
 * how many pending objects an increment takes (the 2× cap, the in-debt skip, a loop's
 * iterator marked from the frame's stack), the spaces' refill under freeze, automatic
 * increments every 2001 trackings, freeze/unfreeze, set_threshold ignoring a third
 * value, callback info keys, DEBUG_STATS text, and weakrefs (every weakref to the
 * garbage, with or without callback, is cleared before finalizers run; callbacks run
 * first). From source only: the exact `heap_size` (Python cannot read it; above
 * ~10 000 objects the cap makes it moot), the global roots (the probe freezes them) and
 * the second subtraction of marked objects.
 */
import { Collector, type CollectorOptions } from './collector.ts';
import { DEBUG_FLAGS, INCREMENTAL } from './constants.ts';
import type { GcReason } from './events.ts';
import {
  LIST_GEN0,
  LIST_INCREMENT,
  LIST_PERMANENT,
  LIST_REACHABLE,
  LIST_UNREACHABLE,
} from './internal/gc-lists.ts';

const LIST_YOUNG = LIST_GEN0;
const LIST_OLD0 = LIST_GEN0 + 1;

/** Where a tracked object sits in the incremental collector. */
export type IncrementalSpace = 'young' | 'visited' | 'pending' | 'permanent';

/** `gcstate->phase`: MARK until the roots of the new cycle are marked, then COLLECT. */
export type IncrementalPhase = 'mark' | 'collect';

/** Options for {@link IncrementalCollector}. */
export interface IncrementalCollectorOptions extends CollectorOptions {
  /**
   * `gcstate->heap_size` at the start: objects the interpreter tracked before the
   * modelled program and still tracks (CPython cannot report it). Default 0.
   */
  readonly initialHeapSize?: number;
}

/**
 * The incremental collector of CPython 3.14.0–3.14.4. Same API as {@link Collector}
 * (the `gc` module drives either); see the module comment for what differs.
 */
export class IncrementalCollector extends Collector {
  /** `gcstate->visited_space`: which old list (0 or 1) holds the visited objects. */
  visitedSpace = 0;
  /** `gcstate->phase`. */
  phase: IncrementalPhase = 'mark';
  /** `gcstate->work_to_do`: objects the next increments still owe the old spaces. */
  workToDo = 0;
  /** `gcstate->heap_size` before the modelled program (see {@link IncrementalCollectorOptions}). */
  readonly initialHeapSize: number;

  private readonly oldCounts: [number, number] = [0, 0];

  /**
   * @throws CollectorVariantError unless the profile and patch name a 3.14.0–3.14.4
   * release (`profile: '3.14'`, `patch` 0–4).
   */
  constructor(options: IncrementalCollectorOptions) {
    super(options);
    this.thresholds.splice(0, 3, ...INCREMENTAL.thresholds);
    this.initialHeapSize = options.initialHeapSize ?? 0;
  }

  // ---- what the object layer calls -------------------------------------------------

  /** 3.14.0–3.14.4 count objects when they are tracked, not when allocated: nothing to do. */
  override onGcAllocation(): void {}

  /**
   * `_PyObject_GC_TRACK`: appends `id` to young; young.count and heap_size grow; past the
   * young threshold, with GC enabled and not collecting, an increment is scheduled for
   * the next eval-breaker check (`_Py_TriggerGC`; run it with `runScheduled()`).
   * Objects reused from a free list count too.
   * @throws CollectorUsageError if it is already tracked.
   */
  override track(id: number): void {
    super.track(id);
    this.counts[0] = (this.counts[0] as number) + 1;
    if (
      this.counts[0] > this.thresholds[0] &&
      this.enabled &&
      this.thresholds[0] !== 0 &&
      !this.collecting &&
      !this.scheduled
    ) {
      this.scheduled = true;
      this.hook?.({ type: 'gc-scheduled', counts: [...this.counts] });
    }
  }

  /** `_PyObject_GC_UNTRACK`: unlinks `id` if tracked; young.count (if > 0) and heap_size shrink. */
  override untrack(id: number): void {
    if (!this.isTracked(id)) return;
    super.untrack(id);
    if (this.counts[0] > 0) this.counts[0] = (this.counts[0] as number) - 1;
  }

  /** `PyObject_GC_Del`: a still-tracked object is untracked first; then its header is cleared. */
  override onGcDeallocation(id: number): void {
    this.untrack(id);
    if (id < this.lists.flags.length) this.lists.flags[id] = 0;
  }

  /**
   * `gcstate->heap_size`: every track adds one and every untrack removes one, so it is
   * the interpreter's starting heap plus the objects tracked now.
   */
  get heapSize(): number {
    const sizes = this.lists.sizeOf;
    let tracked = 0;
    for (let list = 1; list < sizes.length; list++) tracked += sizes[list] as number;
    return this.initialHeapSize + tracked;
  }

  /** `_Py_RunGC`: runs the scheduled automatic collection — one increment — if GC is enabled. */
  override runScheduled(): number {
    if (!this.scheduled) return 0;
    this.scheduled = false;
    if (!this.enabled) return 0;
    return this.collect(1, 'automatic');
  }

  // ---- the gc module's state -------------------------------------------------------

  /** 0 for young objects, 2 for both old spaces (as `gc.get_objects`), `'permanent'`, or null. */
  override generationOf(id: number): number | 'permanent' | null {
    const space = this.spaceOf(id);
    if (space === null || space === 'permanent') return space;
    return space === 'young' ? 0 : 2;
  }

  /** Which list holds `id` (null when untracked or mid-collection). */
  spaceOf(id: number): IncrementalSpace | null {
    const list = this.lists.listOf(id);
    if (list === LIST_YOUNG) return 'young';
    if (list === LIST_PERMANENT) return 'permanent';
    if (list === LIST_OLD0 || list === LIST_OLD0 + 1)
      return list - LIST_OLD0 === this.visitedSpace ? 'visited' : 'pending';
    return null;
  }

  /** `GEN_HEAD(g)` sizes: 0 young, 1 the visited space, 2 the pending space. */
  override generationSize(generation: number): number {
    return this.lists.sizeOf[this.generationList(generation)] as number;
  }

  /** `gc.get_objects(g)`: 0 young, 1 nothing, 2 old[0] then old[1]; null: all three. */
  override objectsIn(generation: number | null): number[] {
    const lists = this.lists;
    const out: number[] = [];
    if (generation === 1) return out;
    if (generation === null || generation === 0) out.push(...lists.toArray(LIST_YOUNG));
    if (generation !== 0) out.push(...lists.toArray(LIST_OLD0), ...lists.toArray(LIST_OLD0 + 1));
    return out;
  }

  /** `_PyGC_Freeze`: young, old[0] and old[1] (in that order) become permanent; counts 0. */
  override freeze(): void {
    super.freeze();
    this.oldCounts[0] = 0;
    this.oldCounts[1] = 0;
    this.syncCounts();
  }

  /** `_PyGC_Unfreeze`: the permanent generation joins the visited space. */
  override unfreeze(): void {
    this.lists.merge(LIST_PERMANENT, LIST_OLD0 + this.visitedSpace);
  }

  /** Ids tracked in young, visited, pending (that order) referring to any of `ids`. */
  override referrers(ids: readonly number[]): number[] {
    const wanted = new Set(ids);
    const out: number[] = [];
    let hit = false;
    const visit = (referent: number): void => {
      if (wanted.has(referent)) hit = true;
    };
    for (let g = 0; g < 3; g++) {
      for (const id of this.lists.toArray(this.generationList(g))) {
        hit = false;
        this.graph.traverse(id, visit);
        if (hit) out.push(id);
      }
    }
    return out;
  }

  /** Invariant 1 (the lists) plus: the space counts agree with `counts`. */
  override validate(): string[] {
    const problems = super.validate();
    if (this.counts[1] !== this.oldCounts[this.visitedSpace])
      problems.push('count[1] is not the visited space count');
    if (this.counts[2] !== this.oldCounts[this.visitedSpace ^ 1])
      problems.push('count[2] is not the pending space count');
    return problems;
  }

  // ---- collection ------------------------------------------------------------------

  /** `_PyGC_Collect`'s body: DEBUG_STATS header, then young, increment or full; stats; done line. */
  protected override collectMain(
    generation: number,
    reason: GcReason,
  ): { collected: number; uncollectable: number } {
    const statsOn = (this.debug & DEBUG_FLAGS.DEBUG_STATS) !== 0;
    const started = this.clock();
    this.beginCollection(generation, reason);
    let result: { collected: number; uncollectable: number } | null;
    if (generation === 0) result = this.collectYoung();
    else if (generation === 1) result = this.collectIncrement();
    else result = this.collectFull();
    const counted = result ?? { collected: 0, uncollectable: 0 };
    if (result) {
      const entry = this.stats[generation]!;
      entry.collections++;
      entry.collected += result.collected;
      entry.uncollectable += result.uncollectable;
    }
    this.syncCounts();
    if (statsOn) {
      const seconds = (this.clock() - started) / 1000;
      this.debugOutput(
        `gc: done, ${counted.collected + counted.uncollectable} unreachable, ${counted.uncollectable} uncollectable, ${seconds.toFixed(4)}s elapsed\n`,
      );
    }
    this.hook?.({ type: 'gc-stop', generation, ...counted });
    return counted;
  }

  /** `gc_collect_young`: young is collected; survivors join the visited space. */
  private collectYoung(): { collected: number; uncollectable: number } {
    this.untrackContainers(LIST_YOUNG, 'tuple', 'untrack-tuples');
    const result = this.collectRegion(LIST_YOUNG, this.visitedList());
    this.counts[0] = 0;
    this.oldCounts[this.visitedSpace] = (this.oldCounts[this.visitedSpace] as number) + 1;
    return result;
  }

  /** `gc_collect_increment`; null when it only marked or was still in debt (no stats). */
  private collectIncrement(): { collected: number; uncollectable: number } | null {
    const lists = this.lists;
    this.workToDo += this.assessWorkToDo();
    // Still in debt from marking: this increment does nothing (and is not counted).
    if (this.workToDo < 0) return null;
    this.untrackContainers(LIST_YOUNG, 'tuple', 'untrack-tuples');
    if (this.phase === 'mark') {
      const marked = this.markRoots('globals') + this.markRoots('stacks');
      // mark_at_start subtracts the marked objects, and its caller does so again.
      this.workToDo -= 2 * marked;
      this.phase = 'collect';
      return null;
    }
    this.workToDo -= this.markRoots('stacks');
    const pending = this.pendingList();
    lists.merge(LIST_YOUNG, LIST_INCREMENT);
    let size = lists.sizeOf[LIST_INCREMENT] as number;
    while (size < this.workToDo && lists.headOf[pending] !== -1) {
      const first = lists.headOf[pending] as number;
      lists.move(first, LIST_INCREMENT);
      size += 1 + this.expandRegion(first);
    }
    if (this.hook) this.emit('increment', lists.toArray(LIST_INCREMENT));
    const result = this.collectRegion(LIST_INCREMENT, this.visitedList());
    this.workToDo -= size;
    if (lists.headOf[pending] === -1) this.completedScavenge();
    return result;
  }

  /** `gc_collect_full`: young and both spaces collected as one; then a new cycle starts. */
  private collectFull(): { collected: number; uncollectable: number } {
    const lists = this.lists;
    const visited = this.visitedList();
    this.untrackContainers(LIST_YOUNG, 'tuple', 'untrack-tuples');
    lists.merge(LIST_YOUNG, this.pendingList());
    lists.merge(this.pendingList(), visited);
    this.counts[0] = 0;
    const result = this.collectRegion(visited, visited);
    this.counts[0] = 0;
    this.oldCounts[0] = 0;
    this.oldCounts[1] = 0;
    this.completedScavenge();
    this.clearFreeLists?.();
    return result;
  }

  /** `gc_collect_region(from, to)`: deduce_unreachable, untrack_tuples, survivors to `to`, then the rest. */
  private collectRegion(from: number, to: number): { collected: number; uncollectable: number } {
    this.deduceUnreachable(from, LIST_UNREACHABLE);
    this.untrackContainers(from, 'tuple', 'untrack-tuples');
    this.lists.merge(from, to);
    return this.handleUnreachable(to, null);
  }

  /** `assess_work_to_do`: the new objects plus a slice of the heap (capped); resets youngCount. */
  private assessWorkToDo(): number {
    const scale = Math.max(this.thresholds[1] as number, INCREMENTAL.minScale);
    const newObjects = this.counts[0] as number;
    const { numerator, denominator } = INCREMENTAL.heapFractionCap;
    const cap = Math.trunc((newObjects * numerator) / denominator);
    const heapFraction = Math.trunc(
      Math.trunc(this.heapSize / INCREMENTAL.scanRateDivisor) / scale,
    );
    this.counts[0] = 0;
    return newObjects + Math.min(heapFraction, cap);
  }

  /** `completed_scavenge`: flip the spaces (or, with frozen objects, refill pending); phase MARK. */
  private completedScavenge(): void {
    if (this.lists.sizeOf[LIST_PERMANENT] === 0) {
      this.visitedSpace ^= 1;
    } else {
      this.lists.merge(this.visitedList(), this.pendingList());
    }
    this.workToDo = 0;
    this.phase = 'mark';
  }

  /**
   * `mark_global_roots` / `mark_stacks` + `mark_all_reachable`: every root not yet
   * visited, and everything tracked and not visited it reaches, moves to the visited
   * space. Returns how many objects moved.
   */
  private markRoots(which: 'globals' | 'stacks'): number {
    const graph = this.graph;
    if (!graph.incrementalRoots) return 0;
    const lists = this.lists;
    let marked = 0;
    const visit = (id: number): void => {
      if (this.moveIfNotVisited(id, LIST_REACHABLE)) marked++;
    };
    graph.incrementalRoots(which, visit);
    const visited = this.visitedList();
    const moved = this.hook ? ([] as number[]) : null;
    while (lists.headOf[LIST_REACHABLE] !== -1) {
      const id = lists.headOf[LIST_REACHABLE] as number;
      lists.move(id, visited);
      moved?.push(id);
      graph.traverse(id, visit);
    }
    if (moved) this.emit('mark-roots', moved);
    return marked;
  }

  /**
   * `expand_region_transitively_reachable` from `start` (already in the increment):
   * every tracked object reached that is not in the visited space joins the increment
   * (immortal ones go to permanent instead). Returns how many joined.
   */
  private expandRegion(start: number): number {
    const lists = this.lists;
    let added = 0;
    const visit = (id: number): void => {
      if (this.moveIfNotVisited(id, LIST_INCREMENT)) added++;
    };
    let id = start;
    while (id !== -1) {
      if (this.graph.isImmortal(id)) {
        const next = lists.next[id] as number;
        lists.move(id, LIST_PERMANENT);
        id = next;
        continue;
      }
      // The traverse may append to the increment: read `next` afterwards.
      this.graph.traverse(id, visit);
      id = lists.next[id] as number;
    }
    return added;
  }

  /** `visit_add_to_container` / `move_to_reachable`: a tracked, mortal object not yet visited moves to `list`. */
  private moveIfNotVisited(id: number, list: number): boolean {
    const lists = this.lists;
    const at = lists.listOf(id);
    if (at !== LIST_YOUNG && at !== this.pendingList()) return false;
    if (!this.graph.isGc(id) || this.graph.isImmortal(id)) return false;
    lists.move(id, list);
    return true;
  }

  private visitedList(): number {
    return LIST_OLD0 + this.visitedSpace;
  }

  private pendingList(): number {
    return LIST_OLD0 + (this.visitedSpace ^ 1);
  }

  /** `GEN_HEAD(g)`: young, the visited space, the pending space. */
  private generationList(generation: number): number {
    if (generation === 0) return LIST_YOUNG;
    return generation === 1 ? this.visitedList() : this.pendingList();
  }

  /** `gc.get_count()` = (young.count, old[visited].count, old[pending].count). */
  private syncCounts(): void {
    this.counts[1] = this.oldCounts[this.visitedSpace] as number;
    this.counts[2] = this.oldCounts[this.visitedSpace ^ 1] as number;
  }
}
