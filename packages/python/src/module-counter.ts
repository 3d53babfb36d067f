/**
 * `collections.Counter` in `pymem run`, on the heap's Counters (@pymem/objects
 * counters.ts): a dict subclass written in Python whose values are counts.
 *
 *   collections.Counter()              the type call: dict_new, then Counter.__init__
 *   collections.Counter(xs)            xs a list, tuple, range or str: update(xs) runs
 *                                      _count_elements (the C helper)
 *   collections.Counter(d)             d a dict, defaultdict or Counter (a Mapping): the
 *                                      Counter is empty, so update runs dict.update
 *                                      (dict_merge, as a dict's)
 *   c[k]                               dict_subscript; a missing key: Counter.__missing__
 *                                      returns 0 and stores nothing
 *   c[k] = v, c[k] += n, k in c, len(c), bool(c), for k in c, repr(c)
 *   del c[k]                           Counter.__delitem__: a missing key is ignored
 *   c.update(xs / d)                   _count_elements, or for a Mapping into a non-empty
 *                                      Counter: each count added to `self.get(k, 0)`
 *   c.most_common([n])                 sorted(items, key=itemgetter(1), reverse=True),
 *                                      or heapq.nlargest's three paths (below)
 *   c.total()                          3.10+: sum(self.values()); before: AttributeError
 *   c.get/keys/values/items/pop/setdefault/clear   dict's own methods
 *
 * _count_elements takes its fast path (Counter keeps dict's `get` and `__setitem__`):
 * each key found with its hash, a missing key stored with the int 1, a present one
 * replaced by PyNumber_Add(old, 1). Counts stay ints here: a count of another type is
 * refused where the model would have to add, sort or sum it.
 * most_common(n) is heapq.nlargest(n, items, key=itemgetter(1)): n == 1 takes max()
 * (the first item of the highest count, in a one-item list); n >= len takes
 * sorted(...)[:n] (a slice: a new list of exactly its length); otherwise the
 * decorated heap, whose result list is a comprehension (appended one by one). Every
 * path orders items by count, highest first, ties in the Counter's order.
 * __repr__ (3.8/3.9 join the most_common items, 3.10+ build a dict from them) prints
 * `Counter()` or `Counter({k: v, …})` in most_common order either way.
 * Not modelled (no `id()` can see them after the import): the frames, bound methods,
 * iterators and temporary lists of the library's Python code, and sorted()'s key array.
 * Refused: keyword arguments (`Counter(a=1)`), other sources (a generator, a set, a
 * view), `elements()`, `subtract()`, `copy()`, `fromkeys()`, arithmetic and comparisons
 * (`+`, `-`, `&`, `|`, unary `+`/`-`, `==`, `<=`), attributes (`__dict__`),
 * `update(**kw)`, a count that is not an int where one is added, sorted or summed.
 * Models Lib/collections/__init__.py (Counter.__init__, __missing__, total,
 * most_common, update, __delitem__, __repr__), Lib/heapq.py nlargest and
 * Modules/_collectionsmodule.c _count_elements, 3.8–3.13; 3.14 checked on Pyodide.
 */
import type { Heap, ObjectHandle } from '@pymem/objects';
import { HeapError, newCounter } from '@pymem/objects';
import { callBoundSort, sortedList } from './builtins-lib.ts';
import { COUNTER_DICT_METHODS, countValue, mostCommonEntries } from './counter-order.ts';
import { PythonError, Unsupported } from './errors.ts';
import type { Machine } from './machine.ts';
import { shared } from './operations.ts';

/** The sources `Counter(xs)` / `c.update(xs)` count item by item. */
const COUNTED_SOURCES: ReadonlySet<string> = new Set(['list', 'tuple', 'range', 'str']);

/** The Mapping sources `Counter(d)` / `c.update(d)` merge. */
const MAPPING_SOURCES: ReadonlySet<string> = new Set(['dict', 'defaultdict', 'Counter']);

/**
 * _count_elements's fast path over a list, tuple, range or str: a miss stores the int 1
 * (PyLong_FromLong(1), held for the call), a hit the sum of the old count and 1.
 */
function countElements(m: Machine, c: ObjectHandle, source: ObjectHandle): void {
  const heap = m.heap;
  const t = heap.typeOf(source);
  let it = 0;
  let next: () => ObjectHandle;
  if (t === 'str') {
    const chars = [...(heap.valueOf(source) as string)];
    let index = 0;
    next = () => (index < chars.length ? heap.newStr(chars[index++]!) : 0);
  } else {
    it = heap.newIterator(source);
    next = () => heap.iteratorNext(it);
  }
  const one = heap.newInt(1n);
  try {
    for (let key = next(); key !== 0; key = next()) {
      try {
        // _count_elements: the key hashed once, then looked up to read and to store.
        heap.oneLookup(() => {
          const old = libraryLookup(heap, c, key, 'counting an unhashable item');
          if (old === 0) heap.dictSetItem(c, key, one);
          else {
            const sum = heap.newInt(countValue(heap, old, 'counting') + 1n);
            try {
              heap.dictSetItem(c, key, sum);
            } finally {
              heap.decref(sum);
            }
          }
        }, false);
      } finally {
        heap.decref(key);
      }
    }
  } finally {
    heap.decref(one);
    if (it !== 0) heap.decref(it);
  }
}

/** Counter.update(source) for one positional argument (None, a Mapping or an iterable). */
function update(m: Machine, c: ObjectHandle, source: ObjectHandle): void {
  const heap = m.heap;
  const t = heap.typeOf(source);
  if (t === 'NoneType') return;
  if (MAPPING_SOURCES.has(t)) {
    if (source === c) throw new Unsupported('Counter.update() with itself');
    // An empty Counter: dict.update (dict_merge); otherwise each count added in Python.
    if (heap.lengthOf(c) === 0) {
      heap.dictMerge(c, source);
      return;
    }
    const flat = heap.referents(source);
    const pairs: ObjectHandle[] = t === 'defaultdict' ? flat.slice(flat.length % 2) : flat;
    for (let i = 0; i < pairs.length; i += 2) {
      const k = pairs[i]!;
      const count = countValue(heap, pairs[i + 1]!, 'Counter.update() from a mapping');
      const old = heap.dictGet(c, k);
      const sum = heap.newInt(count + (old === 0 ? 0n : countValue(heap, old, 'updating')));
      try {
        heap.dictSetItem(c, k, sum);
      } finally {
        heap.decref(sum);
      }
    }
    return;
  }
  if (COUNTED_SOURCES.has(t)) {
    countElements(m, c, source);
    return;
  }
  // CPython's TypeError would come from update's frame in the library: not modelled.
  throw new Unsupported(`counting the items of a ${heap.typeNameOf(source)}`);
}

/** `collections.Counter([source])`: a new reference to a new Counter. */
export function counter(m: Machine, args: readonly ObjectHandle[]): ObjectHandle {
  const heap = m.heap;
  if (args.length > 1) throw new Unsupported(`collections.Counter() with ${args.length} arguments`);
  const source = args[0];
  if (source !== undefined) {
    const t = heap.typeOf(source);
    if (!MAPPING_SOURCES.has(t) && !COUNTED_SOURCES.has(t) && t !== 'NoneType')
      throw new Unsupported(`collections.Counter() of a ${heap.typeNameOf(source)}`);
  }
  const c = newCounter(heap);
  try {
    if (source !== undefined) update(m, c, source);
  } catch (error) {
    heap.decref(c);
    throw error;
  }
  return c;
}

/** `c[k]`: the count, or Counter.__missing__'s 0 (nothing stored). A new reference. */
export function counterItem(m: Machine, c: ObjectHandle, k: ObjectHandle): ObjectHandle {
  const heap = m.heap;
  const v = heap.dictGet(c, k);
  return v !== 0 ? shared(heap, v) : heap.newInt(0n);
}

/** `del c[k]` (Counter.__delitem__): the entry goes if present, else nothing happens. */
export function counterDelItem(m: Machine, c: ObjectHandle, k: ObjectHandle): void {
  const heap = m.heap;
  if (libraryLookup(heap, c, k, 'del of an unhashable key of a Counter') !== 0)
    heap.dictDelItem(c, k);
}

/**
 * dictGet inside the library's code: an unhashable key's TypeError would show the
 * library's frames in its traceback, which the model does not print, so it is refused.
 */
function libraryLookup(heap: Heap, c: ObjectHandle, k: ObjectHandle, what: string): ObjectHandle {
  try {
    return heap.dictGet(c, k);
  } catch (error) {
    if (error instanceof HeapError && error.code === 'unhashable') throw new Unsupported(what);
    throw error;
  }
}

/** A new list holding a new 2-tuple per item, as `kind` builds it (see the module comment). */
function listOfPairs(
  m: Machine,
  pairs: readonly [ObjectHandle, ObjectHandle][],
  appended: boolean,
): ObjectHandle {
  const heap = m.heap;
  const tuples = pairs.map((p) => heap.newTuple(p));
  try {
    if (!appended) return heap.newList(tuples);
    const l = heap.newList();
    for (const t of tuples) heap.listAppend(l, t);
    return l;
  } finally {
    for (const t of tuples) heap.decref(t);
  }
}

/** Counter.most_common(n): a new list of (key, count) tuples. */
function mostCommon(m: Machine, c: ObjectHandle, nArg: ObjectHandle | undefined): ObjectHandle {
  const heap = m.heap;
  let n: number | null = null;
  if (nArg !== undefined && heap.typeOf(nArg) !== 'NoneType') {
    const t = heap.typeOf(nArg);
    if (t !== 'int') throw new Unsupported(`Counter.most_common() of a ${t}`);
    const v = heap.valueOf(nArg) as bigint;
    n = v > 1_000_000n ? 1_000_000 : v < -1_000_000n ? -1_000_000 : Number(v);
  }
  const entries = mostCommonEntries(heap, c, 'most_common()');
  const size = entries.length;
  if (n === 1) return listOfPairs(m, entries.slice(0, 1), false);
  if (n === null || n >= size) {
    // sorted(self.items(), key=itemgetter(1), reverse=True): PySequence_List of the view.
    const view = heap.newDictView(c, 'items');
    let list: ObjectHandle;
    try {
      list = sortedList(m, view);
    } finally {
      heap.decref(view);
    }
    try {
      const items = heap.referents(list);
      const position = new Map(items.map((t, i) => [heap.referents(t)[0]!, i]));
      const order = entries.map(([k]) => position.get(k)!);
      callBoundSort(m, () => heap.listReorder(list, order));
      if (n === null) return list;
      // [:n]: list_slice, a new list of exactly the items.
      return heap.newList(heap.referents(list));
    } finally {
      if (n !== null) heap.decref(list);
    }
  }
  return listOfPairs(m, entries.slice(0, Math.max(n, 0)), true);
}

/** Counter.total() (3.10+): sum(self.values()), a new int. */
function total(m: Machine, c: ObjectHandle): ObjectHandle {
  const heap = m.heap;
  if (m.minor < 10)
    throw new PythonError('AttributeError', "'Counter' object has no attribute 'total'");
  let sum = 0n;
  const flat = heap.referents(c);
  for (let i = 1; i < flat.length; i += 2) sum += countValue(heap, flat[i]!, 'total()');
  return heap.newInt(sum);
}

/**
 * `c.name(args…)` for Counter's own methods; undefined for the dict methods it inherits
 * (the caller runs them as dict's).
 */
export function counterMethod(
  m: Machine,
  c: ObjectHandle,
  name: string,
  args: readonly ObjectHandle[],
): ObjectHandle | undefined {
  const heap = m.heap;
  if (COUNTER_DICT_METHODS.has(name)) return undefined;
  switch (name) {
    case 'update':
      if (args.length > 1) throw new Unsupported(`Counter.update() with ${args.length} arguments`);
      if (args.length === 1) update(m, c, args[0]!);
      return heap.newNone();
    case 'most_common':
      if (args.length > 1)
        throw new Unsupported(`Counter.most_common() with ${args.length} arguments`);
      return mostCommon(m, c, args[0]);
    case 'total':
      if (args.length > 0) throw new Unsupported('Counter.total() with arguments');
      return total(m, c);
    default:
      throw new Unsupported(`the method Counter.${name}`);
  }
}
