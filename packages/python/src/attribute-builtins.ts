/**
 * `getattr`, `hasattr`, `setattr`, `delattr` and `vars` on instances of the program's classes
 * (`pymem run`), as `o.name`, `o.name = v` and `del o.name` do (class-attributes.ts).
 *
 * getattr with a default and hasattr look the name up as _PyObject_LookupAttr does for
 * a generic getattr: a missing name is no error object at all (the default, or False).
 * setattr stores under the interned name: a name str made at run time would be interned
 * in place (PyObject_SetAttr), so only a name that is a constant of the code is taken.
 * Models Python/bltinmodule.c builtin_getattr / builtin_hasattr_impl /
 * builtin_setattr_impl / builtin_delattr_impl, 3.8–3.14.
 *
 * The program's functions take getattr, hasattr and setattr too: their attributes live
 * in their `__dict__` (function-attributes.ts).
 *
 * Refused: objects other than instances and functions, classes with `__getattr__`,
 * `__getattribute__`, `__setattr__` or `__delattr__`, a name that is not a str, dunder
 * names (but `__dict__` for getattr/hasattr), a property or an empty slot looked up with
 * a default (its getter or descriptor raises an AttributeError that is then cleared).
 */
import { HeapError, type ObjectHandle } from '@pymem/objects';
import { classLookup, deleteAttribute, loadAttribute, storeAttribute } from './class-attributes.ts';
import { isProperty } from './class-descriptors.ts';
import { markDictRead } from './class-dunders.ts';
import { PythonError, Unsupported } from './errors.ts';
import { functionDictOf } from './function-attributes.ts';
import type { Machine } from './machine.ts';
import { shared } from './operations.ts';

/** The builtins of this file. */
export const ATTRIBUTE_BUILTIN_NAMES: ReadonlySet<string> = new Set([
  'getattr',
  'hasattr',
  'setattr',
  'delattr',
  'vars',
]);

const HOOKS = ['__getattr__', '__getattribute__', '__setattr__', '__delattr__'];

/** The instance and the name of a call, checked (see the module comment). */
function target(m: Machine, builtin: string, o: ObjectHandle, name: ObjectHandle): string {
  const heap = m.heap;
  const ofFunction =
    heap.typeOf(o) === 'function' &&
    m.functions.has(o) &&
    (builtin === 'getattr' || builtin === 'hasattr' || builtin === 'setattr');
  if (heap.typeOf(o) !== 'instance' && !ofFunction)
    throw new Unsupported(`${builtin}() of a ${heap.typeNameOf(o)}`);
  if (heap.typeOf(name) !== 'str')
    throw new Unsupported(`${builtin}() with a name that is not a str`);
  if (!ofFunction)
    for (const hook of HOOKS)
      if (classLookup(m, heap.classOf(o), hook) !== 0)
        throw new Unsupported(`${builtin}() on an instance whose class defines ${hook}`);
  const text = heap.valueOf(name) as string;
  if (
    text.startsWith('__') &&
    text.endsWith('__') &&
    (text !== '__dict__' || builtin === 'setattr' || builtin === 'delattr')
  )
    throw new Unsupported(`${builtin}() of the attribute ${text}`);
  return text;
}

/**
 * The attribute, a new reference, or 0 when the instance has none (no error made).
 * @throws Unsupported where the lookup would run code that raises and clears.
 */
function lookup(m: Machine, o: ObjectHandle, name: string): ObjectHandle {
  const heap = m.heap;
  if (heap.typeOf(o) === 'function') {
    // A function's attributes: its __dict__ (made on first read), or a name in it.
    if (name === '__dict__') return shared(heap, functionDictOf(m, o));
    const dict = heap.functionDict(o, false);
    if (dict === 0) return 0;
    const key = heap.identifier(name);
    const v = heap.dictGet(dict, key);
    heap.decref(key);
    return v === 0 ? 0 : shared(heap, v);
  }
  if (name === '__dict__') {
    // PyObject_GenericGetDict: the instance's dict (made now if its values are inline);
    // a class with __slots__ only has none.
    markDictRead(m);
    try {
      return heap.instanceDict(o);
    } catch (error) {
      if (error instanceof HeapError) return 0;
      throw error;
    }
  }
  const descriptor = classLookup(m, heap.classOf(o), name);
  if (isProperty(m, descriptor)) {
    // The getter runs as `o.name` runs it; one that raises would be caught and cleared
    // here (an AttributeError: hasattr's False), which is not modelled.
    try {
      return loadAttribute(m, o, name);
    } catch (error) {
      if (error instanceof PythonError)
        throw new Unsupported('getattr()/hasattr() of a property whose getter raises');
      throw error;
    }
  }
  if (heap.getAttr(o, name) !== 0) return loadAttribute(m, o, name);
  if (descriptor === 0) return 0;
  if (heap.typeOf(descriptor) === 'getset_descriptor')
    throw new Unsupported('getattr()/hasattr() of an empty slot');
  return loadAttribute(m, o, name);
}

/** Runs the builtin `name` (one of {@link ATTRIBUTE_BUILTIN_NAMES}) on borrowed arguments: a new reference. */
export function attributeBuiltin(
  m: Machine,
  name: string,
  args: readonly ObjectHandle[],
): ObjectHandle {
  const heap = m.heap;
  if (name === 'vars') {
    // builtin_vars with an argument: its `__dict__` (_PyObject_LookupAttr).
    if (args.length !== 1) throw new Unsupported(`vars() with ${args.length} arguments`);
    const o = args[0]!;
    if (heap.typeOf(o) !== 'instance') throw new Unsupported(`vars() of a ${heap.typeNameOf(o)}`);
    const key = heap.identifier('__dict__');
    try {
      target(m, 'vars', o, key);
    } finally {
      heap.decref(key);
    }
    const found = lookup(m, o, '__dict__');
    if (found === 0)
      throw new PythonError('TypeError', 'vars() argument must have __dict__ attribute');
    return found;
  }
  const arity = { getattr: [2, 3], hasattr: [2, 2], setattr: [3, 3], delattr: [2, 2] }[name]!;
  if (args.length < arity[0]! || args.length > arity[1]!)
    throw new Unsupported(`${name}() with ${args.length} arguments`);
  const [o, nameArg] = args as [ObjectHandle, ObjectHandle];
  const attribute = target(m, name, o, nameArg);
  switch (name) {
    case 'getattr': {
      if (args.length === 2) return loadAttribute(m, o, attribute);
      const found = lookup(m, o, attribute);
      return found !== 0 ? found : shared(heap, args[2]!);
    }
    case 'hasattr': {
      const found = lookup(m, o, attribute);
      if (found !== 0) heap.decref(found);
      return heap.newBool(found !== 0);
    }
    case 'setattr':
      if (!m.constants.has(nameArg))
        throw new Unsupported('setattr() with a name made at run time (interned in place)');
      storeAttribute(m, o, attribute, shared(heap, args[2]!));
      return heap.newNone();
    default:
      deleteAttribute(m, o, attribute);
      return heap.newNone();
  }
}
