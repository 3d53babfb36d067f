/**
 * `range` objects and the iterators of ranges, lists, tuples and dicts (keys).
 *
 *   range            [refcnt][type][start][stop][step][length]        48  (not GC)
 *   range_iterator   [refcnt][type]([index] ≤3.11)[start][step][len]  48 / 40 from 3.12
 *   list_iterator    [PyGC_Head][refcnt][type][it_index][it_seq]        48
 *   tuple_iterator   same layout                                        48
 *   dict_keyiterator [PyGC_Head][refcnt][type][di_dict][di_used][di_pos][di_result][len] 72
 *   set_iterator     [PyGC_Head][refcnt][type][si_set][si_used][si_pos][len]            64
 *   str_iterator     [PyGC_Head][refcnt][type][it_index][it_seq]        48 (3.12+: an
 *                    ASCII str's is a str_ascii_iterator, the same layout)
 *
 * A range holds its four ints (new ones only when they are not small ints); its
 * iterator holds C integers, so no references (ranges within a C long only). A list or
 * tuple iterator holds its sequence until exhausted, then drops it (it_seq = NULL); a
 * dict key iterator holds its dict; a set iterator holds its set and walks its table
 * slot by slot (the live table, as setiter_iternext does: a change that keeps the size
 * is read as CPython reads it; a change of size is refused — CPython raises
 * RuntimeError). A str iterator yields each character as unicode_char makes it (the
 * cached latin-1 str, else a new one). Payload: the referents and the position.
 * Invariants: an iterator's index ≤ its sequence's length; an exhausted iterator holds
 * no sequence. Models range_new/make_range_object and range_iter (fast_range_iter),
 * Objects/rangeobject.c; list_iter/listiter_next, Objects/listobject.c; tuple_iter,
 * Objects/tupleobject.c; dict_iter/dictiter_iternextkey, Objects/dictobject.c;
 * set_iter/setiter_iternext, Objects/setobject.c; unicode_iter/unicodeiter_next
 * (3.12+ also unicode_ascii_iter_next), Objects/unicodeobject.c;
 * 3.8–3.14 (measured 3.8.18–3.13.0; 3.14's new range and iterator free lists are not
 * modelled).
 */
import { type DictEntriesSnapshot, dictEntryAt } from './dicts.ts';
import type { HeapCore, ObjectHandle } from './heap-core.ts';
import { HeapError } from './heap-error.ts';
import type { SetData } from './internal/table.ts';
import { newInt } from './ints.ts';
import { DUMMY } from './set-table.ts';
import { newStr } from './strings.ts';

/** A range: its ints. */
export interface RangeData {
  readonly start: ObjectHandle;
  readonly stop: ObjectHandle;
  readonly step: ObjectHandle;
  readonly length: ObjectHandle;
}

/** An iterator: what it iterates (0 once exhausted, or none for a range iterator) and where. */
export interface IteratorData {
  /** The list, tuple or dict (0: exhausted). */
  seq: ObjectHandle;
  /** The next index (range: the next value's position). */
  index: number;
  /** Range iterators: start, step and length as numbers. */
  readonly start: number;
  readonly step: number;
  readonly length: number;
  /** Dict iterators: the entries read at the first step (dictEntryAt). */
  snapshot?: DictEntriesSnapshot;
  /** Str iterators: the str's characters (code points). */
  chars?: readonly string[];
}

const ITERATOR_OF = {
  list: 'list_iterator',
  tuple: 'tuple_iterator',
  // tuple_iter serves tuple subclasses (a namedtuple instance) too.
  namedtuple: 'tuple_iterator',
  dict: 'dict_keyiterator',
  set: 'set_iterator',
  frozenset: 'set_iterator',
  str: 'str_iterator',
} as const;

/** `range(start, stop, step)` over numbers (the ints are made as CPython's arguments would be). */
export function newRange(heap: HeapCore, start: number, stop: number, step: number): ObjectHandle {
  if (step === 0) throw new HeapError('index', 'range() arg 3 must not be zero');
  const length = Math.max(0, Math.ceil((stop - start) / step));
  const ints = {
    start: newInt(heap, start),
    stop: newInt(heap, stop),
    step: newInt(heap, step),
    length: newInt(heap, length),
  };
  const L = heap.layout;
  const r = heap.allocObject('range', heap.objMalloc(L.objectHeader + 4 * L.pointerSize));
  heap.table.payload[r] = ints satisfies RangeData;
  // The range takes over the four new references.
  for (const h of Object.values(ints)) heap.table.external[h]!--;
  return r;
}

/** `iter(o)` for a range, list, tuple or dict (its keys). */
export function newIterator(heap: HeapCore, o: ObjectHandle): ObjectHandle {
  heap.check(o);
  const type = heap.typeName(o);
  const L = heap.layout;
  const w = L.pointerSize;
  if (type === 'range') {
    const { start, step, length } = heap.table.payload[o] as RangeData;
    const basic = L.objectHeader + (L.minor < 12 ? 4 : 3) * w;
    const it = heap.allocObject('range_iterator', heap.objMalloc(basic));
    heap.table.payload[it] = {
      seq: 0,
      index: 0,
      start: Number(heap.table.payload[start] as bigint),
      step: Number(heap.table.payload[step] as bigint),
      length: Number(heap.table.payload[length] as bigint),
    } satisfies IteratorData;
    return it;
  }
  // A defaultdict's or a Counter's iterator is its dict's (dict_iter, inherited).
  const base = type === 'defaultdict' || type === 'Counter' ? 'dict' : type;
  if (
    base !== 'list' &&
    base !== 'tuple' &&
    base !== 'dict' &&
    base !== 'namedtuple' &&
    base !== 'set' &&
    base !== 'frozenset' &&
    base !== 'str'
  )
    throw new HeapError('wrong-type', `iter() of a ${type} is not modelled`);
  const words = base === 'dict' ? 5 : base === 'set' || base === 'frozenset' ? 4 : 2;
  const basic = L.objectHeader + words * w;
  const it = heap.allocObject(ITERATOR_OF[base], heap.objMalloc(heap.gcRequest(basic)));
  heap.increment(o);
  heap.table.payload[it] = {
    seq: o,
    index: 0,
    start: 0,
    step: 0,
    // A set iterator: the size it started with (si_used).
    length:
      base === 'set' || base === 'frozenset' ? (heap.table.payload[o] as SetData).table.used : 0,
  } satisfies IteratorData;
  if (base === 'str')
    (heap.table.payload[it] as IteratorData).chars = [...(heap.table.payload[o] as string)];
  heap.track(it);
  return it;
}

/** `next(it)`: a new reference to the next item, or 0 when exhausted (the sequence is dropped). */
export function iteratorNext(heap: HeapCore, it: ObjectHandle): ObjectHandle {
  heap.check(it);
  const data = heap.table.payload[it] as IteratorData;
  const type = heap.typeName(it);
  if (type === 'range_iterator') {
    if (data.index >= data.length) return 0;
    return newInt(heap, data.start + data.step * data.index++);
  }
  if (data.seq === 0) return 0;
  if (type === 'set_iterator') {
    const table = (heap.table.payload[data.seq] as SetData).table;
    if (table.used !== data.length)
      throw new HeapError('unsupported', 'a set that changes size under its iterator');
    while (data.index <= table.mask) {
      const k = table.keys[data.index++]!;
      if (k !== 0 && k !== DUMMY) return heap.share(k);
    }
  } else if (type === 'str_iterator') {
    const chars = data.chars!;
    if (data.index < chars.length) return newStr(heap, chars[data.index++]!);
  } else if (type === 'dict_keyiterator') {
    const entry = dictEntryAt(heap, data.seq, data.index, data);
    if (entry !== undefined) {
      data.index++;
      return heap.share(entry[0]);
    }
  } else {
    const items = heap.items(data.seq);
    if (data.index < items.length) return heap.share(items[data.index++]!);
  }
  const seq = data.seq;
  data.seq = 0;
  heap.release(seq);
  return 0;
}

/**
 * `__length_hint__` of a list, tuple or str iterator: the items left, 0 once exhausted
 * (listiter_len, tupleiter_len, unicodeiter_len).
 */
export function sequenceIteratorLengthHint(heap: HeapCore, it: ObjectHandle): number {
  const type = heap.typeName(it);
  if (type !== 'list_iterator' && type !== 'tuple_iterator' && type !== 'str_iterator')
    throw new HeapError('wrong-type', `no length hint for a ${type}`);
  const data = heap.table.payload[it] as IteratorData;
  if (data.seq === 0) return 0;
  const length = data.chars?.length ?? heap.items(data.seq).length;
  return Math.max(0, length - data.index);
}

/** tp_name of a str iterator: 3.12+ names an ASCII str's `str_ascii_iterator`. */
export function strIteratorTypeName(heap: HeapCore, it: ObjectHandle): string {
  const chars = (heap.table.payload[it] as IteratorData).chars!;
  const ascii = chars.every((ch) => ch.codePointAt(0)! < 0x80);
  return heap.layout.minor >= 12 && ascii ? 'str_ascii_iterator' : 'str_iterator';
}

/** What a range or iterator refers to. */
export function iteratorReferents(heap: HeapCore, o: ObjectHandle): ObjectHandle[] {
  if (heap.typeName(o) === 'range') {
    const { start, stop, step, length } = heap.table.payload[o] as RangeData;
    return [start, stop, step, length];
  }
  const seq = (heap.table.payload[o] as IteratorData).seq;
  return seq === 0 ? [] : [seq];
}
