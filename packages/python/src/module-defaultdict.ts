/**
 * `collections.defaultdict` in `pymem run`, on the heap's defaultdicts (@pymem/objects
 * default-dicts.ts): a dict whose missing keys are filled by a factory.
 *
 *   collections.defaultdict()          default_factory None: a missing key raises KeyError
 *   collections.defaultdict(f)         f a function of the program taking no arguments
 *   collections.defaultdict(list)      a built-in type: list, int, set, dict, str, tuple
 *                                      (the type call as the builtin makes it)
 *   d[k]                               dict_subscript; a missing key: __missing__
 *                                      (defdict_missing) calls the factory with no
 *                                      arguments, stores its result with PyObject_SetItem
 *                                      and returns it
 *   d[k] = v, del d[k], k in d, len(d), bool(d), for k in d, repr(d)
 *   d.get/keys/values/items/pop/setdefault/clear/update   dict's own methods
 *   d.default_factory                  the function, or None
 *
 * The type call (type_call → dict_new → defdict_init) allocates the object (dict's size
 * plus one pointer, tracked at once), then takes a reference to the factory; its
 * arguments tuple is not modelled (id() is refused after a library import).
 * __missing__ is looked up on every miss (_PyObject_LookupSpecial makes a bound
 * builtin method, released after the call: not modelled, for the same reason).
 * Refused: a second argument (the initial items), keyword arguments, a factory that is
 * not None, a built-in type named above or a no-argument function of the program;
 * `d.copy()` and `copy.copy(d)` (defdict_copy), comparisons, `|` (3.9+), `__reduce__`,
 * subclassing, the repr of a defaultdict whose factory is a function (it prints the
 * function's address).
 * Models Modules/_collectionsmodule.c (defdict_init, defdict_missing, defdict_repr,
 * defdict_members) and Objects/dictobject.c (dict_subscript's __missing__ lookup),
 * 3.8–3.13; 3.14 checked on Pyodide.
 */
import type { ObjectHandle } from '@pymem/objects';
import { defaultFactory, defaultFactoryType, newDefaultDict } from '@pymem/objects';
import { builtin } from './builtins.ts';
import { runFunction } from './class-calls.ts';
import { COUNTER_DICT_METHODS } from './counter-order.ts';
import { PythonError, Unsupported } from './errors.ts';
import { keyError } from './exception-classes.ts';
import type { Machine } from './machine.ts';
import { shared } from './operations.ts';

/** The built-in types a defaultdict may take as its factory (their zero-argument call). */
export const BUILTIN_FACTORIES: ReadonlySet<string> = new Set([
  'list',
  'int',
  'set',
  'dict',
  'str',
  'tuple',
]);

/** The dict methods a defaultdict inherits that the model runs as dict's. */
const DICT_METHODS: ReadonlySet<string> = new Set([
  'get',
  'keys',
  'values',
  'items',
  'pop',
  'setdefault',
  'clear',
  'update',
]);

/**
 * `collections.defaultdict(factory)`: `factory` a handle of the program's (None or a
 * function), or 0 with `factoryType` the built-in type's name. A new reference.
 */
export function newDefaultdict(
  m: Machine,
  factory: ObjectHandle,
  factoryType: string | null,
  rest: readonly ObjectHandle[],
): ObjectHandle {
  const heap = m.heap;
  if (rest.length > 0) throw new Unsupported('defaultdict() with initial items');
  if (factoryType !== null) {
    if (!BUILTIN_FACTORIES.has(factoryType)) throw new Unsupported(`defaultdict(${factoryType})`);
    return newDefaultDict(heap, 0, factoryType);
  }
  if (factory === 0 || heap.typeOf(factory) === 'NoneType') return newDefaultDict(heap, 0, null);
  const t = heap.typeOf(factory);
  const code = t === 'function' ? m.functions.get(factory) : undefined;
  if (code === undefined) {
    if (t === 'int' || t === 'str' || t === 'list' || t === 'tuple' || t === 'dict')
      throw new PythonError('TypeError', 'first argument must be callable or None');
    throw new Unsupported(`a defaultdict whose factory is a ${heap.typeNameOf(factory)}`);
  }
  if (
    code.parameters.length > 0 ||
    (code.keywordOnly?.length ?? 0) > 0 ||
    code.varargs === true ||
    code.varkeywords === true ||
    code.makeGenerator !== undefined
  )
    throw new Unsupported('a defaultdict factory that takes parameters or is a generator');
  return newDefaultDict(heap, factory, null);
}

/** PyObject_CallNoArgs(factory) for the function or built-in type a defaultdict holds. */
function callFactory(m: Machine, d: ObjectHandle): ObjectHandle {
  const heap = m.heap;
  const type = defaultFactoryType(heap, d);
  if (type !== null) return builtin(type)!(m, []);
  const f = defaultFactory(heap, d);
  // _PyFunction_Vectorcall: 3.11+ the frame holds the function too (f_funcobj).
  // The defaultdict's own reference is the one the call borrows.
  const holdsFunction = m.rules.callFrameTakesArguments;
  if (holdsFunction) heap.incref(f);
  try {
    return runFunction(m, f, []);
  } finally {
    if (holdsFunction) heap.decref(f);
  }
}

/** `d[k]` on a defaultdict: the value, or __missing__'s (a new reference). */
export function defaultdictItem(m: Machine, d: ObjectHandle, k: ObjectHandle): ObjectHandle {
  const heap = m.heap;
  const v = heap.dictGet(d, k);
  if (v !== 0) return shared(heap, v);
  const type = defaultFactoryType(heap, d);
  if (type === null && defaultFactory(heap, d) === 0) throw keyError(heap, k);
  // The key is held by the caller across the factory's call; the factory may change d.
  const value = callFactory(m, d);
  try {
    heap.dictSetItem(d, k, value);
  } catch (error) {
    heap.decref(value);
    throw error;
  }
  return value;
}

/** The type whose method `o.name(…)` runs: dict for a defaultdict's or a Counter's inherited methods. */
export function methodOwner(m: Machine, o: ObjectHandle, name: string): string {
  const t = m.heap.typeOf(o);
  if (t === 'Counter') {
    if (COUNTER_DICT_METHODS.has(name)) return 'dict';
    throw new Unsupported(`the method Counter.${name}`);
  }
  if (t !== 'defaultdict') return t;
  if (DICT_METHODS.has(name)) return 'dict';
  throw new Unsupported(`the method defaultdict.${name}`);
}

/** `d.default_factory`: the function or None (a built-in type is not an object here). */
export function defaultdictAttribute(m: Machine, d: ObjectHandle, name: string): ObjectHandle {
  const heap = m.heap;
  if (name !== 'default_factory') throw new Unsupported(`the attribute defaultdict.${name}`);
  const type = defaultFactoryType(heap, d);
  if (type !== null) throw new Unsupported(`the built-in type ${type} as a value`);
  const f = defaultFactory(heap, d);
  return f === 0 ? heap.newNone() : shared(heap, f);
}

/**
 * defdict_repr's factory part: `<class 'list'>` or `None`; a function's repr prints
 * its address, which the model does not vouch for after a library import.
 */
export function factoryRepr(m: Machine['heap'], d: ObjectHandle): string {
  const type = defaultFactoryType(m, d);
  if (type !== null) return `<class '${type}'>`;
  if (defaultFactory(m, d) !== 0)
    throw new Unsupported('the repr of a defaultdict whose factory is a function (its address)');
  return 'None';
}
