/**
 * Methods of lists and strs that edit or allocate: list.insert/remove/pop(i)/index/
 * clear/reverse/sort, str.split/replace/strip/lstrip/rstrip/startswith/endswith/find.
 * Borrowed receiver and arguments in, a new reference out (as builtins.ts's methods).
 *
 *   list.insert(i, x)   ins1: list_resize(n + 1) then the store (i clamped to 0…n)
 *   list.pop(i)         the last item: list_resize(n − 1); another: list_ass_slice
 *   list.remove(x)      the first equal item, deleted by list_ass_slice
 *   list.clear()        _list_clear: the array goes, then the items, last first
 *   list.sort()         stable, `<` only; timsort's merge arrays as CPython allocates
 *                       them (list-sort.ts)
 *   str.split()         PyList_New(12) (PREALLOC_SIZE of no maxsplit), size set to the
 *                       parts found; past 12 parts PyList_Append; a str without a
 *                       separator is returned itself as the only item
 *   str.replace/strip   the str itself when nothing changes; '' and one latin-1
 *                       character are the cached singletons (PyUnicode_Substring,
 *                       _PyUnicode_FromASCII)
 *
 * Models Objects/listobject.c (ins1, list_pop_impl, list_remove, list_clear_impl,
 * list_reverse_impl, list_sort_impl) and Objects/stringlib/split.h, unicodeobject.c
 * (split, replace, do_strip, tailmatch), 3.8–3.13.
 */
import type { Heap, ObjectHandle } from '@pymem/objects';
import { instanceCompare } from './class-dunders.ts';
import { PythonError, Unsupported } from './errors.ts';
import { listsort } from './list-sort.ts';
import type { Machine } from './machine.ts';
import { methodOwner } from './module-defaultdict.ts';
import { odictMethod } from './module-ordereddict.ts';
import { shared } from './operations.ts';
import { equal, order, reprText } from './values.ts';

function arity(name: string, args: readonly ObjectHandle[], min: number, max: number): void {
  if (args.length < min || args.length > max)
    throw new Unsupported(`${name}() with ${args.length} argument${args.length === 1 ? '' : 's'}`);
}

/** A Py_ssize_t argument (an int or bool), or a TypeError as CPython's. */
function indexArgument(heap: Heap, o: ObjectHandle): number {
  const t = heap.typeOf(o);
  if (t !== 'int' && t !== 'bool')
    throw new PythonError(
      'TypeError',
      `'${heap.typeNameOf(o)}' object cannot be interpreted as an integer`,
    );
  const v = heap.valueOf(o) as bigint;
  if (v > 2n ** 62n || v < -(2n ** 62n)) throw new Unsupported('an index beyond a Py_ssize_t');
  return Number(v);
}

function strArgument(heap: Heap, o: ObjectHandle, what: string): string {
  if (heap.typeOf(o) !== 'str') throw new Unsupported(`${what} of a ${heap.typeNameOf(o)}`);
  return heap.valueOf(o) as string;
}

/** A sort's result: the new order and the merge memory still to free. */
export interface SortResult {
  /** Old indices by new position (stable; descending when reversed). */
  readonly order: number[];
  /**
   * The order before `reverse=True` flips it back: the order the keys array holds when
   * list_sort_impl releases the keys (ascending over the reversed input).
   */
  readonly sorted: number[];
  /** merge_freemem: frees the last merge array, if one was allocated. */
  readonly freeMergeMemory: () => void;
}

/**
 * list_sort_impl's ordering of `items` (the keys when a key function is given:
 * `keyed`), with the merge arrays it allocates (list-sort.ts) — each freed when the next
 * is made; the last one by `freeMergeMemory`. `reverse=True` reverses the input first and
 * the result after, as CPython does. Items CPython cannot order are refused.
 */
export function listSort(
  m: Machine,
  items: readonly ObjectHandle[],
  reverse: boolean,
  keyed: boolean,
): SortResult {
  const heap = m.heap;
  const minor = heap.layout.minor;
  const n = items.length;
  const input = (i: number): number => (reverse ? n - 1 - i : i);
  let lt: (x: number, y: number) => boolean;
  if (items.some((item) => heap.typeOf(item) === 'instance')) {
    // PyObject_RichCompareBool(v, w, Py_LT) for each pair the merge compares: the
    // classes' `__lt__` (or the other's `__gt__`), a TypeError where neither answers.
    lt = (x, y) => instanceCompare(m, '<', items[input(x)]!, items[input(y)]!);
  } else {
    for (let i = 1; i < n; i++) {
      const c = order(heap, items[i]!, items[0]!);
      if (c === undefined || Number.isNaN(c))
        throw new Unsupported('sorting items CPython cannot order (a TypeError) or NaNs');
    }
    lt = (x, y) => {
      const c = order(heap, items[input(x)]!, items[input(y)]!);
      if (c === undefined || Number.isNaN(c))
        throw new Unsupported('sorting items CPython cannot order (a TypeError) or NaNs');
      return c < 0;
    };
  }
  const result = listsort(n, lt, minor, keyed, heap.layout.pointerSize);
  let array = 0;
  for (const bytes of result.arrays) {
    if (array !== 0) heap.memCall('free', array, 0);
    array = heap.memCall('malloc', 0, bytes);
  }
  const sorted = result.order.map(input);
  return {
    order: reverse ? [...sorted].reverse() : sorted,
    sorted,
    freeMergeMemory: () => {
      if (array !== 0) heap.memCall('free', array, 0);
      array = 0;
    },
  };
}

/** The list.sort ordering without a key function: the new order of old indices (stable). */
export function sortOrder(m: Machine, items: readonly ObjectHandle[], reverse: boolean): number[] {
  const { order, freeMergeMemory } = listSort(m, items, reverse, false);
  freeMergeMemory();
  return order;
}

/** Latin-1 characters str.isspace() accepts (_Py_ascii_whitespace, U+0085, U+00A0). */
const LATIN1_SPACE: ReadonlySet<number> = new Set([
  9, 10, 11, 12, 13, 28, 29, 30, 31, 32, 133, 160,
]);
/** The ASCII ones, which str.split() splits on. */
const ASCII_SPACE: ReadonlySet<number> = new Set([9, 10, 11, 12, 13, 28, 29, 30, 31, 32]);

function isWhitespace(ch: string): boolean {
  const c = ch.codePointAt(0)!;
  if (c > 0xff) throw new Unsupported('str.strip() of a str beyond latin-1');
  return LATIN1_SPACE.has(c);
}

/** str.split(sep=None / sep): the parts, or `null` when the str itself is the one part. */
function splitParts(text: string, sep: string | null): string[] | null {
  if (sep === null) {
    const chars = [...text];
    if (chars.some((ch) => ch.codePointAt(0)! > 0x7f))
      throw new Unsupported('str.split() of a non-ASCII str');
    const parts: string[] = [];
    let word = '';
    for (const ch of chars) {
      if (ASCII_SPACE.has(ch.codePointAt(0)!)) {
        if (word !== '') parts.push(word);
        word = '';
      } else word += ch;
    }
    if (word !== '') parts.push(word);
    if (parts.length === 1 && parts[0] === text) return null;
    return parts;
  }
  if (sep === '') throw new PythonError('ValueError', 'empty separator');
  const parts = text.split(sep);
  return parts.length === 1 ? null : parts;
}

/**
 * The slots str.split preallocates, PREALLOC_SIZE(maxcount): 3.8–3.11 take maxcount as
 * unbounded (12 slots); 3.12+ bound it by the text's length — (len − 1) / 2 + 1 splits
 * on whitespace, len / len(sep) + 1 with a separator (C division; measured).
 */
function splitSlots(m: Machine, length: number, sep: string | null): number {
  if (!m.rules.splitPreallocatesByLength) return MAX_PREALLOC;
  const maxcount =
    sep === null ? Math.trunc((length - 1) / 2) + 1 : Math.trunc(length / [...sep].length) + 1;
  return Math.min(MAX_PREALLOC, maxcount + 1);
}

/** stringlib's MAX_PREALLOC: the most slots str.split reserves up front. */
const MAX_PREALLOC = 12;

/** str.split: PyList_New(slots), the parts as new strs, then the list's size set to the count. */
function split(m: Machine, receiver: ObjectHandle, sep: string | null): ObjectHandle {
  const heap = m.heap;
  const text = heap.valueOf(receiver) as string;
  const length = [...text].length;
  // A text shorter than the separator: a one-slot list holding the str itself.
  if (sep !== null && sep !== '' && length < [...sep].length)
    return heap.newListPreallocated([receiver], 1);
  const slots = splitSlots(m, length, sep);
  const parts = splitParts(text, sep);
  if (parts === null) return heap.newListPreallocated([receiver], slots);
  const made: ObjectHandle[] = [];
  const list = heap.newListPreallocated([], slots);
  for (const part of parts) {
    const s = heap.newStr(part);
    if (made.length < slots) {
      made.push(s);
      heap.listAppendPreallocated(list, s);
    } else {
      heap.listAppend(list, s);
    }
    heap.decref(s);
  }
  return list;
}

/**
 * str.split(sep, maxsplit) with maxsplit ≥ 0: PyList_New(min(maxsplit + 1, 12)), then
 * stringlib's split loop — at most maxsplit cuts, the rest one part (on whitespace: after
 * its leading whitespace). The str itself stands for a part that is all of it where
 * stringlib reuses it: no separator found, or (on whitespace, inside the loop) a first
 * word that is the whole text. Models Objects/stringlib/split.h STRINGLIB(split) and
 * STRINGLIB(split_whitespace), 3.8–3.14.
 */
function splitAtMost(
  m: Machine,
  receiver: ObjectHandle,
  sep: string | null,
  maxsplit: number,
): ObjectHandle {
  const heap = m.heap;
  const text = heap.valueOf(receiver) as string;
  if (!isAsciiText(text)) throw new Unsupported('str.split() with maxsplit of a non-ASCII str');
  if (sep === '') throw new PythonError('ValueError', 'empty separator');
  const slots = Math.min(maxsplit + 1, MAX_PREALLOC);
  if (sep !== null && text.length < sep.length) return heap.newListPreallocated([receiver], 1);
  const parts: (string | null)[] = [];
  const n = text.length;
  if (sep === null) {
    const space = (i: number) => ASCII_SPACE.has(text.charCodeAt(i));
    let i = 0;
    let count = maxsplit;
    let whole = false;
    while (count-- > 0) {
      while (i < n && space(i)) i++;
      if (i === n) break;
      const j = i;
      i++;
      while (i < n && !space(i)) i++;
      if (j === 0 && i === n) {
        parts.push(null);
        whole = true;
        break;
      }
      parts.push(text.slice(j, i));
    }
    if (!whole && i < n) {
      while (i < n && space(i)) i++;
      if (i !== n) parts.push(text.slice(i));
    }
  } else {
    let i = 0;
    let count = maxsplit;
    let j = text.indexOf(sep);
    while (j >= 0 && count-- > 0) {
      parts.push(text.slice(i, j));
      i = j + sep.length;
      j = text.indexOf(sep, i);
    }
    parts.push(parts.length === 0 ? null : text.slice(i));
  }
  const list = heap.newListPreallocated([], slots);
  let filled = 0;
  for (const part of parts) {
    const s = part === null ? receiver : heap.newStr(part);
    if (part === null) heap.incref(s);
    if (filled < slots) {
      filled++;
      heap.listAppendPreallocated(list, s);
    } else heap.listAppend(list, s);
    heap.decref(s);
  }
  return list;
}

/** True when every character is ASCII. */
function isAsciiText(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return false;
  return true;
}

function strip(text: string, chars: string | null, left: boolean, right: boolean): string {
  const inSet = (ch: string) => (chars === null ? isWhitespace(ch) : chars.includes(ch));
  const cs = [...text];
  let i = 0;
  let j = cs.length;
  if (left) while (i < j && inSet(cs[i]!)) i++;
  if (right) while (j > i && inSet(cs[j - 1]!)) j--;
  return cs.slice(i, j).join('');
}

const NO_KEYWORDS: ReadonlyMap<string, ObjectHandle> = new Map();

/**
 * `receiver.name(*args)` for the methods of this file: a new reference, or undefined
 * when the method is not one of them.
 */
export function libraryMethod(
  m: Machine,
  receiver: ObjectHandle,
  name: string,
  args: readonly ObjectHandle[],
  keywords: ReadonlyMap<string, ObjectHandle> = NO_KEYWORDS,
): ObjectHandle | undefined {
  const heap = m.heap;
  if (heap.typeOf(receiver) === 'OrderedDict')
    return odictMethod(m, receiver, name, args, keywords);
  const t = methodOwner(m, receiver, name);
  const key = `${t}.${name}`;
  if (keywords.size > 0 && key !== 'list.sort')
    throw new Unsupported(`keyword arguments to ${key}()`);
  switch (key) {
    case 'list.insert': {
      arity(key, args, 2, 2);
      const n = heap.lengthOf(receiver);
      let i = indexArgument(heap, args[0]!);
      if (i < 0) i = Math.max(0, i + n);
      heap.listInsert(receiver, Math.min(i, n), args[1]!);
      return heap.newNone();
    }
    case 'list.pop': {
      arity(key, args, 0, 1);
      const n = heap.lengthOf(receiver);
      if (n === 0) throw new PythonError('IndexError', 'pop from empty list');
      let i = args.length === 0 ? -1 : indexArgument(heap, args[0]!);
      if (i < 0) i += n;
      if (i < 0 || i >= n) throw new PythonError('IndexError', 'pop index out of range');
      if (i === n - 1) return heap.listPop(receiver);
      const item = heap.referents(receiver)[i]!;
      heap.incref(item);
      heap.listDeleteSlice(receiver, i, i + 1);
      return item;
    }
    case 'list.remove': {
      arity(key, args, 1, 1);
      const at = heap.referents(receiver).findIndex((item) => equal(heap, item, args[0]!));
      if (at < 0) throw new PythonError('ValueError', 'list.remove(x): x not in list');
      heap.listDeleteSlice(receiver, at, at + 1);
      return heap.newNone();
    }
    case 'list.index': {
      arity(key, args, 1, 1);
      const at = heap.referents(receiver).findIndex((item) => equal(heap, item, args[0]!));
      if (at < 0)
        throw new PythonError(
          'ValueError',
          // 3.14: "list.index(x): x not in list" again (measured on Pyodide 3.14.2).
          heap.layout.minor >= 14
            ? 'list.index(x): x not in list'
            : `${reprText(heap, args[0]!)} is not in list`,
        );
      return heap.newInt(at);
    }
    case 'list.clear':
      arity(key, args, 0, 0);
      heap.listClear(receiver);
      return heap.newNone();
    case 'list.reverse': {
      arity(key, args, 0, 0);
      const n = heap.lengthOf(receiver);
      heap.listReorder(
        receiver,
        Array.from({ length: n }, (_, i) => n - 1 - i),
      );
      return heap.newNone();
    }
    case 'list.sort': {
      arity(key, args, 0, 0);
      for (const k of keywords.keys())
        if (k !== 'reverse') throw new Unsupported(`list.sort(${k}=…)`);
      const reverseArg = keywords.get('reverse');
      let reverse = false;
      if (reverseArg !== undefined) {
        const rt = heap.typeOf(reverseArg);
        if (rt !== 'bool' && rt !== 'int') throw new Unsupported('list.sort(reverse=<not an int>)');
        reverse = heap.valueOf(reverseArg) !== 0n;
      }
      heap.listReorder(receiver, sortOrder(m, heap.referents(receiver), reverse));
      return heap.newNone();
    }
    case 'dict.clear':
    case 'set.clear':
      // PyDict_Clear / set_clear_internal: what the collector's tp_clear does too.
      arity(key, args, 0, 0);
      if (heap.typeOf(receiver) === 'defaultdict' || heap.typeOf(receiver) === 'Counter')
        heap.dictClear(receiver);
      else heap.clear(receiver);
      return heap.newNone();
    case 'dict.keys':
    case 'dict.values':
    case 'dict.items':
      arity(key, args, 0, 0);
      return heap.newDictView(receiver, name as 'keys' | 'values' | 'items');
    case 'str.split': {
      arity(key, args, 0, 2);
      const sep =
        args.length === 0 || heap.typeOf(args[0]!) === 'NoneType'
          ? null
          : strArgument(heap, args[0]!, 'str.split');
      if (args.length === 2) {
        const t = heap.typeOf(args[1]!);
        if (t !== 'int') throw new Unsupported(`str.split() with a maxsplit that is a ${t}`);
        const maxsplit = heap.valueOf(args[1]!) as bigint;
        if (maxsplit >= 0n) return splitAtMost(m, receiver, sep, Number(maxsplit));
      }
      return split(m, receiver, sep);
    }
    case 'str.replace': {
      arity(key, args, 2, 3);
      const text = heap.valueOf(receiver) as string;
      const old = strArgument(heap, args[0]!, 'str.replace');
      const by = strArgument(heap, args[1]!, 'str.replace');
      if (old === '') throw new Unsupported("str.replace of ''");
      // replace(): a negative count is every occurrence; none replaced (or old and new
      // the same object) gives the str itself.
      let count = Number.POSITIVE_INFINITY;
      if (args.length === 3) {
        if (heap.typeOf(args[2]!) !== 'int')
          throw new Unsupported(
            `str.replace() with a count that is a ${heap.typeNameOf(args[2]!)}`,
          );
        const given = heap.valueOf(args[2]!) as bigint;
        if (given >= 0n) count = Number(given);
      }
      if (!text.includes(old) || args[0] === args[1] || count === 0) return shared(heap, receiver);
      const pieces = text.split(old);
      const replaced = Math.min(count, pieces.length - 1);
      const result =
        pieces.slice(0, replaced + 1).join(by) +
        (replaced < pieces.length - 1 ? old + pieces.slice(replaced + 1).join(old) : '');
      if ([...result].length === 1) throw new Unsupported('str.replace giving one character');
      return heap.newStr(result);
    }
    case 'str.strip':
    case 'str.lstrip':
    case 'str.rstrip': {
      arity(key, args, 0, 1);
      const text = heap.valueOf(receiver) as string;
      const chars =
        args.length === 0 || heap.typeOf(args[0]!) === 'NoneType'
          ? null
          : strArgument(heap, args[0]!, key);
      const result = strip(text, chars, name !== 'rstrip', name !== 'lstrip');
      if (result === text) return shared(heap, receiver);
      if ([...text].some((ch) => ch.codePointAt(0)! > 0xff))
        throw new Unsupported(`${key} of a str beyond latin-1`);
      return heap.newStr(result);
    }
    case 'str.startswith':
    case 'str.endswith': {
      arity(key, args, 1, 1);
      const text = heap.valueOf(receiver) as string;
      const affix = strArgument(heap, args[0]!, key);
      return heap.newBool(name === 'startswith' ? text.startsWith(affix) : text.endsWith(affix));
    }
    case 'str.find':
    case 'str.count': {
      arity(key, args, 1, 1);
      const text = [...(heap.valueOf(receiver) as string)];
      const sub = [...strArgument(heap, args[0]!, key)];
      const positions: number[] = [];
      for (let i = 0; i + sub.length <= text.length; ) {
        if (sub.every((ch, k) => text[i + k] === ch)) {
          positions.push(i);
          if (name === 'find') break;
          i += Math.max(sub.length, 1);
        } else i++;
      }
      if (name === 'find') return heap.newInt(positions[0] ?? -1);
      return heap.newInt(positions.length);
    }
    default:
      return undefined;
  }
}
