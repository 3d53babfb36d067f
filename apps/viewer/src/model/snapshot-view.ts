/**
 * A heap snapshot as the viewer shows it: its objects by type, found by type name or
 * address, each linked to the pymalloc block holding it, why it is alive, and what
 * the collector would find there. Every analysis is the one the CLI prints
 * (`pymem objects`, `pymem why`, `pymem gc` call the same @pymem/analysis functions),
 * computed once per snapshot and only when first asked for.
 *
 *   snapshot ─┬─ snapshotObjects(model at its event) ── by type      (pymem objects)
 *             ├─ ReferenceChains.chainTo(object) ────── why alive    (pymem why)
 *             ├─ collectSnapshot(profile, 2) ────────── collector    (pymem gc)
 *             └─ blockHolding(model, address) ───────── object ↔ heap-map block
 *
 * Invariant: every block named is allocated in the model after exactly
 * `snapshot.eventIndex` events, the instant the process was walked.
 */
import {
  blockHolding,
  collectSnapshot,
  type HeldBlock,
  heapTypeName,
  type ReferenceChain,
  ReferenceChains,
  type SnapshotCollection,
  type SnapshotObjects,
  snapshotObjects,
} from '@pymem/analysis';
import { arenaContaining, arenaInfo, hexAddress } from '@pymem/obmalloc';
import {
  HeapGeneration,
  HeapObjectFlag,
  type HeapSnapshot,
  heapEdgeName,
  heapGeneration,
  type TraceNotes,
} from '@pymem/tracing';
import type { ViewerSession } from './session.ts';

/** Most objects a search returns. */
export const SEARCH_LIMIT = 50;

/** One referent of an object, with the edge's name where the recorder found it. */
export interface Referent {
  readonly object: number;
  /** `[3]`, `['key']`, `.__dict__`, or '' where unnamed. */
  readonly edge: string;
}

/** One phase of the modelled collection and the number of objects it touched. */
export interface CollectionPhase {
  /** The collector's name for it (`update-refs`, `subtract-refs`, …). */
  readonly phase: string;
  readonly objects: number;
}

/** The snapshot's objects inside one arena: what keeps it from going back to the OS. */
export interface ArenaObjects {
  /** Arena object index. */
  readonly arena: number;
  /** The arena's base address. */
  readonly address: number;
  readonly objects: number;
  /** `sys.getsizeof` total (unknown sizes count 0). */
  readonly bytes: number;
  /** Its types, most bytes first. */
  readonly types: readonly {
    readonly type: string;
    readonly objects: number;
    readonly bytes: number;
  }[];
}

/** The complete heap snapshot taken at event `position` (the last such), or null. */
export function snapshotAt(trace: TraceNotes, position: number): HeapSnapshot | null {
  const snapshots = trace.heapSnapshots ?? [];
  for (let k = snapshots.length - 1; k >= 0; k--) {
    const snapshot = snapshots[k] as HeapSnapshot;
    if (snapshot.complete && snapshot.eventIndex === position) return snapshot;
  }
  return null;
}

/** One snapshot of an open recording and its analyses. */
export class SnapshotView {
  readonly snapshot: HeapSnapshot;
  private readonly session: ViewerSession;
  private byType: SnapshotObjects | null = null;
  private chains: ReferenceChains | null = null;
  private collection: SnapshotCollection | null = null;
  private readonly collectionPhases: CollectionPhase[] = [];
  private sortedAddresses: Uint32Array | null = null;
  private readonly typeNames: string[];
  private arenas: ArenaObjects[] | null = null;

  /** Views `snapshot` (complete) of `session`'s recording; analyses nothing yet. */
  constructor(session: ViewerSession, snapshot: HeapSnapshot) {
    this.session = session;
    this.snapshot = snapshot;
    this.typeNames = snapshot.types.map((type) =>
      type.module === 'builtins' ? type.qualname : `${type.module}.${type.qualname}`,
    );
  }

  /** Objects by type and their link to the blocks, as `pymem objects` reports them. */
  objects(): SnapshotObjects {
    if (!this.byType)
      this.byType = snapshotObjects(this.snapshot, this.session.model(this.snapshot.eventIndex));
    return this.byType;
  }

  /** The shortest chain to `object` from a module (else from outside), as `pymem why` finds it. */
  why(object: number): ReferenceChain {
    if (!this.chains) this.chains = new ReferenceChains(this.snapshot);
    return this.chains.chainTo(object);
  }

  /** What `gc.collect()` would find at the snapshot, as `pymem gc` reports it. */
  collect(): SnapshotCollection {
    if (!this.collection)
      this.collection = collectSnapshot(this.snapshot, this.session.profile.name, 2, (phase, n) =>
        this.collectionPhases.push({ phase, objects: n }),
      );
    return this.collection;
  }

  /** The phases of {@link collect}'s collection, in the order CPython runs them. */
  phases(): readonly CollectionPhase[] {
    this.collect();
    return this.collectionPhases;
  }

  /**
   * The objects inside each arena of the model at the snapshot, by type: the types
   * pinning the arena (an arena is freed only when none of its blocks is live).
   * Arenas in index order; objects outside every arena are left out.
   */
  arenaObjects(): readonly ArenaObjects[] {
    if (this.arenas) return this.arenas;
    const model = this.session.model(this.snapshot.eventIndex);
    const byArena = new Map<number, Map<number, { objects: number; bytes: number }>>();
    for (let i = 0; i < this.snapshot.length; i++) {
      const arena = arenaContaining(model, this.snapshot.address[i] as number);
      if (arena < 0) continue;
      let types = byArena.get(arena);
      if (!types) {
        types = new Map();
        byArena.set(arena, types);
      }
      const id = this.snapshot.type[i] as number;
      const row = types.get(id) ?? { objects: 0, bytes: 0 };
      types.set(id, row);
      row.objects++;
      row.bytes += Math.max(0, this.snapshot.size[i] as number);
    }
    this.arenas = [...byArena]
      .sort((a, b) => a[0] - b[0])
      .map(([arena, types]) => {
        const rows = [...types]
          .map(([id, row]) => ({ type: this.typeNames[id] ?? '?', ...row }))
          .sort((a, b) => b.bytes - a.bytes || b.objects - a.objects || (a.type < b.type ? -1 : 1));
        return {
          arena,
          address: arenaInfo(model, arena)?.address ?? 0,
          objects: rows.reduce((sum, row) => sum + row.objects, 0),
          bytes: rows.reduce((sum, row) => sum + row.bytes, 0),
          types: rows,
        };
      });
    return this.arenas;
  }

  /** `module.qualname` of object `i`. */
  typeName(i: number): string {
    return heapTypeName(this.snapshot, i);
  }

  /** Generation 0–2, "permanent", or "untracked". */
  generation(i: number): string {
    // Bits 6–8 only: `heapGeneration` also returns the `labelled` bit (512) above them.
    const code = heapGeneration(this.snapshot, i) & 7;
    if (code === HeapGeneration.none) return 'untracked';
    if (code === HeapGeneration.permanent) return 'permanent';
    return `generation ${code}`;
  }

  /** 3.12+ `_Py_IsImmortal`. */
  immortal(i: number): boolean {
    return ((this.snapshot.flags[i] as number) & HeapObjectFlag.immortal) !== 0;
  }

  /** A module's `__name__`, or null. */
  label(i: number): string | null {
    return this.snapshot.labels.get(i) ?? null;
  }

  /** Referents of `i` in tp_traverse order. */
  referents(i: number): Referent[] {
    const { refStart, refs } = this.snapshot;
    const start = refStart[i] as number;
    const out: Referent[] = [];
    for (let k = start; k < (refStart[i + 1] as number); k++)
      out.push({ object: refs[k] as number, edge: heapEdgeName(this.snapshot, i, k - start) });
    return out;
  }

  /** The block holding object `i` in the model at the snapshot, or null (outside pymalloc). */
  blockOf(i: number): HeldBlock | null {
    return blockHolding(
      this.session.model(this.snapshot.eventIndex),
      this.snapshot.address[i] as number,
    );
  }

  /** The object whose address lies in `[address, address + size)` (the lowest), or −1. */
  objectInBlock(address: number, size: number): number {
    const order = this.addressOrder();
    const addresses = this.snapshot.address;
    let low = 0;
    let high = order.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((addresses[order[middle] as number] as number) < address) low = middle + 1;
      else high = middle;
    }
    const found = order[low];
    if (found === undefined) return -1;
    return (addresses[found] as number) < address + size ? found : -1;
  }

  /**
   * Objects matching `query`, at most {@link SEARCH_LIMIT}: for `0x…`, those whose
   * address starts with those hex digits; else those whose type name is the text,
   * then those whose type name contains it (case-insensitive).
   */
  search(query: string): number[] {
    const text = query.trim().toLowerCase();
    if (text === '') return [];
    const out: number[] = [];
    const n = this.snapshot.length;
    if (/^0x[0-9a-f]+$/.test(text)) {
      for (let i = 0; i < n && out.length < SEARCH_LIMIT; i++)
        if (hexAddress(this.snapshot.address[i] as number).startsWith(text)) out.push(i);
      return out;
    }
    const exact = new Set<number>();
    const partial = new Set<number>();
    this.typeNames.forEach((name, id) => {
      const lower = name.toLowerCase();
      if (lower === text) exact.add(id);
      else if (lower.includes(text)) partial.add(id);
    });
    for (const wanted of [exact, partial])
      for (let i = 0; i < n && out.length < SEARCH_LIMIT; i++)
        if (wanted.has(this.snapshot.type[i] as number)) out.push(i);
    return out;
  }

  private addressOrder(): Uint32Array {
    if (!this.sortedAddresses) {
      const addresses = this.snapshot.address;
      const order = Uint32Array.from({ length: this.snapshot.length }, (_, i) => i);
      order.sort((a, b) => (addresses[a] as number) - (addresses[b] as number));
      this.sortedAddresses = order;
    }
    return this.sortedAddresses;
  }
}
