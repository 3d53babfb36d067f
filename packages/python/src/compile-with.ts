/**
 * The `with` statement over the program's instances (`pymem run`); see withStatement.
 * Models SETUP_WITH / WITH_CLEANUP_START (Python/ceval.c, 3.8–3.10) and BEFORE_WITH
 * (3.11–3.13).
 */
import type { SyntaxNode } from '@lezer/common';
import type { ObjectHandle } from '@pymem/objects';
import { classLookup } from './class-attributes.ts';
import { runFunction } from './class-calls.ts';
import { type Compiler, pythonErrorOf, type Scope } from './compiler.ts';
import { PythonError, Unsupported } from './errors.ts';
import { Flow, type Statement } from './frame.ts';
import { exitOnException } from './with-exceptions.ts';

/**
 * `with manager [as target]: body`, left normally (also by break, continue or return):
 * SETUP_WITH (3.8–3.10) / BEFORE_WITH (3.11–3.13) look up `__enter__` then `__exit__`
 * as bound methods, drop the manager, call `__enter__()` and drop its bound method;
 * the body runs; then `__exit__(None, None, None)` and its bound method is dropped.
 * Measured on 3.8–3.13: inside `__enter__` the manager's count includes both bound
 * methods and the frame; inside the body and `__exit__`, the `__exit__` method's.
 * An exception leaving the body: with-exceptions.ts.
 */
export function withStatement(c: Compiler, node: SyntaxNode, scope: Scope): Statement {
  const parts = c.kids(node);
  if (parts.some((p) => p.name === ',')) throw c.fail('a with statement of several items', node);
  if (parts.some((p) => p.name === 'async')) throw c.fail('async with', node);
  const asAt = parts.findIndex((p) => p.name === 'as');
  const bodyNode = parts.find((p) => p.name === 'Body')!;
  const manager = c.expression(parts[1]!, scope);
  const store = asAt < 0 ? null : c.store(parts[asAt + 1]!, scope);
  const body = c.body(bodyNode, scope);
  const m = c.m;
  const heap = m.heap;
  const withLine = c.source.position(node.from).line;
  return (frame) => {
    const mgr = manager(frame);
    let enter: ObjectHandle;
    let exit: ObjectHandle;
    try {
      const enterFunc =
        heap.typeOf(mgr) === 'instance' ? classLookup(m, heap.classOf(mgr), '__enter__') : 0;
      const exitFunc =
        heap.typeOf(mgr) === 'instance' ? classLookup(m, heap.classOf(mgr), '__exit__') : 0;
      for (const f of [enterFunc, exitFunc])
        if (f === 0 || heap.typeOf(f) !== 'function' || !m.functions.has(f))
          throw new Unsupported(
            `a with statement over a ${heap.typeNameOf(mgr)} (no Python __enter__ and __exit__)`,
          );
      enter = heap.newBoundMethod(enterFunc, mgr);
      exit = heap.newBoundMethod(exitFunc, mgr);
    } finally {
      heap.decref(mgr);
    }
    // Called from C (method_vectorcall): self borrowed from the bound method.
    const callBound = (bound: ObjectHandle, args: ObjectHandle[]): ObjectHandle => {
      const [func, self] = heap.referents(bound) as [ObjectHandle, ObjectHandle];
      heap.incref(self);
      for (const v of args) heap.incref(v);
      return runFunction(m, func, [self, ...args]);
    };
    let result: ObjectHandle;
    try {
      result = callBound(enter, []);
    } catch (error) {
      heap.decref(exit);
      throw error;
    } finally {
      heap.decref(enter);
    }
    let flow: Flow;
    try {
      if (store === null) heap.decref(result);
      else store(frame, result);
      flow = body(frame);
    } catch (thrown) {
      const err = pythonErrorOf(thrown);
      if (!(err instanceof PythonError)) throw err;
      exitOnException(m, err, exit, frame, scope.name, withLine, callBound);
      return Flow.next;
    }
    const nones = [heap.newNone(), heap.newNone(), heap.newNone()];
    try {
      heap.decref(callBound(exit, nones));
    } finally {
      for (const v of nones) heap.decref(v);
      heap.decref(exit);
    }
    return flow;
  };
}
