/**
 * Builtins called by name, and builtins handed around as values: the function
 * argument of `map` and `filter` (`map(str, xs)`, `filter(bool, xs)`, `map(len, rows)`),
 * and the builtin functions of VALUE_BUILTINS anywhere (`f = max`, `apply(len, s)`,
 * `{'total': sum}`, `key=f`).
 *
 *   len, abs, repr, …   builtin_function_or_method objects made when the builtins
 *                       module was set up: no block the model knows; map_next and
 *                       filter_next call them by vectorcall (METH_O / METH_FASTCALL),
 *                       which makes nothing; a call through a name or `f(*args)`
 *                       (PyVectorcall_Call, cfunction_call) passes the tuple's items or
 *                       the tuple itself, making nothing the call by name would not
 *   str, int, list, …   statically allocated types. A type without a vectorcall slot
 *                       is called through _PyObject_MakeTpCall, whose arguments tuple
 *                       comes from the tuple free list and goes back to it — the same
 *                       call `str(x)` makes when written out, which the model runs the
 *                       same way: by the builtin's own code, arguments borrowed
 *
 * Invariant: a builtin run from C and the same builtin called by name do the same
 * allocations and leave the same counts, so one function (callBuiltin) runs both.
 * What the interpreter's start-up decided about a builtin stays refused: its `id()`,
 * its reference count (the builtins module and start-up hold it), and keyword
 * arguments through a name (`fn(*a, **kw)` with a non-empty dict). A builtin type as a
 * value is refused outside map/filter and comparisons. Models map_next / filter_next
 * (Python/bltinmodule.c) calling through _PyObject_VectorcallTstate /
 * _PyObject_MakeTpCall / PyVectorcall_Call (Objects/call.c), meth_repr
 * (Objects/methodobject.c), 3.8–3.14.
 */
import type { SyntaxNode } from '@lezer/common';
import type { ObjectHandle } from '@pymem/objects';
import { builtin, emptyFrozensetShared } from './builtins.ts';
import { sortNewList } from './builtins-lib.ts';
import {
  callDunder,
  hasDunder,
  instanceLength,
  instanceStr,
  instanceTruth,
  refuseOpaque,
} from './class-dunders.ts';
import { isIterableInstance, iterateInstance, iterBuiltin } from './class-iteration.ts';
import { libraryModules } from './compile-lib.ts';
import type { Compiler } from './compiler.ts';
import { Unsupported } from './errors.ts';
import {
  listOfGenerator,
  nextBuiltin,
  setOfGenerator,
  tupleOfGenerator,
} from './generator-runs.ts';
import type { Machine } from './machine.ts';

type Builtin = (m: Machine, args: readonly ObjectHandle[]) => ObjectHandle;

/** The builtins a program may pass to map/filter, and whether each is a type. */
const VALUE_BUILTINS: Readonly<Record<string, 'type' | 'function'>> = {
  str: 'type',
  int: 'type',
  float: 'type',
  bool: 'type',
  list: 'type',
  tuple: 'type',
  set: 'type',
  frozenset: 'type',
  len: 'function',
  abs: 'function',
  repr: 'function',
  ord: 'function',
  chr: 'function',
  hex: 'function',
  bin: 'function',
  oct: 'function',
  sum: 'function',
  min: 'function',
  max: 'function',
  sorted: 'function',
  divmod: 'function',
};

/** The builtins that run a generator passed alone (generator-runs.ts). */
const OF_GENERATOR: Readonly<Record<string, (m: Machine, g: ObjectHandle) => ObjectHandle>> = {
  list: listOfGenerator,
  tuple: tupleOfGenerator,
  set: (m, g) => setOfGenerator(m, g, false),
  frozenset: (m, g) => emptyFrozensetShared(m.heap, setOfGenerator(m, g, true)),
};

/** `next`, `sum`, `list`, `tuple`, `set` and `frozenset` of a generator (generator-runs.ts); else undefined. */
export function generatorBuiltin(name: string): Builtin | undefined {
  if (name === 'next') return nextBuiltin;
  if (name === 'iter') return iterBuiltin;
  const ofGenerator = Object.hasOwn(OF_GENERATOR, name) ? OF_GENERATOR[name] : undefined;
  const other = builtin(name);
  if (ofGenerator !== undefined && other !== undefined)
    return (m, args) =>
      args.length === 1 && m.heap.typeOf(args[0]!) === 'generator'
        ? ofGenerator(m, args[0]!)
        : other(m, args);
  return undefined;
}

/**
 * The builtin `name` (run by `fn`) called with `values` (borrowed): an instance's
 * `__len__`, `__bool__`, `__str__`/`__repr__` and `__iter__` where the builtin asks
 * for them. A new reference.
 */
export function callBuiltin(
  m: Machine,
  name: string,
  fn: Builtin,
  values: readonly ObjectHandle[],
): ObjectHandle {
  const heap = m.heap;
  if (name === 'id') refuseOpaque(m, 'id');
  if (values.length === 1 && heap.typeOf(values[0]!) === 'instance') {
    const o = values[0]!;
    if (name === 'len') return heap.newInt(instanceLength(m, o));
    // builtin_abs → slot_nb_absolute.
    if (name === 'abs' && hasDunder(m, o, '__abs__')) return callDunder(m, o, '__abs__', []);
    if (name === 'bool') return heap.newBool(instanceTruth(m, o));
    if (name === 'repr' || name === 'str') return instanceStr(m, o, name === 'repr', false);
    if (isIterableInstance(m, o) && name !== 'next')
      return iterateInstance(m, name, o, (it) =>
        name === 'sorted' ? sortNewList(m, it) : fn(m, [it]),
      );
  }
  return fn(m, values);
}

/** True when `node` (a name) is the function argument of a call of map or filter. */
export function isMapFilterFunction(c: Compiler, node: SyntaxNode): boolean {
  const name = c.text(node);
  if (!Object.hasOwn(VALUE_BUILTINS, name)) return false;
  const list = node.parent;
  if (list?.name !== 'ArgList' || list.parent?.name !== 'CallExpression') return false;
  const callee = list.parent.firstChild;
  if (callee?.name !== 'VariableName') return false;
  const called = c.text(callee);
  if (called !== 'map' && called !== 'filter') return false;
  const first = c.kids(list).find((k) => !['(', ')', ','].includes(k.name));
  return first?.from === node.from && first.to === node.to;
}

/** Builtin types a comparison may name as an operand (`type(x) is list`). */
const COMPARED_TYPES: ReadonlySet<string> = new Set([
  'str',
  'int',
  'float',
  'bool',
  'list',
  'tuple',
  'set',
  'frozenset',
  'dict',
  'bytes',
  'type',
]);

/**
 * True when `node` names a builtin type as an operand of `is`, `is not`, `==` or `!=`
 * (`type(x) is list`): the static type object is compared, nothing else sees it.
 */
export function isComparedType(c: Compiler, node: SyntaxNode): boolean {
  if (!COMPARED_TYPES.has(c.text(node))) return false;
  const parent = node.parent;
  if (parent?.name !== 'BinaryExpression') return false;
  const operator = c.kids(parent).find((k) => k.name === 'CompareOp' || k.name === 'is');
  if (operator === undefined) return false;
  return operator.name === 'is' || ['==', '!='].includes(c.text(operator));
}

/** True for a builtin a program may hold as a value (`f = max`, `apply(len, x)`). */
export function isValueBuiltin(name: string): boolean {
  return Object.hasOwn(VALUE_BUILTINS, name) && VALUE_BUILTINS[name] === 'function';
}

/** A new reference to the builtin type `name` as an object (statically allocated). */
export function builtinTypeValue(m: Machine, name: string): ObjectHandle {
  return m.heap.builtinObject(name, 'type');
}

/** A new reference to the builtin `name` as an object (one of VALUE_BUILTINS). */
export function builtinValue(m: Machine, name: string): ObjectHandle {
  return m.heap.builtinObject(name, VALUE_BUILTINS[name]!);
}

/** True for an operator.itemgetter or attrgetter object (called by its own code). */
export function isGetter(m: Machine, o: ObjectHandle): boolean {
  const t = m.heap.typeOf(o);
  return t === 'itemgetter' || t === 'attrgetter';
}

/** True for an object builtinValue made. */
export function isBuiltinValue(m: Machine, o: ObjectHandle): boolean {
  const t = m.heap.typeOf(o);
  return t === 'builtin_function_or_method' || t === 'builtin_type';
}

/** `f(*items)` from C for a builtin `f` (items borrowed): a new reference. */
export function callBuiltinValue(
  m: Machine,
  f: ObjectHandle,
  items: readonly ObjectHandle[],
): ObjectHandle {
  const name = m.heap.builtinName(f);
  const dot = name.indexOf('.');
  if (dot >= 0) {
    // A library module's function held as a value (`operator.add`).
    const fn = libraryModules().get(name.slice(0, dot))?.functions[name.slice(dot + 1)];
    if (fn === undefined) throw new Unsupported(`calling ${name} here`);
    return fn(m, items);
  }
  const fn = generatorBuiltin(name) ?? builtin(name);
  // A builtin exception class is called by the compiler (compile-try.ts).
  if (fn === undefined) throw new Unsupported(`calling ${name} here`);
  return callBuiltin(m, name, fn, items);
}
