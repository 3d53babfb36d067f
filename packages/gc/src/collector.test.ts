import type { ProfileName } from '@pymem/versions';
import { describe, expect, it } from 'vitest';
import { Collector, CollectorUsageError, CollectorVariantError } from './collector.ts';
import { collectorVariant, DEBUG_FLAGS, gcConstants } from './constants.ts';
import type { GcEvent } from './events.ts';
import { GcModule } from './gc-module.ts';
import { PythonError } from './python-error.ts';
import { TestGraph, validateTestGraph } from './test-graph.ts';

function setup(profile: ProfileName = '3.12') {
  const graph = new TestGraph();
  const collector = new Collector({ profile, graph });
  graph.attach(collector);
  return { graph, collector, gc: new GcModule(collector) };
}

function selfCycle(graph: TestGraph, type: string | number = 'list'): number {
  const id = graph.newObject(type);
  graph.addReference(id, id);
  return id;
}

describe('constants', () => {
  it('switches the 3.14.0–3.14.4 incremental collector on by patch only', () => {
    expect(collectorVariant('3.14', 3)).toBe('incremental');
    expect(collectorVariant('3.14', 5)).toBe('generational');
    expect(collectorVariant('3.14')).toBe('generational');
    expect(collectorVariant('3.13', 0)).toBe('generational');
  });

  it('keeps DEBUG_LEAK the union of its parts', () => {
    const { DEBUG_COLLECTABLE, DEBUG_UNCOLLECTABLE, DEBUG_SAVEALL, DEBUG_LEAK } = DEBUG_FLAGS;
    expect(DEBUG_COLLECTABLE | DEBUG_UNCOLLECTABLE | DEBUG_SAVEALL).toBe(DEBUG_LEAK);
  });

  it('raises gen0 to 2000 from 3.13 and stops untracking dicts at 3.14', () => {
    expect(gcConstants('3.12').thresholds).toEqual([700, 10, 10]);
    expect(gcConstants('3.13').thresholds).toEqual([2000, 10, 10]);
    expect(gcConstants('3.13').untrackDicts).toBe(true);
    expect(gcConstants('3.14').untrackDicts).toBe(false);
  });
});

describe('Collector', () => {
  it('refuses 3.14.0–3.14.4, which run the incremental collector (IncrementalCollector)', () => {
    expect(() => new Collector({ profile: '3.14', patch: 2, graph: new TestGraph() })).toThrow(
      CollectorVariantError,
    );
  });

  it('frees a self-referencing list and nothing reachable', () => {
    const { graph, gc } = setup();
    const kept = selfCycle(graph);
    const dropped = selfCycle(graph);
    graph.decref(dropped);
    expect(gc.collect()).toBe(1);
    expect(graph.isAlive(kept)).toBe(true);
    expect(graph.isAlive(dropped)).toBe(false);
    expect(gc.collect()).toBe(0);
  });

  it('puts an object straight into a generation with trackIn (as a heap snapshot found it)', () => {
    const graph = new TestGraph();
    const collector = new Collector({ profile: '3.11', graph });
    const young = graph.newObject('list', { track: false });
    const old = graph.newObject('list', { track: false });
    const frozen = graph.newObject('list', { track: false });
    graph.addReference(old, old); // a cycle, unreachable from outside once decref'd
    collector.trackIn(young, 0);
    collector.trackIn(old, 2);
    collector.trackIn(frozen, 'permanent');
    expect([young, old, frozen].map((id) => collector.generationOf(id))).toEqual([
      0,
      2,
      'permanent',
    ]);
    expect(collector.counts).toEqual([0, 0, 0]);
    expect(() => collector.trackIn(old, 1)).toThrow(CollectorUsageError);
    graph.decref(old);
    expect(collector.collect(1)).toBe(0); // gen 2 is not examined
    expect(collector.collect(2)).toBe(1);
    expect(collector.validate()).toEqual([]);
  });

  it('emits start, every phase in CPython order, and stop', () => {
    const { graph, collector, gc } = setup('3.12');
    const events: GcEvent[] = [];
    collector.hook = (event) => events.push(event);
    graph.decref(selfCycle(graph));
    gc.collect();
    const phases = events.flatMap((event) => (event.type === 'gc-phase' ? [event.phase] : []));
    expect(events[0]?.type).toBe('gc-start');
    expect(events.at(-1)).toEqual({
      type: 'gc-stop',
      generation: 2,
      collected: 1,
      uncollectable: 0,
    });
    expect(phases).toEqual([
      'update-refs',
      'subtract-refs',
      'move-unreachable',
      'untrack-tuples',
      'untrack-dicts',
      'move-legacy-finalizers',
      'handle-weakrefs',
      'finalize-garbage',
      'resurrected',
      'delete-garbage',
      'handle-legacy-finalizers',
    ]);
    const moved = events.find(
      (event) => event.type === 'gc-phase' && event.phase === 'move-unreachable',
    );
    expect(moved?.type === 'gc-phase' && [...moved.objects]).toEqual([0]);
  });

  it('runs automatic collections inside the allocation up to 3.11', () => {
    const { graph, collector } = setup('3.11');
    const starts: number[] = [];
    collector.callbacks.push((phase, info) => {
      if (phase === 'start') starts.push(info.generation);
    });
    for (let i = 0; i < 700; i++) graph.newObject('object');
    expect(starts).toEqual([]);
    graph.newObject('object');
    expect(starts).toEqual([0]);
  });

  it('only schedules them from 3.12, until the eval breaker runs them', () => {
    const { graph, collector } = setup('3.12');
    const events: string[] = [];
    collector.hook = (event) => events.push(event.type);
    for (let i = 0; i < 701; i++) graph.newObject('object');
    expect(events).toEqual(['gc-scheduled']);
    expect(collector.counts[0]).toBe(701);
    collector.runScheduled();
    expect(events.at(-1)).toBe('gc-stop');
    expect(collector.counts).toEqual([0, 1, 0]);
  });

  it('counts every GC allocation and takes frees off, never below zero', () => {
    const { graph, gc } = setup('3.9');
    gc.disable();
    const ids = [1, 2, 3].map(() => graph.newObject('object'));
    expect(gc.getCount()).toEqual([3, 0, 0]);
    gc.collect(0);
    for (const id of ids) graph.decref(id);
    expect(gc.getCount()).toEqual([0, 1, 0]);
  });

  it('puts a cycle with a legacy finalizer, and what it reaches, in gc.garbage', () => {
    const { graph, gc } = setup('3.10');
    const legacy = graph.defineType({
      name: 'Legacy',
      gc: true,
      clears: true,
      legacyFinalizer: true,
    });
    const obj = graph.newObject(legacy);
    const list = graph.newObject('list');
    graph.addReference(obj, list);
    graph.addReference(list, obj);
    graph.decref(obj);
    graph.decref(list);
    expect(gc.collect()).toBe(2);
    expect(gc.getStats()[2]).toEqual({ collections: 1, collected: 0, uncollectable: 2 });
    expect(gc.garbage).toEqual([obj]);
    expect(validateTestGraph(graph)).toEqual([]);
  });

  it('calls the callback of a reachable weakref to garbage, not of one inside the garbage', () => {
    const { graph, gc } = setup('3.11');
    const x = selfCycle(graph, 'object');
    const outside = graph.newWeakref(x, true);
    const y = selfCycle(graph, 'object');
    const inside = graph.newWeakref(y, true);
    graph.addReference(y, inside);
    graph.decref(inside);
    graph.decref(x);
    graph.decref(y);
    expect(gc.collect()).toBe(3);
    expect(graph.callbackLog).toEqual([outside]);
    expect(graph.weakrefTarget(outside)).toBe(-1);
  });

  it('counts a weakref its own callback freed as collected', () => {
    const { graph, gc } = setup('3.11');
    const x = selfCycle(graph, 'object');
    const holder = graph.newObject('list');
    const wr = graph.newWeakref(x, true);
    graph.addReference(holder, wr);
    graph.decref(wr);
    // The callback drops the only reference to the weakref.
    const original = graph.callWeakrefCallback.bind(graph);
    graph.callWeakrefCallback = (id) => {
      original(id);
      graph.removeReference(holder, id);
    };
    graph.decref(x);
    expect(gc.collect()).toBe(2);
    expect(graph.isAlive(wr)).toBe(false);
  });

  it('orders survivors by a container scanned last (__main__ at the first full collection)', () => {
    for (const late of [false, true]) {
      const { graph, collector, gc } = setup('3.12');
      const order: number[] = [];
      const noisy = graph.defineType({
        name: 'Noisy',
        gc: true,
        clears: true,
        finalizer: true,
        onFinalize: (_g, id) => order.push(id),
      });
      const a = selfCycle(graph, noisy);
      const b = selfCycle(graph, noisy);
      // The external references stand for the module dict's: `o, p = p, o` names b first.
      if (late) collector.scanLastInNextCollection([b, a]);
      expect(gc.collect()).toBe(0);
      graph.decref(a);
      graph.decref(b);
      expect(gc.collect()).toBe(2);
      expect(order, `scanned last: ${late}`).toEqual(late ? [b, a] : [a, b]);
      expect(validateTestGraph(graph)).toEqual([]);
    }
  });

  it('keeps everything on 3.8 when a finalizer resurrects one object, only that object on 3.9+', () => {
    for (const [profile, first] of [
      ['3.8', 0],
      ['3.9', 1],
    ] as const) {
      const { graph, gc } = setup(profile);
      const phoenix = graph.defineType({
        name: 'Phoenix',
        gc: true,
        clears: true,
        finalizer: true,
        onFinalize: (g, id) => g.incref(id),
      });
      const p = selfCycle(graph, phoenix);
      const other = selfCycle(graph);
      graph.decref(p);
      graph.decref(other);
      expect(gc.collect(), profile).toBe(first);
      expect(graph.isAlive(p)).toBe(true);
      // 3.8 kept the other cycle too; it goes now. 3.9+ freed it already.
      expect(gc.collect(), profile).toBe(profile === '3.8' ? 1 : 0);
      graph.decref(p);
      // Finalized once: p is not finalized again, just freed.
      expect(gc.collect(), profile).toBe(1);
      expect(graph.isAlive(p)).toBe(false);
    }
  });

  it('untracks tuples of atoms at every collection and dicts only at full ones', () => {
    const { graph, gc } = setup('3.13');
    const tuple = graph.newObject('tuple');
    const atom = graph.newObject('int');
    graph.addReference(tuple, atom);
    const dict = graph.newObject('dict');
    const list = graph.newObject('list');
    graph.addReference(dict, list);
    graph.removeReference(dict, list);
    expect([gc.isTracked(tuple), gc.isTracked(dict)]).toEqual([true, true]);
    gc.collect(0);
    expect([gc.isTracked(tuple), gc.isTracked(dict)]).toEqual([false, true]);
    gc.collect(2);
    expect(gc.isTracked(dict)).toBe(false);
  });

  it('writes DEBUG_STATS and DEBUG_COLLECTABLE lines as CPython does', () => {
    let text = '';
    const graph = new TestGraph();
    const collector = new Collector({
      profile: '3.11',
      graph,
      debugOutput: (line) => {
        text += line;
      },
      clock: () => 0,
    });
    graph.attach(collector);
    collector.debug = DEBUG_FLAGS.DEBUG_STATS | DEBUG_FLAGS.DEBUG_COLLECTABLE;
    graph.decref(selfCycle(graph));
    collector.collect(2);
    expect(text).toBe(
      'gc: collecting generation 2...\n' +
        'gc: objects in each generation: 1 0 0\n' +
        'gc: objects in permanent generation: 0\n' +
        'gc: collectable <list 0x7f0000000000>\n' +
        'gc: done, 1 unreachable, 0 uncollectable, 0.0000s elapsed\n',
    );
  });

  it('freezes everything into the permanent generation and back into gen2', () => {
    const { graph, gc } = setup();
    const a = selfCycle(graph);
    gc.freeze();
    expect(gc.getFreezeCount()).toBe(1);
    graph.decref(a);
    expect(gc.collect()).toBe(0);
    gc.unfreeze();
    expect(gc.getObjects(2)).toEqual([a]);
    expect(gc.collect()).toBe(1);
  });

  it('sets immortal objects aside: permanent on 3.12/3.13, untracked on 3.14, collected as usual before', () => {
    const where = (profile: ProfileName) => {
      const { graph, collector, gc } = setup(profile);
      const id = graph.newObject('list');
      graph.setImmortal(id);
      gc.collect(0);
      return [collector.generationOf(id), gc.getFreezeCount()];
    };
    expect(where('3.11')).toEqual([1, 0]);
    expect(where('3.12')).toEqual(['permanent', 1]);
    expect(where('3.13')).toEqual(['permanent', 1]);
    expect(where('3.14')).toEqual([null, 0]);
  });

  it('rejects tracking an object twice', () => {
    const { graph, collector } = setup();
    const id = graph.newObject('list');
    expect(() => collector.track(id)).toThrow(CollectorUsageError);
  });

  it('finds referrers and referents', () => {
    const { graph, gc } = setup();
    const a = graph.newObject('list');
    const b = graph.newObject('list');
    graph.addReference(a, b);
    graph.addReference(a, b);
    expect(gc.getReferrers(b)).toEqual([a]);
    expect(gc.getReferents(a)).toEqual([b, b]);
  });
});

describe('GcModule arguments', () => {
  it('raises what CPython raises, per version', () => {
    const raised = (profile: ProfileName, call: (gc: GcModule) => unknown) => {
      try {
        call(setup(profile).gc);
      } catch (error) {
        if (error instanceof PythonError) return `${error.pythonType}: ${error.message}`;
        throw error;
      }
      return 'no error';
    };
    expect(raised('3.9', (gc) => gc.collect(3))).toBe('ValueError: invalid generation');
    expect(raised('3.9', (gc) => gc.collect(0.5))).toBe(
      'TypeError: integer argument expected, got float',
    );
    expect(raised('3.10', (gc) => gc.collect(0.5))).toBe(
      "TypeError: 'float' object cannot be interpreted as an integer",
    );
    expect(raised('3.12', (gc) => gc.setThreshold())).toBe(
      'TypeError: set_threshold() takes at least 1 argument (0 given)',
    );
    expect(raised('3.13', (gc) => gc.setThreshold())).toBe(
      'TypeError: gc.set_threshold requires 1 to 3 arguments',
    );
    expect(raised('3.8', (gc) => gc.isFinalized(0))).toBe(
      "AttributeError: module 'gc' has no attribute 'is_finalized'",
    );
    expect(raised('3.11', (gc) => gc.getObjects(-2))).toBe(
      'ValueError: generation parameter cannot be negative',
    );
  });
});
