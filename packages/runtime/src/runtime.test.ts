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
});
