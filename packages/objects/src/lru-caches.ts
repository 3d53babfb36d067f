/**
 * `functools.lru_cache` objects: the C `_lru_cache_wrapper` and the links of a bounded
 * cache.
 *
 *   _lru_cache_wrapper  [PyGC_Head][refcnt][type][root link: 5 words][wrapper][typed]
 *                       [cache][hits][misses][maxsize][func][kwd_mark][cache_info_type]
 *                       [dict] … 144 bytes on 3.8, 152 on 3.9, 168 on 3.10–3.13, 84 on
 *                       Pyodide's wasm32 3.14 (sys.getsizeof, measured)
 *   lru_list_elem       [refcnt][type][prev][next][hash][key][result]   no GC header
 *
 * lru_cache_new makes the cache dict (PyDict_New) first, then the object, tracked at
 * once (tp_alloc), holding `func`; its `__dict__` is made when first written. A bounded
 * cache keeps one link per entry in least-recently-used order: the cache dict maps the
 * key to the link, and the list holds one more reference to every link.
 * Invariants: the payload's links are distinct live lru_list_elem objects, each with one
 * reference counted for the list; a link holds one counted reference to its key and
 * one to its result.
 * Dealloc (lru_cache_dealloc): untrack, the list unlinked, then cache, func, dict
 * released, then each link from the oldest (each releasing key, then result).
 * Not modelled: the collector sees the links as objects of their own rather than
 * through the wrapper (lru_cache_tp_traverse visits each link's key and result), so a
 * cycle through a cached result is never collected here.
 * Models lru_cache_new, lru_cache_dealloc, lru_cache_tp_traverse and lru_list_elem_dealloc
 * (Modules/_functoolsmodule.c), 3.8–3.14.
 */
import { dictDelItem, dictSetItem, newDict } from './dicts.ts';
import type { HeapCore, ObjectHandle } from './heap-core.ts';
import { HeapError } from './heap-error.ts';

/** Which wrapper lru_cache_new chose: maxsize 0, None, or a positive bound. */
export type LruCacheKind = 'uncached' | 'infinite' | 'bounded';

/** The state of a `_lru_cache_wrapper`. */
export interface LruCacheData {
  /** The wrapped function. */
  func: ObjectHandle;
  /** The cache dict (key → result, or key → link for a bounded cache). */
  cache: ObjectHandle;
  /** `__dict__`, or 0 until first written. */
  dict: ObjectHandle;
  /** Which wrapper function lru_cache_new chose. */
  readonly kind: LruCacheKind;
  /** The bound (-1 for None). */
  readonly maxsize: number;
  /** Calls answered from the cache. */
  hits: number;
  /** Calls that ran the function. */
  misses: number;
  /** A bounded cache's links, least recently used first. */
  readonly links: ObjectHandle[];
}

/** `sizeof(lru_cache_object)` without the GC header: 16 words on 3.8, 17 on 3.9, 19 later. */
function lruCacheBasic(heap: HeapCore): number {
  const { minor, pointerSize: w } = heap.layout;
  return (minor < 9 ? 16 : minor < 10 ? 17 : 19) * w;
}

/** sys.getsizeof of a `_lru_cache_wrapper`. */
export function lruCacheSizeof(heap: HeapCore): number {
  return heap.layout.gcHeader + lruCacheBasic(heap);
}

/** sys.getsizeof of a link: the object header and five words. */
export function lruLinkSizeof(heap: HeapCore): number {
  return heap.layout.objectHeader + 5 * heap.layout.pointerSize;
}

/** lru_cache_new: the cache dict, then the tracked wrapper holding a new reference to `func`. */
export function newLruCache(
  heap: HeapCore,
  func: ObjectHandle,
  kind: LruCacheKind,
  maxsize: number,
): ObjectHandle {
  heap.check(func);
  const cache = newDict(heap);
  const o = heap.allocObject(
    '_lru_cache_wrapper',
    heap.objMalloc(heap.gcRequest(lruCacheBasic(heap))),
  );
  heap.adopt(cache);
  heap.track(o);
  heap.increment(func);
  heap.table.payload[o] = {
    func,
    cache,
    dict: 0,
    kind,
    maxsize,
    hits: 0,
    misses: 0,
    links: [],
  } satisfies LruCacheData;
  return o;
}

/** The state of wrapper `o` (mutable: the caller keeps the invariants). */
export function lruCacheData(heap: HeapCore, o: ObjectHandle): LruCacheData {
  if (heap.typeName(o) !== '_lru_cache_wrapper')
    throw new HeapError('wrong-type', `expected an lru_cache wrapper, got ${heap.typeName(o)}`);
  return heap.table.payload[o] as LruCacheData;
}

/** The wrapper's `__dict__` (borrowed), made on first use (PyObject_GenericGetDict). */
export function lruCacheDict(heap: HeapCore, o: ObjectHandle): ObjectHandle {
  const data = lruCacheData(heap, o);
  if (data.dict === 0) {
    data.dict = newDict(heap);
    heap.adopt(data.dict);
  }
  return data.dict;
}

/**
 * A new link holding new references to `key` and `result` (PyObject_New: no GC header,
 * untracked), appended to the wrapper's list (most recently used) which holds its one
 * reference; the caller stores it in the dict (borrowed here).
 */
export function appendLruLink(
  heap: HeapCore,
  o: ObjectHandle,
  key: ObjectHandle,
  result: ObjectHandle,
): ObjectHandle {
  const data = lruCacheData(heap, o);
  heap.check(key);
  heap.check(result);
  const link = heap.allocObject('lru_list_elem', heap.objMalloc(lruLinkSizeof(heap)));
  heap.adopt(link);
  heap.increment(key);
  heap.increment(result);
  heap.table.payload[link] = [key, result];
  data.links.push(link);
  return link;
}

/** The key and result a link holds (borrowed). */
export function lruLinkFields(heap: HeapCore, link: ObjectHandle): [ObjectHandle, ObjectHandle] {
  if (heap.typeName(link) !== 'lru_list_elem')
    throw new HeapError('wrong-type', `expected an lru link, got ${heap.typeName(link)}`);
  return heap.table.payload[link] as [ObjectHandle, ObjectHandle];
}

/**
 * A store into a full bounded cache (`key` and `result` borrowed): the oldest link is
 * taken off the list and its entry popped from the dict (the dict's references to the
 * old key and the link released), the link takes new references to `key` and
 * `result`, is stored under `key` and appended as the most recently used, and then
 * the old key, then the old result, are released (bounded_lru_cache_wrapper).
 */
export function evictLruLink(
  heap: HeapCore,
  o: ObjectHandle,
  key: ObjectHandle,
  result: ObjectHandle,
): void {
  const data = lruCacheData(heap, o);
  const link = data.links.shift();
  if (link === undefined) throw new HeapError('index', 'an empty lru cache has nothing to evict');
  const fields = lruLinkFields(heap, link);
  const [oldKey, oldResult] = fields;
  // _PyDict_Pop_KnownHash: the entry's key reference is released, the link's passes here.
  heap.increment(link);
  dictDelItem(heap, data.cache, oldKey);
  heap.increment(key);
  heap.increment(result);
  fields[0] = key;
  fields[1] = result;
  dictSetItem(heap, data.cache, key, link);
  data.links.push(link);
  heap.release(link);
  heap.release(oldKey);
  heap.release(oldResult);
}

/** Moves a link to the most recently used end (lru_cache_extract_link + append_link). */
export function touchLruLink(heap: HeapCore, o: ObjectHandle, link: ObjectHandle): void {
  const links = lruCacheData(heap, o).links;
  const at = links.indexOf(link);
  if (at < 0) throw new HeapError('index', 'the link is not in this cache');
  links.splice(at, 1);
  links.push(link);
}

/** lru_cache_unlink_list: the list emptied; its references to the links pass to the caller. */
function unlinkLruList(heap: HeapCore, o: ObjectHandle): ObjectHandle[] {
  const links = lruCacheData(heap, o).links;
  return links.splice(0, links.length);
}

/**
 * `cache_clear()`: the list unlinked, hits and misses zeroed, the dict cleared by
 * `clearDict` (PyDict_Clear), then the links released oldest first.
 */
export function clearLruEntries(
  heap: HeapCore,
  o: ObjectHandle,
  clearDict: (d: ObjectHandle) => void,
): void {
  const data = lruCacheData(heap, o);
  const links = unlinkLruList(heap, o);
  data.hits = 0;
  data.misses = 0;
  clearDict(data.cache);
  for (const link of links) heap.release(link);
}

/** What a wrapper or link refers to: the links, cache, func, dict; a link's key, result. */
export function lruReferents(heap: HeapCore, o: ObjectHandle): ObjectHandle[] {
  if (heap.typeName(o) === 'lru_list_elem') return [...lruLinkFields(heap, o)];
  const { links, cache, func, dict } = lruCacheData(heap, o);
  return [...links, cache, func, dict].filter((r) => r !== 0);
}

/** lru_cache_dealloc / lru_list_elem_dealloc (see the file comment). */
export function deallocLru(heap: HeapCore, o: ObjectHandle): void {
  if (heap.typeName(o) === 'lru_list_elem') {
    const [key, result] = lruLinkFields(heap, o);
    heap.table.payload[o] = [0, 0];
    heap.release(key);
    heap.release(result);
    heap.freeObject(o);
    return;
  }
  heap.untrack(o);
  clearLruCache(heap, o);
  heap.freeObject(o);
}

/** lru_cache_tp_clear: the list unlinked, cache, func, dict, then the links released. */
export function clearLruCache(heap: HeapCore, o: ObjectHandle): void {
  const data = lruCacheData(heap, o);
  const links = unlinkLruList(heap, o);
  const fields = [data.cache, data.func, data.dict];
  data.cache = 0;
  data.func = 0;
  data.dict = 0;
  for (const r of fields) if (r !== 0) heap.release(r);
  for (const link of links) heap.release(link);
}
