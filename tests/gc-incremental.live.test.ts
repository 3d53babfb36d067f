/**
 * The 3.14.0–3.14.4 incremental collector against real CPython 3.14.2 (Pyodide, wasm32):
 * tests/scripts/gc_incremental_probe.py runs small programs — young collections,
 * increments with and without new objects, how much of the pending space an increment
 * scans, automatic increments, freeze/unfreeze — and records gc.get_count(),
 * gc.collect()'s results and gc.get_stats() after each step, and when weakrefs to
 * garbage are cleared relative to callbacks and finalizers. Here the same programs
 * run, object for object, on @pymem/gc's IncrementalCollector over a TestGraph, and
 * must give the same numbers as the recording (tests/fixtures/gc/
 * gc-incremental-3.14.2-pyodide.json, always) and as a live Pyodide (when it loads;
 * otherwise reported as skipped, never passed).
 *
 * The probe freezes the interpreter's own objects first, so only the program's objects
 * are in the young list and the old spaces. One number stays out of reach: CPython's
 * `heap_size`, which also counts the frozen objects and which Python cannot read; the
 * model is given a value of the same size (see HEAP_SIZE), and the tests show the
 * recorded numbers hold for any heap_size from 10 000 up.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEBUG_FLAGS, GcModule, IncrementalCollector, TestGraph } from '@pymem/gc';
import { describe, expect, it } from 'vitest';

const PROBE = join(import.meta.dirname, 'scripts', 'gc_incremental_probe.py');
const FIXTURE = join(import.meta.dirname, 'fixtures', 'gc', 'gc-incremental-3.14.2-pyodide.json');

interface IncrementalProbe {
  version: string;
  threshold: number[][];
  statsLength: number;
  infoKeys: [string, number, string[]][];
  debugStats: string[];
  scenarios: Record<string, number[]>;
}

/**
 * `heap_size` for the model: Pyodide tracks about 20 700 objects when the probe first
 * freezes them. With 10 000 or more every increment's heap share is capped at twice
 * the new objects, so the exact value does not matter (checked below).
 */
const HEAP_SIZE = 20_000;

/** A TestGraph that tells the probe when a weakref callback runs (`weakref_callback`). */
class ProbeGraph extends TestGraph {
  onCallback: (() => void) | null = null;

  override callWeakrefCallback(wr: number): void {
    this.onCallback?.();
    super.callWeakrefCallback(wr);
  }
}

/** A modelled 3.14.2: TestGraph + IncrementalCollector + gc module, and the probe's helpers. */
class Model {
  readonly graph = new ProbeGraph({ lazyDictTracking: false });
  readonly collector: IncrementalCollector;
  readonly gc: GcModule;
  readonly instance: number;
  readonly tupleIterator: number;
  readonly withDel: number;
  /** WithDel instance → the weakref it holds (`self.wr`). */
  readonly heldWeakref = new Map<number, number>();
  /** The probe's dict G: each entry holds one reference. */
  readonly globals = new Map<string, number>();
  out: number[] = [];
  base: number[] = [];
  debugText = '';
  loopIndex = 0;

  constructor(heapSize: number) {
    this.collector = new IncrementalCollector({
      profile: '3.14',
      patch: 2,
      graph: this.graph,
      initialHeapSize: heapSize,
      debugOutput: (text) => {
        this.debugText += text;
      },
    });
    this.graph.attach(this.collector);
    this.gc = new GcModule(this.collector);
    this.instance = this.graph.defineType({ name: 'Instance', gc: true, clears: true });
    this.tupleIterator = this.graph.defineType({ name: 'tuple_iterator', gc: true });
    const cleared = (wr: number | undefined) => (this.graph.weakrefTarget(wr!) === -1 ? 1 : 0);
    this.withDel = this.graph.defineType({
      name: 'WithDel',
      gc: true,
      clears: true,
      finalizer: true,
      onFinalize: (_, id) => {
        this.out.push(8, cleared(this.heldWeakref.get(id)), cleared(this.globals.get('cbwr')));
      },
    });
    this.graph.onCallback = () => this.out.push(7);
    // The interpreter's own objects (modules, sys, …): the first fresh() freezes them,
    // so the permanent generation is never empty, as in CPython.
    this.graph.newObject('dict');
  }

  fresh(): void {
    this.gc.disable();
    this.gc.collect();
    this.gc.freeze();
    this.out = [];
    this.base = this.flatStats();
  }

  flatStats(): number[] {
    return this.gc
      .getStats()
      .flatMap((entry) => [entry.collections, entry.collected, entry.uncollectable]);
  }

  count(): void {
    this.out.push(...this.gc.getCount());
  }

  /** get_stats() as differences from the scenario's start. */
  stats(): void {
    this.out.push(...this.flatStats().map((value, i) => value - this.base[i]!));
  }

  /** `G[key] = obj`, taking over the creator's reference. */
  bind(key: string, obj: number): void {
    this.globals.set(key, obj);
  }

  /** `del G[key]`. */
  unbind(key: string): void {
    const obj = this.globals.get(key)!;
    this.globals.delete(key);
    this.graph.decref(obj);
  }

  pair(key: string): void {
    const a = this.graph.newObject(this.instance);
    const b = this.graph.newObject(this.instance);
    this.graph.addReference(a, b);
    this.graph.addReference(b, a);
    this.bind(key, a);
    this.graph.decref(b);
  }

  /** `G[key].append(Instance())`. */
  appendInstance(key: string): void {
    const x = this.graph.newObject(this.instance);
    this.graph.addReference(this.globals.get(key)!, x);
    this.graph.decref(x);
  }
}

/** The probe's scenarios, mirrored: same objects, same order, same records. */
const SCENARIOS: Record<string, (py: Model) => number[]> = {
  young: (py) => {
    py.fresh();
    py.stats();
    for (let i = 0; i < 3; i++) {
      py.pair('p');
      py.unbind('p');
    }
    py.count();
    py.out.push(py.gc.collect(0));
    py.count();
    py.pair('k');
    py.out.push(py.gc.collect(0));
    py.count();
    py.unbind('k');
    py.out.push(py.gc.collect(0));
    py.count();
    py.out.push(py.gc.collect(2));
    py.count();
    py.stats();
    return py.out;
  },
  increments: (py) => {
    py.fresh();
    py.stats();
    py.pair('k');
    py.out.push(py.gc.collect(0));
    py.count();
    py.unbind('k');
    for (let i = 0; i < 6; i++) {
      py.out.push(py.gc.collect(1));
      py.count();
      py.stats();
    }
    py.bind('keep', py.graph.newObject('list'));
    for (let i = 0; i < 10; i++) py.appendInstance('keep');
    py.count();
    py.out.push(py.gc.collect(1));
    py.count();
    py.stats();
    py.unbind('keep');
    py.out.push(py.gc.collect(2));
    py.count();
    py.stats();
    return py.out;
  },
  budget: (py) => {
    py.fresh();
    py.stats();
    py.bind('L', py.graph.newObject('list'));
    for (let i = 0; i < 40; i++) {
      py.pair('p');
      const a = py.globals.get('p')!;
      py.globals.delete('p');
      py.graph.addReference(py.globals.get('L')!, a);
      py.graph.decref(a);
    }
    py.out.push(py.gc.collect(0));
    py.unbind('L');
    for (let i = 0; i < 3; i++) py.out.push(py.gc.collect(1));
    py.count();
    py.bind('new', py.graph.newObject('list'));
    // `for n in (4, 6, …)`: the tuple iterator is a tracked object on the frame's stack.
    const iterator = py.graph.newObject(py.tupleIterator);
    py.graph.setRoot(iterator, 'stacks');
    for (const n of [4, 6, 10, 3, 8, 20, 1, 40, 0, 0]) {
      for (let i = 0; i < n; i++) py.appendInstance('new');
      py.out.push(py.gc.collect(1));
      py.count();
    }
    py.graph.setRoot(iterator, null);
    py.graph.decref(iterator);
    py.stats();
    py.unbind('new');
    py.out.push(py.gc.collect(2));
    py.stats();
    return py.out;
  },
  automatic: (py) => {
    py.fresh();
    py.bind('keep', py.graph.newObject('list'));
    const callback = (phase: 'start' | 'stop', info: { generation: number }): void => {
      // The info dict is a tracked object while the callbacks run.
      const dict = py.graph.newObject('dict');
      if (phase === 'start') py.out.push(info.generation, ...py.gc.getCount(), py.loopIndex);
      py.graph.decref(dict);
    };
    py.gc.callbacks.push(callback);
    py.gc.enable();
    for (let n = 0; n < 9000; n++) {
      py.loopIndex = n;
      py.appendInstance('keep');
      py.collector.runScheduled();
    }
    py.gc.disable();
    py.gc.callbacks.pop();
    py.unbind('keep');
    return py.out;
  },
  weakrefs: (py) => {
    py.fresh();
    const a = py.graph.newObject(py.withDel);
    const b = py.graph.newObject(py.instance);
    py.graph.addReference(a, b);
    py.graph.addReference(b, a);
    const wr = py.graph.newWeakref(b);
    py.graph.addReference(a, wr);
    py.graph.decref(wr);
    py.heldWeakref.set(a, wr);
    const c = py.graph.newObject(py.instance);
    py.graph.addReference(c, c);
    py.bind('cbwr', py.graph.newWeakref(c, true));
    py.graph.decref(a);
    py.graph.decref(b);
    py.graph.decref(c);
    py.out.push(py.gc.collect(0));
    py.out.push(py.graph.weakrefTarget(py.globals.get('cbwr')!) === -1 ? 1 : 0);
    py.unbind('cbwr');
    return py.out;
  },
  freeze: (py) => {
    py.fresh();
    py.pair('f');
    py.unbind('f');
    py.count();
    const frozen = py.gc.getFreezeCount();
    py.gc.freeze();
    py.count();
    py.out.push(py.gc.getFreezeCount() - frozen);
    py.out.push(py.gc.collect(2));
    py.out.push(py.gc.collect(0));
    py.gc.unfreeze();
    py.out.push(py.gc.getFreezeCount());
    py.count();
    py.out.push(py.gc.collect(1));
    py.out.push(py.gc.collect(2));
    py.count();
    return py.out;
  },
};

/** Runs the probe's whole program on the model and answers in its JSON shape. */
function modelProbe(heapSize: number): Omit<IncrementalProbe, 'version'> {
  const py = new Model(heapSize);
  const threshold = [py.gc.getThreshold()];
  py.gc.setThreshold(2000, 10, 5);
  threshold.push(py.gc.getThreshold());
  py.gc.setThreshold(1500);
  threshold.push(py.gc.getThreshold());
  py.gc.setThreshold(2000, 10, 0);

  const infoKeys: [string, number, string[]][] = [];
  const record = (phase: string, info: { generation: number }) => {
    infoKeys.push([phase, info.generation, Object.keys(info).sort()]);
  };
  py.gc.callbacks.push(record);
  for (const generation of [0, 1, 2]) py.gc.collect(generation);
  py.gc.callbacks.pop();

  const debugStats: string[] = [];
  for (const generation of [0, 1, 2]) {
    py.debugText = '';
    py.gc.setDebug(DEBUG_FLAGS.DEBUG_STATS);
    py.gc.collect(generation);
    py.gc.setDebug(0);
    debugStats.push(py.debugText.replace(/\d+(\.\d+)?/g, (_, fraction) => (fraction ? 'F' : 'N')));
  }

  const scenarios: Record<string, number[]> = {};
  for (const [name, scenario] of Object.entries(SCENARIOS)) {
    scenarios[name] = scenario(py);
    expect(py.collector.validate(), `${name}: collector invariants`).toEqual([]);
  }
  return { threshold, statsLength: py.gc.getStats().length, infoKeys, debugStats, scenarios };
}

function fixture(): IncrementalProbe {
  return JSON.parse(readFileSync(FIXTURE, 'utf8')) as IncrementalProbe;
}

describe('incremental collector (3.14.0–3.14.4) against recorded CPython 3.14.2 (Pyodide)', () => {
  it('the recording is 3.14.2 with the incremental thresholds', () => {
    const recorded = fixture();
    expect(recorded.version).toBe('3.14.2');
    expect(recorded.threshold[0]).toEqual([2000, 10, 0]);
  });

  it('thresholds, stats shape, callback info, DEBUG_STATS and every scenario match', () => {
    const { version: _, ...recorded } = fixture();
    expect(modelProbe(HEAP_SIZE)).toEqual(recorded);
  });

  it('every scenario gives the same numbers for any heap_size from 10 000 up', () => {
    const { version: _, ...recorded } = fixture();
    for (const heapSize of [10_000, 100_000, 1_000_000])
      expect(modelProbe(heapSize).scenarios, `heap_size ${heapSize}`).toEqual(recorded.scenarios);
  });

  it('young collections, automatic increments, weakrefs and freeze do not depend on heap_size at all', () => {
    const { version: _, ...recorded } = fixture();
    for (const heapSize of [0, 200]) {
      const { scenarios } = modelProbe(heapSize);
      for (const name of ['young', 'automatic', 'weakrefs', 'freeze'])
        expect(scenarios[name], `${name} with heap_size ${heapSize}`).toEqual(
          recorded.scenarios[name],
        );
    }
  });
});

describe('incremental collector against live Pyodide (CPython 3.14.2)', () => {
  it('a live run agrees with the recording (and so with the model)', async (context) => {
    const { runInPyodide } = await import('./scripts/pyodide-probe.ts');
    const live = await runInPyodide<IncrementalProbe>(PROBE, {}, 'run()');
    // runInPyodide printed the loud LIVE CHECK SKIPPED notice: report skipped, not passed.
    if (live === null) return context.skip();
    const { version, ...rest } = live;
    const { version: recordedVersion, ...recorded } = fixture();
    expect(version).toBe(recordedVersion);
    expect(rest).toEqual(recorded);
    expect(modelProbe(HEAP_SIZE)).toEqual(rest);
  });
});
