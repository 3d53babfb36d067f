/**
 * The binary operators of sets and frozensets — `|` `&` `-` `^` — as new sets, made the
 * way Objects/setobject.c makes them (3.8–3.14; the same functions on every version):
 *
 *   a | b   set_or: a copy of `a` (make_new_set → set_merge), then set_merge of `b`
 *   a & b   set_intersection: a new empty set; the smaller operand walked in table
 *           order, each key the larger holds added (set_add_entry)
 *   a - b   set_difference: when len(a) / 4 > len(b), a copy of `a` with `b`'s keys
 *           discarded (set_copy_and_difference; dummies resized away past a quarter
 *           of the table), else a new empty set and `a` walked in table order, each
 *           key `b` lacks added
 *   a ^ b   set_symmetric_difference: a copy of `b` (of `a`'s kind), then `a` walked:
 *           a key found is discarded, one missing is added
 *
 * The result is of the left operand's kind (make_new_set_basetype). A frozenset result
 * is a new object even when empty (make_new_set, not frozenset()'s singleton). Keys are
 * the operands' own objects (a reference each); nothing else is allocated.
 */
import type { HeapCore, ObjectHandle } from './heap-core.ts';
import { HeapError } from './heap-error.ts';
import type { SetData } from './internal/table.ts';
import { checkTableIdentity, identityHash, storedIdentity } from './key-identity.ts';
import { DUMMY } from './set-table.ts';
import { setAdd, setData, setMerge, setObject, setResize } from './sets.ts';

/** A binary operator of sets. */
export type SetOperator = '|' | '&' | '-' | '^';

/** `a op b` for two sets or frozensets: a new set of `a`'s kind (a new reference). */
export function setOperation(
  heap: HeapCore,
  op: SetOperator,
  a: ObjectHandle,
  b: ObjectHandle,
): ObjectHandle {
  heap.check(a);
  heap.check(b);
  const frozen = heap.typeName(a) === 'frozenset';
  switch (op) {
    case '|': {
      const result = copyOf(heap, a, frozen);
      if (a !== b) setMerge(heap, result, b);
      return result;
    }
    case '&': {
      if (a === b) return copyOf(heap, a, frozen);
      const result = setObject(heap, frozen);
      const [small, large] = sizeOf(heap, b) > sizeOf(heap, a) ? [a, b] : [b, a];
      for (const [k, hash] of activeEntries(heap, small))
        if (holds(heap, large, k, hash)) setAdd(heap, result, k, true, hash);
      return result;
    }
    case '-': {
      if (sizeOf(heap, a) >> 2 > sizeOf(heap, b)) {
        const result = copyOf(heap, a, frozen);
        discardEach(heap, result, b);
        return result;
      }
      const result = setObject(heap, frozen);
      for (const [k, hash] of activeEntries(heap, a))
        if (!holds(heap, b, k, hash)) setAdd(heap, result, k, true, hash);
      return result;
    }
    case '^': {
      const result = copyOf(heap, b, frozen);
      for (const [k, hash] of activeEntries(heap, a))
        if (!discard(heap, result, k, hash)) setAdd(heap, result, k, true, hash);
      return result;
    }
  }
}

/**
 * `a op= b` on a set `a` with a set or frozenset `b`, in place (the caller keeps its
 * reference to `a`):
 *   |=  set_ior: set_merge of `b`
 *   -=  set_isub: set_difference_update_internal — `b`'s keys discarded (when `b` is
 *       more than 8 × larger, the keys of a temporary `a & b` instead), then dummies
 *       resized away past a quarter of the table
 *   ^=  set_ixor: `b` walked in table order, each key discarded or, missing, added
 *   &=  set_iand (set_intersection_update): a new set `a & b`, whose body (table, fill,
 *       used, mask — a small table's slots copied) is swapped with `a`'s
 *       (set_swap_bodies); the new set, now holding `a`'s old keys and table, released
 */
export function setOperationInPlace(
  heap: HeapCore,
  op: SetOperator,
  a: ObjectHandle,
  b: ObjectHandle,
): void {
  heap.expect(a, 'set');
  heap.check(b);
  if (op === '|') {
    setMerge(heap, a, b);
    return;
  }
  if (a === b) throw new HeapError('unsupported', `a set ${op}= itself`);
  if (op === '&') {
    const common = setOperation(heap, '&', a, b);
    swapBodies(heap, a, common);
    heap.release(common);
    return;
  }
  if (op === '^') {
    for (const [k, hash] of activeEntries(heap, b))
      if (!discard(heap, a, k, hash)) setAdd(heap, a, k, false, hash);
    return;
  }
  if (sizeOf(heap, b) >> 3 > sizeOf(heap, a)) {
    const common = setOperation(heap, '&', a, b);
    for (const [k, hash] of activeEntries(heap, common)) discard(heap, a, k, hash);
    heap.release(common);
    resizeAwayDummies(heap, a);
    return;
  }
  discardEach(heap, a, b);
}

/** set_swap_bodies: the two sets exchange their tables and counts; the objects stay. */
function swapBodies(heap: HeapCore, a: ObjectHandle, b: ObjectHandle): void {
  const t = heap.table;
  const payload = t.payload[a];
  t.payload[a] = t.payload[b];
  t.payload[b] = payload;
  const storage = t.storage[a]!;
  t.storage[a] = t.storage[b]!;
  t.storage[b] = storage;
}

/** make_new_set_basetype(kind, source): a new set of that kind, `source` merged in. */
function copyOf(heap: HeapCore, source: ObjectHandle, frozen: boolean): ObjectHandle {
  const result = setObject(heap, frozen);
  setMerge(heap, result, source);
  return result;
}

function sizeOf(heap: HeapCore, s: ObjectHandle): number {
  return setData(heap, s).table.used;
}

/** A set's live keys in table order, each with its stored hash word (entry->hash). */
function activeEntries(heap: HeapCore, s: ObjectHandle): [ObjectHandle, bigint][] {
  const table = setData(heap, s).table;
  const out: [ObjectHandle, bigint][] = [];
  for (let slot = 0; slot <= table.mask; slot++) {
    const k = table.keys[slot]!;
    if (k !== 0 && k !== DUMMY) out.push([k, table.hashes[slot]!]);
  }
  return out;
}

/** set_contains_entry with a key taken from another table (its stored hash). */
function holds(heap: HeapCore, s: ObjectHandle, k: ObjectHandle, hash: bigint): boolean {
  const entries = setData(heap, s).entries;
  const id = storedIdentity(heap, k, hash);
  checkTableIdentity(heap, id, k, entries);
  return entries.has(id);
}

/** set_discard_entry on a set being built (any kind): true when `k` was there. */
function discard(heap: HeapCore, s: ObjectHandle, k: ObjectHandle, hash: bigint): boolean {
  const data: SetData = setData(heap, s);
  const id = storedIdentity(heap, k, hash);
  checkTableIdentity(heap, id, k, data.entries);
  const key = data.entries.get(id);
  if (key === undefined) return false;
  data.entries.delete(id);
  data.table.discard(data.table.find(key, identityHash(heap, key, id)));
  heap.release(key);
  return true;
}

/**
 * set_difference_update_internal(s, other) for a set `other` no more than 8 × larger:
 * each of its keys discarded, then a table more than a quarter dummies resized to
 * used × 4 (used × 2 past 50,000).
 */
function discardEach(heap: HeapCore, s: ObjectHandle, other: ObjectHandle): void {
  for (const [k, hash] of activeEntries(heap, other)) discard(heap, s, k, hash);
  resizeAwayDummies(heap, s);
}

/** The end of set_difference_update_internal: a table more than a quarter dummies resized. */
function resizeAwayDummies(heap: HeapCore, s: ObjectHandle): void {
  const table = setData(heap, s).table;
  if (table.fill - table.used <= Math.floor(table.mask / 4)) return;
  setResize(heap, s, table.used > 50000 ? table.used * 2 : table.used * 4);
}
