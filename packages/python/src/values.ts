/**
 * What a model object means to Python code: its truth value, `str()` and `repr()`
 * text, equality and ordering — read from the heap, never allocating. (CPython's
 * `repr` and `print` make temporary strs and write through sys.stdout's buffers;
 * those short-lived objects are not modelled: see docs/python-run.md.)
 *
 * Float text follows float_repr's 'r' mode (Python/pystrtod.c, 3.8–3.13): the shortest
 * digits that round-trip, positional when the decimal point falls in (-4, 16], else
 * `d.ddde±XX`; str repr follows unicode_repr (Objects/unicodeobject.c).
 */
import {
  defaultFactory,
  dequeMaxlen,
  type Heap,
  namedTupleClassData,
  namedTupleClassOf,
  type ObjectHandle,
  type ObjectType,
} from '@pymem/objects';
import { counterRepr } from './counter-order.ts';
import { Unsupported } from './errors.ts';
import { exceptionText } from './exception-classes.ts';
import { factoryRepr } from './module-defaultdict.ts';
import { ODICT_VIEWS, odictEqual, odictRepr } from './module-ordereddict.ts';

/** The numeric value of an int, bool or float, or undefined. */
export function numberOf(heap: Heap, o: ObjectHandle): bigint | number | undefined {
  const type = heap.typeOf(o);
  if (type === 'int' || type === 'bool' || type === 'float')
    return heap.valueOf(o) as bigint | number;
  return undefined;
}

/**
 * Compares two numbers exactly, as CPython compares an int with a float (float_richcompare:
 * no rounding of the int): -1, 0, 1, or NaN when a float is NaN.
 */
export function compareNumbers(a: bigint | number, b: bigint | number): number {
  if (typeof a === 'bigint' && typeof b === 'bigint') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'number' && typeof b === 'number')
    return a < b ? -1 : a > b ? 1 : a === b ? 0 : Number.NaN;
  const [int, float, sign] =
    typeof a === 'bigint' ? [a, b as number, 1] : [b as bigint, a as number, -1];
  if (Number.isNaN(float)) return Number.NaN;
  if (!Number.isFinite(float)) return float > 0 ? -sign : sign;
  const whole = BigInt(Math.trunc(float));
  if (int !== whole) return (int < whole ? -1 : 1) * sign;
  const fraction = float - Math.trunc(float);
  return fraction === 0 ? 0 : (fraction > 0 ? -1 : 1) * sign;
}

/** `bool(o)`. */
export function truthy(heap: Heap, o: ObjectHandle): boolean {
  switch (heap.typeOf(o)) {
    case 'NoneType':
      return false;
    case 'int':
    case 'bool':
      return heap.valueOf(o) !== 0n;
    case 'float':
      return heap.valueOf(o) !== 0;
    case 'str':
    case 'tuple':
    case 'list':
    case 'dict':
    case 'set':
    case 'frozenset':
    case 'bytes':
    case 'deque':
    case 'namedtuple':
    case 'defaultdict':
    case 'Counter':
    case 'OrderedDict':
      return heap.lengthOf(o) > 0;
    case 'range':
      return rangeValues(heap, o)[3] > 0n;
    case 'function':
    case 'exception':
    // A class (program or builtin): `type` defines neither __bool__ nor __len__.
    case 'type':
    case 'builtin_type':
    case 'builtin_function_or_method':
    case 'itemgetter':
    case 'attrgetter':
      return true;
    default:
      throw new Unsupported(`the truth value of a ${heap.typeNameOf(o)}`);
  }
}

/** A range's start, stop, step and length. */
export function rangeValues(heap: Heap, r: ObjectHandle): [bigint, bigint, bigint, bigint] {
  const [start, stop, step, length] = heap.referents(r).map((v) => heap.valueOf(v) as bigint);
  return [start!, stop!, step!, length!];
}

/** Python's repr of a float. */
export function floatRepr(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const [mantissa, exp] = x.toExponential().split('e') as [string, string];
  const e = Number(exp);
  if (e < -4 || e >= 16) {
    const sign = e < 0 ? '-' : '+';
    return `${mantissa}e${sign}${String(Math.abs(e)).padStart(2, '0')}`;
  }
  const negative = mantissa.startsWith('-');
  const digits = mantissa.replace('-', '').replace('.', '');
  const point = e + 1;
  let text: string;
  if (point <= 0) text = `0.${'0'.repeat(-point)}${digits}`;
  else if (point >= digits.length) text = `${digits}${'0'.repeat(point - digits.length)}.0`;
  else text = `${digits.slice(0, point)}.${digits.slice(point)}`;
  return negative ? `-${text}` : text;
}

/** Python's repr of a str. */
export function strRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === quote || ch === '\\') out += `\\${ch}`;
    else if (ch === '\t') out += '\\t';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (c < 0x20 || (c >= 0x7f && c <= 0xa0) || c === 0xad)
      out += `\\x${c.toString(16).padStart(2, '0')}`;
    else if (c > 0xff && !/[\p{L}\p{N}\p{P}\p{S}]/u.test(ch))
      throw new Unsupported('the repr of a str with non-printable characters');
    else out += ch;
  }
  return out + quote;
}

/**
 * Python's repr of a bytes object (bytes_repr): b'…' (b"…" when it holds a ' and no "),
 * \t \n \r and the quote escaped, printable ASCII as is, other bytes as \xNN.
 */
export function bytesRepr(data: string): string {
  const quote = data.includes("'") && !data.includes('"') ? '"' : "'";
  let out = `b${quote}`;
  for (const ch of data) {
    const c = ch.charCodeAt(0);
    if (ch === quote || ch === '\\') out += `\\${ch}`;
    else if (ch === '\t') out += '\\t';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (c < 0x20 || c >= 0x7f) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return out + quote;
}

/** `str(o)` without allocating. */
export function strText(heap: Heap, o: ObjectHandle): string {
  if (heap.typeOf(o) === 'str') return heap.valueOf(o) as string;
  if (heap.typeOf(o) === 'exception') return exceptionText(heap, o, false);
  return reprText(heap, o);
}

/** Per heap, how a container's repr gets an instance's repr (its class's `__repr__`). */
const INSTANCE_REPRS = new WeakMap<Heap, (o: ObjectHandle) => string>();

/**
 * Lets reprText show the program's instances inside containers: `repr` runs the
 * instance's `__repr__` (Python code, whose own allocations the machine makes) and
 * returns its text, the result released — as list_repr & co. call PyObject_Repr on
 * each item and drop the str once written.
 */
export function installInstanceRepr(heap: Heap, repr: (o: ObjectHandle) => string): void {
  INSTANCE_REPRS.set(heap, repr);
}

/**
 * Per heap, a program class's `__module__` and `__qualname__` joined by a dot, for
 * type_repr.
 */
const CLASS_MODULES = new WeakMap<Heap, (cls: ObjectHandle) => string | undefined>();

/** Lets reprText show the program's classes as `<class '__main__.C'>` (`__main__.A.B` nested). */
export function installClassModule(
  heap: Heap,
  moduleOf: (cls: ObjectHandle) => string | undefined,
): void {
  CLASS_MODULES.set(heap, moduleOf);
}

/** `repr(o)` without allocating. */
export function reprText(
  heap: Heap,
  o: ObjectHandle,
  active: Set<ObjectHandle> = new Set(),
): string {
  const type = heap.typeOf(o);
  switch (type) {
    case 'NoneType':
      return 'None';
    case 'NotImplementedType':
      return 'NotImplemented';
    case 'exception':
      return exceptionText(heap, o, true);
    case 'bool':
      return heap.valueOf(o) === 1n ? 'True' : 'False';
    case 'int': {
      const text = String(heap.valueOf(o));
      // sys.int_info.default_max_str_digits (3.8.14+, 3.9.14+, 3.10.7+, 3.11+): ValueError.
      if (text.replace('-', '').length > 4300)
        throw new Unsupported('the str of an int of more than 4300 digits');
      return text;
    }
    case 'float':
      return floatRepr(heap.valueOf(o) as number);
    case 'str':
      return strRepr(heap.valueOf(o) as string);
    case 'bytes':
      return bytesRepr(heap.bytesData(o));
    case 'range': {
      const [start, stop, step] = rangeValues(heap, o);
      return step === 1n ? `range(${start}, ${stop})` : `range(${start}, ${stop}, ${step})`;
    }
    case 'list':
    case 'tuple':
    case 'dict':
    case 'set':
    case 'frozenset':
    case 'deque':
    case 'defaultdict':
      break;
    case 'dict_keys':
    case 'dict_values':
    case 'dict_items': {
      // dictview_repr: `dict_keys([...])` — the repr of list(view), under the view's own
      // recursion guard. The temporary list (and an items view's pairs) is not modelled:
      // made and freed at once, as list_repr's item strs are not.
      if (active.has(o)) return '...';
      active.add(o);
      const parts = heap.referents(heap.referents(o)[0]!);
      const shown: string[] = [];
      for (let i = 0; i < parts.length; i += 2) {
        const key = type === 'dict_values' ? '' : reprText(heap, parts[i]!, active);
        const value = type === 'dict_keys' ? '' : reprText(heap, parts[i + 1]!, active);
        shown.push(
          type === 'dict_keys' ? key : type === 'dict_values' ? value : `(${key}, ${value})`,
        );
      }
      active.delete(o);
      return `${type}([${shown.join(', ')}])`;
    }
    case 'Counter':
      // Counter.__repr__ (no recursion guard of its own: a count is an int here).
      return counterRepr(heap, o, (x) => reprText(heap, x, active));
    case 'OrderedDict':
      return odictRepr(heap, o, active, (x) => reprText(heap, x, active));
    case 'namedtuple': {
      // namedtuple's __repr__: `P(x=1, y=2)`, each item's repr (no recursion guard of its own).
      const data = namedTupleClassData(heap, namedTupleClassOf(heap, o));
      const items = heap.items(o);
      const shown = data.fieldNames.map((f, i) => `${f}=${reprText(heap, items[i]!, active)}`);
      return `${data.name}(${shown.join(', ')})`;
    }
    case 'type':
    case 'builtin_type': {
      // type_repr: `<class 'module.qualname'>`, the module left out for builtins.
      const path = type === 'type' ? CLASS_MODULES.get(heap)?.(o) : undefined;
      return path === undefined ? `<class '${heap.typeObjectName(o)}'>` : `<class '${path}'>`;
    }
    case 'builtin_function_or_method':
      // meth_repr of a module-level function (no __self__ to show).
      return `<built-in function ${heap.builtinName(o).replace(/^.*\./, '')}>`;
    case 'itemgetter':
    case 'attrgetter':
      // itemgetter_repr / attrgetter_repr: the items' or names' reprs.
      return `operator.${type}(${heap
        .getterKeys(o)
        .map((k) => reprText(heap, k))
        .join(', ')})`;
    case 'instance': {
      const repr = INSTANCE_REPRS.get(heap);
      if (repr === undefined) throw new Unsupported(`the repr of a ${heap.typeNameOf(o)}`);
      return repr(o);
    }
    default:
      throw new Unsupported(`the repr of a ${heap.typeNameOf(o)}`);
  }
  if (type === 'defaultdict') {
    // defdict_repr: dict_repr of itself (`{...}` when already being printed), then the factory.
    const factory = factoryRepr(heap, o);
    let inner = '{...}';
    if (!active.has(o)) {
      active.add(o);
      const parts = heap.referents(o).slice(defaultFactory(heap, o) === 0 ? 0 : 1);
      const pairs: string[] = [];
      for (let i = 0; i < parts.length; i += 2)
        pairs.push(
          `${reprText(heap, parts[i]!, active)}: ${reprText(heap, parts[i + 1]!, active)}`,
        );
      active.delete(o);
      inner = `{${pairs.join(', ')}}`;
    }
    return `defaultdict(${factory}, ${inner})`;
  }
  if (active.has(o))
    return type === 'list' || type === 'deque' ? '[...]' : type === 'dict' ? '{...}' : '(...)';
  active.add(o);
  const parts = heap.referents(o);
  let text: string;
  if (type === 'list') text = `[${parts.map((p) => reprText(heap, p, active)).join(', ')}]`;
  else if (type === 'deque') {
    // deque_repr: the items as a list's repr, then maxlen when bounded.
    const items = `[${parts.map((p) => reprText(heap, p, active)).join(', ')}]`;
    const maxlen = dequeMaxlen(heap, o);
    text = maxlen >= 0 ? `deque(${items}, maxlen=${maxlen})` : `deque(${items})`;
  } else if (type === 'tuple')
    text =
      parts.length === 1
        ? `(${reprText(heap, parts[0]!, active)},)`
        : `(${parts.map((p) => reprText(heap, p, active)).join(', ')})`;
  else if (type === 'dict') {
    const pairs = heap
      .dictItems(o)
      .map(([k, v]) => `${reprText(heap, k, active)}: ${reprText(heap, v, active)}`);
    text = `{${pairs.join(', ')}}`;
  } else {
    const items = setItemsInOrder(heap, o).map((p) => reprText(heap, p, active));
    const inner = items.length === 0 ? '' : `{${items.join(', ')}}`;
    text = type === 'set' ? inner || 'set()' : `frozenset(${inner})`;
  }
  active.delete(o);
  return text;
}

/**
 * A set's items in iteration (table) order. Only ints, floats, bools and None, tuples
 * of numbers, and instances hashed by their class's `__hash__` have the hashes CPython
 * gives them in every run; a str's hash is randomised per process and a plain
 * instance's follows its address, so the order of a set holding one (and another item)
 * is not a fact the model can print.
 */
export function setItemsInOrder(heap: Heap, s: ObjectHandle): ObjectHandle[] {
  const items = heap.referents(s);
  if (items.length <= 1) return items;
  for (const item of items) {
    const type = heap.typeOf(item);
    if (type === 'NoneType' || knownHash(heap, item)) continue;
    if (type === 'instance' && heap.keyHooks?.hashesByMethod(item)) continue;
    throw new Unsupported(`the iteration order of a set holding a ${heap.typeNameOf(item)}`);
  }
  return items;
}

/** A number, or a tuple of numbers: hashed alike in every run (long_hash, tuplehash). */
function knownHash(heap: Heap, o: ObjectHandle): boolean {
  const type = heap.typeOf(o);
  if (type === 'int' || type === 'bool' || type === 'float') return true;
  return type === 'tuple' && heap.items(o).every((item) => knownHash(heap, item));
}

/**
 * Before a set or frozenset `s` the caller holds is iterated: its table order must be
 * known (setItemsInOrder); if not, `s` is released and the run refused.
 * @throws Unsupported
 */
export function requireKnownSetOrder(heap: Heap, s: ObjectHandle): void {
  try {
    setItemsInOrder(heap, s);
  } catch (error) {
    heap.decref(s);
    throw error;
  }
}

/** A namedtuple instance compares as a tuple (tuple_richcompare takes subclasses). */
function tupleKind(type: ObjectType): ObjectType {
  return type === 'namedtuple' ? 'tuple' : type;
}

/** A list's, tuple's or namedtuple instance's items (borrowed). */
function sequenceItems(heap: Heap, o: ObjectHandle): readonly ObjectHandle[] {
  return heap.typeOf(o) === 'namedtuple' ? heap.items(o) : heap.referents(o);
}

/** `a == b` (identity first, as PyObject_RichCompare's containers do). */
/** The dict views that compare as sets (a values view compares by identity). */
const SET_LIKE_VIEWS: ReadonlySet<string> = new Set(['dict_keys', 'dict_items']);

/**
 * dictview_richcompare for `==`: a keys or items view against a view of the same kind
 * or (keys) a set — equal sizes and every key (or pair: the key found, its value equal)
 * in the other. Models Objects/dictobject.c dictview_richcompare / all_contained_in,
 * 3.8–3.14; its iterator and an items view's pairs are made and freed at once (not
 * modelled). Other operands are refused.
 */
function viewEqual(heap: Heap, a: ObjectHandle, b: ObjectHandle, ta: string, tb: string): boolean {
  const sets = (t: string) => t === 'set' || t === 'frozenset';
  if (!(ta === tb || (ta === 'dict_keys' && sets(tb)) || (tb === 'dict_keys' && sets(ta))))
    throw new Unsupported(`comparing a ${ta} with a ${tb}`);
  if (sets(ta)) return viewEqual(heap, b, a, tb, ta);
  const mine = heap.referents(heap.referents(a)[0]!);
  if (sets(tb)) {
    if (mine.length / 2 !== heap.lengthOf(b)) return false;
    for (let i = 0; i < mine.length; i += 2) if (!contains(heap, b, mine[i]!)) return false;
    return true;
  }
  const other = heap.referents(b)[0]!;
  if (mine.length / 2 !== heap.lengthOf(other)) return false;
  for (let i = 0; i < mine.length; i += 2) {
    const found = heap.dictGet(other, mine[i]!);
    if (found === 0) return false;
    if (ta === 'dict_items' && !equal(heap, found, mine[i + 1]!)) return false;
  }
  return true;
}

export function equal(heap: Heap, a: ObjectHandle, b: ObjectHandle): boolean {
  if (a === b) return true;
  // An instance compares by its class's __eq__, or by identity without one: the
  // interpreter answers through the heap's key hooks (do_richcompare, class-dunders.ts).
  if (heap.typeOf(a) === 'instance' || heap.typeOf(b) === 'instance') {
    if (heap.keyHooks === null)
      throw new Unsupported('comparing an instance inside a container or a builtin method');
    return heap.keyHooks.equal(a, b);
  }
  const na = numberOf(heap, a);
  const nb = numberOf(heap, b);
  if (na !== undefined || nb !== undefined) {
    if (na === undefined || nb === undefined) return false;
    return compareNumbers(na, nb) === 0;
  }
  const ta = tupleKind(heap.typeOf(a));
  const tb = tupleKind(heap.typeOf(b));
  if (ta === 'defaultdict' || tb === 'defaultdict')
    throw new Unsupported('comparing a defaultdict');
  if (ta === 'Counter' || tb === 'Counter') throw new Unsupported('comparing a Counter');
  if (SET_LIKE_VIEWS.has(ta) || SET_LIKE_VIEWS.has(tb)) return viewEqual(heap, a, b, ta, tb);
  if (ta === 'OrderedDict' || tb === 'OrderedDict')
    return odictEqual(heap, a, b, (x, y) => equal(heap, x, y));
  if (ODICT_VIEWS.includes(ta) || ODICT_VIEWS.includes(tb))
    throw new Unsupported('comparing an OrderedDict view');
  if (ta === 'str' && tb === 'str') return heap.valueOf(a) === heap.valueOf(b);
  if (ta === 'bytes' && tb === 'bytes') return heap.bytesData(a) === heap.bytesData(b);
  if (ta !== tb) {
    const sets = (t: string) => t === 'set' || t === 'frozenset';
    if (!(sets(ta) && sets(tb))) return false;
  }
  if (ta === 'NoneType') return true;
  if (ta === 'list' || ta === 'tuple') {
    const x = sequenceItems(heap, a);
    const y = sequenceItems(heap, b);
    return x.length === y.length && x.every((item, i) => equal(heap, item, y[i]!));
  }
  if (ta === 'dict') {
    const x = heap.referents(a);
    if (heap.lengthOf(a) !== heap.lengthOf(b)) return false;
    for (let i = 0; i < x.length; i += 2) {
      const other = heap.dictGet(b, x[i]!);
      if (other === 0 || !equal(heap, x[i + 1]!, other)) return false;
    }
    return true;
  }
  if (ta === 'set' || ta === 'frozenset') {
    if (heap.lengthOf(a) !== heap.lengthOf(b)) return false;
    return heap.referents(a).every((item) => contains(heap, b, item));
  }
  if (ta === 'range') return rangeValues(heap, a).join() === rangeValues(heap, b).join();
  return false;
}

/**
 * The comparison list_contains, tuplecontains and _PySequence_IterSearch make between
 * a stored `x` and the `item` looked for: 3.8 asks `item == x`, 3.9+ `x == item` (which
 * operand's `__eq__` runs first; deque_contains, index, count and remove ask `x ==
 * item` on every version — measured with a printing `__eq__`, 3.8.18–3.13.0).
 */
export function containsEqual(heap: Heap, x: ObjectHandle, item: ObjectHandle): boolean {
  return heap.layout.minor <= 8 ? equal(heap, item, x) : equal(heap, x, item);
}

/** `item in container` for str, list, tuple, deque, dict, set, frozenset and range. */
export function contains(heap: Heap, container: ObjectHandle, item: ObjectHandle): boolean {
  const type = heap.typeOf(container);
  if (type === 'str') {
    if (heap.typeOf(item) !== 'str') throw new Unsupported("'in <str>' of a non-str");
    return (heap.valueOf(container) as string).includes(heap.valueOf(item) as string);
  }
  if (type === 'deque') return heap.referents(container).some((x) => equal(heap, x, item));
  if (type === 'list' || type === 'tuple')
    return heap.referents(container).some((x) => containsEqual(heap, x, item));
  if (type === 'namedtuple') return heap.items(container).some((x) => containsEqual(heap, x, item));
  if (type === 'dict' || type === 'defaultdict' || type === 'Counter' || type === 'OrderedDict')
    return heap.dictGet(container, item) !== 0;
  if (type === 'set' || type === 'frozenset') {
    // set_contains retries a set item as a temporary frozenset: not modelled.
    if (heap.typeOf(item) === 'set') throw new Unsupported("a set 'in' a set");
    return heap.setContains(container, item);
  }
  if (type === 'range') {
    const n = numberOf(heap, item);
    if (typeof n !== 'bigint') return false;
    const [start, , step, length] = rangeValues(heap, container);
    const offset = n - start;
    return offset % step === 0n && offset / step >= 0n && offset / step < length;
  }
  if (type === 'dict_keys' || type === 'dict_items' || type === 'dict_values')
    return viewContains(heap, container, item, type);
  throw new Unsupported(`'in' on a ${heap.typeNameOf(container)}`);
}

/**
 * `item in view` of a dict's keys, items or values. dictkeys_contains looks the key up;
 * dictitems_contains takes a 2-tuple apart, looks its key up and compares the stored
 * value with it (stored first); values have no sq_contains, so _PySequence_IterSearch
 * walks an iterator object (made, then freed) comparing each value as list_contains
 * does. Models Objects/dictobject.c and Objects/abstract.c, 3.8–3.14.
 */
function viewContains(
  heap: Heap,
  view: ObjectHandle,
  item: ObjectHandle,
  type: 'dict_keys' | 'dict_items' | 'dict_values',
): boolean {
  const dict = heap.referents(view)[0]!;
  if (type === 'dict_keys') return heap.dictGet(dict, item) !== 0;
  if (type === 'dict_items') {
    if (heap.typeOf(item) !== 'tuple' || heap.lengthOf(item) !== 2) return false;
    const [key, value] = heap.referents(item) as [ObjectHandle, ObjectHandle];
    const found = heap.dictGet(dict, key);
    return found !== 0 && equal(heap, found, value);
  }
  const it = heap.newIterator(view);
  try {
    for (let v = heap.iteratorNext(it); v !== 0; v = heap.iteratorNext(it)) {
      let found: boolean;
      try {
        found = containsEqual(heap, v, item);
      } finally {
        heap.decref(v);
      }
      if (found) return true;
    }
    return false;
  } finally {
    heap.decref(it);
  }
}

/** True for a set or a frozenset. */
export function isSetLike(heap: Heap, o: ObjectHandle): boolean {
  const t = heap.typeOf(o);
  return t === 'set' || t === 'frozenset';
}

/**
 * `a op b` for two sets or frozensets, op one of `<` `<=` `>` `>=` (set_richcompare:
 * subset and superset tests, sizes first; set_issubset walks `a` — nothing allocated).
 */
export function setCompare(heap: Heap, op: string, a: ObjectHandle, b: ObjectHandle): boolean {
  const [small, large] = op === '<' || op === '<=' ? [a, b] : [b, a];
  const ns = heap.lengthOf(small);
  const nl = heap.lengthOf(large);
  if (ns > nl || ((op === '<' || op === '>') && ns === nl)) return false;
  return heap.referents(small).every((k) => heap.setContains(large, k));
}

/** Three-way comparison for `<`, `<=`, `>`, `>=`; undefined when CPython raises TypeError. */
export function order(heap: Heap, a: ObjectHandle, b: ObjectHandle): number | undefined {
  if (heap.isAddress(a) || heap.isAddress(b))
    throw new Unsupported("ordering id()s (where CPython's start-up left free blocks)");
  const na = numberOf(heap, a);
  const nb = numberOf(heap, b);
  if (na !== undefined && nb !== undefined) return compareNumbers(na, nb);
  const ta = tupleKind(heap.typeOf(a));
  const tb = tupleKind(heap.typeOf(b));
  if (ta === 'str' && tb === 'str') {
    const x = [...(heap.valueOf(a) as string)].map((c) => c.codePointAt(0)!);
    const y = [...(heap.valueOf(b) as string)].map((c) => c.codePointAt(0)!);
    for (let i = 0; i < Math.min(x.length, y.length); i++)
      if (x[i] !== y[i]) return x[i]! < y[i]! ? -1 : 1;
    return x.length - y.length === 0 ? 0 : x.length < y.length ? -1 : 1;
  }
  if (ta === tb && (ta === 'list' || ta === 'tuple')) {
    const x = sequenceItems(heap, a);
    const y = sequenceItems(heap, b);
    for (let i = 0; i < Math.min(x.length, y.length); i++) {
      if (equal(heap, x[i]!, y[i]!)) continue;
      const inner = order(heap, x[i]!, y[i]!);
      // CPython's TypeError would name the items' types: not modelled.
      if (inner === undefined) throw new Unsupported('ordering sequences of unorderable items');
      return inner;
    }
    return x.length === y.length ? 0 : x.length < y.length ? -1 : 1;
  }
  return undefined;
}
