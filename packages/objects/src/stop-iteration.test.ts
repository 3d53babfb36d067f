import { describe, expect, it } from 'vitest';
import { Heap } from './heap.ts';
import { validateHeap } from './validate-heap.ts';

/**
 * StopIteration's layout in exceptions.ts (PyStopIterationObject): one word more than
 * BaseException's — measured `sys.getsizeof(StopIteration())` 88 on 3.8.18–3.10.13,
 * 96 on 3.11.7–3.13.0, 48 on Pyodide's wasm32 3.14.2 — and a `value` (the first
 * argument, else None) visited first and released with the object.
 */
describe('StopIteration objects', () => {
  it('have the measured sizes and hold their value', () => {
    for (const [profile, pointerSize, bytes] of [
      ['3.8', 8, 88],
      ['3.10', 8, 88],
      ['3.11', 8, 96],
      ['3.13', 8, 96],
      ['3.14', 4, 48],
    ] as const) {
      const heap = new Heap({ profile, pointerSize });
      const plain = heap.newException([]);
      const none = heap.newException([], 0, true);
      const v = heap.newList();
      const before = heap.refcount(v);
      const e = heap.newException([v], 0, true);
      expect([heap.sizeof(none), heap.sizeof(e) - heap.sizeof(plain)]).toEqual([
        bytes,
        pointerSize,
      ]);
      expect(heap.referents(e)[0]).toBe(v);
      expect(heap.exceptionGetAttr(e, 'value')).toBe(v);
      expect(heap.typeOf(heap.exceptionGetAttr(none, 'value'))).toBe('NoneType');
      expect(heap.refcount(v)).toBe(before + 2);
      heap.decref(e);
      expect(heap.refcount(v)).toBe(before);
      for (const o of [plain, none, v]) heap.decref(o);
      validateHeap(heap);
    }
  });
});
