/**
 * The collector on the object heap against real CPython: tests/scripts/gc_heap_probe.py
 * builds cycles of many kinds (instances, lists, dicts, closures and cells, bound
 * methods, weakrefs with callbacks, `__del__`, resurrection, gc.freeze, automatic
 * collections, suspended generators, exceptions kept with their tracebacks and
 * frames) and reports gc.collect(gen) results, gc.get_count() after each step,
 * the get_stats() difference and the order in which finalizers and callbacks ran. The
 * same programs run here on a `Heap` with a `HeapCollector`, object for object —
 * including the tuple each gc.get_count() call returns, which the probe keeps in its
 * record list. The model must give the recorded answers (tests/fixtures/gc/
 * gc-heap-<profile>.json, always) and a live interpreter's (when found; otherwise
 * skipped loudly).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { liveInterpreterFor, runProbe } from '@pymem/cpython';
import { HeapCollector, type HeapCollectorOptions, IncrementalCollector } from '@pymem/gc';
import {
  CO_GENERATOR,
  type CodeObject,
  Heap,
  type ObjectHandle,
  validateHeap,
} from '@pymem/objects';
import { type ProfileName, RECORDED_PROFILE_NAMES } from '@pymem/versions';
import { describe, expect, it } from 'vitest';

const PROBE = join(import.meta.dirname, 'scripts', 'gc_heap_probe.py');
const FIXTURES = join(import.meta.dirname, 'fixtures', 'gc');

type Json = null | boolean | number | string | Json[];
interface ScenarioResult {
  rec: Json[];
  stats: number[][];
  log: string[];
}
interface HeapProbe {
  version: string;
  scenarios: Record<string, ScenarioResult>;
}

/** The interpreter a {@link ModelProgram} models beyond its profile. */
interface ModelMachine {
  /** 4 for wasm32 (Pyodide); 8 by default. */
  readonly pointerSize?: 4 | 8;
  /** The collector's options (3.14: `patch` 0–4 picks the incremental collector). */
  readonly collector?: HeapCollectorOptions;
}

/** One modelled interpreter running the probe's module: its classes, functions and lists. */
class ModelProgram {
  readonly heap: Heap;
  readonly hc: HeapCollector;
  readonly log: string[] = [];
  /** `SAVED`, the list Phoenix.__del__ appends to. */
  readonly saved: ObjectHandle;
  readonly classes: Record<
    'Pair' | 'Labelled' | 'Cyc' | 'WithDel' | 'Phoenix' | 'WithMethod',
    ObjectHandle
  >;
  /** `WithMethod.method`, a function the class holds. */
  readonly method: ObjectHandle;
  readonly callbacks: Record<'cb_x' | 'cb_y' | 'cb_z', ObjectHandle>;
  /** The probe's functions that run as frames (gen_self, gen_hold, keep_error, …). */
  readonly codes: Record<
    'genSelf' | 'genHold' | 'keepError' | 'raiseInner' | 'keepOuter' | 'scenario',
    CodeObject
  >;
  /** The scenario's `rec` list and what its items say. */
  rec = 0;
  out: Json[] = [];

  constructor(profile: ProfileName, machine: ModelMachine = {}) {
    const heap = new Heap({ profile, pointerSize: machine.pointerSize ?? 8 });
    this.heap = heap;
    this.hc = new HeapCollector(heap, machine.collector);
    this.hc.gc.disable();
    this.saved = heap.newList();
    const plain = ['Pair', 'Labelled', 'Cyc', 'WithMethod'] as const;
    const classes = {} as Record<string, ObjectHandle>;
    for (const name of plain) classes[name] = heap.newClass(name);
    for (const name of ['WithDel', 'Phoenix'] as const)
      classes[name] = heap.newClass(name, { finalizer: true });
    this.classes = classes as ModelProgram['classes'];
    this.hc.defineFinalizer(this.classes.WithDel, (o) => {
      this.log.push(this.label(o));
    });
    this.hc.defineFinalizer(this.classes.Phoenix, (o) => {
      this.log.push(this.label(o));
      heap.listAppend(this.saved, o);
    });
    this.method = heap.newFunction();
    const callbacks = {} as Record<string, ObjectHandle>;
    for (const name of ['cb_x', 'cb_y', 'cb_z'] as const) {
      const cb = heap.newFunction();
      this.hc.defineWeakrefCallback(cb, () => {
        this.log.push(name);
      });
      callbacks[name] = cb;
    }
    this.callbacks = callbacks as ModelProgram['callbacks'];
    // Code shapes of the probe's functions: co_nlocals and co_flags as compiled
    // (CO_OPTIMIZED | CO_NEWLOCALS, + CO_GENERATOR); the stack size only sizes the
    // frames, which these scenarios do not measure.
    const code = (nlocals: number, generator = false): CodeObject =>
      heap.newCode({
        nlocals,
        ncells: 0,
        nfrees: 0,
        stacksize: 4,
        flags: generator ? CO_GENERATOR | 3 : 3,
      });
    this.codes = {
      genSelf: code(1, true),
      genHold: code(1, true),
      keepError: code(2),
      raiseInner: code(0),
      keepOuter: code(2),
      scenario: code(0),
    };
    this.warmUp();
  }

  /**
   * The probe's warm_up() for the functions that run as frames: each is called once,
   * so that on 3.8–3.10 its code keeps a zombie frame (the cycles the error functions
   * leave are collected before the first scenario).
   */
  private warmUp(): void {
    const { heap, codes } = this;
    for (const code of [codes.genSelf, codes.genHold]) {
      const g = heap.callGenerator(code, code === codes.genHold ? [heap.none] : []);
      if (code === codes.genSelf) heap.generatorStoreFast(g, 0, heap.none);
      heap.decref(heap.generatorNext(g, heap.none));
      heap.generatorNext(g, 0);
      heap.decref(g);
    }
    this.keepError();
    this.keepOuter();
  }

  /** `except ValueError as err: keep = err` in the running call; then `err` is deleted. */
  private keepCaught(): void {
    const heap = this.heap;
    const e = heap.catchException();
    heap.storeFast(0, e);
    heap.storeFast(1, e);
    heap.decref(e);
    // 3.8 deletes `err` before POP_EXCEPT, 3.9+ after.
    if (heap.layout.minor < 9) heap.storeFast(0, 0);
    heap.endExcept();
    if (heap.layout.minor >= 9) heap.storeFast(0, 0);
  }

  /** `keep_error()`: raises ValueError and keeps it in a local (exception → tb → frame → local). */
  keepError(): void {
    const heap = this.heap;
    heap.callFunction(this.codes.keepError);
    heap.raiseException(heap.newException());
    this.keepCaught();
    heap.returnFromFunction();
  }

  /** `keep_outer()`: catches what `raise_inner()` raises and keeps it (two frames, two tracebacks). */
  keepOuter(): void {
    const heap = this.heap;
    heap.callFunction(this.codes.keepOuter);
    heap.callFunction(this.codes.raiseInner);
    heap.raiseException(heap.newException());
    heap.unwindException();
    this.keepCaught();
    heap.returnFromFunction();
  }

  /** `gen_hold(x)` then `next(g)`: a generator suspended at `yield x`, holding `x`. */
  genHold(x: ObjectHandle): ObjectHandle {
    const g = this.heap.callGenerator(this.codes.genHold, [x]);
    this.heap.decref(this.heap.generatorNext(g, x));
    return g;
  }

  /**
   * The scenario function's own call: on 3.11+ a frame that a returning callee's
   * frame object links to (f_back) once it takes its frame over.
   */
  inScenarioCall(body: () => void): void {
    this.heap.callFunction(this.codes.scenario);
    body();
    this.heap.returnFromFunction();
  }

  label(o: ObjectHandle): string {
    return String(this.heap.valueOf(this.heap.getAttr(o, 'label')));
  }

  /** `o.name = v`, consuming the caller's reference to `v`. */
  set(o: ObjectHandle, name: string, v: ObjectHandle): void {
    this.heap.setAttr(o, name, v);
    this.heap.decref(v);
  }

  /** `rec.append(gc.get_count())`: the counts are read, then the tuple is built. */
  recordCount(): void {
    const heap = this.heap;
    const counts = this.hc.gc.getCount();
    const items = counts.map((n) => heap.newInt(n));
    const tuple = heap.newTuple(items);
    for (const item of items) heap.decref(item);
    heap.listAppend(this.rec, tuple);
    heap.decref(tuple);
    this.out.push(counts);
  }

  /** `rec.append(value)` for an int or a bool. */
  record(value: number | boolean): void {
    const heap = this.heap;
    const o = typeof value === 'boolean' ? heap.newBool(value) : heap.newInt(value);
    heap.listAppend(this.rec, o);
    heap.decref(o);
    this.out.push(value);
  }

  /**
   * The argument tuple a call through `tp_call` builds (`_PyObject_MakeTpCall`, a
   * METH_VARARGS function): made, used, dropped — onto the tuple free list, so only
   * the first one after a full collection is a GC allocation. `weakref.ref(o, cb)`
   * and `gc.set_threshold(n)` on every version, `range(n)` on 3.8 (vectorcall from 3.9).
   */
  withArgs<T>(items: readonly ObjectHandle[], call: () => T): T {
    const tuple = this.heap.newTuple(items);
    const result = call();
    this.heap.decref(tuple);
    return result;
  }

  /** `range(n)` in a for statement: 3.8 calls range through tp_call (an argument tuple). */
  range(n: number): void {
    if (this.heap.layout.minor !== 8) return;
    const arg = this.heap.newInt(n);
    this.withArgs([arg], () => {});
    this.heap.decref(arg);
  }

  /** `gc.set_threshold(n)`: a METH_VARARGS call. */
  setThreshold0(n: number): void {
    const arg = this.heap.newInt(n);
    this.withArgs([arg], () => this.hc.gc.setThreshold(n));
    this.heap.decref(arg);
  }

  /** `weakref.ref(o, callback)`. */
  weakref(o: ObjectHandle, callback: ObjectHandle): ObjectHandle {
    return this.withArgs([o, callback], () => this.heap.newWeakref(o, callback));
  }

  clearSaved(): void {
    while (this.heap.lengthOf(this.saved) > 0) this.heap.decref(this.heap.listPop(this.saved));
  }
}

type Scenario = (py: ModelProgram) => void;

/** gc_heap_probe.py's scenarios, statement for statement. */
const SCENARIOS: Record<string, Scenario> = {
  'ten-instance-pairs': (py) => {
    const { heap, hc } = py;
    hc.gc.collect();
    py.range(10);
    for (let i = 0; i < 10; i++) {
      const x = heap.newInstance(py.classes.Pair);
      const y = heap.newInstance(py.classes.Pair);
      heap.setAttr(x, 'other', y);
      heap.setAttr(y, 'other', x);
      heap.decref(x);
      heap.decref(y);
    }
    py.recordCount();
    py.record(hc.gc.collect());
    py.recordCount();
  },
  generations: (py) => {
    const { heap, hc } = py;
    hc.gc.collect();
    const a = heap.newList();
    heap.listAppend(a, a);
    heap.decref(a);
    py.recordCount();
    py.record(hc.gc.collect(0));
    py.recordCount();
    const inner = heap.newList();
    const holder = heap.newList([inner]);
    heap.decref(inner);
    heap.listAppend(inner, inner);
    py.record(hc.gc.collect(0));
    py.recordCount();
    heap.decref(heap.listPop(holder));
    py.record(hc.gc.collect(0));
    py.recordCount();
    py.record(hc.gc.collect(1));
    py.recordCount();
    py.record(hc.gc.collect(2));
    py.recordCount();
    heap.decref(holder);
  },
  dicts: (py) => {
    const { heap, hc } = py;
    hc.gc.collect();
    const d = heap.newDict();
    const self = heap.newStr('self');
    heap.dictSetItem(d, self, d);
    heap.decref(self);
    const dKey = heap.newStr('d');
    const e = heap.newDictPresized(1, true);
    heap.dictSetItem(e, dKey, d);
    heap.decref(dKey);
    const eKey = heap.newStr('e');
    heap.dictSetItem(d, eKey, e);
    heap.decref(eKey);
    const lst = heap.newList([d, e]);
    const lKey = heap.newStr('l');
    heap.dictSetItem(e, lKey, lst);
    heap.decref(lKey);
    for (const o of [d, e, lst]) heap.decref(o);
    py.recordCount();
    py.record(hc.gc.collect(1));
    py.recordCount();
  },
  closure: (py) => {
    const { heap, hc } = py;
    hc.gc.collect();
    // make_closure(): its cell, the closure tuple, the function, stored into the cell.
    const cell = heap.newCell();
    const closure = heap.newTuple([cell]);
    const f = heap.newFunction({ closure });
    heap.decref(closure);
    heap.cellSet(cell, f);
    heap.decref(cell);
    py.recordCount();
    heap.decref(f);
    py.record(hc.gc.collect());
    py.recordCount();
  },
  'bound-method': (py) => {
    const { heap, hc } = py;
    hc.gc.collect();
    const o = heap.newInstance(py.classes.WithMethod);
    py.set(o, 'm', heap.newBoundMethod(py.method, o));
    py.recordCount();
    heap.decref(o);
    py.record(hc.gc.collect());
    py.recordCount();
  },
  'weakref-callbacks': (py) => {
    const { heap, hc } = py;
    hc.gc.collect();
    const x = heap.newInstance(py.classes.Labelled);
    py.set(x, 'label', heap.newStr('x'));
    const y = heap.newInstance(py.classes.Labelled);
    py.set(y, 'label', heap.newStr('y'));
    heap.setAttr(x, 'peer', y);
    heap.setAttr(y, 'peer', x);
    const wx = py.weakref(x, py.callbacks.cb_x);
    const wy = py.weakref(y, py.callbacks.cb_y);
    py.set(y, 'wr', py.weakref(x, py.callbacks.cb_z));
    py.recordCount();
    heap.decref(x);
    heap.decref(y);
    py.record(hc.gc.collect());
    py.record(heap.weakrefTarget(wx) === 0);
    py.record(heap.weakrefTarget(wy) === 0);
    py.recordCount();
    heap.decref(wx);
    heap.decref(wy);
  },
  finalizers: (py) => {
    const { heap, hc } = py;
    hc.gc.collect();
    const make = (label: string): ObjectHandle => {
      const o = heap.newInstance(py.classes.WithDel);
      py.set(o, 'label', heap.newStr(label));
      return o;
    };
    const d = make('d');
    heap.setAttr(d, 'peer', d);
    const a = make('a');
    const b = make('b');
    const c = make('c');
    heap.setAttr(c, 'peer', a);
    heap.setAttr(b, 'peer', c);
    heap.setAttr(a, 'peer', b);
    for (const o of [a, b, c, d]) heap.decref(o);
    py.recordCount();
    py.record(hc.gc.collect());
    py.record(hc.gc.garbage.length);
    py.recordCount();
  },
  resurrection: (py) => {
    const { heap, hc } = py;
    hc.gc.collect();
    const p = heap.newInstance(py.classes.Phoenix);
    py.set(p, 'label', heap.newStr('p'));
    heap.setAttr(p, 'peer', p);
    const q = heap.newList();
    heap.listAppend(q, q);
    heap.decref(p);
    heap.decref(q);
    py.record(hc.gc.collect());
    py.record(heap.lengthOf(py.saved));
    py.recordCount();
    py.clearSaved();
    py.record(hc.gc.collect());
    py.recordCount();
  },
  freeze: (py) => {
    const { heap, hc } = py;
    hc.gc.collect();
    const frozen = hc.gc.getFreezeCount();
    const a = heap.newList();
    heap.listAppend(a, a);
    hc.gc.freeze();
    py.recordCount();
    heap.decref(a);
    py.record(hc.gc.collect());
    hc.gc.unfreeze();
    py.record(hc.gc.collect());
    py.record(hc.gc.getFreezeCount() - frozen);
    py.recordCount();
  },
  'tuple-untracking': (py) => {
    const { heap, hc } = py;
    hc.gc.collect();
    const one = heap.newInt(1);
    const t = heap.newTuple([one, one]);
    heap.decref(one);
    const list = heap.newList();
    const u = heap.newTuple([t, list]);
    heap.decref(list);
    py.record(heap.isTracked(t));
    py.record(heap.isTracked(u));
    py.record(hc.gc.collect());
    py.record(heap.isTracked(t));
    py.record(heap.isTracked(u));
    py.recordCount();
    heap.decref(t);
    heap.decref(u);
  },
  automatic: (py) => {
    const { heap, hc } = py;
    hc.gc.collect();
    const defaults = hc.gc.getThreshold();
    py.setThreshold0(5);
    hc.gc.enable();
    py.range(40);
    let x = 0;
    for (let i = 0; i < 40; i++) {
      // x = Cyc(): the CALL allocates (3.8–3.11 may collect right there) and checks
      // the eval breaker when it returns (3.12+ run a scheduled collection); then
      // STORE_FAST drops the previous x; x.me = x; the loop's backward jump checks again.
      const next = heap.newInstance(py.classes.Cyc);
      hc.evalBreaker();
      if (x !== 0) heap.decref(x);
      x = next;
      heap.setAttr(x, 'me', x);
      hc.evalBreaker();
    }
    hc.gc.disable();
    hc.gc.setThreshold(...defaults);
    py.recordCount();
    heap.decref(x);
    py.record(hc.gc.collect());
  },
  'generator-self': (py) =>
    py.inScenarioCall(() => {
      const { heap, hc } = py;
      hc.gc.collect();
      // g = gen_self(); BOX.append(g); next(g): the body pops g into its local `me`.
      const g = heap.callGenerator(py.codes.genSelf);
      heap.generatorStoreFast(g, 0, g);
      const one = heap.newInt(1);
      heap.decref(heap.generatorNext(g, one));
      heap.decref(one);
      py.recordCount();
      heap.decref(g);
      py.record(hc.gc.collect());
      py.recordCount();
    }),
  'generator-cycle': (py) =>
    py.inScenarioCall(() => {
      const { heap, hc } = py;
      hc.gc.collect();
      const lst = heap.newList();
      const g = py.genHold(lst);
      heap.listAppend(lst, g);
      heap.decref(lst);
      heap.decref(g);
      py.recordCount();
      py.record(hc.gc.collect(0));
      py.recordCount();
    }),
  'generator-finalizer': (py) =>
    py.inScenarioCall(() => {
      const { heap, hc } = py;
      hc.gc.collect();
      const d = heap.newInstance(py.classes.WithDel);
      py.set(d, 'label', heap.newStr('d'));
      const g = py.genHold(d);
      heap.setAttr(d, 'peer', g);
      heap.decref(d);
      heap.decref(g);
      py.recordCount();
      py.record(hc.gc.collect());
      py.recordCount();
    }),
  'exception-kept': (py) =>
    py.inScenarioCall(() => {
      const { hc } = py;
      hc.gc.collect();
      py.keepError();
      py.recordCount();
      py.record(hc.gc.collect());
      py.recordCount();
    }),
  'traceback-frames': (py) =>
    py.inScenarioCall(() => {
      const { hc } = py;
      hc.gc.collect();
      py.keepOuter();
      py.recordCount();
      py.record(hc.gc.collect(1));
      py.recordCount();
    }),
  // Classes that die (heap-types.ts): collect() results and the class's getsizeof,
  // not get_count() (the class statement's own frame, namespace and strings are not
  // mirrored).
  'class-alone': (py) => {
    const { heap, hc } = py;
    hc.gc.collect();
    const cls = heap.newClass('C', { mortal: true });
    py.record(heap.sizeof(cls));
    heap.decref(cls);
    py.record(hc.gc.collect());
  },
  'class-instance': (py) => {
    const { heap, hc } = py;
    hc.gc.collect();
    const cls = heap.newClass('C', { mortal: true });
    const inst = heap.newInstance(cls);
    heap.setClassAttr(cls, 'inst', inst);
    heap.decref(inst);
    heap.decref(cls);
    py.record(hc.gc.collect());
  },
  'class-method-closure': (py) => {
    const { heap, hc } = py;
    hc.gc.collect();
    // The class body's `__class__` cell, the method's closure tuple and function; the
    // class takes the method into its dict, and type_new fills the cell (__classcell__).
    const cell = heap.newCell();
    const closure = heap.newTuple([cell]);
    const method = heap.newFunction({ closure });
    heap.decref(closure);
    const cls = heap.newClass('C', { mortal: true, namespace: [['method', method]] });
    heap.decref(method);
    heap.cellSet(cell, cls);
    heap.decref(cell);
    heap.decref(cls);
    py.record(hc.gc.collect());
  },
};

/** Runs the probe's module on the model and answers in its JSON shape. */
function modelProbe(profile: ProfileName, machine: ModelMachine = {}): HeapProbe['scenarios'] {
  const py = new ModelProgram(profile, machine);
  const { heap, hc } = py;
  const scenarios: HeapProbe['scenarios'] = {};
  for (const [name, scenario] of Object.entries(SCENARIOS)) {
    hc.gc.collect();
    hc.gc.collect();
    py.log.length = 0;
    py.clearSaved();
    const before = hc.gc.getStats();
    py.rec = heap.newList();
    py.out = [];
    scenario(py);
    const after = hc.gc.getStats();
    scenarios[name] = {
      rec: py.out,
      stats: before.map((b, g) => {
        const a = after[g]!;
        return [
          a.collections - b.collections,
          a.collected - b.collected,
          a.uncollectable - b.uncollectable,
        ];
      }),
      log: [...py.log],
    };
    heap.decref(py.rec);
    expect(hc.collector.validate(), `${name}: collector invariants`).toEqual([]);
    expect(() => validateHeap(heap), `${name}: heap invariants`).not.toThrow();
  }
  return scenarios;
}

function fixture(profile: ProfileName): HeapProbe {
  return JSON.parse(readFileSync(join(FIXTURES, `gc-heap-${profile}.json`), 'utf8')) as HeapProbe;
}

describe('the collector on the heap against recorded CPython', () => {
  for (const profile of RECORDED_PROFILE_NAMES) {
    it(`${profile}: collect results, counts, stats and finalizer/callback order match`, () => {
      const recorded = fixture(profile);
      expect(Object.keys(SCENARIOS)).toEqual(Object.keys(recorded.scenarios));
      expect(modelProbe(profile)).toEqual(recorded.scenarios);
    });
  }
  it('ten two-instance cycles: 40 objects on 3.8–3.10 (instances and their __dict__s), 20 on 3.11+', () => {
    for (const profile of RECORDED_PROFILE_NAMES) {
      const collected = modelProbe(profile)['ten-instance-pairs']!.rec[1];
      expect(collected, profile).toBe(Number(profile.slice(2)) <= 10 ? 40 : 20);
    }
  });
});

for (const profile of RECORDED_PROFILE_NAMES) {
  const interpreter = liveInterpreterFor(profile, 'gc on the heap');
  describe.skipIf(!interpreter)(`the collector on the heap against live CPython ${profile}`, () => {
    it('the live probe agrees with the fixture and with the model', () => {
      const live = runProbe<HeapProbe>(interpreter!.path, PROBE);
      expect(live.scenarios).toEqual(fixture(profile).scenarios);
      expect(modelProbe(profile)).toEqual(live.scenarios);
    });
  });
}

// ---- 3.14: Pyodide (CPython 3.14.2 on wasm32) runs the incremental collector ----------

/**
 * Pyodide's 3.14.2 runs the 3.14.0–3.14.4 incremental collector; the 3.14 profile
 * without a patch is 3.14.5+'s restored generational collector. What the two
 * collectors share is checked against 3.14.2: the result of every *full* collection, the weakref and
 * `is_tracked` answers, the full collections' get_stats() entry and the order of
 * finalizers and callbacks, for the scenarios whose collections are all full ones.
 * Left out: gc.get_count() (young/old spaces; and on 3.14 `weakref.ref` is called
 * without an argument tuple), the scenarios collecting generations 0 and 1
 * (generations, dicts, generator-cycle, traceback-frames), automatic collections, and tuple-untracking (3.14 makes
 * all-atomic tuples untracked at creation: the object layer's job).
 */
const PYODIDE_HEAP_FIXTURE = join(FIXTURES, 'gc-heap-3.14.2-pyodide.json');
const FULL_ONLY = [
  'ten-instance-pairs',
  'closure',
  'bound-method',
  'weakref-callbacks',
  'finalizers',
  'resurrection',
  'freeze',
  'generator-self',
  'generator-finalizer',
  'exception-kept',
];

function sharedWith314(scenarios: HeapProbe['scenarios']): Record<string, unknown> {
  return Object.fromEntries(
    FULL_ONLY.map((name) => {
      const { rec, stats, log } = scenarios[name]!;
      return [name, { rec: rec.filter((v) => !Array.isArray(v)), full: stats[2], log }];
    }),
  );
}

/**
 * The same heap with 3.14.2's own collector (`patch: 2` picks the incremental one) on
 * wasm32: every scenario agrees with Pyodide in full — gc.get_count() after each step,
 * young collections and increments (gc.collect(0), gc.collect(1)), get_stats(), the
 * order of finalizers and callbacks — except two: tuple-untracking (3.14 untracks an
 * all-atomic tuple at creation, which the object layer does not model) and automatic
 * (Pyodide runs no counted increment in the loop, the model three; by the source the
 * likely reason is that the first increment after a full collection marks everything
 * the interpreter reaches from its roots — tens of thousands of objects in Pyodide —
 * and stays in debt for the rest of the loop, while the model's heap has no such
 * roots; not confirmed by a probe). The result does not depend on `initialHeapSize`
 * (0 gives the same answers).
 */
const INCREMENTAL_LEFT_OUT = ['tuple-untracking', 'automatic'];

function withoutIncrementalLeftOut(scenarios: HeapProbe['scenarios']): HeapProbe['scenarios'] {
  return Object.fromEntries(
    Object.entries(scenarios).filter(([name]) => !INCREMENTAL_LEFT_OUT.includes(name)),
  );
}

describe('the collector on the heap, 3.14 against Pyodide (CPython 3.14.2, wasm32)', () => {
  it('3.14.2 on the model (incremental collector, wasm32) agrees on counts, collections, stats and order', () => {
    const recorded = JSON.parse(readFileSync(PYODIDE_HEAP_FIXTURE, 'utf8')) as HeapProbe;
    const model = modelProbe('3.14', {
      pointerSize: 4,
      collector: { patch: 2, initialHeapSize: 20_000 },
    });
    expect(withoutIncrementalLeftOut(model)).toEqual(withoutIncrementalLeftOut(recorded.scenarios));
    expect(Object.keys(model)).toEqual(Object.keys(recorded.scenarios));
  });

  it('3.14.2 on the model: the incremental collector runs on the heap', () => {
    const heap = new Heap({ profile: '3.14', pointerSize: 4 });
    expect(new HeapCollector(heap, { patch: 2 }).collector).toBeInstanceOf(IncrementalCollector);
    const later = new Heap({ profile: '3.14', pointerSize: 4 });
    expect(new HeapCollector(later, { patch: 5 }).collector).not.toBeInstanceOf(
      IncrementalCollector,
    );
  });

  it('the 3.14 model agrees on full collections, finalizer and callback order', () => {
    const recorded = JSON.parse(readFileSync(PYODIDE_HEAP_FIXTURE, 'utf8')) as HeapProbe;
    expect(recorded.version).toBe('3.14.2');
    expect(sharedWith314(modelProbe('3.14'))).toEqual(sharedWith314(recorded.scenarios));
  });

  it('live Pyodide agrees with the recording', async (context) => {
    const { runInPyodide } = await import('./scripts/pyodide-probe.ts');
    const live = await runInPyodide<HeapProbe>(PROBE, {}, 'run()');
    // runInPyodide printed the loud LIVE CHECK SKIPPED notice: report skipped, not passed.
    if (live === null) return context.skip();
    const recorded = JSON.parse(readFileSync(PYODIDE_HEAP_FIXTURE, 'utf8')) as HeapProbe;
    expect(live).toEqual(recorded);
  });
});
