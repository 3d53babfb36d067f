/**
 * The object layer's tunables, per profile, each with where CPython sets it.
 *
 *   free list          3.8–3.10      3.11–3.13     3.14          CPython
 *   float              100           100           100           PyFloat_MAXFREELIST
 *   tuple (per len)    2000 × 1..19  2000 × 1..20  2000 × 1..20  PyTuple_MAXFREELIST / MAXSAVESIZE
 *   list               80            80            80            PyList_MAXFREELIST
 *   dict               80            80            80            PyDict_MAXFREELIST
 *   dict keys (8-slot) 80 any kind   80 str keys   80 str keys   free_keys_object
 *   int (compact)      —             —             100           Py_ints_MAXFREELIST (source only)
 *   frame              200 (+ one    —             —             PyFrame_MAXFREELIST, co_zombieframe
 *                      zombie per code)
 *
 * Small ints −5 … 256 (_PY_NSMALLNEGINTS / _PY_NSMALLPOSINTS) are cached in every
 * version. The trashcan defers deallocation 50 levels deep (PyTrash_UNWIND_LEVEL,
 * 3.8–3.12); 3.13 and 3.14 use the C stack budget instead, which this model replaces
 * by the same 50-level rule (see heap.ts).
 */
import { PROFILES, type ProfileName } from '@pymem/versions';

/**
 * The trashcan, in terms of the nesting n = containers whose tp_dealloc is running:
 * a container about to be deallocated is deferred when n ≥ deferAt; when one finishes
 * (n drops by one) and n < drainBelow, the deferred list is drained LIFO with n raised
 * by drainRaise meanwhile.
 */
export interface TrashcanRule {
  /** Nesting at which Py_TRASHCAN_BEGIN defers. */
  readonly deferAt: number;
  /** Py_TRASHCAN_END drains when the nesting is below this. */
  readonly drainBelow: number;
  /** How much the nesting rises while draining. */
  readonly drainRaise: number;
}

/** 3.8–3.12: `delete_nesting` against PyTrash_UNWIND_LEVEL (50); drained at nesting 0. */
const NESTING_TRASHCAN: TrashcanRule = { deferAt: 50, drainBelow: 1, drainRaise: 1 };

/**
 * 3.13: `c_recursion_remaining` against Py_TRASHCAN_HEADROOM (50): defer when ≤ 50
 * remain, drain when > 100 remain, one unit taken while draining. At module level of
 * a script 9,998 of Py_C_RECURSION_LIMIT's 10,000 units remain — measured on 3.13.0:
 * dropping a 12,000-deep nested list frees exactly the objects in the order this
 * rule gives (deeper call stacks defer earlier). 3.14 (`_Py_Dealloc` against the
 * stack margin in bytes) is modelled by the same rule: an approximation, from source.
 */
const C_STACK_REMAINING_AT_TOP = 10000 - 2;
const C_STACK_TRASHCAN: TrashcanRule = {
  deferAt: C_STACK_REMAINING_AT_TOP - 50,
  drainBelow: C_STACK_REMAINING_AT_TOP - 100,
  drainRaise: 1,
};

/** Capacities and ranges of one profile's caches. */
export interface ObjectConstants {
  /** Cached floats (PyFloat_MAXFREELIST). */
  readonly floatFreeList: number;
  /** Cached tuples per length. */
  readonly tupleFreeList: number;
  /** Longest tuple length with a free list (19 before 3.11, then 20). */
  readonly tupleFreeListMaxLength: number;
  /** Cached list objects. */
  readonly listFreeList: number;
  /** Cached dict objects. */
  readonly dictFreeList: number;
  /** Cached 8-slot keys tables. */
  readonly dictKeysFreeList: number;
  /** 3.11+: only all-str ("unicode") keys tables are cached. */
  readonly dictKeysFreeListUnicodeOnly: boolean;
  /** Cached compact ints (3.14), 0 when there is no int free list. */
  readonly intFreeList: number;
  /**
   * Cached bound-method objects: 256 on 3.8 (PyMethod_MAXFREELIST, measured with
   * sys._debugmallocstats), none from 3.9 (the free list was removed).
   */
  readonly methodFreeList: number;
  /** Cached frame objects (PyFrame_MAXFREELIST, 3.8–3.10); none from 3.11. */
  readonly frameFreeList: number;
  /** Smallest cached small int (−5). */
  readonly smallIntMin: number;
  /** Largest cached small int (256). */
  readonly smallIntMax: number;
  /** When deallocation of nested containers is deferred and resumed. */
  readonly trashcan: TrashcanRule;
  /** `frozenset()` is a singleton (3.8, 3.9). */
  readonly emptyFrozensetSingleton: boolean;
}

/** The constants of `profile`. */
export function objectConstants(profile: ProfileName): ObjectConstants {
  const minor = PROFILES[profile].minor;
  return {
    floatFreeList: 100,
    tupleFreeList: 2000,
    tupleFreeListMaxLength: minor < 11 ? 19 : 20,
    listFreeList: 80,
    dictFreeList: 80,
    dictKeysFreeList: 80,
    dictKeysFreeListUnicodeOnly: minor >= 11,
    intFreeList: minor >= 14 ? 100 : 0,
    methodFreeList: minor === 8 ? 256 : 0,
    frameFreeList: minor < 11 ? 200 : 0,
    smallIntMin: -5,
    smallIntMax: 256,
    trashcan: minor < 13 ? NESTING_TRASHCAN : C_STACK_TRASHCAN,
    emptyFrozensetSingleton: minor < 10,
  };
}
