/**
 * `import gc` on the model: the functions a program may call on the `gc` module, run
 * on a `HeapCollector` (`@pymem/gc`) attached to the run's heap when the module
 * imports gc. Each takes borrowed arguments and returns a new reference.
 *
 *   gc.collect([generation])   a collection of the model's objects; the count found
 *   gc.enable/disable/isenabled, gc.get_threshold, gc.set_threshold, gc.is_tracked
 *
 * What CPython makes for a result is made here too: `get_threshold()` builds a tuple
 * of three ints (`Py_BuildValue("(iii)")`, Modules/gcmodule.c 3.8–3.12, Python/gc.c
 * 3.13), `collect()` an int, the others a bool or None.
 *
 * The model never collects automatically (its collector stays disabled; `gc.enable()`
 * and `gc.disable()` set the program's view, {@link GcState.enabled}). CPython's gen0
 * count includes objects the model does not make, so when CPython collects by itself
 * is not the model's to know (measured with the reference interpreters: the count on
 * a program's first line is 419–689 on 3.8/3.9, 41–692 on 3.10–3.13 depending on
 * `-W`/`PYTHONWARNINGS`; after `gc.collect()` it is (0, 0, 0), after one `print` (1, 0,
 * 0) or (2, 0, 0)). So the program's gc state is known only from its first explicit
 * full collection on; until then:
 *   - `gc.is_tracked` of a tuple or dict is refused (a collection may have untracked
 *     it: 3.12.1 untracks the code's constant tuples before line 1 when run without
 *     `-W`, 3.9.18 with `-W ignore`);
 *   - `gc.collect(0)` / `gc.collect(1)` are refused (which generation holds what is
 *     unknown);
 *   - `gc.collect()` is refused when the model finds garbage that CPython may have
 *     collected by itself already (garbage-watch.ts). When the model finds none,
 *     CPython finds none either (measured: 0 on a fresh start, 3.8–3.13).
 * After it, the run stops when the model's gen0 count comes within
 * {@link AUTOMATIC_MARGIN} of threshold0 while collection is enabled, before CPython
 * could collect. `gc.get_count()` answers while the count is the model's (gc-count.ts).
 *
 * After a full collection `id()` is refused: CPython's collection empties free lists
 * that also hold objects freed during start-up, so which block the next object takes
 * is not the model's (measured: a list freed by `gc.collect()` is not where the next
 * list goes on 3.8–3.13, while the model's would be).
 *
 * 3.14.0–3.14.4 (a run of `3.14.N`, N ≤ 4) collect incrementally: the heap gets
 * `@pymem/gc`'s IncrementalCollector (young generation, two old spaces; thresholds
 * (2000, 10, 0)). Checked against Pyodide's 3.14.2: `gc.collect()`, `gc.collect(0)`
 * (young → the visited space), the first `gc.collect(1)` after a full collection
 * (it only marks, so it finds 0), get/set_threshold and `is_tracked` (with 3.14's
 * tuples untracked when made, tuple-tracking.ts), and the increments after it that
 * still pay for the marking (they find 0 and only reset the young count): CPython's
 * marking moves every object the roots reach, the interpreter's included, to the
 * visited space and takes twice their number off `work_to_do`; each later increment
 * gives back at most 3 × its young count (assess_work_to_do: the young count plus at
 * most twice it). The model has no interpreter objects, so it takes
 * {@link INTERPRETER_MARKED_FLOOR} marked objects (twice) off its own `workToDo`, and
 * vouches for an increment only while CPython's most generous repayment, counting
 * {@link AUTOMATIC_MARGIN} unseen objects per increment, stays below that debt.
 * Refused on top of the rules above:
 *   - `gc.collect(1)` once CPython may have paid for its marking, and `gc.collect(0)`
 *     after a marking increment (CPython's young list lost the objects the marking
 *     moved), until the next full collection;
 *   - `gc.is_tracked` of a tracked tuple of GC-free items: made where 3.14's tracking
 *     is not measured (tuple-tracking.ts).
 * A run of `3.14` or `3.14.5`+ (the generational collector back) refuses
 * get/set_threshold, `gc.collect(0|1)`, `is_tracked` and `gc.collect()` after classes or
 * kept exceptions (rule gcGenerationsRefused): not measured.
 */
import { HeapCollector, INCREMENTAL, IncrementalCollector } from '@pymem/gc';
import type { ObjectHandle } from '@pymem/objects';
import { Unsupported } from './errors.ts';
import { GarbageWatch } from './garbage-watch.ts';
import type { Machine } from './machine.ts';
import { atomicItems } from './tuple-tracking.ts';

/**
 * How far below the gen0 threshold the model's count must stay after a full
 * collection: CPython's count can be ahead of the model's by objects the model does not
 * make (a zombie frame per called function on 3.8–3.10, print's temporaries).
 */
export const AUTOMATIC_MARGIN = 50;

/**
 * 3.14.0–3.14.4: the fewest objects a marking increment is taken to mark in CPython
 * (the interpreter's own, reached from the sys dict, builtins and the frames). Measured
 * with the reference interpreters after `gc.collect()`: 4 215–5 159 tracked objects in
 * a bare 3.12/3.13 (`-I -S`) and with site, 20 176 in Pyodide 3.14.2; that the roots
 * reach at least this many is from source (mark_global_roots walks the sys dict, so
 * sys.modules and every module's dict).
 */
export const INTERPRETER_MARKED_FLOOR = 1000;

/** The `gc` functions the model runs. */
export const GC_FUNCTIONS: ReadonlySet<string> = new Set([
  'collect',
  'enable',
  'disable',
  'isenabled',
  'get_threshold',
  'set_threshold',
  'is_tracked',
  'get_count',
]);

/** The program's gc state next to the model's collector. */
export class GcState {
  /** The collector on the run's heap (never enabled: the model does not collect by itself). */
  readonly collector: HeapCollector;
  /** What `gc.isenabled()` says. */
  enabled = true;
  /** True once the program ran a full collection the model vouches for. */
  known = false;
  /** The collector is 3.14.0–3.14.4's incremental one (see the module comment). */
  readonly incremental: boolean;
  /**
   * 3.14.0–3.14.4 after a marking increment: the most CPython can have paid back of its
   * marking debt since (null outside the collect phase).
   */
  private repaidAtMost: number | null = null;
  /** Before the first full collection: whether CPython may have collected by itself. */
  private readonly watch: GarbageWatch;
  /**
   * Null while CPython's gen0 count is the model's (from a full collection on, until a
   * construct gc-count.ts does not vouch for); otherwise what lost it, as
   * `gc.get_count()`'s refusal names it.
   */
  countLost: string | null = 'before a full collection';
  /** 3.8–3.10: a Python call's frame is a container the model does not make. */
  private readonly framesAreContainers: boolean;
  /** The heap's {@link Heap.generatorExitsThrown} at the last collection. */
  private generatorExitsAtCollection = 0;

  /**
   * Why `gc.get_count()` cannot answer now, or null when it can: see {@link countLost};
   * also a started generator closed since the last collection (3.12's gen_close may
   * make its resumer's frame object: measured +1 on 3.12.1, not modelled; refused on
   * every version).
   */
  countRefusal(): string | null {
    if (this.countLost !== null) return this.countLost;
    if (this.collector.heap.generatorExitsThrown !== this.generatorExitsAtCollection)
      return 'after a started generator was closed';
    return null;
  }

  constructor(collector: HeapCollector, minor: number) {
    this.collector = collector;
    this.framesAreContainers = minor <= 10;
    this.incremental = collector.collector instanceof IncrementalCollector;
    collector.gc.disable();
    this.watch = new GarbageWatch(collector, minor, () => this.automaticOn());
  }

  /** Probes taken so far before the first full collection (see {@link callEnded}). */
  get probes(): number {
    return this.watch.probes;
  }

  /** A Python function's frame begins, called from `line`. */
  pythonCall(line: number): void {
    if (this.framesAreContainers)
      this.loseCount(`after a Python call at line ${line} (its frame object, 3.8–3.10)`);
    if (!this.known) this.watch.pythonCall();
  }

  /** Something CPython may count and the model does not make happened: `reason`. */
  loseCount(reason: string): void {
    if (this.countLost === null) this.countLost = reason;
  }

  /** A Python call returned, its locals released. */
  returned(): void {
    if (!this.known) this.watch.probe('return');
  }

  /** An eval-breaker check after a call (a class's). */
  evalBreaker(): void {
    if (!this.known) this.watch.evalBreaker();
  }

  /**
   * A call expression ended; `probesBefore` is {@link probes} when it began; `lost`,
   * when not null, says why CPython's count may no longer be the model's (gc-count.ts).
   */
  callEnded(probesBefore: number, lost: string | null = null): void {
    if (lost !== null) this.loseCount(lost);
    if (!this.known) this.watch.callEnded(probesBefore);
  }

  /** An inlined loop ran (its back edges were eval-breaker checks). */
  loopRan(): void {
    if (!this.known) this.watch.loopRan();
  }

  /** True when CPython may collect by itself now (threshold0 is not 0 and collection is on). */
  private automaticOn(): boolean {
    return this.enabled && this.collector.gc.getThreshold()[0] > 0;
  }

  /**
   * Before every statement: notes an exposure before the first full collection, and
   * after it stops the run near CPython's threshold. @throws Unsupported
   */
  beforeStatement(): void {
    const gc = this.collector.gc;
    const count = gc.getCount()[0];
    if (!this.known) {
      this.watch.probe('statement');
      return;
    }
    if (!this.automaticOn()) return;
    const threshold = gc.getThreshold()[0];
    if (count + AUTOMATIC_MARGIN >= threshold)
      throw new Unsupported(
        `a gen0 count near the threshold ${threshold} (CPython may collect automatically here)`,
      );
  }

  /**
   * `gc.collect(generation)`: the unreachable objects found. `globals`: the `__main__`
   * dict's values in its order — the program's first full collection scans that dict
   * last (Collector.scanLastInNextCollection), which orders what only it reaches.
   * @throws Unsupported (see the module comment)
   */
  collect(generation: number, globals: readonly ObjectHandle[] = []): number {
    if (!this.known && generation < 2)
      throw new Unsupported(`gc.collect(${generation}) before a full collection`);
    const incremental = this.incremental
      ? (this.collector.collector as IncrementalCollector)
      : null;
    // The most an increment pays back: its young count plus at most twice that.
    const repayment =
      (1 + INCREMENTAL.heapFractionCap.numerator / INCREMENTAL.heapFractionCap.denominator) *
      (this.collector.gc.getCount()[0] + AUTOMATIC_MARGIN);
    const marking = incremental !== null && generation === 1 && incremental.phase === 'mark';
    if (incremental !== null && generation < 2 && incremental.phase === 'collect') {
      if (generation === 0)
        throw new Unsupported('gc.collect(0) after an increment that marked the roots');
      this.repaidAtMost = (this.repaidAtMost ?? 0) + repayment;
      if (this.repaidAtMost >= 2 * INTERPRETER_MARKED_FLOOR)
        throw new Unsupported('gc.collect(1) once CPython may have paid for marking the roots');
    }
    if (!this.known && globals.length > 0)
      this.collector.collector.scanLastInNextCollection(globals);
    const mayHaveCollected = !this.known && this.watch.firstCollectionUnsure();
    // A full collection starts the count afresh; finalizers it runs may lose it again.
    if (generation === 2) this.countLost = null;
    this.generatorExitsAtCollection = this.collector.heap.generatorExitsThrown;
    const found = this.collector.gc.collect(generation);
    if (marking && incremental.phase === 'collect') {
      // CPython's marking also took the interpreter's objects (see the module comment).
      incremental.workToDo -= 2 * INTERPRETER_MARKED_FLOOR;
      this.repaidAtMost = repayment;
    }
    if (incremental !== null && incremental.phase === 'mark') this.repaidAtMost = null;
    if (found > 0 && mayHaveCollected)
      throw new Unsupported(
        'the first gc.collect() after containers were made with automatic collection on',
      );
    if (generation === 2) this.known = true;
    return found;
  }

  /** True once a collection of the oldest generation ran (see the module comment on `id()`). */
  fullCollectionRan(): boolean {
    return this.collector.gc.getStats()[2]!.collections > 0;
  }
}

/** Attaches a collector to the machine's heap, before the program's constants are made. */
export function attachCollector(m: Machine): GcState {
  return new GcState(
    new HeapCollector(m.heap, m.patch === undefined ? {} : { patch: m.patch }),
    m.minor,
  );
}

function smallInt(m: Machine, o: ObjectHandle, what: string, min: number, max: number): number {
  const heap = m.heap;
  if (heap.typeOf(o) !== 'int') throw new Unsupported(`${what} of a ${heap.typeNameOf(o)}`);
  const value = heap.valueOf(o) as bigint;
  if (value < BigInt(min) || value > BigInt(max))
    throw new Unsupported(`${what} of ${value} (outside ${min}…${max})`);
  return Number(value);
}

/** `gc.NAME(*args)` on the program's gc state → a new reference. */
export function gcCall(
  m: Machine,
  state: GcState,
  name: string,
  args: readonly ObjectHandle[],
): ObjectHandle {
  const heap = m.heap;
  const gc = state.collector.gc;
  const incremental = state.incremental;
  if (
    m.rules.gcGenerationsRefused &&
    !incremental &&
    (name === 'get_threshold' ||
      name === 'set_threshold' ||
      name === 'is_tracked' ||
      (name === 'collect' && args.length > 0 && smallInt(m, args[0]!, 'gc.collect()', 0, 2) < 2))
  )
    throw new Unsupported(`gc.${name}() on 3.${m.minor} (its collector's generations)`);
  // 3.14's collections untrack a tuple of untracked items before looking for garbage, so
  // such a tuple in a cycle is freed by its count, not counted: a dying class's
  // `__bases__` `(object,)`, a kept exception's `args` `(3,)` (measured on Pyodide
  // 3.14.2 with DEBUG_SAVEALL: 5 objects where 3.13 finds 6, 4 where it finds 5). The
  // incremental collector does so; unmeasured on the generational 3.14.5+.
  if (
    !incremental &&
    m.minor >= 14 &&
    name === 'collect' &&
    (m.hasClasses || m.exceptionState.made)
  )
    throw new Unsupported(`gc.collect() on 3.${m.minor} with classes or kept exceptions`);
  const arity = (min: number, max: number): void => {
    if (args.length < min || args.length > max)
      throw new Unsupported(`gc.${name}() with ${args.length} arguments`);
  };
  switch (name) {
    case 'collect': {
      arity(0, 1);
      const generation = args.length === 0 ? 2 : smallInt(m, args[0]!, 'gc.collect()', 0, 2);
      const globals = m.rules.mainDictScannedLast
        ? [...m.globals.values()].filter((v) => v !== 0)
        : [];
      return heap.newInt(state.collect(generation, globals));
    }
    case 'enable':
      arity(0, 0);
      state.enabled = true;
      return heap.newNone();
    case 'disable':
      arity(0, 0);
      state.enabled = false;
      return heap.newNone();
    case 'isenabled':
      arity(0, 0);
      return heap.newBool(state.enabled);
    case 'get_threshold': {
      arity(0, 0);
      const ints = gc.getThreshold().map((t) => heap.newInt(t));
      const tuple = heap.newTuple(ints);
      for (const i of ints) heap.decref(i);
      return tuple;
    }
    case 'set_threshold': {
      arity(1, 3);
      const values = args.map((a) => smallInt(m, a, 'gc.set_threshold()', 0, 2 ** 31 - 1));
      gc.setThreshold(...values);
      return heap.newNone();
    }
    case 'is_tracked': {
      arity(1, 1);
      const t = heap.typeOf(args[0]!);
      if (!state.known && (t === 'tuple' || t === 'dict'))
        throw new Unsupported(`gc.is_tracked of a ${t} before a full collection`);
      if (
        m.rules.tuplesUntrackedWhenMade &&
        t === 'tuple' &&
        heap.isTracked(args[0]!) &&
        atomicItems(heap, args[0]!)
      )
        throw new Unsupported(
          `gc.is_tracked of a tuple of untracked items on 3.${m.minor} (made where its tracking is not measured)`,
        );
      return heap.newBool(heap.isTracked(args[0]!));
    }
    case 'get_count': {
      arity(0, 0);
      const refusal = state.countRefusal();
      if (refusal !== null) throw new Unsupported(`gc.get_count() ${refusal}`);
      // The count is read before its tuple is made (gc_get_count: Py_BuildValue).
      const ints = gc.getCount().map((t) => heap.newInt(t));
      const tuple = heap.newTuple(ints);
      for (const i of ints) heap.decref(i);
      return tuple;
    }
    default:
      throw new Unsupported(`gc.${name}`);
  }
}
