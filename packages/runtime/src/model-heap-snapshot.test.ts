import { HeapCollector } from '@pymem/gc';
import {
  formatTextTrace,
  HEAP_GENERATION_SHIFT,
  HeapObjectFlag,
  parseTextTrace,
} from '@pymem/tracing';
import { describe, expect, it } from 'vitest';
import { createRuntime } from './runtime.ts';
import { TraceRecorder } from './trace-recorder.ts';

describe('modelHeapSnapshot', () => {
  it('holds every tracked object and what it reaches, with its size, count and generation', () => {
    const runtime = createRuntime({ profile: '3.12', objects: true });
    const heap = runtime.heap!;
    const collector = new HeapCollector(heap);
    const recorder = new TraceRecorder(runtime);
    const a = heap.newList();
    const big = heap.newInt(10n ** 30n);
    const b = heap.newList([a, big]);
    heap.listAppend(a, b);
    heap.decref(big);
    collector.gc.collect(0);
    recorder.heapSnapshot('here', collector.collector);
    const trace = recorder.stop();
    const snapshot = trace.heapSnapshots![0]!;
    expect(snapshot.label).toBe('here');
    const at = (o: number) => [...snapshot.address].indexOf(heap.addressOf(o));
    for (const o of [a, b, big]) {
      const i = at(o);
      expect(i).toBeGreaterThanOrEqual(0);
      expect(snapshot.size[i]).toBe(heap.sizeof(o));
      expect(snapshot.refcount[i]).toBe(heap.refcount(o));
    }
    // Both lists survived a gen0 collection: generation 1, tracked, GC objects.
    for (const o of [a, b]) {
      const flags = snapshot.flags[at(o)]!;
      expect(flags >> HEAP_GENERATION_SHIFT).toBe(1);
      expect(flags & (HeapObjectFlag.tracked | HeapObjectFlag.isGc)).toBe(
        HeapObjectFlag.tracked | HeapObjectFlag.isGc,
      );
    }
    expect(snapshot.flags[at(big)]! & HeapObjectFlag.isGc).toBe(0);
    const refsOf = (i: number) => [
      ...snapshot.refs.subarray(snapshot.refStart[i], snapshot.refStart[i + 1]),
    ];
    expect(refsOf(at(b))).toEqual([at(a), at(big)]);
    expect(refsOf(at(a))).toEqual([at(b)]);
    const types = [...snapshot.type].map((t) => snapshot.types[t]!.qualname);
    expect(types[at(big)]).toBe('int');
    // The text format carries it unchanged.
    const back = parseTextTrace([...formatTextTrace(trace)].join('')).heapSnapshots![0]!;
    expect([...back.address]).toEqual([...snapshot.address]);
    expect([...back.refs]).toEqual([...snapshot.refs]);
  });
});
