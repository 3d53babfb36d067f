import { describe, expect, it } from 'vitest';
import { createRuntime } from './runtime.ts';

describe('createRuntime', () => {
  it('has no object heap unless asked, so a replay allocates only what it replays', () => {
    const runtime = createRuntime({ profile: '3.12' });
    expect(runtime.heap).toBeNull();
    expect(runtime.obmalloc.getAllocatedBlocks()).toBe(0);
  });

  it('publishes the heap and its allocator on two channels of one bus', () => {
    const runtime = createRuntime({ profile: '3.12', objects: true });
    const heap = runtime.heap!;
    expect(heap.hook).toBeNull();
    const objects: string[] = [];
    const blocks: number[] = [];
    const stopObjects = runtime.events.subscribe('objects', (event) => {
      if (event.type === 'object-new') objects.push(event.objectType);
    });
    const stopBlocks = runtime.events.subscribe('obmalloc', (event) => {
      if (event.type === 'block-alloc') blocks.push(event.nbytes);
    });
    const list = heap.newList([]);
    heap.listAppend(list, heap.none);
    stopObjects();
    stopBlocks();
    expect(objects).toEqual(['list']);
    // PyList_New(0): the list object (40 bytes) behind its 16-byte GC pre-header on
    // 3.12 (sys.getsizeof([]) == 56), then list.append's first resize: 4 slots of 8 bytes.
    expect(blocks).toEqual([56, 32]);
    expect(heap.hook).toBeNull();
    expect(runtime.obmalloc.hook).toBeNull();
  });

  it('runs the cycle collector on the heap and publishes its phases on a gc channel', () => {
    const runtime = createRuntime({ profile: '3.11', gc: true });
    const heap = runtime.heap!;
    const collector = runtime.collector!;
    expect(collector.collector.hook).toBeUndefined();
    const events: string[] = [];
    const freed: string[] = [];
    const stopGc = runtime.events.subscribe('gc', (event) => {
      events.push(
        event.type === 'gc-phase' ? `${event.phase}:${event.objects.length}` : event.type,
      );
    });
    const stopObjects = runtime.events.subscribe('objects', (event) => {
      if (event.type === 'object-free') freed.push(event.objectType);
    });
    collector.gc.collect();
    events.length = 0;
    const a = heap.newList();
    heap.listAppend(a, a);
    heap.decref(a);
    expect(collector.gc.collect()).toBe(1);
    stopGc();
    stopObjects();
    expect(freed).toEqual(['list']);
    expect(events).toEqual([
      'gc-start',
      'update-refs:1',
      'subtract-refs:1',
      'move-unreachable:1',
      'untrack-tuples:0',
      'untrack-dicts:0',
      'move-legacy-finalizers:0',
      'handle-weakrefs:0',
      'finalize-garbage:0',
      'resurrected:0',
      'delete-garbage:1',
      'handle-legacy-finalizers:0',
      'gc-stop',
    ]);
    expect(collector.collector.hook).toBeUndefined();
  });

  it("gives a collection's frees back to pymalloc: arenas emptied by it are released", () => {
    const runtime = createRuntime({ profile: '3.12', gc: true });
    const heap = runtime.heap!;
    const { gc } = runtime.collector!;
    gc.disable();
    // 20,000 self-referencing lists: list objects (56 bytes) and item arrays (32 bytes).
    for (let i = 0; i < 20_000; i++) {
      const a = heap.newList();
      heap.listAppend(a, a);
      heap.decref(a);
    }
    const blocks = runtime.obmalloc.getAllocatedBlocks();
    const released: number[] = [];
    const stop = runtime.events.subscribe('obmalloc', (event) => {
      if (event.type === 'arena-release') released.push(event.arenaIndex);
    });
    expect(gc.collect()).toBe(20_000);
    stop();
    expect(blocks - runtime.obmalloc.getAllocatedBlocks()).toBe(40_000);
    expect(runtime.obmalloc.getAllocatedBlocks()).toBe(heap.foreignBlocks);
    expect(released.length).toBeGreaterThan(0);
  });
});
