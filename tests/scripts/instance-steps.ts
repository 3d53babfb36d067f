/**
 * The classes-and-instances scenarios, as Python source for
 * instances_objects_probe.py and as the same operations on a {@link Heap}: hand-written
 * steps (instances, slots, weakrefs, closures, iterators, bound methods, 3.8–3.10
 * split dicts turning combined) and a generated matrix of attribute stores, deletes
 * and rebinds over three classes. Used by tests/objects-instances.test.ts and by
 * record-instances-fixture.ts.
 */
import { Heap, HeapError, type ObjectHandle, type PointerSize, validateHeap } from '@pymem/objects';
import type { ProfileName } from '@pymem/versions';

/** The probe script. */
export const INSTANCES_PROBE: string = new URL('./instances_objects_probe.py', import.meta.url)
  .pathname;

/** The classes the probe defines before tracing. */
type ClassName = 'C' | 'S' | 'W' | 'D' | 'E' | 'F' | 'G' | 'H' | 'J' | MatrixClass;

/** What a step's model side works on: the heap, the probe's names and its pre-existing objects. */
export interface Env {
  /** The model. */
  readonly heap: Heap;
  /** The namespace: name → the object it holds (one external reference each). */
  readonly names: Map<string, ObjectHandle>;
  /** The classes, made before tracing. */
  readonly classes: Record<ClassName, ObjectHandle>;
  /** Code constants (made when the steps were compiled, before tracing). */
  readonly constants: { readonly int1000: ObjectHandle; readonly float2000: ObjectHandle };
  /** `K.meth`, the function a bound method of `k` wraps. */
  readonly meth: ObjectHandle;
}

/** One step: Python source the probe runs, and the same operations on the model. */
export interface Step {
  /** The statement(s), compiled as one code object. */
  readonly python: string;
  /** The model's operations. */
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
      let missing = false;
      try {
        e.heap.delAttr(get(e, 'j1'), 'zz');
      } catch (error) {
        missing = error instanceof HeapError && error.code === 'index';
      }
      if (!missing) throw new Error('del j1.zz did not fail with AttributeError');
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

/** `name = sys.intern(<a new str with the text>)`. */
const internNew = (e: Env, name: string, text: string): void => {
  const s = e.heap.newStr(text);
  bind(e, name, e.heap.intern(s));
  e.heap.decref(s);
};

/**
 * String interning: sys.intern of new strs (the first joins the table, an equal one
 * gets the interned object and is freed), a name the interpreter interned at start-up
 * ('append'), the interned str dying with its last reference (3.8–3.11, 3.13) or
 * staying immortal (3.12), and interning a str whose text was interned before.
 */
export const INTERN_STEPS: readonly Step[] = [
  {
    python: "i1 = sys.intern(''.join(('pym', 'em_i1')))",
    model: (e) => internNew(e, 'i1', 'pymem_i1'),
  },
  {
    python: "i2 = sys.intern(''.join(('pym', 'em_i1')))",
    model: (e) => internNew(e, 'i2', 'pymem_i1'),
  },
  {
    python: "n1 = ''.join(('pym', 'em_i1'))",
    model: (e) => bind(e, 'n1', e.heap.newStr('pymem_i1')),
  },
  {
    python: "i4 = sys.intern(''.join(('ap', 'pend')))",
    model: (e) => internNew(e, 'i4', 'append'),
  },
  {
    python: 'i1 = None; i2 = None',
    model: (e) => {
      bind(e, 'i1', e.heap.newNone());
      bind(e, 'i2', e.heap.newNone());
    },
  },
  { python: 'i3 = sys.intern(n1)', model: (e) => bind(e, 'i3', e.heap.intern(get(e, 'n1'))) },
  {
    python: "i5 = sys.intern(''.join(('pym', 'em_i5'))); i6 = i5; n5 = ''.join(('pym', 'em_i5'))",
    model: (e) => {
      internNew(e, 'i5', 'pymem_i5');
      e.heap.incref(get(e, 'i5'));
      bind(e, 'i6', get(e, 'i5'));
      bind(e, 'n5', e.heap.newStr('pymem_i5'));
    },
  },
  {
    // A statically allocated str (3.12+: immortal, also on 3.13, whose sys.intern is mortal).
    python: "i8 = sys.intern(''.join(('ap', 'pend')))",
    model: (e) => internNew(e, 'i8', 'append'),
    minors: (minor) => minor >= 12,
  },
  {
    python: 'i7 = sys.intern(n5); n5 = None',
    model: (e) => {
      bind(e, 'i7', e.heap.intern(get(e, 'n5')));
      bind(e, 'n5', e.heap.newNone());
    },
  },
];
const INTERN_NAMES = ['i1', 'i2', 'i3', 'i4', 'i5', 'i6', 'i7', 'i8', 'n1', 'n5'];

/** The hand-written steps, in order. */
export const STEPS: readonly Step[] = [
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
      if (e.heap.weakrefTarget(get(e, 'rw')) !== 0) throw new Error('rw outlived w');
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
  ...INTERN_STEPS,
];
/**
 * The generated matrix: over classes P, Q and R (five names each: p0 … r4), random
 * steps — make an instance (a third of them given six attributes at once), store a
 * small int or another instance under one of seven
 * attribute names, delete a present attribute, drop a name — and on 3.8–3.10 a last
 * step reading every bound instance's `__dict__` (dp0 …). Seven names overflow a
 * 3.8–3.10 class's first keys table; deletes and out-of-order stores make dicts
 * combined. At most 18 instances per class keep 3.11+ within the shared keys' room.
 */
type MatrixClass = 'P' | 'Q' | 'R';
const MATRIX_CLASSES: readonly MatrixClass[] = ['P', 'Q', 'R'];
const MATRIX_ATTRIBUTES = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
const MATRIX_INSTANCE_NAMES = MATRIX_CLASSES.flatMap((c) =>
  [0, 1, 2, 3, 4].map((i) => `${c.toLowerCase()}${i}`),
);
const MATRIX_NAMES = [...MATRIX_INSTANCE_NAMES, ...MATRIX_INSTANCE_NAMES.map((n) => `d${n}`)];
const MAX_INSTANCES_PER_CLASS = 18;

/** A 31-bit linear congruential generator: the same matrix on every run. */
function lcg(seed: number): () => number {
  let x = seed & 0x7fffffff;
  return () => {
    x = (Math.imul(x, 1103515245) + 12345) & 0x7fffffff;
    return x / 0x80000000;
  };
}

/** `count` generated steps from `seed` (see MATRIX_NAMES), plus the 3.8–3.10 `__dict__` step. */
export function matrixSteps(seed: number, count: number): Step[] {
  const rand = lcg(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const present = new Map<string, Set<string>>();
  const made = new Map<MatrixClass, number>();
  const steps: Step[] = [];
  while (steps.length < count) {
    const cls = pick(MATRIX_CLASSES);
    const name = `${cls.toLowerCase()}${Math.floor(rand() * 5)}`;
    const attributes = present.get(name);
    const r = rand();
    if (attributes === undefined || r < 0.15) {
      if ((made.get(cls) ?? 0) >= MAX_INSTANCES_PER_CLASS) continue;
      made.set(cls, (made.get(cls) ?? 0) + 1);
      // A third of the new instances get six attributes at once, in order (as an
      // __init__ would): past the first keys table's room.
      const filled = rand() < 0.3 ? MATRIX_ATTRIBUTES.slice(0, 6) : [];
      present.set(name, new Set(filled));
      steps.push({
        python: [`${name} = ${cls}()`, ...filled.map((a, i) => `${name}.${a} = ${i + 1}`)].join(
          '; ',
        ),
        model: (e) => {
          bind(e, name, e.heap.newInstance(e.classes[cls]));
          setInts(e, name, filled);
        },
      });
    } else if (r < 0.7) {
      const attribute = pick(MATRIX_ATTRIBUTES);
      attributes.add(attribute);
      if (rand() < 0.6) {
        const value = Math.floor(rand() * 200); // a cached small int: no allocation
        steps.push({
          python: `${name}.${attribute} = ${value}`,
          model: (e) => {
            const v = e.heap.newInt(value);
            e.heap.setAttr(get(e, name), attribute, v);
            e.heap.decref(v);
          },
        });
      } else {
        const other = pick([...present.keys()]);
        steps.push({
          python: `${name}.${attribute} = ${other}`,
          model: (e) => e.heap.setAttr(get(e, name), attribute, get(e, other)),
        });
      }
    } else if (r < 0.9) {
      if (attributes.size === 0) continue;
      const attribute = pick([...attributes]);
      attributes.delete(attribute);
      steps.push({
        python: `del ${name}.${attribute}`,
        model: (e) => e.heap.delAttr(get(e, name), attribute),
      });
    } else {
      present.delete(name);
      steps.push({ python: `${name} = None`, model: (e) => bind(e, name, e.heap.newNone()) });
    }
  }
  const bound = [...present.keys()].sort();
  steps.push({
    python: bound.map((name) => `d${name} = ${name}.__dict__`).join('; '),
    model: (e) => {
      for (const name of bound) bind(e, `d${name}`, e.heap.instanceDict(get(e, name)));
    },
    minors: before11,
  });
  return steps;
}

const SPLIT_NAMES = [
  ...['e1', 'e2', 'e3', 'f1', 'f2', 'f3', 'g1', 'g2', 'g3', 'h1', 'h2', 'j1', 'j2'],
  ...['ed1', 'ed2', 'ed3', 'fd1', 'fd2', 'fd3', 'gd2', 'hd1', 'hd2', 'jd1', 'jd2'],
];
/** Names whose size, tracking and count are reported at the end. */
export const REPORT: readonly string[] = [
  ...['a', 'b', 's', 'd', 'dd', 'cs', 'r1', 'r3', 'rw', 'f', 'fc', 'rf'],
  ...['rg', 'ri', 'li', 'ti', 'di', 'dk', 'nx', 'm', 'k', 'md'],
  ...SPLIT_NAMES,
  ...MATRIX_NAMES,
  ...['i1', 'i3', 'i5', 'i6', 'i7', 'i8', 'n1'],
];
/** Every name a step binds (made beforehand, so no step resizes the namespace). */
export const NAMES: readonly string[] = [
  ...SPLIT_NAMES,
  ...MATRIX_NAMES,
  ...INTERN_NAMES,
  ...['a', 'b', 's', 'w', 'd', 'dd', 'cs', '_', 'r1', 'r2', 'r3', 'rw', 'f', 'fc', 'rf'],
  ...['rg', 'ri', 'li', 'ti', 'di', 'dk', 'nx', 'n3', 'm', 'md'],
];

/** What the probe prints and {@link runModel} computes. */
export interface Measured {
  /** Per step, the request sizes of its blocks still alive at the end (sorted). */
  readonly live: number[][];
  /** Per reported name: sys.getsizeof, gc.is_tracked, sys.getrefcount. */
  readonly objects: Record<string, { size: number; tracked: boolean; refs: number }>;
}

/** Runs the steps on the model: live request sizes per step at the end, and per name. */
export function runModel(
  profile: ProfileName,
  steps: readonly Step[],
  pointerSize: PointerSize = 8,
): Measured {
  const heap = new Heap({ profile, pointerSize });
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
    P: heap.newClass('P'),
    Q: heap.newClass('Q'),
    R: heap.newClass('R'),
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
  // A name the interpreter interned at start-up (list.append's).
  heap.decref(heap.identifier('append'));
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
    // An object taken from a free list while tracing gets the current traceback
    // (_Py_NewReference → _PyTraceMalloc_NewReference): its block moves to this step.
    if (event.type === 'object-new' && event.reused) {
      const traced = owner.get(event.address);
      if (traced !== undefined) owner.set(event.address, { step: current, size: traced.size });
      return;
    }
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

/** The seed of the generated matrix the tests and fixture use. */
export const MATRIX_SEED = 20_261_203;
/** Generated steps per run (before the 3.8–3.10 `__dict__` step). */
export const MATRIX_STEPS = 300;
