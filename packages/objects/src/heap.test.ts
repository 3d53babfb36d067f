import { describe, expect, it } from 'vitest';
import type { ObjectEvent } from './events.ts';
import { Heap, HeapError } from './heap.ts';
import { validateHeap } from './validate-heap.ts';

function record(heap: Heap): ObjectEvent[] {
  const events: ObjectEvent[] = [];
  heap.hook = (event) => events.push(event);
  return events;
}

describe('Heap allocations', () => {
  it('asks pymalloc for the GC header plus the object, and for the items separately', () => {
    const heap = new Heap({ profile: '3.12' });
    const events = record(heap);
    const one = heap.newInt(1000);
    const list = heap.newList([one, one, one]);
    const calls = events.filter((e) => e.type === 'memory-call');
    expect(calls.map((e) => [e.domain, e.call, e.nbytes])).toEqual([
      ['obj', 'malloc', 28],
      ['obj', 'malloc', 56],
      ['mem', 'calloc', 24],
    ]);
    expect(heap.sizeof(list)).toBe(80);
    expect(heap.addressOf(list) - 16).toBe(calls[1]!.address);
    heap.decref(list);
    heap.decref(one);
    validateHeap(heap);
  });

  it('resizes a tuple in place of its block: realloc, None in new slots, () for 0 on 3.11+', () => {
    for (const profile of ['3.10', '3.12'] as const) {
      const heap = new Heap({ profile });
      const one = heap.newInt(1000);
      const t = heap.newTuple(new Array(10).fill(heap.none));
      heap.tupleRecycleItem(t, 0, heap.share(one));
      const events = record(heap);
      const grown = heap.tupleResize(t, 22);
      expect(grown).toBe(t);
      expect(heap.lengthOf(t)).toBe(22);
      // The GC header and the tuple: 22 items past the basic size, one realloc.
      const calls = events.filter((e) => e.type === 'memory-call');
      expect(calls.map((e) => [e.domain, e.call, e.nbytes])).toEqual([
        ['obj', 'realloc', 16 + 24 + 8 * 22],
      ]);
      expect(heap.addressOf(t) - 16).toBe(calls[0]!.address);
      const trimmed = heap.tupleResize(t, 1);
      expect(heap.items(trimmed)).toEqual([one]);
      heap.decref(heap.tupleResize(heap.newTuple([heap.none, heap.none]), 0));
      const empty = heap.tupleResize(heap.newTuple([heap.none]), 0);
      expect(empty === heap.emptyTuple).toBe(profile === '3.12');
      heap.decref(empty);
      heap.decref(trimmed);
      heap.decref(one);
      validateHeap(heap);
    }
  });

  it('reallocates list items by the growth rule', () => {
    const heap = new Heap({ profile: '3.9' });
    const list = heap.newList();
    const events = record(heap);
    for (let i = 0; i < 17; i++) heap.listAppend(list, heap.none);
    const reallocs = events.flatMap((e) => (e.type === 'memory-call' ? [e.nbytes] : []));
    expect(reallocs).toEqual([32, 64, 128, 192]);
    expect(heap.capacityOf(list)).toBe(24);
  });

  it('gives dict keys tables their own block and frees the old one on resize', () => {
    const heap = new Heap({ profile: '3.11' });
    const d = heap.newDict();
    const events = record(heap);
    for (let i = 0; i < 6; i++) {
      const k = heap.newStr(`key${i}`);
      heap.dictSetItem(d, k, heap.none);
      heap.decref(k);
    }
    const keys = events.flatMap((e) =>
      e.type === 'memory-call' &&
      e.domain === 'obj' &&
      (e.nbytes === 120 || e.nbytes === 208 || e.call === 'free')
        ? [`${e.call} ${e.nbytes}`]
        : [],
    );
    // 8-slot unicode keys (32 + 8 + 16·5 = 120), then 16 slots (32 + 16 + 16·10 = 208);
    // the old 8-slot table goes to the keys free list, so it is not freed.
    expect(keys).toEqual(['malloc 120', 'malloc 208']);
    expect(heap.sizeof(d)).toBe(64 + 208);
    validateHeap(heap);
  });
});

describe('Heap caches and free lists', () => {
  it('shares small ints, one-character latin-1 strs and empty singletons', () => {
    const heap = new Heap({ profile: '3.10' });
    expect(heap.newInt(256)).toBe(heap.newInt(256));
    expect(heap.newInt(257)).not.toBe(heap.newInt(257));
    expect(heap.newInt(-5)).toBe(heap.newInt(-5));
    expect(heap.newStr('é')).toBe(heap.newStr('é'));
    expect(heap.newStr('ā')).not.toBe(heap.newStr('ā'));
    expect(heap.newTuple([])).toBe(heap.emptyTuple);
  });

  it('reports immortal counts from 3.12 and does not count references to them', () => {
    const h312 = new Heap({ profile: '3.12' });
    expect(h312.getrefcount(h312.newInt(7))).toBe(4294967295);
    const wasm = new Heap({ profile: '3.14', pointerSize: 4 });
    const list = wasm.newList([wasm.none, wasm.none]);
    expect(wasm.getrefcount(wasm.none)).toBe(7 * 2 ** 28);
    wasm.decref(list);
    validateHeap(wasm);
    const h314 = new Heap({ profile: '3.14' });
    expect(h314.getrefcount(h314.emptyTuple)).toBe(3 * 2 ** 30);
    // 3.14 passes getrefcount's argument as a borrowed reference.
    const x = h314.newFloat(2.5);
    expect(h314.getrefcount(x)).toBe(1);
  });

  it('starts 3.11 static objects at 999,999,999', () => {
    const heap = new Heap({ profile: '3.11' });
    const one = heap.newInt(1);
    expect(heap.getrefcount(one)).toBe(999_999_999 + 1 + 1);
    heap.decref(one);
    validateHeap(heap);
  });

  it('counts references like sys.getrefcount', () => {
    const heap = new Heap({ profile: '3.8' });
    const x = heap.newFloat(1.5);
    const list = heap.newList([x, x, x]);
    expect(heap.getrefcount(x)).toBe(5); // the name, three items, the argument
    heap.decref(list);
    expect(heap.getrefcount(x)).toBe(2);
  });

  it('parks up to 100 floats and reuses the last one parked', () => {
    const heap = new Heap({ profile: '3.13' });
    const floats = Array.from({ length: 101 }, (_, i) => heap.newFloat(i));
    const events = record(heap);
    for (const f of floats) heap.decref(f);
    expect(events.filter((e) => e.type === 'object-park')).toHaveLength(100);
    expect(events.filter((e) => e.type === 'object-free')).toHaveLength(1);
    const lastParked = floats[99]!;
    const reused = heap.newFloat(7);
    expect(reused).toBe(lastParked);
    expect(events.at(-1)).toMatchObject({ type: 'object-new', reused: true });
    validateHeap(heap);
  });

  it('parks 80 lists but always frees their item arrays', () => {
    const heap = new Heap({ profile: '3.9' });
    const lists = Array.from({ length: 81 }, () => heap.newList([heap.none]));
    const events = record(heap);
    for (const list of lists) heap.decref(list);
    const kinds = events.map((e) => (e.type === 'memory-call' ? `${e.call}:${e.domain}` : e.type));
    expect(kinds.filter((k) => k === 'free:mem')).toHaveLength(81);
    expect(kinds.filter((k) => k === 'object-park')).toHaveLength(80);
    expect(kinds.filter((k) => k === 'object-free')).toHaveLength(1);
    validateHeap(heap);
  });

  it('caches tuples per length, 1..19 before 3.11 and 1..20 after', () => {
    for (const [profile, parkedLengths] of [
      ['3.10', [19]],
      ['3.11', [19, 20]],
    ] as const) {
      const heap = new Heap({ profile });
      const events = record(heap);
      for (const length of [19, 20, 21]) {
        heap.decref(heap.newTuple(Array.from({ length }, () => heap.none)));
      }
      const parked = events.flatMap((e) => (e.type === 'object-park' ? [e.handle] : []));
      expect(parked).toHaveLength(parkedLengths.length);
    }
  });
});

describe('Heap deallocation', () => {
  it('releases list items last to first and dict entries key, value in order', () => {
    const heap = new Heap({ profile: '3.12' });
    const a = heap.newStr('aaaa');
    const b = heap.newStr('bbbb');
    const list = heap.newList([a, b]);
    heap.decref(a);
    heap.decref(b);
    const events = record(heap);
    heap.decref(list);
    const freed = events.flatMap((e) => (e.type === 'object-free' ? [e.handle] : []));
    expect(freed).toEqual([b, a]);

    const k = heap.newStr('kkkk');
    const v = heap.newStr('vvvv');
    const d = heap.newDict();
    heap.dictSetItem(d, k, v);
    heap.decref(k);
    heap.decref(v);
    events.length = 0;
    heap.decref(d);
    expect(events.flatMap((e) => (e.type === 'object-free' ? [e.handle] : []))).toEqual([k, v]);
  });

  it("releases a function's defaults, kwdefaults, then closure (func_clear)", () => {
    const heap = new Heap({ profile: '3.10' });
    const value = heap.newStr('dddd');
    const defaults = heap.newTuple([value]);
    const kwdefaults = heap.newDict();
    heap.dictSetItem(kwdefaults, value, value);
    const cell = heap.newCell(value);
    const closure = heap.newTuple([cell]);
    heap.decref(value);
    heap.decref(cell);
    const f = heap.newFunction({ defaults, kwdefaults, closure });
    expect(heap.referents(f)).toEqual([defaults, kwdefaults, closure]);
    for (const o of [defaults, kwdefaults, closure]) heap.decref(o);
    const events = record(heap);
    heap.decref(f);
    const gone = events.flatMap((e) =>
      e.type === 'object-free' || e.type === 'object-park' ? [e.handle] : [],
    );
    // Events come as each object finishes dying: the closure's cell (and the value it
    // held last) before the closure tuple, the function last.
    expect(gone).toEqual([defaults, kwdefaults, value, cell, closure, f]);
    validateHeap(heap);
  });

  it.each(['3.11', '3.13'] as const)(
    'frees a 1,000,000-deep nested list on %s without a stack overflow',
    (profile) => {
      const heap = new Heap({ profile });
      let inner = heap.newList();
      for (let depth = 1; depth < 1_000_000; depth++) {
        const outer = heap.newList([inner]);
        heap.decref(inner);
        inner = outer;
      }
      expect(heap.obmalloc.getAllocatedBlocks()).toBe(2 * 1_000_000 - 1);
      heap.decref(inner);
      // Every items array and every list not parked on the free list went back.
      expect(heap.obmalloc.getAllocatedBlocks()).toBe(80);
      expect(heap.blocks.size).toBe(80);
      validateHeap(heap);
    },
  );

  it('rejects a decref the caller holds no reference for and a use after free', () => {
    const heap = new Heap({ profile: '3.8' });
    const s = heap.newStr('hello');
    heap.decref(s);
    expect(() => heap.decref(s)).toThrow(HeapError);
    const list = heap.newList();
    heap.decref(list);
    expect(() => heap.listAppend(list, heap.none)).toThrow(/not alive/);
    expect(() => heap.dictSetItem(heap.newDict(), heap.newList(), heap.none)).toThrow(/unhashable/);
  });

  it('tracks a dict when a stored value is replaced by a container (measured 3.8.18, 3.13.0)', () => {
    // d = {}; d['k'] = 's' → untracked; d['k'] = [] → tracked.
    for (const profile of ['3.8', '3.13'] as const) {
      const heap = new Heap({ profile });
      const d = heap.newDict();
      const k = heap.newStr('k');
      const s = heap.newStr('s');
      heap.dictSetItem(d, k, s);
      expect(heap.isTracked(d)).toBe(false);
      const list = heap.newList();
      heap.dictSetItem(d, k, list);
      expect(heap.isTracked(d)).toBe(true);
      for (const o of [d, k, s, list]) heap.decref(o);
      validateHeap(heap);
    }
  });
});
