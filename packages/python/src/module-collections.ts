/**
 * `import collections`: `collections.deque` on the heap's deques (@pymem/objects
 * deques.ts).
 *
 *   collections.deque([iterable[, maxlen]])   deque_new (the object and its first block),
 *   collections.deque(iterable, maxlen=n)     then deque_init: deque_extend over a new
 *   collections.deque(maxlen=n)               iterator of a list, tuple, range or dict
 *   d.append(x) / d.appendleft(x)             None; a bounded deque drops the other end
 *   d.pop() / d.popleft()                     the item (IndexError on an empty deque)
 *   d.extend(xs)                              deque_extend (list, tuple, range, dict)
 *   d.clear()                                 deque_clear
 *   d.extendleft(xs), d.rotate([n])           deque_extendleft, _deque_rotate (blocks move)
 *   d.reverse(), d.count(x)                   deque_reverse, deque_count
 *   len(d), d[i], bool(d), repr(d), print(d)  deque_len, deque_item, deque_bool, deque_repr
 *   for x in d, list(d), xs.extend(d)         deque_iter (an iterator holding the deque)
 *   x in d                                    deque_contains
 *   d.maxlen                                  None or a new int
 *
 * Importing collections runs Lib/collections/__init__.py (it is not loaded at start-up
 * on 3.8–3.10 and 3.12–3.13; 3.11 preloads it — measured with `'collections' in
 * sys.modules`): the import allocates objects the model does not make, so `id()` is
 * refused after it, as after every library import. Refused: other iterables for
 * deque()/extend, the other methods, comparisons, subclassing, changing a deque while
 * a loop iterates it (CPython's RuntimeError). Not modelled: the type call's arguments
 * tuple (no `id()` can see it after the import) and the temporary list deque_repr makes
 * (PySequence_List).
 *
 * Models Modules/_collectionsmodule.c (deque_new, deque_init, deque_extend,
 * deque_append, deque_appendleft, deque_pop, deque_popleft, deque_clearmethod,
 * deque_extendleft, deque_rotate, deque_reverse, deque_count, deque_item, deque_repr),
 * 3.8–3.13; 3.14 checked on Pyodide.
 */
import type { ObjectHandle } from '@pymem/objects';
import {
  dequeAppend,
  dequeAppendleft,
  dequeClear,
  dequeExtendleftStart,
  dequeExtendStart,
  dequeMaxlen,
  dequePop,
  dequePopleft,
  dequeReverse,
  dequeRotate,
  HeapError,
  newDeque,
} from '@pymem/objects';
import { PythonError, Unsupported } from './errors.ts';
import type { Machine } from './machine.ts';
import { counter } from './module-counter.ts';
import type { LibraryModule } from './module-math.ts';
import { namedtuple } from './module-namedtuple.ts';
import { newOrderedDict } from './module-ordereddict.ts';
import { equal, reprText } from './values.ts';

/**
 * deque_extend / deque_extendleft: PyObject_GetIter of the source, each item appended
 * (at the right or the left), the iterator dropped.
 */
function extendDeque(m: Machine, d: ObjectHandle, source: ObjectHandle, left = false): void {
  const heap = m.heap;
  const t = heap.typeOf(source);
  if (source === d) throw new Unsupported('extending a deque with itself');
  if (t !== 'list' && t !== 'tuple' && t !== 'range' && t !== 'dict')
    throw new Unsupported(`a deque extended from a ${heap.typeNameOf(source)}`);
  const it = heap.newIterator(source);
  try {
    const keep = left ? dequeExtendleftStart(heap, d) : dequeExtendStart(heap, d);
    for (let item = heap.iteratorNext(it); item !== 0; item = heap.iteratorNext(it)) {
      // deque_append_internal steals the iterator's reference; the model lends it.
      if (keep && left) dequeAppendleft(heap, d, item);
      else if (keep) dequeAppend(heap, d, item);
      heap.decref(item);
    }
  } finally {
    heap.decref(it);
  }
}

/** deque_init's maxlen: None or a non-negative int. */
function maxlenOf(m: Machine, o: ObjectHandle | undefined): number {
  const heap = m.heap;
  if (o === undefined || heap.typeOf(o) === 'NoneType') return -1;
  const t = heap.typeOf(o);
  if (t !== 'int' && t !== 'bool') throw new Unsupported(`deque(maxlen=<a ${t}>)`);
  const v = heap.valueOf(o) as bigint;
  if (v < 0n) throw new PythonError('ValueError', 'maxlen must be non-negative');
  if (v > 1_000_000n) throw new Unsupported('a maxlen this large');
  return Number(v);
}

/** `collections.deque(iterable=(), maxlen=None)`: a new deque. */
function deque(
  m: Machine,
  args: readonly ObjectHandle[],
  keywords: ReadonlyMap<string, ObjectHandle> = new Map(),
): ObjectHandle {
  if (args.length > 2) throw new Unsupported(`deque() with ${args.length} arguments`);
  if (keywords.has('iterable')) throw new Unsupported('deque(iterable=…)');
  if (args.length === 2 && keywords.has('maxlen'))
    throw new Unsupported('deque() with maxlen given twice (a TypeError)');
  const maxlen = maxlenOf(m, keywords.get('maxlen') ?? args[1]);
  const d = newDeque(m.heap, maxlen);
  try {
    if (args[0] !== undefined) extendDeque(m, d, args[0]);
  } catch (error) {
    m.heap.decref(d);
    throw error;
  }
  return d;
}

function noArguments(name: string, args: readonly ObjectHandle[]): void {
  if (args.length !== 0)
    throw new PythonError('TypeError', `deque.${name}() takes no arguments (${args.length} given)`);
}

function oneArgument(name: string, args: readonly ObjectHandle[]): ObjectHandle {
  if (args.length !== 1)
    throw new PythonError(
      'TypeError',
      `deque.${name}() takes exactly one argument (${args.length} given)`,
    );
  return args[0]!;
}

/** An empty deque's IndexError. */
function popped(pop: () => ObjectHandle): ObjectHandle {
  try {
    return pop();
  } catch (error) {
    if (error instanceof HeapError && error.code === 'index')
      throw new PythonError('IndexError', error.message);
    throw error;
  }
}

/** `d.name(args…)` for a deque `d` (borrowed arguments; a new reference out). */
export function dequeMethod(
  m: Machine,
  d: ObjectHandle,
  name: string,
  args: readonly ObjectHandle[],
): ObjectHandle {
  const heap = m.heap;
  switch (name) {
    case 'append':
      dequeAppend(heap, d, oneArgument(name, args));
      return heap.newNone();
    case 'appendleft':
      dequeAppendleft(heap, d, oneArgument(name, args));
      return heap.newNone();
    case 'pop':
      noArguments(name, args);
      return popped(() => dequePop(heap, d));
    case 'popleft':
      noArguments(name, args);
      return popped(() => dequePopleft(heap, d));
    case 'extend':
      extendDeque(m, d, oneArgument(name, args));
      return heap.newNone();
    case 'clear':
      noArguments(name, args);
      dequeClear(heap, d);
      return heap.newNone();
    case 'extendleft':
      extendDeque(m, d, oneArgument(name, args), true);
      return heap.newNone();
    case 'rotate': {
      if (args.length > 1) throw new Unsupported(`deque.rotate() with ${args.length} arguments`);
      const n = args[0];
      if (n !== undefined && heap.typeOf(n) !== 'int')
        throw new Unsupported(`deque.rotate() of a ${heap.typeNameOf(n)}`);
      const steps = n === undefined ? 1n : (heap.valueOf(n) as bigint);
      if (steps > 1_000_000_000n || steps < -1_000_000_000n)
        throw new Unsupported('a rotation this large');
      dequeRotate(heap, d, Number(steps));
      return heap.newNone();
    }
    case 'reverse':
      noArguments(name, args);
      dequeReverse(heap, d);
      return heap.newNone();
    case 'count': {
      // deque_count: PyObject_RichCompareBool of each item (identity first).
      const v = oneArgument(name, args);
      return heap.newInt(heap.referents(d).filter((x) => equal(heap, x, v)).length);
    }
    case 'index': {
      // deque_index (one argument): PyObject_RichCompareBool(item, v) left to right.
      const v = oneArgument(name, args);
      const at = heap.referents(d).findIndex((x) => equal(heap, x, v));
      if (at < 0) {
        // 3.14 names no value (measured on Pyodide 3.14.2, as list.index).
        const text =
          heap.layout.minor >= 14
            ? 'deque.index(x): x not in deque'
            : `${reprText(heap, v)} is not in deque`;
        throw new PythonError('ValueError', text);
      }
      return heap.newInt(at);
    }
    default:
      throw new Unsupported(`the method deque.${name}`);
  }
}

/** `d.maxlen` (deque_get_maxlen: None or a new int); other attributes are refused. */
export function dequeAttribute(m: Machine, d: ObjectHandle, name: string): ObjectHandle {
  if (name !== 'maxlen') throw new Unsupported(`the attribute deque.${name}`);
  const maxlen = dequeMaxlen(m.heap, d);
  return maxlen < 0 ? m.heap.newNone() : m.heap.newInt(maxlen);
}

/** The collections module's functions. */
export const COLLECTIONS_MODULE: LibraryModule = {
  functions: { deque, namedtuple, Counter: counter, OrderedDict: newOrderedDict },
  keywords: { deque: ['maxlen', 'iterable'] },
};
