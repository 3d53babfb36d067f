import { describe, expect, it } from 'vitest';
import { newCounter } from './counters.ts';
import { Heap } from './heap.ts';
import { validateHeap } from './validate-heap.ts';

/**
 * collections.Counter objects (counters.ts): sizes as sys.getsizeof reports them
 * (measured on CPython 3.8.18–3.13.0 and Pyodide 3.14.2 — the ct_* differential programs
 * check them in real programs), the pre-header id() skips, tracking, and dealloc
 * bypassing the dict free list.
 */
describe('Counters', () => {
  it("have dict's size plus the subclass's slots and pre-header", () => {
    const size = (profile: '3.8' | '3.10' | '3.11' | '3.12' | '3.14', pointerSize: 4 | 8 = 8) => {
      const heap = new Heap({ profile, pointerSize });
      return heap.sizeof(newCounter(heap));
    };
    expect(size('3.8')).toBe(248);
    expect(size('3.10')).toBe(80);
    expect(size('3.11')).toBe(88);
    expect(size('3.12')).toBe(80);
    expect(size('3.14', 4)).toBe(48);
  });

  it('put id() after the GC header and, 3.11+, the two managed words', () => {
    for (const [profile, pre] of [
      ['3.10', 16],
      ['3.12', 32],
    ] as const) {
      const heap = new Heap({ profile });
      const c = newCounter(heap);
      expect(heap.addressOf(c) - heap.blockAddressOf(c)).toBe(pre);
    }
  });

  it('are tracked at once, hold their entries, and skip the dict free list', () => {
    const heap = new Heap({ profile: '3.12' });
    const c = newCounter(heap);
    expect(heap.isTracked(c)).toBe(true);
    const k = heap.newStr('key');
    const v = heap.newInt(10n ** 20n);
    heap.dictSetItem(c, k, v);
    expect(heap.referents(c)).toEqual([k, v]);
    expect(heap.lengthOf(c)).toBe(1);
    const parked = heap.freeLists.dict.length;
    heap.decref(c);
    expect(heap.freeLists.dict.length).toBe(parked);
    expect(heap.refcount(v)).toBe(1);
    heap.decref(k);
    heap.decref(v);
    validateHeap(heap);
    expect(heap.isLive(c)).toBe(false);
  });
});
