import { PROFILE_NAMES } from '@pymem/versions';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Heap, type ObjectHandle } from './heap.ts';
import { validateHeap } from './validate-heap.ts';

/**
 * map and filter objects (function-iterators.ts): their sizes as measured (48 / 48 on
 * 3.8.18–3.13.0; 28 / 24 on Pyodide's wasm32 3.14.2), what they hold, and that every
 * reference comes back once they die. Stepping calls Python code, so here a plain
 * step stands in for the function (the identity for map, truth for filter); the
 * mf_* differential programs check the real calls against CPython.
 */
function identityStep(heap: Heap): (it: ObjectHandle) => ObjectHandle {
  return (it) => {
    const [first, second] = heap.referents(it) as [ObjectHandle, ObjectHandle];
    if (heap.typeOf(it) === 'map') return heap.iteratorNext(heap.referents(first)[0]!);
    for (let v = heap.iteratorNext(second); v !== 0; v = heap.iteratorNext(second)) {
      if (heap.valueOf(v) !== 0n) return v;
      heap.decref(v);
    }
    return 0;
  };
}

describe('map and filter objects', () => {
  it('have the measured sizes, are tracked and hold their function and iterators', () => {
    for (const [profile, pointerSize, map, filter] of [
      ['3.8', 8, 48, 48],
      ['3.13', 8, 48, 48],
      ['3.14', 4, 28, 24],
    ] as const) {
      const heap = new Heap({ profile, pointerSize });
      const f = heap.newFunction();
      const xs = heap.newList();
      const m = heap.newMap(f, [xs, xs]);
      const fl = heap.newFilter(heap.newNone(), xs);
      expect([heap.sizeof(m), heap.sizeof(fl)]).toEqual([map, filter]);
      expect([heap.isTracked(m), heap.isTracked(fl)]).toEqual([true, true]);
      const [iterators, func] = heap.referents(m);
      expect(func).toBe(f);
      expect(heap.typeOf(iterators!)).toBe('tuple');
      expect(heap.referents(iterators!).map((i) => heap.typeOf(i))).toEqual([
        'list_iterator',
        'list_iterator',
      ]);
      expect(heap.typeOf(heap.referents(fl)[1]!)).toBe('list_iterator');
      expect(heap.newIterator(m)).toBe(m);
      heap.decref(m);
      validateHeap(heap);
    }
  });

  it('give every item and give back every reference (every profile)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...PROFILE_NAMES),
        fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 8 }),
        fc.boolean(),
        (profile, values, keep) => {
          const heap = new Heap({ profile });
          heap.callingIterNext = identityStep(heap);
          const items = values.map((v) => heap.newInt(v));
          const list = heap.newList(items);
          const f = heap.newFunction();
          const before = [list, f, ...items].map((o) => heap.refcount(o));
          for (const o of [heap.newMap(f, [list]), heap.newFilter(f, list)]) {
            const got: ObjectHandle[] = [];
            for (let v = heap.iteratorNext(o); v !== 0; v = heap.iteratorNext(o)) {
              got.push(v);
              if (!keep) heap.decref(v);
              validateHeap(heap);
            }
            const expected = heap.typeOf(o) === 'map' ? values : values.filter((v) => v !== 0);
            expect(got.length).toBe(expected.length);
            for (const g of keep ? got : []) heap.decref(g);
            heap.decref(o);
            validateHeap(heap);
          }
          expect([list, f, ...items].map((o) => heap.refcount(o))).toEqual(before);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('refuses to step without a step installed', () => {
    const heap = new Heap({ profile: '3.12' });
    const m = heap.newMap(heap.newFunction(), [heap.newList()]);
    expect(() => heap.iteratorNext(m)).toThrow(/calls Python code/);
  });
});
