/**
 * The program's exception classes: `class E(ValueError): pass` and classes deriving
 * from those, joined to the builtin exceptions (exception-classes.ts, raise.ts).
 *
 *   class E(ValueError): pass   type_new with base ValueError: tp_bases (ValueError,),
 *                               tp_mro (E, ValueError, Exception, BaseException, object),
 *                               one `__weakref__` descriptor (BaseException has a dict,
 *                               no weak list); 3.8–3.10 cached keys, 3.11+ none
 *   E(a, b)                     type_call: the arguments tuple, then BaseException_new
 *                               (the exception keeps that tuple as args, and a reference
 *                               to its class), BaseException_init (args again: no change)
 *   raise E                     do_raise calls the class with no arguments
 *   except E / except ValueError  the object's class has E (or ValueError) on its MRO
 *
 * Invariant: {@link exceptionBaseOf} knows exactly the live program classes that derive
 * from a builtin exception class (each class statement records its class, or forgets
 * a reused handle); their instances are heap exceptions whose class is recorded
 * beside them (setExceptionClass).
 *
 *   __init__(self, …)           slot_tp_init after BaseException_new; super().__init__(…)
 *                               is BaseException_init (args: a new tuple); `self.x = v`
 *                               goes to the exception's __dict__ (objects exceptions.ts)
 *
 * Refused (exit 2): an exception class body with members other than `__init__`
 * (`__str__`: str() and the uncaught traceback would call into the program; other
 * methods, attributes); super() calls other than BaseException's `__init__`; a builtin
 * exception base with fields of its own (SystemExit, StopIteration, …) or beside other
 * bases.
 * Models type_new / best_base (Objects/typeobject.c), BaseException_new,
 * BaseException_init and the subclass sizes (Objects/exceptions.c), do_raise
 * (Python/ceval.c), 3.8–3.13; sizes and texts measured on 3.8.18–3.13.0.
 */
import type { SyntaxNode } from '@lezer/common';
import type { ObjectHandle } from '@pymem/objects';
import { classLookup, classMro, classNames } from './class-attributes.ts';
import { runFunction } from './class-calls.ts';
import type { Compiler, Scope } from './compiler.ts';
import { Unsupported } from './errors.ts';
import {
  builtinBaseChain,
  builtinExceptionClass,
  EXCEPTION_CLASSES,
  exceptionArgs,
  hasExtraFields,
  isSubclass,
  programExceptionClass,
  setExceptionClass,
} from './exception-classes.ts';
import type { Expression, Frame } from './frame.ts';
import type { Machine } from './machine.ts';

/** The nearest builtin exception class of each live program exception class. */
const EXCEPTION_BASES: WeakMap<Machine, Map<ObjectHandle, string>> = new WeakMap();

function basesOf(m: Machine): Map<ObjectHandle, string> {
  let map = EXCEPTION_BASES.get(m);
  if (map === undefined) {
    map = new Map();
    EXCEPTION_BASES.set(m, map);
  }
  return map;
}

/** The nearest builtin exception class of program class `cls`, or null when it is none. */
export function exceptionBaseOf(m: Machine, cls: ObjectHandle): string | null {
  return basesOf(m).get(cls) ?? null;
}

/**
 * The builtin exception class a class statement names as its base, with that class's
 * own bases (nearest first); null when no base is a builtin exception class.
 */
export function builtinExceptionBase(
  c: Compiler,
  baseNodes: readonly SyntaxNode[],
  scope: Scope,
): string[] | null {
  const named = baseNodes.filter(
    (b) =>
      b.name === 'VariableName' &&
      EXCEPTION_CLASSES.has(c.text(b)) &&
      !scope.locals?.has(c.text(b)) &&
      !c.moduleAssigned.has(c.text(b)),
  );
  if (named.length === 0) return null;
  if (baseNodes.length > 1) throw c.fail('an exception class with several bases', baseNodes[1]!);
  const name = c.text(named[0]!);
  if (hasExtraFields(name, 8) || hasExtraFields(name, c.m.minor) || name === 'StopIteration')
    throw c.fail(`a class deriving from ${name} (its fields are not modelled)`, named[0]!);
  return builtinBaseChain(name);
}

/**
 * Before type_new: an exception class (deriving from a builtin exception class or from
 * one of the program's) must have an empty body (`pass`).
 */
export function checkExceptionClassBody(
  m: Machine,
  exceptionBase: readonly string[] | null,
  baseValues: readonly ObjectHandle[],
  names: readonly string[],
): void {
  const derives = exceptionBase !== null || baseValues.some((b) => exceptionBaseOf(m, b) !== null);
  if (!derives) return;
  if (baseValues.length > 1) throw new Unsupported('an exception class with several bases');
  const others = names.filter((n) => n !== '__init__');
  if (others.length > 0)
    throw new Unsupported(`an exception class body defining ${others.join(', ')}`);
}

/** After type_new: records whether `cls` (a new class) is an exception class. */
export function recordClass(
  m: Machine,
  cls: ObjectHandle,
  exceptionBase: readonly string[] | null,
  baseValues: readonly ObjectHandle[],
): void {
  const builtin =
    exceptionBase?.[0] ?? (baseValues.length === 1 ? exceptionBaseOf(m, baseValues[0]!) : null);
  if (builtin === null) basesOf(m).delete(cls);
  else basesOf(m).set(cls, builtin);
}

/**
 * `E(args)` of a program exception class: type_call makes the arguments tuple, then
 * BaseException_new the exception holding it. The call's references to the arguments
 * and to the class are released as a class call releases them. A new reference.
 */
export function newProgramException(
  m: Machine,
  cls: ObjectHandle,
  values: ObjectHandle[],
): ObjectHandle {
  const heap = m.heap;
  const builtin = exceptionBaseOf(m, cls)!;
  const init = classLookup(m, cls, '__init__');
  try {
    const e = heap.newException(values, cls);
    setExceptionClass(heap, e, classNames(m).get(cls)!, cls, builtin);
    m.exceptionState.errors.delete(e);
    if (init !== 0) runInit(m, e, init, values);
    return e;
  } finally {
    m.releaseArguments(values);
    heap.decref(cls);
  }
}

/**
 * slot_tp_init: the class's `__init__(self, *args)` (its frame gets new references),
 * while the call's arguments tuple — also `e.args` — is still held by type_call.
 * The temporaries `super().__init__` makes on 3.9–3.11 (a super object, a
 * method-wrapper) are not allocated: `id()` is refused from here on (exceptionState.made).
 */
function runInit(m: Machine, e: ObjectHandle, init: ObjectHandle, values: ObjectHandle[]): void {
  const heap = m.heap;
  if (heap.typeOf(init) !== 'function' || !m.functions.has(init)) {
    heap.decref(e);
    throw new Unsupported('this __init__ of an exception class');
  }
  m.exceptionState.made = true;
  const args = exceptionArgs(heap, e);
  heap.incref(args);
  try {
    heap.incref(e);
    for (const v of values) heap.incref(v);
    const r = runFunction(m, init, [e, ...values]);
    const isNone = heap.typeOf(r) === 'NoneType';
    heap.decref(r);
    if (!isNone) throw new Unsupported('an __init__ returning something other than None');
  } catch (error) {
    heap.decref(args);
    heap.decref(e);
    throw error;
  }
  heap.decref(args);
}

/**
 * `super().name(args)` in a method of a program exception class, for `self` an
 * exception: only `__init__` found on no program class after `cls` — BaseException_init
 * (`self.args` becomes a tuple of the arguments). Returns None (a new reference).
 */
export function superExceptionCall(
  m: Machine,
  self: ObjectHandle,
  cls: ObjectHandle,
  name: string,
  args: readonly Expression[],
  frame: Frame,
): ObjectHandle {
  const heap = m.heap;
  const mro = classMro(m, programExceptionClass(heap, self));
  const at = mro.indexOf(cls);
  if (at < 0) throw new Unsupported('super() outside the class');
  if (name !== '__init__' || mro.slice(at + 1).some((k) => classOwns(m, k, name)))
    throw new Unsupported(
      `super().${name} in an exception class other than BaseException's __init__`,
    );
  const values: ObjectHandle[] = [];
  try {
    for (const a of args) values.push(a(frame));
    heap.setExceptionArgs(self, values);
  } finally {
    m.releaseArguments(values);
  }
  return heap.newNone();
}

/** Whether class `k`'s own dict has `name`. */
function classOwns(m: Machine, k: ObjectHandle, name: string): boolean {
  const heap = m.heap;
  const dict = heap.referents(k)[0];
  if (dict === undefined || heap.typeOf(dict) !== 'dict') return false;
  const key = heap.identifier(name);
  try {
    return heap.dictGet(dict, key) !== 0;
  } finally {
    heap.decref(key);
  }
}

/**
 * Whether exception object `e` matches an except clause's class: a builtin class name,
 * or a program class (the value the clause's expression gave).
 */
export function exceptionMatches(
  m: Machine,
  e: ObjectHandle,
  clause: string | ObjectHandle,
): boolean {
  const heap = m.heap;
  if (typeof clause === 'string') return isSubclass(builtinExceptionClass(heap, e), clause);
  // A value: a tuple of classes matches through any item; a builtin exception class as
  // a value is its name (PyErr_GivenExceptionMatches).
  const type = heap.typeOf(clause);
  if (type === 'tuple') {
    const items = heap.referents(clause);
    // 3.11+ check_except_type_valid looks at every item before matching.
    if (!items.every((item) => isExceptionClassValue(m, item)))
      throw new Unsupported('an except clause naming something other than an exception class');
    return items.some((item) => exceptionMatches(m, e, item));
  }
  if (type === 'builtin_type' && EXCEPTION_CLASSES.has(heap.builtinName(clause)))
    return isSubclass(builtinExceptionClass(heap, e), heap.builtinName(clause));
  if (type !== 'type' || exceptionBaseOf(m, clause) === null)
    throw new Unsupported('an except clause naming something other than an exception class');
  const cls = programExceptionClass(heap, e);
  return cls !== 0 && classMro(m, cls).includes(clause);
}

/**
 * Whether `v` is an exception class (a builtin one or the program's). A tuple inside an
 * except clause's tuple is not one: CPython's TypeError ("catching classes that do not
 * inherit from BaseException is not allowed", measured on 3.8–3.13), refused here.
 */
function isExceptionClassValue(m: Machine, v: ObjectHandle): boolean {
  const heap = m.heap;
  const type = heap.typeOf(v);
  if (type === 'builtin_type') return EXCEPTION_CLASSES.has(heap.builtinName(v));
  return type === 'type' && exceptionBaseOf(m, v) !== null;
}

/**
 * The name an uncaught exception of `e`'s class prints: a program class is
 * `__main__.E` on 3.8–3.10, `E` on 3.11+ (profile rule uncaughtMainClassUnqualified).
 */
export function printedClassName(m: Machine, e: ObjectHandle, name: string): string {
  if (programExceptionClass(m.heap, e) === 0 || m.rules.uncaughtMainClassUnqualified) return name;
  return `__main__.${name}`;
}

/**
 * 3.8–3.10: while a `finally` block or a `with` statement's `__exit__` runs for an
 * exception, the value stack holds its type (beside exc_info's): a new reference to a
 * program class, to drop when the block ends; 0 otherwise. Measured:
 * `sys.getrefcount(E)` in such a `finally` is 7 on 3.8–3.10, 5 on 3.11+.
 */
export function stackClassReference(m: Machine, e: ObjectHandle): ObjectHandle {
  if (m.minor >= 11) return 0;
  const cls = programExceptionClass(m.heap, e);
  if (cls !== 0) m.heap.incref(cls);
  return cls;
}
