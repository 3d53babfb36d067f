/**
 * `import functools`: `functools.reduce` and `functools.partial`.
 *
 *   reduce(f, xs)        the first item starts the total; each later item is packed
 *                        with the total into one 2-tuple that the loop refills in
 *                        place (the total first, then the item, each releasing what
 *                        the slot held) and `f(*tuple)` becomes the new total
 *   reduce(f, xs, init)  `init` starts the total
 *
 * So the previous total and item stay alive (held by the tuple) until the next item
 * replaces them, and the last pair is released when the tuple dies at the end, item
 * before total (tupledealloc: last slot first); then the iterator. An error in `f`
 * releases the tuple, then the iterator. `f` must be a Python function; its frame
 * takes new references to the two arguments (the tuple keeps its own).
 * 3.8–3.13 reduce is METH_VARARGS: the call packs its arguments into a tuple that
 * lives until reduce returns (measured: getrefcount of `initial` inside `f` is one
 * higher than on 3.14, whose reduce takes them as a fastcall array).
 *   partial(f, *args)    a partial object (the heap's partials.ts) holding f, the
 *                        arguments' tuple and an empty keywords dict; made from the
 *                        call's argument tuple (type_call), dropped afterwards
 *   p(*more)             f(*p.args, *more): f's frame takes new references; 3.8 has no
 *                        vectorcall for partial, so the call packs `more` into a tuple
 *                        first (measured: getrefcount of an argument inside f is one
 *                        higher on 3.8.18 than on 3.9.18–3.13.0)
 *   p.func/args/keywords the fields themselves (member descriptors: new references)
 *
 * Refused: keywords (to partial or to the call), a partial of a partial (partial_new
 * flattens it), a partial of anything but a Python function, setting attributes.
 * Not modelled: the tuple's allocation before the first item (the model makes it at
 * the first call) — only its block's reuse could tell, and ids are refused after a
 * library import. Models functools_reduce, partial_new, partial_call /
 * partial_vectorcall and the partial members (Modules/_functoolsmodule.c), 3.8–3.14;
 * the empty-iterable message by profile rule (reduceEmptySaysIterable).
 */
import type { ObjectHandle } from '@pymem/objects';
import { runFunction } from './class-calls.ts';
import { PythonError, Unsupported } from './errors.ts';
import { getIterator, iteratorNext } from './generator-runs.ts';
import type { Machine } from './machine.ts';
import type { LibraryModule } from './module-math.ts';
import { shared } from './operations.ts';

/** `f(a, b)` for a Python function `f` (all borrowed): a new reference. */
function callTwo(m: Machine, f: ObjectHandle, a: ObjectHandle, b: ObjectHandle): ObjectHandle {
  m.heap.incref(a);
  m.heap.incref(b);
  return runFunction(m, f, [a, b]);
}

/** `functools.reduce(function, iterable[, initial])`: a new reference. */
function reduce(m: Machine, args: readonly ObjectHandle[]): ObjectHandle {
  const heap = m.heap;
  if (args.length < 2 || args.length > 3)
    throw new Unsupported(`functools.reduce() with ${args.length} arguments`);
  const [f, seq, initial] = args as [ObjectHandle, ObjectHandle, ObjectHandle | undefined];
  const code = heap.typeOf(f) === 'function' ? m.functions.get(f) : undefined;
  if (code === undefined || code.makeGenerator !== undefined)
    throw new Unsupported(`functools.reduce() of a ${heap.typeNameOf(f)} other than a function`);
  // cfunction_call of a METH_VARARGS function: the arguments' tuple, dropped after the call.
  const packed = m.rules.reduceTakesArgumentTuple ? heap.newTuple(args) : 0;
  try {
    return reduceItems(m, f, seq, initial);
  } finally {
    if (packed !== 0) heap.decref(packed);
  }
}

/** functools_reduce's loop over `seq` (all borrowed): a new reference. */
function reduceItems(
  m: Machine,
  f: ObjectHandle,
  seq: ObjectHandle,
  initial: ObjectHandle | undefined,
): ObjectHandle {
  const heap = m.heap;
  let result = initial === undefined ? 0 : shared(heap, initial);
  let it = 0;
  let pair = 0;
  try {
    it = getIterator(m, shared(heap, seq));
    for (let item = iteratorNext(m, it); item !== 0; item = iteratorNext(m, it)) {
      if (result === 0) {
        result = item;
        continue;
      }
      if (pair === 0) {
        pair = heap.newTuple([result, item]);
        heap.decref(result);
        heap.decref(item);
      } else {
        heap.tupleRecycleItem(pair, 0, result);
        heap.tupleRecycleItem(pair, 1, item);
      }
      result = 0;
      const [a, b] = heap.referents(pair) as [ObjectHandle, ObjectHandle];
      result = callTwo(m, f, a, b);
    }
  } catch (error) {
    if (pair !== 0) heap.decref(pair);
    if (result !== 0) heap.decref(result);
    if (it !== 0) heap.decref(it);
    throw error;
  }
  if (pair !== 0) heap.decref(pair);
  if (it !== 0) heap.decref(it);
  if (result === 0)
    throw new PythonError(
      'TypeError',
      `reduce() of empty ${m.rules.reduceEmptySaysIterable ? 'iterable' : 'sequence'} with no initial value`,
    );
  return result;
}

/** `functools.partial(f, *args)`: a new partial object. */
function partial(m: Machine, args: readonly ObjectHandle[]): ObjectHandle {
  const heap = m.heap;
  if (args.length === 0) throw new Unsupported('functools.partial() with no arguments');
  const f = args[0]!;
  const code = heap.typeOf(f) === 'function' ? m.functions.get(f) : undefined;
  if (code === undefined || code.makeGenerator !== undefined)
    throw new Unsupported(`functools.partial() of a ${heap.typeNameOf(f)} other than a function`);
  // type_call: the arguments' tuple (_PyObject_MakeTpCall), then partial_new.
  const packed = heap.newTuple(args);
  try {
    return heap.newPartial(f, args.slice(1));
  } finally {
    heap.decref(packed);
  }
}

/** `p(*values)` for a partial `p` (all borrowed): f(*p.args, *values), a new reference. */
export function partialCall(
  m: Machine,
  p: ObjectHandle,
  values: readonly ObjectHandle[],
): ObjectHandle {
  const heap = m.heap;
  const [f, bound] = heap.referents(p) as [ObjectHandle, ObjectHandle];
  // 3.8: tp_call through _PyObject_MakeTpCall, the arguments packed into a tuple.
  const packed = m.rules.partialCallPacksArguments ? heap.newTuple(values) : 0;
  try {
    const stack = [...heap.referents(bound), ...values];
    for (const v of stack) heap.incref(v);
    return runFunction(m, f, stack);
  } finally {
    if (packed !== 0) heap.decref(packed);
  }
}

/** `p.func`, `p.args`, `p.keywords` of a partial `p` (borrowed): a new reference. */
export function partialAttribute(m: Machine, p: ObjectHandle, name: string): ObjectHandle {
  const heap = m.heap;
  const at = ['func', 'args', 'keywords'].indexOf(name);
  if (at < 0) throw new Unsupported(`the attribute .${name} of a functools.partial`);
  return shared(heap, heap.referents(p)[at]!);
}

/** The functools module's functions. */
export const FUNCTOOLS_MODULE: LibraryModule = {
  functions: { reduce, partial },
};
