/**
 * The `gc` module's Python API on a modelled interpreter: the same functions, the
 * same results and, for bad arguments, the same exceptions with CPython's exact
 * messages per version (as {@link PythonError}).
 *
 * Models `gc_collect_impl`, `gc_set_threshold`, `gc_get_objects_impl`, `gc_freeze_impl`
 * … of Modules/gcmodule.c (3.8–3.14) and their Argument Clinic wrappers; messages
 * verified against live 3.8–3.13 by tests/gc.live.test.ts.
 *
 * Python values are passed as JS numbers (int or float), bigints (ints beyond 2**53)
 * or booleans; objects are graph ids. `None` is `null`.
 */
import type { Collector, GcCallback, GcGenerationStats } from './collector.ts';
import { NUM_GENERATIONS } from './constants.ts';
import { PythonError, toCInt } from './python-error.ts';

/** A Python `int` argument: a JS integer, a bigint, or a bool. Floats raise TypeError. */
export type PyInt = number | bigint | boolean;

/** The `gc` module of one modelled interpreter, over a {@link Collector}. */
export class GcModule {
  /** The collector this module drives. */
  readonly collector: Collector;

  constructor(collector: Collector) {
    this.collector = collector;
  }

  /**
   * `gc.collect(generation=2)`: collects, returns unreachable + uncollectable found (0
   * if a collection is already running).
   * @throws PythonError ValueError "invalid generation" outside 0..2; TypeError/OverflowError for non-C-int values.
   */
  collect(generation: PyInt = 2): number {
    const g = toCInt(generation, this.collector.constants.intConversion, 'as-int');
    if (g < 0 || g >= NUM_GENERATIONS) throw new PythonError('ValueError', 'invalid generation');
    return this.collector.collect(g);
  }

  /** `gc.get_count()`. */
  getCount(): [number, number, number] {
    return [...this.collector.counts];
  }

  /** `gc.get_threshold()`. */
  getThreshold(): [number, number, number] {
    return [...this.collector.thresholds];
  }

  /**
   * `gc.set_threshold(threshold0[, threshold1[, threshold2]])`. Up to 3.12 values are
   * stored as they convert (`PyArg_ParseTuple`), so a bad second value leaves the first
   * one set; 3.13+ converts all first. The incremental collector (3.14.0–3.14.4) checks
   * but ignores a third value (verified on 3.14.2).
   * @throws PythonError TypeError on arity or non-int values, OverflowError beyond C int.
   */
  setThreshold(...values: PyInt[]): void {
    const collector = this.collector;
    const { setThresholdArity, intConversion } = collector.constants;
    if (values.length < 1 || values.length > 3) {
      if (setThresholdArity === 'clinic-groups')
        throw new PythonError('TypeError', 'gc.set_threshold requires 1 to 3 arguments');
      throw new PythonError(
        'TypeError',
        values.length < 1
          ? 'set_threshold() takes at least 1 argument (0 given)'
          : `set_threshold() takes at most 3 arguments (${values.length} given)`,
      );
    }
    if (setThresholdArity === 'parse-tuple') {
      values.forEach((value, g) => {
        collector.thresholds[g] = toCInt(value, intConversion, 'parse-tuple');
      });
    } else {
      const converted = values.map((value) => toCInt(value, intConversion, 'parse-tuple'));
      converted.forEach((value, g) => {
        if (g < 2 || collector.variant === 'generational') collector.thresholds[g] = value;
      });
    }
  }

  /** `gc.enable()`. */
  enable(): void {
    this.collector.enabled = true;
  }

  /** `gc.disable()`: only stops automatic collections; counts keep growing. */
  disable(): void {
    this.collector.enabled = false;
  }

  /** `gc.isenabled()`. */
  isEnabled(): boolean {
    return this.collector.enabled;
  }

  /** `gc.get_debug()`. */
  getDebug(): number {
    return this.collector.debug;
  }

  /** `gc.set_debug(flags)`. @throws PythonError for non-C-int values. */
  setDebug(flags: PyInt): void {
    this.collector.debug = toCInt(flags, this.collector.constants.intConversion, 'as-int');
  }

  /**
   * `gc.get_objects(generation=None)` as ids; `null` (and, as in CPython, -1) means
   * gen0..gen2 (never the permanent generation).
   * @throws PythonError ValueError for generation ≥ 3 or < -1.
   */
  getObjects(generation: PyInt | null = null): number[] {
    if (generation === null) return this.collector.objectsIn(null);
    const g = toCInt(generation, this.collector.constants.intConversion, 'as-int');
    if (g === -1) return this.collector.objectsIn(null);
    if (g >= NUM_GENERATIONS)
      throw new PythonError(
        'ValueError',
        `generation parameter must be less than the number of available generations (${NUM_GENERATIONS})`,
      );
    if (g < 0) throw new PythonError('ValueError', 'generation parameter cannot be negative');
    return this.collector.objectsIn(g);
  }

  /** `gc.get_referrers(*objs)`: tracked objects of gen0..gen2 referring to any of `ids`. */
  getReferrers(...ids: number[]): number[] {
    return this.collector.referrers(ids);
  }

  /** `gc.get_referents(*objs)`: what the GC objects among `ids` refer to. */
  getReferents(...ids: number[]): number[] {
    return this.collector.referents(ids);
  }

  /** `gc.is_tracked(obj)`. */
  isTracked(id: number): boolean {
    return this.collector.graph.isGc(id) && this.collector.isTracked(id);
  }

  /**
   * `gc.is_finalized(obj)` (3.9+).
   * @throws PythonError AttributeError on 3.8, where the function does not exist.
   */
  isFinalized(id: number): boolean {
    if (!this.collector.constants.hasIsFinalized)
      throw new PythonError('AttributeError', "module 'gc' has no attribute 'is_finalized'");
    return this.collector.graph.isGc(id) && this.collector.isFinalized(id);
  }

  /** `gc.freeze()`. */
  freeze(): void {
    this.collector.freeze();
  }

  /** `gc.unfreeze()`. */
  unfreeze(): void {
    this.collector.unfreeze();
  }

  /** `gc.get_freeze_count()`. */
  getFreezeCount(): number {
    return this.collector.freezeCount();
  }

  /** `gc.get_stats()`. */
  getStats(): GcGenerationStats[] {
    return this.collector.getStats();
  }

  /** `gc.callbacks` (mutable, like the Python list). */
  get callbacks(): GcCallback[] {
    return this.collector.callbacks;
  }

  /** `gc.garbage` as ids (mutable; removing an id does not drop its reference — use the graph). */
  get garbage(): number[] {
    return this.collector.garbage;
  }
}
