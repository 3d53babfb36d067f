/**
 * Classes and instances against live CPython 3.8–3.13: the same steps run in the
 * interpreter (scripts/instances_objects_probe.py, tracemalloc per step) and on the
 * model. Per step, the request sizes of the blocks it allocated that are still alive
 * at the end must be equal (objects, 3.11/3.12 values arrays, 3.13 inline values,
 * 3.8–3.10 split dicts' values arrays, list item arrays, weakrefs, closures: cell,
 * closure tuple, function; range, iterators; bound methods and 3.8's free list; 3.11+
 * `__dict__` materialised, written, outliving its object); per name, sys.getsizeof,
 * gc.is_tracked and sys.getrefcount. The model also validates its heap after every step.
 */
import { liveInterpreterFor, runProbe } from '@pymem/cpython';
import { Heap, type ObjectHandle, validateHeap } from '@pymem/objects';
import { type ProfileName, RECORDED_PROFILE_NAMES } from '@pymem/versions';
import { describe, expect, it } from 'vitest';

const PROBE = new URL('./scripts/instances_objects_probe.py', import.meta.url).pathname;

interface Env {
  readonly heap: Heap;
  readonly names: Map<string, ObjectHandle>;
  readonly classes: Record<'C' | 'S' | 'W' | 'D' | 'E' | 'F' | 'G' | 'H' | 'J', ObjectHandle>;
  /** Code constants (made when the steps were compiled, before tracing). */
  readonly constants: { readonly int1000: ObjectHandle; readonly float2000: ObjectHandle };
  /** `K.meth`, the function a bound method of `k` wraps. */
  readonly meth: ObjectHandle;
}

interface Step {
  readonly python: string;
  readonly model: (env: Env) => void;
  /** Only on these minors (default: all). */
  readonly minors?: (minor: number) => boolean;
}

const get = (env: Env, name: string): ObjectHandle => env.names.get(name)!;
const bind = (env: Env, name: string, o: ObjectHandle): void => {
  const old = env.names.get(name);
  env.names.set(name, o);
  if (old !== undefined) env.heap.decref(old);
};
const before11 = (minor: number): boolean => minor < 11;
/** `o.name = <small int>` for each name, in order. */
const setInts = (env: Env, o: string, names: readonly string[], first = 1): void => {
  names.forEach((name, i) => {
    const v = env.heap.newInt(first + i);
    env.heap.setAttr(get(env, o), name, v);
    env.heap.decref(v);
  });
};

/**
 * Key-sharing dicts turning combined (3.8–3.10: shared-keys.ts) and the same
 * operations on 3.11+ where the model has them: deletes, a sixth attribute, out of
 * order stores, a delete of a missing attribute, and the dicts reported afterwards.
 */
const SPLIT_STEPS: readonly Step[] = [
  {
    python: 'e1 = E(); e1.p = 1000; e1.q = b',
    model: (e) => {
      bind(e, 'e1', e.heap.newInstance(e.classes.E));
      e.heap.setAttr(get(e, 'e1'), 'p', e.constants.int1000);
      e.heap.setAttr(get(e, 'e1'), 'q', get(e, 'b'));
    },
  },
  {
    python: 'e2 = E(); e2.p = 1000',
    model: (e) => {
      bind(e, 'e2', e.heap.newInstance(e.classes.E));
      e.heap.setAttr(get(e, 'e2'), 'p', e.constants.int1000);
    },
  },
  { python: 'del e1.p', model: (e) => e.heap.delAttr(get(e, 'e1'), 'p') },
  {
    python: 'e3 = E(); e3.q = a',
    model: (e) => {
      bind(e, 'e3', e.heap.newInstance(e.classes.E));
      e.heap.setAttr(get(e, 'e3'), 'q', get(e, 'a'));
    },
  },
  { python: 'e2.q = a', model: (e) => e.heap.setAttr(get(e, 'e2'), 'q', get(e, 'a')) },
  {
    python: 'f1 = F(); f1.a = 1; f1.b = 2; f1.c = 3; f1.d = 4; f1.e = 5; f1.f = 6',
    model: (e) => {
      bind(e, 'f1', e.heap.newInstance(e.classes.F));
      setInts(e, 'f1', ['a', 'b', 'c', 'd', 'e', 'f']);
    },
  },
  {
    python: 'f2 = F(); f2.a = 1',
    model: (e) => {
      bind(e, 'f2', e.heap.newInstance(e.classes.F));
      setInts(e, 'f2', ['a']);
    },
  },
  {
    python: 'f3 = F(); f3.a = 1; f3.b = 2; f3.c = 3; f3.d = 4; f3.e = 5; f3.f = 6; f3.g = 7',
    model: (e) => {
      bind(e, 'f3', e.heap.newInstance(e.classes.F));
      setInts(e, 'f3', ['a', 'b', 'c', 'd', 'e', 'f', 'g']);
    },
  },
  {
    python: 'g1 = G(); g1.a = 1; g1.b = 2; g2 = G(); g2.b = 3',
    model: (e) => {
      bind(e, 'g1', e.heap.newInstance(e.classes.G));
      setInts(e, 'g1', ['a', 'b']);
      bind(e, 'g2', e.heap.newInstance(e.classes.G));
      setInts(e, 'g2', ['b'], 3);
    },
  },
  {
    python: 'g3 = G(); g3.a = 1; g1.c = 4',
    model: (e) => {
      bind(e, 'g3', e.heap.newInstance(e.classes.G));
      setInts(e, 'g3', ['a']);
      setInts(e, 'g1', ['c'], 4);
    },
  },
  {
    python: 'h1 = H(); h1.x = 1; del h1.x',
    model: (e) => {
      bind(e, 'h1', e.heap.newInstance(e.classes.H));
      setInts(e, 'h1', ['x']);
      e.heap.delAttr(get(e, 'h1'), 'x');
    },
  },
  {
    python: 'h2 = H(); h2.y = 2; h2.z = 3',
    model: (e) => {
      bind(e, 'h2', e.heap.newInstance(e.classes.H));
      setInts(e, 'h2', ['y', 'z'], 2);
    },
  },
  {
    python: 'j1 = J(); j1.a = 1\ntry:\n    del j1.zz\nexcept AttributeError:\n    pass',
    model: (e) => {
      bind(e, 'j1', e.heap.newInstance(e.classes.J));
      setInts(e, 'j1', ['a']);
      expect(() => e.heap.delAttr(get(e, 'j1'), 'zz')).toThrow(/AttributeError/);
    },
  },
  {
    python: 'j2 = J(); j2.a = 1',
    model: (e) => {
      bind(e, 'j2', e.heap.newInstance(e.classes.J));
      setInts(e, 'j2', ['a']);
    },
  },
  {
    python: 'ed1 = e1.__dict__; ed2 = e2.__dict__; ed3 = e3.__dict__',
    model: (e) => {
      for (const n of ['1', '2', '3']) bind(e, `ed${n}`, e.heap.instanceDict(get(e, `e${n}`)));
    },
    minors: before11,
  },
  {
    python: 'fd1 = f1.__dict__; fd2 = f2.__dict__; fd3 = f3.__dict__; gd2 = g2.__dict__',
    model: (e) => {
      for (const n of ['1', '2', '3']) bind(e, `fd${n}`, e.heap.instanceDict(get(e, `f${n}`)));
      bind(e, 'gd2', e.heap.instanceDict(get(e, 'g2')));
    },
    minors: before11,
  },
  {
    python: 'hd1 = h1.__dict__; hd2 = h2.__dict__; jd1 = j1.__dict__; jd2 = j2.__dict__',
    model: (e) => {
      bind(e, 'hd1', e.heap.instanceDict(get(e, 'h1')));
      bind(e, 'hd2', e.heap.instanceDict(get(e, 'h2')));
      bind(e, 'jd1', e.heap.instanceDict(get(e, 'j1')));
      bind(e, 'jd2', e.heap.instanceDict(get(e, 'j2')));
    },
    minors: before11,
  },
  {
    python: 'e1 = None; f2 = None',
    model: (e) => {
      bind(e, 'e1', e.heap.newNone());
      bind(e, 'f2', e.heap.newNone());
    },
  },
];

const STEPS: readonly Step[] = [
  { python: 'a = C()', model: (e) => bind(e, 'a', e.heap.newInstance(e.classes.C)) },
  { python: 'b = C()', model: (e) => bind(e, 'b', e.heap.newInstance(e.classes.C)) },
  { python: 'a.x = b', model: (e) => e.heap.setAttr(get(e, 'a'), 'x', get(e, 'b')) },
  { python: 'b.x = a', model: (e) => e.heap.setAttr(get(e, 'b'), 'x', get(e, 'a')) },
  {
    python: 'a.y = 1000',
    model: (e) => e.heap.setAttr(get(e, 'a'), 'y', e.constants.int1000),
  },
  {
    python: 'a.y = 2000.5',
    model: (e) => e.heap.setAttr(get(e, 'a'), 'y', e.constants.float2000),
  },
  {
    python: 's = S(); s.a = a; s.b = [1]',
    model: (e) => {
      const { heap } = e;
      bind(e, 's', heap.newInstance(e.classes.S));
      heap.setAttr(get(e, 's'), 'a', get(e, 'a'));
      const one = heap.newInt(1);
      const l = heap.newList([one]);
      heap.decref(one);
      heap.setAttr(get(e, 's'), 'b', l);
      heap.decref(l);
    },
  },
  { python: 'w = W()', model: (e) => bind(e, 'w', e.heap.newInstance(e.classes.W)) },
  {
    python: 'd = D(); d.z = 5',
    model: (e) => {
      bind(e, 'd', e.heap.newInstance(e.classes.D));
      const five = e.heap.newInt(5);
      e.heap.setAttr(get(e, 'd'), 'z', five);
      e.heap.decref(five);
    },
  },
  {
    python: 'del a.y',
    model: (e) => e.heap.delAttr(get(e, 'a'), 'y'),
    minors: (minor) => minor >= 11,
  },
  {
    python: 'dd = d.__dict__',
    model: (e) => bind(e, 'dd', e.heap.instanceDict(get(e, 'd'))),
    minors: (minor) => minor < 11,
  },
  {
    python: 'cs = []\nfor _ in range(40): cs.append(C())',
    model: (e) => {
      const { heap } = e;
      bind(e, 'cs', heap.newList());
      for (let i = 0; i < 40; i++) {
        const c = heap.newInstance(e.classes.C);
        heap.listAppend(get(e, 'cs'), c);
        heap.decref(c);
      }
    },
  },
  { python: 'r1 = weakref.ref(a)', model: (e) => bind(e, 'r1', e.heap.newWeakref(get(e, 'a'))) },
  { python: 'r2 = weakref.ref(a)', model: (e) => bind(e, 'r2', e.heap.newWeakref(get(e, 'a'))) },
  {
    python: 'r3 = weakref.ref(b, C)',
    model: (e) => bind(e, 'r3', e.heap.newWeakref(get(e, 'b'), e.classes.C)),
  },
  { python: 'rw = weakref.ref(w)', model: (e) => bind(e, 'rw', e.heap.newWeakref(get(e, 'w'))) },
  {
    python: 'w = None',
    model: (e) => {
      bind(e, 'w', e.heap.newNone());
      expect(e.heap.weakrefTarget(get(e, 'rw'))).toBe(0);
    },
  },
  {
    // outer(): the cell (made as the frame starts), x's list, the closure tuple, inner.
    python: 'f = outer(); fc = f.__closure__[0]',
    model: (e) => {
      const { heap } = e;
      const cell = heap.newCell();
      const one = heap.newInt(1);
      const x = heap.newList([one]);
      heap.decref(one);
      heap.cellSet(cell, x);
      heap.decref(x);
      const closure = heap.newTuple([cell]);
      bind(e, 'f', heap.newFunction({ closure }));
      heap.decref(closure);
      bind(e, 'fc', cell);
    },
  },
  {
    python: 'rf = weakref.ref(f)',
    model: (e) => bind(e, 'rf', e.heap.newWeakref(get(e, 'f'))),
  },
  { python: 'rg = range(10)', model: (e) => bind(e, 'rg', e.heap.newRange(0, 10)) },
  { python: 'ri = iter(rg)', model: (e) => bind(e, 'ri', e.heap.newIterator(get(e, 'rg'))) },
  { python: 'li = iter(cs)', model: (e) => bind(e, 'li', e.heap.newIterator(get(e, 'cs'))) },
  {
    python: 'ti = iter(f.__closure__)',
    model: (e) => bind(e, 'ti', e.heap.newIterator(e.heap.referents(get(e, 'f'))[0]!)),
  },
  {
    python: 'dk = {}; di = iter(dk)',
    model: (e) => {
      bind(e, 'dk', e.heap.newDict());
      bind(e, 'di', e.heap.newIterator(get(e, 'dk')));
    },
  },
  { python: 'm = k.meth', model: (e) => bind(e, 'm', e.heap.newBoundMethod(e.meth, get(e, 'k'))) },
  {
    python: 'md = d.__dict__',
    model: (e) => bind(e, 'md', e.heap.instanceDict(get(e, 'd'))),
    minors: (minor) => minor >= 11,
  },
  {
    python: 'd.y2 = 7',
    model: (e) => {
      const seven = e.heap.newInt(7);
      e.heap.setAttr(get(e, 'd'), 'y2', seven);
      e.heap.decref(seven);
    },
    minors: (minor) => minor >= 11,
  },
  {
    python: 'd.y3 = cs; del d.y2',
    model: (e) => {
      e.heap.setAttr(get(e, 'd'), 'y3', get(e, 'cs'));
      e.heap.delAttr(get(e, 'd'), 'y2');
    },
    minors: (minor) => minor >= 11,
  },
  {
    python: 'd = None',
    model: (e) => bind(e, 'd', e.heap.newNone()),
    minors: (minor) => minor >= 11,
  },
  {
    python: 'nx = next(li); n3 = next(ri)',
    model: (e) => {
      bind(e, 'nx', e.heap.iteratorNext(get(e, 'li')));
      bind(e, 'n3', e.heap.iteratorNext(get(e, 'ri')));
    },
  },
  ...SPLIT_STEPS,
];
const SPLIT_NAMES = [
  ...['e1', 'e2', 'e3', 'f1', 'f2', 'f3', 'g1', 'g2', 'g3', 'h1', 'h2', 'j1', 'j2'],
  ...['ed1', 'ed2', 'ed3', 'fd1', 'fd2', 'fd3', 'gd2', 'hd1', 'hd2', 'jd1', 'jd2'],
];
const REPORT = [
  ...['a', 'b', 's', 'd', 'dd', 'cs', 'r1', 'r3', 'rw', 'f', 'fc', 'rf'],
  ...['rg', 'ri', 'li', 'ti', 'di', 'dk', 'nx', 'm', 'k', 'md'],
  ...SPLIT_NAMES,
];
const NAMES = [
  ...SPLIT_NAMES,
  ...['a', 'b', 's', 'w', 'd', 'dd', 'cs', '_', 'r1', 'r2', 'r3', 'rw', 'f', 'fc', 'rf'],
  ...['rg', 'ri', 'li', 'ti', 'di', 'dk', 'nx', 'n3', 'm', 'md'],
];

interface Measured {
  readonly live: number[][];
  readonly objects: Record<string, { size: number; tracked: boolean; refs: number }>;
}

/** Runs the steps on the model: live request sizes per step at the end, and per name. */
function runModel(profile: ProfileName, steps: readonly Step[]): Measured {
  const heap = new Heap({ profile });
  const classes = {
    C: heap.newClass('C'),
    S: heap.newClass('S', { slots: ['a', 'b'] }),
    W: heap.newClass('W', { slots: ['a', '__weakref__'] }),
    D: heap.newClass('D', { finalizer: true }),
    E: heap.newClass('E'),
    F: heap.newClass('F'),
    G: heap.newClass('G'),
    H: heap.newClass('H'),
    J: heap.newClass('J'),
  };
  // The probe's free-list fill: 200 dicts, 200 lists, 3,000 1-tuples made and dropped.
  const fill = [...Array(200)].map(() => heap.newDict());
  for (const d of fill) heap.decref(d);
  const lists = [...Array(200)].map(() => heap.newList());
  for (const l of lists) heap.decref(l);
  const tuples = [...Array(3000)].map((_, i) => {
    const item = heap.newInt(i);
    const t = heap.newTuple([item]);
    heap.decref(item);
    return t;
  });
  for (const t of tuples) heap.decref(t);
  const constants = { int1000: heap.newInt(1000), float2000: heap.newFloat(2000.5) };
  const meth = heap.newFunction();
  const env: Env = { heap, names: new Map(), classes, constants, meth };
  bind(env, 'k', heap.newInstance(heap.newClass('K')));
  const methods = [...Array(300)].map(() => heap.newBoundMethod(meth, get(env, 'k')));
  for (const m of methods) heap.decref(m);
  // The probe's drain: 100 one-key dicts kept alive (dict and keys free lists emptied).
  const zero = heap.newInt(0);
  for (let i = 0; i < 100; i++) heap.dictSetItem(heap.newDict(), zero, zero);
  heap.decref(zero);
  const owner = new Map<number, { step: number; size: number }>();
  let current = -1;
  heap.hook = (event) => {
    if (event.type !== 'memory-call') return;
    if (event.call === 'free') owner.delete(event.address);
    else {
      if (event.previous !== 0) owner.delete(event.previous);
      owner.set(event.address, { step: current, size: event.nbytes });
    }
  };
  steps.forEach((step, i) => {
    current = i;
    step.model(env);
    validateHeap(heap);
  });
  const live: number[][] = steps.map(() => []);
  for (const { step, size } of owner.values()) live[step]!.push(size);
  const objects: Measured['objects'] = {};
  for (const name of REPORT) {
    const o = env.names.get(name);
    if (o === undefined || o === heap.none) continue; // never bound, or set to None
    objects[name] = { size: heap.sizeof(o), tracked: heap.isTracked(o), refs: heap.getrefcount(o) };
  }
  return { live: live.map((sizes) => sizes.sort((x, y) => x - y)), objects };
}

describe('classes and instances, live', () => {
  for (const profile of RECORDED_PROFILE_NAMES) {
    it(`allocates, sizes and counts as CPython ${profile} does`, () => {
      const interpreter = liveInterpreterFor(profile, 'instances');
      if (!interpreter) return;
      const minor = Number(profile.split('.')[1]);
      const steps = STEPS.filter((step) => step.minors?.(minor) ?? true);
      const measured = runProbe<Measured>(interpreter.path, PROBE, {
        args: [JSON.stringify({ steps: steps.map((s) => s.python), names: NAMES, report: REPORT })],
      });
      const model = runModel(profile, steps);
      expect(model.live.map((sizes, i) => [steps[i]!.python, ...sizes])).toEqual(
        measured.live.map((sizes, i) => [steps[i]!.python, ...sizes]),
      );
      expect(model.objects).toEqual(measured.objects);
    });
  }
});

describe('instances, which objects exist', () => {
  it('has a separate __dict__ per instance on 3.8–3.10 and none on 3.11+', () => {
    for (const profile of ['3.10', '3.11', '3.13'] as const) {
      const heap = new Heap({ profile });
      const C = heap.newClass('C');
      const a = heap.newInstance(C);
      const b = heap.newInstance(C);
      heap.setAttr(a, 'other', b);
      heap.setAttr(b, 'other', a);
      const dicts = [heap.dictOf(a), heap.dictOf(b)].filter((d) => d !== 0);
      expect(dicts.length).toBe(profile === '3.10' ? 2 : 0);
      validateHeap(heap);
    }
  });
});
