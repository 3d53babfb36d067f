/**
 * `import itertools`: `itertools.count`, `repeat`, `chain`, `islice` (the heap's
 * itertools-objects.ts), `combinations`, `product`, `permutations`, `zip_longest` and
 * `accumulate` (one itertools-*.ts file each), iterated by `for`, comprehensions (the
 * newer five), `zip`, `enumerate` and `list()`.
 *
 *   count() / count(n)      an int start that fits a C long, step 1 ("fast mode"): the
 *                           object keeps no reference to `n`; each step is a new int
 *   count(n, k)             an int step other than 1 ("slow mode"): the object holds
 *                           the next value and `k`; `n` itself is the first item
 *   repeat(x) / repeat(x, n)  holds `x`; each step returns `x` itself; a negative `n`
 *                           is 0; list(repeat(x, n)) preallocates n slots
 *                           (__length_hint__), as list_extend does
 *   chain(a, b, …)          keeps an iterator over the call's argument tuple (so each
 *                           argument lives as long as the chain is not exhausted) and
 *                           the current argument's iterator; list() of it grows from
 *                           list_extend's default hint of 8
 *   islice(x, stop) / islice(x, start, stop[, step])  holds an iterator of `x`; skipped
 *                           items are released as they are passed; the iterator is
 *                           dropped at the end
 *   combinations(x, r)      of a list or tuple: one result tuple refilled in place
 *                           while only the object holds it, copied first otherwise
 *   product(a, …, repeat=k) of lists and tuples; permutations(x, r=None) of a list or
 *                           tuple: the same result-tuple reuse
 *   zip_longest(a, …, fillvalue=None)  zip's reuse; ended arguments' iterators dropped
 *   accumulate(x, func=None, initial=None)  `+` or a program function called from C
 *
 * Each newer type is called as CPython calls a type without vectorcall
 * (_PyObject_MakeTpCall): the argument tuple and the keywords' dict live while the
 * object is made.
 * Refused: a float start or step, a start or step beyond 2**53, list() of a repeat with no
 * count (it never ends), chain.from_iterable, chain over anything but
 * lists, tuples, ranges, dicts, strs, sets, dict views, generators (resumed through the
 * heap's callingIterNext) and these iterators, islice bounds that would raise ValueError,
 * combinations of anything but a list, tuple, str or range or with a negative r;
 * product/permutations of anything else, accumulate with a builtin function, a non-int r or repeat. Models count_new, count_next, repeat_new, repeat_next,
 * repeat_len, chain_new, chain_next, islice_new, islice_next, combinations_new, product_new, permutations_new, zip_longest_new and
 * accumulate_new (Modules/itertoolsmodule.c), 3.8–3.14.
 */
import type { Heap, ObjectHandle } from '@pymem/objects';
import { PythonError, Unsupported } from './errors.ts';
import type { Machine } from './machine.ts';
import { callable, installStep } from './map-filter.ts';
import type { LibraryModule } from './module-math.ts';

/** The int value of `o` (a C Py_ssize_t here), else refused / CPython's TypeError. */
function intArgument(heap: Heap, o: ObjectHandle, what: string): number {
  const t = heap.typeOf(o);
  if (t !== 'int' && t !== 'bool') {
    if (t === 'float' || t === 'str') throw new Unsupported(`${what} of a ${heap.typeNameOf(o)}`);
    throw new PythonError('TypeError', `a number is required`);
  }
  const v = heap.valueOf(o) as bigint;
  if (v > 2n ** 53n || v < -(2n ** 53n)) throw new Unsupported(`${what} beyond 2**53`);
  return Number(v);
}

/** `itertools.count([start[, step]])` of ints: a new count object. */
function count(m: Machine, args: readonly ObjectHandle[]): ObjectHandle {
  if (args.length > 2) throw new Unsupported(`itertools.count() with ${args.length} arguments`);
  const start = args.length === 0 ? 0 : intArgument(m.heap, args[0]!, 'itertools.count()');
  if (args.length < 2) return m.heap.newCount(start);
  intArgument(m.heap, args[1]!, 'itertools.count() step');
  return m.heap.newCount(start, args[0]!, args[1]!);
}

/** `itertools.repeat(x[, times])`: a new repeat object. */
function repeat(m: Machine, args: readonly ObjectHandle[]): ObjectHandle {
  if (args.length < 1 || args.length > 2)
    throw new Unsupported(`itertools.repeat() with ${args.length} arguments`);
  const heap = m.heap;
  const times = args.length === 1 ? -1 : intArgument(heap, args[1]!, 'itertools.repeat()');
  return heap.newRepeat(args[0]!, args.length === 2 && times < 0 ? 0 : times);
}

/** What chain's arguments may be: the heap iterates them itself. */
const CHAINABLE: ReadonlySet<string> = new Set([
  'list',
  'tuple',
  'range',
  'dict',
  'str',
  'set',
  'frozenset',
  'dict_keys',
  'dict_values',
  'dict_items',
  'list_iterator',
  'tuple_iterator',
  'str_iterator',
  'range_iterator',
  'set_iterator',
  'dict_keyiterator',
  'list_reverseiterator',
  'reversed',
  'enumerate',
  'zip',
  'count',
  'repeat',
  'chain',
  'islice',
  'combinations',
  'product',
  'zip_longest',
  'permutations',
  'generator',
]);

/** `itertools.chain(*iterables)`: a new chain over the call's argument tuple. */
function chain(m: Machine, args: readonly ObjectHandle[]): ObjectHandle {
  const heap = m.heap;
  for (const a of args)
    if (!CHAINABLE.has(heap.typeOf(a)))
      throw new Unsupported(`itertools.chain() of a ${heap.typeNameOf(a)}`);
  if (args.some((a) => heap.typeOf(a) === 'generator')) installStep(m);
  // type_call's argument tuple: the chain's source iterator keeps it.
  const packed = heap.newTuple(args);
  try {
    return heap.newChain(packed);
  } finally {
    heap.decref(packed);
  }
}

/** An islice bound: None (`none`) or a non-negative int; anything else refused. */
function isliceBound(heap: Heap, o: ObjectHandle, none: number): number {
  if (heap.typeOf(o) === 'NoneType') return none;
  const v = intArgument(heap, o, 'itertools.islice()');
  if (v < 0) throw new Unsupported('a negative islice() bound (a ValueError)');
  return v;
}

/** `itertools.islice(iterable, stop)` / `(iterable, start, stop[, step])`: a new islice. */
function islice(m: Machine, args: readonly ObjectHandle[]): ObjectHandle {
  const heap = m.heap;
  if (args.length < 2 || args.length > 4)
    throw new Unsupported(`itertools.islice() with ${args.length} arguments`);
  const seq = args[0]!;
  if (!CHAINABLE.has(heap.typeOf(seq)))
    throw new Unsupported(`itertools.islice() of a ${heap.typeNameOf(seq)}`);
  const stop = isliceBound(heap, args.length === 2 ? args[1]! : args[2]!, -1);
  const start = args.length === 2 ? 0 : isliceBound(heap, args[1]!, 0);
  const step = args.length === 4 ? isliceBound(heap, args[3]!, 1) : 1;
  if (step === 0) throw new Unsupported('an islice() step of 0 (a ValueError)');
  if (heap.typeOf(seq) === 'generator') installStep(m);
  return heap.newIslice(seq, start, stop, step);
}

/** What the heap turns into a pool tuple (PySequence_Tuple): lists, tuples, strs, ranges. */
const POOLS: ReadonlySet<string> = new Set(['list', 'tuple', 'str', 'range']);

/** `itertools.combinations(seq, r)`: a new combinations object. */
function combinations(m: Machine, args: readonly ObjectHandle[]): ObjectHandle {
  const heap = m.heap;
  if (args.length !== 2)
    throw new Unsupported(`itertools.combinations() with ${args.length} arguments`);
  const seq = args[0]!;
  const t = heap.typeOf(seq);
  if (!POOLS.has(t)) throw new Unsupported(`itertools.combinations() of a ${heap.typeNameOf(seq)}`);
  const r = intArgument(heap, args[1]!, 'itertools.combinations()');
  if (r < 0) throw new Unsupported('a negative combinations() r (a ValueError)');
  return heap.newCombinations(seq, r);
}

/**
 * type_call's arguments for an itertools type called with `args` and `keywords`
 * (_PyObject_MakeTpCall, 3.8–3.14: the types have no vectorcall): the positional tuple,
 * then a dict of the keywords (_PyStack_AsDict: presized, str keys, in the call's
 * order); `make` runs with the tuple, then the tuple and the dict are released.
 */
function typeCall(
  m: Machine,
  args: readonly ObjectHandle[],
  keywords: ReadonlyMap<string, ObjectHandle> | undefined,
  make: (packed: ObjectHandle) => ObjectHandle,
): ObjectHandle {
  const heap = m.heap;
  const packed = heap.newTuple(args);
  let kwargs = 0;
  try {
    if (keywords !== undefined && keywords.size > 0) {
      kwargs = heap.newDictPresized(keywords.size, true);
      for (const [k, v] of keywords) {
        const key = heap.identifier(k);
        heap.dictSetItem(kwargs, key, v);
        heap.decref(key);
      }
    }
    return make(packed);
  } finally {
    heap.decref(packed);
    if (kwargs !== 0) heap.decref(kwargs);
  }
}

/** What PySequence_Tuple raises a TypeError for without calling Python code. */
const NOT_ITERABLE: ReadonlySet<string> = new Set(['int', 'bool', 'float', 'NoneType']);

/**
 * The pools of product / permutations: lists and tuples; the index of the first argument
 * that is not iterable (−1 for none); anything else refused before the call.
 */
function poolArguments(heap: Heap, args: readonly ObjectHandle[], name: string): number {
  let failAt = -1;
  for (let i = args.length - 1; i >= 0; i--) {
    const t = heap.typeOf(args[i]!);
    if (NOT_ITERABLE.has(t)) failAt = i;
    else if (!POOLS.has(t)) throw new Unsupported(`${name}() of a ${heap.typeNameOf(args[i]!)}`);
  }
  return failAt;
}

/** `itertools.product(*seqs, repeat=1)`: a new product object. */
function product(
  m: Machine,
  args: readonly ObjectHandle[],
  keywords?: ReadonlyMap<string, ObjectHandle>,
): ObjectHandle {
  const heap = m.heap;
  const failAt = poolArguments(heap, args, 'itertools.product');
  const given = keywords?.get('repeat');
  if (given !== undefined && heap.typeOf(given) !== 'int' && heap.typeOf(given) !== 'bool')
    throw new Unsupported(`itertools.product(repeat=<a ${heap.typeNameOf(given)}>)`);
  const repeat = given === undefined ? 1 : intArgument(heap, given, 'itertools.product()');
  if (repeat > 64 || args.length * repeat > 256)
    throw new Unsupported('itertools.product() of this many pools');
  return typeCall(m, args, keywords, () => {
    if (repeat < 0) throw new PythonError('ValueError', 'repeat argument cannot be negative');
    const o = heap.newProduct(args, repeat, failAt);
    if (o === 0)
      throw new PythonError(
        'TypeError',
        `'${heap.typeNameOf(args[failAt]!)}' object is not iterable`,
      );
    return o;
  });
}

/** `itertools.zip_longest(*iterables, fillvalue=None)`: a new zip_longest object. */
function zipLongest(
  m: Machine,
  args: readonly ObjectHandle[],
  keywords?: ReadonlyMap<string, ObjectHandle>,
): ObjectHandle {
  const heap = m.heap;
  let failAt = -1;
  for (let i = args.length - 1; i >= 0; i--) {
    const t = heap.typeOf(args[i]!);
    if (NOT_ITERABLE.has(t)) failAt = i;
    else if (!CHAINABLE.has(t))
      throw new Unsupported(`itertools.zip_longest() of a ${heap.typeNameOf(args[i]!)}`);
  }
  return typeCall(m, args, keywords, () => {
    const o = heap.newZipLongest(args, keywords?.get('fillvalue') ?? heap.none, failAt);
    if (o === 0)
      throw new PythonError(
        'TypeError',
        `'${heap.typeNameOf(args[failAt]!)}' object is not iterable`,
      );
    return o;
  });
}

/** `itertools.accumulate(iterable, func=None, *, initial=None)`: a new accumulate object. */
function accumulate(
  m: Machine,
  args: readonly ObjectHandle[],
  keywords?: ReadonlyMap<string, ObjectHandle>,
): ObjectHandle {
  const heap = m.heap;
  if (args.length < 1 || args.length > 2 || (args.length === 2 && keywords?.has('func')))
    throw new Unsupported(`itertools.accumulate() with ${args.length} arguments`);
  const seq = args[0]!;
  if (!CHAINABLE.has(heap.typeOf(seq)))
    throw new Unsupported(`itertools.accumulate() of a ${heap.typeNameOf(seq)}`);
  const func = args[1] ?? keywords?.get('func') ?? heap.none;
  const binop = heap.typeOf(func) === 'NoneType' ? 0 : callable(m, func, 'itertools.accumulate');
  const initial = keywords?.get('initial') ?? heap.none;
  installStep(m);
  return typeCall(m, args, keywords, () => heap.newAccumulate(seq, binop, initial));
}

/** `itertools.permutations(iterable, r=None)`: a new permutations object. */
function permutations(
  m: Machine,
  args: readonly ObjectHandle[],
  keywords?: ReadonlyMap<string, ObjectHandle>,
): ObjectHandle {
  const heap = m.heap;
  if (args.length < 1 || args.length > 2 || (args.length === 2 && keywords?.has('r')))
    throw new Unsupported(`itertools.permutations() with ${args.length} arguments`);
  const seq = args[0]!;
  const t = heap.typeOf(seq);
  if (!POOLS.has(t)) throw new Unsupported(`itertools.permutations() of a ${heap.typeNameOf(seq)}`);
  const given = args[1] ?? keywords?.get('r') ?? heap.none;
  let r = -1;
  if (heap.typeOf(given) !== 'NoneType') {
    if (heap.typeOf(given) !== 'int' && heap.typeOf(given) !== 'bool')
      throw new Unsupported(`itertools.permutations() with an r of a ${heap.typeNameOf(given)}`);
    r = intArgument(heap, given, 'itertools.permutations()');
    if (r > 4096) throw new Unsupported('itertools.permutations() with an r this large');
    // −1 stands for None below: any negative r is the ValueError.
    if (r < 0) r = -2;
  }
  return typeCall(m, args, keywords, () => {
    const o = heap.newPermutations(seq, r);
    if (o === 0) throw new PythonError('ValueError', 'r must be non-negative');
    return o;
  });
}

/** `itertools.starmap(function, iterable)`: a new starmap object. */
function starmap(m: Machine, args: readonly ObjectHandle[]): ObjectHandle {
  const heap = m.heap;
  if (args.length !== 2) throw new Unsupported(`itertools.starmap() with ${args.length} arguments`);
  const func = callable(m, args[0]!, 'itertools.starmap');
  const seq = args[1]!;
  if (!CHAINABLE.has(heap.typeOf(seq)))
    throw new Unsupported(`itertools.starmap() of a ${heap.typeNameOf(seq)}`);
  installStep(m);
  return typeCall(m, args, undefined, () => heap.newStarmap(func, seq));
}

/** `itertools.takewhile(predicate, iterable)`: a new takewhile object. */
function takewhile(m: Machine, args: readonly ObjectHandle[]): ObjectHandle {
  const heap = m.heap;
  if (args.length !== 2)
    throw new Unsupported(`itertools.takewhile() with ${args.length} arguments`);
  const func = callable(m, args[0]!, 'itertools.takewhile');
  const seq = args[1]!;
  if (!CHAINABLE.has(heap.typeOf(seq)))
    throw new Unsupported(`itertools.takewhile() of a ${heap.typeNameOf(seq)}`);
  installStep(m);
  return typeCall(m, args, undefined, () => heap.newTakewhile(func, seq));
}

/**
 * list()'s source for a repeat or chain: the object itself as its iterator (a new
 * reference), its items, and its length hint (a repeat's items left; none for a chain).
 */
export function itertoolsSource(
  heap: Heap,
  o: ObjectHandle,
): { it: ObjectHandle; items: Iterable<ObjectHandle>; lengthHint: number | undefined } {
  const lengthHint = heap.typeOf(o) === 'repeat' ? heap.repeatLengthHint(o) : undefined;
  if (heap.typeOf(o) === 'repeat' && lengthHint === undefined)
    throw new Unsupported('a list of a repeat that never ends');
  if (heap.typeOf(o) === 'count') throw new Unsupported('a list of a count (it never ends)');
  const it = heap.newIterator(o);
  const items = {
    *[Symbol.iterator]() {
      for (let next = heap.iteratorNext(it); next !== 0; next = heap.iteratorNext(it)) yield next;
    },
  };
  return { it, items, lengthHint };
}

/** The itertools module's functions. */
export const ITERTOOLS_MODULE: LibraryModule = {
  functions: {
    count,
    repeat,
    chain,
    islice,
    combinations,
    product,
    zip_longest: zipLongest,
    accumulate,
    permutations,
    starmap,
    takewhile,
  },
  keywords: {
    product: ['repeat'],
    zip_longest: ['fillvalue'],
    accumulate: ['func', 'initial'],
    permutations: ['r'],
  },
};
