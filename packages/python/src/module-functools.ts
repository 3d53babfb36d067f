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
 *   partial(f, k=v)      the call's keywords dict becomes the partial's `keywords`
 *                        (partial_new keeps a dict only type_call holds); calling it
 *                        copies that dict and unpacks it again (partialCallWithKeywords)
 *
 * Refused: keywords to a partial's call, keywords on 3.14 (not measured), a partial of a partial (partial_new
 * flattens it), a partial of anything but a Python function, setting attributes.
 * Not modelled: the tuple's allocation before the first item (the model makes it at
 * the first call) — only its block's reuse could tell, and ids are refused after a
 * library import. Models functools_reduce, partial_new, partial_call /
 * partial_vectorcall and the partial members (Modules/_functoolsmodule.c), 3.8–3.14;
 * the empty-iterable message by profile rule (reduceEmptySaysIterable).
 */
import type { ObjectHandle } from '@pymem/objects';
import { callBuiltinValue } from './builtin-values.ts';
import { runFunction } from './class-calls.ts';
import { bindArguments, runCall } from './compile-arguments.ts';
import { PythonError, Unsupported } from './errors.ts';
import { getIterator, iteratorNext } from './generator-runs.ts';
import type { Machine } from './machine.ts';
import type { LibraryModule } from './module-math.ts';
import { shared } from './operations.ts';

/**
 * `f(a, b)` for a Python function or a builtin one `f` (all borrowed): a new reference.
 * PyObject_Call of a builtin is a vectorcall of the tuple's items: nothing made.
 */
function callTwo(m: Machine, f: ObjectHandle, a: ObjectHandle, b: ObjectHandle): ObjectHandle {
  if (m.heap.typeOf(f) === 'builtin_function_or_method') return callBuiltinValue(m, f, [a, b]);
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
  // A library module's METH_O / METH_FASTCALL function (`operator.add`): PyObject_Call
  // of the pair is a vectorcall of its items. The builtins' METH_VARARGS ones (`max`)
  // would take the pair itself, which their call by name does not: refused.
  const builtinFunction =
    heap.typeOf(f) === 'builtin_function_or_method' && heap.builtinName(f).includes('.');
  if (!builtinFunction && (code === undefined || code.makeGenerator !== undefined))
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
function partial(
  m: Machine,
  args: readonly ObjectHandle[],
  keywords?: ReadonlyMap<string, ObjectHandle>,
): ObjectHandle {
  const heap = m.heap;
  if (args.length === 0) throw new Unsupported('functools.partial() with no arguments');
  const f = args[0]!;
  const code = heap.typeOf(f) === 'function' ? m.functions.get(f) : undefined;
  if (code === undefined || code.makeGenerator !== undefined)
    throw new Unsupported(`functools.partial() of a ${heap.typeNameOf(f)} other than a function`);
  const withKeywords = keywords !== undefined && keywords.size > 0;
  if (withKeywords && m.minor >= 14)
    throw new Unsupported('keyword arguments to functools.partial() on 3.14 (not measured)');
  // type_call: the arguments' tuple (_PyObject_MakeTpCall), the keywords' dict
  // (_PyStack_AsDict), then partial_new, which keeps that dict as its `keywords`.
  const packed = heap.newTuple(args);
  let kwdict = 0;
  try {
    if (withKeywords) {
      kwdict = heap.newDictPresized(keywords.size, true);
      for (const [k, v] of keywords) {
        const key = heap.identifier(k);
        heap.dictSetItem(kwdict, key, v);
        heap.decref(key);
      }
    }
    return heap.newPartial(f, args.slice(1), kwdict);
  } finally {
    heap.decref(packed);
    if (kwdict !== 0) heap.decref(kwdict);
  }
}

/** `p(*values)` for a partial `p` (all borrowed): f(*p.args, *values), a new reference. */
export function partialCall(
  m: Machine,
  p: ObjectHandle,
  values: readonly ObjectHandle[],
): ObjectHandle {
  const heap = m.heap;
  const [f, bound, kw] = heap.referents(p) as [ObjectHandle, ObjectHandle, ObjectHandle];
  if (heap.lengthOf(kw) > 0) return partialCallWithKeywords(m, f, bound, kw, values);
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

/**
 * `p(*values)` for a partial with keywords (its fields `f`, `bound` args and `kw`,
 * borrowed; 3.8–3.13): partial_call, through
 * _PyObject_MakeTpCall (3.8: tp_call; 3.9+: partial_vectorcall's fallback, since a
 * partial's keywords may change) — the arguments' tuple; a copy of p.keywords
 * (PyDict_Copy: f may change its **kwargs); 3.9+ p.args + the tuple (tupleconcat: an
 * empty side gives the other tuple itself) and PyObject_Call(f, args, kwargs); 3.8
 * partial_fastcall's stack instead of a tuple and _PyObject_FastCallDict; either way
 * _PyStack_UnpackDict's PyMem_Malloc'd array (3.9+: one slot more) of new references
 * and kwnames tuple, the frame, then the array's references, the array, kwnames; then
 * the concatenation, the copy, the tuple.
 */
function partialCallWithKeywords(
  m: Machine,
  f: ObjectHandle,
  bound: ObjectHandle,
  kw: ObjectHandle,
  values: readonly ObjectHandle[],
): ObjectHandle {
  const heap = m.heap;
  if (m.minor >= 14)
    throw new Unsupported('calling a functools.partial with keywords on 3.14 (not measured)');
  const code = m.functions.get(f);
  if (code === undefined) throw new Unsupported('calling a function the library made');
  const argstuple = heap.newTuple(values);
  const pre = heap.referents(bound);
  let kwargs = 0;
  let args = 0;
  let buffer = 0;
  try {
    kwargs = heap.dictCopy(kw);
    if (m.rules.partialCallPacksArguments) {
      // 3.8 partial_fastcall: the arguments side by side on the C stack, or in a
      // PyMem_Malloc'd buffer past _PY_FASTCALL_SMALL_STACK (5) when both sides have some.
      const total = pre.length + values.length;
      if (pre.length > 0 && values.length > 0 && total > FASTCALL_SMALL_STACK)
        buffer = heap.memCall('malloc', 0, total * heap.layout.pointerSize);
    } else
      args =
        pre.length === 0
          ? shared(heap, argstuple)
          : values.length === 0
            ? shared(heap, bound)
            : heap.newTuple([...pre, ...values]);
    const items = heap.dictItems(kwargs);
    const keys = items.map(([k]) => k);
    for (const k of keys)
      if (heap.typeOf(k) !== 'str') throw new Unsupported('a keyword that is not a str');
    const stack = [...pre, ...values, ...items.map(([, v]) => v)];
    // _PyStack_UnpackDict: the array holds new references (measured on 3.8 too: a
    // keyword value's count inside f is one higher than the dicts and frame explain).
    const slots = stack.length + (m.minor >= 9 ? 1 : 0);
    const array = heap.memCall('malloc', 0, slots * heap.layout.pointerSize);
    const kwnames = heap.newTuple(keys);
    for (const v of stack) heap.incref(v);
    try {
      const names = keys.map((k) => heap.valueOf(k) as string);
      const frame = bindArguments(m, f, code, stack, names, keys, false);
      return runCall(m, code, frame, f);
    } finally {
      for (const v of stack) heap.decref(v);
      heap.memCall('free', array, 0);
      heap.decref(kwnames);
    }
  } finally {
    if (buffer !== 0) heap.memCall('free', buffer, 0);
    if (args !== 0) heap.decref(args);
    if (kwargs !== 0) heap.decref(kwargs);
    heap.decref(argstuple);
  }
}

/** _PY_FASTCALL_SMALL_STACK: the arguments 3.8's partial_fastcall keeps on the C stack. */
const FASTCALL_SMALL_STACK = 5;

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
  keywords: { partial: 'any' },
};
