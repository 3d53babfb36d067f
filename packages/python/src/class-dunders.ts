/**
 * The dunder methods of the program's classes, called by the operations that use them:
 *
 *   str(o) / print(o) / repr(o)  slot_tp_str → __str__ (else object.__str__ → __repr__)
 *   len(o) / truth               slot_sq_length → __len__; slot_nb_bool → __bool__
 *                                (else __len__ != 0)
 *   o == p, o < p, …             slot_tp_richcompare → __eq__, __lt__, … (the reflected
 *                                method of the right operand when the left has none;
 *                                identity for == / != without either)
 *   o + p, o - p, o * p          slot_nb_add, … → __add__, __sub__, __mul__
 *   o[k], o[k] = v, k in o       slot_mp_subscript, slot_mp_ass_subscript, slot_sq_contains
 *   o(x)                         slot_tp_call → __call__ (after _PyObject_MakeTpCall's
 *                                arguments tuple)
 *   with o: …                    __enter__ / __exit__ (compile-class.ts withStatement)
 *   count → 0, or a collection   slot_tp_finalize → __del__ (PyObject_CallFinalizerFromDealloc
 *                                with the count at 1; the collector's finalize_garbage),
 *                                once per object (_PyGC_FINALIZED)
 *
 * Each slot looks the method up on the type and calls it from C: the frame gets new
 * references to self and the arguments (3.8–3.10 function_code_fastcall, 3.11+
 * _PyEval_Vector), which the caller keeps; the result is a new reference.
 *
 * Where what CPython does around the call is not modelled, what the program could see
 * of it is refused: `sys.getrefcount` inside `__getitem__` on 3.11+ (BINARY_SUBSCR_GETITEM,
 * once specialised, moves the operands into the frame), and `id()` inside a `__str__` /
 * `__repr__` that print calls (print holds the bound `write` method of sys.stdout, a block
 * the model does not make, while it runs).
 * Models slot_tp_str, slot_tp_repr, slot_sq_length, slot_nb_bool, slot_tp_richcompare,
 * the binary slots (SLOT1BINFULL), slot_mp_subscript, slot_mp_ass_subscript,
 * slot_sq_contains and slot_tp_call (Objects/typeobject.c, 3.8–3.13),
 * do_richcompare (Objects/object.c), builtin_len and PyFile_WriteObject.
 */
import type { ObjectHandle } from '@pymem/objects';
import type { ArithmeticOperator } from './arithmetic.ts';
import { classLookup, classMro } from './class-attributes.ts';
import { runFunction } from './class-calls.ts';
import { iterSearchContains } from './class-iteration.ts';
import { PythonError, Unsupported } from './errors.ts';
import type { Machine } from './machine.ts';
import { binaryOp, intBinaryOp } from './operations.ts';

/** Dunder methods a class may define: each one is called where CPython calls it. */
export const CALLED_DUNDERS: ReadonlySet<string> = new Set([
  '__init__',
  '__str__',
  '__repr__',
  '__len__',
  '__bool__',
  '__eq__',
  '__hash__',
  '__ne__',
  '__lt__',
  '__le__',
  '__gt__',
  '__ge__',
  '__add__',
  '__sub__',
  '__mul__',
  '__radd__',
  '__rsub__',
  '__rmul__',
  '__neg__',
  '__pos__',
  '__invert__',
  '__abs__',
  '__getitem__',
  '__iter__',
  '__next__',
  '__setitem__',
  '__contains__',
  '__call__',
  '__enter__',
  '__exit__',
  '__del__',
]);

/** What the program may not observe right now (see the module comment). */
interface Opacity {
  refcounts: number;
  ids: number;
  /** 3.13: an instance's `__dict__` was read (see {@link markDictRead}). */
  collects: number;
}

const OPACITY = new WeakMap<Machine, Opacity>();

function opacity(m: Machine): Opacity {
  let o = OPACITY.get(m);
  if (o === undefined) {
    o = { refcounts: 0, ids: 0, collects: 0 };
    OPACITY.set(m, o);
  }
  return o;
}

/**
 * 3.13 traverses an instance whose `__dict__` was materialised over its inline values
 * through the values (PyObject_VisitManagedDict), not the dict: the collector on the
 * heap does not, and misses such cycles (found: `cls_gc_cycle_materialised_dict.py`
 * collects 2 on 3.13.0, the model 0). After a `__dict__` read on 3.13, gc.collect() is
 * refused.
 */
export function markDictRead(m: Machine): void {
  if (m.minor >= 13) opacity(m).collects = 1;
}

/** Refuses `sys.getrefcount` / `id()` / `gc.collect()` where the model cannot vouch for them. */
export function refuseOpaque(m: Machine, what: 'refcount' | 'id' | 'collect'): void {
  const o = OPACITY.get(m);
  if (o === undefined) return;
  if (what === 'collect' && o.collects > 0)
    throw new Unsupported("gc.collect() after an instance's __dict__ was read on 3.13");
  if (what === 'refcount' && o.refcounts > 0)
    throw new Unsupported('sys.getrefcount inside __getitem__ on 3.11+ (a specialised call)');
  if (what === 'id' && o.ids > 0)
    throw new Unsupported('id() inside a __str__ or __repr__ that print calls');
}

/** The instance's class defines (or inherits) `name` as a Python function. */
export function hasDunder(m: Machine, o: ObjectHandle, name: string): boolean {
  const heap = m.heap;
  if (heap.typeOf(o) !== 'instance') return false;
  const f = classLookup(m, heap.classOf(o), name);
  return f !== 0 && heap.typeOf(f) === 'function' && m.functions.has(f);
}

/**
 * Calls `o.name(*args)` from C: new references for the frame, the caller keeps its
 * own. Returns the result, a new reference.
 */
export function callDunder(
  m: Machine,
  o: ObjectHandle,
  name: string,
  args: readonly ObjectHandle[],
  hides: keyof Opacity | null = null,
): ObjectHandle {
  const heap = m.heap;
  const f = classLookup(m, heap.classOf(o), name);
  if (f === 0 || heap.typeOf(f) !== 'function' || !m.functions.has(f))
    throw new Unsupported(`this use of a ${heap.typeNameOf(o)} (no Python ${name})`);
  heap.incref(f);
  heap.incref(o);
  for (const a of args) heap.incref(a);
  const state = opacity(m);
  if (hides !== null) state[hides]++;
  try {
    return runFunction(m, f, [o, ...args]);
  } finally {
    if (hides !== null) state[hides]--;
    heap.decref(f);
  }
}

/** `str(o)` (or `repr(o)`) of an instance: the text, the result released. */
export function instanceText(m: Machine, o: ObjectHandle, repr: boolean, inPrint: boolean): string {
  const heap = m.heap;
  const r = instanceStr(m, o, repr, inPrint);
  const text = heap.valueOf(r) as string;
  heap.decref(r);
  return text;
}

/** `str(o)` / `repr(o)` of an instance: `__str__`'s or `__repr__`'s result (a new reference). */
export function instanceStr(
  m: Machine,
  o: ObjectHandle,
  repr: boolean,
  inPrint: boolean,
): ObjectHandle {
  const heap = m.heap;
  const name = !repr && hasDunder(m, o, '__str__') ? '__str__' : '__repr__';
  if (!hasDunder(m, o, name))
    throw new Unsupported(`the ${repr ? 'repr' : 'str'} of a ${heap.typeNameOf(o)} (its address)`);
  const r = callDunder(m, o, name, [], inPrint ? 'ids' : null);
  if (heap.typeOf(r) !== 'str') {
    const type = heap.typeNameOf(r);
    heap.decref(r);
    throw new PythonError('TypeError', `${name} returned non-string (type ${type})`);
  }
  return r;
}

/** `len(o)`: `__len__`'s int, as a Py_ssize_t. */
export function instanceLength(m: Machine, o: ObjectHandle): number {
  const heap = m.heap;
  if (!hasDunder(m, o, '__len__'))
    throw new PythonError('TypeError', `object of type '${heap.typeNameOf(o)}' has no len()`);
  const r = callDunder(m, o, '__len__', []);
  const type = heap.typeOf(r);
  const value = type === 'int' || type === 'bool' ? (heap.valueOf(r) as bigint) : undefined;
  const name = heap.typeNameOf(r);
  heap.decref(r);
  if (value === undefined)
    throw new PythonError('TypeError', `'${name}' object cannot be interpreted as an integer`);
  if (value < 0n) throw new PythonError('ValueError', '__len__() should return >= 0');
  return Number(value);
}

/** The truth of an instance: `__bool__`, else `__len__`, else True. */
export function instanceTruth(m: Machine, o: ObjectHandle): boolean {
  const heap = m.heap;
  if (hasDunder(m, o, '__bool__')) {
    const r = callDunder(m, o, '__bool__', []);
    const isBool = heap.typeOf(r) === 'bool';
    const value = isBool && heap.valueOf(r) === 1n;
    const name = heap.typeNameOf(r);
    heap.decref(r);
    if (!isBool)
      throw new PythonError('TypeError', `__bool__ should return bool, returned ${name}`);
    return value;
  }
  if (hasDunder(m, o, '__len__')) return instanceLength(m, o) !== 0;
  return true;
}

/** The operator the right operand is asked when the left one cannot answer (_Py_SwappedOp). */
const SWAPPED: Readonly<Record<string, string>> = {
  '==': '==',
  '!=': '!=',
  '<': '>',
  '<=': '>=',
  '>': '<',
  '>=': '<=',
};
const OWN: Readonly<Record<string, string>> = {
  '==': '__eq__',
  '!=': '__ne__',
  '<': '__lt__',
  '<=': '__le__',
  '>': '__gt__',
  '>=': '__ge__',
};

/**
 * A rich comparison method's answer: its bool, or undefined for NotImplemented (the
 * caller tries the next method).
 */
function boolResult(m: Machine, r: ObjectHandle): boolean | undefined {
  const heap = m.heap;
  const type = heap.typeOf(r);
  if (type === 'NotImplementedType') {
    heap.decref(r);
    return undefined;
  }
  if (type !== 'bool') {
    const name = heap.typeNameOf(r);
    heap.decref(r);
    throw new Unsupported(`a comparison method returning a ${name}`);
  }
  const value = heap.valueOf(r) === 1n;
  heap.decref(r);
  return value;
}

/**
 * `a`'s tp_richcompare(a, b, op): an instance's method (slot_tp_richcompare), or for a
 * class without it object's (object_richcompare: `==` by identity, `!=` the inverse of
 * the class's `__eq__`, else NotImplemented); a builtin's comparison with an instance
 * is NotImplemented. Undefined stands for NotImplemented.
 */
function richCompareSlot(
  m: Machine,
  a: ObjectHandle,
  b: ObjectHandle,
  op: string,
): boolean | undefined {
  if (m.heap.typeOf(a) !== 'instance') return undefined;
  const own = OWN[op]!;
  if (hasDunder(m, a, own)) return boolResult(m, callDunder(m, a, own, [b]));
  if (op === '==') return a === b ? true : undefined;
  if (op !== '!=') return undefined;
  const equal = hasDunder(m, a, '__eq__')
    ? boolResult(m, callDunder(m, a, '__eq__', [b]))
    : a === b || undefined;
  return equal === undefined ? undefined : !equal;
}

/**
 * `x op y` when an operand is an instance (do_richcompare): the right operand's
 * reflected method first when its class is a subclass of the left's, then the left
 * one's method, then the right one's reflected method, each until one answers other
 * than NotImplemented; then `==` / `!=` by identity, ordering TypeError.
 */
export function instanceCompare(m: Machine, op: string, x: ObjectHandle, y: ObjectHandle): boolean {
  const heap = m.heap;
  const reflected = SWAPPED[op]!;
  const subclassFirst =
    heap.typeOf(x) === 'instance' &&
    heap.typeOf(y) === 'instance' &&
    heap.classOf(x) !== heap.classOf(y) &&
    classMro(m, heap.classOf(y)).includes(heap.classOf(x));
  if (subclassFirst) {
    const r = richCompareSlot(m, y, x, reflected);
    if (r !== undefined) return r;
  }
  const r = richCompareSlot(m, x, y, op);
  if (r !== undefined) return r;
  if (!subclassFirst) {
    const r = richCompareSlot(m, y, x, reflected);
    if (r !== undefined) return r;
  }
  if (op === '==') return x === y;
  if (op === '!=') return x !== y;
  throw new PythonError(
    'TypeError',
    `'${op}' not supported between instances of '${heap.typeNameOf(x)}' and '${heap.typeNameOf(y)}'`,
  );
}

/** The operators an instance may define, with their reflected methods. */
const BINARY: Readonly<Record<string, readonly [string, string]>> = {
  '+': ['__add__', '__radd__'],
  '-': ['__sub__', '__rsub__'],
  '*': ['__mul__', '__rmul__'],
};

/**
 * `x op y` of an arithmetic operator, as BINARY_OP / PyNumber_Add & co. compute it: ints
 * on their fast path, an instance operand through its methods, else the builtin types'
 * operation; `shown` is the operator its errors name (`+=`). A new reference.
 */
export function binaryArithmetic(
  m: Machine,
  op: ArithmeticOperator,
  x: ObjectHandle,
  y: ObjectHandle,
  shown: string = op,
): ObjectHandle {
  const heap = m.heap;
  const ints = intBinaryOp(heap, op, x, y);
  if (ints !== undefined) return ints;
  if (heap.typeOf(x) === 'instance' || heap.typeOf(y) === 'instance')
    return instanceBinary(m, shown, x, y);
  return binaryOp(heap, op, x, y, shown);
}

/**
 * `x op y` (or `x op= y`, which falls back to it) when an operand is an instance:
 * binary_op1 with the class slot SLOT1BINFULL installs for either method. The right
 * operand's reflected method first when its class is a strict subclass of the left's,
 * then the left operand's method, then (types differing) the right operand's reflected
 * method; a method the class lacks answers NotImplemented without a call. All
 * NotImplemented is CPython's TypeError. A builtin sequence on the left (its concat or
 * repeat fallback) is refused when nothing answers.
 */
export function instanceBinary(
  m: Machine,
  op: string,
  x: ObjectHandle,
  y: ObjectHandle,
): ObjectHandle {
  const heap = m.heap;
  const names = BINARY[op.replace(/=$/, '')];
  if (names === undefined) throw new Unsupported(`the operator ${op} on a ${heap.typeNameOf(x)}`);
  const [own, reflected] = names;
  const xi = heap.typeOf(x) === 'instance';
  const yi = heap.typeOf(y) === 'instance';
  const sameType = xi && yi && heap.classOf(x) === heap.classOf(y);
  const slot = (o: ObjectHandle): boolean => hasDunder(m, o, own) || hasDunder(m, o, reflected);
  // A new reference to the method's result, or undefined for NotImplemented (released).
  const maybe = (o: ObjectHandle, name: string, other: ObjectHandle): ObjectHandle | undefined => {
    if (!hasDunder(m, o, name)) return undefined;
    const r = callDunder(m, o, name, [other]);
    if (heap.typeOf(r) !== 'NotImplementedType') return r;
    heap.decref(r);
    return undefined;
  };
  let doOther = !sameType && yi && slot(y);
  if (xi && slot(x)) {
    if (doOther && classMro(m, heap.classOf(y)).includes(heap.classOf(x))) {
      const first = maybe(y, reflected, x);
      if (first !== undefined) return first;
      doOther = false;
    }
    const r = maybe(x, own, y);
    if (r !== undefined) return r;
  }
  if (doOther) {
    const r = maybe(y, reflected, x);
    if (r !== undefined) return r;
  }
  const xt = heap.typeOf(x);
  if (!xi && xt !== 'int' && xt !== 'float' && xt !== 'bool' && xt !== 'NoneType')
    throw new Unsupported(`the operator ${op} of a ${heap.typeNameOf(x)} and an instance`);
  throw new PythonError(
    'TypeError',
    `unsupported operand type(s) for ${op}: '${heap.typeNameOf(x)}' and '${heap.typeNameOf(y)}'`,
  );
}

/** `o[k]`: `__getitem__`'s result. */
export function instanceGetItem(m: Machine, o: ObjectHandle, k: ObjectHandle): ObjectHandle {
  const heap = m.heap;
  if (!hasDunder(m, o, '__getitem__'))
    throw new PythonError('TypeError', `'${heap.typeNameOf(o)}' object is not subscriptable`);
  return callDunder(m, o, '__getitem__', [k], m.minor >= 11 ? 'refcounts' : null);
}

/** `o[k] = v`: `__setitem__` (its result dropped). */
export function instanceSetItem(
  m: Machine,
  o: ObjectHandle,
  k: ObjectHandle,
  v: ObjectHandle,
): void {
  const heap = m.heap;
  if (!hasDunder(m, o, '__setitem__'))
    throw new PythonError(
      'TypeError',
      `'${heap.typeNameOf(o)}' object does not support item assignment`,
    );
  heap.decref(callDunder(m, o, '__setitem__', [k, v]));
}

/** `k in o`: `__contains__`'s truth (an iteration fallback is not modelled). */
export function instanceContains(m: Machine, o: ObjectHandle, k: ObjectHandle): boolean {
  const heap = m.heap;
  if (!hasDunder(m, o, '__contains__')) {
    if (hasDunder(m, o, '__iter__')) return iterSearchContains(m, o, k);
    throw new Unsupported(`'in' over a ${heap.typeNameOf(o)} without __contains__`);
  }
  const r = callDunder(m, o, '__contains__', [k]);
  const t = heap.typeOf(r);
  if (t !== 'bool') {
    heap.decref(r);
    throw new Unsupported(`__contains__ returning a ${t}`);
  }
  const value = heap.valueOf(r) === 1n;
  heap.decref(r);
  return value;
}

/**
 * `o(args)` for an instance: _PyObject_MakeTpCall's arguments tuple, then `__call__`
 * with new references; the tuple is released after. Takes nothing over.
 */
export function instanceCall(
  m: Machine,
  o: ObjectHandle,
  values: readonly ObjectHandle[],
): ObjectHandle {
  const heap = m.heap;
  if (!hasDunder(m, o, '__call__'))
    throw new PythonError('TypeError', `'${heap.typeNameOf(o)}' object is not callable`);
  const args = values.length === 0 ? 0 : heap.newTuple([...values]);
  try {
    return callDunder(m, o, '__call__', values);
  } finally {
    if (args !== 0) heap.decref(args);
  }
}

/** An error a `__del__` run by the collector raised (CPython would print it as unraisable). */
const FINALIZER_ERRORS = new WeakMap<Machine, unknown>();

/**
 * Makes `cls`'s `__del__` run where CPython runs it: from the deallocation of an
 * instance whose count reached zero (the heap's finalizeHook, skipped for an object the
 * collector finalized already), and from a collection (the collector's finalizer body).
 * An exception in `__del__` (CPython: "Exception ignored in …" on stderr) is refused.
 */
export function installFinalizer(m: Machine, cls: ObjectHandle): void {
  const heap = m.heap;
  const run = (o: ObjectHandle): void => {
    try {
      heap.decref(callDunder(m, o, '__del__', []));
    } catch (error) {
      if (error instanceof PythonError) throw new Unsupported('an exception in __del__');
      throw error;
    }
  };
  heap.finalizeHook ??= (o) => {
    if (m.gc?.collector.collector.isFinalized(o) === true) return;
    run(o);
    if (heap.refcount(o) !== 1) throw new Unsupported('an object resurrected by __del__');
  };
  m.gc?.collector.defineFinalizer(cls, (o) => {
    try {
      run(o);
    } catch (error) {
      if (!FINALIZER_ERRORS.has(m)) FINALIZER_ERRORS.set(m, error);
    }
  });
}

/** After a collection: the first error a `__del__` it ran raised, thrown now. */
export function rethrowFinalizerError(m: Machine): void {
  const error = FINALIZER_ERRORS.get(m);
  if (error === undefined) return;
  FINALIZER_ERRORS.delete(m);
  throw error;
}

/**
 * Refuses a program that ends with an instance whose class has `__del__` still alive:
 * CPython finalizes it at shutdown (clearing the module's names), which the model does
 * not run (measured: such a `__del__` prints after the last line, with counts that
 * include shutdown's own references).
 */
export function refuseLiveFinalizers(m: Machine): void {
  const heap = m.heap;
  if (heap.finalizeHook === null) return;
  let alive = false;
  heap.forEachTracked((o) => {
    if (heap.hasFinalizer(o)) alive = true;
  });
  if (alive)
    throw new Unsupported('an instance with __del__ alive at exit (finalized at shutdown)');
}
