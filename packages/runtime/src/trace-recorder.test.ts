import { Collector, IncrementalCollector, TestGraph } from '@pymem/gc';
import type { Heap } from '@pymem/objects';
import {
  decodePmt,
  encodePmtBytes,
  formatTextTrace,
  Op,
  parseTextTrace,
  type Trace,
} from '@pymem/tracing';
import { PROFILE_NAMES, type ProfileName } from '@pymem/versions';
import { describe, expect, it } from 'vitest';
import { Replayer } from './replay.ts';
import { createRuntime } from './runtime.ts';
import { TraceRecorder, TraceRecorderError } from './trace-recorder.ts';

const text = (trace: Trace) => [...formatTextTrace(trace)].join('');

/**
 * A small program on the object heap: containers that grow (reallocs), large item
 * arrays (pymalloc's raw fallback), free-list reuse, and enough objects to take more
 * arenas and give them back.
 */
function workload(heap: Heap): void {
  const keep: number[] = [];
  for (let round = 0; round < 3; round++) {
    const list = heap.newList();
    for (let i = 0; i < 200; i++) {
      const item = heap.newInt(1000 + i * round);
      heap.listAppend(list, item);
      heap.decref(item);
    }
    const dict = heap.newDict();
    for (let i = 0; i < 40; i++) {
      const key = heap.newStr(`key-${round}-${i}`);
      const value = heap.newTuple([key, list]);
      heap.dictSetItem(dict, key, value);
      heap.decref(key);
      heap.decref(value);
    }
    keep.push(dict);
    heap.decref(list);
  }
  const cls = heap.newClass('Point');
  const points: number[] = [];
  for (let i = 0; i < 30; i++) {
    const point = heap.newInstance(cls);
    const x = heap.newInt(i);
    heap.setAttr(point, 'x', x);
    heap.decref(x);
    points.push(point);
  }
  for (const point of points) heap.decref(point);
  heap.decref(cls);
  // Tuples of 50 items (about 430 bytes): several 1 MiB arenas, given back when freed.
  const items = new Array<number>(50).fill(heap.none);
  const many: number[] = [];
  for (let i = 0; i < 6000; i++) many.push(heap.newTuple(items));
  for (const tuple of many) heap.decref(tuple);
  for (const dict of keep) heap.decref(dict);
}

/**
 * Walks the events and object records in stream order: a new object (not reused) sits
 * in a block the allocator has just handed out, with that block's requested size; a
 * freed object's block was freed by the event just before its record.
 */
function expectObjectsInTheirBlocks(trace: Trace): void {
  const live = new Map<number, number>();
  let event = 0;
  const advance = (to: number) => {
    for (; event < to; event++) {
      const op = trace.op[event]!;
      if (op === Op.malloc || op === Op.calloc) live.set(trace.b[event]!, trace.a[event]!);
      else if (op === Op.realloc) {
        live.delete(trace.a[event]!);
        live.set(trace.c[event]!, trace.b[event]!);
      } else if (op === Op.free) live.delete(trace.a[event]!);
    }
  };
  let fresh = 0;
  let freed = 0;
  const problems: string[] = [];
  for (const record of trace.objectRecords) {
    advance(record.eventIndex);
    if (record.kind === 'new' && !record.reused) {
      fresh++;
      if (record.size === 0 || live.get(record.address) !== record.size)
        problems.push(
          `${record.typeName} ${record.handle}: not in a block of ${record.size} bytes`,
        );
    } else if (record.kind === 'free') {
      freed++;
      const last = record.eventIndex - 1;
      if (trace.op[last] !== Op.free || trace.a[last] !== record.address)
        problems.push(`object ${record.handle}: freed without its block`);
    }
  }
  expect(problems).toEqual([]);
  expect(fresh).toBeGreaterThan(100);
  expect(freed).toBeGreaterThan(100);
}

describe('TraceRecorder', () => {
  it.each(PROFILE_NAMES as readonly ProfileName[])(
    '%s: a recorded model run replays exactly (verify) from text and from .pmt',
    (profile) => {
      const runtime = createRuntime({ profile, objects: true });
      const recorder = new TraceRecorder(runtime);
      workload(runtime.heap!);
      const trace = recorder.stop();
      expect(runtime.heap!.hook).toBeNull();
      expect(runtime.obmalloc.hook).toBeNull();
      const arenas = [...trace.op].filter((op) => op === Op.arenaAlloc).length;
      const releases = [...trace.op].filter((op) => op === Op.arenaFree).length;
      expect(arenas).toBeGreaterThan(1);
      expect(releases).toBeGreaterThan(0);
      const written = text(trace);
      const fromPmt = decodePmt(encodePmtBytes(trace, { eventsPerChunk: 4096 }));
      expect(fromPmt.warnings).toEqual([]);
      expect(text(fromPmt.trace)).toBe(written);
      expectObjectsInTheirBlocks(trace);
      for (const read of [parseTextTrace(written), fromPmt.trace]) {
        const replayer = new Replayer(read, { profile, verify: true });
        replayer.runToEnd();
        expect(replayer.addressMode).toBe('recorded');
        expect(replayer.counts.marksChecked).toBe(1);
        expect(replayer.model.getAllocatedBlocks()).toBe(runtime.obmalloc.getAllocatedBlocks());
        expect(read.objectRecords).toEqual(trace.objectRecords);
      }
    },
  );

  it('writes an object record for every object the heap made, with its block and size', () => {
    const runtime = createRuntime({ profile: '3.12', objects: true });
    const recorder = new TraceRecorder(runtime);
    const heap = runtime.heap!;
    const list = heap.newList();
    const big = heap.newList();
    for (let i = 0; i < 100; i++) heap.listAppend(big, heap.none);
    heap.decref(big);
    const again = heap.newList(); // off the list free list, in `big`'s slot
    const trace = recorder.stop();
    const news = trace.objectRecords.filter((record) => record.kind === 'new');
    expect(news.map((record) => [record.handle, record.typeName, record.reused])).toEqual([
      [list, 'list', false],
      [big, 'list', false],
      [again, 'list', true],
    ]);
    // Each new object's block is the result of the malloc just before it (3.12: a list
    // is a GC object of 16 + 40 bytes: PyGC_Head then PyListObject).
    const first = news[0]!;
    expect(first.eventIndex).toBeGreaterThan(0);
    const malloc = first.eventIndex - 1;
    expect(trace.op[malloc]).toBe(Op.malloc);
    expect(first.kind === 'new' && [first.address, first.size]).toEqual([
      trace.b[malloc],
      trace.a[malloc],
    ]);
    expect(first.size).toBe(56);
    const kinds = trace.objectRecords.map((record) => `${record.kind} ${record.handle}`);
    expect(kinds).toEqual(
      expect.arrayContaining([`track ${list}`, `untrack ${big}`, `park ${big}`]),
    );
    expect(trace.objectRecords.some((record) => record.kind === 'incref')).toBe(false);
  });

  it('records reference-count changes only when asked, each with the count after it', () => {
    const runtime = createRuntime({ profile: '3.11', objects: true });
    const heap = runtime.heap!;
    expect(heap.refcountHook).toBeNull();
    const recorder = new TraceRecorder(runtime, { refcounts: true });
    expect(heap.refcountHook).not.toBeNull();
    const item = heap.newStr('hello world');
    const list = heap.newList([item, item]);
    heap.incref(list);
    heap.decref(list);
    heap.decref(item);
    const counts = new Map<number, number>();
    const trace = recorder.stop();
    expect(heap.refcountHook).toBeNull();
    for (const record of trace.objectRecords)
      if (record.kind === 'incref' || record.kind === 'decref')
        counts.set(record.handle, record.refcnt);
    expect(counts.get(item)).toBe(heap.refcount(item));
    expect(counts.get(list)).toBe(heap.refcount(list));
    expect(heap.refcount(item)).toBe(2);
    const written = text(trace);
    expect(written).toMatch(/^o incref \d+ 3$/m);
    expect(text(decodePmt(encodePmtBytes(trace)).trace)).toBe(written);
  });

  it('records each collection: start, every phase with the objects it touched, stop', () => {
    const graph = new TestGraph();
    const collector = new Collector({ profile: '3.12', graph });
    graph.attach(collector);
    const runtime = createRuntime({ profile: '3.12', collector });
    const recorder = new TraceRecorder(runtime);
    const a = graph.newObject('list');
    const b = graph.newObject('list');
    graph.addReference(a, b);
    graph.addReference(b, a);
    graph.decref(a);
    graph.decref(b);
    const survivor = graph.newObject('list');
    const collected = collector.collect(2);
    const trace = recorder.stop();
    expect(collector.hook).toBeUndefined();
    const records = trace.collectorRecords;
    expect(records[0]).toMatchObject({ kind: 'start', generation: 2, reason: 'manual' });
    expect(records.at(-1)).toEqual({
      ...records.at(-1)!,
      kind: 'stop',
      generation: 2,
      collected,
      uncollectable: 0,
    });
    expect(collected).toBe(2);
    const phase = (name: string) =>
      records.find((record) => record.kind === 'phase' && record.phase === name);
    expect(phase('update-refs')).toMatchObject({ objects: [a, b, survivor] });
    expect(phase('move-unreachable')).toMatchObject({ objects: [a, b] });
    expect(trace.gcCollections).toMatchObject([{ generation: 2, collected: 2 }]);
    const written = text(trace);
    expect(written).toMatch(/^g phase 2 move-unreachable 2 \d+ \d+$/m);
    expect(text(decodePmt(encodePmtBytes(trace)).trace)).toBe(written);
    expect(text(parseTextTrace(written))).toBe(written);
  });

  it("records the incremental collector's own phases (3.14.0–3.14.4) in both formats", () => {
    const graph = new TestGraph();
    const collector = new IncrementalCollector({ profile: '3.14', patch: 2, graph });
    graph.attach(collector);
    const runtime = createRuntime({ profile: '3.14', collector });
    const recorder = new TraceRecorder(runtime);
    const a = graph.newObject('list');
    graph.addReference(a, a);
    graph.decref(a);
    collector.collect(0);
    collector.collect(1);
    collector.collect(2);
    const trace = recorder.stop();
    const phases = new Set(
      trace.collectorRecords.flatMap((record) => (record.kind === 'phase' ? [record.phase] : [])),
    );
    expect(phases.has('mark-roots') || phases.has('increment')).toBe(true);
    const written = text(trace);
    expect(text(decodePmt(encodePmtBytes(trace)).trace)).toBe(written);
    expect(text(parseTextTrace(written))).toBe(written);
  });

  it('must start before the run, and stops once', () => {
    const runtime = createRuntime({ profile: '3.13', objects: true });
    runtime.heap!.newList();
    expect(() => new TraceRecorder(runtime)).toThrow(TraceRecorderError);
    const fresh = createRuntime({ profile: '3.13', objects: true });
    const recorder = new TraceRecorder(fresh);
    recorder.stop();
    expect(() => recorder.stop()).toThrow(/already stopped/);
  });
});
