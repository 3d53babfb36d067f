/**
 * What each model layer is verified against, per profile: which real interpreter
 * (a pyenv CPython of the profile's reference release, or Pyodide's wasm32 CPython
 * for 3.14) and which quantities. One table for every layer, kept here because every
 * layer and the CLI (`pymem versions`) import this package; each layer's tests are
 * what make a row true (README of the layer: "what is measured and what is read from
 * source").
 *
 * Invariant: a row names a real interpreter only for quantities a test compares with
 * it; `source` means read from CPython's source, not run.
 */
import { PROFILE_NAMES, PROFILES, type ProfileName } from './profiles.ts';

/** A model layer whose verification is listed. */
export type VerifiedLayer = 'obmalloc' | 'objects' | 'gc';

/** How one layer of one profile is verified. */
export interface LayerVerification {
  /** The layer (package `@pymem/<layer>`). */
  readonly layer: VerifiedLayer;
  /** `recordings`: committed `pymem record` fixtures; `live`: a test runs the interpreter. */
  readonly against: readonly ('recordings' | 'live' | 'source')[];
  /** The interpreter compared with, e.g. `CPython 3.12.1`, `Pyodide 3.14.2 (wasm32)`; null: none. */
  readonly interpreter: string | null;
  /** What is compared (or, for `source`, what is read from source). */
  readonly checks: string;
}

const OBJECT_CHECKS =
  "sizes, GC tracking, refcounts, free lists, built-in types' allocator requests (pointer for pointer), trashcan order; instances, weakrefs, closures, ranges and iterators by tracemalloc request sizes; generators, frames, exceptions and tracebacks by allocator call sequences and tracemalloc request sizes (3.11+ also data-stack chunks); string interning (identity, refcounts, the interned table's growth); 3.8–3.10 split dicts turning combined; unreachable counts of gc.collect()";

const GC_CHECKS =
  'gc.collect() results, get_count() after each step, get_stats(), finalizer and weakref-callback order, freeze, tuple/dict untracking, automatic collections, cycles through instances, containers, closures, bound methods, weakrefs, generators, exceptions with tracebacks and classes, and the allocator frees of a collection (call for call) — on the object heap; heap snapshots of real processes: gc.collect(G) results';

function rowsFor(name: ProfileName): readonly LayerVerification[] {
  const { referenceRelease, verification } = PROFILES[name];
  if (verification === 'source') {
    return [
      {
        layer: 'obmalloc',
        against: ['source'],
        interpreter: null,
        checks: 'arenas, pools, blocks and statistics from CPython source',
      },
      {
        layer: 'objects',
        against: ['recordings', 'live', 'source'],
        interpreter: 'Pyodide 3.14.2 (wasm32)',
        checks:
          'sizes, GC tracking, refcounts, free lists; generators, frames and exceptions by tracemalloc request sizes; 64-bit sizes and allocator requests from source',
      },
      {
        layer: 'gc',
        against: ['recordings', 'live', 'source'],
        interpreter: 'Pyodide 3.14.2 (wasm32)',
        checks:
          '3.14.0–3.14.4 incremental collector: counts, get_count/get_stats after young collections, increments and full ones, automatic increments, freeze, callback info, DEBUG_STATS, weakref clearing; the generational collector of 3.14.5+ and root marking beyond frames from source',
      },
    ];
  }
  return [
    {
      layer: 'obmalloc',
      against: ['recordings', 'live'],
      interpreter: `CPython ${referenceRelease}`,
      checks: 'every pointer, arena and statistics mark',
    },
    {
      layer: 'objects',
      against: ['recordings', 'live'],
      interpreter: `CPython ${referenceRelease}`,
      checks: OBJECT_CHECKS,
    },
    {
      layer: 'gc',
      against: ['recordings', 'live'],
      interpreter: `CPython ${referenceRelease}`,
      checks: GC_CHECKS,
    },
  ];
}

/** Per profile, each layer's verification. */
export const VERIFIED_AGAINST: Readonly<Record<ProfileName, readonly LayerVerification[]>> =
  Object.fromEntries(PROFILE_NAMES.map((name) => [name, rowsFor(name)])) as Record<
    ProfileName,
    readonly LayerVerification[]
  >;
