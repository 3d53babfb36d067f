/**
 * The generator/frame steps run by scripts/generators_probe.py on CPython and by
 * `runGeneratorSteps` on the model, and the fixture of what CPython measured
 * (tests/fixtures/objects/generators.json, recorded by record-generators-fixture.ts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type CodeObject, Heap, type ObjectHandle, validateHeap } from '@pymem/objects';
import type { ProfileName } from '@pymem/versions';

/** What the probe prints (and the fixture keeps per interpreter). */
export interface GeneratorsMeasured {
  readonly version: string;
  readonly pointer: 4 | 8;
  /** Per step: request sizes of its blocks still alive at the end. */
  readonly live: number[][];
  /** Per step: its code's co_stacksize. */
  readonly stacks: number[];
  /** Per reported name: sys.getsizeof, gc.is_tracked, sys.getrefcount − 1. */
  readonly objects: Record<string, { size: number; tracked: boolean; refs: number }>;
  /** Per function: co_nlocals, cells, frees, co_stacksize, co_flags. */
  readonly shapes: Record<string, [number, number, number, number, number]>;
}

export interface Env {
  readonly heap: Heap;
  readonly names: Map<string, ObjectHandle>;
  readonly codes: Record<string, CodeObject>;
}

const get = (env: Env, name: string): ObjectHandle => env.names.get(name)!;
const bind = (env: Env, name: string, o: ObjectHandle): void => {
  const old = env.names.get(name);
  env.names.set(name, o);
  if (old !== undefined) env.heap.decref(old);
};
const unbind = (env: Env, name: string): void => {
  const old = env.names.get(name)!;
  env.names.delete(name);
  env.heap.decref(old);
};
const call = (env: Env, name: string, args: readonly string[]): ObjectHandle =>
  env.heap.callGenerator(
    env.codes[name]!,
    args.map((a) => get(env, a)),
  );
const getf = (env: Env): ObjectHandle => {
  env.heap.callFunction(env.codes.getf!, [get(env, 'x')]);
  const f = env.heap.getFrame();
  env.heap.returnFromFunction();
  return f;
};

/** Calls `name`, which raises ValueError(x) (after `depth` nested calls) and catches it. */
const raiseAndCatch = (env: Env, names: readonly string[], keep: boolean): ObjectHandle => {
  const { heap } = env;
  for (const name of names) heap.callFunction(env.codes[name]!, [get(env, 'x')]);
  heap.raiseException(heap.newException([get(env, 'x')]));
  for (let i = 1; i < names.length; i++) heap.unwindException();
  const e = heap.catchException();
  // `keep = err` (the last local); the caught reference becomes the return value.
  if (keep) heap.storeFast(env.codes[names[0]!]!.nlocals - 1, e);
  heap.endExcept();
  heap.returnFromFunction();
  return e;
};

/** The steps: Python source and the same operation on the model. */
export const GENERATOR_STEPS: readonly {
  python: string;
  model: (env: Env) => void;
  /** Closes a live generator (GeneratorExit's transient objects are not modelled). */
  closes?: true;
}[] = [
  { python: 'a = g1(x, x)', model: (e) => bind(e, 'a', call(e, 'g1', ['x', 'x'])) },
  {
    python: 'n = next(a)',
    model: (e) => bind(e, 'n', e.heap.generatorNext(get(e, 'a'), get(e, 'x'))),
  },
  { python: 'fa = a.gi_frame', model: (e) => bind(e, 'fa', e.heap.generatorFrame(get(e, 'a'))) },
  {
    python: 'for _ in a: pass',
    model: (e) => {
      bind(e, '_', e.heap.generatorNext(get(e, 'a'), get(e, 'x')));
      e.heap.generatorNext(get(e, 'a'), 0);
    },
  },
  { python: 'del fa', model: (e) => unbind(e, 'fa') },
  { python: 'b = g1(x, x)', model: (e) => bind(e, 'b', call(e, 'g1', ['x', 'x'])) },
  { python: 'c = g1(x, x)', model: (e) => bind(e, 'c', call(e, 'g1', ['x', 'x'])) },
  { closes: true, python: 'del b', model: (e) => unbind(e, 'b') },
  {
    python: 'd = big(x, x, x, x, x, x, x, x)',
    model: (e) => bind(e, 'd', call(e, 'big', Array(8).fill('x'))),
  },
  {
    python: 'n = next(d)',
    model: (e) => bind(e, 'n', e.heap.generatorNext(get(e, 'd'), get(e, 'x'))),
  },
  { closes: true, python: 'del d', model: (e) => unbind(e, 'd') },
  { python: 'e = gcell(x)', model: (e) => bind(e, 'e', call(e, 'gcell', ['x'])) },
  { closes: true, python: 'del e', model: (e) => unbind(e, 'e') },
  { python: 'k = co(x)', model: (e) => bind(e, 'k', call(e, 'co', ['x'])) },
  { closes: true, python: 'k.close()', model: (e) => e.heap.generatorClose(get(e, 'k')) },
  { python: 'f = getf(x)', model: (e) => bind(e, 'f', getf(e)) },
  { python: 'f2 = getf(x)', model: (e) => bind(e, 'f2', getf(e)) },
  { python: 'del f', model: (e) => unbind(e, 'f') },
  { python: 'fc = c.gi_frame', model: (e) => bind(e, 'fc', e.heap.generatorFrame(get(e, 'c'))) },
  { python: 'e1 = mk(x)', model: (e) => bind(e, 'e1', raiseAndCatch(e, ['mk'], false)) },
  { python: 'e2 = cyc(x)', model: (e) => bind(e, 'e2', raiseAndCatch(e, ['cyc'], true)) },
  { python: 'del e2', model: (e) => unbind(e, 'e2') },
  {
    python: 'e3 = outer(x)',
    model: (e) => bind(e, 'e3', raiseAndCatch(e, ['outer', 'inner'], false)),
  },
  {
    // Raised and caught at module level: the traceback holds the module's own frame.
    python: 'try:\n    raise ValueError(x)\nexcept ValueError as err:\n    pass',
    model: (e) => {
      e.heap.raiseException(e.heap.newException([get(e, 'x')]));
      bind(e, 'err', e.heap.catchException());
      // 3.8 deletes `err` before POP_EXCEPT, 3.9+ after.
      if (e.heap.layout.minor < 9) unbind(e, 'err');
      e.heap.endExcept();
      if (e.heap.layout.minor >= 9) unbind(e, 'err');
    },
  },
  {
    // KeyError raised while chain's `except ValueError:` runs: its __context__.
    python: 'try:\n    chain(x)\nexcept KeyError as err:\n    e4 = err',
    model: (e) => {
      const { heap } = e;
      heap.callFunction(e.codes.chain!, [get(e, 'x')]);
      heap.raiseException(heap.newException([get(e, 'x')]));
      heap.decref(heap.catchException());
      heap.raiseException(heap.newException([get(e, 'x')]));
      heap.endExcept();
      heap.unwindException();
      bind(e, 'err', heap.catchException());
      heap.incref(get(e, 'err'));
      bind(e, 'e4', get(e, 'err'));
      if (heap.layout.minor < 9) unbind(e, 'err');
      heap.endExcept();
      if (heap.layout.minor >= 9) unbind(e, 'err');
    },
  },
  {
    python: 'v = e4.__context__',
    model: (e) => bind(e, 'v', e.heap.exceptionContext(get(e, 'e4'))),
  },
  {
    python: 'try:\n    raise KeyError(x) from e4\nexcept KeyError as err:\n    e5 = err',
    model: (e) => {
      const { heap } = e;
      heap.raiseException(heap.newException([get(e, 'x')]), get(e, 'e4'));
      bind(e, 'err', heap.catchException());
      heap.incref(get(e, 'err'));
      bind(e, 'e5', get(e, 'err'));
      if (heap.layout.minor < 9) unbind(e, 'err');
      heap.endExcept();
      if (heap.layout.minor >= 9) unbind(e, 'err');
    },
  },
  { python: 'g6 = gerr(x)', model: (e) => bind(e, 'g6', call(e, 'gerr', ['x'])) },
  {
    python: 'n = next(g6)',
    model: (e) => bind(e, 'n', e.heap.generatorNext(get(e, 'g6'), get(e, 'x'))),
  },
  {
    // The body raises: tracebacks for the generator's frame and the module's.
    python: 'try:\n    next(g6)\nexcept ValueError as err:\n    e6 = err',
    model: (e) => {
      const { heap } = e;
      heap.generatorRaise(get(e, 'g6'), heap.newException([get(e, 'x')]));
      bind(e, 'err', heap.catchException());
      heap.incref(get(e, 'err'));
      bind(e, 'e6', get(e, 'err'));
      if (heap.layout.minor < 9) unbind(e, 'err');
      heap.endExcept();
      if (heap.layout.minor >= 9) unbind(e, 'err');
    },
  },
  {
    python: 'tb = e3.__traceback__',
    model: (e) => bind(e, 'tb', e.heap.exceptionTraceback(get(e, 'e3'))),
  },
];

/** Names the steps bind (defined beforehand, so the namespace never resizes). */
export const GENERATOR_NAMES: readonly string[] = [
  ...['a', 'b', 'c', 'd', 'e', 'n', 'fa', 'k', 'f', 'f2', 'fc', '_'],
  ...['e1', 'e2', 'e3', 'tb', 'err', 'e4', 'v', 'e5', 'g6', 'e6'],
];
/** Names whose objects are reported. */
export const GENERATOR_REPORT: readonly string[] = [
  ...['x', 'a', 'c', 'n', 'k', 'f2', 'fc', '_'],
  ...['e1', 'e3', 'tb', 'e4', 'v', 'e5', 'g6', 'e6'],
];

/** The probe's spec. */
export function generatorSpec(): { steps: string[]; names: string[]; report: string[] } {
  return {
    steps: GENERATOR_STEPS.map((s) => s.python),
    names: [...GENERATOR_NAMES],
    report: [...GENERATOR_REPORT],
  };
}

/** Runs the steps on a fresh model with the shapes and step stack sizes CPython reported. */
export function runGeneratorSteps(
  profile: ProfileName,
  truth: GeneratorsMeasured,
): Pick<GeneratorsMeasured, 'live' | 'objects'> {
  const heap = new Heap({ profile, pointerSize: truth.pointer });
  const codes = Object.fromEntries(
    Object.entries(truth.shapes).map(([name, [nlocals, ncells, nfrees, stacksize, flags]]) => [
      name,
      heap.newCode({ nlocals, ncells, nfrees, stacksize, flags }),
    ]),
  );
  const env: Env = { heap, names: new Map(), codes };
  // The probe's list and 1-tuple free list fill, `x = [1]`, and fill(400): 401 nested calls.
  const lists = [...Array(200)].map(() => heap.newList());
  const tuples = [...Array(3000)].map((_, i) => {
    const item = heap.newInt(i);
    const t = heap.newTuple([item]);
    heap.decref(item);
    return t;
  });
  for (const o of [...lists, ...tuples]) heap.decref(o);
  const one = heap.newInt(1);
  bind(env, 'x', heap.newList([one]));
  heap.decref(one);
  for (let i = 0; i <= 400; i++) heap.callFunction(codes.fill!, [heap.none]);
  for (let i = 0; i <= 400; i++) heap.returnFromFunction();
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
  GENERATOR_STEPS.forEach((step, i) => {
    // Each step runs in its own module-level frame (a new code object each time).
    const code = heap.newCode({
      nlocals: 0,
      ncells: 0,
      nfrees: 0,
      stacksize: truth.stacks[i]!,
      flags: 0,
    });
    heap.callFunction(code);
    current = i;
    step.model(env);
    current = -1;
    heap.returnFromFunction();
    validateHeap(heap);
  });
  const live: number[][] = GENERATOR_STEPS.map(() => []);
  for (const { step, size } of owner.values()) if (step >= 0) live[step]!.push(size);
  const objects: GeneratorsMeasured['objects'] = {};
  for (const name of GENERATOR_REPORT) {
    const o = env.names.get(name);
    if (o === undefined || o === heap.none) continue;
    objects[name] = { size: heap.sizeof(o), tracked: heap.isTracked(o), refs: heap.getrefcount(o) };
  }
  return { live: live.map((sizes) => sizes.sort((p, q) => p - q)), objects };
}

/** Where the fixture lives. */
export const GENERATORS_FIXTURE: string = join(
  import.meta.dirname,
  '..',
  'fixtures',
  'objects',
  'generators.json',
);
/** The probe script. */
export const GENERATORS_PROBE: string = join(import.meta.dirname, 'generators_probe.py');

/** Reads the committed fixture: per interpreter version, what it measured. */
export function readGeneratorsFixture(): Record<string, GeneratorsMeasured> {
  return JSON.parse(readFileSync(GENERATORS_FIXTURE, 'utf8')) as Record<string, GeneratorsMeasured>;
}
