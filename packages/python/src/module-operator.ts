/**
 * `import operator`: the operators as functions, and itemgetter / attrgetter objects.
 *
 *   operator.add, sub, mul, …    the operation itself (PyNumber_Add & co.: `operator.add`
 *                                of two strs makes a new str, never grows one in place)
 *   eq, lt, …, contains, not_    PyObject_RichCompare, PySequence_Contains, PyObject_Not:
 *                                a bool (an instance's own `__eq__` & co. refused: they
 *                                may return something else)
 *   getitem, is_, is_not, neg …  as the expressions do
 *   itemgetter(*items)           an object (operator-getters.ts in @pymem/objects) made
 *                                from the call's argument tuple (type_call through
 *                                _PyObject_MakeTpCall); called, it indexes its argument
 *   attrgetter(*names)           a tuple of the names, then the object; dotted names refused
 *
 * The functions are METH_O / METH_FASTCALL builtins: called from C (`map`,
 * `functools.reduce`, a key function) they make nothing the call by name would not.
 * A getter's call takes an argument tuple on 3.8–3.10 (tp_call through
 * _PyObject_MakeTpCall), none from 3.11 (vectorcall). Models Modules/_operator.c
 * (itemgetter_call, attrgetter_call), 3.8–3.14.
 */
import type { ObjectHandle } from '@pymem/objects';
import type { ArithmeticOperator } from './arithmetic.ts';
import { BITWISE_OPERATORS, type BitwiseOperator, bitwiseOp } from './bitwise.ts';
import { loadAttribute } from './class-attributes.ts';
import { binaryArithmetic, instanceGetItem, instanceTruth } from './class-dunders.ts';
import { compare } from './compiler.ts';
import { PythonError, Unsupported } from './errors.ts';
import type { Machine } from './machine.ts';
import { counterItem } from './module-counter.ts';
import { defaultdictItem } from './module-defaultdict.ts';
import type { LibraryModule, ModuleFunction } from './module-math.ts';
import { shared, subscript, unaryOp } from './operations.ts';
import { truthy } from './values.ts';

function arity(name: string, args: readonly ObjectHandle[], n: number): void {
  if (args.length !== n)
    throw new PythonError(
      'TypeError',
      n === 1
        ? `${name}() takes exactly one argument (${args.length} given)`
        : `${name} expected ${n} arguments, got ${args.length}`,
    );
}

function binary(name: string, op: ArithmeticOperator): ModuleFunction {
  return (m, args) => {
    arity(name, args, 2);
    return binaryArithmetic(m, op, args[0]!, args[1]!);
  };
}

function bitwise(name: string, op: BitwiseOperator): ModuleFunction {
  return (m, args) => {
    arity(name, args, 2);
    return bitwiseOp(m.heap, op, args[0]!, args[1]!);
  };
}

/** A rich comparison: a bool (an instance operand refused: its method may return anything). */
function comparison(name: string, op: string): ModuleFunction {
  return (m, args) => {
    arity(name, args, 2);
    const heap = m.heap;
    if (heap.typeOf(args[0]!) === 'instance' || heap.typeOf(args[1]!) === 'instance')
      throw new Unsupported(`operator.${name}() of an instance`);
    return heap.newBool(compare(m, op, args[0]!, args[1]!));
  };
}

function unary(name: string, op: string): ModuleFunction {
  return (m, args) => {
    arity(name, args, 1);
    if (m.heap.typeOf(args[0]!) === 'instance')
      throw new Unsupported(`operator.${name}() of an instance`);
    return unaryOp(m.heap, op, args[0]!);
  };
}

/** The truth of `o` (PyObject_IsTrue). */
function truthOf(m: Machine, o: ObjectHandle): boolean {
  return m.heap.typeOf(o) === 'instance' ? instanceTruth(m, o) : truthy(m.heap, o);
}

/** PyObject_GetItem(container, key): a new reference. */
export function getItem(m: Machine, container: ObjectHandle, key: ObjectHandle): ObjectHandle {
  switch (m.heap.typeOf(container)) {
    case 'instance':
      return instanceGetItem(m, container, key);
    case 'defaultdict':
      return defaultdictItem(m, container, key);
    case 'Counter':
      return counterItem(m, container, key);
    default:
      return subscript(m.heap, container, key);
  }
}

/** `operator.itemgetter(*items)`: the call's argument tuple, then the object. */
function itemgetter(m: Machine, args: readonly ObjectHandle[]): ObjectHandle {
  const heap = m.heap;
  if (args.length === 0)
    throw new PythonError('TypeError', 'itemgetter expected 1 argument, got 0');
  const packed = heap.newTuple(args);
  try {
    return heap.newItemgetter(packed);
  } finally {
    heap.decref(packed);
  }
}

/** `operator.attrgetter(*names)`: the names' tuple and the object (the call's tuple around it). */
function attrgetter(m: Machine, args: readonly ObjectHandle[]): ObjectHandle {
  const heap = m.heap;
  if (args.length === 0)
    throw new PythonError('TypeError', 'attrgetter expected 1 argument, got 0');
  for (const a of args) {
    if (heap.typeOf(a) !== 'str')
      throw new PythonError('TypeError', 'attribute name must be a string');
    if ((heap.valueOf(a) as string).includes('.'))
      throw new Unsupported('operator.attrgetter() of a dotted name');
  }
  const packed = heap.newTuple(args);
  try {
    return heap.newAttrgetter(args);
  } finally {
    heap.decref(packed);
  }
}

/**
 * Calls an itemgetter or attrgetter `g` with `args` (borrowed): 3.8–3.10 through tp_call
 * with an argument tuple, 3.11+ by vectorcall. A new reference.
 */
export function getterCall(
  m: Machine,
  g: ObjectHandle,
  args: readonly ObjectHandle[],
): ObjectHandle {
  const heap = m.heap;
  const type = heap.typeOf(g);
  const packed = m.minor <= 10 ? heap.newTuple(args) : 0;
  try {
    if (args.length !== 1)
      throw new PythonError('TypeError', `${type} expected 1 argument, got ${args.length}`);
    const o = args[0]!;
    const keys = heap.getterKeys(g);
    const one =
      type === 'itemgetter'
        ? (k: ObjectHandle) => getItem(m, o, k)
        : (k: ObjectHandle) => loadAttribute(m, o, heap.valueOf(k) as string);
    if (keys.length === 1) return one(keys[0]!);
    // PyTuple_New first, then each item into it.
    const result = heap.newTuple(keys.map(() => heap.none));
    try {
      for (let i = 0; i < keys.length; i++) heap.tupleRecycleItem(result, i, one(keys[i]!));
    } catch (error) {
      heap.decref(result);
      throw error;
    }
    return result;
  } finally {
    if (packed !== 0) heap.decref(packed);
  }
}

const functions: Record<string, ModuleFunction> = {
  add: binary('add', '+'),
  sub: binary('sub', '-'),
  mul: binary('mul', '*'),
  truediv: binary('truediv', '/'),
  floordiv: binary('floordiv', '//'),
  mod: binary('mod', '%'),
  pow: binary('pow', '**'),
  eq: comparison('eq', '=='),
  ne: comparison('ne', '!='),
  lt: comparison('lt', '<'),
  le: comparison('le', '<='),
  gt: comparison('gt', '>'),
  ge: comparison('ge', '>='),
  neg: unary('neg', '-'),
  pos: unary('pos', '+'),
  invert: unary('invert', '~'),
  inv: unary('inv', '~'),
  not_: (m, args) => {
    arity('not_', args, 1);
    return m.heap.newBool(!truthOf(m, args[0]!));
  },
  truth: (m, args) => {
    arity('truth', args, 1);
    return m.heap.newBool(truthOf(m, args[0]!));
  },
  is_: (m, args) => {
    arity('is_', args, 2);
    return m.heap.newBool(args[0] === args[1]);
  },
  is_not: (m, args) => {
    arity('is_not', args, 2);
    return m.heap.newBool(args[0] !== args[1]);
  },
  getitem: (m, args) => {
    arity('getitem', args, 2);
    return getItem(m, args[0]!, args[1]!);
  },
  contains: (m, args) => {
    arity('contains', args, 2);
    return m.heap.newBool(compare(m, 'in', args[1]!, args[0]!));
  },
  itemgetter,
  attrgetter,
};
for (const [name, op] of [
  ['and_', '&'],
  ['or_', '|'],
  ['xor', '^'],
  ['lshift', '<<'],
  ['rshift', '>>'],
] as const)
  if (BITWISE_OPERATORS.has(op)) functions[name] = bitwise(name, op);

/** abs() of the module (`operator.abs`): as the builtin. */
functions.abs = (m, args) => {
  arity('abs', args, 1);
  const o = args[0]!;
  const t = m.heap.typeOf(o);
  if (t !== 'int' && t !== 'float' && t !== 'bool')
    throw new Unsupported(`operator.abs() of a ${m.heap.typeNameOf(o)}`);
  const v = m.heap.valueOf(o);
  if (t === 'float') return m.heap.newFloat(Math.abs(v as number));
  const n = v as bigint;
  return t === 'int' && n >= 0n ? shared(m.heap, o) : m.heap.newInt(n < 0n ? -n : n);
};

/** The operator module: every function may also be held as a value. */
export const OPERATOR_MODULE: LibraryModule = {
  functions,
  valueFunctions: new Set(Object.keys(functions)),
};
