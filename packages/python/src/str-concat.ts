/**
 * `a + b` of two strs where CPython grows `a` in place instead of making a new str
 * (the object layer's PyUnicode_Append: `Heap.strAppend`), per version:
 *
 *   3.8–3.10  every str + str (BINARY_ADD, INPLACE_ADD: ceval.c unicode_concatenate).
 *             When `a` has two references and the next instruction stores into the
 *             variable holding it (STORE_FAST, STORE_DEREF, or STORE_NAME — which
 *             deletes the name from the module's dict, so it is bound again last), the
 *             variable is cleared first; then PyUnicode_Append: a str left with one
 *             reference (a temporary such as `str(i) + 'x'`'s, or the variable's once
 *             cleared) grows in place. STORE_GLOBAL clears nothing.
 *   3.11+     only `NAME = a + b` / `NAME += b` storing a fast local
 *             (BINARY_OP_INPLACE_ADD_UNICODE, specialize.c): the site specialises once —
 *             3.11 at its first run after the code object quickened (8 RESUME and
 *             JUMP_BACKWARD: calls, generator resumptions, loop back edges), 3.12+ at
 *             its second run — and only when both operands are exact strs and the local
 *             holds `a` then; from then on a run whose local still holds `a` appends in
 *             place (the local's reference handed to PyUnicode_Append), any other runs
 *             the generic path. Every other `+` makes a new str (PyUnicode_Concat).
 *   3.13+     a STORE_FAST followed on its line by a LOAD_FAST fuses into
 *             STORE_FAST_LOAD_FAST, which the specialiser does not take for a store:
 *             such a site never appends in place (measured on 3.13.0 and Pyodide's
 *             3.14.2; refused, since the model does not know the next instruction).
 *
 * Measured on 3.8.18–3.13.0 and Pyodide 3.14.2: `id(s)` after `s += 'x'` in loops, in
 * functions called repeatedly, in generators, with the str also held elsewhere or its
 * hash cached (a dict key), and module-level names moved to the end of `globals()`.
 * A site re-specialising after many misses (52 in 3.12's counters) is refused.
 */
import type { ObjectHandle } from '@pymem/objects';
import { Unsupported } from './errors.ts';
import type { CodeWarmup, Frame } from './frame.ts';
import { storeGeneratorSlot } from './generator-runs.ts';
import type { Machine } from './machine.ts';

/** 3.11 quickens a code object when its warm-up count reaches this (QUICKENING_WARMUP_DELAY). */
const QUICKENING_WARMUP_DELAY = 8;

/** Misses after which a specialised site is re-specialised (3.12's cooldown counter). */
const MISSES_BEFORE_RESPECIALISING = 52;

/** The variable a `+` statement stores into, as unicode_concatenate sees it. */
export interface ConcatTarget {
  /**
   * The store instruction: 'fast' (STORE_FAST), 'deref' (STORE_DEREF), 'name'
   * (STORE_NAME into the module's dict), 'class' (STORE_NAME into a class body's
   * namespace), 'global' (STORE_GLOBAL).
   */
  readonly kind: 'fast' | 'deref' | 'name' | 'class' | 'global';
  /** True when the variable holds `o` now. */
  holds(frame: Frame, o: ObjectHandle): boolean;
  /** Empties the variable, which holds `o`, dropping its reference. */
  clear(frame: Frame, o: ObjectHandle): void;
  /** 3.13+: another statement may follow the store on its line (a fused STORE_FAST). */
  readonly storeMayFuse: boolean;
  /** 3.11: the warm-up count of the code the site is in. */
  readonly warmup: CodeWarmup | undefined;
}

/** A fast local's target (`generator`: the local lives in a generator's frame). */
export function fastTarget(
  m: Machine,
  slot: number,
  generator: boolean,
  storeMayFuse: boolean,
  warmup: CodeWarmup | undefined,
): ConcatTarget {
  const heap = m.heap;
  return {
    kind: 'fast',
    holds: (frame, o) => frame.locals[slot] === o,
    clear: generator
      ? (frame) => storeGeneratorSlot(m, frame, slot, 0)
      : (frame, o) => {
          frame.locals[slot] = 0;
          heap.decref(o);
        },
    storeMayFuse,
    warmup,
  };
}

/** A cell variable's target (STORE_DEREF; the cell in `slot`). */
export function derefTarget(m: Machine, slot: number): ConcatTarget {
  const heap = m.heap;
  return {
    kind: 'deref',
    holds: (frame, o) => heap.referents(frame.locals[slot]!)[0] === o,
    clear: (frame) => heap.cellSet(frame.locals[slot]!, 0),
    storeMayFuse: false,
    warmup: undefined,
  };
}

/** A module-level name's target (STORE_NAME: PyDict_DelItem of the module's dict). */
export function moduleNameTarget(m: Machine, name: string): ConcatTarget {
  const cell = m.globals.cell(name);
  return {
    kind: 'name',
    holds: (_frame, o) => cell.value === o,
    clear: (_frame, o) => {
      m.globals.delete(name);
      m.heap.decref(o);
    },
    storeMayFuse: false,
    warmup: undefined,
  };
}

/** A target that is never cleared: 'global' (STORE_GLOBAL), or 'class' (refused when it would be). */
export function otherTarget(kind: 'global' | 'class'): ConcatTarget {
  return {
    kind,
    holds: () => false,
    clear: () => {},
    storeMayFuse: false,
    warmup: undefined,
  };
}

/** One `+` site a fast-local store follows (3.11+): how its BINARY_OP specialised. */
export interface InPlaceSite {
  /** Runs before it specialised (3.12+: the second run specialises). */
  runs: number;
  /** What it specialised for; undefined until it has. */
  spec: 'inplace' | 'concat' | 'number' | 'failed' | undefined;
  /** Runs since then whose operands missed the specialisation. */
  misses: number;
}

/** A new site's state. */
export function newInPlaceSite(): InPlaceSite {
  return { runs: 0, spec: undefined, misses: 0 };
}

/**
 * `x + y` (new references, both taken) for a `+` whose result `target` stores, or for
 * any `+` (`target` null) on 3.8–3.10: the result as CPython makes it when both are strs
 * and it may differ from a new str; undefined otherwise (the caller's generic path runs,
 * the references still the caller's).
 */
export function concatStrs(
  m: Machine,
  x: ObjectHandle,
  y: ObjectHandle,
  frame: Frame | null,
  target: ConcatTarget | null,
  site: InPlaceSite | null,
): ObjectHandle | undefined {
  const heap = m.heap;
  const strs = heap.typeOf(x) === 'str' && heap.typeOf(y) === 'str';
  if (m.rules.unicodeConcatenate) {
    if (!strs) return undefined;
    if (target !== null && frame !== null && heap.refcount(x) === 2 && target.holds(frame, x)) {
      if (target.kind === 'class')
        throw new Unsupported(
          'str concatenation into a class body name (cleared from its namespace)',
        );
      target.clear(frame, x);
    }
    return append(m, x, y);
  }
  if (target === null || frame === null || site === null || target.kind !== 'fast')
    return undefined;
  if (!specialisedHit(m, site, target, x, y, strs, strs && target.holds(frame, x)))
    return undefined;
  target.clear(frame, x);
  return append(m, x, y);
}

/** PyUnicode_Append of x (its reference taken) and y (released after). */
function append(m: Machine, x: ObjectHandle, y: ObjectHandle): ObjectHandle {
  const result = m.heap.strAppend(x, y);
  m.heap.decref(y);
  return result;
}

/**
 * Whether this run of `site` is BINARY_OP_INPLACE_ADD_UNICODE's hit; specialises the
 * site when its counter says so (see the module comment).
 */
function specialisedHit(
  m: Machine,
  site: InPlaceSite,
  target: ConcatTarget,
  x: ObjectHandle,
  y: ObjectHandle,
  strs: boolean,
  holds: boolean,
): boolean {
  if (site.spec === undefined) {
    const ready = m.rules.inPlaceAddWaitsForQuickening
      ? (target.warmup?.count ?? 0) >= QUICKENING_WARMUP_DELAY
      : site.runs > 0;
    site.runs++;
    if (!ready) return false;
    if (strs && holds && target.storeMayFuse)
      throw new Unsupported(
        's += … followed by another statement on its line (a fused STORE_FAST_LOAD_FAST may keep it from growing in place)',
      );
    site.spec = strs
      ? holds
        ? 'inplace'
        : 'concat'
      : sameNumberType(m, x, y)
        ? 'number'
        : 'failed';
    return site.spec === 'inplace';
  }
  const hit =
    site.spec === 'inplace'
      ? holds
      : site.spec === 'concat'
        ? strs
        : site.spec === 'number'
          ? sameNumberType(m, x, y)
          : !holds;
  if (site.spec === 'failed' && holds)
    throw new Unsupported(
      's += … on strs at a site whose specialisation failed before (when it retries is not modelled)',
    );
  if (hit) return site.spec === 'inplace';
  site.misses++;
  if (site.misses >= MISSES_BEFORE_RESPECIALISING && holds)
    throw new Unsupported('s += … on strs at a site re-specialising after many misses');
  return false;
}

/** Both exact ints or both floats: BINARY_OP_ADD_INT / _FLOAT's guards. */
function sameNumberType(m: Machine, x: ObjectHandle, y: ObjectHandle): boolean {
  const tx = m.heap.typeOf(x);
  return (tx === 'int' || tx === 'float') && tx === m.heap.typeOf(y);
}
