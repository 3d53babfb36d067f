/**
 * The cycle collector's tunables and per-version behaviour switches, each with its
 * reason. One record per profile; `collectorVariant` says which collector a CPython
 * release runs.
 *
 *   release          collector      thresholds        source
 *   3.8 … 3.12       generational   (700, 10, 10)     Modules/gcmodule.c
 *   3.13             generational   (2000, 10, 10)    Python/gc.c
 *   3.14.0 … 3.14.4  incremental    (2000, 10, 0)     Python/gc.c (incremental.ts)
 *   3.14.5 +         generational   (2000, 10, 10)    Python/gc.c (3.13's code restored)
 *
 * Invariants (checked by constants.test.ts):
 *   1. Every profile has exactly three generations plus the permanent one.
 *   2. `debugLeak == debugCollectable | debugUncollectable | debugSaveAll`.
 *   3. Switches only ever turn on once with increasing version, except `untrackDicts`
 *      which turns off at 3.14 (dicts always tracked, GH-127010).
 */
import type { ProfileName } from '@pymem/versions';

/** `NUM_GENERATIONS`: gen0, gen1, gen2 (the permanent generation is separate). */
export const NUM_GENERATIONS = 3;

/** The `gc.DEBUG_*` flags (same values in every version 3.8–3.14). */
export const DEBUG_FLAGS: {
  readonly DEBUG_STATS: 1;
  readonly DEBUG_COLLECTABLE: 2;
  readonly DEBUG_UNCOLLECTABLE: 4;
  readonly DEBUG_SAVEALL: 32;
  readonly DEBUG_LEAK: 38;
} = {
  DEBUG_STATS: 1,
  DEBUG_COLLECTABLE: 2,
  DEBUG_UNCOLLECTABLE: 4,
  DEBUG_SAVEALL: 32,
  DEBUG_LEAK: 38,
} as const;

/**
 * The 3.14.0–3.14.4 incremental collector's tunables (Python/gc.c, 3.14.2):
 *   thresholds      `gc.get_threshold()`: young.threshold 2000 (new objects before an
 *                   automatic increment), old[0].threshold 10 (the scan-rate scale),
 *                   old[1].threshold 0 (unused).
 *   scanRateDivisor `SCAN_RATE_DIVISOR`: with the default scale of 10 an increment
 *                   scans up to 1% of the heap beyond the new objects.
 *   minScale        the scale factor is never below 2.
 *   heapFractionCap the heap part of an increment's work is at most twice the new
 *                   objects (`max_heap_fraction`): with a large heap an increment
 *                   scans three times the new objects (verified on 3.14.2; an earlier
 *                   development snapshot used 3/2).
 */
export const INCREMENTAL: {
  readonly thresholds: readonly [2000, 10, 0];
  readonly scanRateDivisor: 10;
  readonly minScale: 2;
  readonly heapFractionCap: { readonly numerator: 2; readonly denominator: 1 };
} = {
  thresholds: [2000, 10, 0],
  scanRateDivisor: 10,
  minScale: 2,
  heapFractionCap: { numerator: 2, denominator: 1 },
} as const;

/** Which collector a release runs. */
export type CollectorVariant = 'generational' | 'incremental';

/** How argument conversion errors read: 3.8/3.9 (`PyArg_Parse`) or 3.10+ (`PyNumber_Index`). */
export type IntConversionStyle = 'legacy' | 'index';

/** The collector's behaviour for one profile. */
export interface GcConstants {
  /** The profile. */
  readonly profile: ProfileName;
  /** Default `gc.get_threshold()`: gen0 raised from 700 to 2000 in 3.13 (gh-100403). */
  readonly thresholds: readonly [number, number, number];
  /**
   * After the object is counted, does an automatic collection run *inside* the
   * allocation (3.8–3.11, `_PyObject_GC_Alloc`/`_PyObject_GC_Link` →
   * `collect_generations`) or is it only scheduled for the next eval-breaker check
   * (3.12+, `_Py_ScheduleGC` → `_Py_RunGC`)?
   */
  readonly automaticCollection: 'immediate' | 'scheduled';
  /**
   * What happens after finalizers ran: 3.8 `check_garbage` keeps the *whole*
   * unreachable set alive if any object was resurrected; 3.9+
   * `handle_resurrected_objects` reruns `deduce_unreachable` and keeps only the
   * resurrected objects and what they reach.
   */
  readonly resurrection: 'all-or-nothing' | 'per-object';
  /** 3.12/3.13 `update_refs`: an immortal object found in the young list moves to the permanent generation; 3.14 untracks it. */
  readonly immortalInYoung: 'none' | 'to-permanent' | 'untrack';
  /** `untrack_dicts` runs on the survivors of full collections (3.8–3.13). */
  readonly untrackDicts: boolean;
  /** `gc.is_finalized` exists (3.9+). */
  readonly hasIsFinalized: boolean;
  /**
   * 3.14 (3.14.7 tree): after the resurrection check, weakrefs to the final garbage are
   * cleared once more without callbacks (source only).
   */
  readonly clearWeakrefsAfterFinalize: boolean;
  /** How int conversion errors are worded (see {@link IntConversionStyle}). */
  readonly intConversion: IntConversionStyle;
  /** `gc.set_threshold` arity errors: "takes at least/most" (≤ 3.12) or "requires 1 to 3 arguments" (3.13+). */
  readonly setThresholdArity: 'parse-tuple' | 'clinic-groups';
  /** `gc.is_tracked` names itself "gc.is_tracked()" in arity errors from 3.9. */
  readonly qualifiedIsTracked: boolean;
}

function constants(profile: ProfileName): GcConstants {
  const minor = Number(profile.slice(2));
  return {
    profile,
    thresholds: minor >= 13 ? [2000, 10, 10] : [700, 10, 10],
    automaticCollection: minor >= 12 ? 'scheduled' : 'immediate',
    resurrection: minor >= 9 ? 'per-object' : 'all-or-nothing',
    immortalInYoung: minor >= 14 ? 'untrack' : minor >= 12 ? 'to-permanent' : 'none',
    untrackDicts: minor <= 13,
    hasIsFinalized: minor >= 9,
    clearWeakrefsAfterFinalize: minor >= 14,
    intConversion: minor >= 10 ? 'index' : 'legacy',
    setThresholdArity: minor >= 13 ? 'clinic-groups' : 'parse-tuple',
    qualifiedIsTracked: minor >= 9,
  };
}

const TABLE: Readonly<Record<ProfileName, GcConstants>> = {
  '3.8': constants('3.8'),
  '3.9': constants('3.9'),
  '3.10': constants('3.10'),
  '3.11': constants('3.11'),
  '3.12': constants('3.12'),
  '3.13': constants('3.13'),
  '3.14': constants('3.14'),
};

/** The collector's constants for `profile`. */
export function gcConstants(profile: ProfileName): GcConstants {
  return TABLE[profile];
}

/**
 * Which collector CPython `3.<minor>.<patch>` runs: the incremental collector shipped in
 * 3.14.0–3.14.4 only and was reverted in 3.14.5. `patch` undefined means the profile's
 * reference release (3.14 → 3.14.7, generational).
 */
export function collectorVariant(profile: ProfileName, patch?: number): CollectorVariant {
  if (profile === '3.14' && patch !== undefined && patch <= 4) return 'incremental';
  return 'generational';
}
