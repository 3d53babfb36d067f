import { describe, expect, it } from 'vitest';
import { Collector, CollectorVariantError } from './collector.ts';
import { DEBUG_FLAGS, INCREMENTAL } from './constants.ts';
import type { GcEvent } from './events.ts';
import { GcModule } from './gc-module.ts';
import { IncrementalCollector } from './incremental.ts';
import { TestGraph, validateTestGraph } from './test-graph.ts';

function setup(initialHeapSize = 0) {
  const graph = new TestGraph({ lazyDictTracking: false });
  const collector = new IncrementalCollector({
    profile: '3.14',
    patch: 2,
    graph,
    initialHeapSize,
    clock: () => 0,
  });
  graph.attach(collector);
  // The interpreter's own objects, frozen as the probes do: spaces never flip.
  const interpreter = graph.newObject('dict');
  const gc = new GcModule(collector);
  gc.disable();
  gc.collect();
  gc.freeze();
  return { graph, collector, gc, interpreter };
}

/** Two objects referring to each other; the first keeps its creator's reference. */
function pair(graph: TestGraph): number {
  const a = graph.newObject('object');
  const b = graph.newObject('object');
  graph.addReference(a, b);
  graph.addReference(b, a);
  graph.decref(b);
  return a;
}

describe('IncrementalCollector', () => {
  it('is the collector of 3.14.0–3.14.4 only', () => {
    const graph = new TestGraph();
    for (const patch of [0, 4])
      expect(new IncrementalCollector({ profile: '3.14', patch, graph }).variant).toBe(
        'incremental',
      );
    expect(() => new IncrementalCollector({ profile: '3.14', patch: 5, graph })).toThrow(
      CollectorVariantError,
    );
    expect(() => new IncrementalCollector({ profile: '3.13', graph })).toThrow(
      CollectorVariantError,
    );
    expect(new Collector({ profile: '3.14', patch: 5, graph }).variant).toBe('generational');
  });

  it('has the thresholds (2000, 10, 0) and ignores a third threshold', () => {
    const { gc } = setup();
    expect(gc.getThreshold()).toEqual([...INCREMENTAL.thresholds]);
    gc.setThreshold(1500, 7, 5);
    expect(gc.getThreshold()).toEqual([1500, 7, 0]);
  });

  it('counts objects when they are tracked (free-list reuse included), floored at 0', () => {
    const { graph, gc } = setup();
    gc.collect();
    const a = graph.newObject('list');
    const b = graph.newObject('list', { fromFreeList: true });
    const atom = graph.newObject('int');
    const untracked = graph.newObject('tuple', { track: false });
    expect(gc.getCount()).toEqual([2, 0, 0]);
    graph.decref(untracked);
    graph.decref(atom);
    expect(gc.getCount()).toEqual([2, 0, 0]);
    graph.decref(a);
    graph.decref(b);
    expect(gc.getCount()).toEqual([0, 0, 0]);
    gc.collect(0);
    const kept = graph.newObject('list');
    gc.collect(0);
    graph.decref(kept);
    expect(gc.getCount()).toEqual([0, 2, 0]);
  });

  it('moves young survivors to the visited space and finds young garbage only', () => {
    const { graph, collector, gc } = setup();
    gc.collect();
    const kept = pair(graph);
    graph.decref(pair(graph));
    expect(gc.collect(0)).toBe(2);
    expect(collector.spaceOf(kept)).toBe('visited');
    expect(gc.getObjects(0)).toEqual([]);
    expect(gc.getObjects(1)).toEqual([]);
    expect(gc.getObjects(2)).toHaveLength(2);
    graph.decref(kept);
    expect(gc.collect(0)).toBe(0);
    expect(gc.collect(2)).toBe(2);
    expect(gc.getStats().map((entry) => entry.collected)).toEqual([2, 0, 2]);
  });

  it('marks first, then scans the pending space in slices paid for by new objects', () => {
    const { graph, collector, gc } = setup(1_000_000);
    gc.collect();
    gc.freeze();
    const holder = graph.newObject('list');
    for (let i = 0; i < 10; i++) {
      const a = pair(graph);
      graph.addReference(holder, a);
      graph.decref(a);
    }
    gc.collect(0);
    graph.decref(holder); // ten garbage pairs in the visited space
    expect(collector.phase).toBe('mark');
    expect(gc.collect(1)).toBe(0); // mark: not counted in get_stats
    expect(collector.phase).toBe('collect');
    expect(gc.collect(1)).toBe(0); // pending empty: the visited space becomes pending
    expect(collector.phase).toBe('mark');
    expect(gc.getStats()[1]!.collections).toBe(1);
    gc.collect(1);
    expect(gc.collect(1)).toBe(0); // nothing new: no work to do
    const fresh = graph.newObject('list');
    for (let i = 0; i < 2; i++) graph.addReference(fresh, graph.newObject('int'));
    // 1 new object: work 1 + min(heap/100, 2) = 3 > 1 → one pair (size 3).
    expect(gc.collect(1)).toBe(2);
    expect(collector.workToDo).toBe(0);
    graph.decref(fresh);
    const more = [0, 1, 2].map(() => graph.newObject('object'));
    // 3 new: work 9 → three more pairs (size 3 + 6 = 9).
    expect(gc.collect(1)).toBe(6);
    for (const id of more) graph.decref(id);
    expect(gc.collect(2)).toBe(12);
    expect(collector.validate()).toEqual([]);
    expect(validateTestGraph(graph)).toEqual([]);
  });

  it('skips an increment that is still paying for its marking', () => {
    const { graph, collector, gc } = setup();
    gc.collect();
    const root = graph.newObject('list');
    graph.addReference(root, graph.newObject('list'));
    graph.setRoot(root, 'globals');
    gc.collect(1); // 2 new objects of work, minus 2 marked objects subtracted twice
    expect(collector.workToDo).toBe(-2);
    const stats = gc.getStats()[1]!.collections;
    gc.collect(1);
    expect(gc.getStats()[1]!.collections).toBe(stats);
    expect(collector.spaceOf(root)).toBe('visited');
  });

  it('flips the spaces when nothing is frozen, refills the pending space otherwise', () => {
    const { graph, collector, gc, interpreter } = setup();
    graph.decref(interpreter);
    gc.collect();
    const before = collector.visitedSpace;
    gc.collect(1);
    gc.collect(1);
    expect(collector.visitedSpace).toBe(before ^ 1);
    const kept = graph.newObject('list');
    gc.freeze();
    expect(gc.getFreezeCount()).toBe(1);
    const other = graph.newObject('list');
    gc.collect(0);
    gc.collect(1);
    gc.collect(1);
    expect(collector.visitedSpace).toBe(before ^ 1);
    expect(collector.spaceOf(other)).toBe('pending');
    gc.unfreeze();
    expect(collector.spaceOf(kept)).toBe('visited');
    expect(gc.getCount()).toEqual([0, 1, 0]);
  });

  it('schedules an automatic increment past the young threshold', () => {
    const { graph, collector, gc } = setup();
    gc.setThreshold(10);
    gc.enable();
    const events: GcEvent[] = [];
    collector.hook = (event) => events.push(event);
    const infos: [string, number][] = [];
    gc.callbacks.push((phase, info) => infos.push([phase, info.generation]));
    const holder = graph.newObject('list');
    for (let i = 0; i < 10; i++) graph.addReference(holder, graph.newObject('int'));
    for (let i = 0; i < 9; i++) graph.newObject('object');
    expect(collector.scheduled).toBe(false);
    graph.newObject('object');
    expect(collector.scheduled).toBe(true);
    expect(events[0]).toEqual({ type: 'gc-scheduled', counts: [11, 0, 0] });
    collector.runScheduled();
    expect(infos).toEqual([
      ['start', 1],
      ['stop', 1],
    ]);
    expect(gc.getCount()[0]).toBe(0);
    gc.disable();
    for (let i = 0; i < 20; i++) graph.newObject('object');
    expect(collector.scheduled).toBe(false);
  });

  it('publishes the generational phases plus mark-roots and increment', () => {
    const { graph, collector, gc } = setup(1_000_000);
    gc.collect();
    const root = graph.newObject('list');
    graph.setRoot(root, 'stacks');
    const events: GcEvent[] = [];
    collector.hook = (event) => events.push(event);
    gc.collect(1);
    graph.decref(pair(graph));
    gc.collect(1);
    const phases = events.flatMap((event) => (event.type === 'gc-phase' ? [event.phase] : []));
    expect(phases).toEqual([
      'untrack-tuples',
      'mark-roots',
      'mark-roots',
      'untrack-tuples',
      'mark-roots',
      'increment',
      'update-refs',
      'subtract-refs',
      'move-unreachable',
      'untrack-tuples',
      'move-legacy-finalizers',
      'handle-weakrefs',
      'finalize-garbage',
      'resurrected',
      'delete-garbage',
      'handle-legacy-finalizers',
    ]);
    const stop = events.at(-1);
    expect(stop).toEqual({ type: 'gc-stop', generation: 1, collected: 2, uncollectable: 0 });
  });

  it('writes DEBUG_STATS with young, visited and pending sizes', () => {
    let text = '';
    const graph = new TestGraph({ lazyDictTracking: false });
    const collector = new IncrementalCollector({
      profile: '3.14',
      patch: 2,
      graph,
      clock: () => 0,
      debugOutput: (line) => {
        text += line;
      },
    });
    graph.attach(collector);
    const gc = new GcModule(collector);
    const kept = graph.newObject('list');
    gc.collect(0);
    graph.newObject('list');
    graph.decref(pair(graph));
    gc.setDebug(DEBUG_FLAGS.DEBUG_STATS);
    gc.collect(0);
    expect(text).toBe(
      'gc: collecting generation 0...\n' +
        'gc: objects in each generation: 3 1 0\n' +
        'gc: objects in permanent generation: 0\n' +
        'gc: done, 2 unreachable, 0 uncollectable, 0.0000s elapsed\n',
    );
    expect(collector.spaceOf(kept)).toBe('visited');
  });
});
