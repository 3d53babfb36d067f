/**
 * `try` / `except` / `else` / `finally`, `raise` and calls of builtin exception
 * classes, compiled to closures (raise.ts holds what they do at run time).
 *
 *   try body ──ok──► else ───────────────┐
 *      │ PythonError                     ▼
 *      ├─ a clause matches ─► handler ─► cleanup (POP_EXCEPT, `e = None; del e`) ─► finally
 *      └─ none matches ─► re-raised ─────────────────────────────────────────────► finally
 *
 * A clause names builtin exception classes (a name or a tuple of names); the
 * exception object is made before the clauses are tested (3.8–3.11 normalise it in
 * exception_unwind; 3.12+ made it when raised). The cleanup of `except … as e` unbinds
 * e after POP_EXCEPT on 3.9+, before it on 3.8 (profile rule exceptNameClearedFirst),
 * on every way out of the handler. A `finally` block run by an exception handles it
 * (exc_info is that exception while the block runs) and re-raises it at its end; a
 * `return`, `break` or `continue` in it drops the exception. A pending return value
 * waits on the stack while a `finally` block runs (released if the block returns).
 * Models compiler_try_except / compiler_try_finally (Python/compile.c 3.8–3.13).
 */
import type { SyntaxNode } from '@lezer/common';
import type { ObjectHandle } from '@pymem/objects';
import type { Compiler, Scope } from './compiler.ts';
import { pythonErrorOf } from './compiler.ts';
import { PythonError, Unsupported } from './errors.ts';
import {
  EXCEPTION_CLASSES,
  exceptionArgs,
  exceptionLayout,
  hasExtraFields,
  setExceptionClass,
} from './exception-classes.ts';
import {
  exceptionBaseOf,
  exceptionMatches,
  newProgramException,
  stackClassReference,
} from './exception-subclasses.ts';
import { type Expression, Flow, type Frame, type Statement } from './frame.ts';
import type { Machine } from './machine.ts';
import { caught, materialise, popExcept, raiseObject, reraise } from './raise.ts';
import { untrackIfAtomic } from './tuple-tracking.ts';

/** One `except` clause. */
interface Handler {
  /**
   * The classes it catches (null: a bare `except:`): builtin class names, or the
   * expressions giving the program's classes (evaluated when the clause is tested).
   */
  readonly classes: readonly (string | Expression)[] | null;
  /** Binds the `as` name (null: none). */
  readonly bind: ((frame: Frame, e: ObjectHandle) => void) | null;
  /** Unbinds it (`e = None; del e`; nothing when already unbound). */
  readonly unbind: ((frame: Frame) => void) | null;
  readonly body: Statement;
}

/** Whether `name` means the builtin exception class in `scope`. */
export function isExceptionClassName(c: Compiler, name: string, scope: Scope): boolean {
  return EXCEPTION_CLASSES.has(name) && !scope.locals?.has(name) && !c.moduleAssigned.has(name);
}

/** The classes of an `except` clause's expression: builtin names, or a program class's name. */
function clauseClasses(c: Compiler, node: SyntaxNode, scope: Scope): (string | Expression)[] {
  const names =
    node.name === 'TupleExpression' || node.name === 'ParenthesizedExpression'
      ? c.kids(node).filter((k) => !['(', ')', ','].includes(k.name))
      : [node];
  return names.map((n) => {
    const text = c.text(n);
    if (n.name === 'VariableName' && isExceptionClassName(c, text, scope)) return text;
    if (n.name === 'VariableName' && c.moduleAssigned.has(text) && !scope.locals?.has(text))
      return c.expression(n, scope);
    throw c.fail('an except clause other than exception classes', n);
  });
}

/** Whether `e` matches one of `classes` (a program class's value is loaded and released). */
function clauseMatches(
  m: Compiler['m'],
  classes: readonly (string | Expression)[],
  frame: Frame,
  e: ObjectHandle,
): boolean {
  return classes.some((k) => {
    if (typeof k === 'string') return exceptionMatches(m, e, k);
    let v: ObjectHandle;
    try {
      v = k(frame);
    } catch {
      throw new Unsupported('an except clause whose expression raises');
    }
    try {
      return exceptionMatches(m, e, v);
    } finally {
      m.heap.decref(v);
    }
  });
}

/** `except … as name`: bind and the cleanup's unbind. */
function nameBinding(
  c: Compiler,
  nameNode: SyntaxNode,
  scope: Scope,
): Pick<Handler, 'bind' | 'unbind'> {
  const heap = c.m.heap;
  const name = c.text(nameNode);
  const store = c.store(nameNode, scope);
  const slot = scope.locals?.get(name);
  const globals = c.m.globals;
  const unbind =
    slot !== undefined
      ? (frame: Frame) => {
          const old = frame.locals[slot]!;
          frame.locals[slot] = 0;
          if (old !== 0) heap.decref(old);
        }
      : () => {
          const old = globals.get(name);
          globals.delete(name);
          if (old !== undefined) heap.decref(old);
        };
  return { bind: store, unbind };
}

/** A `try` statement. */
export function tryStatement(c: Compiler, node: SyntaxNode, scope: Scope): Statement {
  const m = c.m;
  const heap = m.heap;
  const parts = c.kids(node);
  let body: Statement | null = null;
  let orElse: Statement | null = null;
  let final: Statement | null = null;
  const handlers: Handler[] = [];
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]!;
    if (p.name === 'try') body = c.body(parts[++i], scope);
    else if (p.name === 'else') orElse = c.body(parts[++i], scope);
    else if (p.name === 'finally') final = c.body(parts[++i], scope);
    else if (p.name === 'except') {
      let classes: (string | Expression)[] | null = null;
      let binding: Pick<Handler, 'bind' | 'unbind'> = { bind: null, unbind: null };
      if (parts[i + 1]?.name === '*') throw c.fail('except*', parts[i + 1]!);
      if (parts[i + 1]?.name !== 'Body') classes = clauseClasses(c, parts[++i]!, scope);
      if (parts[i + 1]?.name === 'as') {
        binding = nameBinding(c, parts[i + 2]!, scope);
        i += 2;
      } else if (parts[i + 1]?.name === ',') throw c.fail('this except clause', p);
      handlers.push({ classes, ...binding, body: c.body(parts[++i], scope) });
    }
  }
  if (body === null) throw c.fail('this try statement', node);
  const tryBody = body;
  const nameFirst = m.rules.exceptNameClearedFirst;

  const cleanup = (handler: Handler, frame: Frame, normal: boolean): void => {
    if (handler.unbind !== null && (nameFirst || !normal)) handler.unbind(frame);
    popExcept(m);
    if (handler.unbind !== null && !nameFirst && normal) handler.unbind(frame);
  };

  const handled = (frame: Frame): Flow => {
    let flow: Flow;
    try {
      flow = tryBody(frame);
    } catch (thrown) {
      if (handlers.length === 0) throw thrown;
      const err = pythonErrorOf(thrown);
      if (!(err instanceof PythonError)) throw err;
      const e = caught(m, err, frame.line, scope.name);
      const handler = handlers.find(
        (h) => h.classes === null || clauseMatches(m, h.classes, frame, e),
      );
      if (handler === undefined) {
        popExcept(m);
        frame.line = reraise(m, err, e).line;
        throw err;
      }
      if (handler.bind !== null) handler.bind(frame, e);
      else heap.decref(e);
      let result: Flow;
      try {
        result = handler.body(frame);
      } catch (thrownInHandler) {
        const inner = pythonErrorOf(thrownInHandler);
        if (inner instanceof PythonError && inner !== err) materialise(m, inner, false);
        cleanup(handler, frame, false);
        throw inner;
      }
      cleanup(handler, frame, true);
      return result;
    }
    if (flow === Flow.next && orElse !== null) return orElse(frame);
    return flow;
  };

  if (final === null) return handled;
  const finalBody = final;
  return (frame) => {
    let flow: Flow;
    try {
      flow = handled(frame);
    } catch (thrown) {
      const err = pythonErrorOf(thrown);
      if (!(err instanceof PythonError)) throw err;
      const e = caught(m, err, frame.line, scope.name);
      const stackClass = stackClassReference(m, e);
      let result: Flow;
      try {
        result = finalBody(frame);
      } catch (thrownInFinally) {
        const inner = pythonErrorOf(thrownInFinally);
        if (inner instanceof PythonError && inner !== err) materialise(m, inner, false);
        popExcept(m);
        heap.decref(e);
        if (stackClass !== 0) heap.decref(stackClass);
        throw inner;
      }
      popExcept(m);
      if (stackClass !== 0) heap.decref(stackClass);
      if (result === Flow.next) {
        frame.line = reraise(m, err, e).line;
        throw err;
      }
      heap.decref(e);
      return result;
    }
    // A pending return value waits while the finally block runs.
    const pending = flow === Flow.return ? frame.returned : 0;
    frame.returned = 0;
    let result: Flow;
    try {
      result = finalBody(frame);
    } catch (thrownInFinally) {
      if (pending !== 0) heap.decref(pending);
      throw thrownInFinally;
    }
    if (result !== Flow.next) {
      if (pending !== 0) heap.decref(pending);
      return result;
    }
    frame.returned = pending;
    return flow;
  };
}

/**
 * `raise`, `raise X`, `raise X(…)`, `raise e`, `raise … from c`: a class is
 * instantiated with no arguments; the object (or `c`, or None) must be an exception.
 */
export function raiseStatement(c: Compiler, node: SyntaxNode, scope: Scope): Statement {
  const m = c.m;
  const heap = m.heap;
  const parts = c.kids(node).filter((k) => k.name !== 'raise');
  const fromAt = parts.findIndex((p) => p.name === 'from');
  const valueNode = parts[0];
  if (valueNode === undefined) {
    return (frame) => {
      const err = m.exceptionState.handling.at(-1);
      if (err === undefined) throw c.fail('a bare raise with no exception being handled', node);
      heap.incref(err.exception);
      frame.line = reraise(m, err, err.exception).line;
      throw err;
    };
  }
  const value = exceptionValue(c, valueNode, scope);
  const causeNode = fromAt < 0 ? undefined : parts[fromAt + 1];
  const cause =
    causeNode === undefined
      ? null
      : causeNode.name === 'None'
        ? 'none'
        : exceptionValue(c, causeNode, scope);
  const location = c.locate(node);
  const statementLocation = {
    ...location,
    kind: 'other' as const,
    anchorFrom: node.from,
    anchorTo: node.to,
  };
  return (frame) => {
    const e = value(frame);
    let causeObject: ObjectHandle | null = null;
    try {
      if (cause === 'none') causeObject = 0;
      else if (cause !== null) causeObject = cause(frame);
    } catch (error) {
      heap.decref(e);
      throw error;
    }
    let err: PythonError;
    try {
      err = raiseObject(m, e, causeObject);
    } finally {
      if (causeObject !== null && causeObject !== 0) heap.decref(causeObject);
    }
    err.location = statementLocation;
    throw err;
  };
}

/** An expression that must give an exception instance; a class name is called with no args. */
function exceptionValue(c: Compiler, node: SyntaxNode, scope: Scope): Expression {
  const heap = c.m.heap;
  if (node.name === 'VariableName' && isExceptionClassName(c, c.text(node), scope))
    return exceptionCall(c, c.text(node), [], node);
  const value = c.expression(node, scope);
  const m = c.m;
  return (frame) => {
    const v = value(frame);
    // do_raise: a program's exception class is called with no arguments.
    if (heap.typeOf(v) === 'type' && exceptionBaseOf(m, v) !== null)
      return newProgramException(m, v, []);
    if (heap.typeOf(v) !== 'exception') {
      heap.decref(v);
      throw c.fail('raising something other than an exception', node);
    }
    return v;
  };
}

/**
 * `ValueError(a, …)`: a new exception whose args tuple holds the arguments
 * (BaseException_new / BaseException_vectorcall); the call releases its arguments.
 */
export function exceptionCall(
  c: Compiler,
  name: string,
  args: Expression[],
  node: SyntaxNode,
): Expression {
  const m = c.m;
  if (hasExtraFields(name, m.minor))
    throw c.fail(`an exception object of class ${name} on 3.${m.minor}`, node);
  return (frame) => {
    const values: ObjectHandle[] = [];
    try {
      for (const a of args) values.push(a(frame));
      return newBuiltinException(m, name, values);
    } finally {
      m.releaseArguments(values);
    }
  };
}

/**
 * A call of the builtin exception class `name` with `values` (borrowed), by its name
 * or held in a variable (`kind = ValueError; kind("x")`): BaseException_new's object.
 * A new reference.
 */
export function newBuiltinException(
  m: Machine,
  name: string,
  values: readonly ObjectHandle[],
): ObjectHandle {
  const heap = m.heap;
  if (hasExtraFields(name, m.minor))
    throw new Unsupported(`an exception object of class ${name} on 3.${m.minor}`);
  const e = heap.newException([...values], 0, exceptionLayout(name, m.minor));
  // 3.14: the call's arguments become `args` as a tuple made untracked (measured).
  untrackIfAtomic(m, exceptionArgs(heap, e));
  setExceptionClass(heap, e, name);
  m.exceptionState.errors.delete(e);
  return e;
}
