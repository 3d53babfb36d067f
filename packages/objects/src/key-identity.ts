/**
 * Keys of dicts and sets: a key's identity (equal Python values share one: 1 == 1.0 ==
 * True) and its hash as the set table's word.
 *
 *   identity   'i<int>' | 'f<float>' | 's<str>' | 'b<len>' | 'N' | 't(<ids>)' | 'F{<ids>}'
 *              | '@<handle>' (hashed by identity) | 'u<hash>' (hashed by its class's
 *              `__hash__`)
 *   hash       CPython's for int, float and tuples of them, and the class's own for
 *              'u' keys; a deterministic stand-in for str, bytes and None (randomised
 *              or address-based in CPython)
 *
 * Invariant: equal identities ⇒ equal hashes. A 'u' identity names only the hash: in
 * one table, two keys with it are the same key only when the stored one's `__eq__`
 * says so (checkTableIdentity, called on every lookup of a table — insertdict and
 * set_add_entry compare a key with the stored one of the same hash). The model keeps
 * one key per such hash and table: a second, unequal key with the same hash (CPython
 * keeps both, after comparing) is refused, as is a 'u' key whose hash equals an int or
 * tuple key's in the same table (CPython compares those too). A 'u' key inside a tuple
 * or frozenset key is refused (the tuple's comparison would call `__eq__`).
 * A key already stored is never hashed again: walks of a table (set_merge,
 * set_intersection, dict_merge) reuse its stored hash or identity, as CPython reuses
 * entry->hash.
 *
 * Models PyObject_Hash / PyObject_RichCompare as dict and set lookups use them
 * (long_hash, float_hash, tuplehash, slot_tp_hash), 3.8–3.14.
 */
import { hashWord, pythonHash } from './hash.ts';
import type { HeapCore, ObjectHandle } from './heap-core.ts';
import { HeapError } from './heap-error.ts';
import { classData, instanceData } from './instances.ts';
import { Flag, type SetData } from './internal/table.ts';
import { namedTupleClassData, namedTupleClassOf } from './namedtuples.ts';
import { bytesData } from './strings.ts';

/**
 * Identities of the ints 0 … INT_IDENTITY_CACHE − 1, made once each: the same string
 * each time, so a table lookup hashes it once (its hash stays on the string), and no
 * bigint is turned into text. Larger or negative ints are made afresh (equal either way).
 */
const INT_IDENTITY_CACHE = 1 << 16;
const intIdentities: (string | undefined)[] = [];

function intIdentity(v: bigint): string {
  if (v < 0n || v >= BigInt(INT_IDENTITY_CACHE)) return `i${v}`;
  const n = Number(v);
  let id = intIdentities[n];
  if (id === undefined) {
    id = `i${n}`;
    intIdentities[n] = id;
  }
  return id;
}

/**
 * Identities of str keys by text, made once: the same string each time, so a table
 * lookup hashes it once (its hash stays on the string). Bounded: past
 * STR_IDENTITY_CACHE texts, identities are made afresh (equal either way).
 */
const strIdentities = new Map<string, string>();
const STR_IDENTITY_CACHE = 4096;

function strIdentity(text: string): string {
  let id = strIdentities.get(text);
  if (id === undefined) {
    id = `s${text}`;
    if (strIdentities.size < STR_IDENTITY_CACHE) strIdentities.set(text, id);
  }
  return id;
}

/**
 * A key's identity for dicts and sets (`container` names which, for 3.14's message:
 * "cannot use 'list' as a dict key (unhashable type: 'list')", measured on Pyodide
 * 3.14.2 for stores and lookups alike; a tuple's unhashable item names the item's type
 * inside and the tuple's outside). @throws HeapError('unhashable')
 */
export function keyIdentity(
  heap: HeapCore,
  k: ObjectHandle,
  container: 'dict' | 'set' = 'dict',
): string {
  try {
    return identity(heap, k, false);
  } catch (error) {
    if (!(error instanceof HeapError) || error.code !== 'unhashable' || heap.layout.minor < 14)
      throw error;
    const what = container === 'dict' ? 'a dict key' : 'a set element';
    throw new HeapError(
      'unhashable',
      `cannot use '${typeNameOf(heap, k)}' as ${what} (${error.message})`,
    );
  }
}

/** `type(k).__name__` as the unhashable error words it (an instance's class name). */
function typeNameOf(heap: HeapCore, k: ObjectHandle): string {
  const type = heap.typeName(k);
  if (type === 'instance') return classData(heap, instanceData(heap, k).cls).name;
  if (type === 'namedtuple') return namedTupleClassData(heap, namedTupleClassOf(heap, k)).name;
  return type === 'deque' ? 'collections.deque' : type;
}

function identity(heap: HeapCore, k: ObjectHandle, nested: boolean): string {
  heap.check(k);
  const t = heap.table;
  const type = heap.typeName(k);
  const p = t.payload[k];
  switch (type) {
    case 'int':
    case 'bool':
      return intIdentity(p as bigint);
    case 'float':
      return Number.isInteger(p) ? `i${BigInt(p as number)}` : `f${p as number}`;
    case 'str':
      // PyObject_Hash caches a str's hash in the object: it can no longer grow in place
      // (str-append.ts).
      t.flags[k]! |= Flag.HASHED;
      return strIdentity(p as string);
    case 'bytes':
      return `b${bytesData(heap, k)}`;
    case 'NoneType':
      return 'N';
    case 'tuple':
    case 'namedtuple':
      // A namedtuple instance hashes and compares as the tuple of its items (tuplehash).
      return `t(${heap
        .items(k)
        .map((item) => identity(heap, item, true))
        .join(',')})`;
    case 'frozenset': {
      const ids = [...(t.payload[k] as SetData).entries.keys()];
      if (ids.some((id) => id.charCodeAt(0) === U)) throw nestedMethodHash();
      return `F{${ids.sort().join(',')}}`;
    }
    case 'instance':
    case 'type':
    case 'function':
    case 'exception': {
      const memo = heap.keyMemo?.get(`h${k}`);
      if (memo !== undefined) return memo;
      const h = heap.keyHooks?.hash(k);
      // object.__hash__: by identity (a live key holds its handle, so no other live
      // object has it).
      if (h === undefined) return `@${k}`;
      if (nested) throw nestedMethodHash();
      heap.methodHashedKeys = true;
      const id = `u${h}`;
      heap.keyMemo?.set(`h${k}`, id);
      return id;
    }
    case 'list':
    case 'dict':
    case 'set':
    case 'bytearray':
    case 'deque':
    case 'dict_keys':
    case 'dict_items':
      throw new HeapError(
        'unhashable',
        `unhashable type: '${type === 'deque' ? 'collections.deque' : type}'`,
      );
    default:
      throw new HeapError('unsupported', `a ${type} as a dict key or set element`);
  }
}

/** The char code of 'u', which starts the identity of a key hashed by its class's `__hash__`. */
const U = 117;

function nestedMethodHash(): HeapError {
  return new HeapError(
    'unsupported',
    "an instance hashed by its class's __hash__ inside a tuple or frozenset key",
  );
}

/** `hash(k)` as the set table's unsigned word. */
export function keyHash(heap: HeapCore, k: ObjectHandle): bigint {
  return hashWord(signedHash(heap, k), heap.layout.pointerSize);
}

/** The set table's word for `k` whose identity is `id` (a 'u' key's hash is in its identity: no call). */
export function identityHash(heap: HeapCore, k: ObjectHandle, id: string): bigint {
  if (id.charCodeAt(0) === U) return hashWord(BigInt(id.slice(1)), heap.layout.pointerSize);
  return keyHash(heap, k);
}

/**
 * The identity of a key already stored in a set table with the word `hash`: a key
 * hashed by its class's `__hash__` is not hashed again (set_merge and the set
 * operations pass entry->hash along).
 */
export function storedIdentity(heap: HeapCore, k: ObjectHandle, hash: bigint): string {
  if (heap.methodHashedKeys && heap.keyHooks?.hashesByMethod(k))
    return `u${BigInt.asIntN(heap.layout.pointerSize * 8, hash)}`;
  return keyIdentity(heap, k, 'set');
}

/** A table's live entries by identity: a set's keys, or a dict's [key, value] pairs. */
export type TableEntries = ReadonlyMap<
  string,
  ObjectHandle | readonly [ObjectHandle, ObjectHandle]
>;

/** The identity of `k` as a lookup in the table holding `entries` finds it (see the module comment). */
export function tableIdentity(
  heap: HeapCore,
  k: ObjectHandle,
  container: 'dict' | 'set',
  entries: TableEntries,
): string {
  const id = keyIdentity(heap, k, container);
  if (heap.methodHashedKeys) checkTableIdentity(heap, id, k, entries);
  return id;
}

/**
 * What lookdict / set_lookkey would compare, for `k` with identity `id` in the table
 * holding `entries`: a stored key with the same 'u' identity must be `k` itself or equal
 * to it by the stored key's `__eq__`; keys of another kind must not share its hash.
 * @throws HeapError('unsupported') where CPython would keep two keys of one hash.
 */
export function checkTableIdentity(
  heap: HeapCore,
  id: string,
  k: ObjectHandle,
  entries: TableEntries,
): void {
  if (!heap.methodHashedKeys) return;
  if (id.charCodeAt(0) === U) {
    const entry = entries.get(id);
    if (entry !== undefined) {
      const stored = typeof entry === 'number' ? entry : entry[0];
      const compared = `e${stored},${k}`;
      if (stored !== k && !(heap.keyMemoCompares && heap.keyMemo?.has(compared))) {
        if (!heap.keyHooks!.equal(stored, k))
          throw new HeapError(
            'unsupported',
            'two unequal keys with the same hash in one dict or set',
          );
        heap.keyMemo?.set(compared, '');
      }
    }
    if (entries.has(`i${id.slice(1)}`)) throw sharedHash();
    return;
  }
  const type = heap.typeName(k);
  if (type !== 'int' && type !== 'bool' && type !== 'float' && type !== 'tuple') return;
  let h: bigint;
  try {
    h = signedHash(heap, k);
  } catch (error) {
    // A tuple holding an object hashed by its address: no 'u' key can be told from it.
    if (error instanceof HeapError && error.code === 'unsupported') return;
    throw error;
  }
  if (entries.has(`u${h}`)) throw sharedHash();
}

function sharedHash(): HeapError {
  return new HeapError(
    'unsupported',
    "a key hashed by its class's __hash__ next to an int or tuple key with the same hash",
  );
}

function signedHash(heap: HeapCore, k: ObjectHandle): bigint {
  const t = heap.table;
  const w = heap.layout.pointerSize;
  switch (heap.typeName(k)) {
    case 'int':
    case 'bool':
      return pythonHash({ kind: 'int', value: t.payload[k] as bigint }, w);
    case 'float':
      return pythonHash({ kind: 'float', value: t.payload[k] as number }, w);
    case 'tuple':
    case 'namedtuple':
      return pythonHash(
        { kind: 'tuple', items: heap.items(k).map((item) => signedHash(heap, item)) },
        w,
      );
    case 'instance':
    case 'type':
    case 'function':
    case 'exception':
      // _Py_HashPointer of the address: a set's order would follow where CPython put
      // the object, which the model vouches for only where id() is allowed.
      throw new HeapError('unsupported', `a set of objects hashed by their address`);
    default:
      return pythonHash({ kind: 'text', text: keyIdentity(heap, k) }, w);
  }
}
