import { PROFILE_NAMES } from '@pymem/versions';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Heap, type ObjectHandle } from './heap.ts';
import { validateHeap } from './validate-heap.ts';

/**
 * partials.ts, itertools-objects.ts, itertools-combinations.ts and the recycled tuple of
 * tuples.ts: each object holds what it should, gives its items in order, and gives back
 * every reference when it dies. Sizes and counts against CPython are checked by the
 * ft_* differential programs.
 */
describe('functools.partial objects', () => {
  it('hold fn, args and kw, and release them all when freed (every profile)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...PROFILE_NAMES),
        fc.array(fc.integer({ min: 300, max: 5000 }), { maxLength: 5 }),
        (profile, values) => {
          const heap = new Heap({ profile });
          const fn = heap.newList();
          const args = values.map((v) => heap.newInt(v));
          const before = [fn, ...args].map((o) => heap.refcount(o));
          const p = heap.newPartial(fn, args);
          validateHeap(heap);
          expect(heap.isTracked(p)).toBe(true);
          const [f, tuple, kw] = heap.referents(p) as [ObjectHandle, ObjectHandle, ObjectHandle];
          expect(f).toBe(fn);
          expect(heap.referents(tuple)).toEqual(args);
          expect(heap.typeOf(kw)).toBe('dict');
          expect(heap.lengthOf(kw)).toBe(0);
          if (args.length === 0) expect(tuple).toBe(heap.emptyTuple);
          heap.decref(p);
          validateHeap(heap);
          expect([fn, ...args].map((o) => heap.refcount(o))).toEqual(before);
          for (const o of [fn, ...args]) heap.decref(o);
        },
      ),
    );
  });

  it('is 80 bytes on 64-bit 3.8–3.13 and 48 on a 4-byte-pointer 3.14', () => {
    for (const profile of ['3.8', '3.11', '3.13'] as const) {
      const heap = new Heap({ profile });
      const fn = heap.newList();
      expect(heap.sizeof(heap.newPartial(fn, []))).toBe(80);
    }
    const heap = new Heap({ profile: '3.14', pointerSize: 4 });
    expect(heap.sizeof(heap.newPartial(heap.newList(), []))).toBe(48);
  });
});

describe('a recycled tuple', () => {
  it('takes the new item and releases the old one, only while unshared', () => {
    const heap = new Heap({ profile: '3.12' });
    const a = heap.newList();
    const b = heap.newList();
    const t = heap.newTuple([a, a]);
    heap.decref(a);
    heap.tupleRecycleItem(t, 0, b);
    expect(heap.referents(t)).toEqual([b, a]);
    expect(heap.refcount(a)).toBe(1);
    heap.incref(t);
    expect(() => heap.tupleRecycleItem(t, 1, heap.newList())).toThrow(/shared/);
    validateHeap(heap);
  });
});

describe('itertools objects', () => {
  it('count, repeat and chain give their items in order and every reference back', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...PROFILE_NAMES),
        fc.array(fc.integer({ min: 300, max: 5000 }), { maxLength: 5 }),
        fc.integer({ min: 0, max: 4 }),
        (profile, values, times) => {
          const heap = new Heap({ profile });
          const items = values.map((v) => heap.newInt(v));
          const list = heap.newList(items);
          const x = heap.newInt(7777);
          const before = [list, x].map((o) => heap.refcount(o));
          const r = heap.newRepeat(x, times);
          const args = heap.newTuple([list, r]);
          const c = heap.newChain(args);
          heap.decref(args);
          const out: ObjectHandle[] = [];
          for (let next = heap.iteratorNext(c); next !== 0; next = heap.iteratorNext(c)) {
            out.push(next);
            validateHeap(heap);
          }
          expect(out).toEqual([...items, ...Array.from({ length: times }, () => x)]);
          for (const o of out) heap.decref(o);
          heap.decref(r);
          expect(heap.referents(c)).toEqual([]);
          heap.decref(c);
          const k = heap.newCount(values[0] ?? 0);
          const first = heap.iteratorNext(k);
          expect(heap.valueOf(first)).toBe(BigInt(values[0] ?? 0));
          heap.decref(first);
          heap.decref(k);
          validateHeap(heap);
          expect([list, x].map((o) => heap.refcount(o))).toEqual(before);
          for (const o of [...items, list, x]) heap.decref(o);
        },
      ),
    );
  });
});

/** The r-combinations of 0 … n−1 in lexicographic order. */
function combinationsOf(n: number, r: number): number[][] {
  if (r === 0) return [[]];
  const out: number[][] = [];
  for (let i = 0; i < n; i++)
    for (const rest of combinationsOf(n - i - 1, r - 1))
      out.push([i, ...rest.map((j) => j + i + 1)]);
  return out;
}

describe('combinations objects', () => {
  it('give every combination, reuse an unshared result, and give every reference back', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...PROFILE_NAMES),
        fc.integer({ min: 0, max: 5 }),
        fc.integer({ min: 0, max: 6 }),
        fc.boolean(),
        (profile, n, r, keep) => {
          const heap = new Heap({ profile });
          const items = Array.from({ length: n }, (_, i) => heap.newInt(1000 + i));
          const list = heap.newList(items);
          const before = items.map((o) => heap.refcount(o));
          const c = heap.newCombinations(list, r);
          const got: number[][] = [];
          const kept: ObjectHandle[] = [];
          let previous = 0;
          for (let t = heap.iteratorNext(c); t !== 0; t = heap.iteratorNext(c)) {
            got.push(heap.referents(t).map((o) => items.indexOf(o)));
            // Dropped at once, the result comes back as the same tuple (r > 0).
            if (!keep && previous !== 0 && r > 0) expect(t).toBe(previous);
            previous = t;
            if (keep) kept.push(t);
            else heap.decref(t);
            validateHeap(heap);
          }
          expect(got).toEqual(r > n ? [] : combinationsOf(n, r));
          for (const t of kept) heap.decref(t);
          heap.decref(c);
          validateHeap(heap);
          expect(items.map((o) => heap.refcount(o))).toEqual(before);
          heap.decref(list);
          for (const o of items) heap.decref(o);
        },
      ),
    );
  });
});
