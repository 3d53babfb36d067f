/**
 * Exceptions at run time: a Python error (a JS `PythonError` unwinding the compiled
 * closures) and the exception object it stands for on the heap.
 *
 *   raise / failing operation ─► PythonError ─(first try/finally it reaches, or
 *                                │              leaving an except block)─► materialise
 *                                │                 heap exception (args, traceback)
 *                                ▼
 *   try: … except ─► caught(): exc_info references, `as` name ─► endHandler()
 *                                                                 ─► settle()
 *
 * An exception object is made when the error first reaches a `try` or leaves an
 * `except` block — from then on the heap holds it as the exception being raised
 * (`heap.raised`) until a handler takes it. Errors no handler sees end the run without
 * one. What the model cannot vouch for is refused:
 *   - the traceback's frames: the heap holds one module frame for every traceback;
 *     each Python function frame the error left keeps its locals alive in
 *     `PythonError.heldLocals` until the exception dies (as the frame object does,
 *     3.8–3.13), released after the exception object itself;
 *   - an exception object that outlives the function that caught it, or that keeps a
 *     left frame's locals after every handler ended (the frame objects would survive:
 *     not modelled), is Unsupported;
 *   - `id()` after an exception object was made (tracebacks and frame objects of the
 *     right sizes are not all made), and `gc.collect()` while an exception whose
 *     traceback holds function frames is alive.
 * Invariants: `m.handling` and `heap.handlers` grow and shrink together; an error
 * whose exception is made is in `m.errors` under its handle.
 * Models ceval.c's exception_unwind (3.8–3.10) / the exception table (3.11+), do_raise,
 * PUSH_EXC_INFO / POP_EXCEPT and the except-as cleanup (Python/compile.c
 * compiler_try_except), 3.8–3.13.
 */
import type { ObjectHandle } from '@pymem/objects';
import { PythonError, Unsupported } from './errors.ts';
import {
  exceptionClass,
  exceptionText,
  hasExtraFields,
  setExceptionClass,
} from './exception-classes.ts';
import type { Machine } from './machine.ts';

/** What a `catch` recorded, to restore on a bare `raise`. */
interface CatchMark {
  readonly frames: number;
  readonly line: number;
  readonly location: PythonError['location'];
}

const marks: WeakMap<PythonError, CatchMark[]> = new WeakMap();

/** The heap's frame every traceback points at (pushed with the first exception object). */
function ensureHeapFrame(m: Machine): void {
  if (m.exceptionState.heapFrame) return;
  const heap = m.heap;
  heap.callFunction(heap.newCode({ nlocals: 0, ncells: 0, nfrees: 0, stacksize: 4, flags: 0 }));
  m.exceptionState.heapFrame = true;
}

/** Whether error `err`'s exception object is still alive. */
export function alive(m: Machine, err: PythonError): boolean {
  const e = err.exception;
  return e !== 0 && m.heap.isLive(e) && m.exceptionState.errors.get(e) === err;
}

/**
 * Makes `err`'s exception object (if not made yet) and raises it on the heap: its args
 * are `err.argValues` (taken) or its message; its context is the exception being
 * handled. With `refuse`, a class whose objects the heap cannot make is Unsupported;
 * without, such an error stays without an object.
 */
export function materialise(m: Machine, err: PythonError, refuse: boolean): ObjectHandle {
  if (err.exception !== 0) return err.exception;
  const handled = m.exceptionState.handling.at(-1);
  if (handled !== undefined && handled !== err && err.context === undefined) err.context = handled;
  if (hasExtraFields(err.type, m.minor)) {
    if (refuse) throw new Unsupported(`an exception object of class ${err.type} on 3.${m.minor}`);
    return 0;
  }
  const heap = m.heap;
  ensureHeapFrame(m);
  const args = err.argValues ?? (err.detail === '' ? [] : [heap.newStr(err.detail)]);
  err.argValues = undefined;
  const e = heap.newException(args);
  for (const a of args) heap.decref(a);
  setExceptionClass(heap, e, err.type);
  heap.raiseException(e);
  register(m, err, e);
  return e;
}

/** Records `e` as `err`'s exception object. */
export function register(m: Machine, err: PythonError, e: ObjectHandle): void {
  err.exception = e;
  m.exceptionState.errors.set(e, err);
  m.exceptionState.made = true;
}

/** `raise e [from cause]` of an exception object (the reference to `e` is taken). */
export function raiseObject(m: Machine, e: ObjectHandle, cause: ObjectHandle | null): PythonError {
  const heap = m.heap;
  if (m.exceptionState.errors.has(e) && heap.isLive(e))
    throw new Unsupported('raising an exception object that was raised before');
  const name = exceptionClass(heap, e);
  const err = new PythonError(name, textOf(m, e));
  const handled = m.exceptionState.handling.at(-1);
  if (handled !== undefined && handled.exception !== e) err.context = handled;
  if (cause !== null) {
    err.suppressContext = true;
    if (cause !== 0) err.causedBy = errorFor(m, cause);
  }
  ensureHeapFrame(m);
  heap.raiseException(e, cause ?? 0);
  register(m, err, e);
  return err;
}

/** The error an exception object stands for (a never-raised one: no traceback). */
function errorFor(m: Machine, e: ObjectHandle): PythonError {
  const known = m.exceptionState.errors.get(e);
  if (known !== undefined) return known;
  return new PythonError(exceptionClass(m.heap, e), textOf(m, e));
}

function textOf(m: Machine, e: ObjectHandle): string {
  return exceptionText(m.heap, e, false);
}

/**
 * A `try` takes `err` (for an `except` clause or a `finally` block): its object is made,
 * the frame's traceback entry recorded, the handler's exc_info references taken.
 * Returns the caught exception (a new reference for the caller).
 */
export function caught(m: Machine, err: PythonError, line: number, scope: string): ObjectHandle {
  materialise(m, err, true);
  let list = marks.get(err);
  if (list === undefined) {
    list = [];
    marks.set(err, list);
  }
  list.push({ frames: err.frames.length, line, location: err.location });
  err.frames.push({
    position: { line, column: 0 },
    scope,
    ...(err.location === undefined ? {} : { location: err.location }),
  });
  err.location = undefined;
  const e = m.heap.catchException();
  m.exceptionState.handling.push(err);
  m.exceptionState.records.push({ error: err, depth: m.depth });
  return e;
}

/** POP_EXCEPT of the innermost handler. */
export function popExcept(m: Machine): void {
  m.exceptionState.handling.pop();
  m.heap.endExcept();
}

/**
 * Re-raises `err` (a bare `raise`, the end of a `finally`, no matching clause): the
 * heap raises its object again (the caller's reference `e` is taken) without a new
 * traceback entry; the frame's line and mark are the ones it was caught at.
 */
export function reraise(
  m: Machine,
  err: PythonError,
  e: ObjectHandle,
): {
  line: number;
} {
  const mark = marks.get(err)?.pop();
  if (mark === undefined) throw new Unsupported('re-raising an exception that was not caught');
  err.frames.length = mark.frames;
  err.location = mark.location;
  m.heap.raised = e;
  return { line: mark.line };
}

/**
 * After a handler ends: errors whose exception died release the frame locals their
 * traceback kept (innermost frame first, slot order) — refused while an exception
 * caught in one of those frames lives on, and so is any exception still alive with
 * kept locals once no handler runs and nothing is being raised.
 */
export function settle(m: Machine): void {
  const state = m.exceptionState;
  const heap = m.heap;
  state.records = state.records.filter((r) => alive(m, r.error));
  for (const err of [...state.holding]) {
    if (alive(m, err)) continue;
    // An exception caught in a frame `err` left still points at that frame.
    if (state.records.some((r) => r.carriedBy === err))
      throw new Unsupported('an exception kept past the one that left its frame');
    state.holding.delete(err);
    for (const locals of err.heldLocals) for (const v of locals) heap.decref(v);
    err.heldLocals.length = 0;
  }
  if (state.handling.length === 0 && heap.raised === 0 && state.holding.size > 0)
    throw new Unsupported('an exception kept past its except block that left a function');
}

/**
 * A Python function call ends (normally, or by `leaving`): an exception caught in it
 * that is still alive would keep its frame object (and locals) alive: refused. Errors
 * of `leaving`'s chain are handed to the caller's frame.
 */
export function leaveFrame(m: Machine, leaving: PythonError | undefined): void {
  const state = m.exceptionState;
  const chain = new Set<PythonError>();
  for (let c = leaving; c !== undefined; c = c.context ?? c.causedBy) chain.add(c);
  for (const r of state.records) {
    if (r.depth < m.depth || !alive(m, r.error)) continue;
    if (chain.has(r.error) && leaving !== undefined) {
      r.depth = m.depth - 1;
      r.carriedBy = leaving;
    } else throw new Unsupported('an exception object that outlives the call that caught it');
  }
}

/** Whether an alive exception's traceback holds function frames (gc.collect() refused). */
export function framesHeld(m: Machine): boolean {
  const state = m.exceptionState;
  return state.records.some(
    (r) => alive(m, r.error) && (r.depth > 1 || r.error.heldLocals.length > 0),
  );
}

/** The per-run exception state the machine keeps. */
export class ExceptionState {
  /** The errors whose `except` / `finally` blocks are running, innermost last. */
  readonly handling: PythonError[] = [];
  /** Exception objects made, by handle. */
  readonly errors: Map<ObjectHandle, PythonError> = new Map();
  /** Caught errors and the depth of the frame that caught them. */
  records: { error: PythonError; depth: number; carriedBy?: PythonError }[] = [];
  /** Errors holding the locals of frames they left. */
  readonly holding: Set<PythonError> = new Set();
  /** True once an exception object was made. */
  made = false;
  /** True once the heap's module frame is pushed. */
  heapFrame = false;
}

/** An error leaves a function frame: the frame's references stay with it (see the module comment). */
export function holdFrame(m: Machine, err: unknown, references: ObjectHandle[]): boolean {
  if (!(err instanceof PythonError)) return false;
  err.heldLocals.push(references);
  m.exceptionState.holding.add(err);
  return true;
}
