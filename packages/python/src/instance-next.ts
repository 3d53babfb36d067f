/**
 * An instance as an iterator: its class's `__next__` (a Python function) gives each
 * item, and `raise StopIteration` in it ends the iteration, in `pymem run`.
 *
 *   FOR_ITER / next(o) / list(o) …   slot_tp_iternext: `__next__` looked up on the
 *                                    class and called with `o`
 *     an item                        returned (a new reference)
 *     StopIteration raised           the consumer sees the exception and clears it
 *                                    (FOR_ITER's _PyErr_Clear, builtin_next's default,
 *                                    list_extend's PyErr_ExceptionMatches + Clear): the
 *                                    exception, its traceback and the frame objects it
 *                                    holds are freed at once — the instance's count is
 *                                    back where it was
 *     another exception              propagates
 *
 * Invariant: a step leaves no reference behind but the item it returns.
 * Not modelled, so refused: a StopIteration whose object is not made (known only by its
 * text), and stepping an instance inside a running generator (a generator expression). The caller frame's traceback entry, which CPython adds only if the exception
 * is not cleared before its eval loop unwinds, is made and freed with the exception.
 * Models slot_tp_iternext (Objects/typeobject.c) and FOR_ITER's StopIteration check
 * (Python/ceval.c, 3.8–3.13); measured by the `mf_next_*` programs.
 */
import type { ObjectHandle } from '@pymem/objects';
import { callDunder, hasDunder } from './class-dunders.ts';
import { PythonError, Unsupported } from './errors.ts';
import { isSubclass } from './exception-classes.ts';
import type { Machine } from './machine.ts';

/** Whether `o` is an instance whose class defines `__next__` as a Python function. */
export function isIteratorInstance(m: Machine, o: ObjectHandle): boolean {
  return m.heap.typeOf(o) === 'instance' && hasDunder(m, o, '__next__');
}

/**
 * tp_iternext of an instance `it` (borrowed): a new reference, or 0 once `__next__`
 * raised StopIteration (the exception cleared).
 */
export function instanceNext(m: Machine, it: ObjectHandle): ObjectHandle {
  // A generator's frame on the stack (depth counts it, calls does not): exceptions
  // under a running generator are not modelled.
  if (m.depth !== m.calls.length + 1)
    throw new Unsupported('__next__ of an instance inside a generator');
  try {
    return callDunder(m, it, '__next__', []);
  } catch (error) {
    if (!(error instanceof PythonError) || !isSubclass(error.type, 'StopIteration')) throw error;
    clearStopIteration(m, error);
    return 0;
  }
}

/** _PyErr_Clear of a StopIteration being raised: its object (and traceback) released. */
function clearStopIteration(m: Machine, error: PythonError): void {
  const heap = m.heap;
  const e = error.exception;
  if (e === 0 || heap.raised !== e)
    throw new Unsupported('a StopIteration from __next__ that is not an object');
  m.exceptionState.errors.delete(e);
  heap.catchException();
  heap.endExcept();
  heap.decref(e);
}
