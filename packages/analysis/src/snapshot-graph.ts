/**
 * A heap snapshot of a real process seen as the collector's object graph: object i of
 * the snapshot is collector id i.
 *
 *   snapshot columns ──► SnapshotGraph (GcGraph) ──► Collector.collect(G)
 *   generation lists ──► Collector.trackIn, FINALIZED bits ──► setFinalized
 *
 * What the collector may ask to *do* cannot be replayed on a snapshot: running
 * `__del__`, weakref callbacks and `tp_clear` would run the program's code. Modelled
 * here (from source: handle_weakrefs / finalize_garbage / delete_garbage,
 * Modules/gcmodule.c 3.8–3.12, Python/gc.c 3.13) as:
 *   - `clearWeakref` takes the weakref off its referent's list (needed: the collector
 *     loops until the list is empty);
 *   - `finalize` resurrects nothing, `callWeakrefCallback` frees nothing, `clear`
 *     frees nothing. What a collection *finds* — the number `gc.collect(G)` returns,
 *     collected and uncollectable — is decided before any of them runs, except when a
 *     finalizer resurrects objects or a callback frees its own weakref.
 *
 * Invariant: the graph never changes except for cleared weakrefs (`cleared[wr]`).
 */
import type { GcGraph, GcKind, Visit } from '@pymem/gc';
import { HeapObjectFlag, type HeapSnapshot, HeapTypeFlag } from '@pymem/tracing';

/** {@link GcGraph} over one complete {@link HeapSnapshot}. */
export class SnapshotGraph implements GcGraph {
  /** The snapshot read. */
  readonly snapshot: HeapSnapshot;
  private readonly cleared: Uint8Array;
  private readonly held: Float64Array;

  /** Views `snapshot` (which must be complete). */
  constructor(snapshot: HeapSnapshot) {
    this.snapshot = snapshot;
    this.cleared = new Uint8Array(snapshot.length);
    this.held = new Float64Array(snapshot.length);
  }

  /** Referents in tp_traverse order, as the recorder's walk visited them. */
  traverse(id: number, visit: Visit): void {
    const { refStart, refs } = this.snapshot;
    const end = refStart[id + 1] as number;
    for (let k = refStart[id] as number; k < end; k++) visit(refs[k] as number);
  }

  /** `Py_REFCNT` at the snapshot, plus `gc.garbage`'s references taken since. */
  refcount(id: number): number {
    return (this.snapshot.refcount[id] as number) + (this.held[id] as number);
  }

  /** `PyObject_IS_GC`. */
  isGc(id: number): boolean {
    return ((this.snapshot.flags[id] as number) & HeapObjectFlag.isGc) !== 0;
  }

  /** Exact tuple or dict. */
  kind(id: number): GcKind {
    const flags = this.typeFlags(id);
    return flags & HeapTypeFlag.tuple ? 'tuple' : flags & HeapTypeFlag.dict ? 'dict' : 'other';
  }

  /** 3.12+ `_Py_IsImmortal`. */
  isImmortal(id: number): boolean {
    return ((this.snapshot.flags[id] as number) & HeapObjectFlag.immortal) !== 0;
  }

  /** `tp_del`. */
  hasLegacyFinalizer(id: number): boolean {
    return (this.typeFlags(id) & HeapTypeFlag.legacyDel) !== 0;
  }

  /** `tp_finalize`. */
  hasFinalizer(id: number): boolean {
    return (this.typeFlags(id) & HeapTypeFlag.finalizer) !== 0;
  }

  /** `PyWeakref_Check`. */
  isWeakref(id: number): boolean {
    return ((this.snapshot.flags[id] as number) & HeapObjectFlag.isWeakref) !== 0;
  }

  /** The first weakref to `id` not cleared yet, or −1. */
  firstWeakref(id: number): number {
    const { weakStart, weakrefs } = this.snapshot;
    const end = weakStart[id + 1] as number;
    for (let k = weakStart[id] as number; k < end; k++) {
      const wr = weakrefs[k] as number;
      if (!this.cleared[wr]) return wr;
    }
    return -1;
  }

  /** The weakref had a callback when the snapshot was taken. */
  weakrefHasCallback(wr: number): boolean {
    return ((this.snapshot.flags[wr] as number) & HeapObjectFlag.hasCallback) !== 0;
  }

  /** Takes `wr` off its referent's list. */
  clearWeakref(wr: number): void {
    this.cleared[wr] = 1;
  }

  /** Not replayable: the weakref is assumed to survive its callback. */
  callWeakrefCallback(_wr: number): void {}

  /** Not replayable: the finalizer is assumed to resurrect nothing. */
  finalize(_id: number): void {}

  /** Not replayable: nothing is freed. */
  clear(_id: number): void {}

  /** `gc.garbage.append(id)`. */
  holdInGarbage(id: number): void {
    this.held[id] = (this.held[id] as number) + 1;
  }

  /** `module.qualname` (builtins without the module). */
  typeName(id: number): string {
    const type = this.snapshot.types[this.snapshot.type[id] as number];
    if (!type) return '?';
    return type.module === 'builtins' ? type.qualname : `${type.module}.${type.qualname}`;
  }

  /** The object's address in the recorded process. */
  address(id: number): number {
    return this.snapshot.address[id] as number;
  }

  private typeFlags(id: number): number {
    return this.snapshot.types[this.snapshot.type[id] as number]?.flags ?? 0;
  }
}
