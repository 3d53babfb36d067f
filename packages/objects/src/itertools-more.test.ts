import { PROFILE_NAMES } from '@pymem/versions';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Heap, type ObjectHandle } from './heap.ts';
import { validateHeap } from './validate-heap.ts';

/**
 * itertools-product.ts, itertools-permutations.ts and itertools-zip-longest.ts: each
 * object gives its tuples in CPython's order, reuses an unshared result, and gives back
 * every reference when it dies (None's included: the emptied slots). Sizes and counts
 * against CPython are checked by the ix_* differential programs.
 */

/** The cartesian product of 0 … sizes[i]−1, rightmost fastest. */
function productOf(sizes: readonly number[]): number[][] {
  let out: number[][] = [[]];
  for (const n of sizes) out = out.flatMap((p) => Array.from({ length: n }, (_, i) => [...p, i]));
  return out;
}

/** The r-permutations of 0 … n−1 in CPython's (lexicographic) order. */
function permutationsOf(n: number, r: number): number[][] {
  if (r === 0) return [[]];
  const out: number[][] = [];
  for (let i = 0; i < n; i++)
    for (const rest of permutationsOf(n - 1, r - 1))
      out.push([i, ...rest.map((j) => (j >= i ? j + 1 : j))]);
  return out;
}

/** Steps `o` to the end: each tuple's items as indexes into `items`, checking the reuse. */
function drain(heap: Heap, o: ObjectHandle, items: ObjectHandle[], keep: boolean): number[][] {
  const got: number[][] = [];
  const kept: ObjectHandle[] = [];
  let previous = 0;
  for (let t = heap.iteratorNext(o); t !== 0; t = heap.iteratorNext(o)) {
    got.push(heap.referents(t).map((x) => items.indexOf(x)));
    if (!keep && previous !== 0 && heap.lengthOf(t) > 0) expect(t).toBe(previous);
    previous = t;
    if (keep) kept.push(t);
    else heap.decref(t);
    validateHeap(heap);
  }
  for (const t of kept) heap.decref(t);
  return got;
}

describe('product and permutations objects', () => {
  it('give every tuple in order and every reference back', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...PROFILE_NAMES),
        fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 3 }),
        fc.integer({ min: 0, max: 2 }),
        fc.integer({ min: -1, max: 4 }),
        fc.boolean(),
        (profile, sizes, repeat, r, keep) => {
          const heap = new Heap({ profile });
          const items = Array.from({ length: 4 }, (_, i) => heap.newInt(1000 + i));
          const lists = sizes.map((n) => heap.newList(items.slice(0, n)));
          const before = [...items, heap.none].map((o) => heap.refcount(o));
          const p = heap.newProduct(lists, repeat);
          const all = Array.from({ length: repeat }, () => sizes).flat();
          expect(drain(heap, p, items, keep)).toEqual(productOf(all));
          heap.decref(p);
          const seq = lists[0] ?? heap.newList();
          const q = heap.newPermutations(seq, r);
          const n = sizes[0] ?? 0;
          const rr = r === -1 ? n : r;
          expect(drain(heap, q, items, keep)).toEqual(rr > n ? [] : permutationsOf(n, rr));
          heap.decref(q);
          if (lists.length === 0) heap.decref(seq);
          validateHeap(heap);
          expect([...items, heap.none].map((o) => heap.refcount(o))).toEqual(before);
          for (const l of lists) heap.decref(l);
          for (const o of items) heap.decref(o);
        },
      ),
    );
  });
});

describe('zip_longest objects', () => {
  it('fill the shorter arguments and give every reference back', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...PROFILE_NAMES),
        fc.array(fc.integer({ min: 0, max: 4 }), { maxLength: 3 }),
        fc.boolean(),
        (profile, sizes, keep) => {
          const heap = new Heap({ profile });
          const items = Array.from({ length: 4 }, (_, i) => heap.newInt(1000 + i));
          const fill = heap.newInt(5000);
          const lists = sizes.map((n) => heap.newList(items.slice(0, n)));
          const before = [...items, fill, heap.none].map((o) => heap.refcount(o));
          const z = heap.newZipLongest(lists, fill);
          const longest = Math.max(0, ...sizes);
          const expected = Array.from({ length: longest }, (_, k) =>
            sizes.map((n) => (k < n ? k : -1)),
          );
          expect(drain(heap, z, items, keep)).toEqual(sizes.length === 0 ? [] : expected);
          heap.decref(z);
          validateHeap(heap);
          expect([...items, fill, heap.none].map((o) => heap.refcount(o))).toEqual(before);
          for (const l of lists) heap.decref(l);
          for (const o of [...items, fill]) heap.decref(o);
        },
      ),
    );
  });
});
