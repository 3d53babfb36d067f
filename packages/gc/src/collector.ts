/**
 * CPython's generational cycle collector, phase by phase, exact per version.
 *
 * Models `collect` / `collect_with_callback` / `collect_generations` and their helpers
 * in Modules/gcmodule.c (3.8–3.12) and `gc_collect_main` in Python/gc.c (3.13, and
 * 3.14.5+ which restored it). The 3.14.0–3.14.4 incremental collector is the subclass
 * `IncrementalCollector` (incremental.ts); constructing this class for one of those
 * releases throws {@link CollectorVariantError}.
 *
 *   allocation ──► count[0]++ ──(count[0] > threshold[0], enabled, not collecting)──►
 *       3.8–3.11: collect now          3.12+: schedule; `runScheduled()` collects
 *
 *   gen0 ──► gen1 ──► gen2            permanent (gc.freeze, 3.12/3.13 immortals)
 *   └─ young ─┘  old = next generation (gen2: old = young)
 *
 *   collect(g):  counts → merge younger lists into g → update_refs → subtract_refs →
 *     move_unreachable → untrack_tuples → (g<2: merge young into old | g=2:
 *     untrack_dicts ≤3.13, long-lived bookkeeping) → move_legacy_finalizers (+ what they
 *     reach) → handle_weakrefs → finalize_garbage → resurrection check (3.8
 *     check_garbage: all or nothing; 3.9+ handle_resurrected_objects) → delete_garbage
 *     → handle_legacy_finalizers → (g=2: clear free lists) → stats
 *
 * States of a tracked object: in one generation list (or permanent); during a
 * collection also in a scratch list (unreachable, finalizers, wrcb_to_call, seen,
 * final_unreachable) with COLLECTING/UNREACHABLE bits; FINALIZED once tp_finalize ran.
 *
 * Invariants (`validate()`):
 *   1. Outside a collection every tracked object is in gen0..gen2 or permanent, and
 *      no COLLECTING/UNREACHABLE bit is set (validate_list).
 *   2. count[1] = gen0 collections since the last collection of gen ≥ 1; count[2] =
 *      gen1 collections since the last gen2 collection.
 *   3. collect() returns collected + uncollectable, and get_stats()[g] sums them.
 */
import type { ProfileName } from '@pymem/versions';
import {
  type CollectorVariant,
  collectorVariant,
  DEBUG_FLAGS,
  type GcConstants,
  gcConstants,
  NUM_GENERATIONS,
} from './constants.ts';
import type { GcListener, GcPhase, GcReason } from './events.ts';
import type { GcGraph } from './graph.ts';
import {
  FLAG_COLLECTING,
  FLAG_FINALIZED,
  FLAG_UNREACHABLE,
  GcLists,
  LIST_FINAL,
  LIST_FINALIZERS,
  LIST_GEN0,
  LIST_PERMANENT,
  LIST_SEEN,
  LIST_UNREACHABLE,
  LIST_UNTRACKED,
  LIST_WRCB,
  validateLists,
} from './internal/gc-lists.ts';

/** The info dict `gc.callbacks` receive: `{"generation", "collected", "uncollectable"}`. */
export interface GcCallbackInfo {
  readonly generation: number;
  readonly collected: number;
  readonly uncollectable: number;
}

/** A `gc.callbacks` entry: called with `'start'` before and `'stop'` after each collection. */
export type GcCallback = (phase: 'start' | 'stop', info: GcCallbackInfo) => void;

/** One entry of `gc.get_stats()`: cumulative per generation. */
export interface GcGenerationStats {
  readonly collections: number;
  readonly collected: number;
  readonly uncollectable: number;
}

/** Options for {@link Collector}. */
export interface CollectorOptions {
  /** The CPython profile to behave like. */
  readonly profile: ProfileName;
  /** The objects. */
  readonly graph: GcGraph;
  /** The patch release; 3.14 with patch ≤ 4 runs the incremental collector (`IncrementalCollector`). */
  readonly patch?: number;
  /** Receives DEBUG_* text, as CPython writes it to `sys.stderr`. Default: discarded. */
  readonly debugOutput?: (text: string) => void;
  /** Receives an exception a `gc.callbacks` entry threw (CPython: `PyErr_WriteUnraisable`). */
  readonly unraisable?: (error: unknown) => void;
  /** Milliseconds, for DEBUG_STATS' elapsed time. Default `Date.now`. */
  readonly clock?: () => number;
  /** Optional `clear_freelists()` after every generation-2 collection (the object layer's free lists). */
  readonly clearFreeLists?: () => void;
  /**
   * Optional: runs around the `gc.callbacks` calls of each phase, even when there are
   * none — 3.12+ `invoke_gc_callback` makes the phase str (`'start'`/`'stop'`) before
   * looking at the list and drops it after: `before` makes it, the returned function
   * drops it.
   */
  readonly aroundCallbacks?: (phase: 'start' | 'stop') => () => void;
}

/** Thrown when a `Collector` is built for a release that runs the other collector (3.14.0–3.14.4: use `IncrementalCollector`). */
export class CollectorVariantError extends Error {
  /** Stable error code. */
  readonly code = 'gc-variant-unsupported' as const;
}

/** Thrown when the object layer breaks the collector's contract (e.g. tracking twice). */
export class CollectorUsageError extends Error {
  /** Stable error code. */
  readonly code = 'gc-usage' as const;
}

const EMPTY = new Int32Array(0);

/** The cycle collector of one modelled interpreter. See the module comment. */
export class Collector {
  /** Per-version behaviour. */
  readonly constants: GcConstants;
  /** Which collector this is: `'incremental'` for `IncrementalCollector` (3.14.0–3.14.4). */
  readonly variant: CollectorVariant;
  /** The objects collected. */
  readonly graph: GcGraph;
  /** One fast hook (the runtime fans it out); nothing is built while unset. */
  hook: GcListener | undefined = undefined;
  /** `gc.callbacks`. */
  readonly callbacks: GcCallback[] = [];
  /** `gc.garbage`: ids, each holding a reference through `graph.holdInGarbage`. */
  readonly garbage: number[] = [];
  /** `gc.get_debug()` flags. */
  debug = 0;
  /** `gc.isenabled()`. */
  enabled = true;
  /** `gc.get_threshold()`. */
  readonly thresholds: [number, number, number];
  /** `gc.get_count()`. */
  readonly counts: [number, number, number] = [0, 0, 0];
  /** Objects added to gen2 by gen1 collections since the last full collection. */
  longLivedPending = 0;
  /** Survivors of the last full collection. */
  longLivedTotal = 0;
  /** A collection is running (`gcstate->collecting`). */
  collecting = false;
  /** 3.12+: a collection is scheduled for the next eval-breaker check. */
  scheduled = false;

  protected readonly lists: GcLists = new GcLists();
  protected readonly stats: { collections: number; collected: number; uncollectable: number }[] = [
    { collections: 0, collected: 0, uncollectable: 0 },
    { collections: 0, collected: 0, uncollectable: 0 },
    { collections: 0, collected: 0, uncollectable: 0 },
  ];
  protected readonly debugOutput: (text: string) => void;
  private readonly unraisable: (error: unknown) => void;
  protected readonly clock: () => number;
  protected readonly clearFreeLists: (() => void) | undefined;
  private readonly aroundCallbacks: ((phase: 'start' | 'stop') => () => void) | undefined;
  protected currentGeneration = 0;
  private moveTarget = LIST_GEN0;
  /** See {@link scanLastInNextCollection}. */
  private lateReferents: readonly number[] | null = null;

  /** @throws CollectorVariantError for 3.14.0–3.14.4 (they run the incremental collector: use `IncrementalCollector`). */
  constructor(options: CollectorOptions) {
    const variant = collectorVariant(options.profile, options.patch);
    if (variant !== (new.target === Collector ? 'generational' : 'incremental')) {
      throw new CollectorVariantError(
        `CPython ${options.profile}${options.patch === undefined ? '' : `.${options.patch}`} runs the ${variant} collector; ` +
          `use ${variant === 'incremental' ? 'IncrementalCollector' : 'Collector'} for it.`,
      );
    }
    this.variant = variant;
    this.constants = gcConstants(options.profile);
    this.graph = options.graph;
    this.thresholds = [...this.constants.thresholds];
    this.debugOutput = options.debugOutput ?? (() => {});
    this.unraisable = options.unraisable ?? (() => {});
    this.clock = options.clock ?? Date.now;
    this.clearFreeLists = options.clearFreeLists;
    this.aroundCallbacks = options.aroundCallbacks;
  }

  // ---- what the object layer calls -------------------------------------------------

  /**
   * A GC object was allocated through the GC allocator (`_PyObject_GC_Alloc` 3.8–3.10,
   * `_PyObject_GC_Link` 3.11+), tracked or not; free-list reuse must not call this.
   * May run an automatic collection (3.8–3.11) or schedule one (3.12+).
   */
  onGcAllocation(): void {
    this.counts[0] = (this.counts[0] as number) + 1;
    if (
      this.counts[0] > this.thresholds[0] &&
      this.enabled &&
      this.thresholds[0] !== 0 &&
      !this.collecting
    ) {
      if (this.constants.automaticCollection === 'immediate') {
        this.collecting = true;
        try {
          this.collectGenerations();
        } finally {
          this.collecting = false;
        }
      } else if (!this.scheduled) {
        this.scheduled = true;
        this.hook?.({ type: 'gc-scheduled', counts: [...this.counts] });
      }
    }
  }

  /** A GC object is being freed (`PyObject_GC_Del`): unlinked if tracked, count[0] -= 1 if > 0. */
  onGcDeallocation(id: number): void {
    if (this.lists.listOf(id) !== LIST_UNTRACKED) this.lists.remove(id);
    if (id < this.lists.flags.length) this.lists.flags[id] = 0;
    if (this.counts[0] > 0) this.counts[0] = (this.counts[0] as number) - 1;
  }

  /**
   * `PyObject_GC_Track`: appends `id` to gen0.
   * @throws CollectorUsageError if it is already tracked.
   */
  track(id: number): void {
    this.lists.ensure(id);
    if (this.lists.listOf(id) !== LIST_UNTRACKED)
      throw new CollectorUsageError(`object ${id} is already tracked`);
    this.lists.append(id, LIST_GEN0);
  }

  /**
   * Appends `id` to generation `generation` (0–2) or the permanent one, as a heap
   * snapshot found it there; counts are untouched (see `counts`).
   * @throws CollectorUsageError if it is already tracked.
   */
  trackIn(id: number, generation: number | 'permanent'): void {
    this.lists.ensure(id);
    if (this.lists.listOf(id) !== LIST_UNTRACKED)
      throw new CollectorUsageError(`object ${id} is already tracked`);
    this.lists.append(id, generation === 'permanent' ? LIST_PERMANENT : LIST_GEN0 + generation);
  }

  /** `PyObject_GC_UnTrack`: unlinks `id` if tracked (no-op otherwise); only FINALIZED survives. */
  untrack(id: number): void {
    if (this.lists.listOf(id) === LIST_UNTRACKED) return;
    this.lists.remove(id);
    this.lists.flags[id] = (this.lists.flags[id] as number) & FLAG_FINALIZED;
  }

  /** `_PyObject_GC_IS_TRACKED(id)`. */
  isTracked(id: number): boolean {
    return this.lists.listOf(id) !== LIST_UNTRACKED;
  }

  /** The generation (0–2), `'permanent'`, or null when untracked (or mid-collection in a scratch list). */
  generationOf(id: number): number | 'permanent' | null {
    const list = this.lists.listOf(id);
    if (list >= LIST_GEN0 && list < LIST_GEN0 + NUM_GENERATIONS) return list - LIST_GEN0;
    return list === LIST_PERMANENT ? 'permanent' : null;
  }

  /** `_PyGC_FINALIZED(id)`: tp_finalize already ran for this object. */
  isFinalized(id: number): boolean {
    return (
      id < this.lists.flags.length && ((this.lists.flags[id] as number) & FLAG_FINALIZED) !== 0
    );
  }

  /** `_PyGC_SET_FINALIZED(id)`: tp_finalize ran outside a collection (e.g. from dealloc). */
  setFinalized(id: number): void {
    this.lists.ensure(id);
    this.lists.flags[id] = (this.lists.flags[id] as number) | FLAG_FINALIZED;
  }

  /**
   * 3.12+ `_Py_RunGC`, at an eval-breaker check: if a collection was scheduled, picks
   * the generation by thresholds and collects it. Returns what the collection found
   * (0 when nothing ran).
   */
  runScheduled(): number {
    if (!this.scheduled) return 0;
    this.scheduled = false;
    if (!this.enabled || this.collecting) return 0;
    this.collecting = true;
    try {
      return this.collectGenerations();
    } finally {
      this.collecting = false;
    }
  }

  // ---- the gc module's state -------------------------------------------------------

  /**
   * `gc.collect(generation)` semantics without argument checking (see `GcModule`):
   * runs a collection with callbacks even when disabled; returns 0 without collecting
   * when one is already running.
   */
  collect(generation: number, reason: GcReason = 'manual'): number {
    if (this.collecting) return 0;
    this.collecting = true;
    try {
      return this.collectWithCallback(generation, reason);
    } finally {
      this.collecting = false;
    }
  }

  /**
   * The next collection sees `referents` (with repeats, in order) as held by one more
   * container that is collected with them and scanned last: their gc_refs lose those
   * references, and once move_unreachable has scanned everything else, the container is
   * rescued and visits them in this order (what it reaches comes back to the end of the
   * young list in that order). Models the `__main__` module's dict at a program's first
   * full collection: it only has references from inside the collected set (module,
   * functions, 3.8–3.10 frames), is met before the objects it names and moved out,
   * then rescued at the end of the list through the module — measured on 3.8.18–3.13.0:
   * after `o, p = p, o` the first gc.collect() leaves p's object before o's.
   */
  scanLastInNextCollection(referents: readonly number[]): void {
    this.lateReferents = referents;
  }

  /** Number of tracked objects in generation `g` (0–2). */
  generationSize(generation: number): number {
    return this.lists.sizeOf[LIST_GEN0 + generation] as number;
  }

  /** `gc.get_objects(generation)` as ids: one generation, or gen0..gen2 when null. */
  objectsIn(generation: number | null): number[] {
    if (generation !== null) return this.lists.toArray(LIST_GEN0 + generation);
    const out: number[] = [];
    for (let g = 0; g < NUM_GENERATIONS; g++) out.push(...this.lists.toArray(LIST_GEN0 + g));
    return out;
  }

  /** `gc.get_stats()`: a fresh copy per generation. */
  getStats(): GcGenerationStats[] {
    return this.stats.map((entry) => ({ ...entry }));
  }

  /** `gc.freeze()`: every generation moves to the permanent one; all counts become 0. */
  freeze(): void {
    for (let g = 0; g < NUM_GENERATIONS; g++) {
      this.lists.merge(LIST_GEN0 + g, LIST_PERMANENT);
      this.counts[g] = 0;
    }
  }

  /** `gc.unfreeze()`: the permanent generation joins the oldest one. */
  unfreeze(): void {
    this.lists.merge(LIST_PERMANENT, LIST_GEN0 + NUM_GENERATIONS - 1);
  }

  /** `gc.get_freeze_count()`. */
  freezeCount(): number {
    return this.lists.sizeOf[LIST_PERMANENT] as number;
  }

  /** Ids tracked in gen0..gen2 that refer to any of `ids` (`gc.get_referrers`). */
  referrers(ids: readonly number[]): number[] {
    const wanted = new Set(ids);
    const out: number[] = [];
    let hit = false;
    const visit = (referent: number): void => {
      if (wanted.has(referent)) hit = true;
    };
    for (let g = 0; g < NUM_GENERATIONS; g++) {
      const list = LIST_GEN0 + g;
      for (
        let id = this.lists.headOf[list] as number;
        id !== -1;
        id = this.lists.next[id] as number
      ) {
        hit = false;
        this.graph.traverse(id, visit);
        if (hit) out.push(id);
      }
    }
    return out;
  }

  /** Referents of the GC objects among `ids`, in order, duplicates kept (`gc.get_referents`). */
  referents(ids: readonly number[]): number[] {
    const out: number[] = [];
    for (const id of ids) if (this.graph.isGc(id)) this.graph.traverse(id, (r) => out.push(r));
    return out;
  }

  /** Checks invariant 1 (and the list structure); returns the problems found. */
  validate(): string[] {
    const problems = validateLists(this.lists, !this.collecting);
    for (let list = LIST_UNREACHABLE; list < this.lists.sizeOf.length && !this.collecting; list++) {
      if (this.lists.sizeOf[list] !== 0) problems.push(`scratch list ${list} is not empty`);
    }
    return problems;
  }

  // ---- collection ------------------------------------------------------------------

  /** `collect_generations` (3.8–3.12) / `gc_select_generation` (3.13): the oldest generation over its threshold. */
  private collectGenerations(): number {
    for (let g = NUM_GENERATIONS - 1; g >= 0; g--) {
      if ((this.counts[g] as number) > (this.thresholds[g] as number)) {
        // A full collection also waits until a quarter of the long-lived objects are new.
        if (
          g === NUM_GENERATIONS - 1 &&
          this.longLivedPending < Math.trunc(this.longLivedTotal / 4)
        )
          continue;
        return this.collectWithCallback(g, 'automatic');
      }
    }
    return 0;
  }

  /** `collect_with_callback`: callbacks around `collect`. */
  private collectWithCallback(generation: number, reason: GcReason): number {
    this.invokeCallbacks('start', { generation, collected: 0, uncollectable: 0 });
    const { collected, uncollectable } = this.collectMain(generation, reason);
    this.invokeCallbacks('stop', { generation, collected, uncollectable });
    return collected + uncollectable;
  }

  /** `invoke_gc_callback`: by index, so callbacks appended meanwhile are called too. */
  private invokeCallbacks(phase: 'start' | 'stop', info: GcCallbackInfo): void {
    const after = this.aroundCallbacks?.(phase);
    try {
      this.callEach(phase, info);
    } finally {
      after?.();
    }
  }

  private callEach(phase: 'start' | 'stop', info: GcCallbackInfo): void {
    for (let i = 0; i < this.callbacks.length; i++) {
      try {
        (this.callbacks[i] as GcCallback)(phase, { ...info });
      } catch (error) {
        this.unraisable(error);
      }
    }
  }

  /**
   * What every collection does first, in both collectors: remembers the generation,
   * prints the DEBUG_STATS header (generation sizes, permanent count) and emits
   * `gc-start` with the counts and sizes it started from.
   */
  protected beginCollection(generation: number, reason: GcReason): void {
    this.currentGeneration = generation;
    if ((this.debug & DEBUG_FLAGS.DEBUG_STATS) !== 0) {
      const sizes = [0, 1, 2].map((g) => ` ${this.generationSize(g)}`).join('');
      this.debugOutput(
        `gc: collecting generation ${generation}...\n` +
          `gc: objects in each generation:${sizes}\n` +
          `gc: objects in permanent generation: ${this.freezeCount()}\n`,
      );
    }
    this.hook?.({
      type: 'gc-start',
      generation,
      reason,
      counts: [...this.counts],
      generationSizes: [this.generationSize(0), this.generationSize(1), this.generationSize(2)],
    });
  }

  /** `collect` (3.8–3.12) / `gc_collect_main` (3.13): one collection of `generation`. */
  protected collectMain(
    generation: number,
    reason: GcReason,
  ): { collected: number; uncollectable: number } {
    const lists = this.lists;
    const stats = (this.debug & DEBUG_FLAGS.DEBUG_STATS) !== 0;
    const started = stats ? this.clock() : 0;
    this.beginCollection(generation, reason);

    if (generation + 1 < NUM_GENERATIONS)
      this.counts[generation + 1] = (this.counts[generation + 1] as number) + 1;
    for (let g = 0; g <= generation; g++) this.counts[g] = 0;
    for (let g = 0; g < generation; g++) lists.merge(LIST_GEN0 + g, LIST_GEN0 + generation);
    const young = LIST_GEN0 + generation;
    const old = generation < NUM_GENERATIONS - 1 ? young + 1 : young;

    this.deduceUnreachable(young, LIST_UNREACHABLE);
    this.untrackContainers(young, 'tuple', 'untrack-tuples');
    if (young !== old) {
      if (generation === NUM_GENERATIONS - 2)
        this.longLivedPending += lists.sizeOf[young] as number;
      lists.merge(young, old);
    } else {
      if (this.constants.untrackDicts) this.untrackContainers(young, 'dict', 'untrack-dicts');
      this.longLivedPending = 0;
      this.longLivedTotal = lists.sizeOf[young] as number;
    }

    const { collected, uncollectable } = this.handleUnreachable(old, stats ? started : null);
    if (generation === NUM_GENERATIONS - 1) this.clearFreeLists?.();

    const entry = this.stats[generation]!;
    entry.collections++;
    entry.collected += collected;
    entry.uncollectable += uncollectable;
    this.hook?.({ type: 'gc-stop', generation, collected, uncollectable });
    return { collected, uncollectable };
  }

  /**
   * The rest of a collection once `unreachable` is known and the survivors joined
   * `old`: legacy finalizers, weakrefs, tp_finalize, resurrection, tp_clear, gc.garbage
   * (the second half of `collect` / `gc_collect_main` / `gc_collect_region`). With a
   * start time, writes DEBUG_STATS' "done" line.
   */
  protected handleUnreachable(
    old: number,
    started: number | null,
  ): { collected: number; uncollectable: number } {
    const lists = this.lists;
    this.moveLegacyFinalizers();
    if (this.debug & DEBUG_FLAGS.DEBUG_COLLECTABLE)
      this.debugCycle('collectable', LIST_UNREACHABLE);
    let collected = this.handleWeakrefs(old);
    this.finalizeGarbage();

    let doomed = LIST_UNREACHABLE;
    if (this.constants.resurrection === 'all-or-nothing') {
      if (this.checkGarbage()) {
        this.emitList('resurrected', LIST_UNREACHABLE);
        lists.merge(LIST_UNREACHABLE, old);
      }
    } else {
      this.handleResurrectedObjects(old);
      doomed = LIST_FINAL;
    }
    if (this.constants.clearWeakrefsAfterFinalize) this.clearWeakrefsOf(doomed);
    collected += lists.sizeOf[doomed] as number;
    this.deleteGarbage(doomed, old);

    const uncollectable = lists.sizeOf[LIST_FINALIZERS] as number;
    if (this.debug & DEBUG_FLAGS.DEBUG_UNCOLLECTABLE)
      this.debugCycle('uncollectable', LIST_FINALIZERS);
    if (started !== null) {
      const seconds = (this.clock() - started) / 1000;
      this.debugOutput(
        `gc: done, ${collected + uncollectable} unreachable, ${uncollectable} uncollectable, ${seconds.toFixed(4)}s elapsed\n`,
      );
    }
    this.handleLegacyFinalizers(old);
    return { collected, uncollectable };
  }

  /** `deduce_unreachable` (3.9+; inline in 3.8's collect): update_refs, subtract_refs, move_unreachable. */
  protected deduceUnreachable(base: number, unreachable: number): void {
    const late = this.lateReferents;
    this.lateReferents = null;
    this.updateRefs(base);
    this.subtractRefs(base);
    if (late !== null) for (const id of late) this.visitDecref(id);
    this.moveUnreachable(base, unreachable, late);
  }

  /** `update_refs`: gc_refs := refcount, COLLECTING set; 3.12/3.13 park immortals in permanent, 3.14 untracks them. */
  private updateRefs(base: number): void {
    const lists = this.lists;
    const graph = this.graph;
    const immortals = this.constants.immortalInYoung;
    const touched = this.hook ? ([] as number[]) : null;
    const parked = this.hook && immortals !== 'none' ? ([] as number[]) : null;
    let next: number;
    for (let id = lists.headOf[base] as number; id !== -1; id = next) {
      next = lists.next[id] as number;
      if (immortals !== 'none' && graph.isImmortal(id)) {
        if (immortals === 'to-permanent') lists.move(id, LIST_PERMANENT);
        else {
          lists.remove(id);
          graph.untracked?.(id);
        }
        parked?.push(id);
        continue;
      }
      lists.refs[id] = graph.refcount(id);
      lists.flags[id] = (lists.flags[id] as number) | FLAG_COLLECTING;
      touched?.push(id);
    }
    if (touched) this.emit('update-refs', touched);
    if (parked && parked.length > 0) this.emit('immortal-to-permanent', parked);
  }

  private readonly visitDecref = (referent: number): void => {
    const lists = this.lists;
    if (referent < lists.flags.length && (lists.flags[referent] as number) & FLAG_COLLECTING)
      lists.refs[referent] = (lists.refs[referent] as number) - 1;
  };

  /** `subtract_refs`: every reference from inside the set is taken off its target's gc_refs. */
  private subtractRefs(base: number): void {
    const lists = this.lists;
    for (let id = lists.headOf[base] as number; id !== -1; id = lists.next[id] as number)
      this.graph.traverse(id, this.visitDecref);
    if (this.hook) this.emitList('subtract-refs', base);
  }

  private readonly visitReachable = (referent: number): void => {
    const lists = this.lists;
    if (referent >= lists.flags.length) return;
    const flags = lists.flags[referent] as number;
    if (!(flags & FLAG_COLLECTING)) return;
    if (flags & FLAG_UNREACHABLE) {
      lists.move(referent, this.moveTarget);
      lists.flags[referent] = flags & ~FLAG_UNREACHABLE;
      lists.refs[referent] = 1;
    } else if (lists.refs[referent] === 0) {
      lists.refs[referent] = 1;
    }
  };

  /**
   * `move_unreachable`: scan `base` in order; gc_refs > 0 means reachable — its
   * referents become reachable too (those already moved out come back to the end of
   * `base`); gc_refs == 0 moves the object to `unreachable` for now.
   */
  private moveUnreachable(
    base: number,
    unreachable: number,
    late: readonly number[] | null = null,
  ): void {
    const lists = this.lists;
    this.moveTarget = base;
    let id = lists.headOf[base] as number;
    for (;;) {
      if (id === -1) {
        if (late === null) break;
        // The late container's scan: what it reaches is appended after the current tail.
        const tail = lists.tailOf[base] as number;
        for (const referent of late) this.visitReachable(referent);
        late = null;
        id = tail === -1 ? (lists.headOf[base] as number) : (lists.next[tail] as number);
        continue;
      }
      if ((lists.refs[id] as number) > 0) {
        this.graph.traverse(id, this.visitReachable);
        lists.flags[id] = (lists.flags[id] as number) & ~FLAG_COLLECTING;
        id = lists.next[id] as number;
      } else {
        const next = lists.next[id] as number;
        lists.move(id, unreachable);
        lists.flags[id] = (lists.flags[id] as number) | FLAG_UNREACHABLE;
        id = next;
      }
    }
    if (this.hook) this.emitList('move-unreachable', unreachable);
  }

  /** `_PyObject_GC_MAY_BE_TRACKED`: a GC object that is not an untracked tuple. */
  private mayBeTracked(id: number): boolean {
    return this.graph.isGc(id) && (this.graph.kind(id) !== 'tuple' || this.isTracked(id));
  }

  /** `untrack_tuples` / `untrack_dicts` with `_PyTuple_MaybeUntrack` / `_PyDict_MaybeUntrack`. */
  protected untrackContainers(base: number, kind: 'tuple' | 'dict', phase: GcPhase): void {
    const lists = this.lists;
    const graph = this.graph;
    const untracked = this.hook ? ([] as number[]) : null;
    let keep = false;
    const visit = (referent: number): void => {
      if (!keep && this.mayBeTracked(referent)) keep = true;
    };
    let next: number;
    for (let id = lists.headOf[base] as number; id !== -1; id = next) {
      next = lists.next[id] as number;
      if (graph.kind(id) !== kind) continue;
      keep = false;
      graph.traverse(id, visit);
      if (!keep) {
        lists.remove(id);
        lists.flags[id] = (lists.flags[id] as number) & FLAG_FINALIZED;
        graph.untracked?.(id);
        untracked?.push(id);
      }
    }
    if (untracked) this.emit(phase, untracked);
  }

  /** `move_legacy_finalizers` + `move_legacy_finalizer_reachable`. */
  private moveLegacyFinalizers(): void {
    const lists = this.lists;
    let next: number;
    for (let id = lists.headOf[LIST_UNREACHABLE] as number; id !== -1; id = next) {
      next = lists.next[id] as number;
      lists.flags[id] = (lists.flags[id] as number) & ~FLAG_UNREACHABLE;
      if (this.graph.hasLegacyFinalizer(id)) {
        lists.flags[id] = (lists.flags[id] as number) & ~FLAG_COLLECTING;
        lists.move(id, LIST_FINALIZERS);
      }
    }
    const visitMove = (referent: number): void => {
      if (referent < lists.flags.length && (lists.flags[referent] as number) & FLAG_COLLECTING) {
        lists.move(referent, LIST_FINALIZERS);
        lists.flags[referent] = (lists.flags[referent] as number) & ~FLAG_COLLECTING;
      }
    };
    for (let id = lists.headOf[LIST_FINALIZERS] as number; id !== -1; id = lists.next[id] as number)
      this.graph.traverse(id, visitMove);
    if (this.hook) this.emitList('move-legacy-finalizers', LIST_FINALIZERS);
  }

  /**
   * `handle_weakrefs`: clear weakrefs that are garbage and every weakref to garbage;
   * call the callbacks of those weakrefs that are not garbage themselves. Returns the
   * number of such weakrefs their callback freed.
   */
  private handleWeakrefs(old: number): number {
    const lists = this.lists;
    const graph = this.graph;
    const cleared = this.hook ? ([] as number[]) : null;
    let next: number;
    for (let id = lists.headOf[LIST_UNREACHABLE] as number; id !== -1; id = next) {
      next = lists.next[id] as number;
      if (graph.isWeakref(id)) {
        graph.clearWeakref(id);
        cleared?.push(id);
      }
      for (let wr = graph.firstWeakref(id); wr !== -1; wr = graph.firstWeakref(id)) {
        graph.clearWeakref(wr);
        cleared?.push(wr);
        if (!graph.weakrefHasCallback(wr)) continue;
        // A weakref that is itself garbage gets no callback.
        if (wr < lists.flags.length && (lists.flags[wr] as number) & FLAG_COLLECTING) continue;
        lists.ensure(wr);
        if (lists.listOf(wr) === LIST_UNTRACKED)
          throw new CollectorUsageError(`weakref ${wr} has a callback but is not tracked`);
        lists.move(wr, LIST_WRCB);
      }
    }
    if (cleared) this.emit('handle-weakrefs', cleared);
    let freed = 0;
    while (lists.headOf[LIST_WRCB] !== -1) {
      const wr = lists.headOf[LIST_WRCB] as number;
      graph.callWeakrefCallback(wr);
      const alive = lists.headOf[LIST_WRCB] === wr;
      if (alive) lists.move(wr, old);
      else freed++;
      this.hook?.({
        type: 'gc-weakref-callback',
        generation: this.currentGeneration,
        weakref: wr,
        freed: !alive,
      });
    }
    return freed;
  }

  /** The 3.14 second pass: weakrefs to the final garbage are cleared, no callbacks. */
  private clearWeakrefsOf(list: number): void {
    const lists = this.lists;
    const graph = this.graph;
    for (let id = lists.headOf[list] as number; id !== -1; id = lists.next[id] as number) {
      if (graph.isWeakref(id)) graph.clearWeakref(id);
      for (let wr = graph.firstWeakref(id); wr !== -1; wr = graph.firstWeakref(id))
        graph.clearWeakref(wr);
    }
  }

  /** `finalize_garbage`: tp_finalize once per object (FINALIZED), in list order. */
  private finalizeGarbage(): void {
    const lists = this.lists;
    const graph = this.graph;
    const finalized = this.hook ? ([] as number[]) : null;
    while (lists.headOf[LIST_UNREACHABLE] !== -1) {
      const id = lists.headOf[LIST_UNREACHABLE] as number;
      lists.move(id, LIST_SEEN);
      const flags = lists.flags[id] as number;
      if (!(flags & FLAG_FINALIZED) && graph.hasFinalizer(id)) {
        lists.flags[id] = flags | FLAG_FINALIZED;
        graph.finalize(id);
        finalized?.push(id);
      }
    }
    lists.merge(LIST_SEEN, LIST_UNREACHABLE);
    if (finalized) this.emit('finalize-garbage', finalized);
  }

  /** 3.8 `check_garbage`: true (keep everything) if anything in the set is referenced from outside. */
  private checkGarbage(): boolean {
    const lists = this.lists;
    for (
      let id = lists.headOf[LIST_UNREACHABLE] as number;
      id !== -1;
      id = lists.next[id] as number
    )
      lists.refs[id] = this.graph.refcount(id);
    for (
      let id = lists.headOf[LIST_UNREACHABLE] as number;
      id !== -1;
      id = lists.next[id] as number
    )
      this.graph.traverse(id, this.visitDecref);
    let resurrected = false;
    for (
      let id = lists.headOf[LIST_UNREACHABLE] as number;
      id !== -1;
      id = lists.next[id] as number
    ) {
      if (lists.refs[id] !== 0) resurrected = true;
      lists.flags[id] = (lists.flags[id] as number) & ~FLAG_COLLECTING;
    }
    return resurrected;
  }

  /** 3.9+ `handle_resurrected_objects`: rerun deduce_unreachable; the resurrected go to `old`. */
  private handleResurrectedObjects(old: number): void {
    const lists = this.lists;
    for (
      let id = lists.headOf[LIST_UNREACHABLE] as number;
      id !== -1;
      id = lists.next[id] as number
    )
      lists.flags[id] = (lists.flags[id] as number) & ~FLAG_COLLECTING;
    const hook = this.hook;
    this.hook = undefined; // the inner deduce_unreachable is reported as one 'resurrected' phase
    try {
      this.deduceUnreachable(LIST_UNREACHABLE, LIST_FINAL);
    } finally {
      this.hook = hook;
    }
    for (let id = lists.headOf[LIST_FINAL] as number; id !== -1; id = lists.next[id] as number)
      lists.flags[id] = (lists.flags[id] as number) & ~FLAG_UNREACHABLE;
    if (this.hook) this.emitList('resurrected', LIST_UNREACHABLE);
    lists.merge(LIST_UNREACHABLE, old);
  }

  /** `delete_garbage`: tp_clear each object (DEBUG_SAVEALL: into gc.garbage); survivors go to `old`. */
  private deleteGarbage(collectable: number, old: number): void {
    const lists = this.lists;
    const saveAll = (this.debug & DEBUG_FLAGS.DEBUG_SAVEALL) !== 0;
    const cleared = this.hook ? ([] as number[]) : null;
    while (lists.headOf[collectable] !== -1) {
      const id = lists.headOf[collectable] as number;
      cleared?.push(id);
      if (saveAll) {
        this.garbage.push(id);
        this.graph.holdInGarbage(id);
      } else {
        this.graph.clear(id);
      }
      if (lists.headOf[collectable] === id) {
        lists.flags[id] = (lists.flags[id] as number) & ~(FLAG_COLLECTING | FLAG_UNREACHABLE);
        lists.move(id, old);
      }
    }
    if (cleared) this.emit('delete-garbage', cleared);
  }

  /** `handle_legacy_finalizers`: tp_del objects (all, with DEBUG_SAVEALL) into gc.garbage; the rest of `finalizers` to `old`. */
  private handleLegacyFinalizers(old: number): void {
    const lists = this.lists;
    const saveAll = (this.debug & DEBUG_FLAGS.DEBUG_SAVEALL) !== 0;
    const appended = this.hook ? ([] as number[]) : null;
    for (
      let id = lists.headOf[LIST_FINALIZERS] as number;
      id !== -1;
      id = lists.next[id] as number
    ) {
      if (saveAll || this.graph.hasLegacyFinalizer(id)) {
        this.garbage.push(id);
        this.graph.holdInGarbage(id);
        appended?.push(id);
      }
    }
    lists.merge(LIST_FINALIZERS, old);
    if (appended) this.emit('handle-legacy-finalizers', appended);
  }

  /** `debug_cycle` for every object of `list`: `gc: <msg> <type 0xaddress>`. */
  private debugCycle(message: string, list: number): void {
    for (
      let id = this.lists.headOf[list] as number;
      id !== -1;
      id = this.lists.next[id] as number
    ) {
      this.debugOutput(
        `gc: ${message} <${this.graph.typeName(id)} 0x${this.graph.address(id).toString(16)}>\n`,
      );
    }
  }

  private emitList(phase: GcPhase, list: number): void {
    if (this.hook) this.emit(phase, this.lists.toArray(list));
  }

  protected emit(phase: GcPhase, objects: readonly number[]): void {
    this.hook?.({
      type: 'gc-phase',
      generation: this.currentGeneration,
      phase,
      objects: objects.length === 0 ? EMPTY : Int32Array.from(objects),
    });
  }
}
