/**
 * `import weakref`: weak references to the program's objects.
 *
 *   weakref.ref(o)               the shared basic ref when `o` has one, else a new one
 *                                (PyWeakref_NewRef; the heap's weakrefs.ts)
 *   weakref.ref(o, callback)     a new ref holding `callback`, placed right after the
 *                                basic ref: callbacks run newest first
 *   r()                          the referent (a new reference) or None once it died
 *   weakref.getweakrefcount(o)   how many weakrefs `o` has (a new int)
 *
 * A callback runs with its weakref as the argument when the referent dies: by reference
 * count from tp_dealloc (PyObject_ClearWeakRefs → handle_callback; the heap's
 * weakrefCallbackHook), or in a collection (handle_weakrefs; the collector's
 * defineWeakrefCallback). Only a Python function may be a callback here; an exception in
 * one (CPython prints "Exception ignored in" on stderr) is refused, as is a callback
 * that is not a function the program defined.
 *
 * Types that refuse weakrefs raise CPython's TypeError ("cannot create weak reference
 * to 'list' object"). Importing weakref runs Lib/weakref.py on every version but 3.11
 * (preloaded there): it allocates objects the model does not make, so id() is refused
 * after it (as after every library import), and on 3.13+ it leaves cyclic garbage that
 * the first gc.collect() counts (measured: 7 on 3.13.0): that collection's result is
 * refused unless the program discards it.
 *
 * Models Modules/_weakref.c (_weakref_getweakrefcount_impl), Objects/weakrefobject.c
 * (PyWeakref_NewRef, weakref_call, PyObject_ClearWeakRefs, handle_callback), 3.8–3.14.
 */
import type { ObjectHandle } from '@pymem/objects';
import { HeapError } from '@pymem/objects';
import { runFunction } from './class-calls.ts';
import { PythonError, Unsupported } from './errors.ts';
import type { Expression, Frame } from './frame.ts';
import type { Machine } from './machine.ts';
import type { LibraryModule } from './module-math.ts';

/** Calls the Python function `callback` with the weakref `r` (both borrowed); the result is dropped. */
function runCallback(m: Machine, r: ObjectHandle, callback: ObjectHandle): void {
  const heap = m.heap;
  if (heap.typeOf(callback) !== 'function' || !m.functions.has(callback))
    throw new Unsupported('a weakref callback other than a Python function');
  // PyObject_CallOneArg: the function's frame takes its own reference to the weakref.
  heap.incref(callback);
  heap.incref(r);
  try {
    heap.decref(runFunction(m, callback, [r]));
  } catch (error) {
    if (error instanceof PythonError) throw new Unsupported('an exception in a weakref callback');
    throw error;
  } finally {
    heap.decref(callback);
  }
}

/** Errors a callback raised inside a collection, rethrown after it (first only). */
const COLLECTION_ERRORS = new WeakMap<Machine, unknown>();

/** Rethrows the first error a weakref callback raised during the last collection. */
export function rethrowCallbackError(m: Machine): void {
  if (!COLLECTION_ERRORS.has(m)) return;
  const error = COLLECTION_ERRORS.get(m);
  COLLECTION_ERRORS.delete(m);
  throw error;
}

/** `weakref.ref(o[, callback])`: a new reference. */
function ref(m: Machine, args: readonly ObjectHandle[]): ObjectHandle {
  const heap = m.heap;
  if (args.length < 1 || args.length > 2)
    throw new Unsupported(`weakref.ref() with ${args.length} arguments`);
  const o = args[0]!;
  let callback = args[1] ?? 0;
  if (callback !== 0 && heap.typeOf(callback) === 'NoneType') callback = 0;
  if (callback !== 0 && (heap.typeOf(callback) !== 'function' || !m.functions.has(callback)))
    throw new Unsupported('a weakref callback other than a Python function');
  heap.weakrefCallbackHook ??= (r, cb) => runCallback(m, r, cb);
  let r: ObjectHandle;
  try {
    r = heap.newWeakref(o, callback);
  } catch (error) {
    if (error instanceof HeapError && error.code === 'wrong-type')
      throw new PythonError('TypeError', error.message);
    throw error;
  }
  if (callback !== 0)
    m.gc?.collector.defineWeakrefCallback(callback, (wr) => {
      try {
        runCallback(m, wr, callback);
      } catch (error) {
        if (!COLLECTION_ERRORS.has(m)) COLLECTION_ERRORS.set(m, error);
      }
    });
  return r;
}

/** `weakref.getweakrefcount(o)`: a new int. */
function getweakrefcount(m: Machine, args: readonly ObjectHandle[]): ObjectHandle {
  if (args.length !== 1)
    throw new Unsupported(`weakref.getweakrefcount() with ${args.length} arguments`);
  return m.heap.newInt(m.heap.weakrefsTo(args[0]!).length);
}

/** `r()` for a weakref `r` (borrowed): the referent (a new reference) or None. */
export function weakrefReferent(
  m: Machine,
  r: ObjectHandle,
  args: readonly ObjectHandle[],
): ObjectHandle {
  const heap = m.heap;
  if (args.length > 0) throw new Unsupported('a weakref called with arguments (a TypeError)');
  // weakref_call: a new reference to the live referent, else None.
  const target = heap.weakrefTarget(r);
  if (target === 0) return heap.newNone();
  heap.incref(target);
  return target;
}

/** `r()` for a weakref `r` named by a variable (taken over): the referent or None. */
export function weakrefCall(
  m: Machine,
  r: ObjectHandle,
  args: readonly Expression[],
  frame: Frame,
): ObjectHandle {
  const values: ObjectHandle[] = [];
  try {
    for (const a of args) values.push(a(frame));
    return weakrefReferent(m, r, values);
  } finally {
    m.releaseArguments(values);
    m.heap.decref(r);
  }
}

/** Machines whose garbage from `import weakref` was collected already. */
const SWEPT = new WeakSet<Machine>();

/**
 * gc.collect() after `import weakref` on 3.9 and 3.13+: the first collection also counts
 * the import's cyclic garbage (measured: `import gc; import weakref; print(gc.collect())`
 * prints 7 on 3.9.18 and 3.13.0, 0 on 3.8.18 and 3.10.13–3.12.1), which the model does
 * not hold. Such a collection is allowed when its result is discarded (`gc.collect()` as
 * a statement); later collections are exact again.
 */
export function refuseCollectAfterWeakrefImport(m: Machine, discarded: boolean): void {
  if ((m.minor !== 9 && m.minor < 13) || !m.modules.has('weakref') || SWEPT.has(m)) return;
  if (!discarded)
    throw new Unsupported(
      `the result of the first gc.collect() after import weakref on 3.${m.minor} (the import leaves cyclic garbage)`,
    );
  SWEPT.add(m);
}

/** The weakref module's functions. */
export const WEAKREF_MODULE: LibraryModule = {
  functions: { ref, getweakrefcount },
};
