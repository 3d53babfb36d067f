/**
 * What a collection gives back to the allocator, against CPython: the sections of
 * tests/programs/gc_frees.py build cycles (instance pairs, self-referencing lists, a
 * weakly referenced cycle with a callback, a `__del__` cycle and a bound-method cycle)
 * and collect them; the same statements run here on a `Heap` with a `HeapCollector`.
 * Each section is the sequence of allocator calls it made — every `free` of an object,
 * a `__dict__`, a values array or a list's items, in CPython's order, and the free
 * lists emptied by full collections — normalized over the whole run (gc-frees.ts:
 * `m obj 48 #1` … `f obj #1`, blocks from before the first section `p1`, `p2` …) so
 * that runs whose allocators differ compare equal when they make the same calls, and
 * a collection must free the blocks of the cycles built before it in CPython's order.
 *
 * Recorded: the model against tests/fixtures/gc/gc-frees.json (written by
 * `pnpm --filter @pymem/tests gc-heap-fixtures`). Live: a fresh `pymem record` of the
 * program on each interpreter found (skipped loudly when missing).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { liveInterpreterFor } from '@pymem/cpython';
import { HeapCollector } from '@pymem/gc';
import { Heap, type ObjectEvent, type ObjectHandle, validateHeap } from '@pymem/objects';
import { PROFILES, type ProfileName, RECORDED_PROFILE_NAMES } from '@pymem/versions';
import { describe, expect, it } from 'vitest';
import { GC_FREES_LABELS, normalizeRun, recordGcFrees } from './scripts/gc-frees.ts';
import type { AllocatorCall } from './scripts/object-requests.ts';

const FIXTURE = join(import.meta.dirname, 'fixtures', 'gc', 'gc-frees.json');

/** The program's module globals: storing a name releases what it held. */
class Globals {
  private readonly names = new Map<string, ObjectHandle>();
  private readonly heap: Heap;
  constructor(heap: Heap) {
    this.heap = heap;
  }
  set(name: string, value: ObjectHandle): void {
    const old = this.names.get(name);
    this.names.set(name, value);
    if (old !== undefined) this.heap.decref(old);
  }
  get(name: string): ObjectHandle {
    return this.names.get(name)!;
  }
}

/** gc_frees.py on the model: the allocator calls of each section. */
function modelSections(profile: ProfileName): Record<string, string[]> {
  const heap = new Heap({ profile });
  const hc = new HeapCollector(heap);
  hc.gc.disable();
  const g = new Globals(heap);
  for (const name of ['x', 'y', 'a', 'o', 'w', 'n', 'f']) g.set(name, heap.newNone());
  // The code constants 0.5 and 1.0: made with the code object, before the program runs.
  const half = heap.newFloat(0.5);
  const one = heap.newFloat(1);
  const Pair = heap.newClass('Pair');
  const WithDel = heap.newClass('WithDel', { finalizer: true });
  const WithMethod = heap.newClass('WithMethod');
  const method = heap.newFunction();
  // `callable`, a builtin that exists before the program runs.
  const cb = heap.newFunction();
  const label = heap.newStr('label');
  // x = WithDel(); x = None before the rehearsal (3.11+: each instance made shrinks the
  // class's shared keys, and with them the next instance's values).
  heap.decref(heap.newInstance(WithDel));
  /** `pymem_record.mark(label)`: a METH_VARARGS call, its argument tuple made and dropped. */
  const mark = (): void => {
    heap.decref(heap.newTuple([label]));
  };
  const instance = (cls: ObjectHandle): ObjectHandle => heap.newInstance(cls);
  const setAttr = (o: string, name: string, v: string): void =>
    heap.setAttr(g.get(o), name, g.get(v));
  const collect = (generation?: number): void => g.set('n', heap.newInt(hc.gc.collect(generation)));

  const sections: [string, () => void][] = [
    [
      'pairs',
      () => {
        for (let i = 0; i < 3; i++) {
          g.set('x', instance(Pair));
          g.set('y', instance(Pair));
          setAttr('x', 'other', 'y');
          setAttr('y', 'other', 'x');
        }
        g.set('x', heap.newNone());
        g.set('y', heap.newNone());
        // f = 0.5; f = f + 1.0 (twice); f = None: two floats end on the float free list.
        heap.incref(half);
        g.set('f', half);
        g.set(
          'f',
          heap.newFloat((heap.valueOf(g.get('f')) as number) + (heap.valueOf(one) as number)),
        );
        g.set('f', heap.newFloat((heap.valueOf(g.get('f')) as number) + 1));
        g.set('f', heap.newNone());
      },
    ],
    ['collect-pairs', () => collect()],
    [
      'self-lists',
      () => {
        for (let i = 0; i < 2; i++) {
          g.set('a', heap.newList());
          heap.listAppend(g.get('a'), g.get('a'));
        }
        g.set('a', heap.newNone());
      },
    ],
    ['collect-self-lists-gen0', () => collect(0)],
    [
      'weakref',
      () => {
        g.set('x', instance(Pair));
        setAttr('x', 'other', 'x');
        const x = g.get('x');
        const args = heap.newTuple([x, cb]);
        g.set('w', heap.newWeakref(x, cb));
        heap.decref(args);
        g.set('x', heap.newNone());
      },
    ],
    ['collect-weakref', () => collect()],
    [
      'finalizer-and-method',
      () => {
        g.set('w', heap.newNone());
        g.set('x', instance(WithDel));
        setAttr('x', 'other', 'x');
        g.set('x', heap.newNone());
        g.set('o', instance(WithMethod));
        const bound = heap.newBoundMethod(method, g.get('o'));
        heap.setAttr(g.get('o'), 'm', bound);
        heap.decref(bound);
        g.set('o', heap.newNone());
      },
    ],
    ['collect-finalizer-and-method', () => collect()],
  ];

  let calls: AllocatorCall[] = [];
  heap.hook = (event: ObjectEvent) => {
    if (event.type !== 'memory-call') return;
    const code = ({ malloc: 'm', calloc: 'c', realloc: 'r', free: 'f' } as const)[event.call];
    calls.push({
      call: code,
      domain: event.domain,
      nbytes: event.nbytes,
      address: event.address,
      previous: event.previous,
    });
  };
  // The program's rehearsal: every section once, unrecorded, then two full collections.
  for (const [, run] of sections) run();
  hc.gc.collect();
  hc.gc.collect();
  mark();
  const recorded = new Map<string, AllocatorCall[]>();
  for (const [name, run] of sections) {
    calls = [];
    run();
    mark();
    recorded.set(name, calls);
  }
  const result = normalizeRun(recorded);
  heap.hook = null;
  expect(hc.collector.validate()).toEqual([]);
  validateHeap(heap);
  return result;
}

type Fixture = Record<string, Record<string, string[]>>;

describe('allocator calls of collections on the heap, recorded', () => {
  const fixture = JSON.parse(readFileSync(FIXTURE, 'utf8')) as Fixture;
  it('holds every section for 3.8 … 3.13', () => {
    expect(Object.keys(fixture).sort()).toEqual(
      RECORDED_PROFILE_NAMES.map((p) => PROFILES[p].referenceRelease).sort(),
    );
    for (const sections of Object.values(fixture))
      expect(Object.keys(sections)).toEqual([...GC_FREES_LABELS]);
  });
  for (const profile of RECORDED_PROFILE_NAMES) {
    it(`makes CPython ${PROFILES[profile].referenceRelease}'s calls in every section`, () => {
      expect(modelSections(profile)).toEqual(fixture[PROFILES[profile].referenceRelease]);
    });
  }
});

describe('allocator calls of collections on the heap, live', () => {
  for (const profile of RECORDED_PROFILE_NAMES) {
    const interpreter = liveInterpreterFor(profile, 'allocator calls of collections');
    it.skipIf(!interpreter)(`makes a fresh CPython ${profile} run's calls`, async () => {
      const recorded = await recordGcFrees(interpreter!);
      expect(modelSections(profile)).toEqual(recorded);
    });
  }
});
