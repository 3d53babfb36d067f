/**
 * An exception leaving the body of a `with` statement (compile-with.ts): the
 * manager's `__exit__(type, value, traceback)` runs while the exception is handled,
 * and a true result suppresses it.
 *
 *   body raises ─► exc_info: the exception (3.8–3.10: with its traceback and type)
 *                  value stack: the exception (3.8–3.10: its traceback and type too)
 *               ─► __exit__(type(e), e, e.__traceback__)   (arguments borrowed from
 *                  the stack: the frame takes its own references)
 *               ─► true: POP_EXCEPT, the exception dropped; false: re-raised as it was
 *
 * Measured on 3.8–3.13 (`ux_exc_with_exit.py`): inside `__exit__`,
 * `sys.getrefcount(value)` is 4 (its parameter, exc_info, the stack, the argument) and
 * `sys.getrefcount(traceback)` 5 on 3.8–3.10 (the exception, exc_info, the stack), 3 on
 * 3.11+ (only the exception holds it).
 * 3.10+ call `__exit__` at the `with` statement's line (profile rule withExitAtWithLine).
 * Refused: an exception of a builtin class (the builtin type objects are not values
 * of the model, so `type` could not be passed).
 * Models WITH_CLEANUP_START / WITH_CLEANUP_FINISH (Python/ceval.c 3.8), WITH_EXCEPT_START
 * (3.9–3.13) and the handler compile.c gives a `with` (compiler_with_except_finish).
 */
import type { ObjectHandle } from '@pymem/objects';
import { pythonErrorOf } from './compiler.ts';
import { PythonError } from './errors.ts';
import { builtinExceptionClass, programExceptionClass } from './exception-classes.ts';
import { stackClassReference } from './exception-subclasses.ts';
import type { Frame } from './frame.ts';
import type { Machine } from './machine.ts';
import { caught, materialise, popExcept, reraise } from './raise.ts';
import { truthy } from './values.ts';

/**
 * Runs `__exit__` (the bound method `exit`, whose reference is taken) for `err`, which
 * left the body. Returns normally when `__exit__` suppressed it; else throws it again
 * (or what `__exit__` raised, chained to it).
 */
export function exitOnException(
  m: Machine,
  err: PythonError,
  exit: ObjectHandle,
  frame: Frame,
  scopeName: string,
  withLine: number,
  callBound: (bound: ObjectHandle, args: ObjectHandle[]) => ObjectHandle,
): void {
  const heap = m.heap;
  const e = caught(m, err, frame.line, scopeName);
  // 3.10+: the call of __exit__ is at the `with` line (an error it raises shows it).
  if (m.rules.withExitAtWithLine) frame.line = withLine;
  // type(e): a program class (borrowed), or a builtin class's static type object.
  const programClass = programExceptionClass(heap, e);
  const cls =
    programClass !== 0 ? programClass : heap.builtinObject(builtinExceptionClass(heap, e), 'type');
  // 3.8–3.10: the stack's traceback and type beside the exception (the `e` reference).
  const stackTraceback = m.minor < 11 ? heap.exceptionTraceback(e) : 0;
  const stackClass = stackClassReference(m, e);
  const dropStack = (): void => {
    if (stackTraceback !== 0) heap.decref(stackTraceback);
    if (stackClass !== 0) heap.decref(stackClass);
    if (programClass === 0) heap.decref(cls);
  };
  let suppress: boolean;
  try {
    // Borrowed: the exception holds its traceback (the call's frame takes its own).
    const tb = heap.exceptionTraceback(e);
    heap.decref(tb);
    const result = callBound(exit, [cls, e, tb]);
    suppress = truthy(heap, result);
    heap.decref(result);
  } catch (thrown) {
    const thrownInExit = pythonErrorOf(thrown);
    if (thrownInExit instanceof PythonError && thrownInExit !== err)
      materialise(m, thrownInExit, false);
    popExcept(m);
    heap.decref(e);
    dropStack();
    heap.decref(exit);
    throw thrownInExit;
  }
  heap.decref(exit);
  popExcept(m);
  dropStack();
  if (suppress) {
    heap.decref(e);
    return;
  }
  frame.line = reraise(m, err, e).line;
  throw err;
}
