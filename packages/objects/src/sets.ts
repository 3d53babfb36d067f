/**
 * set and frozenset objects.
 *
 *   block ─► [PyGC_Head][ob_refcnt][ob_type][fill][used][mask][table][hash][finger]
 *            [smalltable: 8 × (key, hash)][weakreflist]
 *                                 table ──► smalltable, or storage: (mask+1) × entry
 *
 * The hash table is kept slot for slot (set-table.ts), so iteration and deallocation
 * order are CPython's; tables larger than the small table are a separate block.
 * Invariants: table.used = entries.size; storage = 0 ⇔ mask + 1 = setMinSize.
 * Models make_new_set, set_add_entry, set_discard_entry, set_merge, set_table_resize
 * and set_dealloc, Objects/setobject.c, 3.8–3.14.
 */
import type { HeapCore, ObjectHandle } from './heap-core.ts';
import { HeapError } from './heap-error.ts';
import type { SetData } from './internal/table.ts';
import {
  checkTableIdentity,
  identityHash,
  keyIdentity,
  storedIdentity,
  tableIdentity,
} from './key-identity.ts';
import { DUMMY, SetTable, setGrowthTarget, setNeedsResize, setTableSize } from './set-table.ts';

/** A set's table and keys. */
export function setData(heap: HeapCore, o: ObjectHandle): SetData {
  return heap.table.payload[o] as SetData;
}

/** make_new_set's object: an empty set or frozenset (never frozenset()'s singleton), tracked. */
export function setObject(heap: HeapCore, frozen: boolean): ObjectHandle {
  const h = heap.allocObject(
    frozen ? 'frozenset' : 'set',
    heap.objMalloc(heap.gcRequest(heap.layout.setBasic)),
  );
  heap.table.payload[h] = {
    table: new SetTable(heap.layout.pointerSize, heap.layout.minor),
    entries: new Map(),
  } satisfies SetData;
  heap.track(h);
  return h;
}

/** `set(items)` / `frozenset(items)` from borrowed handles (iterator path: adds one by one). */
export function newSet(
  heap: HeapCore,
  items: readonly ObjectHandle[],
  frozen: boolean,
): ObjectHandle {
  if (frozen && items.length === 0 && heap.emptyFrozenset !== 0)
    return heap.share(heap.emptyFrozenset);
  const h = setObject(heap, frozen);
  for (const item of items) setAdd(heap, h, item, true);
  return h;
}

/** `set(other)` / `frozenset(other)` / `s.copy()`: make_new_set → set_merge. */
export function newSetFromSet(heap: HeapCore, other: ObjectHandle, frozen: boolean): ObjectHandle {
  if (frozen && setData(heap, other).entries.size === 0 && heap.emptyFrozenset !== 0)
    return heap.share(heap.emptyFrozenset);
  const h = setObject(heap, frozen);
  setMerge(heap, h, other);
  return h;
}

/**
 * `s.add(k)` (set_add_entry). `frozenOk` lets constructors fill a frozenset; `hash` is
 * the word of a key taken from another set's table (not hashed again).
 */
export function setAdd(
  heap: HeapCore,
  s: ObjectHandle,
  k: ObjectHandle,
  frozenOk: boolean,
  hash?: bigint,
): void {
  heap.check(s);
  const type = heap.typeName(s);
  if (type !== 'set' && !(frozenOk && type === 'frozenset'))
    throw new HeapError('wrong-type', `add to a ${type}`);
  const data = setData(heap, s);
  const id = hash === undefined ? keyIdentity(heap, k, 'set') : storedIdentity(heap, k, hash);
  checkTableIdentity(heap, id, k, data.entries);
  if (data.entries.has(id)) return;
  heap.increment(k);
  data.entries.set(id, k);
  const table = data.table;
  if (
    table.insert(k, hash ?? identityHash(heap, k, id)) &&
    setNeedsResize(table.fill, table.mask)
  ) {
    setResize(heap, s, setGrowthTarget(table.used));
  }
}

/**
 * `k in s` (set_contains_key): hashes `k` first, so an unhashable `k` raises even when
 * the set is empty. @throws HeapError('unhashable')
 */
export function setContains(heap: HeapCore, s: ObjectHandle, k: ObjectHandle): boolean {
  heap.check(s);
  const entries = setData(heap, s).entries;
  return entries.has(tableIdentity(heap, k, 'set', entries));
}

/** `s.discard(k)`: the entry becomes a dummy. */
export function setDiscard(heap: HeapCore, s: ObjectHandle, k: ObjectHandle): void {
  heap.expect(s, 'set');
  const data = setData(heap, s);
  const id = tableIdentity(heap, k, 'set', data.entries);
  const key = data.entries.get(id);
  if (key === undefined) return;
  data.entries.delete(id);
  data.table.discard(data.table.find(key, identityHash(heap, key, id)));
  heap.release(key);
}

/** `s.update(other)` with a set or frozenset (set_merge). */
export function setMerge(heap: HeapCore, s: ObjectHandle, other: ObjectHandle): void {
  const data = setData(heap, s);
  const od = setData(heap, other);
  if (s === other || od.table.used === 0) return;
  const table = data.table;
  if (setNeedsResize(table.fill + od.table.used, table.mask)) {
    setResize(heap, s, (table.used + od.table.used) * 2);
  }
  if (table.fill === 0) {
    // The other set's identities as they are (its keys are not hashed again).
    for (const [id, k] of od.entries) {
      heap.increment(k);
      data.entries.set(id, k);
    }
    if (table.mask === od.table.mask && od.table.fill === od.table.used) {
      table.copySlots(od.table);
      return;
    }
    for (let slot = 0; slot <= od.table.mask; slot++) {
      const k = od.table.keys[slot]!;
      if (k !== 0 && k !== DUMMY) table.insertClean(k, od.table.hashes[slot]!);
    }
    table.fill = od.table.used;
    table.used = od.table.used;
    return;
  }
  for (let slot = 0; slot <= od.table.mask; slot++) {
    const k = od.table.keys[slot]!;
    if (k === 0 || k === DUMMY) continue;
    const id = storedIdentity(heap, k, od.table.hashes[slot]!);
    checkTableIdentity(heap, id, k, data.entries);
    if (data.entries.has(id)) continue;
    heap.increment(k);
    data.entries.set(id, k);
    if (table.insert(k, od.table.hashes[slot]!) && setNeedsResize(table.fill, table.mask)) {
      setResize(heap, s, setGrowthTarget(table.used));
    }
  }
}

/**
 * set_table_resize(minused): the smallest power of two above minused, dummies dropped
 * (a dummy-free small table that stays small is left as it is).
 */
export function setResize(heap: HeapCore, s: ObjectHandle, minused: number): void {
  const t = heap.table;
  const table = setData(heap, s).table;
  const size = setTableSize(minused);
  const small = heap.layout.setMinSize;
  if (size === small && table.mask + 1 === small && table.fill === table.used) return;
  const oldTable = t.storage[s]!;
  t.storage[s] = size === small ? 0 : heap.memCall('malloc', 0, size * heap.layout.setEntry);
  table.resize(minused);
  if (oldTable !== 0) heap.memCall('free', oldTable, 0);
}

/** The rest of set_dealloc once the keys are released: free the table and the object. */
export function finishSet(heap: HeapCore, o: ObjectHandle): void {
  if (heap.table.storage[o] !== 0) heap.memCall('free', heap.table.storage[o]!, 0);
  heap.freeObject(o);
}
