/**
 * The builtins `map(f, xs, …)` and `filter(f, xs)` / `filter(None, xs)` in `pymem run`,
 * with `f` a function or lambda of the program:
 *
 *   map(f, a, …)       3.8/3.9 type_call: the arguments tuple (f, a, …) first, released
 *                      after the object is made; 3.10+ map_vectorcall: none. Then a tuple
 *                      of iter(a), … and the 48-byte map object holding it and f
 *   filter(f, a)       the same call; then iter(a) and the 48-byte filter object
 *   next(map)          map_next: one item from each iterator in argument order (held in
 *                      a stack array while f runs — the frame takes its own references),
 *                      f's result returned; the items released first to last. An
 *                      exhausted iterator ends the map (the items taken so far released)
 *   next(filter)       filter_next: an item, then f(item) (or the item itself for None)
 *                      tested for truth and released; a true item is returned, a false
 *                      one released and the next taken
 *
 * A C caller's call of a Python function (_PyFunction_Vectorcall): 3.8–3.10 the frame
 * increfs the arguments it copies; 3.11+ _PyEval_Vector increfs them and the function
 * (f_funcobj), released as the frame is cleared. Either way the caller's references
 * stay with the caller until the call returns.
 * Invariant: a step leaves no reference behind but the one it returns.
 * A generator argument is its own iterator (PyObject_GetIter), resumed by each step.
 * A builtin as the function (`map(str, xs)`) runs as it does called by name
 * (builtin-values.ts). Refused: a function that is neither the program's nor a builtin,
 * arguments that are not lists, tuples, ranges, dicts, dict views, generators or the
 * heap's own iterators (instances, strs), and the truth value of an instance.
 * Models map_new/map_vectorcall/map_next and filter_new/filter_vectorcall/filter_next
 * (Python/bltinmodule.c), 3.8–3.14 (measured: sizes, ids, refcounts — programs mf_*).
 */
import {
  accumulateBinop,
  accumulateNext,
  type Heap,
  type ObjectHandle,
  starmapNext,
  takewhileNext,
} from '@pymem/objects';
import { callBuiltinValue, isBuiltinValue } from './builtin-values.ts';
import { runFunction } from './class-calls.ts';
import { Unsupported } from './errors.ts';
import { iteratorNext } from './generator-runs.ts';
import type { Machine } from './machine.ts';
import { partialCall } from './module-functools.ts';
import { getterCall } from './module-operator.ts';
import { binaryOp } from './operations.ts';
import { truthy } from './values.ts';

type Builtin = (m: Machine, args: readonly ObjectHandle[]) => ObjectHandle;

/** Types whose iterator the heap makes or that are the heap's own iterators. */
const ITERABLES: ReadonlySet<string> = new Set([
  'list',
  'str',
  'tuple',
  'range',
  'dict',
  'dict_keys',
  'dict_values',
  'dict_items',
  'enumerate',
  'zip',
  'list_reverseiterator',
  'reversed',
  'map',
  'filter',
  'generator',
]);

/** An argument map/filter may iterate, else refused. */
function iterable(heap: Heap, o: ObjectHandle, name: string): ObjectHandle {
  if (!ITERABLES.has(heap.typeOf(o))) throw new Unsupported(`${name}() of a ${heap.typeNameOf(o)}`);
  return o;
}

/**
 * The function argument: a function of the program, a builtin, a functools.partial (or
 * None for filter), else refused.
 */
export function callable(m: Machine, f: ObjectHandle, name: string): ObjectHandle {
  const heap = m.heap;
  if (name === 'filter' && heap.typeOf(f) === 'NoneType') return f;
  const t = heap.typeOf(f);
  if (isBuiltinValue(m, f) || t === 'partial' || t === 'itemgetter' || t === 'attrgetter') return f;
  if (heap.typeOf(f) !== 'function' || !m.functions.has(f))
    throw new Unsupported(`${name}() with a ${heap.typeNameOf(f)} as its function`);
  return f;
}

/**
 * `f(*items)` from C (items borrowed): the frame's own references, 3.11+ also the
 * function's (f_funcobj). A new reference.
 */
function callFromC(m: Machine, f: ObjectHandle, items: readonly ObjectHandle[]): ObjectHandle {
  const heap = m.heap;
  if (isBuiltinValue(m, f)) return callBuiltinValue(m, f, items);
  // A partial from C: as its call in the program (partial_call / partial_vectorcall).
  if (heap.typeOf(f) === 'partial') return partialCall(m, f, items);
  // An operator getter from C: its own call (itemgetter_call / _vectorcall).
  if (heap.typeOf(f) === 'itemgetter' || heap.typeOf(f) === 'attrgetter')
    return getterCall(m, f, items);
  const holdsFunction = m.rules.callFrameTakesArguments;
  if (holdsFunction) heap.incref(f);
  try {
    for (const v of items) heap.incref(v);
    return runFunction(m, f, [...items]);
  } finally {
    if (holdsFunction) heap.decref(f);
  }
}

/** map_next: a new reference, or 0 once an iterator is exhausted. */
function mapNext(m: Machine, o: ObjectHandle): ObjectHandle {
  const heap = m.heap;
  const [iterators, f] = heap.referents(o) as [ObjectHandle, ObjectHandle];
  const items: ObjectHandle[] = [];
  try {
    for (const it of heap.referents(iterators)) {
      const v = iteratorNext(m, it);
      if (v === 0) return 0;
      items.push(v);
    }
    return callFromC(m, f, items);
  } finally {
    for (const v of items) heap.decref(v);
  }
}

/** filter_next: a new reference to the next true item, or 0 when exhausted. */
function filterNext(m: Machine, o: ObjectHandle): ObjectHandle {
  const heap = m.heap;
  const [f, it] = heap.referents(o) as [ObjectHandle, ObjectHandle];
  const checkTrue = heap.typeOf(f) === 'NoneType';
  for (;;) {
    const item = iteratorNext(m, it);
    if (item === 0) return 0;
    let ok: boolean;
    try {
      if (checkTrue) ok = truthy(heap, item);
      else {
        const good = callFromC(m, f, [item]);
        try {
          ok = truthy(heap, good);
        } finally {
          heap.decref(good);
        }
      }
    } catch (error) {
      heap.decref(item);
      throw error;
    }
    if (ok) return item;
    heap.decref(item);
  }
}

/**
 * Installs the step of the iterators that call Python code (their tp_iternext) on the
 * machine's heap: map, filter, itertools.accumulate, starmap and takewhile, and
 * generators stepped by C code (islice, chain).
 */
export function installStep(m: Machine): void {
  m.heap.callingIterNext ??= (it) => {
    const t = m.heap.typeOf(it);
    // A generator stepped from C (islice, chain): gen_iternext, its return value dropped.
    if (t === 'generator') return iteratorNext(m, it);
    if (t === 'accumulate') return accumulateStep(m, it);
    if (t === 'takewhile')
      return takewhileNext(
        m.heap,
        it,
        (inner) => iteratorNext(m, inner),
        (f, item) => {
          const good = callFromC(m, f, [item]);
          try {
            return truthy(m.heap, good);
          } finally {
            m.heap.decref(good);
          }
        },
      );
    if (t === 'starmap')
      return starmapNext(
        m.heap,
        it,
        (inner) => iteratorNext(m, inner),
        (f, args) => callFromC(m, f, m.heap.referents(args)),
      );
    return t === 'map' ? mapNext(m, it) : filterNext(m, it);
  };
}

/**
 * accumulate_next's combining (itertools-accumulate.ts): PyNumber_Add of the total and
 * the item, or PyObject_CallFunctionObjArgs of the function (a call from C).
 */
function accumulateStep(m: Machine, o: ObjectHandle): ObjectHandle {
  const heap = m.heap;
  const binop = accumulateBinop(heap, o);
  return accumulateNext(
    heap,
    o,
    (it) => iteratorNext(m, it),
    (total, item) =>
      binop === 0 ? binaryOp(heap, '+', total, item) : callFromC(m, binop, [total, item]),
  );
}

/** 3.8/3.9's type_call: the arguments tuple lives while `make` runs. */
function viaTypeCall(m: Machine, args: readonly ObjectHandle[], make: () => ObjectHandle) {
  if (m.rules.mapFilterVectorcall) return make();
  const tuple = m.heap.newTuple(args);
  try {
    return make();
  } finally {
    m.heap.decref(tuple);
  }
}

/** `map` and `filter`, by name. */
export const MAP_FILTER_BUILTINS: Readonly<Record<string, Builtin>> = {
  map(m, args) {
    if (args.length < 2) throw new Unsupported(`map() with ${args.length} arguments`);
    const f = callable(m, args[0]!, 'map');
    const sources = args.slice(1).map((a) => iterable(m.heap, a, 'map'));
    installStep(m);
    return viaTypeCall(m, args, () => m.heap.newMap(f, sources));
  },
  filter(m, args) {
    if (args.length !== 2) throw new Unsupported(`filter() with ${args.length} arguments`);
    const f = callable(m, args[0]!, 'filter');
    const source = iterable(m.heap, args[1]!, 'filter');
    installStep(m);
    return viaTypeCall(m, args, () => m.heap.newFilter(f, source));
  },
};
