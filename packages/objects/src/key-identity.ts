/**
 * Keys of dicts and sets: a key's identity (equal Python values share one: 1 == 1.0 ==
 * True) and its hash as the set table's word.
 *
 *   identity   'i<int>' | 'f<float>' | 's<str>' | 'b<len>' | 'N' | 't(<ids>)' | 'F{<ids>}'
 *   hash       CPython's for int, float and tuples of them; a deterministic stand-in for
 *              str, bytes and None (randomised or address-based in CPython)
 *
 * Invariant: equal identities ⇒ equal hashes. Models PyObject_Hash / PyObject_RichCompare
 * as dict and set lookups use them (long_hash, float_hash, tuplehash), 3.8–3.14.
 */
import { hashWord, pythonHash } from './hash.ts';
import type { HeapCore, ObjectHandle } from './heap-core.ts';
import { HeapError } from './heap-error.ts';
import { classData, instanceData } from './instances.ts';
import type { SetData } from './internal/table.ts';
import { namedTupleClassData, namedTupleClassOf } from './namedtuples.ts';
import { bytesData } from './strings.ts';

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
    return identity(heap, k);
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

function identity(heap: HeapCore, k: ObjectHandle): string {
  heap.check(k);
  const t = heap.table;
  const type = heap.typeName(k);
  const p = t.payload[k];
  switch (type) {
    case 'int':
    case 'bool':
      return `i${p as bigint}`;
    case 'float':
      return Number.isInteger(p) ? `i${BigInt(p as number)}` : `f${p as number}`;
    case 'str':
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
        .map((item) => identity(heap, item))
        .join(',')})`;
    case 'frozenset':
      return `F{${[...(t.payload[k] as SetData).entries.keys()].sort().join(',')}}`;
    case 'instance':
    case 'type':
    case 'function':
    case 'exception':
      // object.__hash__: by identity (a live key holds its handle, so no other live
      // object has it).
      heap.identityKeyHook?.(k);
      return `@${k}`;
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

/** `hash(k)` as the set table's unsigned word. */
export function keyHash(heap: HeapCore, k: ObjectHandle): bigint {
  return hashWord(signedHash(heap, k), heap.layout.pointerSize);
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
