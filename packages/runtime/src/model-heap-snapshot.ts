/**
 * A heap snapshot of the model's object heap, in the form the recorder writes for a
 * real process (`pymem_record.snapshot()`, docs/formats/pmt.md "Heap snapshots"), so
 * that `pymem objects`, `pymem gc` and the viewer read a model run like a recording:
 *
 *   objects   every GC-tracked object (handle order), then every object reachable
 *             from them through tp_traverse order (`Heap.referents`), breadth first
 *   address   `id()`: the object's address, after its GC header
 *   size      `sys.getsizeof` (unknown for classes, as `pymem run` refuses it)
 *   refcount  `ob_refcnt`
 *   flags     tracked, GC, weakref (+ callback), immortal (3.12+); the generation is
 *             the collector's when the program imported gc, else 0 for a tracked
 *             object (the model runs no automatic collection: where CPython's would
 *             have moved it is not the model's to know) and "none" for an untracked one
 *   types     `builtins.<name>`, a class's instances `__main__.<name>`
 *
 * The parts are encoded here and read back through {@link HeapSnapshotAssembler}, so
 * the columns are exactly what a reader of the written trace gets.
 *
 * Invariant: every referent and weakref index names an object of the snapshot (the
 * walk adds each object it reaches before encoding).
 */
import type { Collector } from '@pymem/gc';
import type { Heap, ObjectHandle } from '@pymem/objects';
import {
  HEAP_GENERATION_SHIFT,
  HeapGeneration,
  HeapObjectFlag,
  type HeapSnapshot,
  HeapSnapshotAssembler,
  HeapTypeFlag,
  type NotePosition,
} from '@pymem/tracing';

/** The gc module's state a snapshot records (`gc.isenabled()`, thresholds, counts). */
export interface ModelGcState {
  readonly enabled: boolean;
  readonly thresholds: readonly [number, number, number];
  readonly counts: readonly [number, number, number];
}

/** CPython's defaults, for a run without a collector (`gc.get_threshold()` 3.8–3.13). */
const DEFAULT_GC_STATE: ModelGcState = {
  enabled: true,
  thresholds: [700, 10, 10],
  counts: [0, 0, 0],
};

/**
 * The heap snapshot `label` of `heap` now, at `position` of the trace being recorded.
 * `collector` (when the program has one) gives each object's generation and the gc
 * state; `gcState` overrides the state (e.g. the program's `gc.isenabled()`).
 */
export function modelHeapSnapshot(
  heap: Heap,
  position: NotePosition,
  label: string,
  collector: Collector | null = null,
  gcState: ModelGcState = DEFAULT_GC_STATE,
): HeapSnapshot {
  const order: ObjectHandle[] = [];
  const index = new Map<ObjectHandle, number>();
  const add = (o: ObjectHandle): void => {
    if (o === 0 || index.has(o) || !heap.isLive(o)) return;
    index.set(o, order.length);
    order.push(o);
  };
  heap.forEachTracked(add);
  for (let k = 0; k < order.length; k++) {
    const o = order[k]!;
    for (const r of heap.referents(o)) add(r);
    for (const w of heap.weakrefsTo(o)) add(w);
  }

  const typeIds = new Map<string, number>();
  const types = new Writer();
  types.varint(1);
  const typeOf = (o: ObjectHandle): number => {
    const instance = heap.typeOf(o) === 'instance';
    const name = heap.typeNameOf(o);
    const key = `${instance ? '__main__' : 'builtins'}.${name}`;
    let id = typeIds.get(key);
    if (id === undefined) {
      id = typeIds.size;
      typeIds.set(key, id);
      types.varint(id);
      types.string(instance ? '__main__' : 'builtins');
      types.string(name);
      const t = heap.typeOf(o);
      types.varint(
        (heap.hasFinalizer(o) ? HeapTypeFlag.finalizer : 0) |
          (t === 'tuple' ? HeapTypeFlag.tuple : 0) |
          (t === 'dict' ? HeapTypeFlag.dict : 0),
      );
    }
    return id;
  };

  const objects = new Writer();
  objects.varint(2);
  objects.varint(order.length);
  let previous = 0;
  const immortals = heap.layout.minor >= 12;
  for (const o of order) {
    const address = heap.addressOf(o);
    objects.varint(zigzag(address - previous));
    previous = address;
    objects.varint(typeOf(o));
    let size = -1;
    if (heap.typeOf(o) !== 'type') size = heap.sizeof(o);
    objects.varint(size + 1);
    objects.varint(heap.refcount(o));
    objects.varint(flagsOf(heap, o, collector, immortals));
    const referents = heap.referents(o).filter((r) => index.has(r));
    objects.varint(referents.length);
    for (const r of referents) objects.varint(index.get(r)!);
    objects.varint(0);
    const weakrefs = heap.weakrefsTo(o).filter((w) => index.has(w));
    objects.varint(weakrefs.length);
    for (const w of weakrefs) objects.varint(index.get(w)!);
  }

  const begin = new Writer();
  begin.varint(0);
  begin.string(label);
  begin.varint(gcState.enabled ? 1 : 0);
  for (const n of gcState.thresholds) begin.varint(n);
  for (const n of gcState.counts) begin.varint(n);
  const end = new Writer();
  end.varint(3);
  end.varint(order.length);
  end.varint(typeIds.size);

  const assembler = new HeapSnapshotAssembler();
  for (const part of [begin, types, objects, end]) {
    const bytes = part.take();
    assembler.part(bytes, 0, bytes.length, 0, position);
  }
  return assembler.finish()[0]!;
}

function flagsOf(
  heap: Heap,
  o: ObjectHandle,
  collector: Collector | null,
  immortals: boolean,
): number {
  const tracked = heap.isTracked(o);
  let flags = 0;
  if (tracked) flags |= HeapObjectFlag.tracked;
  if (heap.isGc(o)) flags |= HeapObjectFlag.isGc;
  if (heap.typeOf(o) === 'weakref') {
    flags |= HeapObjectFlag.isWeakref;
    if (heap.weakrefCallback(o) !== 0) flags |= HeapObjectFlag.hasCallback;
  }
  if (immortals && heap.isImmortal(o)) flags |= HeapObjectFlag.immortal;
  let generation: number = HeapGeneration.none;
  if (collector !== null) {
    const g = collector.generationOf(o);
    generation = g === 'permanent' ? HeapGeneration.permanent : (g ?? HeapGeneration.none);
  } else if (tracked) generation = 0;
  return flags | (generation << HEAP_GENERATION_SHIFT);
}

/** Zigzag: a signed delta as an unsigned varint, exact below 2**52. */
function zigzag(n: number): number {
  return n >= 0 ? n * 2 : -n * 2 - 1;
}

const ENCODER = new TextEncoder();

/** LEB128 varints and length-prefixed UTF-8 strings, as the snapshot parts hold them. */
class Writer {
  private bytes: number[] = [];

  varint(value: number): void {
    let rest = value;
    while (rest >= 128) {
      this.bytes.push((rest % 128) | 128);
      rest = Math.floor(rest / 128);
    }
    this.bytes.push(rest);
  }

  string(text: string): void {
    const data = ENCODER.encode(text);
    this.varint(data.length);
    for (const b of data) this.bytes.push(b);
  }

  take(): Uint8Array {
    return Uint8Array.from(this.bytes);
  }
}
