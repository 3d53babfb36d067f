/**
 * `collections.OrderedDict` in `pymem run`, on the heap's OrderedDicts (@pymem/objects
 * ordered-dicts.ts): a dict that keeps its keys in a linked list of nodes.
 *
 *   collections.OrderedDict()           dict_new through the type call, then odict_init
 *   collections.OrderedDict(pairs)      a list or tuple of 2-tuples: odict_init's
 *                                       mutablemapping_update walks an iterator of it
 *                                       and stores each pair (PyObject_SetItem)
 *   od[k] = v, del od[k]                PyODict_SetItem / PyODict_DelItem (node and entry)
 *   od[k], k in od, len(od), bool(od)   dict's own (OrderedDict has no __missing__)
 *   for k in od, list(od), …            odict_iterator (odictiter_new, in node order)
 *   od.keys() / values() / items()      odict_keys / odict_values / odict_items views
 *   od.get, od.setdefault, od.pop, od.popitem(last=True), od.move_to_end(k, last=True),
 *   od.clear()
 *   repr(od)                            `OrderedDict([('a', 1)])` on 3.8–3.11,
 *                                       `OrderedDict({'a': 1})` from 3.12; `...` inside
 *                                       itself; `OrderedDict()` when empty
 *   od == other                         dict_equal, then (both OrderedDicts) the keys in
 *                                       order (odict_richcompare)
 *
 * The type call's arguments tuple is not modelled (id() is refused after a library
 * import, as for defaultdict). Refused: keyword arguments to OrderedDict(), a dict or
 * any other mapping as its argument, update/copy/fromkeys/__reversed__/reversed(),
 * `|`, attributes, subclassing, isinstance, an OrderedDict as a key, ordering
 * comparisons, and changing an OrderedDict while iterating over it (CPython's
 * RuntimeError).
 * Models Objects/odictobject.c (odict_init, mutablemapping_update_arg,
 * mutablemapping_add_pairs, odict_repr, odict_richcompare, the methods above),
 * 3.8–3.13; 3.14 checked on Pyodide 3.14.2.
 */
import type { ObjectHandle } from '@pymem/objects';
import {
  newODict,
  odictKeys,
  odictMoveToEnd,
  odictPairs,
  odictPop,
  odictPopItem,
  odictSetItem,
} from '@pymem/objects';
import { PythonError, Unsupported } from './errors.ts';
import { keyError } from './exception-classes.ts';
import type { Machine } from './machine.ts';
import { shared } from './operations.ts';
import { truthy } from './values.ts';

/** An OrderedDict's view types (their iterators are odict_iterators). */
export const ODICT_VIEWS: readonly string[] = ['odict_keys', 'odict_values', 'odict_items'];

/** The methods of OrderedDict that take a keyword argument (clinic `last`). */
export const ODICT_KEYWORD_METHODS: ReadonlySet<string> = new Set(['popitem', 'move_to_end']);

/**
 * `collections.OrderedDict(pairs=())`: a new OrderedDict, filled from a list or tuple
 * of 2-tuples in order. A new reference.
 */
export function newOrderedDict(
  m: Machine,
  args: readonly ObjectHandle[],
  keywords?: ReadonlyMap<string, ObjectHandle>,
): ObjectHandle {
  const heap = m.heap;
  if (keywords !== undefined && keywords.size > 0)
    throw new Unsupported('keyword arguments to collections.OrderedDict()');
  if (args.length > 1)
    throw new PythonError('TypeError', `expected at most 1 arguments, got ${args.length}`);
  const source = args[0];
  if (source !== undefined) {
    const t = heap.typeOf(source);
    if (t !== 'list' && t !== 'tuple')
      throw new Unsupported(`collections.OrderedDict() from a ${heap.typeNameOf(source)}`);
    for (const pair of heap.referents(source)) {
      if (heap.typeOf(pair) !== 'tuple' || heap.lengthOf(pair) !== 2)
        throw new Unsupported('collections.OrderedDict() from items that are not 2-tuples');
      const [k] = heap.referents(pair);
      if (heap.typeOf(k!) === 'list' || heap.typeOf(k!) === 'dict')
        throw new Unsupported('collections.OrderedDict() with an unhashable key');
    }
  }
  const od = newODict(heap);
  if (source === undefined) return od;
  // mutablemapping_add_pairs: an iterator of the list or tuple, one PyObject_SetItem
  // per pair (PySequence_Fast of a tuple is the tuple itself), then the iterator dropped.
  const it = heap.newIterator(source);
  try {
    for (let pair = heap.iteratorNext(it); pair !== 0; pair = heap.iteratorNext(it)) {
      const [k, v] = heap.referents(pair);
      try {
        odictSetItem(heap, od, k!, v!);
      } finally {
        heap.decref(pair);
      }
    }
  } catch (error) {
    // The type call drops the half-filled object before the error propagates.
    heap.decref(it);
    heap.decref(od);
    throw error;
  }
  heap.decref(it);
  return od;
}

/** The one positional-or-`last` argument of popitem / move_to_end's second. */
function lastArgument(
  m: Machine,
  name: string,
  args: readonly ObjectHandle[],
  at: number,
  keywords: ReadonlyMap<string, ObjectHandle>,
): boolean {
  for (const k of keywords.keys())
    if (k !== 'last')
      throw new PythonError('TypeError', `${name}() got an unexpected keyword argument '${k}'`);
  const given = keywords.get('last');
  if (given !== undefined && args.length > at)
    throw new Unsupported(`OrderedDict.${name}() with last given twice`);
  const v = given ?? args[at];
  return v === undefined ? true : truthy(m.heap, v);
}

function arity(name: string, args: readonly ObjectHandle[], min: number, max: number): void {
  if (args.length < min || args.length > max)
    throw new Unsupported(`OrderedDict.${name}() with ${args.length} arguments`);
}

/** `od.name(*args, **keywords)` for the modelled methods; a new reference. */
export function odictMethod(
  m: Machine,
  od: ObjectHandle,
  name: string,
  args: readonly ObjectHandle[],
  keywords: ReadonlyMap<string, ObjectHandle>,
): ObjectHandle {
  const heap = m.heap;
  if (keywords.size > 0 && !ODICT_KEYWORD_METHODS.has(name))
    throw new Unsupported(`keyword arguments to OrderedDict.${name}()`);
  switch (name) {
    case 'get': {
      // dict.get, inherited.
      arity(name, args, 1, 2);
      const v = heap.dictGet(od, args[0]!);
      if (v !== 0) return shared(heap, v);
      return args.length === 2 ? shared(heap, args[1]!) : heap.newNone();
    }
    case 'keys':
    case 'values':
    case 'items':
      // odictkeys_new etc.: a dict view of the OrderedDict's own view type.
      arity(name, args, 0, 0);
      return heap.newDictView(od, name);
    case 'setdefault': {
      // OrderedDict_setdefault_impl: the dict's value, else PyODict_SetItem(default).
      arity(name, args, 1, 2);
      const v = heap.dictGet(od, args[0]!);
      if (v !== 0) return shared(heap, v);
      const value = args.length === 2 ? args[1]! : heap.none;
      odictSetItem(heap, od, args[0]!, value);
      return shared(heap, value);
    }
    case 'pop': {
      arity(name, args, 1, 2);
      const v = odictPop(heap, od, args[0]!);
      if (v !== 0) return v;
      if (args.length === 2) return shared(heap, args[1]!);
      throw keyError(heap, args[0]!);
    }
    case 'popitem': {
      arity(name, args, 0, 1);
      const item = odictPopItem(heap, od, lastArgument(m, name, args, 0, keywords));
      if (item !== 0) return item;
      const message = heap.newStr('dictionary is empty');
      const error = keyError(heap, message);
      heap.decref(message);
      throw error;
    }
    case 'move_to_end': {
      arity(name, args, 1, 2);
      const last = lastArgument(m, name, args, 1, keywords);
      if (!odictMoveToEnd(heap, od, args[0]!, last)) throw keyError(heap, args[0]!);
      return heap.newNone();
    }
    case 'clear':
      arity(name, args, 0, 0);
      heap.odictClear(od);
      return heap.newNone();
    default:
      throw new Unsupported(`the method OrderedDict.${name}`);
  }
}

/**
 * odict_repr: `OrderedDict()` when empty; otherwise the pairs in node order, as a list
 * of tuples before 3.12 and as a dict's repr from 3.12; `...` when already printing.
 */
export function odictRepr(
  m: Machine['heap'],
  od: ObjectHandle,
  active: Set<ObjectHandle>,
  repr: (o: ObjectHandle) => string,
): string {
  const pairs = odictPairs(m, od);
  if (pairs.length === 0) return 'OrderedDict()';
  if (active.has(od)) return '...';
  active.add(od);
  try {
    if (m.layout.minor >= 12)
      return `OrderedDict({${pairs.map(([k, v]) => `${repr(k)}: ${repr(v)}`).join(', ')}})`;
    const items = pairs.map(([k, v]) => `(${repr(k)}, ${repr(v)})`);
    return `OrderedDict([${items.join(', ')}])`;
  } finally {
    active.delete(od);
  }
}

/**
 * odict_richcompare for `==` when either side is an OrderedDict: dict_equal, then —
 * both OrderedDicts — their keys in order. `same` compares two objects.
 */
export function odictEqual(
  m: Machine['heap'],
  a: ObjectHandle,
  b: ObjectHandle,
  same: (x: ObjectHandle, y: ObjectHandle) => boolean,
): boolean {
  const ta = m.typeOf(a);
  const tb = m.typeOf(b);
  const dictLike = (t: string) => t === 'dict' || t === 'OrderedDict';
  if (!dictLike(ta) || !dictLike(tb)) return false;
  if (m.lengthOf(a) !== m.lengthOf(b)) return false;
  const pairs: [ObjectHandle, ObjectHandle][] =
    ta === 'OrderedDict' ? odictPairs(m, a) : dictPairs(m, a);
  for (const [k, v] of pairs) {
    const other = m.dictGet(b, k);
    if (other === 0 || !same(v, other)) return false;
  }
  if (ta !== 'OrderedDict' || tb !== 'OrderedDict') return true;
  const x = odictKeys(m, a);
  const y = odictKeys(m, b);
  return x.every((k, i) => same(k, y[i]!));
}

/** A plain dict's (key, value) pairs in entry order (borrowed). */
function dictPairs(heap: Machine['heap'], d: ObjectHandle): [ObjectHandle, ObjectHandle][] {
  const flat = heap.referents(d);
  const out: [ObjectHandle, ObjectHandle][] = [];
  for (let i = 0; i < flat.length; i += 2) out.push([flat[i]!, flat[i + 1]!]);
  return out;
}
