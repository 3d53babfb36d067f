/**
 * `@functools.wraps(f)` on a `def` (`pymem run`): the decorator factory of
 * Lib/functools.py, whose `update_wrapper` copies the wrapped function's attributes.
 *
 *   functools.wraps(f)   a partial of update_wrapper holding `f` (its keywords dict);
 *                        the decorator's value until the def is made
 *   applied to inner     update_wrapper(inner, wrapped=f):
 *                          __module__, __name__, __qualname__, __doc__ copied (strs
 *                          and the docstring constant: not counted by the model);
 *                          3.8–3.13 `__annotations__`: reading f's makes it an empty
 *                          dict, which inner then shares (3.14 copies `__annotate__`,
 *                          None, instead: no dict); 3.12+ `__type_params__` (the
 *                          empty tuple: nothing made)
 *                          inner's `__dict__` made (getattr), a `{}` default made,
 *                          f's `__dict__` made, the `{}` released, f's dict's items
 *                          merged into inner's (a wrapped wrapper's `__wrapped__`)
 *                          inner.__dict__['__wrapped__'] = f (one more reference to f)
 *                        then the partial dies (its reference to f released)
 *
 * So after `wrapped = deco(f)` with the teaching `deco`, `f` is held by the closure's
 * cell and by the wrapper's dict (measured: `sys.getrefcount(f)` 4 with one name on
 * 3.8.18–3.13.0 and Pyodide 3.14.2), both functions have a `__dict__` (64 bytes empty,
 * the wrapper's with one item 232 on 3.8–3.10, 184 on 3.11–3.13), and the wrapper's
 * names are `f`'s.
 * Refused: wraps of anything but a Python function, of a function with a non-empty
 * `__dict__` beyond `__wrapped__`, applied to anything but a Python function; its
 * `assigned` / `updated` arguments; wraps anywhere but as a decorator; a program that
 * traces allocations (tracemalloc: the partial, its keywords dict and update_wrapper's
 * frame and temporaries are not all modelled).
 * Not modelled: the partial holds `f` as its function rather than in a keywords dict
 * with WRAPPER_ASSIGNMENTS and WRAPPER_UPDATES (only its blocks could tell, and ids are
 * refused after a library import); update_wrapper's frame and its getattr results.
 * Models functools.wraps / update_wrapper (Lib/functools.py) and func_set_annotations,
 * PyObject_GenericGetDict and dict_merge as they run it, 3.8–3.14.
 */
import type { SyntaxNode } from '@lezer/common';
import type { ObjectHandle } from '@pymem/objects';
import { boundAlias, fromImportedName, libraryDecoratorParts } from './compile-from-import.ts';
import type { Compiler, Scope } from './compiler.ts';
import { pythonErrorOf } from './compiler.ts';
import { Unsupported } from './errors.ts';
import type { Expression } from './frame.ts';
import { copyLabels, functionDictOf, functionLabels } from './function-attributes.ts';
import type { Machine } from './machine.ts';

/** A library decorator (`@functools.wraps(f)`, `@functools.lru_cache`): its value, and its application to the def's function. */
export interface LibraryDecorator {
  /** Evaluates `functools.wraps(f)`: a new reference to the decorator. */
  readonly value: Expression;
  /** Applies the decorator (taken over) to `f` (taken over): a new reference to the result. */
  readonly apply: (decorator: ObjectHandle, f: ObjectHandle) => ObjectHandle;
}

/** `@functools.wraps(x)` as a LibraryDecorator, or undefined for another decorator. */
export function wrapsDecorator(
  c: Compiler,
  decorator: SyntaxNode,
  scope: Scope,
): LibraryDecorator | undefined {
  // `@functools.wraps(x)` parses as: name, '.', name, argument list; `@wraps(x)` (from-imported): name, argument list.
  const found = libraryDecoratorParts(c, decorator, scope);
  if (found?.module !== 'functools' || found.attribute !== 'wraps') return undefined;
  const argList = found.argList;
  if (argList === undefined) return undefined;
  const alias = fromImportedName(
    c,
    c.kids(decorator).find((k) => k.name !== 'At'),
    scope,
  );
  if (alias === undefined && (!c.moduleAssigned.has('functools') || scope.locals?.has('functools')))
    throw c.fail('this decorator', decorator);
  const { positional, keywords } = c.arguments(argList, scope);
  if (keywords.length > 0) throw c.fail('functools.wraps() with keyword arguments', decorator);
  if (positional.length !== 1)
    throw c.fail('functools.wraps() with other than one argument', decorator);
  const m = c.m;
  const heap = m.heap;
  const wrapped = c.expression(positional[0]!, scope);
  const value = c.located((frame) => {
    if (!m.modules.has('functools')) throw new Unsupported('functools.wraps before the import ran');
    if (m.modules.has('tracemalloc'))
      throw new Unsupported('functools.wraps in a program that traces allocations');
    const f = wrapped(frame);
    try {
      if (heap.typeOf(f) !== 'function' || !m.functions.has(f))
        throw new Unsupported(`functools.wraps() of a ${heap.typeNameOf(f)}`);
      // wraps(): partial(update_wrapper, wrapped=f, …) — the partial keeps `f`.
      return heap.newPartial(f, []);
    } catch (error) {
      throw pythonErrorOf(error);
    } finally {
      heap.decref(f);
    }
  }, decorator);
  const apply = (decorator: ObjectHandle, f: ObjectHandle): ObjectHandle => {
    try {
      if (heap.typeOf(f) !== 'function' || !m.functions.has(f))
        throw new Unsupported(`functools.wraps(…) applied to a ${heap.typeNameOf(f)}`);
      updateWrapper(m, f, heap.referents(decorator)[0]!);
      heap.incref(f);
      return f;
    } finally {
      // The call's argument, then the partial (and with it its reference to the wrapped).
      heap.decref(f);
      heap.decref(decorator);
    }
  };
  return { value: alias === undefined ? value : boundAlias(m, alias, value), apply };
}

/** update_wrapper(wrapper, wrapped) for two functions of the program (borrowed). */
function updateWrapper(m: Machine, wrapper: ObjectHandle, wrapped: ObjectHandle): void {
  const heap = m.heap;
  const source = heap.functionDict(wrapped, false);
  if (source !== 0) {
    const key = heap.identifier('__wrapped__');
    const only = heap.lengthOf(source) === 1 && heap.dictGet(source, key) !== 0;
    heap.decref(key);
    if (heap.lengthOf(source) > 0 && !only)
      throw new Unsupported('functools.wraps() of a function with attributes of its own');
  }
  // The assigned attributes: only the names change, and (3.8–3.13) the annotations.
  const labels = functionLabels(m, wrapped);
  if (m.minor < 14) heap.setFunctionAnnotations(wrapper, heap.functionAnnotations(wrapped));
  // getattr(wrapper, '__dict__').update(getattr(wrapped, '__dict__', {})).
  const target = functionDictOf(m, wrapper);
  const empty = heap.newDict();
  const from = functionDictOf(m, wrapped);
  heap.decref(empty);
  if (heap.lengthOf(from) > 0) heap.dictMerge(target, from);
  // wrapper.__wrapped__ = wrapped.
  const key = heap.identifier('__wrapped__');
  heap.dictSetItem(target, key, wrapped);
  heap.decref(key);
  copyLabels(m, wrapper, labels);
}
