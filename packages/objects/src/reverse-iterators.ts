/**
 * `reversed(list)`, `reversed(tuple)` and `reversed(str)`: iterators that walk a sequence from its end.
 *
 *   list_reverseiterator  [PyGC_Head][refcnt][type][it_index][it_seq]   48
 *   reversed              [PyGC_Head][refcnt][type][index][seq]         48
 *
 * Each holds its sequence; once exhausted a `reversed` drops it, and so does a list
 * reverse iterator on 3.8–3.12 — 3.13's and 3.14's keep their list until freed (measured
 * on 3.13.0 and Pyodide 3.14.2: the list's count stays up after the loop ends). `iter()` of either is itself.
 * Invariant: the index stays within the sequence. Models list___reversed___impl /
 * listreviter_next (Objects/listobject.c) and reversed_new_impl / reversed_next
 * (Objects/enumobject.c), 3.8–3.13.
 */
import type { HeapCore, ObjectHandle } from './heap-core.ts';
import { HeapError } from './heap-error.ts';
import type { IteratorData } from './iterators.ts';
import { newStr } from './strings.ts';

/** `reversed(seq)` for a list, tuple or str. */
export function newReversed(heap: HeapCore, seq: ObjectHandle): ObjectHandle {
  const type = heap.typeName(seq);
  if (type !== 'list' && type !== 'tuple' && type !== 'str')
    throw new HeapError('wrong-type', `reversed() of a ${type} is not modelled`);
  const L = heap.layout;
  const it = heap.allocObject(
    type === 'list' ? 'list_reverseiterator' : 'reversed',
    heap.objMalloc(heap.gcRequest(L.objectHeader + 2 * L.pointerSize)),
  );
  heap.increment(seq);
  // A str is read by index (unicode_getitem: the cached latin-1 str, else a new one).
  const chars = type === 'str' ? [...(heap.table.payload[seq] as string)] : undefined;
  heap.table.payload[it] = {
    seq,
    index: (chars ?? heap.items(seq)).length - 1,
    start: 0,
    step: 0,
    length: 0,
    ...(chars !== undefined && { chars }),
  } satisfies IteratorData;
  heap.track(it);
  return it;
}

/** The next item from the end (a new reference), or 0 when exhausted. */
export function reversedNext(heap: HeapCore, it: ObjectHandle): ObjectHandle {
  const data = heap.table.payload[it] as IteratorData;
  if (data.seq === 0) return 0;
  if (data.chars !== undefined) {
    if (data.index >= 0) return newStr(heap, data.chars[data.index--]!);
  } else {
    const items = heap.items(data.seq);
    if (data.index >= 0 && data.index < items.length) return heap.share(items[data.index--]!);
  }
  if (data.index === -2) return 0;
  data.index = -2;
  const keeps = heap.typeName(it) === 'list_reverseiterator' && heap.layout.minor >= 13;
  if (keeps) return 0;
  const seq = data.seq;
  data.seq = 0;
  heap.release(seq);
  return 0;
}

/**
 * `__length_hint__` of a reverse iterator: the items left, 0 once exhausted or when the
 * list shrank below them (listreviter_len / reversed_len).
 */
export function reversedLengthHint(heap: HeapCore, it: ObjectHandle): number {
  const data = heap.table.payload[it] as IteratorData;
  if (data.seq === 0 || data.index < 0) return 0;
  const left = data.index + 1;
  return (data.chars ?? heap.items(data.seq)).length < left ? 0 : left;
}
