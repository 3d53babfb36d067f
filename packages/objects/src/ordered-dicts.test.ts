import { describe, expect, it } from 'vitest';
import { Heap } from './heap.ts';
import {
  newODict,
  newODictIterator,
  odictDelItem,
  odictKeys,
  odictMoveToEnd,
  odictPop,
  odictPopItem,
  odictSetItem,
} from './ordered-dicts.ts';
import { validateHeap } from './validate-heap.ts';

/**
 * collections.OrderedDict (ordered-dicts.ts): sizes as sys.getsizeof reports them
 * (measured on CPython 3.8.18–3.13.0 and Pyodide 3.14.2 — the od_* differential
 * programs check them in real programs), the node blocks and fast-nodes array as real
 * allocations, the key's second reference, the list order, and the iterator.
 */
describe('OrderedDicts', () => {
  it("have dict's size plus eight words, the fast nodes and the nodes", () => {
    const sizes = (profile: '3.8' | '3.10' | '3.11' | '3.14', pointerSize: 4 | 8 = 8) => {
      const heap = new Heap({ profile, pointerSize });
      const od = newODict(heap);
      const empty = heap.sizeof(od);
      odictSetItem(heap, od, heap.newStr('a'), heap.newInt(1));
      return [empty, heap.sizeof(od)];
    };
    expect(sizes('3.8')).toEqual([296, 392]);
    expect(sizes('3.10')).toEqual([128, 392]);
    expect(sizes('3.11')).toEqual([128, 344]);
    expect(sizes('3.14', 4)).toEqual([72, 188]);
  });

  it('malloc a node per key and a fast-nodes array, and hold each key twice', () => {
    const heap = new Heap({ profile: '3.12' });
    const od = newODict(heap);
    expect(heap.isTracked(od)).toBe(true);
    const k = heap.newStr('key');
    const v = heap.newList();
    const blocks = heap.blocks.size;
    const calls: number[] = [];
    heap.hook = (e) => {
      if (e.type === 'memory-call' && e.call === 'malloc') calls.push(e.nbytes);
    };
    odictSetItem(heap, od, k, v);
    heap.hook = null;
    // The keys table, then the fast nodes (8 pointers), then one node (4 words).
    expect(heap.blocks.size - blocks).toBe(3);
    expect(calls.slice(1)).toEqual([64, 32]);
    expect(heap.refcount(k)).toBe(3);
    expect(heap.refcount(v)).toBe(2);
    expect(heap.referents(od)).toEqual([k, k, v]);
    odictDelItem(heap, od, k);
    expect(heap.refcount(k)).toBe(1);
    expect(heap.blocks.size - blocks).toBe(2);
    heap.decref(k);
    heap.decref(v);
    const parked = heap.freeLists.dict.length;
    heap.decref(od);
    expect(heap.freeLists.dict.length).toBe(parked);
    validateHeap(heap);
  });

  it('keep the list order through move_to_end, pop and popitem', () => {
    const heap = new Heap({ profile: '3.13' });
    const od = newODict(heap);
    const keys = ['a', 'b', 'c', 'd'].map((s) => heap.newStr(s));
    for (const k of keys) odictSetItem(heap, od, k, heap.none);
    const names = () => odictKeys(heap, od).map((k) => heap.valueOf(k));
    expect(odictMoveToEnd(heap, od, keys[0]!, true)).toBe(true);
    expect(odictMoveToEnd(heap, od, keys[3]!, false)).toBe(true);
    expect(names()).toEqual(['d', 'b', 'c', 'a']);
    const missing = heap.newStr('zz');
    expect(odictMoveToEnd(heap, od, missing, true)).toBe(false);
    expect(odictPop(heap, od, missing)).toBe(0);
    const item = odictPopItem(heap, od, false);
    expect(heap.valueOf(heap.items(item)[0]!)).toBe('d');
    heap.decref(item);
    const value = odictPop(heap, od, keys[2]!);
    expect(value).toBe(heap.none);
    heap.decref(value);
    expect(names()).toEqual(['b', 'a']);
    for (const k of [...keys, missing]) heap.decref(k);
    heap.decref(od);
    validateHeap(heap);
  });

  it('iterate in list order, holding the dict until exhausted', () => {
    const heap = new Heap({ profile: '3.8' });
    const od = newODict(heap);
    const a = heap.newStr('a');
    const b = heap.newStr('b');
    odictSetItem(heap, od, a, heap.none);
    odictSetItem(heap, od, b, heap.none);
    odictMoveToEnd(heap, od, a, true);
    const it = newODictIterator(heap, od, 'keys');
    // 3.8 makes the result tuple for a keys iterator too.
    expect(heap.referents(it).map((o) => heap.typeName(o))).toEqual([
      'OrderedDict',
      'str',
      'tuple',
    ]);
    expect(heap.sizeof(it)).toBe(80);
    const first = heap.iteratorNext(it);
    const second = heap.iteratorNext(it);
    expect([first, second]).toEqual([b, a]);
    expect(heap.iteratorNext(it)).toBe(0);
    expect(heap.referents(it).map((o) => heap.typeName(o))).toEqual(['tuple']);
    for (const o of [first, second, it, a, b, od]) heap.decref(o);
    validateHeap(heap);
  });
});
