/**
 * Attributes of the program's instances and classes (`pymem run`):
 *
 *   o.x / o.x = v / del o.x   the instance's values or `__dict__` (@pymem/objects
 *                             instances.ts); a name missing there is looked up along the
 *                             class's MRO (_PyType_Lookup): a function becomes a bound
 *                             method (PyMethod_New), anything else is returned as is
 *   C.x / C.x = v             the class's dict (type_getattro / type_setattro)
 *   o.x op= v                 load, in-place operation, store (the operands released first)
 *
 * Invariant: every handle returned is a new reference; a stored value's reference is
 * taken over.
 * Refused: dunder attributes other than the ones class-dunders.ts calls, an empty slot or
 * a slot's descriptor. A builtin value's missing attribute is CPython's AttributeError
 * (its type's names recorded: attribute-suggestions.ts).
 * Models PyObject_GenericGetAttr / _PyObject_GenericSetAttrWithDict
 * (Objects/object.c), type_getattro / type_setattro and _PyType_Lookup
 * (Objects/typeobject.c), 3.8–3.13.
 */
import type { SyntaxNode } from '@lezer/common';
import { HeapError, type ObjectHandle } from '@pymem/objects';
import type { ArithmeticOperator } from './arithmetic.ts';
import { builtinAttributeError, builtinLacks, exceptionDir } from './attribute-suggestions.ts';
import { runFunction } from './class-calls.ts';
import { descriptorGet, isProperty } from './class-descriptors.ts';
import { CALLED_DUNDERS, markDictRead } from './class-dunders.ts';
import { lruCacheAttribute } from './compile-lru-cache.ts';
import { type Compiler, inplace, pythonErrorOf, type Scope } from './compiler.ts';
import { PythonError, Unsupported } from './errors.ts';
import { contextError, exceptionClass, programExceptionClass } from './exception-classes.ts';
import { exceptionBaseOf, exceptionMatches } from './exception-subclasses.ts';
import { type Expression, Flow, type Statement } from './frame.ts';
import { functionAttribute, functionDictOf } from './function-attributes.ts';
import type { Machine } from './machine.ts';
import { dequeAttribute } from './module-collections.ts';
import { defaultdictAttribute } from './module-defaultdict.ts';
import { partialAttribute } from './module-functools.ts';
import { namedTupleAttribute } from './module-namedtuple.ts';

/**
 * A HeapError from an instance operation as the Python error or refusal it stands for:
 * an attribute store the instance has no room for (`__slots__`), whose AttributeError
 * carries no context on 3.10–3.12; 3.13 words it and fills it as a lookup's.
 */
export function attributeErrorOf(
  m: Machine,
  error: unknown,
  failed?: { readonly o: ObjectHandle; readonly name: string; readonly store: boolean },
): unknown {
  if (!(error instanceof HeapError)) return error;
  if (error.code === 'index') {
    const text = error.message.replace(/^AttributeError: /, '');
    if (failed === undefined) {
      if (m.minor >= 13)
        return new Unsupported('this attribute operation on 3.13 (its AttributeError)');
      return new PythonError('AttributeError', text);
    }
    // A lookup's error carries its context from 3.10; a store's from 3.13, reworded.
    if (!failed.store) return contextError(m, 'AttributeError', text, failed.name, failed.o);
    if (m.minor < 13) return new PythonError('AttributeError', text);
    const worded = `${text} and no __dict__ for setting new attributes`;
    return contextError(m, 'AttributeError', worded, failed.name, failed.o);
  }
  return new Unsupported(`this attribute operation (${error.message})`);
}

/**
 * The AttributeError of a failed lookup of `name` on `o`: 3.10+ store both in it
 * (set_attribute_error_context), which keeps `o` alive as long as the exception.
 */
function attributeError(m: Machine, text: string, o: ObjectHandle, name: string): PythonError {
  return contextError(m, 'AttributeError', text, name, o);
}

/** The class's MRO (its `__mro__` tuple's items, `object` left out). */
export function classMro(m: Machine, cls: ObjectHandle): ObjectHandle[] {
  const heap = m.heap;
  const [, mro] = heap.referents(cls);
  if (mro === undefined || heap.typeOf(mro) !== 'tuple') return [cls];
  return heap.referents(mro).filter((c) => classNames(m).has(c));
}

/** `name` along the class's MRO (_PyType_Lookup): a borrowed reference, or 0. */
export function classLookup(m: Machine, cls: ObjectHandle, name: string): ObjectHandle {
  const heap = m.heap;
  const key = heap.identifier(name);
  try {
    for (const c of classMro(m, cls)) {
      const dict = heap.referents(c)[0];
      if (dict === undefined || heap.typeOf(dict) !== 'dict') continue;
      const v = heap.dictGet(dict, key);
      if (v !== 0) return v;
    }
    return 0;
  } finally {
    heap.decref(key);
  }
}

/** `o.name` on an instance or a class the program made: a new reference. */
export function loadAttribute(m: Machine, o: ObjectHandle, name: string): ObjectHandle {
  const heap = m.heap;
  const type = heap.typeOf(o);
  if (type === 'deque') return dequeAttribute(m, o, name);
  if (type === 'namedtuple' || type === 'namedtuple_type') return namedTupleAttribute(m, o, name);
  if (type === 'defaultdict') return defaultdictAttribute(m, o, name);
  if (type === 'Counter') throw new Unsupported(`the attribute Counter.${name}`);
  if (type === 'OrderedDict') throw new Unsupported(`the attribute OrderedDict.${name}`);
  if (type === 'instance') {
    if (name === '__dict__') {
      markDictRead(m);
      try {
        return heap.instanceDict(o);
      } catch (error) {
        throw attributeErrorOf(m, error, { o, name, store: false });
      }
    }
    if (
      name.startsWith('__') &&
      name.endsWith('__') &&
      (!CALLED_DUNDERS.has(name) || classLookup(m, heap.classOf(o), name) === 0)
    )
      throw new Unsupported(`the attribute ${name}`);
    // A data descriptor on the class (a property) comes before the instance's own.
    const descriptor = classLookup(m, heap.classOf(o), name);
    if (isProperty(m, descriptor))
      return descriptorGet(m, descriptor, o, heap.classOf(o), callGetter(m))!;
    const v = heap.getAttr(o, name);
    if (v !== 0) {
      heap.incref(v);
      return v;
    }
    const cls = heap.classOf(o);
    const c = classLookup(m, cls, name);
    if (c === 0)
      throw attributeError(m, `'${heap.typeNameOf(o)}' object has no attribute '${name}'`, o, name);
    if (heap.typeOf(c) === 'getset_descriptor')
      throw new Unsupported(`reading the empty slot ${name} (its AttributeError's text)`);
    if (heap.typeOf(c) === 'function') return heap.newBoundMethod(c, o);
    const got = descriptorGet(m, c, o, cls, callGetter(m));
    if (got !== undefined) return got;
    heap.incref(c);
    return c;
  }
  if ((type === 'type' || type === 'builtin_type') && name === '__name__') return typeName(m, o);
  if (type === 'type') {
    if (name === '__mro__' && classNames(m).has(o)) {
      // type_getattro finds the __mro__ member: the class's own tuple.
      const [, mro] = heap.referents(o);
      if (mro !== undefined && heap.typeOf(mro) === 'tuple') {
        heap.incref(mro);
        return mro;
      }
    }
    if ((name === '__bases__' || name === '__base__') && classNames(m).has(o)) {
      // type_getattro finds the members: tp_bases (the class's own tuple), tp_base
      // (its one base; best_base's choice among several is not modelled).
      const [, mro, bases, base] = heap.referents(o);
      if (mro !== undefined && bases !== undefined && heap.typeOf(bases) === 'tuple') {
        const items = heap.referents(bases);
        if (name === '__base__' && items.length !== 1)
          throw new Unsupported('__base__ of a class with several bases');
        const v = name === '__bases__' ? bases : (items[0] ?? base!);
        heap.incref(v);
        return v;
      }
    }
    const dunder = name.startsWith('__') && name.endsWith('__');
    if (dunder && !CALLED_DUNDERS.has(name))
      throw new Unsupported(`the attribute ${name} of a class`);
    const c = classLookup(m, o, name);
    // A dunder the class does not define is object's (a slot wrapper): not modelled.
    if (dunder && c === 0) throw new Unsupported(`the attribute ${name} of a class`);
    if (c !== 0 && heap.typeOf(c) === 'getset_descriptor')
      throw new Unsupported(`the descriptor ${name} of a class`);
    if (c === 0) {
      throw attributeError(
        m,
        `type object '${className(m, o)}' has no attribute '${name}'`,
        o,
        name,
      );
    }
    const got = descriptorGet(m, c, o, o, callGetter(m));
    if (got !== undefined) return got;
    heap.incref(c);
    return c;
  }
  if (type === 'exception' && !name.startsWith('__')) {
    // An attribute the program's exception class's __init__ stored (its __dict__).
    const v = heap.exceptionGetAttr(o, name);
    if (v !== 0) {
      heap.incref(v);
      return v;
    }
    // A name neither it nor its classes have (`e.message`): CPython's AttributeError.
    const names = exceptionDir(m, o);
    if (names !== null && !names.includes(name)) {
      const text = `'${exceptionClass(heap, o)}' object has no attribute '${name}'`;
      throw attributeError(m, text, o, name);
    }
  }
  if (type === 'partial') return partialAttribute(m, o, name);
  if (type === 'function') return functionAttribute(m, o, name);
  if (type === 'method') {
    // method_getattro: its own `__func__` and `__self__` members, else the function's
    // attribute (`m.__name__`, `m.__qualname__`, `m.__doc__`).
    const [func, self] = heap.referents(o) as [ObjectHandle, ObjectHandle];
    const own = name === '__func__' ? func : name === '__self__' ? self : 0;
    if (own !== 0) {
      heap.incref(own);
      return own;
    }
    if (heap.typeOf(func) === 'function') return functionAttribute(m, func, name);
  }
  if (type === 'cell' && name === 'cell_contents') {
    // cell_get_contents: the referent, or ValueError for an empty cell.
    const [contents] = heap.referents(o);
    if (contents === undefined) throw new PythonError('ValueError', 'Cell is empty');
    heap.incref(contents);
    return contents;
  }
  if (type === '_lru_cache_wrapper') return lruCacheAttribute(m, o, name);
  if (builtinLacks(m, o, name)) throw builtinAttributeError(m, o, name);
  throw new Unsupported(`the attribute .${name} of a ${heap.typeNameOf(o)}`);
}

/** property_descr_get's call of the getter: its frame gets a new reference to `self`. */
function callGetter(m: Machine): (f: ObjectHandle, self: ObjectHandle) => ObjectHandle {
  return (f, self) => {
    if (!m.functions.has(f)) throw new Unsupported('this property getter');
    m.heap.incref(self);
    return runFunction(m, f, [self]);
  };
}

/**
 * property_descr_set: `o.name = v` calls the property's fset (`which` 1) with `o` and
 * `v`, `del o.name` its fdel (2) with `o` — a vectorcall, the frame getting new
 * references; the result is released. A property without that function raises an
 * AttributeError whose text differs per version: refused.
 */
function callAccessor(
  m: Machine,
  property: ObjectHandle,
  which: 1 | 2,
  o: ObjectHandle,
  v: ObjectHandle,
): void {
  const f = m.heap.propertyFunctions(property)[which];
  if (f === 0)
    throw new Unsupported(
      `${which === 1 ? 'assigning' : 'deleting'} a property without a ${which === 1 ? 'setter' : 'deleter'} (its AttributeError differs per version)`,
    );
  if (!m.functions.has(f)) throw new Unsupported('this property accessor');
  m.heap.incref(o);
  const args = [o];
  if (v !== 0) {
    m.heap.incref(v);
    args.push(v);
  }
  m.heap.decref(runFunction(m, f, args));
}

/** Each class's `__name__`, by the class object (recorded when the class statement runs). */
const CLASS_NAMES = new WeakMap<Machine, Map<ObjectHandle, string>>();

/** The names recorded so far (the class statement records each class's). */
export function classNames(m: Machine): Map<ObjectHandle, string> {
  let names = CLASS_NAMES.get(m);
  if (names === undefined) {
    names = new Map();
    CLASS_NAMES.set(m, names);
  }
  return names;
}

/** Per machine, the `__qualname__` of each class made inside a class body. */
const CLASS_QUALNAMES = new WeakMap<Machine, Map<ObjectHandle, string>>();

/** The qualnames of the program's nested classes (a class not in it: its name). */
export function classQualnames(m: Machine): Map<ObjectHandle, string> {
  let names = CLASS_QUALNAMES.get(m);
  if (names === undefined) {
    names = new Map();
    CLASS_QUALNAMES.set(m, names);
  }
  return names;
}

/** A program class's `__qualname__`. */
export function classQualname(m: Machine, cls: ObjectHandle): string {
  return classQualnames(m).get(cls) ?? className(m, cls);
}

/**
 * `cls.__name__` (type_name): a program class's own name (ht_name, the interned str its
 * class statement passed: a new reference); a static type's is a new str of tp_name
 * after its last dot.
 */
export function typeName(m: Machine, cls: ObjectHandle): ObjectHandle {
  const heap = m.heap;
  if (classNames(m).has(cls)) return heap.identifier(className(m, cls));
  const name = heap.typeObjectName(cls);
  return heap.newStr(name.slice(name.lastIndexOf('.') + 1));
}

/** A class's `__name__`. */
export function className(m: Machine, cls: ObjectHandle): string {
  return classNames(m).get(cls) ?? '?';
}

/** `o.name = v`; takes over `v`. */
export function storeAttribute(m: Machine, o: ObjectHandle, name: string, v: ObjectHandle): void {
  const heap = m.heap;
  const type = heap.typeOf(o);
  try {
    if (name.startsWith('__') && name.endsWith('__'))
      throw new Unsupported(`assigning the attribute ${name}`);
    const descriptor = type === 'instance' ? classLookup(m, heap.classOf(o), name) : 0;
    if (isProperty(m, descriptor)) callAccessor(m, descriptor, 1, o, v);
    else if (type === 'instance') heap.setAttr(o, name, v);
    else if (type === 'type') heap.setClassAttr(o, name, v);
    else if (type === 'exception' && programExceptionClass(heap, o) !== 0)
      heap.exceptionSetAttr(o, name, v);
    else if (type === 'function' && m.functions.has(o)) {
      // _PyObjectDict_SetItem: the function's __dict__ (PyDict_New on first use), the
      // name's interned str as the key.
      const key = heap.identifier(name);
      try {
        heap.dictSetItem(functionDictOf(m, o), key, v);
      } finally {
        heap.decref(key);
      }
    } else throw new Unsupported(`assigning an attribute of a ${heap.typeNameOf(o)}`);
  } catch (error) {
    throw attributeErrorOf(m, error, type === 'instance' ? { o, name, store: true } : undefined);
  } finally {
    heap.decref(v);
  }
}

/** `del o.name`. */
export function deleteAttribute(m: Machine, o: ObjectHandle, name: string): void {
  const heap = m.heap;
  if (heap.typeOf(o) !== 'instance')
    throw new Unsupported(`deleting an attribute of a ${heap.typeNameOf(o)}`);
  if (name.startsWith('__') && name.endsWith('__'))
    throw new Unsupported(`deleting the attribute ${name}`);
  const descriptor = classLookup(m, heap.classOf(o), name);
  if (isProperty(m, descriptor)) {
    callAccessor(m, descriptor, 2, o, 0);
    return;
  }
  try {
    if (heap.getAttr(o, name) === 0) {
      // The instance's dict says KeyError, which 3.8–3.10 pass on as the bare name; no
      // context is stored (measured, 3.8.18–3.13.0).
      if (!heap.classHasDict(heap.classOf(o)))
        throw new Unsupported('deleting a missing attribute of a __slots__ instance');
      const text =
        m.minor <= 10 ? name : `'${heap.typeNameOf(o)}' object has no attribute '${name}'`;
      throw new PythonError('AttributeError', text);
    }
    heap.delAttr(o, name);
  } catch (error) {
    throw attributeErrorOf(m, error);
  }
}

/** `isinstance(o, C)` for a class the program made: C is on the MRO of o's class. */
export function isInstanceOfClass(m: Machine, o: ObjectHandle, cls: ObjectHandle): boolean {
  const heap = m.heap;
  if (heap.typeOf(cls) !== 'type') throw new Unsupported('isinstance() with this second argument');
  if (heap.typeOf(o) === 'exception')
    return exceptionBaseOf(m, cls) !== null && exceptionMatches(m, o, cls);
  return heap.typeOf(o) === 'instance' && classMro(m, heap.classOf(o)).includes(cls);
}

/**
 * `o.name op= v`: the object, its attribute, the value, the in-place operation (the
 * operands released), then the store (the old value released), then the object.
 */
export function updateAttribute(
  c: Compiler,
  objectNode: SyntaxNode,
  name: string,
  op: string,
  value: Expression,
  scope: Scope,
): Statement {
  const m = c.m;
  const heap = m.heap;
  const object = c.expression(objectNode, scope);
  return (frame) => {
    const o = object(frame);
    try {
      const left = loadAttribute(m, o, name);
      let right: ObjectHandle;
      try {
        right = value(frame);
      } catch (error) {
        heap.decref(left);
        throw error;
      }
      let result: ObjectHandle;
      try {
        result = inplace(m, op as ArithmeticOperator, left, right);
      } catch (error) {
        throw pythonErrorOf(error);
      } finally {
        heap.decref(left);
        heap.decref(right);
      }
      storeAttribute(m, o, name, result);
    } finally {
      heap.decref(o);
    }
    return Flow.next;
  };
}
