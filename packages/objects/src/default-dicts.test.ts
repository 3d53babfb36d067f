import { describe, expect, it } from 'vitest';
import { clearDefaultFactory, defaultFactory, newDefaultDict } from './default-dicts.ts';
import { Heap } from './heap.ts';
import { validateHeap } from './validate-heap.ts';

/**
 * collections.defaultdict (default-dicts.ts): sizes as sys.getsizeof reports them
 * (measured on CPython 3.8.18–3.13.0 and Pyodide 3.14.2 — the cl_defaultdict_*
 * differential programs check them in real programs), tracking, the factory's
 * reference, and dealloc bypassing the dict free list.
 */
describe('defaultdicts', () => {
  it("have dict's size plus one 8-aligned pointer", () => {
    const size = (profile: '3.8' | '3.10' | '3.11' | '3.14', pointerSize: 4 | 8 = 8) => {
      const heap = new Heap({ profile, pointerSize });
      return heap.sizeof(newDefaultDict(heap, 0, 'list'));
    };
    expect(size('3.8')).toBe(240);
    expect(size('3.10')).toBe(72);
    expect(size('3.11')).toBe(72);
    expect(size('3.14', 4)).toBe(48);
  });

  it('are tracked at once, hold their factory, and skip the dict free list', () => {
    const heap = new Heap({ profile: '3.12' });
    const factory = heap.newList();
    const d = newDefaultDict(heap, factory, null);
    expect(heap.isTracked(d)).toBe(true);
    expect(heap.refcount(factory)).toBe(2);
    expect(heap.referents(d)[0]).toBe(factory);
    const k = heap.newStr('key');
    const v = heap.newList();
    heap.dictSetItem(d, k, v);
    expect(heap.referents(d)).toEqual([factory, k, v]);
    expect(heap.lengthOf(d)).toBe(1);
    const parked = heap.freeLists.dict.length;
    heap.decref(d);
    expect(heap.freeLists.dict.length).toBe(parked);
    expect(heap.refcount(factory)).toBe(1);
    expect(heap.refcount(v)).toBe(1);
    heap.decref(k);
    heap.decref(v);
    heap.decref(factory);
    validateHeap(heap);
    expect(heap.isLive(d)).toBe(false);
  });

  it('keep the factory through dict.clear, not through tp_clear', () => {
    const heap = new Heap({ profile: '3.11' });
    const factory = heap.newList();
    const d = newDefaultDict(heap, factory, null);
    heap.dictSetItem(d, heap.newNone(), heap.newNone());
    heap.dictClear(d);
    expect(defaultFactory(heap, d)).toBe(factory);
    expect(heap.lengthOf(d)).toBe(0);
    clearDefaultFactory(heap, d);
    expect(defaultFactory(heap, d)).toBe(0);
    expect(heap.refcount(factory)).toBe(1);
    heap.decref(d);
    heap.decref(factory);
  });
});
