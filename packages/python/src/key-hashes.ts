/**
 * Hashing the program's values as CPython does, for `hash()` and for dict and set keys:
 *
 *   int, bool          long_hash: the value modulo 2**61 − 1 (2**31 − 1 with 4-byte
 *                      pointers), its sign kept, −1 → −2
 *   float              _Py_HashDouble (a NaN, hashed by its address on 3.10+, is refused)
 *   tuple, namedtuple  tuplehash over the items' hashes
 *   instance           slot_tp_hash: its class's `__hash__` called from C; the result
 *                      must be an int (else TypeError); one outside Py_ssize_t is hashed
 *                      as an int, −1 becomes −2. `__hash__ = None` (stored by the class
 *                      statement after an `__eq__` alone) makes it unhashable.
 *
 * Refused: str and bytes (randomised per process), None and objects hashed by their
 * address (object.__hash__, _Py_HashPointer), which the model does not vouch for.
 *
 * The heap asks through its key hooks (@pymem/objects KeyHooks): the hash of a key whose
 * class defines `__hash__`, and the stored key's `__eq__` when a lookup meets one with
 * the same hash (lookdict's PyObject_RichCompare(startkey, key, Py_EQ)).
 * Models PyObject_Hash, slot_tp_hash (Objects/typeobject.c) and builtin_hash
 * (Python/bltinmodule.c), 3.8–3.14.
 */
import { HeapError, type ObjectHandle, pythonHash } from '@pymem/objects';
import { classLookup } from './class-attributes.ts';
import { callDunder, hasDunder, instanceCompare } from './class-dunders.ts';
import { PythonError, Unsupported } from './errors.ts';
import type { Machine } from './machine.ts';

/** `hash(o)` as a signed Py_hash_t. @throws PythonError (TypeError) or Unsupported. */
export function hashOf(m: Machine, o: ObjectHandle): bigint {
  const heap = m.heap;
  const pointerSize = heap.layout.pointerSize;
  switch (heap.typeOf(o)) {
    case 'int':
    case 'bool':
      return pythonHash({ kind: 'int', value: heap.valueOf(o) as bigint }, pointerSize);
    case 'float': {
      const x = heap.valueOf(o) as number;
      if (Number.isNaN(x)) throw new Unsupported('hash() of a NaN (hashed by its address)');
      return pythonHash({ kind: 'float', value: x }, pointerSize);
    }
    case 'tuple':
    case 'namedtuple':
      return pythonHash(
        { kind: 'tuple', items: heap.items(o).map((item) => hashOf(m, item)) },
        pointerSize,
      );
    case 'instance': {
      const h = methodHash(m, o);
      if (h === undefined)
        throw new Unsupported(`hash() of a ${heap.typeNameOf(o)} (hashed by its address)`);
      return h;
    }
    case 'list':
    case 'dict':
    case 'set':
    case 'bytearray':
      throw new PythonError('TypeError', `unhashable type: '${heap.typeNameOf(o)}'`);
    case 'str':
    case 'bytes':
      throw new Unsupported(
        `hash() of a ${heap.typeOf(o)} (${heap.typeOf(o)} hashes are randomised)`,
      );
    default:
      throw new Unsupported(`hash() of a ${heap.typeNameOf(o)} (address-based in CPython)`);
  }
}

/**
 * slot_tp_hash for an instance: its class's `__hash__` result as a Py_hash_t, or
 * undefined when the class inherits object.__hash__. @throws PythonError (TypeError)
 * when `__hash__` is None or returns something other than an int.
 */
function methodHash(m: Machine, o: ObjectHandle): bigint | undefined {
  const heap = m.heap;
  const method = classLookup(m, heap.classOf(o), '__hash__');
  if (method === 0) return undefined;
  if (heap.typeOf(method) === 'NoneType')
    throw new PythonError('TypeError', `unhashable type: '${heap.typeNameOf(o)}'`);
  if (!hasDunder(m, o, '__hash__')) return undefined;
  const r = callDunder(m, o, '__hash__', []);
  try {
    const type = heap.typeOf(r);
    if (type !== 'int' && type !== 'bool')
      throw new PythonError('TypeError', '__hash__ method should return an integer');
    const v = heap.valueOf(r) as bigint;
    const bits = BigInt(heap.layout.pointerSize * 8);
    const inRange = v >= -(1n << (bits - 1n)) && v < 1n << (bits - 1n);
    // PyLong_AsSsize_t; an overflow hashes the int itself (long_hash).
    if (!inRange) return pythonHash({ kind: 'int', value: v }, heap.layout.pointerSize);
    return v === -1n ? -2n : v;
  } finally {
    heap.decref(r);
  }
}

/**
 * Installs the heap's key hooks: an instance whose class defines `__hash__` hashes by
 * it (and compares by `__eq__` with a stored key of the same hash); `__hash__ = None`
 * makes it unhashable — CPython's TypeError names the class; exceptions as keys are
 * refused (a program's exception class's hash is not checked here); everything else the
 * heap hashes by identity.
 */
export function installKeyHooks(m: Machine): void {
  const heap = m.heap;
  heap.keyHooks ??= {
    hash(o) {
      const type = heap.typeOf(o);
      if (type === 'exception') throw new HeapError('unsupported', 'an exception as a key');
      if (type !== 'instance') return undefined;
      // The heap words the unhashable error for its container (3.14's message).
      const method = classLookup(m, heap.classOf(o), '__hash__');
      if (method !== 0 && heap.typeOf(method) === 'NoneType')
        throw new HeapError('unhashable', `unhashable type: '${heap.typeNameOf(o)}'`);
      return methodHash(m, o);
    },
    hashesByMethod: (o) => heap.typeOf(o) === 'instance' && hasDunder(m, o, '__hash__'),
    equal: (stored, k) => instanceCompare(m, '==', stored, k),
  };
}
