/**
 * `collections.deque`: a doubly linked list of fixed blocks of 64 item slots.
 *
 *   deque  [PyGC_Head][refcnt][type][ob_size][leftblock][rightblock][leftindex]
 *          [rightindex][state][maxlen][weakreflist]                  80 bytes, 3.8–3.10
 *          … [numfreeblocks][freeblocks × 16]                        216 bytes, 3.11+
 *   block  [leftlink][data × 64][rightlink]     528 bytes (8-byte pointers), PyMem_Malloc
 *
 * The items live in the blocks: the first at `leftblock[leftindex]`, the last at
 * `rightblock[rightindex]`; an empty deque has one block and the indices re-centred at
 * 32 / 31 (CENTER + 1, CENTER). A new block is taken when an append reaches a block's
 * end; a block is given back when a pop empties it (unless it is the last one, then the
 * indices are re-centred). Given-back blocks go to a cache of at most 16
 * (MAXFREEBLOCKS) before PyMem_Free: one cache for the whole interpreter on 3.8–3.10
 * (a module static), one per deque from 3.11, freed with the deque (measured with
 * tracemalloc on 3.8.18–3.13.0: popping every item keeps the blocks; `del d` frees them
 * on 3.11+ only).
 *
 * `sys.getsizeof` counts blocks from the indices, not the blocks held:
 * basic size + ⌊(leftindex + len + 63) / 64⌋ × 528 (deque_sizeof; measured: an empty
 * deque 624 bytes on 3.8–3.10, 760 on 3.11–3.13, +528 per block).
 *
 * Invariants: `blocks.length` = ⌊(leftindex + len + 63) / 64⌋ ≥ 1; `0 ≤ leftindex < 64`;
 * `rightindex` = (leftindex + len − 1) − 64 × (blocks − 1); the deque holds one counted
 * reference to each item; `len ≤ maxlen` when maxlen ≥ 0.
 *
 *   deque_iterator  [PyGC_Head][refcnt][type][b][index][deque][state][counter]   56 bytes
 *
 * A deque iterator holds its deque until it dies (not only until exhausted).
 *
 * Models deque_new, deque_append/appendleft (_internal), deque_pop/popleft,
 * deque_extend/extendleft, _deque_rotate, deque_reverse, deque_clear, deque_item,
 * deque_dealloc, deque_sizeof, deque_iter, dequeiter_next and dequeiter_dealloc of
 * Modules/_collectionsmodule.c, 3.8–3.13, from source; sizes and block caching measured
 * on 3.8.18–3.13.0, sizes on Pyodide 3.14.2 (4-byte pointers: 380 bytes + 264 per block).
 */
import type { HeapCore, ObjectHandle } from './heap-core.ts';
import { HeapError } from './heap-error.ts';
import { clearWeakrefsTo } from './weakrefs.ts';

/** Item slots per block (BLOCKLEN). */
export const BLOCKLEN = 64;
/** Where an empty deque's indices meet (CENTER). */
const CENTER = (BLOCKLEN - 1) >> 1;
/** The most blocks a free-block cache keeps (MAXFREEBLOCKS). */
const MAXFREEBLOCKS = 16;

/** A deque's items and blocks. */
export interface DequeData {
  /** The items, left to right (each one counted reference). */
  readonly items: ObjectHandle[];
  /** The blocks' addresses, left to right. */
  readonly blocks: number[];
  /** Index of the first item in the leftmost block. */
  leftindex: number;
  /** Index of the last item in the rightmost block. */
  rightindex: number;
  /** The size limit, −1 when unbounded. */
  readonly maxlen: number;
  /** 3.11+: this deque's cached blocks. */
  readonly freeblocks: number[];
  /** Bumped whenever the indices move (an iterator made before refuses to go on). */
  state: number;
}

/** A deque iterator: its deque (held), the deque's state when made, items still to come. */
export interface DequeIteratorData {
  readonly deque: ObjectHandle;
  readonly state: number;
  counter: number;
}

/** 3.8–3.10: the interpreter-wide cache of blocks (the module's static `freeblocks`). */
const SHARED_FREEBLOCKS = new WeakMap<HeapCore, number[]>();

/** The data of a deque. */
export function dequeData(heap: HeapCore, d: ObjectHandle): DequeData {
  return heap.table.payload[d] as DequeData;
}

/** sizeof(block): two links and 64 item pointers. */
function blockBytes(heap: HeapCore): number {
  return (BLOCKLEN + 2) * heap.layout.pointerSize;
}

/** tp_basicsize of the deque type. */
function dequeBasic(heap: HeapCore): number {
  const L = heap.layout;
  const w = L.pointerSize;
  const own = L.objectHeader + w + 6 * w + w;
  return L.minor >= 11 ? own + w + MAXFREEBLOCKS * w : own;
}

function cacheOf(heap: HeapCore, data: DequeData): number[] {
  if (heap.layout.minor >= 11) return data.freeblocks;
  let cache = SHARED_FREEBLOCKS.get(heap);
  if (cache === undefined) {
    cache = [];
    SHARED_FREEBLOCKS.set(heap, cache);
  }
  return cache;
}

/** newblock: a cached block, else PyMem_Malloc(sizeof(block)). */
function newBlock(heap: HeapCore, data: DequeData): number {
  const cache = cacheOf(heap, data);
  const cached = cache.pop();
  if (cached !== undefined) return cached;
  return heap.memCall('malloc', 0, blockBytes(heap), 'mem');
}

/** freeblock: into the cache while it has room, else PyMem_Free. */
function freeBlock(heap: HeapCore, data: DequeData, block: number): void {
  const cache = cacheOf(heap, data);
  if (cache.length < MAXFREEBLOCKS) cache.push(block);
  else heap.memCall('free', block, 0, 'mem');
}

/** `collections.deque()` with `maxlen` (−1: unbounded): a new, tracked, empty deque. */
export function newDeque(heap: HeapCore, maxlen = -1): ObjectHandle {
  const d = heap.allocObject('deque', heap.objMalloc(heap.gcRequest(dequeBasic(heap))));
  const data: DequeData = {
    items: [],
    blocks: [],
    leftindex: CENTER + 1,
    rightindex: CENTER,
    maxlen,
    freeblocks: [],
    state: 0,
  };
  heap.table.payload[d] = data;
  data.blocks.push(newBlock(heap, data));
  heap.table.length[d] = 0;
  heap.track(d);
  return d;
}

/** deque_pop: the rightmost item, handed to the caller (a new reference). */
export function dequePop(heap: HeapCore, d: ObjectHandle): ObjectHandle {
  heap.expect(d, 'deque');
  const item = popRight(heap, d);
  heap.table.external[item]!++;
  return item;
}

/** deque_pop: the rightmost item, still holding the deque's reference. */
function popRight(heap: HeapCore, d: ObjectHandle): ObjectHandle {
  const data = dequeData(heap, d);
  const item = data.items.pop();
  data.state++;
  if (item === undefined) throw new HeapError('index', 'pop from an empty deque');
  heap.table.length[d] = data.items.length;
  data.rightindex--;
  if (data.rightindex < 0) {
    if (data.items.length > 0) {
      freeBlock(heap, data, data.blocks.pop()!);
      data.rightindex = BLOCKLEN - 1;
    } else {
      data.leftindex = CENTER + 1;
      data.rightindex = CENTER;
    }
  }
  return item;
}

/** deque_popleft: the leftmost item, handed to the caller (a new reference). */
export function dequePopleft(heap: HeapCore, d: ObjectHandle): ObjectHandle {
  heap.expect(d, 'deque');
  const item = popLeft(heap, d);
  heap.table.external[item]!++;
  return item;
}

/** deque_popleft: the leftmost item, still holding the deque's reference. */
function popLeft(heap: HeapCore, d: ObjectHandle): ObjectHandle {
  const data = dequeData(heap, d);
  const item = data.items.shift();
  data.state++;
  if (item === undefined) throw new HeapError('index', 'pop from an empty deque');
  heap.table.length[d] = data.items.length;
  data.leftindex++;
  if (data.leftindex === BLOCKLEN) {
    if (data.items.length > 0) {
      freeBlock(heap, data, data.blocks.shift()!);
      data.leftindex = 0;
    } else {
      data.leftindex = CENTER + 1;
      data.rightindex = CENTER;
    }
  }
  return item;
}

/** NEEDS_TRIM: more items than a bounded deque's maxlen. */
function needsTrim(data: DequeData): boolean {
  return data.maxlen >= 0 && data.items.length > data.maxlen;
}

/** deque_append (`x` borrowed): a new block at a full right end; a bounded deque drops its leftmost. */
export function dequeAppend(heap: HeapCore, d: ObjectHandle, x: ObjectHandle): void {
  heap.expect(d, 'deque');
  heap.check(x);
  const data = dequeData(heap, d);
  heap.increment(x);
  if (data.rightindex === BLOCKLEN - 1) {
    data.blocks.push(newBlock(heap, data));
    data.rightindex = -1;
  }
  data.rightindex++;
  data.items.push(x);
  heap.table.length[d] = data.items.length;
  if (needsTrim(data)) heap.release(popLeft(heap, d));
  else data.state++;
}

/** deque_appendleft (`x` borrowed): a new block at a full left end; a bounded deque drops its rightmost. */
export function dequeAppendleft(heap: HeapCore, d: ObjectHandle, x: ObjectHandle): void {
  heap.expect(d, 'deque');
  heap.check(x);
  const data = dequeData(heap, d);
  heap.increment(x);
  if (data.leftindex === 0) {
    data.blocks.unshift(newBlock(heap, data));
    data.leftindex = BLOCKLEN;
  }
  data.leftindex--;
  data.items.unshift(x);
  heap.table.length[d] = data.items.length;
  if (needsTrim(data)) heap.release(popRight(heap, d));
  else data.state++;
}

/**
 * deque_extend's set-up before its items arrive: a bounded deque of maxlen 0 takes
 * nothing (the caller only consumes the iterator); an empty deque starts filling at
 * its block's left end (the space-saving heuristic: indices 1 / 0).
 * @returns false when the items are to be consumed and dropped (maxlen 0)
 */
export function dequeExtendStart(heap: HeapCore, d: ObjectHandle): boolean {
  heap.expect(d, 'deque');
  const data = dequeData(heap, d);
  if (data.maxlen === 0) return false;
  if (data.items.length === 0) {
    data.leftindex = 1;
    data.rightindex = 0;
  }
  return true;
}

/**
 * deque_extendleft's set-up: as dequeExtendStart, but an empty deque starts filling at
 * its block's right end (indices 63 / 62).
 * @returns false when the items are to be consumed and dropped (maxlen 0)
 */
export function dequeExtendleftStart(heap: HeapCore, d: ObjectHandle): boolean {
  heap.expect(d, 'deque');
  const data = dequeData(heap, d);
  if (data.maxlen === 0) return false;
  if (data.items.length === 0) {
    data.leftindex = BLOCKLEN - 1;
    data.rightindex = BLOCKLEN - 2;
  }
  return true;
}

/**
 * _deque_rotate: `n` steps to the right (negative: to the left), normalised into
 * −len/2 … len/2. Pointers move between blocks; a block emptied at one end is reused as
 * the next new block at the other (at most one newblock and one freeblock per call).
 */
export function dequeRotate(heap: HeapCore, d: ObjectHandle, steps: number): void {
  heap.expect(d, 'deque');
  const data = dequeData(heap, d);
  const len = data.items.length;
  if (len <= 1) return;
  const half = len >> 1;
  let n = steps;
  if (n > half || n < -half) {
    n %= len;
    if (n > half) n -= len;
    else if (n < -half) n += len;
  }
  data.state++;
  if (n > 0) data.items.unshift(...data.items.splice(len - n));
  else if (n < 0) data.items.push(...data.items.splice(0, -n));
  let spare = 0;
  while (n > 0) {
    if (data.leftindex === 0) {
      data.blocks.unshift(spare !== 0 ? spare : newBlock(heap, data));
      spare = 0;
      data.leftindex = BLOCKLEN;
    }
    const m = Math.min(n, data.rightindex + 1, data.leftindex);
    data.rightindex -= m;
    data.leftindex -= m;
    n -= m;
    if (data.rightindex < 0) {
      spare = data.blocks.pop()!;
      data.rightindex = BLOCKLEN - 1;
    }
  }
  while (n < 0) {
    if (data.rightindex === BLOCKLEN - 1) {
      data.blocks.push(spare !== 0 ? spare : newBlock(heap, data));
      spare = 0;
      data.rightindex = -1;
    }
    const m = Math.min(-n, BLOCKLEN - data.leftindex, BLOCKLEN - 1 - data.rightindex);
    data.leftindex += m;
    data.rightindex += m;
    n += m;
    if (data.leftindex === BLOCKLEN) {
      spare = data.blocks.shift()!;
      data.leftindex = 0;
    }
  }
  if (spare !== 0) freeBlock(heap, data, spare);
}

/** deque_reverse: the items in reverse order, in place (no block moves, no state change). */
export function dequeReverse(heap: HeapCore, d: ObjectHandle): void {
  heap.expect(d, 'deque');
  dequeData(heap, d).items.reverse();
}

/**
 * deque_clear: the deque is made empty on a new block first, then the old items are
 * released left to right, each old block given back once its items are released.
 */
export function dequeClear(heap: HeapCore, d: ObjectHandle): void {
  heap.expect(d, 'deque');
  const data = dequeData(heap, d);
  if (data.items.length === 0) return;
  const items = data.items.splice(0);
  const blocks = data.blocks.splice(0);
  const first = BLOCKLEN - data.leftindex;
  data.blocks.push(newBlock(heap, data));
  data.leftindex = CENTER + 1;
  data.rightindex = CENTER;
  data.state++;
  heap.table.length[d] = 0;
  let block = 0;
  for (let i = 0; i < items.length; i++) {
    if (i >= first && (i - first) % BLOCKLEN === 0) freeBlock(heap, data, blocks[block++]!);
    heap.release(items[i]!);
  }
  freeBlock(heap, data, blocks[block]!);
}

/** deque_item: the item at index `i` (0 ≤ i < len; a new reference). */
export function dequeItem(heap: HeapCore, d: ObjectHandle, i: number): ObjectHandle {
  heap.expect(d, 'deque');
  const items = dequeData(heap, d).items;
  if (i < 0 || i >= items.length) throw new HeapError('index', 'deque index out of range');
  return heap.share(items[i]!);
}

/** The deque's maxlen (−1: unbounded). */
export function dequeMaxlen(heap: HeapCore, d: ObjectHandle): number {
  heap.expect(d, 'deque');
  return dequeData(heap, d).maxlen;
}

/** deque_sizeof plus the GC header, as `sys.getsizeof` reports it. */
export function dequeSizeof(heap: HeapCore, d: ObjectHandle): number {
  const data = dequeData(heap, d);
  const blocks = Math.floor((data.leftindex + data.items.length + BLOCKLEN - 1) / BLOCKLEN);
  return heap.layout.gcHeader + dequeBasic(heap) + blocks * blockBytes(heap);
}

/** The items a deque references, in deque_traverse order (left to right). */
export function dequeReferents(heap: HeapCore, d: ObjectHandle): ObjectHandle[] {
  return [...dequeData(heap, d).items];
}

/**
 * deque_dealloc: untracked, weak references cleared, deque_clear, its last block given
 * back (3.11+: then every cached block freed), PyObject_GC_Del. No trashcan.
 */
export function deallocDeque(heap: HeapCore, d: ObjectHandle): void {
  heap.untrack(d);
  if (heap.weakrefLists.size > 0) clearWeakrefsTo(heap, d);
  dequeClear(heap, d);
  const data = dequeData(heap, d);
  freeBlock(heap, data, data.blocks.pop()!);
  if (heap.layout.minor >= 11)
    for (const block of data.freeblocks.splice(0)) heap.memCall('free', block, 0, 'mem');
  heap.freeObject(d);
}

/** deque_iter: a new, tracked iterator holding its deque (PyObject_GC_New, 5 fields). */
export function newDequeIterator(heap: HeapCore, d: ObjectHandle): ObjectHandle {
  heap.expect(d, 'deque');
  const L = heap.layout;
  const it = heap.allocObject(
    'deque_iterator',
    heap.objMalloc(heap.gcRequest(L.objectHeader + 5 * L.pointerSize)),
  );
  const data = dequeData(heap, d);
  heap.increment(d);
  heap.table.payload[it] = {
    deque: d,
    state: data.state,
    counter: data.items.length,
  } satisfies DequeIteratorData;
  heap.track(it);
  return it;
}

/**
 * dequeiter_next: the next item (a new reference), or 0 when none is left — the
 * iterator keeps its deque until it dies. A deque changed since the iterator was made
 * raises RuntimeError in CPython: refused here.
 * @throws HeapError('unsupported') when the deque was mutated
 */
export function dequeIteratorNext(heap: HeapCore, it: ObjectHandle): ObjectHandle {
  heap.expect(it, 'deque_iterator');
  const data = heap.table.payload[it] as DequeIteratorData;
  const deque = dequeData(heap, data.deque);
  if (deque.state !== data.state) {
    data.counter = 0;
    throw new HeapError('unsupported', 'deque mutated during iteration (a RuntimeError)');
  }
  if (data.counter === 0) return 0;
  const item = deque.items[deque.items.length - data.counter]!;
  data.counter--;
  return heap.share(item);
}

/** The deque a deque iterator holds. */
export function dequeIteratorReferents(heap: HeapCore, it: ObjectHandle): ObjectHandle[] {
  return [(heap.table.payload[it] as DequeIteratorData).deque];
}

/** dequeiter_dealloc: untracked, the deque released, PyObject_GC_Del. */
export function deallocDequeIterator(heap: HeapCore, it: ObjectHandle): void {
  heap.untrack(it);
  heap.release((heap.table.payload[it] as DequeIteratorData).deque);
  heap.freeObject(it);
}
