/**
 * Laws of the incremental collector on random object graphs and random step sequences
 * (fast-check, fixed seed): no step — young collection, increment, full collection,
 * freeze, unfreeze — ever frees an object reachable from the externally referenced
 * ones; increments paid for by new objects eventually free every unreachable object
 * without a full collection; the lists, counts and graph stay valid after every step.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GcModule } from './gc-module.ts';
import { IncrementalCollector } from './incremental.ts';
import { TestGraph, validateTestGraph } from './test-graph.ts';

const TYPES = ['list', 'dict', 'tuple', 'object', 'int', 'Finalized'] as const;

const step = fc.oneof(
  fc.record({ kind: fc.constant('collect' as const), generation: fc.integer({ min: 0, max: 2 }) }),
  fc.record({ kind: fc.constant('increment' as const), fresh: fc.integer({ min: 0, max: 6 }) }),
  fc.record({ kind: fc.constant('drop' as const), index: fc.nat() }),
  fc.record({ kind: fc.constant('freeze' as const), thaw: fc.boolean() }),
);

const program = fc.record({
  types: fc.array(fc.constantFrom(...TYPES), { minLength: 1, maxLength: 40 }),
  edges: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 120 }),
  external: fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }),
  roots: fc.array(fc.tuple(fc.nat(), fc.constantFrom('globals' as const, 'stacks' as const)), {
    maxLength: 4,
  }),
  // Below ~100 tracked objects an increment scans no further than the new objects.
  heapSize: fc.constantFrom(200, 5_000, 100_000),
  steps: fc.array(step, { maxLength: 12 }),
});

/** Everything reachable from `roots` in `graph`. */
function reachableFrom(graph: TestGraph, roots: Iterable<number>): Set<number> {
  const seen = new Set<number>();
  const stack = [...roots].filter((id) => graph.isAlive(id));
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    graph.traverse(id, (to) => stack.push(to));
  }
  return seen;
}

describe('incremental collector laws', () => {
  it('never frees a reachable object, and increments eventually free every unreachable one', () => {
    fc.assert(
      fc.property(program, ({ types, edges, external, roots, heapSize, steps }) => {
        const graph = new TestGraph({ lazyDictTracking: false });
        graph.defineType({ name: 'Finalized', gc: true, clears: true, finalizer: true });
        const collector = new IncrementalCollector({
          profile: '3.14',
          patch: 2,
          graph,
          initialHeapSize: heapSize,
        });
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
        const held = new Set(ids.filter((_, i) => external[i]));
        for (const [i, id] of ids.entries()) if (!external[i]) graph.decref(id);
        for (const [index, kind] of roots) {
          const id = ids[index % ids.length]!;
          if (held.has(id)) graph.setRoot(id, kind);
        }
        const check = (what: string) => {
          expect(collector.validate(), what).toEqual([]);
          expect(validateTestGraph(graph), what).toEqual([]);
        };

        for (const action of steps) {
          const mustLive = reachableFrom(graph, held);
          if (action.kind === 'collect') gc.collect(action.generation);
          else if (action.kind === 'increment') {
            for (let i = 0; i < action.fresh; i++) held.add(graph.newObject('object'));
            for (const id of held) mustLive.add(id);
            gc.collect(1);
          } else if (action.kind === 'drop') {
            const id = [...held][action.index % Math.max(held.size, 1)];
            if (id !== undefined) {
              held.delete(id);
              graph.setRoot(id, null);
              graph.decref(id);
              for (const freed of mustLive) if (!graph.isAlive(freed)) mustLive.delete(freed);
            }
          } else if (action.thaw) gc.unfreeze();
          else gc.freeze();
          for (const id of mustLive)
            expect(graph.isAlive(id), `${action.kind}: reachable object ${id} was freed`).toBe(
              true,
            );
          check(action.kind);
        }

        // Increments only, each paid for by new objects (kept, so reachable): within a
        // few cycles every object that was unreachable is gone, the frozen ones aside.
        gc.unfreeze();
        const expected = reachableFrom(graph, held);
        for (let i = 0; i < 200 && graph.liveCount > expected.size; i++) {
          const fresh = graph.newObject('object');
          held.add(fresh);
          expected.add(fresh);
          gc.collect(1);
          for (const id of expected) expect(graph.isAlive(id)).toBe(true);
        }
        expect(graph.liveObjects().filter((id) => !expected.has(id))).toEqual([]);
        expect(gc.collect(2)).toBe(0);
        check('after the increments');
      }),
      { seed: 20261203, numRuns: 300 },
    );
  });
});
