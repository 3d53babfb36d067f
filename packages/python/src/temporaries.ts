/**
 * Temporaries while an expression raises: what the value stack held is released as
 * the error unwinds it (3.8–3.10 the block stack's unwinding, 3.11+ the exception
 * table's stack depth, both popping the newest value first), so a caught error leaves
 * no reference behind.
 */
import type { Heap, ObjectHandle } from '@pymem/objects';
import type { Expression, Frame } from './frame.ts';

/**
 * Evaluates `next` while `held` (new references, oldest first; 0 for none) wait on the
 * stack: when it raises, they are released newest first and the error goes on.
 */
export function evaluateAfter(
  heap: Heap,
  held: readonly ObjectHandle[],
  next: Expression,
  frame: Frame,
): ObjectHandle {
  try {
    return next(frame);
  } catch (error) {
    for (let i = held.length - 1; i >= 0; i--) if (held[i] !== 0) heap.decref(held[i]!);
    throw error;
  }
}

/** {@link evaluateAfter} with one held reference `held` (no array made per evaluation). */
export function evaluateAfterOne(
  heap: Heap,
  held: ObjectHandle,
  next: Expression,
  frame: Frame,
): ObjectHandle {
  try {
    return next(frame);
  } catch (error) {
    if (held !== 0) heap.decref(held);
    throw error;
  }
}
