/**
 * Laws of the collector on random object graphs (fast-check, fixed seed): a collection
 * frees exactly the objects of the collected generations that are unreachable from
 * externally referenced objects, never one that is reachable; collecting again finds
 * nothing; the graph and the collector's lists stay valid throughout.
 */
import type { ProfileName } from '@pymem/versions';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Collector } from './collector.ts';
import { GcModule } from './gc-module.ts';
import { TestGraph, validateTestGraph } from './test-graph.ts';

const TYPES = ['list', 'dict', 'tuple', 'object', 'int', 'Finalized'] as const;
/** Types a weakref may point to here: always tracked, so their death is the collector's. */
const WEAKREFABLE = new Set(['list', 'object', 'Finalized']);

const program = fc.record({
  types: fc.array(fc.constantFrom(...TYPES), { minLength: 1, maxLength: 40 }),
  edges: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 120 }),
  external: fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }),
  generation: fc.integer({ min: 0, max: 2 }),
  warmup: fc.integer({ min: 0, max: 2 }),
  profile: fc.constantFrom<ProfileName>('3.8', '3.9', '3.11', '3.12', '3.13', '3.14'),
  // [target, has callback, holder: -1 external, else an object index]
  weakrefs: fc.array(fc.tuple(fc.nat(), fc.boolean(), fc.integer({ min: -1, max: 39 })), {
    maxLength: 8,
  }),
});

describe('collector laws', () => {
  it('frees exactly the unreachable objects of the collected generations', () => {
    fc.assert(
      fc.property(program, ({ types, edges, external, generation, warmup, profile, weakrefs }) => {
        const graph = new TestGraph({ lazyDictTracking: profile !== '3.14' });
        graph.defineType({ name: 'Finalized', gc: true, clears: true, finalizer: true });
        const collector = new Collector({ profile, graph });
        graph.attach(collector);
        const gc = new GcModule(collector);
        gc.disable();
        const ids = types.map((type) => graph.newObject(type));
        for (const [from, to] of edges) {
          const source = ids[from % ids.length]!;
          const target = ids[to % ids.length]!;
          // A tuple is built from objects that already exist: it only refers to older ones.
          if (!graph.isGc(source) || (graph.kind(source) === 'tuple' && target >= source)) continue;
          graph.addReference(source, target);
        }
        const refs: { wr: number; target: number; callback: boolean }[] = [];
        const heldWeakrefs: number[] = [];
        for (const [target, callback, holder] of weakrefs) {
          const targetId = ids[target % ids.length]!;
          if (!WEAKREFABLE.has(graph.typeName(targetId))) continue;
          const wr = graph.newWeakref(targetId, callback);
          const holderId = ids[(holder + ids.length) % ids.length]!;
          if (holder >= 0 && graph.isGc(holderId) && graph.kind(holderId) !== 'tuple') {
            graph.addReference(holderId, wr);
            graph.decref(wr);
          } else {
            heldWeakrefs.push(wr);
          }
          refs.push({ wr, target: targetId, callback });
        }
        // Age some objects into older generations before dropping references.
        for (let i = 0; i < warmup; i++) gc.collect(i);
        const roots = [...ids.filter((_, i) => external[i]), ...heldWeakrefs];
        for (const [i, id] of ids.entries()) if (!external[i]) graph.decref(id);

        // Expected: what is alive now, minus what is unreachable from roots (or from
        // objects outside the collected generations), limited to the collected ones.
        const inScope = (id: number) => {
          const g = collector.generationOf(id);
          return typeof g === 'number' && g <= generation;
        };
        const alive = graph.liveObjects();
        const reached = new Set<number>();
        // Untracked objects (atoms, untracked tuples/dicts) refer to no tracked object,
        // so they keep nothing alive: only externals and older generations are roots.
        const stack = alive.filter(
          (id) => roots.includes(id) || (collector.isTracked(id) && !inScope(id)),
        );
        while (stack.length > 0) {
          const id = stack.pop()!;
          if (reached.has(id)) continue;
          reached.add(id);
          graph.traverse(id, (to) => stack.push(to));
        }
        const expectedDead = alive.filter((id) => !reached.has(id));

        const withFinalizer = new Set(alive.filter((id) => graph.hasFinalizer(id)));
        const callbacksBefore = graph.callbackLog.length;
        const finalizedBefore = graph.finalizeLog.length;
        const collected = gc.collect(generation);
        const survivors = new Set(graph.liveObjects());
        // A weakref's callback runs iff its referent dies and the weakref itself lives on.
        const dead = new Set(expectedDead);
        const expectedCallbacks = refs
          .filter(({ wr, target, callback }) => callback && dead.has(target) && reached.has(wr))
          .map(({ wr }) => wr)
          .sort((x, y) => x - y);
        expect(graph.callbackLog.slice(callbacksBefore).sort((x, y) => x - y)).toEqual(
          expectedCallbacks,
        );
        // tp_finalize ran exactly once for each dying object that has one, for no other.
        const expectedFinalized = expectedDead
          .filter((id) => withFinalizer.has(id))
          .sort((x, y) => x - y);
        expect(graph.finalizeLog.slice(finalizedBefore).sort((x, y) => x - y)).toEqual(
          expectedFinalized,
        );
        for (const id of expectedDead)
          expect(survivors.has(id), `object ${id} should be freed`).toBe(false);
        for (const id of reached) expect(survivors.has(id), `object ${id} is reachable`).toBe(true);
        // collect() counts the unreachable tracked objects; untracked ones die with them.
        expect(collected).toBeLessThanOrEqual(expectedDead.length);
        expect(collector.validate()).toEqual([]);
        expect(validateTestGraph(graph)).toEqual([]);
        expect(gc.collect(generation)).toBe(0);
        // A full collection then leaves only what the roots reach, and finds nothing twice.
        gc.collect(2);
        const fromRoots = new Set<number>();
        const pending = roots.filter((id) => graph.isAlive(id));
        while (pending.length > 0) {
          const id = pending.pop()!;
          if (fromRoots.has(id)) continue;
          fromRoots.add(id);
          graph.traverse(id, (to) => pending.push(to));
        }
        expect(graph.liveObjects().filter((id) => !fromRoots.has(id))).toEqual([]);
        expect(gc.collect(2)).toBe(0);
        expect(collector.validate()).toEqual([]);
        expect(validateTestGraph(graph)).toEqual([]);
      }),
      { seed: 20261203, numRuns: 400 },
    );
  });
});
