/**
 * The builtins, `sys` functions and methods a program may call, on model objects.
 * Each takes its arguments as borrowed handles (the caller holds them, as CPython's
 * value stack does during a call) and returns a new reference.
 *
 * What each one allocates is CPython's: `len`/`id` make an int (a cached small int or a
 * new one; id's is the address), `list()`/`dict()`/`set()` call the type (`list()` and
 * `dict()` take their object from tp_alloc, never the free list), `str(x)` of a str is
 * x itself. `print` writes text only: the strs it makes and sys.stdout's buffers are
 * not modelled (docs/python-run.md). What the model cannot make exactly is Unsupported
 * — e.g. `str(5)`, a fresh one-character str, which the heap only has as the cached one.
 */

import { dequeIteratorNext, type Heap, newDequeIterator, type ObjectHandle } from '@pymem/objects';
import { bigRange, LIBRARY_BUILTINS } from './builtins-lib.ts';
import { bytesConversion } from './bytes-methods.ts';
import { borrowedReferences, importedLibrary } from './compile-lib.ts';
import { lruCacheMethod } from './compile-lru-cache.ts';
import { extendByDict, extendsDictDirectly } from './dict-sources.ts';
import { PythonError, Unsupported } from './errors.ts';
import { builtinExceptionClass, exceptionArgs, keyError } from './exception-classes.ts';
import { iteratorNext } from './generator-runs.ts';
import type { Machine } from './machine.ts';
import { MAP_FILTER_BUILTINS } from './map-filter.ts';
import { libraryMethod } from './methods-lib.ts';
import { dequeMethod } from './module-collections.ts';
import { counterMethod } from './module-counter.ts';
import { methodOwner } from './module-defaultdict.ts';
import { itertoolsSource } from './module-itertools.ts';
import { namedTupleCountUnknown, namedTupleMethod } from './module-namedtuple.ts';
import { ODICT_VIEWS } from './module-ordereddict.ts';
import { shared } from './operations.ts';
import { functionsHeldByFrames } from './raise.ts';
import { isAscii } from './source.ts';
import { containerText, formattingRan, strDotFormat } from './string-format.ts';
import { untrackIfAtomic } from './tuple-tracking.ts';
import {
  contains,
  equal,
  numberOf,
  rangeValues,
  reprText,
  setItemsInOrder,
  strText,
  truthy,
} from './values.ts';

/** A callable builtin: borrowed arguments in, a new reference out. */
export type Builtin = (m: Machine, args: readonly ObjectHandle[]) => ObjectHandle;

/** Names of the builtin types `isinstance` accepts. */
export const TYPE_NAMES: ReadonlySet<string> = new Set([
  'int',
  'float',
  'str',
  'bool',
  'list',
  'tuple',
  'dict',
  'set',
  'frozenset',
  'range',
]);

function arity(name: string, args: readonly ObjectHandle[], min: number, max: number): void {
  if (args.length < min || args.length > max)
    throw new Unsupported(`${name}() with ${args.length} argument${args.length === 1 ? '' : 's'}`);
}

/** A str CPython makes with PyUnicode_New: one character is a fresh object, not the cached one. */
function newText(heap: Heap, text: string, what: string): ObjectHandle {
  void what;
  return heap.newFreshStr(text);
}

function intOf(heap: Heap, o: ObjectHandle, what: string): bigint {
  const t = heap.typeOf(o);
  if (t !== 'int' && t !== 'bool')
    throw new PythonError(
      'TypeError',
      `'${heap.typeNameOf(o)}' object cannot be interpreted as an integer`,
    );
  void what;
  return heap.valueOf(o) as bigint;
}

/** The items of an iterable as borrowed handles, or undefined when it is not a list/tuple. */
function sequenceItems(heap: Heap, o: ObjectHandle): readonly ObjectHandle[] | undefined {
  const t = heap.typeOf(o);
  return t === 'list' || t === 'tuple' ? heap.referents(o) : undefined;
}

/** The items an iterator `it` (borrowed) yields, as new references. */
function stepped(heap: Heap, it: ObjectHandle): Iterable<ObjectHandle> {
  return {
    *[Symbol.iterator]() {
      for (let v = heap.iteratorNext(it); v !== 0; v = heap.iteratorNext(it)) yield v;
    },
  };
}

/**
 * `dict(pairs)`: PyDict_MergeFromSeq2 over an iterable of 2-item tuples or lists (a zip,
 * an enumerate, a list or tuple of pairs). Each item is held while its key and value are
 * stored (PyDict_SetItem), then released — so a zip or enumerate reuses its result tuple
 * for the next item. Models Objects/dictobject.c PyDict_MergeFromSeq2, 3.8–3.14.
 */
function mergeFromPairs(heap: Heap, d: ObjectHandle, source: ObjectHandle): void {
  const t = heap.typeOf(source);
  // GET_ITER of a zip or enumerate is the object itself; a list or tuple makes its iterator.
  const it = t === 'zip' || t === 'enumerate' ? shared(heap, source) : heap.newIterator(source);
  try {
    for (let i = 0; ; i++) {
      const item = heap.iteratorNext(it);
      if (item === 0) break;
      try {
        const kind = heap.typeOf(item);
        if (kind !== 'tuple' && kind !== 'list')
          throw new Unsupported(`dict() of an item that is a ${heap.typeNameOf(item)}`);
        const parts = heap.referents(item);
        if (parts.length !== 2)
          throw new PythonError(
            'ValueError',
            `dictionary update sequence element #${i} has length ${parts.length}; 2 is required`,
          );
        heap.dictSetItem(d, parts[0]!, parts[1]!);
      } finally {
        heap.decref(item);
      }
    }
  } finally {
    heap.decref(it);
  }
}

/** Runs `fill` over the new references an iterator yields, with the iterator object alive. */
function iteratorSource(
  heap: Heap,
  o: ObjectHandle,
): { it: ObjectHandle; items: Iterable<ObjectHandle>; lengthHint: number | undefined } {
  const t = heap.typeOf(o);
  if (t === 'deque') {
    // deque_iter; the length hint is the deque's len (PyObject_LengthHint).
    const it = newDequeIterator(heap, o);
    const items = {
      *[Symbol.iterator]() {
        for (let next = dequeIteratorNext(heap, it); next !== 0; next = dequeIteratorNext(heap, it))
          yield next;
      },
    };
    return { it, items, lengthHint: heap.lengthOf(o) };
  }
  if (
    [
      'repeat',
      'chain',
      'count',
      'islice',
      'combinations',
      'product',
      'zip_longest',
      'accumulate',
      'permutations',
      'starmap',
      'takewhile',
    ].includes(t)
  )
    return itertoolsSource(heap, o);
  if (t === 'list_iterator' || t === 'tuple_iterator' || t === 'str_iterator') {
    // GET_ITER of an iterator is the iterator itself; its hint is the items left.
    heap.incref(o);
    const items = {
      *[Symbol.iterator]() {
        for (let next = heap.iteratorNext(o); next !== 0; next = heap.iteratorNext(o)) yield next;
      },
    };
    return { it: o, items, lengthHint: heap.iteratorLengthHint(o) };
  }
  if (t === 'str') {
    // unicode_iter: each item is the one-character str (the cached latin-1 singleton,
    // else new); the length hint is the str's length.
    const it = heap.newIterator(o);
    const items = {
      *[Symbol.iterator]() {
        for (let next = heap.iteratorNext(it); next !== 0; next = heap.iteratorNext(it)) yield next;
      },
    };
    return { it, items, lengthHint: heap.lengthOf(o) };
  }
  if (t === 'set' || t === 'frozenset') {
    // set_iter: a set iterator walking the table; its length hint is the set's size. The
    // table order is known for ints, floats and None only (values.ts).
    setItemsInOrder(heap, o);
    const it = heap.newIterator(o);
    const items = {
      *[Symbol.iterator]() {
        for (let next = heap.iteratorNext(it); next !== 0; next = heap.iteratorNext(it)) yield next;
      },
    };
    return { it, items, lengthHint: heap.lengthOf(o) };
  }
  const views = ['dict_keys', 'dict_values', 'dict_items', ...ODICT_VIEWS];
  if (
    t !== 'range' &&
    t !== 'dict' &&
    t !== 'defaultdict' &&
    t !== 'Counter' &&
    t !== 'OrderedDict' &&
    !views.includes(t)
  )
    throw new Unsupported(`iterating a ${heap.typeNameOf(o)} here`);
  const it = heap.newIterator(o);
  // dictiter_len: the dict's size (a view's length is its dict's).
  const lengthHint =
    t === 'range'
      ? Number(rangeValues(heap, o)[3])
      : heap.lengthOf(views.includes(t) ? heap.referents(o)[0]! : o);
  const items = {
    *[Symbol.iterator]() {
      for (let next = heap.iteratorNext(it); next !== 0; next = heap.iteratorNext(it)) yield next;
    },
  };
  return { it, items, lengthHint };
}

/**
 * Types with none of the slots int() and float() try (nb_int, nb_index, nb_float,
 * the buffer protocol, 3.8–3.10's __trunc__): PyNumber_Long / PyNumber_Float raise
 * their TypeError ("… a real number" from 3.10; measured on 3.8–3.13).
 */
const NOT_NUMBERS: ReadonlySet<string> = new Set([
  'NoneType',
  'list',
  'tuple',
  'dict',
  'set',
  'frozenset',
]);

/** Iterables whose length hint is their exact length (no _PyTuple_Resize in tuple()). */
const TUPLE_SIZED_SOURCES: ReadonlySet<string> = new Set([
  'str',
  'range',
  'dict',
  'dict_keys',
  'dict_values',
  'dict_items',
  'set',
  'frozenset',
]);

/**
 * PySequence_Tuple over an iterator's items: PyTuple_New of the length hint (`hint`:
 * the object's `__len__`, else 10), its slots filled as the items come (None stands
 * for NULL); past the guess it grows by ten and a quarter (_PyTuple_Resize), and is
 * trimmed to the items at the end. A new reference. Models Objects/abstract.c
 * PySequence_Tuple, 3.8–3.14.
 */
export function tupleOfItems(
  heap: Heap,
  items: Iterable<ObjectHandle>,
  hint: number,
): ObjectHandle {
  let n = hint;
  let t = heap.newTuple(new Array<ObjectHandle>(n).fill(heap.none));
  try {
    let j = 0;
    for (const item of items) {
      if (j >= n) {
        n += 10;
        n += n >> 2;
        t = heap.tupleResize(t, n);
      }
      heap.tupleRecycleItem(t, j++, item);
    }
    if (j < n) t = heap.tupleResize(t, j);
  } catch (error) {
    heap.decref(t);
    throw error;
  }
  return t;
}

/** {@link tupleOfItems} over a builtin iterable with a `__len__` (the iterator released after). */
function tupleFromIterator(heap: Heap, o: ObjectHandle): ObjectHandle {
  const { it, items, lengthHint } = iteratorSource(heap, o);
  try {
    return tupleOfItems(heap, items, lengthHint ?? 0);
  } finally {
    heap.decref(it);
  }
}

/**
 * make_new_set over an iterable the heap iterates (a range, a str, a dict view, a
 * deque, itertools'): the set, then the iterator (set_update_internal's
 * PyObject_GetIter), each item added as it is made and its reference dropped, then the
 * iterator freed. An exact dict (iterated without an iterator) is refused.
 */
function setFromIterator(heap: Heap, o: ObjectHandle, frozen: boolean): ObjectHandle {
  const t = heap.typeOf(o);
  const name = frozen ? 'frozenset' : 'set';
  if (['dict', 'defaultdict', 'Counter', 'OrderedDict'].includes(t))
    throw new Unsupported(`${name}() of a ${heap.typeNameOf(o)}`);
  const s = heap.newSetOfKind(frozen);
  let source: ReturnType<typeof iteratorSource>;
  try {
    source = iteratorSource(heap, o);
  } catch (error) {
    heap.decref(s);
    if (error instanceof Unsupported) throw new Unsupported(`${name}() of a ${heap.typeNameOf(o)}`);
    throw error;
  }
  try {
    for (const k of source.items) {
      try {
        heap.setAdd(s, k, true);
      } finally {
        heap.decref(k);
      }
    }
  } catch (error) {
    heap.decref(source.it);
    heap.decref(s);
    throw error;
  }
  heap.decref(source.it);
  return s;
}

const builtins: Record<string, Builtin> = {
  ...LIBRARY_BUILTINS,
  ...MAP_FILTER_BUILTINS,
  len(m, args) {
    arity('len', args, 1, 1);
    const heap = m.heap;
    const o = args[0]!;
    const t = heap.typeOf(o);
    if (t === 'range') return heap.newInt(rangeValues(heap, o)[3]);
    // dictview_len: the dict's ma_used.
    if (['dict_keys', 'dict_values', 'dict_items', ...ODICT_VIEWS].includes(t))
      return heap.newInt(heap.lengthOf(heap.referents(o)[0]!));
    if (
      [
        'str',
        'bytes',
        'list',
        'tuple',
        'dict',
        'set',
        'frozenset',
        'deque',
        'namedtuple',
        'defaultdict',
        'Counter',
        'OrderedDict',
      ].includes(t)
    )
      return heap.newInt(heap.lengthOf(o));
    throw new PythonError('TypeError', `object of type '${heap.typeNameOf(o)}' has no len()`);
  },
  id(m, args) {
    arity('id', args, 1, 1);
    if (m.gc?.fullCollectionRan()) throw new Unsupported('id() after a full collection');
    const t = m.heap.typeOf(args[0]!);
    if (t === 'builtin_function_or_method' || t === 'builtin_type')
      throw new Unsupported('id() of a builtin (made at start-up, outside the model)');
    if (m.heap.layout.pointerSize === 4)
      throw new Unsupported(
        'id() on wasm32 (no pymalloc there: where malloc puts objects is not modelled)',
      );
    // Tracebacks' frame objects are not all made (raise.ts): block reuse is not known.
    if (m.exceptionState.made) throw new Unsupported('id() after an exception was caught');
    if (importedLibrary(m)) throw new Unsupported('id() after importing a library module');
    if (formattingRan(m.heap))
      throw new Unsupported('id() after formatting with a spec, % or format');
    // A block of more than 512 bytes comes from the C library's malloc, whose
    // addresses (and reallocs in place) the model does not follow.
    const o = args[0]!;
    if (!m.heap.isSingleton(o) && !m.heap.obmalloc.owns(m.heap.blockAddressOf(o)))
      throw new Unsupported("id() of an object of more than 512 bytes (the C library's malloc)");
    const address = m.heap.newInt(m.heap.addressOf(o));
    m.heap.markAddress(address);
    return address;
  },
  repr(m, args) {
    arity('repr', args, 1, 1);
    return newText(m.heap, reprText(m.heap, args[0]!), 'repr()');
  },
  str(m, args) {
    arity('str', args, 0, 1);
    const heap = m.heap;
    if (args.length === 0) return heap.newStr('');
    const o = args[0]!;
    if (heap.typeOf(o) === 'str') return shared(heap, o);
    const t = heap.typeOf(o);
    if (t === 'exception') {
      // BaseException_str: '' / str(the one arg) / str(args); KeyError_str: repr(the one key).
      const items = heap.referents(exceptionArgs(heap, o));
      if (items.length === 1 && builtinExceptionClass(heap, o) !== 'KeyError')
        return builtins.str!(m, items);
    } else if (t === 'builtin_function_or_method' || t === 'builtin_type') {
      // object_str: the repr.
      return newText(heap, reprText(heap, o), 'str()');
    } else if (t !== 'int' && t !== 'float' && t !== 'bytes' && t !== 'Counter') {
      // A Counter: object_str runs Counter.__repr__ (below).
      const container = containerText(heap, o, false);
      if (container !== undefined) return container;
      throw new Unsupported(`str() of a ${heap.typeNameOf(o)}`);
    }
    return newText(heap, strText(heap, o), 'str()');
  },
  int(m, args) {
    arity('int', args, 0, 2);
    const heap = m.heap;
    if (args.length === 0) return heap.newInt(0);
    if (args.length === 2) return intWithBase(m, args[0]!, args[1]!);
    const o = args[0]!;
    const t = heap.typeOf(o);
    if (t === 'int') return shared(heap, o);
    if (t === 'bool') return heap.newInt(heap.valueOf(o) as bigint);
    if (t === 'float') {
      const v = heap.valueOf(o) as number;
      if (!Number.isFinite(v)) throw new Unsupported('int() of an infinite or NaN float');
      return heap.newInt(BigInt(Math.trunc(v)));
    }
    if (t === 'str') {
      const text = heap.valueOf(o) as string;
      const clean = text.trim();
      if (!/^[-+]?[0-9](_?[0-9])*$/.test(clean))
        throw new PythonError(
          'ValueError',
          `invalid literal for int() with base 10: ${reprText(heap, o)}`,
        );
      return heap.newInt(BigInt(clean.replace(/_/g, '')));
    }
    if (NOT_NUMBERS.has(t))
      throw new PythonError(
        'TypeError',
        `int() argument must be a string, a bytes-like object or a ${m.minor >= 10 ? 'real ' : ''}number, not '${t}'`,
      );
    throw new Unsupported(`int() of a ${heap.typeNameOf(o)}`);
  },
  float(m, args) {
    arity('float', args, 1, 1);
    const heap = m.heap;
    const o = args[0]!;
    const t = heap.typeOf(o);
    if (t === 'float') return shared(heap, o);
    if (t === 'str') return heap.newFloat(floatOfText(heap, o));
    const v = numberOf(heap, o);
    if (v === undefined && NOT_NUMBERS.has(t))
      throw new PythonError(
        'TypeError',
        `float() argument must be a string or a ${m.minor >= 10 ? 'real ' : ''}number, not '${t}'`,
      );
    if (v === undefined) throw new Unsupported(`float() of a ${heap.typeNameOf(o)}`);
    if (typeof v === 'bigint' && (v > 2n ** 53n || v < -(2n ** 53n)))
      throw new Unsupported('float() of an int beyond 2**53');
    return heap.newFloat(Number(v));
  },
  bool(m, args) {
    arity('bool', args, 1, 1);
    return m.heap.newBool(truthy(m.heap, args[0]!));
  },
  abs(m, args) {
    arity('abs', args, 1, 1);
    const heap = m.heap;
    const o = args[0]!;
    const v = numberOf(heap, o);
    if (v === undefined)
      throw new PythonError('TypeError', `bad operand type for abs(): '${heap.typeNameOf(o)}'`);
    if (typeof v === 'number') return heap.newFloat(Math.abs(v));
    if (heap.typeOf(o) === 'int' && v >= 0n) return shared(heap, o);
    return heap.newInt(v < 0n ? -v : v);
  },
  range(m, args) {
    arity('range', args, 1, 3);
    const heap = m.heap;
    const values = args.map((a) => intOf(heap, a, 'range'));
    const [start, stop, step] =
      values.length === 1 ? [0n, values[0]!, 1n] : [values[0]!, values[1]!, values[2] ?? 1n];
    if (step === 0n) throw new PythonError('ValueError', 'range() arg 3 must not be zero');
    const length =
      step > 0n
        ? stop > start
          ? (stop - start - 1n) / step + 1n
          : 0n
        : start > stop
          ? (start - stop - 1n) / -step + 1n
          : 0n;
    // The range object keeps the argument objects and a computed length; the heap makes
    // its four ints itself, which is exact only while all four are cached small ints.
    if ([start, stop, step, length].every((v) => v >= -5n && v <= 256n))
      return heap.newRange(Number(start), Number(stop), Number(step));
    return bigRange(m, args, length);
  },
  list(m, args) {
    arity('list', args, 0, 1);
    const heap = m.heap;
    // list_new / list_vectorcall: the object from tp_alloc, bypassing the free list.
    if (args.length === 0) return heap.newList([], true);
    const o = args[0]!;
    if (sequenceItems(heap, o) !== undefined) return heap.newListFrom(o, undefined, true);
    // list_extend: no length hint (8 slots first), appended to, then trimmed. GET_ITER
    // of these iterators is the object itself; none has a __len__ or __length_hint__.
    if (['map', 'filter', 'enumerate', 'zip'].includes(heap.typeOf(o)))
      return heap.newListFrom({ items: stepped(heap, o) }, undefined, true);
    // A reverse iterator is its own iterator, with a length hint (the items left) and
    // no __len__: presized by the hint, then trimmed (list_extend).
    if (heap.typeOf(o) === 'list_reverseiterator' || heap.typeOf(o) === 'reversed')
      return heap.newListFrom(
        { items: stepped(heap, o), lengthHint: heap.reversedLengthHint(o) },
        undefined,
        true,
      );
    if (extendsDictDirectly(heap, o)) {
      const l = heap.newList([], true);
      extendByDict(heap, l, o);
      return l;
    }
    if ((heap.typeOf(o) === 'set' || heap.typeOf(o) === 'frozenset') && m.minor >= 13) {
      // 3.13+ list_extend_set: the table walked directly, no iterator.
      setItemsInOrder(heap, o);
      const l = heap.newList([], true);
      heap.listExtendSet(l, o);
      return l;
    }
    const { it, items, lengthHint } = iteratorSource(heap, o);
    // 3.8/3.9 list___init__ presizes exactly only what has a __len__ (a repeat has a hint).
    const hinted = [
      'list_iterator',
      'tuple_iterator',
      'str_iterator',
      'repeat',
      'chain',
      'islice',
      'combinations',
      'product',
      'zip_longest',
      'accumulate',
      'permutations',
      'starmap',
      'takewhile',
    ];
    const sized = hinted.includes(heap.typeOf(o)) ? undefined : lengthHint;
    const l = heap.newListFrom({ items, lengthHint }, sized, true);
    heap.decref(it);
    return l;
  },
  tuple(m, args) {
    arity('tuple', args, 0, 1);
    const heap = m.heap;
    if (args.length === 0) return heap.newTuple([]);
    const o = args[0]!;
    const t = heap.typeOf(o);
    if (t === 'tuple') return shared(heap, o);
    if (t === 'list') {
      const made = heap.newTuple(heap.referents(o));
      untrackIfAtomic(m, made);
      return made;
    }
    if (TUPLE_SIZED_SOURCES.has(t)) return tupleFromIterator(heap, o);
    throw new Unsupported(`tuple() of a ${heap.typeNameOf(o)}`);
  },
  dict(m, args) {
    arity('dict', args, 0, 1);
    const heap = m.heap;
    const d = heap.newDictFromType();
    if (args.length === 1) {
      const o = args[0]!;
      const t = heap.typeOf(o);
      if (t === 'zip' || t === 'enumerate' || t === 'list' || t === 'tuple') {
        try {
          mergeFromPairs(heap, d, o);
        } catch (error) {
          heap.decref(d);
          throw error;
        }
        return d;
      }
      if (t !== 'dict' && t !== 'defaultdict' && t !== 'Counter') {
        heap.decref(d);
        throw new Unsupported(`dict() of a ${heap.typeNameOf(o)}`);
      }
      heap.dictMerge(d, o);
    }
    return d;
  },
  /**
   * frozenset_new: a frozenset argument itself; else make_new_set over the iterable.
   * 3.8/3.9 keep an empty frozenset singleton: an empty result is made, freed, and the
   * singleton returned (3.10+ return each new empty one, measured).
   */
  frozenset(m, args) {
    arity('frozenset', args, 0, 1);
    const heap = m.heap;
    if (args.length === 0) return heap.newSet([], true);
    const o = args[0]!;
    const t = heap.typeOf(o);
    if (t === 'frozenset') return heap.share(o);
    const items = t === 'set' ? undefined : sequenceItems(heap, o);
    const made =
      t === 'set'
        ? heap.newSetFromSet(o, true)
        : items !== undefined
          ? heap.newSet(items, true)
          : setFromIterator(heap, o, true);
    return emptyFrozensetShared(heap, made);
  },
  set(m, args) {
    arity('set', args, 0, 1);
    const heap = m.heap;
    if (args.length === 0) return heap.newSet();
    const o = args[0]!;
    const t = heap.typeOf(o);
    if (t === 'set' || t === 'frozenset') return heap.newSetFromSet(o);
    const items = sequenceItems(heap, o);
    if (items !== undefined) return heap.newSet(items);
    return setFromIterator(heap, o, false);
  },
};

/**
 * 3.8/3.9 frozenset_new: a new frozenset that came out empty is dropped and the empty
 * singleton returned (`made` is taken over).
 */
export function emptyFrozensetShared(heap: Heap, made: ObjectHandle): ObjectHandle {
  if (heap.lengthOf(made) > 0 || heap.emptyFrozenset === 0 || made === heap.emptyFrozenset)
    return made;
  heap.decref(made);
  return heap.newSet([], true);
}

/** The builtin called `name`, or undefined. */
export function builtin(name: string): Builtin | undefined {
  return Object.hasOwn(builtins, name) ? builtins[name] : undefined;
}

/** Names of every callable builtin (they may not be rebound by the program). */
export const BUILTIN_NAMES: ReadonlySet<string> = new Set([
  ...Object.keys(builtins),
  'print',
  'isinstance',
  'type',
  'getattr',
  'hasattr',
  'setattr',
  'delattr',
  'vars',
]);

/**
 * Every public name of CPython's `builtins` module on 3.8 … 3.13 (`dir(builtins)`
 * without `_` names and the constants; measured). A program that reads one the model
 * does not have must be refused, not given a NameError CPython would not raise.
 */
export const PYTHON_BUILTIN_NAMES: ReadonlySet<string> = new Set([
  'ArithmeticError',
  'AssertionError',
  'AttributeError',
  'BaseException',
  'BaseExceptionGroup',
  'BlockingIOError',
  'BrokenPipeError',
  'BufferError',
  'BytesWarning',
  'ChildProcessError',
  'ConnectionAbortedError',
  'ConnectionError',
  'ConnectionRefusedError',
  'ConnectionResetError',
  'DeprecationWarning',
  'EOFError',
  'Ellipsis',
  'EncodingWarning',
  'EnvironmentError',
  'Exception',
  'ExceptionGroup',
  'FileExistsError',
  'FileNotFoundError',
  'FloatingPointError',
  'FutureWarning',
  'GeneratorExit',
  'IOError',
  'ImportError',
  'ImportWarning',
  'IndentationError',
  'IndexError',
  'InterruptedError',
  'IsADirectoryError',
  'KeyError',
  'KeyboardInterrupt',
  'LookupError',
  'MemoryError',
  'ModuleNotFoundError',
  'NameError',
  'NotADirectoryError',
  'NotImplemented',
  'NotImplementedError',
  'OSError',
  'OverflowError',
  'PendingDeprecationWarning',
  'PermissionError',
  'ProcessLookupError',
  'PythonFinalizationError',
  'RecursionError',
  'ReferenceError',
  'ResourceWarning',
  'RuntimeError',
  'RuntimeWarning',
  'StopAsyncIteration',
  'StopIteration',
  'SyntaxError',
  'SyntaxWarning',
  'SystemError',
  'SystemExit',
  'TabError',
  'TimeoutError',
  'TypeError',
  'UnboundLocalError',
  'UnicodeDecodeError',
  'UnicodeEncodeError',
  'UnicodeError',
  'UnicodeTranslateError',
  'UnicodeWarning',
  'UserWarning',
  'ValueError',
  'Warning',
  'ZeroDivisionError',
  'abs',
  'aiter',
  'all',
  'anext',
  'any',
  'ascii',
  'bin',
  'bool',
  'breakpoint',
  'bytearray',
  'bytes',
  'callable',
  'chr',
  'classmethod',
  'compile',
  'complex',
  'copyright',
  'credits',
  'delattr',
  'dict',
  'dir',
  'divmod',
  'enumerate',
  'eval',
  'exec',
  'exit',
  'filter',
  'float',
  'format',
  'frozenset',
  'getattr',
  'globals',
  'hasattr',
  'hash',
  'help',
  'hex',
  'id',
  'input',
  'int',
  'isinstance',
  'issubclass',
  'iter',
  'len',
  'license',
  'list',
  'locals',
  'map',
  'max',
  'memoryview',
  'min',
  'next',
  'object',
  'oct',
  'open',
  'ord',
  'pow',
  'print',
  'property',
  'quit',
  'range',
  'repr',
  'reversed',
  'round',
  'set',
  'setattr',
  'slice',
  'sorted',
  'staticmethod',
  'str',
  'sum',
  'super',
  'tuple',
  'type',
  'vars',
  'zip',
]);

/** `isinstance(o, name)` for a builtin type name. */
export function isInstance(heap: Heap, o: ObjectHandle, typeName: string): boolean {
  const t = heap.typeOf(o);
  if (t === 'namedtuple' || t === 'namedtuple_type')
    throw new Unsupported('isinstance() of a namedtuple or its class');
  // A defaultdict or a Counter is a dict (and nothing else builtin).
  if (t === 'defaultdict' || t === 'Counter') return typeName === 'dict';
  if (t === 'OrderedDict') throw new Unsupported('isinstance() of an OrderedDict');
  return t === typeName || (typeName === 'int' && t === 'bool');
}

/** `sys.getsizeof(o)` → a new int. */
export function sysGetsizeof(m: Machine, o: ObjectHandle): ObjectHandle {
  const heap = m.heap;
  if (heap.typeOf(o) === 'namedtuple_type' || namedTupleCountUnknown(m, o))
    throw new Unsupported('sys.getsizeof of a namedtuple class, its _fields or a field name');
  return heap.newInt(heap.sizeof(o));
}

/**
 * `sys.getrefcount(o)` while the caller holds `o` on its value stack → a new int.
 * The stack's reference is one of the heap's counted external references here, as it
 * is one of CPython's. Objects whose count includes references from outside the program
 * (cached singletons before 3.12, code constants) are Unsupported.
 */
export function sysGetrefcount(m: Machine, o: ObjectHandle, borrowed = 0): ObjectHandle {
  const heap = m.heap;
  if (namedTupleCountUnknown(m, o))
    throw new Unsupported('sys.getrefcount of a namedtuple class, its _fields or a field name');
  // Made at start-up and held by the builtins module and whatever start-up kept.
  if (heap.typeOf(o) === 'builtin_function_or_method')
    throw new Unsupported('sys.getrefcount of a builtin function');
  if (heap.isImmortal(o)) return heap.newInt(heap.getrefcount(o));
  if (heap.isSingleton(o) && heap.layout.immortalRefcount === null)
    throw new Unsupported('sys.getrefcount of a cached object before 3.12');
  // A constant tuple is held by its code objects and, on 3.8–3.13, by the AST arena
  // that folded it for as long as the module runs (pythonrun.c's run_mod keeps it).
  if (m.constants.has(o) || heap.isSingleton(o))
    throw new Unsupported('sys.getrefcount of a code constant');
  if (
    m.rules.borrowedLocalLoads &&
    heap.typeOf(o) === 'function' &&
    m.functions.get(o)?.makeGenerator !== undefined
  )
    throw new Unsupported(
      'sys.getrefcount of a generator function on 3.14 (its generators do not count it: measured)',
    );
  if (heap.typeOf(o) === 'function' && functionsHeldByFrames(m))
    throw new Unsupported('sys.getrefcount of a function while a kept frame may hold it');
  return heap.newInt(heap.refcount(o) - borrowedReferences(m, o) - borrowed);
}

/**
 * The str predicates on ASCII text (unicode_isalpha_impl & co.: false for '' but
 * isascii; isupper / islower ask for a cased character and none of the other case).
 */
function asciiPredicate(text: string, method: string): boolean {
  if (method === 'isascii') return true;
  if (text === '') return false;
  const all = (re: RegExp) => [...text].every((c) => re.test(c));
  switch (method) {
    case 'isalpha':
      return all(/[A-Za-z]/);
    case 'isdigit':
    case 'isdecimal':
    case 'isnumeric':
      return all(/[0-9]/);
    case 'isalnum':
      return all(/[A-Za-z0-9]/);
    case 'isspace':
      // Py_UNICODE_ISSPACE's ASCII members: space, \t \n \v \f \r and 0x1c–0x1f.
      return [...text].every(
        (c) => c === ' ' || (c >= '\t' && c <= '\r') || (c >= '\u001c' && c <= '\u001f'),
      );
    case 'isupper':
      return /[A-Z]/.test(text) && !/[a-z]/.test(text);
    default:
      return /[a-z]/.test(text) && !/[A-Z]/.test(text);
  }
}

/**
 * str.ljust / rjust / center (width[, fillchar]) and zfill(width): the str itself when
 * it is already that wide; else pad()'s new str (PyUnicode_New of the width, never a
 * cached character). center puts the odd space left when both the margin and the width
 * are odd; zfill keeps a leading sign in front. Models Objects/unicodeobject.c pad,
 * unicode_center_impl and unicode_zfill_impl, 3.8–3.14. ASCII only.
 */
function padded(
  m: Machine,
  receiver: ObjectHandle,
  method: string,
  args: readonly ObjectHandle[],
): ObjectHandle {
  const heap = m.heap;
  const key = `str.${method}`;
  arity(key, args, 1, method === 'zfill' ? 1 : 2);
  const width = Number(intOf(heap, args[0]!, key));
  let fill = ' ';
  if (args.length === 2) {
    const f = args[1]!;
    if (heap.typeOf(f) !== 'str' || [...(heap.valueOf(f) as string)].length !== 1)
      throw new Unsupported(`${key}() with a fill character that is not one character`);
    fill = heap.valueOf(f) as string;
  }
  const text = heap.valueOf(receiver) as string;
  if (!isAscii(text) || !isAscii(fill)) throw new Unsupported(`${key}() of non-ASCII text`);
  if (text.length >= width) return shared(heap, receiver);
  const margin = width - text.length;
  let out: string;
  if (method === 'ljust') out = text + fill.repeat(margin);
  else if (method === 'rjust') out = fill.repeat(margin) + text;
  else if (method === 'center') {
    const left = Math.trunc(margin / 2) + (margin & width & 1);
    out = fill.repeat(left) + text + fill.repeat(margin - left);
  } else {
    out = '0'.repeat(margin) + text;
    if (text[0] === '+' || text[0] === '-') out = `${text[0]}${'0'.repeat(margin)}${text.slice(1)}`;
  }
  return heap.newFreshStr(out);
}

/**
 * str.partition / rpartition(sep): PyTuple_New(3), then its items — not found, the str
 * itself and two '' (rpartition: '', '', the str); found, the text before as a new str
 * (cached when empty or one latin-1 character), `sep` itself, the text after. Models
 * Objects/stringlib/partition.h, 3.8–3.14. ASCII only.
 */
function partitioned(
  m: Machine,
  receiver: ObjectHandle,
  reverse: boolean,
  args: readonly ObjectHandle[],
): ObjectHandle {
  const heap = m.heap;
  const key = reverse ? 'str.rpartition' : 'str.partition';
  arity(key, args, 1, 1);
  const sepObject = args[0]!;
  if (heap.typeOf(sepObject) !== 'str') throw new Unsupported(`${key}() of a non-str separator`);
  const text = heap.valueOf(receiver) as string;
  const sep = heap.valueOf(sepObject) as string;
  if (!isAscii(text) || !isAscii(sep)) throw new Unsupported(`${key}() of non-ASCII text`);
  if (sep === '') throw new PythonError('ValueError', 'empty separator');
  const none = heap.none;
  const t = heap.newTuple([none, none, none]);
  const at = reverse ? text.lastIndexOf(sep) : text.indexOf(sep);
  const items: ObjectHandle[] =
    at < 0
      ? reverse
        ? [heap.newStr(''), heap.newStr(''), shared(heap, receiver)]
        : [shared(heap, receiver), heap.newStr(''), heap.newStr('')]
      : [heap.newStr(text.slice(0, at)), shared(heap, sepObject), 0];
  if (at >= 0) items[2] = heap.newStr(text.slice(at + sep.length));
  for (const [i, item] of items.entries()) heap.tupleRecycleItem(t, i, item);
  return t;
}

/** str.capitalize / title / swapcase of ASCII text (do_capitalize, do_title, do_swapcase). */
function asciiCase(text: string, method: string): string {
  if (method === 'swapcase')
    return [...text].map((c) => (/[a-z]/.test(c) ? c.toUpperCase() : c.toLowerCase())).join('');
  if (method === 'capitalize') return text.charAt(0).toUpperCase() + text.slice(1).toLowerCase();
  // title: a letter after a cased letter is lowered, any other letter is raised.
  let previousCased = false;
  let out = '';
  for (const c of text) {
    const cased = /[A-Za-z]/.test(c);
    out += cased ? (previousCased ? c.toLowerCase() : c.toUpperCase()) : c;
    previousCased = cased;
  }
  return out;
}

/**
 * PyFloat_FromString of an ASCII str without underscores (its own UTF-8 form: nothing is
 * allocated but the float): the value strtod reads, or CPython's ValueError.
 */
function floatOfText(heap: Heap, o: ObjectHandle): number {
  const text = heap.valueOf(o) as string;
  if (!isAscii(text) || text.includes('_'))
    throw new Unsupported('float() of a str with underscores or non-ASCII characters');
  const clean = text.trim();
  const special = /^([+-]?)(inf|infinity|nan)$/i.exec(clean);
  if (special !== null) {
    const sign = special[1] === '-' ? -1 : 1;
    return special[2]!.toLowerCase() === 'nan' ? Number.NaN : sign * Number.POSITIVE_INFINITY;
  }
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(clean))
    throw new PythonError('ValueError', `could not convert string to float: ${reprText(heap, o)}`);
  return Number(clean);
}

/** Iterators str.join drains into a list first (PySequence_Fast). */
const JOIN_DRAINED: ReadonlySet<string> = new Set(['map', 'filter', 'generator']);

/** The items of iterator `it` as new references, for a list that adopts them. */
function drainedItems(m: Machine, it: ObjectHandle): Iterable<ObjectHandle> {
  return {
    *[Symbol.iterator]() {
      for (let v = iteratorNext(m, it); v !== 0; v = iteratorNext(m, it)) yield v;
    },
  };
}

/** _PyUnicode_JoinArray of `items` (borrowed) with the separator `sep`: a new reference. */
function joinItems(heap: Heap, sep: ObjectHandle, items: readonly ObjectHandle[]): ObjectHandle {
  if (items.some((item) => heap.typeOf(item) !== 'str'))
    throw new Unsupported('str.join of a non-str item (a TypeError)');
  // One exact str is returned itself, none gives ''.
  if (items.length === 1) return shared(heap, items[0]!);
  if (items.length === 0) return heap.newStr('');
  const text = items.map((item) => heap.valueOf(item) as string).join(heap.valueOf(sep) as string);
  if (text === '') return heap.newStr('');
  return newText(heap, text, 'str.join()');
}

/** `receiver.name(*args)` for the modelled methods; a new reference. */
export function callMethod(
  m: Machine,
  receiver: ObjectHandle,
  name: string,
  args: readonly ObjectHandle[],
): ObjectHandle {
  const heap = m.heap;
  // The commonest call first, without building the method's key (same path as below).
  if (name === 'append' && args.length === 1 && heap.typeOf(receiver) === 'list') {
    heap.listAppend(receiver, args[0]!);
    return heap.newNone();
  }
  if (heap.typeOf(receiver) === 'deque') return dequeMethod(m, receiver, name, args);
  if (heap.typeOf(receiver) === 'namedtuple')
    return namedTupleMethod(m, receiver, name, args, new Map());
  if (heap.typeOf(receiver) === '_lru_cache_wrapper')
    return lruCacheMethod(m, receiver, name, args);
  if (heap.typeOf(receiver) === 'Counter') {
    const own = counterMethod(m, receiver, name, args);
    if (own !== undefined) return own;
  }
  const library = libraryMethod(m, receiver, name, args);
  if (library !== undefined) return library;
  const converted = bytesConversion(m, receiver, name, args);
  if (converted !== undefined) return converted;
  const t = methodOwner(m, receiver, name);
  const key = `${t}.${name}`;
  if (key === 'str.format')
    return strDotFormat(heap, heap.valueOf(receiver) as string, args, new Map());
  switch (key) {
    case 'list.append':
      arity(key, args, 1, 1);
      heap.listAppend(receiver, args[0]!);
      return heap.newNone();
    case 'list.extend': {
      arity(key, args, 1, 1);
      const source = args[0]!;
      if (sequenceItems(heap, source) !== undefined) heap.listExtend(receiver, source);
      else if (extendsDictDirectly(heap, source)) extendByDict(heap, receiver, source);
      else {
        const { it, items, lengthHint } = iteratorSource(heap, source);
        heap.listExtend(receiver, { items, lengthHint });
        heap.decref(it);
      }
      return heap.newNone();
    }
    case 'list.pop': {
      arity(key, args, 0, 1);
      if (args.length === 1) {
        const i = heap.valueOf(args[0]!);
        if (i !== -1n && i !== BigInt(heap.lengthOf(receiver) - 1))
          throw new Unsupported('list.pop(i) other than the last item');
      }
      if (heap.lengthOf(receiver) === 0) throw new PythonError('IndexError', 'pop from empty list');
      return heap.listPop(receiver);
    }
    case 'list.copy':
      arity(key, args, 0, 0);
      return heap.listCopy(receiver);
    case 'dict.get': {
      arity(key, args, 1, 2);
      const v = heap.dictGet(receiver, args[0]!);
      if (v !== 0) return shared(heap, v);
      return args.length === 2 ? shared(heap, args[1]!) : heap.newNone();
    }
    case 'dict.copy':
      arity(key, args, 0, 0);
      return heap.dictCopy(receiver);
    case 'dict.update': {
      arity(key, args, 1, 1);
      const from = heap.typeOf(args[0]!);
      if (from !== 'dict' && from !== 'defaultdict' && from !== 'Counter')
        throw new Unsupported('dict.update from a non-dict');
      heap.dictMerge(receiver, args[0]!);
      return heap.newNone();
    }
    case 'set.add':
      arity(key, args, 1, 1);
      heap.setAdd(receiver, args[0]!);
      return heap.newNone();
    case 'set.discard':
      arity(key, args, 1, 1);
      heap.setDiscard(receiver, args[0]!);
      return heap.newNone();
    case 'set.copy':
      arity(key, args, 0, 0);
      return heap.newSetFromSet(receiver);
    case 'list.index':
    case 'tuple.index': {
      arity(key, args, 1, 1);
      const at = heap.referents(receiver).findIndex((item) => equal(heap, item, args[0]!));
      if (at < 0) throw new Unsupported(`${key} of a missing item (a ValueError)`);
      return heap.newInt(at);
    }
    case 'list.count':
    case 'tuple.count':
      arity(key, args, 1, 1);
      return heap.newInt(
        heap.referents(receiver).filter((item) => equal(heap, item, args[0]!)).length,
      );
    case 'dict.pop': {
      arity(key, args, 1, 2);
      // _PyDict_Pop: one lookup (the key hashed and compared once).
      return heap.oneLookup(() => {
        const v = heap.dictGet(receiver, args[0]!);
        if (v === 0) {
          if (args.length === 2) return shared(heap, args[1]!);
          throw keyError(heap, args[0]!);
        }
        // The entry becomes a dummy (delitem_common); the caller gets the value's reference.
        heap.incref(v);
        heap.dictDelItem(receiver, args[0]!);
        return v;
      });
    }
    case 'dict.popitem': {
      arity(key, args, 0, 0);
      const item = heap.dictPopItem(receiver);
      if (item !== 0) return item;
      // KeyError('popitem(): dictionary is empty'): its one argument a new str.
      const message = heap.newStr('popitem(): dictionary is empty');
      const error = keyError(heap, message);
      heap.decref(message);
      throw error;
    }
    case 'dict.setdefault': {
      arity(key, args, 1, 2);
      // PyDict_SetDefault: one lookup.
      return heap.oneLookup(() => {
        const v = heap.dictGet(receiver, args[0]!);
        if (v !== 0) return shared(heap, v);
        const value = args.length === 2 ? args[1]! : heap.none;
        heap.dictSetItem(receiver, args[0]!, value);
        return shared(heap, value);
      });
    }
    case 'set.remove':
      arity(key, args, 1, 1);
      // set_discard_key: one lookup.
      heap.oneLookup(() => {
        if (!contains(heap, receiver, args[0]!)) throw keyError(heap, args[0]!);
        heap.setDiscard(receiver, args[0]!);
      });
      return heap.newNone();
    case 'str.upper':
    case 'str.lower': {
      arity(key, args, 0, 0);
      const text = heap.valueOf(receiver) as string;
      const changed = name === 'upper' ? text.toUpperCase() : text.toLowerCase();
      if (
        [...changed].length !== [...text].length ||
        [...text].some((ch) => ch.codePointAt(0)! > 0x7f)
      )
        throw new Unsupported(`${key} of a non-ASCII str`);
      // ascii_upper_or_lower: always a new str, even of one character.
      return newText(heap, changed, `${key}()`);
    }
    case 'str.isalpha':
    case 'str.isdigit':
    case 'str.isdecimal':
    case 'str.isnumeric':
    case 'str.isalnum':
    case 'str.isspace':
    case 'str.isupper':
    case 'str.islower':
    case 'str.isascii': {
      arity(key, args, 0, 0);
      const text = heap.valueOf(receiver) as string;
      if (!isAscii(text)) throw new Unsupported(`${key} of a non-ASCII str`);
      return heap.newBool(asciiPredicate(text, name));
    }
    case 'str.ljust':
    case 'str.rjust':
    case 'str.center':
    case 'str.zfill':
      return padded(m, receiver, name, args);
    case 'str.partition':
    case 'str.rpartition':
      return partitioned(m, receiver, name === 'rpartition', args);
    case 'str.capitalize':
    case 'str.title':
    case 'str.swapcase': {
      arity(key, args, 0, 0);
      const text = heap.valueOf(receiver) as string;
      if (!isAscii(text)) throw new Unsupported(`${key} of a non-ASCII str`);
      // unicode_result_unchanged for ''; else case_operation: a PyMem_Malloc scratch of
      // 3 UCS4 per character, the result (always a new str), then the scratch freed.
      if (text === '') return shared(heap, receiver);
      let out = 0;
      heap.transientBlock(
        12 * text.length,
        () => {
          out = newText(heap, asciiCase(text, name), `${key}()`);
        },
        'mem',
      );
      return out;
    }
    case 'str.join': {
      arity(key, args, 1, 1);
      // PySequence_Fast: a list or tuple as it is; a map, filter, generator or reverse
      // iterator drained into a new list (PySequence_List: PyList_New(0), then
      // list_extend with the iterator's length hint, if any), released after the
      // result is made.
      const source = args[0]!;
      const t = heap.typeOf(source);
      const reverse = t === 'reversed' || t === 'list_reverseiterator';
      const drained =
        JOIN_DRAINED.has(t) || reverse
          ? heap.newListFrom({
              items: drainedItems(m, source),
              ...(reverse && { lengthHint: heap.reversedLengthHint(source) }),
            })
          : 0;
      try {
        const items = sequenceItems(heap, drained || source);
        if (items === undefined) throw new Unsupported(`str.join of a ${heap.typeNameOf(source)}`);
        return joinItems(heap, receiver, items);
      } finally {
        if (drained !== 0) heap.decref(drained);
      }
    }
    default:
      throw new Unsupported(`the method ${heap.typeNameOf(receiver)}.${name}`);
  }
}

/**
 * `int(text, base)` for a base of 2 … 36 (PyLong_FromUnicodeObject): surrounding
 * whitespace, a sign, the base's own prefix (`0x` for 16, `0o` for 8, `0b` for 2) and
 * single underscores between digits are allowed; anything else is CPython's ValueError.
 * Base 0 (the literal's own prefix decides) is refused.
 */
function intWithBase(m: Machine, o: ObjectHandle, baseArg: ObjectHandle): ObjectHandle {
  const heap = m.heap;
  const base = heap.plainInt(baseArg);
  if (heap.typeOf(o) !== 'str' || base === undefined)
    throw new Unsupported('int() with a base of other than a str and an int');
  if (base < 2n || base > 36n) {
    if (base === 0n) throw new Unsupported('int() with base 0');
    throw new PythonError('ValueError', 'int() base must be >= 2 and <= 36, or 0');
  }
  const invalid = (): PythonError =>
    new PythonError(
      'ValueError',
      `invalid literal for int() with base ${base}: ${reprText(heap, o)}`,
    );
  let text = (heap.valueOf(o) as string).trim();
  let negative = false;
  if (text.startsWith('-') || text.startsWith('+')) {
    negative = text.startsWith('-');
    text = text.slice(1);
  }
  const prefix = { 16: '0x', 8: '0o', 2: '0b' }[Number(base)];
  let afterPrefix = false;
  if (prefix !== undefined && text.toLowerCase().startsWith(prefix)) {
    text = text.slice(2);
    afterPrefix = true;
  }
  // An underscore may follow the prefix, and otherwise only sits between two digits.
  if (afterPrefix && text.startsWith('_')) text = text.slice(1);
  if (text === '' || text.startsWith('_') || text.endsWith('_') || text.includes('__'))
    throw invalid();
  let value = 0n;
  for (const ch of text.replace(/_/g, '')) {
    const digit = Number.parseInt(ch, 36);
    if (Number.isNaN(digit) || digit >= base || !/[0-9a-z]/i.test(ch)) throw invalid();
    value = value * base + BigInt(digit);
  }
  return heap.newInt(negative ? -value : value);
}
