/**
 * `@functools.lru_cache` / `@functools.lru_cache(maxsize)` / `@functools.cache` (3.9+)
 * on a `def` (`pymem run`), and calling the C `_lru_cache_wrapper` they make
 * (the heap's lru-caches.ts).
 *
 *   lru_cache(maxsize=n)   Lib/functools.py: the decorating_function closure over the
 *                          cells `maxsize` and `typed` (a negative n becomes 0)
 *   applied to f           _lru_cache_wrapper(f, …): the cache dict, then the wrapper
 *                          (tracked); 3.9+ `wrapper.cache_parameters = lambda: …` (a
 *                          function over the same cells) makes the wrapper's `__dict__`;
 *                          update_wrapper stores `__module__`, `__name__`, `__qualname__`,
 *                          `__doc__`, `__annotations__` (f's, made empty; 3.14:
 *                          `__annotate__`, None), 3.12+ `__type_params__` (()), makes f's
 *                          `__dict__` and stores `__wrapped__` — all in the wrapper's dict
 *   bare @lru_cache        the same with maxsize 128 (the cells are lru_cache's own)
 *   @cache                 lru_cache(maxsize=None)(f)
 *
 * A call `w(*args)` (lru_cache_call through _PyObject_MakeTpCall: the arguments packed
 * into a tuple, dropped after the call):
 *   key     one int or str argument (exact types) is the key itself, any other
 *           arguments the call's tuple (lru_cache_make_key)
 *   maxsize 0      a miss; f(*args)
 *   None           the dict maps key → result: a hit returns the result; a miss calls
 *                  f(*args) (its frame takes new references) and stores it
 *   n              the dict maps key → link (key, result); a hit moves its link to the
 *                  most recently used end; a miss calls f, then (not full) appends a new
 *                  link, or (full) evicts the oldest: its dict entry is popped (the
 *                  key's dict reference released), the link takes the new key and
 *                  result and moves to the end, and then the old key, then the old
 *                  result, are released
 *   cache_clear()  the list unlinked, hits and misses zeroed, the dict cleared (key,
 *                  then value, per entry), then the links released oldest first
 *   cache_info()   CacheInfo(hits=…, misses=…, maxsize=…, currsize=…) — only as an
 *                  argument of print() (the namedtuple is not modelled: its text is)
 *
 * Refused: `typed`, keyword arguments to a cached call, a cached generator function,
 * `@functools.cache` on 3.8 (it has none), cache_info() other than printed, the
 * wrapper's `cache_parameters` and methods as values, the decorators other than on a
 * def, a program that traces allocations.
 * Not modelled: the temporaries of the Python-level lru_cache and update_wrapper
 * (their frames, the arguments tuple of the type call, the getattr results): only
 * their blocks could tell, and ids are refused after a library import.
 * Models lru_cache / update_wrapper (Lib/functools.py) and lru_cache_make_key,
 * uncached/infinite/bounded_lru_cache_wrapper, lru_cache_cache_clear and
 * lru_cache_cache_info (Modules/_functoolsmodule.c), 3.8–3.14.
 */
import type { SyntaxNode } from '@lezer/common';
import type { ObjectHandle } from '@pymem/objects';
import { runFunction } from './class-calls.ts';
import { boundAlias, fromImportedName, libraryDecoratorParts } from './compile-from-import.ts';
import type { LibraryDecorator } from './compile-wraps.ts';
import type { Compiler, Scope } from './compiler.ts';
import { pythonErrorOf } from './compiler.ts';
import { PythonError, Unsupported } from './errors.ts';
import type { Expression } from './frame.ts';
import { functionDictOf, functionLabels } from './function-attributes.ts';
import type { Machine } from './machine.ts';
import { shared } from './operations.ts';

/** `@functools.lru_cache…` / `@functools.cache` as a LibraryDecorator, else undefined. */
export function lruCacheDecorator(
  c: Compiler,
  decorator: SyntaxNode,
  scope: Scope,
): LibraryDecorator | undefined {
  const found = libraryDecoratorParts(c, decorator, scope);
  if (found === undefined || found.module !== 'functools') return undefined;
  const { attribute: name, argList } = found;
  if (name !== 'lru_cache' && name !== 'cache') return undefined;
  const alias = fromImportedName(
    c,
    c.kids(decorator).find((k) => k.name !== 'At'),
    scope,
  );
  if (alias === undefined && (!c.moduleAssigned.has('functools') || scope.locals?.has('functools')))
    throw c.fail('this decorator', decorator);
  const m = c.m;
  const heap = m.heap;
  let bound: Expression | undefined;
  if (argList !== undefined) {
    if (name === 'cache') throw c.fail('calling functools.cache()', decorator);
    const { positional, keywords } = c.arguments(argList, scope);
    if (keywords.some(([k]) => k !== 'maxsize') || positional.length + keywords.length > 1)
      throw c.fail('functools.lru_cache() with arguments other than maxsize', decorator);
    const given = positional[0] ?? keywords[0]?.[1];
    bound = given === undefined ? () => heap.newInt(128n) : c.expression(given, scope);
  }
  const value = c.located((frame) => {
    if (!m.modules.has('functools'))
      throw new Unsupported(`functools.${name} before the import ran`);
    if (m.modules.has('tracemalloc'))
      throw new Unsupported('functools.lru_cache in a program that traces allocations');
    if (name === 'cache' && m.minor < 9)
      throw new Unsupported('functools.cache on 3.8 (an AttributeError)');
    // The bare decorator: lru_cache itself (a module function, not modelled): None stands in.
    if (bound === undefined) return heap.newNone();
    const maxsize = bound(frame);
    try {
      return decoratingFunction(m, checkedMaxsize(m, maxsize));
    } finally {
      heap.decref(maxsize);
    }
  }, decorator);
  const apply = (decorator: ObjectHandle, f: ObjectHandle): ObjectHandle => {
    try {
      if (heap.typeOf(f) !== 'function')
        throw new Unsupported(`functools.lru_cache of a ${heap.typeNameOf(f)}`);
      if (m.functions.get(f)?.makeGenerator !== undefined)
        throw new Unsupported('functools.lru_cache of a generator function');
      if (heap.typeOf(decorator) === 'function') return makeWrapper(m, f, decorator);
      // Bare @lru_cache: lru_cache(f) with its own cells (maxsize 128); @cache: maxsize None.
      const cells = decoratingFunction(m, name === 'cache' ? heap.newNone() : heap.newInt(128n));
      try {
        return makeWrapper(m, f, cells);
      } finally {
        heap.decref(cells);
      }
    } catch (error) {
      throw pythonErrorOf(error);
    } finally {
      heap.decref(f);
      heap.decref(decorator);
    }
  };
  return { value: alias === undefined ? value : boundAlias(m, alias, value), apply };
}

/** The maxsize argument (borrowed): an int (negative: 0) or None; a new reference. */
function checkedMaxsize(m: Machine, maxsize: ObjectHandle): ObjectHandle {
  const heap = m.heap;
  const t = heap.typeOf(maxsize);
  if (t === 'NoneType') return shared(heap, maxsize);
  if (t !== 'int')
    throw new Unsupported(`functools.lru_cache(maxsize=<a ${heap.typeNameOf(maxsize)}>)`);
  if ((heap.valueOf(maxsize) as bigint) < 0n) return heap.newInt(0n);
  return shared(heap, maxsize);
}

/**
 * The decorating_function closure: cells of `maxsize` (taken over) and `typed` (False),
 * its closure tuple, then the function (not one of the program's: never called).
 */
function decoratingFunction(m: Machine, maxsize: ObjectHandle): ObjectHandle {
  const heap = m.heap;
  const typed = heap.newBool(false);
  const cells = [heap.newCell(maxsize), heap.newCell(typed)];
  heap.decref(maxsize);
  heap.decref(typed);
  const closure = heap.newTuple(cells);
  for (const cell of cells) heap.decref(cell);
  const f = heap.newFunction({ closure });
  heap.decref(closure);
  return f;
}

/** The maxsize a decorating function's first cell holds: -1 for None. */
function maxsizeOf(m: Machine, decorating: ObjectHandle): number {
  const heap = m.heap;
  const closure = heap.referents(decorating).at(-1)!;
  const v = heap.referents(heap.referents(closure)[0]!)[0]!;
  return heap.typeOf(v) === 'NoneType' ? -1 : Number(heap.valueOf(v) as bigint);
}

/** decorating_function(f) (f borrowed): the wrapper, its cache_parameters and update_wrapper. */
function makeWrapper(m: Machine, f: ObjectHandle, decorating: ObjectHandle): ObjectHandle {
  const heap = m.heap;
  const maxsize = maxsizeOf(m, decorating);
  const kind = maxsize < 0 ? 'infinite' : maxsize === 0 ? 'uncached' : 'bounded';
  const w = heap.newLruCache(f, kind, maxsize);
  const put = (key: string, v: ObjectHandle): void => {
    const dict = heap.lruCacheDict(w);
    const k = heap.identifier(key);
    heap.dictSetItem(dict, k, v);
    heap.decref(k);
    heap.decref(v);
  };
  if (m.minor >= 9) {
    // wrapper.cache_parameters = lambda: {…}: a function over the same two cells.
    const closure = heap.newTuple(heap.referents(heap.referents(decorating).at(-1)!));
    const lambda = heap.newFunction({ closure });
    heap.decref(closure);
    put('cache_parameters', lambda);
  }
  const labels = functionLabels(m, f);
  put('__module__', heap.identifier('__main__'));
  put('__name__', heap.identifier(labels.name));
  put('__qualname__', heap.identifier(labels.qualname));
  put(
    '__doc__',
    labels.doc === null
      ? heap.newNone()
      : shared(heap, labels.doc.pool.handle({ kind: 'str', value: labels.doc.text })),
  );
  if (m.minor < 14) put('__annotations__', shared(heap, heap.functionAnnotations(f)));
  else put('__annotate__', heap.newNone());
  if (m.minor >= 12) put('__type_params__', heap.newTuple([]));
  // getattr(wrapper, '__dict__').update(getattr(f, '__dict__', {})): f's dict made, empty.
  const empty = heap.newDict();
  const from = functionDictOf(m, f);
  heap.decref(empty);
  // A wrapped function's `__wrapped__` is merged in, then replaced.
  if (heap.lengthOf(from) > 0) heap.dictMerge(heap.lruCacheDict(w), from);
  put('__wrapped__', shared(heap, f));
  return w;
}

/** lru_cache_make_key without keywords or `typed` (args borrowed): a new reference. */
function makeKey(m: Machine, args: ObjectHandle): ObjectHandle {
  const heap = m.heap;
  const items = heap.referents(args);
  if (items.length === 1) {
    const t = heap.typeOf(items[0]!);
    if (t === 'int' || t === 'str') return shared(heap, items[0]!);
  }
  return shared(heap, args);
}

/** f(*args) for the wrapped Python function (args borrowed): a new reference. */
function callWrapped(m: Machine, f: ObjectHandle, args: ObjectHandle): ObjectHandle {
  const items = [...m.heap.referents(args)];
  for (const v of items) m.heap.incref(v);
  return runFunction(m, f, items);
}

/** `w(*values)` for an lru_cache wrapper `w` (all borrowed): a new reference. */
export function lruCacheCall(
  m: Machine,
  w: ObjectHandle,
  values: readonly ObjectHandle[],
): ObjectHandle {
  const heap = m.heap;
  // _PyObject_MakeTpCall: the arguments' tuple, dropped after the call.
  const args = heap.newTuple(values);
  try {
    const data = heap.lruCacheData(w);
    if (data.kind === 'uncached') {
      data.misses++;
      return callWrapped(m, data.func, args);
    }
    const key = makeKey(m, args);
    try {
      return data.kind === 'infinite'
        ? infiniteCall(m, w, key, args)
        : boundedCall(m, w, key, args);
    } finally {
      heap.decref(key);
    }
  } catch (error) {
    throw unhashableKey(m, pythonErrorOf(error));
  } finally {
    heap.decref(args);
  }
}

/**
 * The key's TypeError: lru_cache hashes the key itself (PyObject_Hash) before the dict
 * sees it, so 3.14's "cannot use … as a dict key (…)" is only the part in brackets.
 */
function unhashableKey(m: Machine, error: unknown): unknown {
  if (!(error instanceof PythonError) || m.minor < 14) return error;
  const inner = /^cannot use '\w+' as a dict key \((.*)\)$/.exec(error.detail);
  return inner === null ? error : new PythonError('TypeError', inner[1]!);
}

/** infinite_lru_cache_wrapper (key and args borrowed): a new reference. */
function infiniteCall(
  m: Machine,
  w: ObjectHandle,
  key: ObjectHandle,
  args: ObjectHandle,
): ObjectHandle {
  const heap = m.heap;
  const data = heap.lruCacheData(w);
  const found = heap.dictGet(data.cache, key);
  if (found !== 0) {
    data.hits++;
    return shared(heap, found);
  }
  data.misses++;
  const result = callWrapped(m, data.func, args);
  heap.dictSetItem(heap.lruCacheData(w).cache, key, result);
  return result;
}

/** bounded_lru_cache_wrapper (key and args borrowed): a new reference. */
function boundedCall(
  m: Machine,
  w: ObjectHandle,
  key: ObjectHandle,
  args: ObjectHandle,
): ObjectHandle {
  const heap = m.heap;
  const data = heap.lruCacheData(w);
  const link = heap.dictGet(data.cache, key);
  if (link !== 0) {
    heap.touchLruLink(w, link);
    data.hits++;
    return shared(heap, heap.lruLinkFields(link)[1]);
  }
  data.misses++;
  const result = callWrapped(m, data.func, args);
  // The call may have cached the same key (a recursive call): the result is returned.
  if (heap.dictGet(data.cache, key) !== 0) return result;
  if (heap.lengthOf(data.cache) < data.maxsize || data.links.length === 0) {
    const fresh = heap.appendLruLink(w, key, result);
    heap.dictSetItem(data.cache, key, fresh);
    return result;
  }
  // Full: the oldest link is popped from the dict and reused for the new entry.
  heap.evictLruLink(w, key, result);
  return result;
}

/** `w.cache_clear()` / `w.cache_info()` (printed: its text as a str); a new reference. */
export function lruCacheMethod(
  m: Machine,
  w: ObjectHandle,
  name: string,
  args: readonly ObjectHandle[],
  printed = false,
): ObjectHandle {
  const heap = m.heap;
  const data = heap.lruCacheData(w);
  if (args.length > 0)
    throw new PythonError('TypeError', `${name}() takes no arguments (${args.length} given)`);
  if (name === 'cache_clear') {
    heap.clearLruEntries(w);
    return heap.newNone();
  }
  if (name === 'cache_info') {
    if (!printed) throw new Unsupported('cache_info() other than as an argument of print()');
    const maxsize = data.maxsize < 0 ? 'None' : String(data.maxsize);
    return heap.newStr(
      `CacheInfo(hits=${data.hits}, misses=${data.misses}, maxsize=${maxsize}, currsize=${heap.lengthOf(data.cache)})`,
    );
  }
  throw new Unsupported(`calling the attribute ${name} of an lru_cache wrapper`);
}

/** `w.name` for an lru_cache wrapper: a value in its `__dict__` (new reference). */
export function lruCacheAttribute(m: Machine, w: ObjectHandle, name: string): ObjectHandle {
  const heap = m.heap;
  const dict = heap.lruCacheDict(w);
  if (name === '__dict__') return shared(heap, dict);
  if (name === 'cache_parameters' || name === 'cache_info' || name === 'cache_clear')
    throw new Unsupported(`the attribute ${name} of an lru_cache wrapper as a value`);
  const key = heap.identifier(name);
  const v = heap.dictGet(dict, key);
  heap.decref(key);
  if (v === 0) throw new Unsupported(`the attribute ${name} of an lru_cache wrapper`);
  return shared(heap, v);
}

/** `receiver.cache_info()` printed: the wrapper's CacheInfo text (a new str). */
export function printedCacheInfo(c: Compiler, receiverNode: SyntaxNode, scope: Scope): Expression {
  const m = c.m;
  const heap = m.heap;
  const receiver = c.expression(receiverNode, scope);
  return (frame) => {
    const r = receiver(frame);
    try {
      if (heap.typeOf(r) !== '_lru_cache_wrapper')
        throw new Unsupported(`cache_info() of a ${heap.typeNameOf(r)}`);
      return lruCacheMethod(m, r, 'cache_info', [], true);
    } finally {
      heap.decref(r);
    }
  };
}

/** Whether the method call `node` is a direct argument of `print(…)` (the builtin). */
export function isPrintArgument(c: Compiler, node: SyntaxNode): boolean {
  const argList = node.parent;
  const call = argList?.parent;
  if (argList?.name !== 'ArgList' || call?.name !== 'CallExpression') return false;
  const callee = c.kids(call)[0];
  return (
    callee?.name === 'VariableName' && c.text(callee) === 'print' && !c.moduleAssigned.has('print')
  );
}
