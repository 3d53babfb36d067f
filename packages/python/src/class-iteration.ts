/**
 * Iterating an instance of a program's class whose `__iter__` is a generator method
 * (`def __iter__(self): yield …`), in `pymem run`:
 *
 *   for x in o / list(o) / sum(o) / iter(o) / k in o / [… for x in o]
 *     PyObject_GetIter(o) → slot_tp_iter: `__iter__` looked up on the class (a new
 *     reference to the function, released after the call), called with a new reference
 *     to `o` for its frame — the generator function makes the generator, whose frame
 *     keeps `o` until it finishes; the result must be an iterator
 *     then GET_ITER releases `o` (the `for`), or the builtin keeps its argument and
 *     releases the generator when done (list_extend / builtin_sum / builtin_iter)
 *
 * Invariant: every handle returned is a new reference; `o`'s count is back where it was
 * once the generator is exhausted and released.
 * `__iter__` may also return a builtin iterator (`iter(self.items)`: a list, tuple,
 * range or dict-key iterator), which the loop or builtin then steps; returning a
 * non-iterator (a list …) is CPython's TypeError `iter() returned non-iterator of type
 * 'list'`.
 * `__iter__` may return an instance whose class has `__next__` (instance-next.ts).
 * Refused: an `__iter__` returning an instance without `__next__`, and `list(o)` of a class with `__len__` (PyObject_LengthHint would
 * call it to size the list).
 * Models slot_tp_iter (Objects/typeobject.c), PyObject_GetIter (Objects/abstract.c),
 * builtin_iter (Python/bltinmodule.c) and list_extend's iterator path
 * (Objects/listobject.c), 3.8–3.13.
 */
import type { ObjectHandle } from '@pymem/objects';
import { emptyFrozensetShared, tupleOfItems } from './builtins.ts';
import { callDunder, hasDunder, instanceLength } from './class-dunders.ts';
import { PythonError, Unsupported } from './errors.ts';
import {
  addItems,
  itemsOfGenerator,
  iteratorNext,
  listOfGenerator,
  refuseTupleOfIterator,
  sumBuiltin,
} from './generator-runs.ts';
import { isIteratorInstance } from './instance-next.ts';
import type { Machine } from './machine.ts';
import { containsEqual } from './values.ts';

/** Whether `o` is an instance whose class defines `__iter__` as a Python function. */
export function isIterableInstance(m: Machine, o: ObjectHandle): boolean {
  return hasDunder(m, o, '__iter__');
}

/** GET_ITER of an iterable instance: the generator its `__iter__` makes (`o` taken). */
export function instanceIterator(m: Machine, o: ObjectHandle): ObjectHandle {
  const heap = m.heap;
  let it: ObjectHandle;
  try {
    it = callDunder(m, o, '__iter__', []);
  } finally {
    heap.decref(o);
  }
  const t = heap.typeOf(it);
  if (t === 'generator' || BUILTIN_ITERATORS.has(t)) return it;
  // An instance with `__next__` (often `return self`): stepped by instance-next.ts.
  if (isIteratorInstance(m, it)) return it;
  const name = heap.typeNameOf(it);
  heap.decref(it);
  if (t === 'instance') throw new Unsupported('an __iter__ returning an instance without __next__');
  if (NOT_ITERATORS.has(t))
    throw new PythonError('TypeError', `iter() returned non-iterator of type '${name}'`);
  throw new Unsupported(`an __iter__ returning a ${name}`);
}

/** The heap's iterator types (a tp_iternext): `__iter__` may return one of them. */
export const BUILTIN_ITERATORS: ReadonlySet<string> = new Set([
  'list_iterator',
  'tuple_iterator',
  'range_iterator',
  'dict_keyiterator',
  'set_iterator',
  'str_iterator',
  'odict_iterator',
  'map',
  'filter',
]);

/** Types without tp_iternext: an `__iter__` returning one is CPython's TypeError. */
const NOT_ITERATORS: ReadonlySet<string> = new Set([
  'int',
  'bool',
  'NoneType',
  'float',
  'str',
  'tuple',
  'list',
  'dict',
  'set',
  'frozenset',
  'range',
]);

/**
 * Builtins that take one iterable and only iterate it: called with the iterator of an
 * iterable instance in its place (builtin_min_max, builtin_any/all).
 */
const ITERATING_BUILTINS: ReadonlySet<string> = new Set(['min', 'max', 'any', 'all']);

/**
 * `list(o)`, `sum(o)` or `iter(o)` of an iterable instance `o` (borrowed), one of
 * ITERATING_BUILTINS run by `consume` over its iterator, or `sorted(o)`: `consume`
 * sorts its new list. A new reference; the generator is released when the builtin is
 * done (kept by `iter`).
 */
export function iterateInstance(
  m: Machine,
  name: string,
  o: ObjectHandle,
  consume?: (it: ObjectHandle) => ObjectHandle,
): ObjectHandle {
  const heap = m.heap;
  if (name === 'sorted') {
    // builtin_sorted: PySequence_List, list_extend as list() runs it (the instance's
    // length hint) but without 3.8/3.9 list___init__'s PyObject_Size first.
    if (m.gc !== null) throw new Unsupported('sorted() in a program that imports gc');
    if (m.minor < 10 && hasDunder(m, o, '__len__'))
      throw new Unsupported('sorted() of an iterable instance with __len__ on 3.8/3.9');
    if (consume === undefined) throw new Unsupported('sorted() of an iterable instance here');
    return consume(iterateInstance(m, 'list', o));
  }
  if (ITERATING_BUILTINS.has(name) && consume !== undefined) {
    // PyObject_GetIter, then the builtin over the iterator, which is released after.
    heap.incref(o);
    const it = instanceIterator(m, o);
    try {
      return consume(it);
    } finally {
      heap.decref(it);
    }
  }
  if (name === 'set' || name === 'frozenset') return setOfInstance(m, o, name === 'frozenset');
  if (name === 'tuple') return tupleOfInstance(m, o);
  if (name !== 'list' && name !== 'sum' && name !== 'iter')
    throw new Unsupported(`${name}() of an iterable instance`);
  // PyObject_LengthHint asks __length_hint__ when there is no __len__.
  if (name === 'list' && hasDunder(m, o, '__length_hint__') && !hasDunder(m, o, '__len__'))
    throw new Unsupported('list() of an instance with __length_hint__');
  const sized = name === 'list' && hasDunder(m, o, '__len__');
  // 3.8/3.9 list___init__: PyObject_Size first (the list preallocated to it).
  const presize = sized && m.minor < 10 ? lengthOf(m, o) : undefined;
  heap.incref(o);
  const it = instanceIterator(m, o);
  if (name === 'iter') return it;
  try {
    if (name === 'list' && sized) {
      // list_extend: PyObject_LengthHint after GetIter — `__len__` once more.
      const lengthHint = lengthOf(m, o);
      const items =
        heap.typeOf(it) === 'generator' ? itemsOfGenerator(m, it) : builtinIteratorItems(m, it);
      return heap.newListFrom({ items, lengthHint }, presize, true);
    }
    if (name === 'list') {
      if (heap.typeOf(it) === 'generator') return listOfGenerator(m, it);
      // list_extend: sized by the instance's length hint (8: it has no __len__), as for
      // a generator, then filled from the iterator and trimmed.
      return heap.newListFrom({ items: builtinIteratorItems(m, it) }, undefined, true);
    }
    return sumBuiltin(m, [it]);
  } finally {
    heap.decref(it);
  }
}

/** The items an instance's iterator gives (a generator's run, or a builtin iterator's). */
function iteratorItems(m: Machine, it: ObjectHandle): Iterable<ObjectHandle> {
  return m.heap.typeOf(it) === 'generator' ? itemsOfGenerator(m, it) : builtinIteratorItems(m, it);
}

/**
 * `set(o)` / `frozenset(o)`: make_new_set's object first, then set_update_internal's
 * PyObject_GetIter (the instance's `__iter__`), each item added and released, the
 * iterator released after.
 */
function setOfInstance(m: Machine, o: ObjectHandle, frozen: boolean): ObjectHandle {
  const heap = m.heap;
  const s = heap.newSetOfKind(frozen);
  heap.incref(o);
  let it: ObjectHandle;
  try {
    it = instanceIterator(m, o);
  } catch (error) {
    heap.decref(s);
    throw error;
  }
  try {
    try {
      addItems(m, s, iteratorItems(m, it));
    } finally {
      // set_update_internal releases its iterator, then make_new_set the set.
      heap.decref(it);
    }
  } catch (error) {
    heap.decref(s);
    throw error;
  }
  return frozen ? emptyFrozensetShared(heap, s) : s;
}

/**
 * `tuple(o)`: PySequence_Tuple — PyObject_GetIter (`__iter__`), then the length hint
 * from the instance (`__len__`, else 10; `__length_hint__` alone is refused), the
 * tuple filled, grown and trimmed (tupleOfItems), the iterator released after.
 */
function tupleOfInstance(m: Machine, o: ObjectHandle): ObjectHandle {
  const heap = m.heap;
  refuseTupleOfIterator(m);
  if (hasDunder(m, o, '__length_hint__') && !hasDunder(m, o, '__len__'))
    throw new Unsupported('tuple() of an instance with __length_hint__');
  heap.incref(o);
  const it = instanceIterator(m, o);
  try {
    const hint = hasDunder(m, o, '__len__') ? lengthOf(m, o) : 10;
    return tupleOfItems(heap, iteratorItems(m, it), hint);
  } finally {
    heap.decref(it);
  }
}

/** `__len__` as PyObject_Size / PyObject_LengthHint call it; an error is refused. */
function lengthOf(m: Machine, o: ObjectHandle): number {
  try {
    return instanceLength(m, o);
  } catch (error) {
    if (error instanceof PythonError)
      throw new Unsupported('list() of an instance whose __len__ raises (a length hint)');
    throw error;
  }
}

/**
 * `iter(x)` (builtin_iter, one argument): PyObject_GetIter — a generator is its own
 * iterator, a list, tuple, range or dict gets a new iterator object, an iterable
 * instance its `__iter__`'s generator. A new reference; `x` is borrowed.
 */
export function iterBuiltin(m: Machine, args: readonly ObjectHandle[]): ObjectHandle {
  const heap = m.heap;
  if (args.length !== 1) throw new Unsupported(`iter() with ${args.length} arguments`);
  const x = args[0]!;
  const t = heap.typeOf(x);
  if (isIterableInstance(m, x)) return iterateInstance(m, 'iter', x);
  if (t === 'generator') {
    heap.incref(x);
    return x;
  }
  if (t === 'list' || t === 'tuple' || t === 'range' || t === 'dict' || t === 'str')
    return heap.newIterator(x);
  // odictiter_new: an OrderedDict's (or its view's) own iterator.
  if (t === 'OrderedDict' || t === 'odict_keys' || t === 'odict_values' || t === 'odict_items')
    return heap.newIterator(x);
  throw new Unsupported(`iter() of a ${heap.typeNameOf(x)}`);
}

/** The items a builtin iterator `it` (borrowed) yields, as new references. */
function builtinIteratorItems(m: Machine, it: ObjectHandle): Iterable<ObjectHandle> {
  return {
    *[Symbol.iterator]() {
      for (let v = iteratorNext(m, it); v !== 0; v = iteratorNext(m, it)) yield v;
    },
  };
}

/**
 * `k in o` for an iterable instance without `__contains__` (_PySequence_IterSearch):
 * the iterator, then each item compared with `k` (`item == k`, identity first) and
 * released, stopping at the first equal one; the iterator is released (a suspended
 * generator is closed then). `o` and `k` are borrowed.
 */
export function iterSearchContains(m: Machine, o: ObjectHandle, k: ObjectHandle): boolean {
  const heap = m.heap;
  heap.incref(o);
  const it = instanceIterator(m, o);
  try {
    for (let item = iteratorNext(m, it); item !== 0; item = iteratorNext(m, it)) {
      let found: boolean;
      try {
        found = containsEqual(heap, item, k);
      } finally {
        heap.decref(item);
      }
      if (found) return true;
    }
    return false;
  } finally {
    heap.decref(it);
  }
}
