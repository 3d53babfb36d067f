/**
 * Reading a function's attributes (`pymem run`):
 *
 *   f.__name__ / f.__qualname__   the names the code was compiled with (interned strs),
 *                                 or the ones `functools.wraps` copied over them
 *   f.__doc__                     the docstring constant (the first statement of the
 *                                 body, a str), or None; or the one copied over it
 *   f.__module__                  '__main__'
 *   f.__dict__                    the function's attribute dict: an empty one is made by
 *                                 the first read and kept (PyObject_GenericGetDict)
 *   f.__annotations__             likewise an empty dict made by the first read (the
 *                                 program's functions have no annotations)
 *   f.__closure__                 the tuple of cells the function was made with, or None
 *   f.__defaults__                the tuple of positional defaults, or None
 *   f.name                        a value in that dict (`f.__wrapped__`), else
 *                                 AttributeError
 *
 * The copied names are kept with the dict they were copied alongside: `functools.wraps`
 * always gives the wrapper a dict, and a function made later at the same handle has no
 * dict until {@link functionDictOf} makes one (which forgets the old names), so names
 * are never read from a dead function.
 * Invariant: every handle returned is a new reference.
 * Refused: other dunder attributes (`__code__`, `__kwdefaults__`, …), a multi-line
 * docstring (3.13's compiler strips its indentation), a docstring read before any
 * library import (the model makes its str when it is read, CPython when the
 * code is compiled: ids would differ), AttributeError on 3.10+ (its hint).
 * Models func_get_name / func_get_qualname / the func_doc and func_module members and
 * PyObject_GenericGetAttr's dict lookup (Objects/funcobject.c, Objects/object.c),
 * 3.8–3.14.
 */
import type { SyntaxNode } from '@lezer/common';
import type { ObjectHandle } from '@pymem/objects';
import { importedLibrary } from './compile-lib.ts';
import type { Compiler } from './compiler.ts';
import type { ConstantPool } from './constants.ts';
import { Unsupported } from './errors.ts';
import { contextError } from './exception-classes.ts';
import type { FunctionCode } from './frame.ts';
import type { Machine } from './machine.ts';
import { shared } from './operations.ts';

/** A docstring: its text and the pool that makes its str constant. */
interface Docstring {
  readonly text: string;
  readonly pool: ConstantPool;
}

/** What `__name__`, `__qualname__` and `__doc__` of a function say. */
export interface FunctionLabels {
  /** `__name__`. */
  readonly name: string;
  /** `__qualname__`. */
  readonly qualname: string;
  /** `__doc__`: the docstring, or null for None. */
  readonly doc: Docstring | null;
}

/** Each code's docstring (absent: None). */
const DOCSTRINGS = new WeakMap<FunctionCode, Docstring>();

/** Names copied onto functions, by function, with the dict they were copied alongside. */
const COPIED = new WeakMap<
  Machine,
  Map<ObjectHandle, { readonly dict: ObjectHandle; readonly labels: FunctionLabels }>
>();

function copied(m: Machine): Map<ObjectHandle, { dict: ObjectHandle; labels: FunctionLabels }> {
  let map = COPIED.get(m);
  if (map === undefined) {
    map = new Map();
    COPIED.set(m, map);
  }
  return map;
}

/** Records the docstring of a `def` (`node`, its FunctionDefinition) compiled as `code`. */
export function noteDocstring(c: Compiler, code: FunctionCode, node: SyntaxNode): void {
  if (node.name !== 'FunctionDefinition') return;
  const body = c.kids(node).find((k) => k.name === 'Body');
  const first = body === undefined ? undefined : c.kids(body)[1];
  if (first?.name !== 'ExpressionStatement') return;
  const expression = c.kids(first)[0];
  const constant = expression === undefined ? undefined : c.constant(expression);
  if (constant?.kind === 'str') DOCSTRINGS.set(code, { text: constant.value, pool: c.pool });
}

/** The labels function `f` (borrowed) shows now. */
export function functionLabels(m: Machine, f: ObjectHandle): FunctionLabels {
  const code = m.functions.get(f);
  if (code === undefined) throw new Unsupported('the attributes of this function');
  const dict = m.heap.functionDict(f, false);
  const copy = copied(m).get(f);
  if (copy !== undefined && dict !== 0 && copy.dict === dict) return copy.labels;
  return {
    name: code.name,
    qualname: code.qualname ?? code.name,
    doc: DOCSTRINGS.get(code) ?? null,
  };
}

/** Gives function `f` (which has its dict now) the labels copied from another function. */
export function copyLabels(m: Machine, f: ObjectHandle, labels: FunctionLabels): void {
  copied(m).set(f, { dict: m.heap.functionDict(f, false), labels });
}

/** `f.__dict__` (borrowed): made on first read; a new dict forgets copied labels. */
export function functionDictOf(m: Machine, f: ObjectHandle): ObjectHandle {
  if (m.heap.functionDict(f, false) === 0) copied(m).delete(f);
  return m.heap.functionDict(f);
}

/** `f.name` for a function `f` of the program (borrowed): a new reference. */
export function functionAttribute(m: Machine, f: ObjectHandle, name: string): ObjectHandle {
  const heap = m.heap;
  if (!m.functions.has(f)) throw new Unsupported(`the attribute .${name} of this function`);
  switch (name) {
    case '__name__':
      return heap.identifier(functionLabels(m, f).name);
    case '__qualname__':
      return heap.identifier(functionLabels(m, f).qualname);
    case '__module__':
      return heap.identifier('__main__');
    case '__doc__': {
      const doc = functionLabels(m, f).doc;
      if (doc === null) return heap.newNone();
      if (doc.text.includes('\n'))
        throw new Unsupported('a multi-line docstring (3.13 strips its indentation)');
      if (!importedLibrary(m))
        throw new Unsupported('the __doc__ of a function before a library import');
      return shared(heap, doc.pool.handle({ kind: 'str', value: doc.text }));
    }
    case '__dict__':
      return shared(heap, functionDictOf(m, f));
    case '__annotations__':
      return shared(heap, heap.functionAnnotations(f));
    case '__defaults__': {
      // func_get_defaults: the tuple MAKE_FUNCTION stored, or None.
      const { defaults } = heap.functionDefaults(f);
      return defaults === 0 ? heap.newNone() : shared(heap, defaults);
    }
    case '__closure__': {
      // func_get_closure: the tuple of cells MAKE_FUNCTION stored, or None.
      const closure = heap.functionClosure(f);
      return closure === 0 ? heap.newNone() : shared(heap, closure);
    }
  }
  if (name.startsWith('__') && name.endsWith('__') && name !== '__wrapped__')
    throw new Unsupported(`the attribute ${name} of a function`);
  const dict = heap.functionDict(f, false);
  if (dict !== 0) {
    const key = heap.identifier(name);
    const v = heap.dictGet(dict, key);
    heap.decref(key);
    if (v !== 0) return shared(heap, v);
  }
  throw contextError(m, 'AttributeError', `'function' object has no attribute '${name}'`, name, f);
}
