/**
 * The builtins that walk an iterable or compute a small result: `min`, `max`, `sum`,
 * `any`, `all`, `sorted`-free helpers, `ord`, `chr`, `hex`, `bin`, `oct`, `divmod`,
 * `round` and `hash` of ints. Borrowed arguments in, a new reference out (builtins.ts).
 *
 * What each allocates is CPython's, in CPython's order:
 *
 *   min/max/sum/any/all(iterable)  PyObject_GetIter: a list, tuple or range iterator
 *                                  (a GC object), each item a new reference from it,
 *                                  the iterator released before the result is made
 *   min/max(a, b, …)               3.8–3.12 iterate the argument tuple (a tuple
 *                                  iterator); 3.13 walks the argument array (none)
 *   sum of ints                    accumulated in a C long, one PyLong_FromLong at the end
 *   sum of floats                  0 + the first float (a float), then a C double (ints
 *                                  that fit a C long added as doubles); 3.12+ add
 *                                  Neumaier's compensation, for those ints too from 3.14
 *                                  (builtin_sum_impl); before 3.12 a bool leaves the C
 *                                  long loop for the generic one (PyNumber_Add per item)
 *   divmod(int, int)               the quotient, the remainder, then the 2-tuple
 *   ord / chr / hex / bin / oct    one new int or str (chr: the latin-1 singleton < 256)
 *
 * The argument tuple a METH_VARARGS builtin receives lives on a tuple free list that
 * CPython's start-up has filled: taking and returning it changes nothing the program
 * can see, so it is not modelled. Models builtin_min/max (min_max), builtin_sum_impl,
 * builtin_any/all, builtin_ord, builtin_chr_impl, PyNumber_ToBase, long_divmod /
 * l_divmod (single-digit operands), Python/bltinmodule.c and Objects/longobject.c,
 * 3.8–3.13.
 */
import type { Heap, ObjectHandle } from '@pymem/objects';
import { instanceBinary, instanceCompare } from './class-dunders.ts';
import { extendByDict, isDictSource } from './dict-sources.ts';
import { PythonError, Unsupported } from './errors.ts';
import { iteratorNext } from './generator-runs.ts';
import { hashOf } from './key-hashes.ts';
import type { Machine } from './machine.ts';
import { installStep } from './map-filter.ts';
import { sortOrder } from './methods-lib.ts';
import { binaryOp, shared } from './operations.ts';
import { numberOf, order, rangeValues, setItemsInOrder, truthy } from './values.ts';

type Builtin = (m: Machine, args: readonly ObjectHandle[]) => ObjectHandle;

function arity(name: string, args: readonly ObjectHandle[], min: number, max: number): void {
  if (args.length < min || args.length > max)
    throw new Unsupported(`${name}() with ${args.length} argument${args.length === 1 ? '' : 's'}`);
}

/** The largest C long (64-bit builds; Pyodide's 32-bit one is not a `pymem run` profile). */
const LONG_MAX = 2n ** 63n - 1n;
/** Single-digit ints (30-bit digits): the operands long_divmod's fast path takes. */
const DIGIT = 2n ** 30n;

/**
 * PyObject_GetIter(o) for a list, tuple, range, str, dict (its keys) or a dict view: the
 * iterator (a new object; an iterator such as a map, filter or generator itself).
 */
export function iterate(heap: Heap, o: ObjectHandle, name: string): ObjectHandle {
  const t = heap.typeOf(o);
  // GET_ITER of a map or filter object is the object itself (map-filter.ts).
  const iterable = [
    'list',
    'tuple',
    'range',
    'str',
    'map',
    'filter',
    'dict',
    'dict_keys',
    'dict_values',
    'dict_items',
    // Iterators: GET_ITER is the object itself.
    'generator',
    'enumerate',
    'zip',
    'list_iterator',
    'tuple_iterator',
    'str_iterator',
  ];
  const set = t === 'set' || t === 'frozenset';
  if (!iterable.includes(t) && !set) throw new Unsupported(`${name}() of a ${heap.typeNameOf(o)}`);
  // A set's table order is known for ints, floats and None only (values.ts).
  if (set) setItemsInOrder(heap, o);
  return heap.newIterator(o);
}

/**
 * min_max: the first item that no later item beats (`<` for min, `>` for max),
 * a new reference. Mixed types whose order CPython refuses are Unsupported (the
 * TypeError names the pair it compared). With `key` (a call of the key function on an
 * item it holds, giving a new reference), the keys are compared: min_max keeps the
 * best item and its key, and drops a beaten pair item first, then key. With
 * `defaultValue`, an empty iterable gives it instead of the ValueError. Models
 * Python/bltinmodule.c min_max, 3.8–3.14.
 */
export function minMax(
  m: Machine,
  args: readonly ObjectHandle[],
  name: 'min' | 'max',
  key?: (item: ObjectHandle) => ObjectHandle,
  defaultValue?: ObjectHandle,
): ObjectHandle {
  const heap = m.heap;
  if (args.length === 0) throw new Unsupported(`${name}() with no arguments`);
  if (defaultValue !== undefined && args.length > 1)
    throw new Unsupported(`${name}(default=…) with several positional arguments (a TypeError)`);
  if (key !== undefined) return minMaxByKey(m, args, name, key, defaultValue);
  const { it, next } = minMaxItems(m, args, name);
  let best = 0;
  try {
    for (let item = next(); item !== 0; item = next()) {
      if (best === 0) {
        best = item;
        continue;
      }
      let better: boolean;
      if (heap.typeOf(item) === 'instance' || heap.typeOf(best) === 'instance') {
        // min_max: PyObject_RichCompareBool(item, best, Py_LT / Py_GT).
        try {
          better = instanceCompare(m, name === 'min' ? '<' : '>', item, best);
        } catch (error) {
          heap.decref(item);
          throw error;
        }
      } else {
        const c = order(heap, item, best);
        if (c === undefined || Number.isNaN(c)) {
          heap.decref(item);
          throw new Unsupported(`${name}() of items CPython cannot order`);
        }
        better = (name === 'min' && c < 0) || (name === 'max' && c > 0);
      }
      if (better) {
        heap.decref(best);
        best = item;
      } else heap.decref(item);
    }
  } catch (error) {
    if (best !== 0) heap.decref(best);
    if (it !== 0) heap.decref(it);
    throw error;
  }
  if (it !== 0) heap.decref(it);
  if (best === 0) return emptyResult(m, name, defaultValue);
  return best;
}

/**
 * min_max's items: one argument's iterator, or several arguments themselves — 3.8–3.12
 * through the argument tuple's iterator, 3.13 (vectorcall) reading the array. `it` is 0
 * when no iterator object is made; `next` gives new references, 0 at the end.
 */
function minMaxItems(
  m: Machine,
  args: readonly ObjectHandle[],
  name: string,
): { it: ObjectHandle; next: () => ObjectHandle } {
  const heap = m.heap;
  if (args.length === 1) {
    const it = iterate(heap, args[0]!, name);
    return { it, next: () => iteratorNext(m, it) };
  }
  let i = 0;
  return {
    it: m.minor <= 12 ? heap.newIterator(heap.emptyTuple) : 0,
    next: () => (i < args.length ? shared(heap, args[i++]!) : 0),
  };
}

/**
 * An empty iterable's result: the default (a new reference) or min_max's ValueError,
 * whose text changed in 3.12 (measured on 3.12.1, 3.13.0 and Pyodide's 3.14.2).
 */
function emptyResult(
  m: Machine,
  name: string,
  defaultValue: ObjectHandle | undefined,
): ObjectHandle {
  if (defaultValue !== undefined) return shared(m.heap, defaultValue);
  throw new PythonError(
    'ValueError',
    m.minor >= 12 ? `${name}() iterable argument is empty` : `${name}() arg is an empty sequence`,
  );
}

/** {@link minMax} with a key function (see there). */
function minMaxByKey(
  m: Machine,
  args: readonly ObjectHandle[],
  name: 'min' | 'max',
  key: (item: ObjectHandle) => ObjectHandle,
  defaultValue: ObjectHandle | undefined,
): ObjectHandle {
  const heap = m.heap;
  const { it, next } = minMaxItems(m, args, name);
  let best = 0;
  let bestKey = 0;
  try {
    for (let item = next(); item !== 0; item = next()) {
      let value: ObjectHandle;
      try {
        value = key(item);
      } catch (error) {
        heap.decref(item);
        throw error;
      }
      if (best === 0) {
        best = item;
        bestKey = value;
        continue;
      }
      const c = order(heap, value, bestKey);
      if (c === undefined || Number.isNaN(c)) {
        heap.decref(item);
        heap.decref(value);
        throw new Unsupported(`${name}() of keys CPython cannot order`);
      }
      if ((name === 'min' && c < 0) || (name === 'max' && c > 0)) {
        heap.decref(bestKey);
        heap.decref(best);
        best = item;
        bestKey = value;
      } else {
        heap.decref(item);
        heap.decref(value);
      }
    }
  } catch (error) {
    if (bestKey !== 0) heap.decref(bestKey);
    if (best !== 0) heap.decref(best);
    if (it !== 0) heap.decref(it);
    throw error;
  }
  if (best === 0) {
    if (it !== 0) heap.decref(it);
    return emptyResult(m, name, defaultValue);
  }
  heap.decref(bestKey);
  if (it !== 0) heap.decref(it);
  return best;
}

/** builtin_sum_impl over ints and floats (a start int or float). */
function sum(m: Machine, args: readonly ObjectHandle[]): ObjectHandle {
  arity('sum', args, 1, 2);
  const heap = m.heap;
  const start = args[1];
  if (start !== undefined) {
    const t = heap.typeOf(start);
    if (t === 'instance') {
      // Neither fast loop: PyNumber_Add from the start itself.
      const it = iterate(heap, args[0]!, 'sum');
      try {
        const first = iteratorNext(m, it);
        heap.incref(start);
        return first === 0 ? start : sumObjects(m, it, start, first);
      } finally {
        heap.decref(it);
      }
    }
    if (t !== 'int' && t !== 'float') throw new Unsupported(`sum() with a ${t} start`);
  }
  const it = iterate(heap, args[0]!, 'sum');
  let result: bigint | number = start === undefined ? 0n : (heap.valueOf(start) as bigint | number);
  let compensation = 0;
  const neumaier = m.minor >= 12;
  try {
    for (let item = iteratorNext(m, it); item !== 0; item = iteratorNext(m, it)) {
      const t = heap.typeOf(item);
      const v = numberOf(heap, item);
      if (typeof result === 'bigint') {
        // Before 3.12 a bool leaves the C long loop (PyLong_CheckExact): the generic one.
        if (t === 'bool' && m.minor < 12) return sumObjects(m, it, heap.newInt(result), item);
        if (t === 'int' || t === 'bool') {
          const total = result + (v as bigint);
          if (total > LONG_MAX || total < -LONG_MAX - 1n || (v as bigint) > LONG_MAX)
            throw new Unsupported('sum() past a C long');
          result = total;
          heap.decref(item);
          continue;
        }
        if (t === 'instance') {
          // The int loop ends: the total so far as an int object, then PyNumber_Add per item.
          return sumObjects(m, it, heap.newInt(result), item);
        }
        if (t !== 'float') throw new Unsupported(`sum() of a ${heap.typeNameOf(item)}`);
        if (result > 2n ** 53n || result < -(2n ** 53n))
          throw new Unsupported('sum() of a float after a large int');
        // The int loop ends: PyLong_FromLong(total) + the float makes a float, both released.
        const partial = heap.newInt(result);
        const float = heap.newFloat(Number(result) + (v as number));
        heap.decref(partial);
        heap.decref(item);
        result = heap.valueOf(float) as number;
        heap.decref(float);
        continue;
      }
      const int = t === 'int' || t === 'bool';
      if (!int && t !== 'float')
        throw new Unsupported(`sum() of a ${heap.typeNameOf(item)} after a float`);
      // An int that fits a C long is added as a double: uncompensated before 3.14
      // (measured: sum([1e16, 1, 1, -1e16]) is 0.0 on 3.12.1 and 3.13.0, 2.0 on 3.14.2).
      if (int && ((v as bigint) > 2n ** 53n || (v as bigint) < -(2n ** 53n)))
        throw new Unsupported('sum() of a large int after a float');
      const x = int ? Number(v as bigint) : (v as number);
      const total = result + x;
      if (neumaier && (!int || m.minor >= 14))
        compensation += Math.abs(result) >= Math.abs(x) ? result - total + x : x - total + result;
      result = total;
      heap.decref(item);
    }
  } finally {
    heap.decref(it);
  }
  if (typeof result === 'bigint') return heap.newInt(result);
  if (compensation !== 0 && Number.isFinite(compensation)) result += compensation;
  return heap.newFloat(result);
}

/**
 * builtin_sum's generic loop: `acc = acc + item` (PyNumber_Add; an instance's method or
 * reflected method) for `item` and each next item, the old total and the item released
 * after each addition. Takes over `acc` and `item`; returns the total.
 */
function sumObjects(
  m: Machine,
  it: ObjectHandle,
  acc: ObjectHandle,
  item: ObjectHandle,
): ObjectHandle {
  const heap = m.heap;
  let total = acc;
  for (let next = item; next !== 0; next = iteratorNext(m, it)) {
    let sum: ObjectHandle;
    try {
      sum =
        heap.typeOf(total) === 'instance' || heap.typeOf(next) === 'instance'
          ? instanceBinary(m, '+', total, next)
          : binaryOp(heap, '+', total, next);
    } finally {
      heap.decref(total);
      heap.decref(next);
    }
    total = sum;
  }
  return total;
}

/** builtin_any / builtin_all: True/False once an item decides. */
function anyAll(m: Machine, args: readonly ObjectHandle[], name: 'any' | 'all'): ObjectHandle {
  arity(name, args, 1, 1);
  const heap = m.heap;
  const it = iterate(heap, args[0]!, name);
  let decided = false;
  try {
    for (let item = iteratorNext(m, it); item !== 0; item = iteratorNext(m, it)) {
      let truth: boolean;
      try {
        truth = truthy(heap, item);
      } finally {
        heap.decref(item);
      }
      if (truth === (name === 'any')) {
        decided = true;
        break;
      }
    }
  } finally {
    heap.decref(it);
  }
  return heap.newBool(name === 'any' ? decided : !decided);
}

function intArgument(heap: Heap, o: ObjectHandle): bigint {
  const t = heap.typeOf(o);
  if (t !== 'int' && t !== 'bool')
    throw new PythonError(
      'TypeError',
      `'${heap.typeNameOf(o)}' object cannot be interpreted as an integer`,
    );
  return heap.valueOf(o) as bigint;
}

/** PyNumber_ToBase: `0x`/`0b`/`0o` and the digits, a new str (three characters or more). */
function toBase(m: Machine, args: readonly ObjectHandle[], name: string, base: number) {
  arity(name, args, 1, 1);
  const v = intArgument(m.heap, args[0]!);
  const prefix = { 16: '0x', 2: '0b', 8: '0o' }[base]!;
  const text = `${v < 0n ? '-' : ''}${prefix}${(v < 0n ? -v : v).toString(base)}`;
  return m.heap.newStr(text);
}

/** Bytes of the bound `list.sort` sorted() looks up: a PyCFunctionObject with its GC header. */
const BOUND_SORT_BYTES = 72;

/**
 * builtin_sorted: PySequence_List (PyList_New(0) + list_extend), then the bound method
 * `newlist.sort` is made, called and released (3.9+: a GC object of its own; 3.8 takes
 * it from the PyCFunction free list start-up filled), then the list is returned.
 */
function sorted(m: Machine, args: readonly ObjectHandle[]): ObjectHandle {
  arity('sorted', args, 1, 1);
  return sortNewList(m, sortedList(m, args[0]!));
}

/** sorted()'s sort of its new `list` (taken over, returned): the bound `list.sort` call. */
export function sortNewList(m: Machine, list: ObjectHandle): ObjectHandle {
  const heap = m.heap;
  try {
    // The merge memory is allocated while the bound sort method runs.
    callBoundSort(m, () => heap.listReorder(list, sortOrder(m, heap.referents(list), false)));
  } catch (error) {
    heap.decref(list);
    throw error;
  }
  return list;
}

/**
 * sorted()'s PySequence_List of a list, tuple, range, set, dict or dict view:
 * PyList_New(0) + list_extend. `orderMatters`: the sort's result depends on the order
 * of the items it is given (a key function: ties keep it).
 */
export function sortedList(m: Machine, source: ObjectHandle, orderMatters = false): ObjectHandle {
  const heap = m.heap;
  const t = heap.typeOf(source);
  if (m.gc !== null) throw new Unsupported('sorted() in a program that imports gc');
  if (t === 'set' || t === 'frozenset') return setList(m, source, orderMatters);
  if (isDictSource(heap, source)) {
    const list = heap.newList();
    extendByDict(heap, list, source);
    return list;
  }
  if (t === 'str') {
    // PySequence_List(s): the str's iterator and its one-character strs, presized by
    // the length hint (the str's length).
    const list = heap.newList();
    const it = heap.newIterator(source);
    const items = {
      *[Symbol.iterator]() {
        for (let next = heap.iteratorNext(it); next !== 0; next = heap.iteratorNext(it)) yield next;
      },
    };
    heap.listExtend(list, { items, lengthHint: heap.lengthOf(source) });
    heap.decref(it);
    return list;
  }
  if (
    t === 'enumerate' ||
    t === 'zip' ||
    t === 'map' ||
    t === 'filter' ||
    t === 'generator' ||
    t === 'list_iterator' ||
    t === 'tuple_iterator' ||
    t === 'str_iterator'
  ) {
    // PySequence_List: the object is its own iterator; a list, tuple or str iterator
    // has a length hint (the items left), the others none (8 slots first).
    const hinted = t === 'list_iterator' || t === 'tuple_iterator' || t === 'str_iterator';
    const list = heap.newList();
    const items = {
      *[Symbol.iterator]() {
        for (let next = iteratorNext(m, source); next !== 0; next = iteratorNext(m, source))
          yield next;
      },
    };
    heap.listExtend(
      list,
      hinted ? { items, lengthHint: heap.iteratorLengthHint(source) } : { items },
    );
    return list;
  }
  if (t !== 'list' && t !== 'tuple' && t !== 'range')
    throw new Unsupported(`sorted() of a ${heap.typeNameOf(source)}`);
  const list = heap.newList();
  if (t === 'range') {
    const it = heap.newIterator(source);
    const lengthHint = Number(rangeValues(heap, source)[3]);
    const items = {
      *[Symbol.iterator]() {
        for (let next = heap.iteratorNext(it); next !== 0; next = heap.iteratorNext(it)) yield next;
      },
    };
    heap.listExtend(list, { items, lengthHint });
    heap.decref(it);
  } else heap.listExtend(list, source);
  return list;
}

/**
 * PySequence_List of a set: 3.8–3.12 list_extend's iterator (a setiterobject, GC, made
 * first and freed after), presized by its length hint (the set's size); 3.13+
 * list_extend_set (no iterator, one list_resize). The items go in table order — known
 * for ints, floats and None; a set of other items (a str's hash is randomised) is
 * taken only where its order cannot show: no key, and fewer than 64 items (a binary
 * insertion sort, which allocates nothing; MIN_MERGE in Objects/listsort.txt).
 */
function setList(m: Machine, source: ObjectHandle, orderMatters: boolean): ObjectHandle {
  const heap = m.heap;
  const n = heap.lengthOf(source);
  let items: readonly ObjectHandle[];
  try {
    items = setItemsInOrder(heap, source);
  } catch (error) {
    if (!(error instanceof Unsupported) || orderMatters || n >= 64) throw error;
    items = heap.referents(source);
  }
  const list = heap.newList();
  const extend = (): void => {
    const shared = {
      *[Symbol.iterator]() {
        for (const k of items) {
          heap.incref(k);
          yield k;
        }
      },
    };
    heap.listExtend(list, { items: shared, lengthHint: n });
  };
  if (m.minor <= 12)
    heap.transientBlock(heap.layout.gcHeader + 6 * heap.layout.pointerSize, extend);
  else extend();
  return list;
}

/** sorted()'s call of the bound `newlist.sort` (its own block on 3.9+, freed after the call). */
export function callBoundSort(m: Machine, sort: () => void): void {
  if (m.minor >= 9) m.heap.transientBlock(BOUND_SORT_BYTES, sort);
  else sort();
}

/** `zip(*args, strict=strict)` (strict from 3.10): a new reference. */
export function zipOf(m: Machine, args: readonly ObjectHandle[], strict: boolean): ObjectHandle {
  if (args.length === 0) throw new Unsupported('zip() of nothing');
  // A generator is stepped through the heap (map-filter.ts installStep).
  if (args.some((a) => m.heap.typeOf(a) === 'generator')) installStep(m);
  return m.heap.newZip(
    args.map((a) => iterableArgument(m.heap, a, 'zip')),
    strict,
  );
}

/** An argument enumerate/zip may iterate (whose iterator the heap makes), else refused. */
function iterableArgument(heap: Heap, o: ObjectHandle, name: string): ObjectHandle {
  const t = heap.typeOf(o);
  const ok = ['list', 'tuple', 'range', 'str', 'dict', 'dict_keys', 'dict_values', 'dict_items'];
  const own = [
    'enumerate',
    'zip',
    'list_reverseiterator',
    'reversed',
    'count',
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
    'map',
    'filter',
    'generator',
  ];
  if (!ok.includes(t) && !own.includes(t))
    throw new Unsupported(`${name}() of a ${heap.typeNameOf(o)}`);
  return o;
}

/** The exact value of a finite double as numerator / 2**shift. */
function exactBinary(x: number): { numerator: bigint; shift: bigint } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const exponent = Number((bits >> 52n) & 0x7ffn);
  let mantissa = bits & ((1n << 52n) - 1n);
  if (exponent !== 0) mantissa |= 1n << 52n;
  const e = (exponent === 0 ? 1 : exponent) - 1075;
  const sign = bits >> 63n === 1n ? -1n : 1n;
  return e >= 0
    ? { numerator: sign * (mantissa << BigInt(e)), shift: 0n }
    : { numerator: sign * mantissa, shift: BigInt(-e) };
}

/**
 * `round(x, ndigits)`. An int with ndigits ≥ 0 is itself (long_round → long_long). A
 * float: double_round rounds the exact binary value half to even at that decimal place
 * (_Py_dg_dtoa mode 3) and reads the digits back as the nearest double (_Py_dg_strtod),
 * a new float; the result keeps the sign of x (-0.0). An int with ndigits < 0 and
 * ndigits beyond ±308 are refused.
 * Models Objects/floatobject.c double_round and Objects/longobject.c long_round, 3.8–3.14.
 */
function roundDigits(heap: Heap, o: ObjectHandle, digits: ObjectHandle): ObjectHandle {
  const t = heap.typeOf(o);
  if (heap.typeOf(digits) !== 'int')
    throw new Unsupported(`round() with ndigits a ${heap.typeNameOf(digits)}`);
  const n = heap.valueOf(digits) as bigint;
  if (t === 'int') {
    if (n < 0n) throw new Unsupported('round() of an int to negative ndigits');
    return shared(heap, o);
  }
  if (t !== 'float') throw new Unsupported(`round() of a ${heap.typeNameOf(o)}`);
  const x = heap.valueOf(o) as number;
  if (!Number.isFinite(x)) throw new Unsupported('round() of an infinite or NaN float');
  if (n > 308n || n < -308n) throw new Unsupported('round() to more than 308 digits');
  // x · 10**n = numerator · 10**n / 2**shift, rounded half to even to an integer q.
  const { numerator, shift } = exactBinary(x);
  const scaledUp = n >= 0n ? numerator * 10n ** n : numerator;
  const divisor = (1n << shift) * (n < 0n ? 10n ** -n : 1n);
  const negative = scaledUp < 0n;
  const magnitude = negative ? -scaledUp : scaledUp;
  let q = magnitude / divisor;
  const twice = 2n * (magnitude % divisor);
  if (twice > divisor || (twice === divisor && q % 2n === 1n)) q += 1n;
  const text = `${negative ? '-' : ''}${q}e${-n}`;
  const r = Number(text);
  return heap.newFloat(r === 0 ? (Object.is(x, -0) || x < 0 ? -0 : 0) : r);
}

/** Ranges whose values reach past this are refused (the iterator's C long, exact doubles). */
const RANGE_LIMIT = 2n ** 53n;

/**
 * `range(…)` beyond the small ints: the range keeps the argument ints themselves (the
 * cached 0 and 1 for a missing start and step) and a length computed as
 * compute_range_length does — 3.8–3.11 with int objects: hi − lo, − 1, // step, + 1
 * (step negated first when negative), the temporaries released last-but-one first;
 * 3.12+ in C longs (compute_range_length_long), one new int. Measured on 3.8.18–3.13.0:
 * an int freed before `range(n)` is reused by the next int on 3.8–3.11, not on 3.12+.
 */
export function bigRange(m: Machine, args: readonly ObjectHandle[], length: bigint): ObjectHandle {
  const heap = m.heap;
  for (const a of args)
    if (heap.typeOf(a) !== 'int') throw new Unsupported(`range() of a ${heap.typeNameOf(a)}`);
  const values = args.map((a) => heap.valueOf(a) as bigint);
  if (values.some((v) => v >= RANGE_LIMIT || v <= -RANGE_LIMIT))
    throw new Unsupported('range() beyond 2**53');
  const [start, stop, step] =
    args.length === 1
      ? [heap.newInt(0), shared(heap, args[0]!), heap.newInt(1)]
      : [
          shared(heap, args[0]!),
          shared(heap, args[1]!),
          args[2] === undefined ? heap.newInt(1) : shared(heap, args[2]),
        ];
  let len: ObjectHandle;
  if (m.minor >= 12) len = heap.newInt(length);
  else len = objectRangeLength(m, start, stop, step);
  return heap.newRangeOf(start, stop, step, len);
}

/** compute_range_length with int objects (3.8–3.11): the temporaries in CPython's order. */
function objectRangeLength(
  m: Machine,
  start: ObjectHandle,
  stop: ObjectHandle,
  step: ObjectHandle,
): ObjectHandle {
  const heap = m.heap;
  const value = (o: ObjectHandle) => heap.valueOf(o) as bigint;
  const positive = value(step) > 0n;
  const [lo, hi] = positive ? [start, stop] : [stop, start];
  const by = positive ? shared(heap, step) : heap.newInt(-value(step));
  if (value(lo) >= value(hi)) {
    heap.decref(by);
    return heap.newInt(0);
  }
  const tmp1 = heap.newInt(value(hi) - value(lo));
  const diff = heap.newInt(value(tmp1) - 1n);
  const tmp2 = heap.newInt(value(diff) / value(by));
  const result = heap.newInt(value(tmp2) + 1n);
  heap.decref(tmp2);
  heap.decref(diff);
  heap.decref(by);
  heap.decref(tmp1);
  return result;
}

/**
 * `pow(base, exp, mod)` of ints with exp ≥ 0 (long_pow's modular branch): the result
 * takes the modulus's sign, as `%` does; 0 as the modulus is CPython's ValueError.
 * A negative exponent (a modular inverse) and other types are refused.
 */
function modularPow(
  m: Machine,
  base: ObjectHandle,
  exponent: ObjectHandle,
  modulus: ObjectHandle,
): ObjectHandle {
  const heap = m.heap;
  const b = heap.plainInt(base);
  const e = heap.plainInt(exponent);
  const n = heap.plainInt(modulus);
  if (b === undefined || e === undefined || n === undefined)
    throw new Unsupported('pow() with a modulus of other than ints');
  if (n === 0n) throw new PythonError('ValueError', 'pow() 3rd argument cannot be 0');
  if (e < 0n) throw new Unsupported('pow() with a negative exponent and a modulus');
  const size = n < 0n ? -n : n;
  let result = 1n % size;
  let x = ((b % size) + size) % size;
  for (let k = e; k > 0n; k >>= 1n) {
    if (k & 1n) result = (result * x) % size;
    x = (x * x) % size;
  }
  // Floor semantics: a negative modulus gives a result in (n, 0].
  if (n < 0n && result !== 0n) result += n;
  return heap.newInt(result);
}

/** The builtins of this file, by name. */
export const LIBRARY_BUILTINS: Readonly<Record<string, Builtin>> = {
  pow(m, args) {
    // builtin_pow with two arguments: PyNumber_Power(base, exp, None), as `**` runs.
    if (args.length === 3) return modularPow(m, args[0]!, args[1]!, args[2]!);
    arity('pow', args, 2, 2);
    return binaryOp(m.heap, '**', args[0]!, args[1]!);
  },
  min: (m, args) => minMax(m, args, 'min'),
  max: (m, args) => minMax(m, args, 'max'),
  sum,
  sorted,
  any: (m, args) => anyAll(m, args, 'any'),
  all: (m, args) => anyAll(m, args, 'all'),
  enumerate(m, args) {
    arity('enumerate', args, 1, 2);
    const heap = m.heap;
    const iterable = iterableArgument(heap, args[0]!, 'enumerate');
    if (heap.typeOf(iterable) === 'generator') installStep(m);
    // enum_new_impl: PyNumber_Index(start) sets en_index; no object is made for it.
    const t = args.length === 2 ? heap.typeOf(args[1]!) : 'int';
    if (t !== 'int' && t !== 'bool')
      throw new Unsupported('enumerate() with a start that is not an int');
    const start = args.length === 2 ? intArgument(heap, args[1]!) : 0n;
    if (start < -(2n ** 53n) || start > 2n ** 53n)
      throw new Unsupported('enumerate() with a start beyond 2**53');
    return heap.newEnumerate(iterable, Number(start));
  },
  reversed(m, args) {
    arity('reversed', args, 1, 1);
    const heap = m.heap;
    const t = heap.typeOf(args[0]!);
    if (t !== 'list' && t !== 'tuple' && t !== 'str')
      throw new Unsupported(`reversed() of a ${heap.typeNameOf(args[0]!)}`);
    return heap.newReversed(args[0]!);
  },
  zip(m, args) {
    return zipOf(m, args, false);
  },
  ord(m, args) {
    arity('ord', args, 1, 1);
    const heap = m.heap;
    const o = args[0]!;
    if (heap.typeOf(o) !== 'str') throw new Unsupported(`ord() of a ${heap.typeNameOf(o)}`);
    const chars = [...(heap.valueOf(o) as string)];
    if (chars.length !== 1)
      throw new PythonError(
        'TypeError',
        `ord() expected a character, but string of length ${chars.length} found`,
      );
    return heap.newInt(chars[0]!.codePointAt(0)!);
  },
  chr(m, args) {
    arity('chr', args, 1, 1);
    const v = intArgument(m.heap, args[0]!);
    if (v < 0n || v > 0x10ffffn)
      throw new Unsupported('chr() out of range (its message differs by version)');
    if (v >= 0xd800n && v <= 0xdfffn) throw new Unsupported('chr() of a surrogate');
    // unicode_char: the latin-1 singleton below 256, else a new one-character str.
    return m.heap.newStr(String.fromCodePoint(Number(v)));
  },
  hex: (m, args) => toBase(m, args, 'hex', 16),
  bin: (m, args) => toBase(m, args, 'bin', 2),
  oct: (m, args) => toBase(m, args, 'oct', 8),
  divmod(m, args) {
    arity('divmod', args, 2, 2);
    const heap = m.heap;
    const [a, b] = args as [ObjectHandle, ObjectHandle];
    const x = numberOf(heap, a);
    const y = numberOf(heap, b);
    if (typeof x !== 'bigint' || typeof y !== 'bigint' || heap.typeOf(a) === 'bool')
      throw new Unsupported('divmod() of other than two ints');
    if (y === 0n) throw new PythonError('ZeroDivisionError', 'integer division or modulo by zero');
    if (x >= DIGIT || x <= -DIGIT || y >= DIGIT || y <= -DIGIT)
      throw new Unsupported('divmod() of ints of more than one digit');
    let q = x / y;
    if (x % y !== 0n && x < 0n !== y < 0n) q -= 1n;
    const div = heap.newInt(q);
    const mod = heap.newInt(x - q * y);
    const pair = heap.newTuple([div, mod]);
    heap.decref(div);
    heap.decref(mod);
    return pair;
  },
  round(m, args) {
    arity('round', args, 1, 2);
    const heap = m.heap;
    const o = args[0]!;
    const t = heap.typeOf(o);
    if (args.length === 2) return roundDigits(heap, o, args[1]!);
    if (t === 'int') return shared(heap, o);
    if (t !== 'float') throw new Unsupported(`round() of a ${heap.typeNameOf(o)}`);
    const x = heap.valueOf(o) as number;
    if (!Number.isFinite(x)) throw new Unsupported('round() of an infinite or NaN float');
    // float___round___impl: round half away from zero, then halves to even.
    let r = Math.sign(x) * Math.round(Math.abs(x));
    if (Math.abs(x - r) === 0.5) r = 2 * (Math.sign(x / 2) * Math.round(Math.abs(x / 2)));
    return heap.newInt(BigInt(r));
  },
  hash(m, args) {
    arity('hash', args, 1, 1);
    // builtin_hash: PyLong_FromSsize_t of the hash, a new int unless a cached one.
    return m.heap.newInt(hashOf(m, args[0]!));
  },
};
