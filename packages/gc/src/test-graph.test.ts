import { describe, expect, it } from 'vitest';
import { Collector } from './collector.ts';
import { TestGraph, validateTestGraph } from './test-graph.ts';

describe('TestGraph', () => {
  it('frees a million-long chain without recursion, counting every GC free', () => {
    const graph = new TestGraph();
    const collector = new Collector({ profile: '3.11', graph });
    graph.attach(collector);
    collector.enabled = false;
    const head = graph.newObject('list');
    let tail = head;
    for (let i = 0; i < 1_000_000; i++) {
      const next = graph.newObject('list');
      graph.addReference(tail, next);
      graph.decref(next);
      tail = next;
    }
    expect(collector.counts[0]).toBe(1_000_001);
    graph.decref(head);
    expect(graph.liveCount).toBe(0);
    expect(collector.counts[0]).toBe(0);
    expect(collector.validate()).toEqual([]);
  });

  it('collects a million self-cycles in one full collection', () => {
    const graph = new TestGraph({ capacity: 1_000_016 });
    const collector = new Collector({ profile: '3.13', graph });
    graph.attach(collector);
    collector.enabled = false;
    for (let i = 0; i < 1_000_000; i++) {
      const a = graph.newObject('list');
      graph.addReference(a, a);
      graph.decref(a);
    }
    expect(collector.collect(2)).toBe(1_000_000);
    expect(graph.liveCount).toBe(0);
  });

  it('tracks a dict once it holds something that may be tracked (MAINTAIN_TRACKING)', () => {
    const graph = new TestGraph();
    const collector = new Collector({ profile: '3.12', graph });
    graph.attach(collector);
    const dict = graph.newObject('dict');
    const atom = graph.newObject('int');
    graph.addReference(dict, atom);
    expect(collector.isTracked(dict)).toBe(false);
    const emptyTuple = graph.newObject('tuple');
    collector.untrack(emptyTuple);
    graph.addReference(dict, emptyTuple);
    expect(collector.isTracked(dict)).toBe(false);
    const list = graph.newObject('list');
    graph.addReference(dict, list);
    expect(collector.isTracked(dict)).toBe(true);
  });

  it('orders weakrefs as PyWeakref_NewRef does and clears them with callbacks at dealloc', () => {
    const graph = new TestGraph();
    const target = graph.newObject('object');
    const withCallback = graph.newWeakref(target, true);
    const plain = graph.newWeakref(target);
    const second = graph.newWeakref(target, true);
    expect([
      graph.firstWeakref(target),
      graph.nextWeakref(plain),
      graph.nextWeakref(second),
    ]).toEqual([plain, second, withCallback]);
    expect(validateTestGraph(graph)).toEqual([]);
    graph.decref(target);
    expect(graph.callbackLog).toEqual([second, withCallback]);
    expect(graph.weakrefTarget(plain)).toBe(-1);
    expect(validateTestGraph(graph)).toEqual([]);
  });

  it('keeps counts consistent through external holds and rejects removing a missing reference', () => {
    const graph = new TestGraph();
    const a = graph.newObject('list');
    graph.incref(a);
    expect(validateTestGraph(graph)).toEqual([]);
    graph.holdInGarbage(a);
    expect(validateTestGraph(graph)).toEqual([]);
    expect(() => graph.removeReference(a, a)).toThrow(RangeError);
  });
});
