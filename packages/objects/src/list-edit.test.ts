import { PROFILE_NAMES } from '@pymem/versions';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Heap, type ObjectHandle } from './heap.ts';
import { validateHeap } from './validate-heap.ts';

/**
 * In-place list edits (list-edit.ts): random runs of insert / delete-slice / clear /
 * reorder / in-place delete against a plain array, checking after every step that the
 * list holds exactly the expected items, that each item's count is its references, and
 * that the whole heap validates. The sizes CPython gives after each edit are checked by
 * the lib_list_* differential programs (tests/programs/run).
 */
type Edit =
  | { kind: 'insert'; at: number; item: number }
  | { kind: 'delete'; from: number; length: number }
  | { kind: 'delete-in-place'; at: number }
  | { kind: 'clear' }
  | { kind: 'reverse' };

const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(40), item: fc.nat(5) }),
  fc.record({ kind: fc.constant('delete' as const), from: fc.nat(40), length: fc.nat(12) }),
  fc.record({ kind: fc.constant('delete-in-place' as const), at: fc.nat(40) }),
  fc.constant({ kind: 'clear' as const }),
  fc.constant({ kind: 'reverse' as const }),
);

describe('list edits', () => {
  it('keep the items, their counts and the heap consistent (every profile)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...PROFILE_NAMES),
        fc.array(edit, { maxLength: 40 }),
        (profile, edits) => {
          const heap = new Heap({ profile });
          const pool: ObjectHandle[] = [0, 1, 2, 3, 4, 5].map(() => heap.newList());
          const list = heap.newList();
          const expected: ObjectHandle[] = [];
          for (const e of edits) {
            const n = expected.length;
            if (e.kind === 'insert') {
              const at = Math.min(e.at, n);
              heap.listInsert(list, at, pool[e.item]!);
              expected.splice(at, 0, pool[e.item]!);
            } else if (e.kind === 'delete') {
              const from = Math.min(e.from, n);
              const to = Math.min(from + e.length, n);
              heap.listDeleteSlice(list, from, to);
              expected.splice(from, to - from);
            } else if (e.kind === 'delete-in-place') {
              if (n === 0) continue;
              heap.listDeleteItemInPlace(list, e.at % n);
              expected.splice(e.at % n, 1);
            } else if (e.kind === 'clear') {
              heap.listClear(list);
              expected.length = 0;
            } else {
              heap.listReorder(
                list,
                expected.map((_, i) => n - 1 - i),
              );
              expected.reverse();
            }
            expect(heap.referents(list)).toEqual(expected);
            expect(heap.capacityOf(list)).toBeGreaterThanOrEqual(expected.length);
            for (const item of pool)
              expect(heap.refcount(item)).toBe(1 + expected.filter((x) => x === item).length);
            validateHeap(heap);
          }
          heap.decref(list);
          for (const item of pool) expect(heap.refcount(item)).toBe(1);
          validateHeap(heap);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('release a deleted item only once the list no longer holds it', () => {
    const heap = new Heap({ profile: '3.12' });
    const inner = heap.newList();
    const list = heap.newList([inner]);
    heap.decref(inner);
    heap.listDeleteSlice(list, 0, 1);
    expect(heap.isLive(inner)).toBe(false);
    expect(heap.lengthOf(list)).toBe(0);
    validateHeap(heap);
  });

  it('reserve split slots up front and fill them without a resize', () => {
    const heap = new Heap({ profile: '3.11' });
    const a = heap.newStr('ab');
    const l = heap.newListPreallocated([a], 12);
    expect([heap.lengthOf(l), heap.capacityOf(l)]).toEqual([1, 12]);
    // sys.getsizeof('ab cd'.split()) on 3.8.18–3.11.7: 152 = 56 + 12 slots.
    expect(heap.sizeof(l)).toBe(152);
    heap.listAppendPreallocated(l, a);
    expect([heap.lengthOf(l), heap.capacityOf(l)]).toEqual([2, 12]);
    validateHeap(heap);
  });
});

describe('listDetachTail (a starred target shortening its list)', () => {
  it('hands the last items over with their references and keeps the allocation', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...PROFILE_NAMES),
        fc.nat(20),
        fc.nat(20),
        (profile, size, taken) => {
          const heap = new Heap({ profile });
          const items = Array.from({ length: size }, () => heap.newList());
          const list = heap.newList(items);
          const before = heap.sizeof(list);
          if (taken > size) {
            expect(() => heap.listDetachTail(list, taken)).toThrow();
            return;
          }
          const tail = heap.listDetachTail(list, taken);
          expect(tail).toEqual(items.slice(size - taken));
          expect(heap.items(list)).toEqual(items.slice(0, size - taken));
          expect(heap.lengthOf(list)).toBe(size - taken);
          expect(heap.sizeof(list)).toBe(before);
          for (const x of items) heap.decref(x);
          for (const x of items.slice(0, size - taken)) expect(heap.refcount(x)).toBe(1);
          for (const x of tail) expect(heap.refcount(x)).toBe(1);
          for (const x of tail) heap.decref(x);
          heap.decref(list);
          validateHeap(heap);
        },
      ),
    );
  });
});
