import { Heap, validateHeap } from '@pymem/objects';
import { describe, expect, it } from 'vitest';
import { CollectorUsageError } from './collector.ts';
import { HeapCollector } from './heap-collector.ts';

describe('HeapCollector', () => {
  it('refuses a second collector on one heap, and a detached heap reports nothing', () => {
    const heap = new Heap({ profile: '3.12' });
    const hc = new HeapCollector(heap);
    expect(() => new HeapCollector(heap)).toThrow(CollectorUsageError);
    hc.detach();
    heap.decref(heap.newList());
    expect(hc.gc.getCount()).toEqual([0, 0, 0]);
    expect(() => new HeapCollector(heap)).not.toThrow();
  });

  it('tracks what the heap already tracked, in handle order', () => {
    const heap = new Heap({ profile: '3.11' });
    const a = heap.newList();
    const b = heap.newList();
    const hc = new HeapCollector(heap);
    expect(hc.gc.getObjects(0).filter((o) => o === a || o === b)).toEqual([a, b]);
    heap.decref(a);
    heap.decref(b);
    expect(hc.collector.validate()).toEqual([]);
  });

  it('3.8–3.11 collect inside the allocation that passes the threshold', () => {
    const heap = new Heap({ profile: '3.11' });
    const hc = new HeapCollector(heap);
    hc.gc.setThreshold(2);
    const a = heap.newList();
    heap.listAppend(a, a);
    heap.decref(a);
    const cls = heap.newClass('C');
    const first = heap.newInstance(cls); // count 2
    expect(hc.gc.getStats()[0]!.collections).toBe(0);
    const second = heap.newInstance(cls); // count 3 > 2: collects now, before returning
    expect(hc.gc.getStats()[0]).toEqual({ collections: 1, collected: 1, uncollectable: 0 });
    expect(hc.evalBreaker()).toBe(0);
    heap.decref(first);
    heap.decref(second);
  });

  it('3.12+ only schedule the collection; the eval breaker runs it', () => {
    const heap = new Heap({ profile: '3.12' });
    const hc = new HeapCollector(heap);
    hc.gc.setThreshold(2);
    const a = heap.newList();
    heap.listAppend(a, a);
    heap.decref(a);
    const cls = heap.newClass('C');
    const first = heap.newInstance(cls);
    const second = heap.newInstance(cls); // count 3 > 2: scheduled only
    expect(hc.gc.getStats()[0]!.collections).toBe(0);
    expect(hc.collector.scheduled).toBe(true);
    expect(hc.evalBreaker()).toBe(1);
    expect(hc.evalBreaker()).toBe(0);
    heap.decref(first);
    heap.decref(second);
  });

  it('reports a finalizer that throws as unraisable and still frees the cycle', () => {
    const heap = new Heap({ profile: '3.13' });
    const errors: unknown[] = [];
    const hc = new HeapCollector(heap, { unraisable: (error) => errors.push(error) });
    const cls = heap.newClass('Bad', { finalizer: true });
    hc.defineFinalizer(cls, () => {
      throw new Error('boom');
    });
    const o = heap.newInstance(cls);
    heap.setAttr(o, 'me', o);
    heap.decref(o);
    expect(hc.gc.collect()).toBe(1);
    expect(errors).toHaveLength(1);
    expect(heap.isLive(o)).toBe(false);
    validateHeap(heap);
  });
});
