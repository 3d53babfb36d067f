/**
 * The collector on the object heap, on random object graphs (fast-check, fixed seed):
 * lists, dicts, instances, cells, functions with closures, tuples, bound methods and
 * weakrefs (some with callbacks) are wired at random, some external references are dropped, then a full collection
 * frees exactly the objects not reachable from the remaining external references —
 * never one that is — counts exactly the tracked ones among them, and leaves the heap
 * (`validateHeap`: refcounts, blocks back in pymalloc) and the collector's lists valid.
 * Automatic collections run at random low thresholds while the graph is built (at
 * each eval-breaker point on 3.12+): with every object still held, they free nothing.
 */
import { Heap, type ObjectHandle, reachableFrom, validateHeap } from '@pymem/objects';
import type { ProfileName } from '@pymem/versions';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HeapCollector } from './heap-collector.ts';

const KINDS = [
  'list',
  'dict',
  'instance',
  'cell',
  'function',
  'tuple',
  'method',
  'str',
  'weakref',
] as const;
type Kind = (typeof KINDS)[number];

const program = fc.record({
  kinds: fc.array(fc.constantFrom(...KINDS), { minLength: 1, maxLength: 30 }),
  edges: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 80 }),
  drop: fc.array(fc.boolean(), { minLength: 30, maxLength: 30 }),
  // Object i also refers to itself (so dropped objects often form cycles).
  selfEdges: fc.array(fc.boolean(), { minLength: 30, maxLength: 30 }),
  threshold: fc.integer({ min: 1, max: 12 }),
  profile: fc.constantFrom<ProfileName>('3.8', '3.9', '3.10', '3.11', '3.12', '3.13', '3.14'),
});

describe('the collector on the heap', () => {
  it('frees exactly the unreachable objects, through the heap and its allocator', () => {
    fc.assert(
      fc.property(program, ({ kinds, edges, drop, selfEdges, threshold, profile }) => {
        const heap = new Heap({ profile });
        const hc = new HeapCollector(heap);
        const cls = heap.newClass('Node');
        // 3.8–3.10: the class's cached shared-keys table (ht_cached_keys) is a block of
        // its own; it may be replaced or dropped below, never multiplied.
        const classBlocks = heap.obmalloc.getAllocatedBlocks() - heap.foreignBlocks;
        const func = heap.newFunction();
        hc.gc.setThreshold(threshold);
        const step = (): void => {
          hc.evalBreaker();
        };
        const objects: ObjectHandle[] = [];
        const kindOf: Kind[] = [];
        const attrs = new Map<ObjectHandle, number>();
        for (const kind of kinds) {
          let o: ObjectHandle;
          if (kind === 'list') o = heap.newList();
          else if (kind === 'dict') o = heap.newDict();
          else if (kind === 'instance') o = heap.newInstance(cls);
          else if (kind === 'cell') o = heap.newCell();
          else if (kind === 'str') o = heap.newStr(`s${objects.length}`);
          else if (kind === 'function') {
            const cell = heap.newCell();
            const closure = heap.newTuple([cell]);
            heap.decref(cell);
            o = heap.newFunction({ closure });
            heap.decref(closure);
          } else if (kind === 'tuple') {
            const items = objects.slice(-2);
            o = heap.newTuple(items);
          } else if (kind === 'weakref') {
            // To the last instance, with a callback (a function, whose body does nothing)
            // every other time; without one, the target's shared basic ref may come back.
            const at = kindOf.lastIndexOf('instance');
            const callback = objects.length % 2 === 0 ? func : 0;
            o = at < 0 ? heap.newList() : heap.newWeakref(objects[at]!, callback);
          } else {
            const at = kindOf.lastIndexOf('instance');
            o = at < 0 ? heap.newList() : heap.newBoundMethod(func, objects[at]!);
          }
          step();
          objects.push(o);
          kindOf.push(heap.typeOf(o) === 'list' ? 'list' : kind);
        }
        const loops = objects.map((_, i) => [i, i] as [number, number]);
        for (const [from, to] of [...loops.filter((_, i) => selfEdges[i]), ...edges]) {
          const i = from % objects.length;
          const holder = objects[i]!;
          const target = objects[to % objects.length]!;
          const kind = kindOf[i];
          if (kind === 'list') heap.listAppend(holder, target);
          else if (kind === 'dict') {
            const key = heap.newStr(`k${to % 7}`);
            heap.dictSetItem(holder, key, target);
            heap.decref(key);
          } else if (kind === 'instance') {
            const n = attrs.get(holder) ?? 0;
            if (n >= 3) continue;
            heap.setAttr(holder, `a${n}`, target);
            attrs.set(holder, n + 1);
          } else if (kind === 'cell') heap.cellSet(holder, target);
          else if (kind === 'function') {
            const cell = heap.referents(heap.referents(holder)[0]!)[0]!;
            heap.cellSet(cell, target);
          }
          step();
        }
        const kept = objects.filter((_, i) => !drop[i]);
        const live = reachableFrom(heap, [...kept, cls, func]);
        const tracked = new Set<ObjectHandle>();
        heap.forEachTracked((o) => tracked.add(o));
        const wrongly = new Set<ObjectHandle>();
        hc.gc.disable();
        for (let i = 0; i < objects.length; i++) {
          if (drop[i]) heap.decref(objects[i]!);
        }
        // What a refcount cannot free: the garbage left for the collector.
        const garbage: ObjectHandle[] = [];
        heap.forEachTracked((o) => {
          if (!live.has(o) && !heap.isSingleton(o)) garbage.push(o);
        });
        for (const o of live) if (!heap.isLive(o)) wrongly.add(o);
        // handle_weakrefs: a reachable weakref with a callback to garbage gets called.
        const doomed = new Set(garbage);
        const weakrefs = [...live].filter((o) => heap.isLive(o) && heap.typeOf(o) === 'weakref');
        const expectedCalls = weakrefs
          .filter((w) => doomed.has(heap.weakrefTarget(w)) && heap.weakrefCallback(w) !== 0)
          .sort((a, b) => a - b);
        const targets = weakrefs.map((w) => heap.weakrefTarget(w));
        const called: ObjectHandle[] = [];
        hc.defineWeakrefCallback(func, (w) => called.push(w));
        const collected = hc.gc.collect();
        expect(called.sort((a, b) => a - b)).toEqual(expectedCalls);
        // A weakref to garbage reads None afterwards; one to a survivor still reaches it.
        expect(weakrefs.map((w) => heap.weakrefTarget(w))).toEqual(
          targets.map((t) => (doomed.has(t) ? 0 : t)),
        );
        expect(collected).toBe(garbage.length);
        for (const o of garbage) expect(heap.isLive(o), `garbage ${o} freed`).toBe(false);
        for (const o of live) expect(heap.isLive(o), `reachable ${o} kept`).toBe(true);
        expect(wrongly.size).toBe(0);
        expect(tracked.size).toBeGreaterThan(0);
        expect(() => validateHeap(heap)).not.toThrow();
        expect(hc.collector.validate()).toEqual([]);
        expect(hc.gc.collect()).toBe(0);
        for (const o of [...kept, func]) heap.decref(o);
        hc.gc.collect();
        expect(() => validateHeap(heap)).not.toThrow();
        expect(heap.obmalloc.getAllocatedBlocks() - heap.foreignBlocks).toBeLessThanOrEqual(
          classBlocks,
        );
      }),
      { seed: 20261203, numRuns: 300 },
    );
  });
});
