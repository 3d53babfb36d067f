/**
 * The built-in types the object heap models, and their numeric codes in its columns.
 * `type` is a class made by a class statement (a heap type, pre-existing: see
 * instances.ts); `instance` is an instance of one; `weakref` a `weakref.ref`;
 * `function` a Python function (functions.ts), `cell` a closure cell; `range` and the iterators: iterators.ts; the dict views and their value/item iterators: dict-views.ts; `enumerate`, `zip`: packed-iterators.ts; `list_reverseiterator`, `reversed`: reverse-iterators.ts; `frame`: frames.ts; `generator`, `coroutine`: generators.ts; `exception` (BaseException instances), `traceback`: exceptions.ts; `deque`, `deque_iterator`: deques.ts; `partial` (functools.partial): partials.ts; `_lru_cache_wrapper`, `lru_list_elem` (functools.lru_cache): lru-caches.ts; `count`, `repeat`, `chain`, `islice` (itertools): itertools-objects.ts; `combinations`: itertools-combinations.ts; `product`: itertools-product.ts; `permutations`: itertools-permutations.ts; `zip_longest`: itertools-zip-longest.ts; `accumulate`: itertools-accumulate.ts; `starmap`: itertools-starmap.ts; `takewhile`: itertools-takewhile.ts; `itemgetter`, `attrgetter` (operator): operator-getters.ts; `map`, `filter`: function-iterators.ts; `namedtuple` (a collections.namedtuple instance), `namedtuple_type` (its class): namedtuples.ts; `defaultdict` (collections.defaultdict, a dict with a default_factory): default-dicts.ts; `Counter` (collections.Counter, a dict subclass instance): counters.ts; `OrderedDict`, `odict_iterator` and the views `odict_keys`, `odict_values`, `odict_items` (collections.OrderedDict): ordered-dicts.ts; `set_iterator`, `str_iterator`: iterators.ts; `builtin_function_or_method` (a function of the builtins module, such as `len`) and `builtin_type` (a statically allocated type such as `str`; its type is `type`): pre-existing objects the program may hand to C code (heap.ts builtinObject); `NotImplementedType`: the `NotImplemented` singleton, static like None.
 */

/** A modelled built-in type. */
export type ObjectType =
  | 'int'
  | 'bool'
  | 'NoneType'
  | 'float'
  | 'str'
  | 'bytes'
  | 'bytearray'
  | 'tuple'
  | 'list'
  | 'dict'
  | 'set'
  | 'frozenset'
  | 'type'
  | 'instance'
  | 'weakref'
  | 'function'
  | 'cell'
  | 'range'
  | 'range_iterator'
  | 'list_iterator'
  | 'tuple_iterator'
  | 'dict_keyiterator'
  | 'method'
  | 'frame'
  | 'generator'
  | 'coroutine'
  | 'exception'
  | 'traceback'
  | 'getset_descriptor'
  | 'dict_keys'
  | 'dict_values'
  | 'dict_items'
  | 'dict_valueiterator'
  | 'dict_itemiterator'
  | 'enumerate'
  | 'zip'
  | 'list_reverseiterator'
  | 'reversed'
  | 'staticmethod'
  | 'classmethod'
  | 'property'
  | 'deque'
  | 'deque_iterator'
  | 'partial'
  | '_lru_cache_wrapper'
  | 'lru_list_elem'
  | 'count'
  | 'repeat'
  | 'chain'
  | 'islice'
  | 'combinations'
  | 'map'
  | 'filter'
  | 'product'
  | 'permutations'
  | 'zip_longest'
  | 'accumulate'
  | 'starmap'
  | 'takewhile'
  | 'itemgetter'
  | 'attrgetter'
  | 'namedtuple'
  | 'namedtuple_type'
  | 'defaultdict'
  | 'Counter'
  | 'OrderedDict'
  | 'odict_iterator'
  | 'odict_keys'
  | 'odict_values'
  | 'odict_items'
  | 'set_iterator'
  | 'builtin_function_or_method'
  | 'builtin_type'
  | 'str_iterator'
  | 'super'
  | 'NotImplementedType';

/** Type names by code (code 0 is "no object"). */
export const TYPE_NAMES: readonly ObjectType[] = [
  'NoneType',
  'int',
  'bool',
  'NoneType',
  'float',
  'str',
  'bytes',
  'bytearray',
  'tuple',
  'list',
  'dict',
  'set',
  'frozenset',
  'type',
  'instance',
  'weakref',
  'function',
  'cell',
  'range',
  'range_iterator',
  'list_iterator',
  'tuple_iterator',
  'dict_keyiterator',
  'method',
  'frame',
  'generator',
  'coroutine',
  'exception',
  'traceback',
  'getset_descriptor',
  'dict_keys',
  'dict_values',
  'dict_items',
  'dict_valueiterator',
  'dict_itemiterator',
  'enumerate',
  'zip',
  'list_reverseiterator',
  'reversed',
  'staticmethod',
  'classmethod',
  'property',
  'deque',
  'deque_iterator',
  'partial',
  'count',
  'repeat',
  'chain',
  'islice',
  'combinations',
  'map',
  'filter',
  '_lru_cache_wrapper',
  'lru_list_elem',
  'defaultdict',
  'Counter',
  // 56–59 and 62–65: codes other branches take; no object here has them.
  ...Array.from({ length: 4 }, (): ObjectType => 'NoneType'),
  'namedtuple',
  'namedtuple_type',
  ...Array.from({ length: 4 }, (): ObjectType => 'NoneType'),
  'product',
  'permutations',
  'zip_longest',
  'accumulate',
  'starmap',
  'takewhile',
  'OrderedDict',
  'odict_iterator',
  'odict_keys',
  'odict_values',
  'odict_items',
  'set_iterator',
  'builtin_function_or_method',
  'builtin_type',
  'str_iterator',
  'super',
  'NotImplementedType',
  'itemgetter',
  'attrgetter',
];

/** Column codes of each type. */
export const TYPE_CODE: Readonly<Record<ObjectType, number>> = {
  int: 1,
  bool: 2,
  NoneType: 3,
  float: 4,
  str: 5,
  bytes: 6,
  bytearray: 7,
  tuple: 8,
  list: 9,
  dict: 10,
  set: 11,
  frozenset: 12,
  type: 13,
  instance: 14,
  weakref: 15,
  function: 16,
  cell: 17,
  range: 18,
  range_iterator: 19,
  list_iterator: 20,
  tuple_iterator: 21,
  dict_keyiterator: 22,
  method: 23,
  frame: 24,
  generator: 25,
  coroutine: 26,
  exception: 27,
  traceback: 28,
  getset_descriptor: 29,
  dict_keys: 30,
  dict_values: 31,
  dict_items: 32,
  dict_valueiterator: 33,
  dict_itemiterator: 34,
  enumerate: 35,
  zip: 36,
  list_reverseiterator: 37,
  reversed: 38,
  staticmethod: 39,
  classmethod: 40,
  property: 41,
  deque: 42,
  deque_iterator: 43,
  partial: 44,
  count: 45,
  repeat: 46,
  chain: 47,
  islice: 48,
  combinations: 49,
  map: 50,
  filter: 51,
  _lru_cache_wrapper: 52,
  lru_list_elem: 53,
  defaultdict: 54,
  Counter: 55,
  namedtuple: 60,
  namedtuple_type: 61,
  product: 66,
  permutations: 67,
  zip_longest: 68,
  accumulate: 69,
  starmap: 70,
  takewhile: 71,
  OrderedDict: 72,
  odict_iterator: 73,
  odict_keys: 74,
  odict_values: 75,
  odict_items: 76,
  set_iterator: 77,
  builtin_function_or_method: 78,
  builtin_type: 79,
  str_iterator: 80,
  super: 81,
  NotImplementedType: 82,
  itemgetter: 83,
  attrgetter: 84,
};

/** True for the types the cycle collector knows (`Py_TPFLAGS_HAVE_GC`). */
export function isGcType(type: ObjectType): boolean {
  return (
    type === 'tuple' ||
    type === 'list' ||
    type === 'dict' ||
    type === 'set' ||
    type === 'frozenset' ||
    type === 'type' ||
    type === 'instance' ||
    type === 'weakref' ||
    type === 'function' ||
    type === 'cell' ||
    type === 'list_iterator' ||
    type === 'tuple_iterator' ||
    type === 'dict_keyiterator' ||
    type === 'set_iterator' ||
    type === 'str_iterator' ||
    type === 'super' ||
    type.startsWith('dict_') ||
    type === 'enumerate' ||
    type === 'zip' ||
    type === 'list_reverseiterator' ||
    type === 'reversed' ||
    type === 'method' ||
    type === 'frame' ||
    type === 'generator' ||
    type === 'coroutine' ||
    type === 'exception' ||
    type === 'traceback' ||
    type === 'getset_descriptor' ||
    type === 'staticmethod' ||
    type === 'classmethod' ||
    type === 'property' ||
    type === 'deque' ||
    type === 'deque_iterator' ||
    type === 'partial' ||
    type === '_lru_cache_wrapper' ||
    type === 'count' ||
    type === 'repeat' ||
    type === 'chain' ||
    type === 'islice' ||
    type === 'combinations' ||
    type === 'map' ||
    type === 'filter' ||
    type === 'product' ||
    type === 'permutations' ||
    type === 'zip_longest' ||
    type === 'accumulate' ||
    type === 'starmap' ||
    type === 'takewhile' ||
    type === 'itemgetter' ||
    type === 'attrgetter' ||
    type === 'namedtuple' ||
    type === 'defaultdict' ||
    type === 'Counter' ||
    type === 'OrderedDict' ||
    type === 'odict_iterator' ||
    type.startsWith('odict_')
  );
}
