import { PROFILE_NAMES } from '@pymem/versions';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  dequeAppend,
  dequeAppendleft,
  dequeClear,
  dequeData,
  dequeExtendleftStart,
  dequeExtendStart,
  dequeItem,
  dequePop,
  dequePopleft,
  dequeReverse,
  dequeRotate,
  newDeque,
} from './deques.ts';
import { Heap } from './heap.ts';
import { validateHeap } from './validate-heap.ts';

/**
 * collections.deque (deques.ts): sizes as sys.getsizeof reports them (measured on
 * CPython 3.8.18–3.13.0: an empty deque 624 / 760 bytes, +528 per block; Pyodide
 * 3.14.2: 380 + 264 — the co_deque_* differential programs check them in real programs),
 * and, whatever sequence of operations runs, the items are the ones a plain array
 * would hold, the blocks held are the ones deque_sizeof counts, and every reference
 * and block is given back.
 */
describe('deques', () => {
  it('have CPython sizes: the basic size, then 528 bytes per 64-slot block', () => {
    const sizes = (profile: '3.8' | '3.10' | '3.11' | '3.13' | '3.14', pointerSize: 4 | 8 = 8) => {
      const heap = new Heap({ profile, pointerSize });
      const d = newDeque(heap);
      const out = [heap.sizeof(d)];
      const x = heap.newNone();
      for (let i = 0; i < 33; i++) dequeAppend(heap, d, x);
      out.push(heap.sizeof(d));
      const e = newDeque(heap);
      dequeExtendStart(heap, e);
      for (let i = 0; i < 63; i++) dequeAppend(heap, e, x);
      out.push(heap.sizeof(e));
      return out;
    };
    expect(sizes('3.8')).toEqual([624, 1152, 624]);
    expect(sizes('3.10')).toEqual([624, 1152, 624]);
    expect(sizes('3.11')).toEqual([760, 1288, 760]);
    expect(sizes('3.13')).toEqual([760, 1288, 760]);
    // Pyodide 3.14.2 (wasm32).
    expect(sizes('3.14', 4)).toEqual([380, 644, 380]);
  });

  it('a bounded deque drops the far end', () => {
    const heap = new Heap({ profile: '3.12' });
    const d = newDeque(heap, 2);
    const items = [heap.newList(), heap.newList(), heap.newList()];
    for (const o of items) dequeAppend(heap, d, o);
    expect(heap.refcount(items[0]!)).toBe(1);
    expect(dequeData(heap, d).items).toEqual([items[1], items[2]]);
    dequeAppendleft(heap, d, items[0]!);
    expect(dequeData(heap, d).items).toEqual([items[0], items[1]]);
    expect(heap.refcount(items[2]!)).toBe(1);
  });

  const operation = fc.oneof(
    fc.constant('append' as const),
    fc.constant('appendleft' as const),
    fc.constant('pop' as const),
    fc.constant('popleft' as const),
    fc.constant('clear' as const),
    fc.constant('extend' as const),
    fc.constant('item' as const),
    fc.constant('extendleft' as const),
    fc.constant('rotate' as const),
    fc.constant('reverse' as const),
  );

  it('hold what an array holds, the blocks deque_sizeof counts, and give everything back', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...PROFILE_NAMES),
        fc.option(fc.integer({ min: 0, max: 100 }), { nil: undefined }),
        fc.array(fc.tuple(operation, fc.integer({ min: -90, max: 90 })), { maxLength: 25 }),
        (profile, maxlen, ops) => {
          const heap = new Heap({ profile });
          // Distinct items, so that the order is checked too.
          const pool = Array.from({ length: 5 }, () => heap.newList());
          const before = heap.obmalloc.getAllocatedBlocks();
          const d = newDeque(heap, maxlen ?? -1);
          const model: number[] = [];
          const trim = (left: boolean) => {
            if (maxlen !== undefined && model.length > maxlen) {
              if (left) model.shift();
              else model.pop();
            }
          };
          for (const [op, n] of ops) {
            const count = Math.abs(n);
            const item = (k: number) => pool[(k + count) % pool.length]!;
            if (op === 'clear') {
              dequeClear(heap, d);
              model.length = 0;
            } else if (op === 'rotate') {
              dequeRotate(heap, d, n);
              const len = model.length;
              if (len > 0) {
                const k = ((n % len) + len) % len;
                model.unshift(...model.splice(len - k));
              }
            } else if (op === 'reverse') {
              dequeReverse(heap, d);
              model.reverse();
            } else if (op === 'extend' || op === 'extendleft') {
              const left = op === 'extendleft';
              if (left ? dequeExtendleftStart(heap, d) : dequeExtendStart(heap, d))
                for (let k = 0; k < count; k++) {
                  if (left) {
                    dequeAppendleft(heap, d, item(k));
                    model.unshift(item(k));
                  } else {
                    dequeAppend(heap, d, item(k));
                    model.push(item(k));
                  }
                  trim(!left);
                }
            } else
              for (let k = 0; k < count; k++) {
                if (op === 'append') {
                  dequeAppend(heap, d, item(k));
                  model.push(item(k));
                  trim(true);
                } else if (op === 'appendleft') {
                  dequeAppendleft(heap, d, item(k));
                  model.unshift(item(k));
                  trim(false);
                } else if (op === 'pop' && model.length > 0) {
                  const o = dequePop(heap, d);
                  expect(o).toBe(model.pop());
                  heap.decref(o);
                } else if (op === 'popleft' && model.length > 0) {
                  const o = dequePopleft(heap, d);
                  expect(o).toBe(model.shift());
                  heap.decref(o);
                } else if (op === 'item' && model.length > 0) {
                  const o = dequeItem(heap, d, k % model.length);
                  expect(o).toBe(model[k % model.length]);
                  heap.decref(o);
                }
              }
            const data = dequeData(heap, d);
            expect(data.items).toEqual(model);
            expect(heap.lengthOf(d)).toBe(model.length);
            for (const p of pool)
              expect(heap.refcount(p)).toBe(1 + model.filter((o) => o === p).length);
            const counted = Math.floor((data.leftindex + model.length + 63) / 64);
            expect(data.blocks.length).toBe(counted);
            expect(data.rightindex).toBe(data.leftindex + model.length - 1 - 64 * (counted - 1));
            expect(data.leftindex).toBeGreaterThanOrEqual(0);
            expect(data.leftindex).toBeLessThan(64);
          }
          validateHeap(heap);
          heap.decref(d);
          for (const p of pool) expect(heap.refcount(p)).toBe(1);
          // 3.11+ free every block with the deque; 3.8–3.10 keep up to 16 in the shared cache.
          const kept = heap.obmalloc.getAllocatedBlocks() - before;
          if (heap.layout.minor >= 11) expect(kept).toBe(0);
          else expect(kept).toBeLessThanOrEqual(16);
          for (const p of pool) heap.decref(p);
          validateHeap(heap);
        },
      ),
      { numRuns: 80 },
    );
  });
});
