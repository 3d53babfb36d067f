import { describe, expect, it } from 'vitest';
import { Heap } from './heap.ts';
import { validateHeap } from './validate-heap.ts';

/**
 * `def cyc(a): try: raise ValueError(a) / except ValueError as err: keep = err /
 * return keep` — the exception's traceback holds cyc's frame, whose local `keep`
 * holds the exception: after `del e` only the collector can free them.
 */
function exceptAsCycle(heap: Heap) {
  const code = heap.newCode({ nlocals: 3, ncells: 0, nfrees: 0, stacksize: 4, flags: 0 });
  const arg = heap.newList();
  heap.callFunction(code, [arg]);
  heap.raiseException(heap.newException([arg]));
  const e = heap.catchException();
  heap.storeFast(2, e);
  heap.endExcept();
  heap.returnFromFunction();
  const tb = heap.exceptionTraceback(e);
  const frame = heap.referents(tb).at(-1)!;
  return { e, tb, frame, arg };
}

describe('exceptions and tracebacks', () => {
  for (const profile of ['3.8', '3.10', '3.11', '3.13', '3.14'] as const) {
    it(`makes the except-as cycle exception → traceback → frame → exception on ${profile}`, () => {
      const heap = new Heap({ profile });
      const { e, tb, frame, arg } = exceptAsCycle(heap);
      expect(heap.typeOf(frame)).toBe('frame');
      expect(heap.referents(e)).toContain(tb);
      expect(heap.referents(frame)).toContain(e);
      expect([e, tb, frame].every((o) => heap.isTracked(o))).toBe(true);
      heap.decref(tb);
      heap.decref(e);
      validateHeap(heap);
      // Still alive: each member of the cycle holds the next.
      expect([e, tb, frame].every((o) => heap.isLive(o))).toBe(true);
      // What the collector does: tp_clear on one member (holding a reference across it).
      heap.incref(tb);
      heap.clear(tb);
      heap.decref(tb);
      expect([e, tb].some((o) => heap.isLive(o))).toBe(false);
      validateHeap(heap);
      heap.decref(arg);
      validateHeap(heap);
    });
  }

  it('adds one traceback per frame the exception leaves, newest first', () => {
    const heap = new Heap({ profile: '3.12' });
    const code = heap.newCode({ nlocals: 1, ncells: 0, nfrees: 0, stacksize: 2, flags: 0 });
    for (let i = 0; i < 3; i++) heap.callFunction(code, [heap.none]);
    heap.raiseException(heap.newException());
    heap.unwindException();
    heap.unwindException();
    const e = heap.catchException();
    heap.endExcept();
    heap.returnFromFunction();
    const chain: number[] = [];
    for (let tb = heap.referents(e)[1]!; tb !== undefined; tb = heap.referents(tb)[0]!) {
      if (heap.typeOf(tb) !== 'traceback') break;
      chain.push(tb);
    }
    expect(chain).toHaveLength(3);
    heap.decref(e);
    validateHeap(heap);
    expect(heap.isLive(chain[0]!)).toBe(false);
  });

  it('reads `__cause__`: a new reference to the cause, or to None', () => {
    const heap = new Heap({ profile: '3.12' });
    const code = heap.newCode({ nlocals: 0, ncells: 0, nfrees: 0, stacksize: 2, flags: 0 });
    heap.callFunction(code);
    const cause = heap.newException();
    heap.raiseException(heap.newException(), cause);
    const e = heap.catchException();
    heap.endExcept();
    const read = heap.exceptionCause(e);
    expect(read).toBe(cause);
    expect(heap.refcount(cause)).toBe(3);
    heap.decref(read);
    const none = heap.exceptionCause(cause);
    expect(none).toBe(heap.none);
    heap.decref(none);
    heap.decref(e);
    expect(heap.refcount(cause)).toBe(1);
    heap.decref(cause);
    validateHeap(heap);
  });
});
