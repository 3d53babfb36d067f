/**
 * Growth by type between two heap snapshots, as objgraph's `show_growth` prints it:
 * the types whose count rose, each with its count at the later snapshot and the rise,
 * largest rise first.
 *
 * Counted as objgraph's `typestats` counts: the objects `gc.get_objects()` lists —
 * GC-tracked objects in generations 0–2 (CPython 3.8–3.13 `gc_get_objects_impl` walks
 * those three lists only, so neither the permanent generation of `gc.freeze()` nor
 * untracked objects such as strings and ints count). Types are named
 * `module.qualname` (builtins without the module), like every snapshot report.
 *
 * Unlike `show_growth`, nothing is collected first: both counts are of the heap as the
 * snapshot saw it, garbage included.
 *
 * Invariants: every row has `delta > 0` and `count ≥ delta`; rows are ordered by
 * `delta` descending, then by type name (objgraph keeps `gc.get_objects()` order for
 * ties, which a snapshot does not fix).
 */
import type { HeapSnapshot } from '@pymem/tracing';
import { heapGeneration } from '@pymem/tracing';
import { heapTypeName } from './reference-chains.ts';

/** One row of {@link snapshotGrowth}. */
export interface TypeGrowth {
  /** `module.qualname` (builtins without the module). */
  readonly type: string;
  /** Objects of the type at the later snapshot. */
  readonly count: number;
  /** `count` minus the count at the earlier snapshot (always positive). */
  readonly delta: number;
}

/** The number of objects of each type that `gc.get_objects()` would list at `snapshot`. */
export function gcObjectCounts(snapshot: HeapSnapshot): Map<string, number> {
  const counts = new Map<string, number>();
  for (let i = 0; i < snapshot.length; i++) {
    if (heapGeneration(snapshot, i) > 2) continue;
    const name = heapTypeName(snapshot, i);
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return counts;
}

/** The types that grew from `from` to `to` (see the module comment). */
export function snapshotGrowth(from: HeapSnapshot, to: HeapSnapshot): TypeGrowth[] {
  const before = gcObjectCounts(from);
  const rows: TypeGrowth[] = [];
  for (const [type, count] of gcObjectCounts(to)) {
    const delta = count - (before.get(type) ?? 0);
    if (delta > 0) rows.push({ type, count, delta });
  }
  return rows.sort((x, y) => y.delta - x.delta || (x.type < y.type ? -1 : x.type > y.type ? 1 : 0));
}
