/**
 * The free lists: dead objects kept for reuse by the next object of their type, and
 * cached dict keys tables. Each is a LIFO stack of handles (of PARKED objects) or, for
 * keys tables, of block addresses; the capacities are per profile (constants.ts).
 *
 *   float  [h h h …]   ≤ floatFreeList        PyFloat free list (free_list / numfree)
 *   int    [h …]       ≤ intFreeList (3.14)   compact ints of one digit
 *   method [h …]       ≤ methodFreeList (3.8) bound methods
 *   frame  [h …]       ≤ frameFreeList        frame objects (3.8–3.10), resized on reuse
 *   list   [h …]       ≤ listFreeList         PyListObject headers (items freed)
 *   dict   [h …]       ≤ dictFreeList         PyDictObject headers
 *   keys   [addr …]    ≤ dictKeysFreeList     8-slot keys tables (3.11+: str keys only)
 *   tuple  [[] [h…] …] ≤ tupleFreeList each   tuples by length 1 … tupleFreeListMaxLength
 *
 * Invariants: every handle on a list is PARKED and of the list's type (tuple lists:
 * of that length); nothing is on two lists; a list never exceeds its capacity.
 * Models the free lists of Objects/{float,long,list,dict,tuple}object.c and Objects/classobject.c (3.8) (3.8–3.11
 * static arrays, 3.12 `struct _Py_*_state`, 3.13–3.14 `struct _Py_object_freelists`).
 */
import type { ObjectHandle } from './heap-core.ts';

/** Sizes of the heap's free lists (see `Heap.freeListCounts`). */
export interface FreeListCounts {
  /** Parked floats. */
  readonly float: number;
  /** Parked compact ints (3.14). */
  readonly int: number;
  /** Parked bound methods (3.8). */
  readonly method: number;
  /** Parked frame objects (3.8–3.10; zombie frames not included). */
  readonly frame: number;
  /** Parked list objects. */
  readonly list: number;
  /** Parked dict objects. */
  readonly dict: number;
  /** Cached 8-slot keys tables. */
  readonly dictKeys: number;
  /** Parked tuples by length (index 0 unused). */
  readonly tuple: readonly number[];
}

/** The heap's free lists; see the module comment. */
export class FreeLists {
  /** Parked floats. */
  readonly float: ObjectHandle[] = [];
  /** Parked one-digit ints (3.14). */
  readonly int: ObjectHandle[] = [];
  /** Parked bound methods (3.8). */
  readonly method: ObjectHandle[] = [];
  /** Parked frame objects (3.8–3.10), any size (their ob_size in `allocated`). */
  readonly frame: ObjectHandle[] = [];
  /** Parked lists. */
  readonly list: ObjectHandle[] = [];
  /** Parked dicts. */
  readonly dict: ObjectHandle[] = [];
  /** Cached keys-table block addresses. */
  readonly keys: number[] = [];
  /** Parked tuples, one stack per length (index 0 unused). */
  readonly tuple: ObjectHandle[][] = [];

  constructor(tupleMaxLength: number) {
    for (let i = 0; i <= tupleMaxLength; i++) this.tuple.push([]);
  }

  /** How many entries each list holds. */
  counts(): FreeListCounts {
    return {
      float: this.float.length,
      int: this.int.length,
      method: this.method.length,
      frame: this.frame.length,
      list: this.list.length,
      dict: this.dict.length,
      dictKeys: this.keys.length,
      tuple: this.tuple.map((list) => list.length),
    };
  }
}
