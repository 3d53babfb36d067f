/**
 * The "Did you mean" hint of an uncaught AttributeError (3.10–3.13), and the
 * AttributeError of a name a builtin value's type does not have. Learned from
 * Python/suggestions.c (offer_suggestions_for_attribute_error, 3.10–3.12) and 3.13's
 * traceback.py (_compute_suggestion_error); the code is pymem's own.
 *
 *   candidates  `dir(obj)` when the exception is printed (it keeps `obj` alive): sorted,
 *               so the first of equally near names is known
 *                 builtin value     its type's names, recorded (python-dirs.ts)
 *                 program instance  its `__dict__`'s names, every class's dict along
 *                                   the MRO, object's
 *                 program class     every class's dict along the MRO, object's
 *                 function          its type's names and its `__dict__`'s
 *   chosen      as a NameError's (name-suggestions.ts chooseSuggestion)
 *   3.13        names starting with `_` are left out unless the name does too or the
 *               innermost frame's `self` is `obj`
 *
 * Not modelled (no hint; the run stops): another object (a module, an exception, a
 * bound method, …), a class with `__dir__` or a builtin base, a dict key that is not a
 * str, and 3.13's `self` test where the innermost frame is a generator's or a class
 * body's. Invariant: a hint is returned only when every candidate is known.
 */
import type { ObjectHandle } from '@pymem/objects';
import { classNames } from './class-attributes.ts';
import { type PythonError, Unsupported } from './errors.ts';
import {
  builtinBaseChain,
  builtinExceptionClass,
  contextError,
  programExceptionClass,
} from './exception-classes.ts';
import type { Machine } from './machine.ts';
import { chooseSuggestion } from './name-suggestions.ts';
import { BUILTIN_DIRS_TEXT } from './python-dirs.ts';

/** `dir()` of an instance of each builtin type, by type name and minor version. */
let builtinDirs: Map<string, Map<number, readonly string[]>> | undefined;

/** Reads python-dirs.ts's lines (`type minor…: name…`) once. */
function recordedDirs(): Map<string, Map<number, readonly string[]>> {
  if (builtinDirs !== undefined) return builtinDirs;
  builtinDirs = new Map();
  for (const line of BUILTIN_DIRS_TEXT.trim().split('\n')) {
    const [head, names] = line.split(': ');
    const [type, ...minors] = head!.split(' ');
    const byMinor = builtinDirs.get(type!) ?? new Map<number, readonly string[]>();
    builtinDirs.set(type!, byMinor);
    for (const minor of minors) byMinor.set(Number(minor), names!.split(' '));
  }
  // An exception class's line lists its names beyond BaseException's, after `+`.
  for (const [type, byMinor] of builtinDirs) {
    if (!type.startsWith('exception.') || type === 'exception.BaseException') continue;
    for (const [minor, names] of byMinor) {
      const base = builtinDirs.get('exception.BaseException')?.get(minor) ?? [];
      const own = names[0] === '+' ? [] : [names[0]!.slice(1), ...names.slice(1)];
      byMinor.set(minor, [...new Set([...base, ...own])].sort());
    }
  }
  return builtinDirs;
}

/** The recorded `dir()` of an instance of builtin type `typeName` on 3.`minor`. */
export function builtinDir(typeName: string, minor: number): readonly string[] | undefined {
  return recordedDirs().get(typeName)?.get(minor);
}

/**
 * True when `o` is a builtin value whose type has no attribute `name` (recorded): the
 * lookup is CPython's AttributeError, not a construct the model lacks.
 * @throws Unsupported for such a name on a version whose names are not recorded
 */
export function builtinLacks(m: Machine, o: ObjectHandle, name: string): boolean {
  const typeName = m.heap.typeNameOf(o);
  const names = builtinDir(typeName, m.minor);
  if (names !== undefined) return !names.includes(name);
  // A version whose names are not recorded (3.14): a name 3.13 lacks is refused here,
  // before the call's arguments run as they would not in CPython.
  const latest = builtinDir(typeName, 13);
  if (latest !== undefined && !latest.includes(name))
    throw new Unsupported(
      `a name ${typeName} lacks on 3.${m.minor} (its type's names are not recorded)`,
    );
  return false;
}

/**
 * The AttributeError of a lookup that {@link builtinLacks} (PyObject_GenericGetAttr's):
 * the same words on 3.8–3.13; 3.10+ keep `o` and `name` in it.
 */
export function builtinAttributeError(m: Machine, o: ObjectHandle, name: string): PythonError {
  const text = `'${m.heap.typeNameOf(o)}' object has no attribute '${name}'`;
  return contextError(m, 'AttributeError', text, name, o);
}

/** The names of a dict whose keys are all strs, or null. */
function dictNames(m: Machine, dict: ObjectHandle): string[] | null {
  const heap = m.heap;
  const names: string[] = [];
  for (const [k] of heap.dictItems(dict)) {
    if (heap.typeOf(k) !== 'str') return null;
    names.push(heap.valueOf(k) as string);
  }
  return names;
}

/**
 * The names in the dicts of the program's classes along `cls`'s MRO (type.__dir__'s
 * merge), or null: when the MRO's other classes are not `builtins` of them (object
 * last), a dict key is not a str, or a class defines `__dir__`.
 */
function programClassNames(m: Machine, cls: ObjectHandle, builtins: number): string[] | null {
  const heap = m.heap;
  const [, mroTuple] = heap.referents(cls);
  if (mroTuple === undefined || heap.typeOf(mroTuple) !== 'tuple') return null;
  const mro = heap.referents(mroTuple);
  const program = mro.filter((c) => classNames(m).has(c));
  if (mro.length - program.length !== builtins) return null;
  const names: string[] = [];
  for (const c of program) {
    const dict = heap.referents(c)[0];
    if (dict === undefined || heap.typeOf(dict) !== 'dict') return null;
    const own = dictNames(m, dict);
    if (own === null || own.includes('__dir__')) return null;
    names.push(...own);
  }
  return names;
}

/** The names in the dicts of `cls` and its bases (type.__dir__), or null. */
function classDirNames(m: Machine, cls: ObjectHandle): string[] | null {
  // Every class but object is the program's (a builtin base's names are not recorded).
  const object = builtinDir('object', m.minor);
  const own = programClassNames(m, cls, 1);
  return object === undefined || own === null ? null : [...object, ...own];
}

/** `dir(o)` (sorted, no repeats) as CPython computes it, or null when not modelled. */
export function dirOf(m: Machine, o: ObjectHandle): string[] | null {
  const heap = m.heap;
  const type = heap.typeOf(o);
  let names: readonly string[] | null;
  if (type === 'instance') {
    const own = heap.instanceAttributeNames(o);
    const inherited = classDirNames(m, heap.classOf(o));
    names = own === null || inherited === null ? null : [...own, ...inherited];
  } else if (type === 'type') {
    names = classNames(m).has(o) ? classDirNames(m, o) : null;
  } else if (type === 'exception') {
    names = exceptionDir(m, o);
  } else if (type === 'function') {
    const own = builtinDir('function', m.minor);
    const dict = heap.functionDict(o, false);
    const extra = dict === 0 ? [] : dictNames(m, dict);
    names = own === undefined || extra === null ? null : [...own, ...extra];
  } else names = builtinDir(heap.typeNameOf(o), m.minor) ?? null;
  if (names === null) return null;
  // dir() sorts by code point, as JavaScript's default sort compares UTF-16 units: the
  // same order for the identifiers a program's attributes have (ASCII).
  return [...new Set(names)].sort();
}

/**
 * `dir(e)` of an exception object (unsorted), or null: its `__dict__`'s names, the
 * program's classes along its MRO (for an instance of one) and its builtin class's
 * recorded names (BaseException's and the class's own members).
 */
export function exceptionDir(m: Machine, e: ObjectHandle): string[] | null {
  const heap = m.heap;
  const builtin = builtinExceptionClass(heap, e);
  const own = heap.exceptionAttributeNames(e);
  const recorded = builtinDir(`exception.${builtin}`, m.minor);
  if (own === null || recorded === undefined) return null;
  const names = [...own, ...recorded];
  const cls = programExceptionClass(heap, e);
  if (cls === 0) return names;
  // The rest of its MRO is the builtin class's chain and object.
  const classes = programClassNames(m, cls, builtinBaseChain(builtin).length + 1);
  if (classes === null) return null;
  names.push(...classes);
  return names;
}

/**
 * 3.13: whether the innermost frame has a local `self` that is `obj` — true, false, or
 * null when that frame is not known here (a generator's or a class body's).
 */
function innermostSelfIs(m: Machine, obj: ObjectHandle): boolean | null {
  if (m.depth !== m.calls.length + 1 || m.classBodies.at(-1) === m.depth) return null;
  const call = m.calls[m.calls.length - 1];
  if (call === undefined) return m.globals.get('self') === obj;
  const slot = call.code.localNames?.indexOf('self') ?? -1;
  if (slot < 0) return false;
  const value = call.frame.locals[slot] ?? 0;
  if (value !== 0 && m.heap.typeOf(value) === 'cell') return null;
  return value === obj;
}

/**
 * For an AttributeError raised for `name` on `obj` (3.10–3.13): the maker of its hint
 * — `''` for none, null when it is not modelled — read when the error is printed.
 * Undefined before 3.10 and from 3.14 (not measured).
 */
export function attributeHint(
  m: Machine,
  obj: ObjectHandle,
  name: string,
): (() => string | null) | undefined {
  if (m.minor < 10 || m.minor > 13) return undefined;
  // 3.13 looks at the frame the error was raised in, which is gone when it is printed.
  const selfIsObj = m.minor >= 13 && !name.startsWith('_') ? innermostSelfIs(m, obj) : true;
  return () => hintAmong(name, dirOf(m, obj), selfIsObj);
}

/**
 * The hint's text for `name` among `names` (sorted; null: not known): with `selfIsObj`
 * false (3.13), underscored names are left out; null is "not known".
 */
function hintAmong(
  name: string,
  names: readonly string[] | null,
  selfIsObj: boolean | null,
): string | null {
  if (!/^[\x20-\x7e]*$/.test(name) || names === null) return null;
  const ordered = (list: readonly string[]) => list.map((n) => ({ name: n, ordered: true }));
  let chosen = chooseSuggestion(name, ordered(names));
  if (chosen?.startsWith('_') && selfIsObj !== true) {
    // 3.13 hides the underscored names: the choice among the others.
    if (selfIsObj === null) return null;
    chosen = chooseSuggestion(name, ordered(names.filter((n) => !n.startsWith('_'))));
  }
  return chosen === undefined || chosen === null ? '' : `. Did you mean: '${chosen}'?`;
}

/**
 * `dir(module)` of a library module as a program that imported it sees it (recorded in
 * a fresh interpreter): collections gains `abc` once tracemalloc is imported (its own
 * imports load collections.abc). Undefined when not recorded for this version.
 */
function moduleDir(m: Machine, module: string): readonly string[] | undefined {
  const names = builtinDir(`module.${module}`, m.minor);
  if (names === undefined || module !== 'collections' || !m.modules.has('tracemalloc'))
    return names;
  return [...new Set([...names, 'abc'])].sort();
}

/**
 * True when library module `module` has no attribute `name` (recorded): CPython's
 * AttributeError. False for a module with a module-level `__getattr__` (3.8/3.9
 * collections answers the old ABC names through it).
 */
export function moduleLacks(m: Machine, module: string, name: string): boolean {
  const names = moduleDir(m, module);
  return names !== undefined && !names.includes('__getattr__') && !names.includes(name);
}

/**
 * The AttributeError of a lookup that {@link moduleLacks} (module_getattro's), with its
 * 3.10–3.13 hint; the module is no object here, so the error holds none.
 */
export function moduleAttributeError(m: Machine, module: string, name: string): PythonError {
  const text = `module '${module}' has no attribute '${name}'`;
  const error = contextError(m, 'AttributeError', text, name, 0);
  if (error.suggestible)
    error.hint =
      m.minor > 13
        ? undefined
        : () => hintAmong(name, moduleDir(m, module) ?? null, m.minor < 13 || name.startsWith('_'));
  return error;
}
