/**
 * What `gc.collect(generation)` would find at the instant of a heap snapshot: the
 * collector of `@pymem/gc` run over {@link SnapshotGraph}, its garbage grouped into
 * cycles (connected groups of garbage objects) by type composition.
 *
 *   snapshot ──► Collector (generations as recorded) ──► collect(G)
 *       delete-garbage ids ∪ legacy-finalizer ids ──► components ──► groups by composition
 *
 * Invariants of a {@link SnapshotCollection}:
 *   1. `unreachable = collected + uncollectable` (what `gc.collect(G)` returns).
 *   2. The groups' objects sum to `collected + uncollectable` minus weakrefs freed by
 *      their callbacks (never, on a snapshot: see SnapshotGraph).
 *   3. `bytes` is the sum of `sys.getsizeof` over the garbage (unknown sizes count 0).
 *   4. `finalizers` counts the objects `finalize_garbage` would call `tp_finalize` on
 *      (`__del__` not yet run), by type; `callbacks` the weakref callbacks that would
 *      run, by the type of the dying referent and of the callback; `freed` the objects
 *      the collection frees (garbage deleted, weakrefs freed by their callbacks).
 */
import { Collector } from '@pymem/gc';
import { HeapGeneration, HeapObjectFlag, type HeapSnapshot, heapGeneration } from '@pymem/tracing';
import type { ProfileName } from '@pymem/versions';
import { SnapshotGraph } from './snapshot-graph.ts';

/** The generation code's bits, once shifted down (docs/formats/pmt.md: bits 6–8). */
const GENERATION_MASK = 7;

/** Garbage cycles of one type composition. */
export interface GarbageGroup {
  /** The composition, most frequent type first: `2 × __main__.Node, 1 × dict`. */
  readonly composition: string;
  /** Connected groups of garbage with this composition. */
  readonly cycles: number;
  /** Objects in them. */
  readonly objects: number;
  /** Their `sys.getsizeof` total. */
  readonly bytes: number;
  /** Some of them have a finalizer (`__del__`) that has not run yet. */
  readonly finalizers: number;
}

/** The outcome of a modelled `gc.collect(generation)` on a snapshot. */
export interface SnapshotCollection {
  /** The generation collected. */
  readonly generation: number;
  /** What `gc.collect(generation)` returns. */
  readonly unreachable: number;
  readonly collected: number;
  readonly uncollectable: number;
  /** `sys.getsizeof` total of the garbage. */
  readonly bytes: number;
  /** Largest first (by objects, then bytes). */
  readonly groups: readonly GarbageGroup[];
  /** Weakrefs to garbage whose callbacks would run. */
  readonly weakrefCallbacks: number;
  /** The finalizers (`__del__`) that would run, by type, most first. */
  readonly finalizers: readonly { readonly type: string; readonly objects: number }[];
  /** The weakref callbacks that would run, by referent and callback type, most first. */
  readonly callbacks: readonly {
    readonly referent: string;
    readonly callback: string;
    readonly weakrefs: number;
  }[];
  /** Snapshot indexes of the objects the collection frees, in the order it frees them. */
  readonly freed: readonly number[];
}

/** `counts` (name → n) as pairs, most first, then by name. */
function mostFirst(counts: Map<string, number>): [string, number][] {
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
}

/**
 * Runs the modelled collection of `generation` (0–2) on a complete snapshot.
 * `onPhase` hears each phase of the collection, in CPython's order, with the number
 * of objects it touched (see @pymem/gc events.ts).
 * @throws RangeError for a generation outside 0–2 or an incomplete snapshot.
 */
export function collectSnapshot(
  snapshot: HeapSnapshot,
  profile: ProfileName,
  generation: number,
  onPhase?: (phase: string, objects: number) => void,
): SnapshotCollection {
  if (!Number.isInteger(generation) || generation < 0 || generation > 2)
    throw new RangeError(`generation must be 0, 1 or 2, not ${generation}`);
  if (!snapshot.complete) throw new RangeError(`heap snapshot "${snapshot.label}" is incomplete`);
  const graph = new SnapshotGraph(snapshot);
  const collector = new Collector({ profile, graph });
  for (let i = 0; i < snapshot.length; i++) {
    // Bits 6–8 only: `heapGeneration` also returns the `labelled` bit (512) above them.
    const code = heapGeneration(snapshot, i) & GENERATION_MASK;
    if (code === HeapGeneration.none) continue;
    collector.trackIn(i, code === HeapGeneration.permanent ? 'permanent' : code);
    if ((snapshot.flags[i] as number) & HeapObjectFlag.finalized) collector.setFinalized(i);
  }
  const garbage: number[] = [];
  const freed: number[] = [];
  const finalizers = new Map<string, number>();
  const callbacks = new Map<string, number>();
  // The referent of each weakref: the object whose weakref list holds it.
  const referentOf = new Map<number, number>();
  for (let i = 0; i < snapshot.length; i++)
    for (let k = snapshot.weakStart[i] as number; k < (snapshot.weakStart[i + 1] as number); k++)
      referentOf.set(snapshot.weakrefs[k] as number, i);
  let weakrefCallbacks = 0;
  collector.hook = (event) => {
    if (event.type === 'gc-weakref-callback') {
      weakrefCallbacks++;
      if (event.freed) freed.push(event.weakref);
      const referent = referentOf.get(event.weakref);
      const callback = firstReferent(snapshot, event.weakref);
      const key = `${referent === undefined ? '?' : graph.typeName(referent)}\n${callback < 0 ? '?' : graph.typeName(callback)}`;
      callbacks.set(key, (callbacks.get(key) ?? 0) + 1);
    }
    if (event.type !== 'gc-phase') return;
    onPhase?.(event.phase, event.objects.length);
    if (event.phase === 'finalize-garbage')
      for (const id of event.objects) {
        const name = graph.typeName(id);
        finalizers.set(name, (finalizers.get(name) ?? 0) + 1);
      }
    if (event.phase === 'delete-garbage') for (const id of event.objects) freed.push(id);
    if (event.phase === 'delete-garbage' || event.phase === 'move-legacy-finalizers')
      for (const id of event.objects) garbage.push(id);
  };
  collector.collect(generation);
  const stats = collector.getStats()[generation]!;
  const groups = groupGarbage(snapshot, graph, garbage);
  let bytes = 0;
  for (const id of garbage) bytes += Math.max(0, snapshot.size[id] as number);
  return {
    generation,
    unreachable: stats.collected + stats.uncollectable,
    collected: stats.collected,
    uncollectable: stats.uncollectable,
    bytes,
    groups,
    weakrefCallbacks,
    finalizers: mostFirst(finalizers).map(([type, objects]) => ({ type, objects })),
    callbacks: mostFirst(callbacks).map(([key, weakrefs]) => {
      const [referent, callback] = key.split('\n') as [string, string];
      return { referent, callback, weakrefs };
    }),
    freed,
  };
}

/** A weakref's first referent in traverse order (its callback), or −1. */
function firstReferent(snapshot: HeapSnapshot, i: number): number {
  const start = snapshot.refStart[i] as number;
  return start < (snapshot.refStart[i + 1] as number) ? (snapshot.refs[start] as number) : -1;
}

/** Connected components of the garbage (references either way), grouped by composition. */
function groupGarbage(
  snapshot: HeapSnapshot,
  graph: SnapshotGraph,
  garbage: readonly number[],
): GarbageGroup[] {
  const component = new Map<number, number>();
  for (const id of garbage) component.set(id, -1);
  const neighbours = new Map<number, number[]>();
  const link = (a: number, b: number) => {
    const list = neighbours.get(a);
    if (list) list.push(b);
    else neighbours.set(a, [b]);
  };
  for (const id of garbage)
    graph.traverse(id, (to) => {
      if (component.has(to)) {
        link(id, to);
        link(to, id);
      }
    });
  const groups = new Map<
    string,
    { cycles: number; objects: number; bytes: number; finalizers: number }
  >();
  let next = 0;
  for (const start of garbage) {
    if (component.get(start) !== -1) continue;
    const members: number[] = [start];
    component.set(start, next);
    for (let k = 0; k < members.length; k++)
      for (const to of neighbours.get(members[k]!) ?? [])
        if (component.get(to) === -1) {
          component.set(to, next);
          members.push(to);
        }
    next++;
    const byType = new Map<string, number>();
    let bytes = 0;
    let finalizers = 0;
    for (const id of members) {
      const name = graph.typeName(id);
      byType.set(name, (byType.get(name) ?? 0) + 1);
      bytes += Math.max(0, snapshot.size[id] as number);
      if (graph.hasFinalizer(id) && !((snapshot.flags[id] as number) & HeapObjectFlag.finalized))
        finalizers++;
    }
    const composition = [...byType]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .map(([name, n]) => `${n} × ${name}`)
      .join(', ');
    const group = groups.get(composition) ?? { cycles: 0, objects: 0, bytes: 0, finalizers: 0 };
    group.cycles++;
    group.objects += members.length;
    group.bytes += bytes;
    group.finalizers += finalizers;
    groups.set(composition, group);
  }
  return [...groups]
    .map(([composition, g]) => ({ composition, ...g }))
    .sort(
      (a, b) =>
        b.objects - a.objects || b.bytes - a.bytes || (a.composition < b.composition ? -1 : 1),
    );
}
