/**
 * The heap's collector interface (HeapGraph): a textbook collection written against it
 * frees ten two-instance cycles, finding as many unreachable objects as a live
 * CPython's gc.collect() does (40 on 3.8–3.10: instances and their __dict__s; 20 on
 * 3.11+), and tp_clear releases containers' items.
 */
import { execFileSync } from 'node:child_process';
import { liveInterpreterFor } from '@pymem/cpython';
import { Heap, type HeapGraph, type ObjectHandle, validateHeap } from '@pymem/objects';
import { RECORDED_PROFILE_NAMES } from '@pymem/versions';
import { describe, expect, it } from 'vitest';

/**
 * A textbook collection over the HeapGraph interface (gc.c's update_refs,
 * subtract_refs, move_unreachable; no generations, no finalizers): returns the
 * unreachable objects, then clears them so the decrefs free them.
 */
function collect(graph: HeapGraph, heap: Heap): number {
  const tracked: ObjectHandle[] = [];
  graph.forEachTracked((o) => tracked.push(o));
  const refs = new Map<ObjectHandle, number>();
  for (const o of tracked) refs.set(o, graph.refcount(o));
  for (const o of tracked) {
    graph.traverse(o, (r) => {
      const n = refs.get(r);
      if (n !== undefined) refs.set(r, n - 1);
    });
  }
  const reachable = new Set<ObjectHandle>();
  const stack = tracked.filter((o) => refs.get(o)! > 0);
  while (stack.length > 0) {
    const o = stack.pop()!;
    if (reachable.has(o)) continue;
    reachable.add(o);
    graph.traverse(o, (r) => {
      if (refs.has(r) && !reachable.has(r)) stack.push(r);
    });
  }
  const unreachable = tracked.filter((o) => !reachable.has(o));
  for (const o of unreachable) heap.incref(o);
  for (const o of unreachable) if (heap.isLive(o)) graph.clear(o);
  for (const o of unreachable) heap.decref(o);
  return unreachable.length;
}

/** Builds ten two-instance cycles (a.other = b; b.other = a) and drops the names. */
function tenCycles(heap: Heap): void {
  const C = heap.newClass('C');
  for (let i = 0; i < 10; i++) {
    const a = heap.newInstance(C);
    const b = heap.newInstance(C);
    heap.setAttr(a, 'other', b);
    heap.setAttr(b, 'other', a);
    heap.decref(a);
    heap.decref(b);
  }
}

describe('HeapGraph', () => {
  it('lets a collector free ten two-instance cycles through clear()', () => {
    for (const profile of RECORDED_PROFILE_NAMES) {
      const heap = new Heap({ profile });
      const before = heap.obmalloc.getAllocatedBlocks();
      tenCycles(heap);
      expect(heap.obmalloc.getAllocatedBlocks()).toBeGreaterThan(before);
      const found = collect(heap, heap);
      // 3.8–3.10: each instance and its __dict__; 3.11+: the instances only.
      expect(found, profile).toBe(Number(profile.split('.')[1]) < 11 ? 40 : 20);
      validateHeap(heap);
      // Only the 3.8–3.10 dicts stay, parked on the dict free list (no block freed),
      // and the class's keys table made with it.
      const parked = heap.freeListCounts().dict;
      const classKeys = Number(profile.split('.')[1]) < 11 ? 1 : 0;
      expect(heap.obmalloc.getAllocatedBlocks() - before).toBe(parked + classKeys);
      expect(collect(heap, heap)).toBe(0);
    }
  });

  it('clears lists, dicts and sets so that their items are released', () => {
    const heap = new Heap({ profile: '3.12' });
    const l = heap.newList();
    const d = heap.newDict();
    const s = heap.newSet();
    heap.listAppend(l, d);
    heap.dictSetItem(d, heap.none, s);
    heap.setAdd(s, heap.newFloat(1.5));
    expect(heap.referents(l)).toEqual([d]);
    heap.clear(l);
    expect(heap.isLive(d)).toBe(true);
    heap.clear(d);
    expect(heap.lengthOf(d)).toBe(0);
    heap.clear(s);
    expect(heap.lengthOf(s)).toBe(0);
    validateHeap(heap);
  });

  it('frees the except-as cycles exception → traceback → frame → exception as gc.collect() does (live)', () => {
    const program =
      'import gc\ndef cyc(a):\n  try:\n    raise ValueError(a)\n  except ValueError as err:\n' +
      '    keep = err\n  return keep\ngc.collect()\nfor _ in range(10):\n  e = cyc([1])\n' +
      'del e\nprint(gc.collect())';
    for (const profile of RECORDED_PROFILE_NAMES) {
      const heap = new Heap({ profile });
      // cyc's locals: a, err, keep; each cycle: exception, args tuple, [1], traceback, frame.
      const cyc = heap.newCode({ nlocals: 3, ncells: 0, nfrees: 0, stacksize: 4, flags: 0 });
      for (let i = 0; i < 10; i++) {
        const one = heap.newInt(1);
        const arg = heap.newList([one]);
        heap.decref(one);
        heap.callFunction(cyc, [arg]);
        heap.decref(arg);
        heap.raiseException(heap.newException([arg]));
        const e = heap.catchException();
        heap.storeFast(2, e);
        heap.endExcept();
        heap.returnFromFunction();
        heap.decref(e);
      }
      validateHeap(heap);
      const found = collect(heap, heap);
      validateHeap(heap);
      expect(collect(heap, heap)).toBe(0);
      const interpreter = liveInterpreterFor(profile, 'except-as cycles');
      if (!interpreter) continue;
      const out = execFileSync(interpreter.path, ['-I', '-c', program], { encoding: 'utf8' });
      expect(found, profile).toBe(Number(out.trim()));
    }
  });

  it('counts as many unreachable objects as gc.collect() does (live)', () => {
    for (const profile of RECORDED_PROFILE_NAMES) {
      const interpreter = liveInterpreterFor(profile, 'ten two-instance cycles');
      if (!interpreter) continue;
      const out = execFileSync(
        interpreter.path,
        [
          '-I',
          '-c',
          'import gc\nclass C: pass\ngc.collect()\n' +
            'for _ in range(10):\n  a = C(); b = C(); a.other = b; b.other = a\n' +
            'del a, b\nprint(gc.collect())',
        ],
        { encoding: 'utf8' },
      );
      const heap = new Heap({ profile });
      tenCycles(heap);
      expect(collect(heap, heap), profile).toBe(Number(out.trim()));
    }
  });
});
