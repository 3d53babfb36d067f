/**
 * Exceptions at run time: a Python error (a JS `PythonError` unwinding the compiled
 * closures) and the exception object it stands for on the heap.
 *
 *   raise X / failing operation ─► PythonError ──► materialise(): heap exception
 *        (explicit raise: made now)     │   (the first try/finally it reaches, the first
 *                                       │    function frame it leaves, or leaving an
 *                                       │    except block) + a traceback entry
 *                                       ▼
 *   leaving a call ─► unwindCall(): the frame's locals move to its heap frame, the
 *                     heap unwinds it (the caller's traceback entry)
 *   try: … except  ─► caught(): exc_info references, the `as` name … popExcept()
 *   bare raise / no matching clause / end of finally ─► reraise(): no new entry
 *
 * Frames: every running Python call gets a frame on the heap's call stack (module
 * first) when an exception is first made under it (`ensureHeapFrames`), so that each
 * traceback entry points at the frame object CPython's points at (3.8–3.10 the frame
 * object, f_back linked; 3.11+ materialised by PyTraceBack_Here). The Python frame
 * keeps its own locals while it runs; when it is left while its frame object is still
 * referenced — by a traceback of an exception in flight or kept, or by a kept frame
 * object's f_back — its locals move into the heap frame (storeFast), so the frame object
 * holds them as CPython's does (3.11+ take_ownership), and the cycle exception →
 * traceback → frame → local is on the heap for the collector to find.
 * Not modelled, so refused: `id()` once an exception object was made (frame objects are
 * made late and with a guessed value-stack size, STACK_SIZE); `sys.getrefcount` of a
 * function while a 3.11+ kept frame object may hold it (f_funcobj). An error whose
 * object cannot be made (a class with fields of its own) keeps the locals of the
 * frames it leaves in `heldLocals`: it ends the run (a `try` reaching it refuses it).
 * Invariants: `handling` and `heap.handlers` grow and shrink together; the heap's call
 * stack is never deeper than the Python one, frame i standing for Python call i; an
 * error whose exception object is made is in `errors` under its handle.
 * Models ceval.c's exception_unwind (3.8–3.10) / the exception table (3.11+), do_raise,
 * PUSH_EXC_INFO / POP_EXCEPT and the except-as cleanup (Python/compile.c
 * compiler_try_except), 3.8–3.13.
 */
import type { CodeObject, ObjectHandle } from '@pymem/objects';
import { PythonError, Unsupported } from './errors.ts';
import {
  exceptionClass,
  exceptionLayout,
  exceptionText,
  hasExtraFields,
  setExceptionClass,
} from './exception-classes.ts';
import { printedClassName } from './exception-subclasses.ts';
import type { Frame, FunctionCode } from './frame.ts';
import type { Machine } from './machine.ts';

/** What a `catch` recorded, to restore on a bare `raise`. */
interface CatchMark {
  readonly frames: number;
  readonly line: number;
  readonly location: PythonError['location'];
  readonly depth: number;
}

const marks: WeakMap<PythonError, CatchMark[]> = new WeakMap();

/**
 * The value-stack size given to the heap's code objects: CPython's co_stacksize is
 * not computed here, so a frame object's size is not the real one (its block is
 * never compared: `id()` is refused once exceptions were made).
 */
const STACK_SIZE = 8;

/** The heap's code object for a Python function (the module's for null). */
function heapCode(m: Machine, code: FunctionCode | null): CodeObject {
  const state = m.exceptionState;
  const key = code ?? state;
  let heapCodeObject = state.codes.get(key);
  if (heapCodeObject === undefined) {
    const nlocals = code?.localCount ?? 0;
    heapCodeObject = m.heap.newCode({
      nlocals,
      ncells: 0,
      nfrees: 0,
      stacksize: STACK_SIZE,
      flags: 0,
    });
    state.codes.set(key, heapCodeObject);
  }
  return heapCodeObject;
}

/**
 * Gives every running Python call a frame on the heap's call stack (the module's first),
 * so that tracebacks point at the frames CPython's point at. Frames are pushed when an
 * exception is first made under them, holding no locals until the frame is left
 * while a traceback (or a kept frame object below it) still refers to it.
 */
function ensureHeapFrames(m: Machine): void {
  const heap = m.heap;
  const calls = m.exceptionState.calls;
  while (heap.callStack.length < m.depth) {
    const i = heap.callStack.length;
    heap.callFunction(heapCode(m, i === 0 ? null : calls[i - 1]!));
  }
}

/** A Python call starts (its frame is pushed on the heap only when an exception needs it). */
export function enterCall(m: Machine, code: FunctionCode): void {
  m.exceptionState.calls.push(code);
}

/** Moves a Python frame's locals into its heap frame (the frame object will hold them). */
function transferLocals(m: Machine, frame: Frame): void {
  const heap = m.heap;
  for (let i = 0; i < frame.locals.length; i++) {
    const v = frame.locals[i]!;
    if (v === 0) continue;
    heap.storeFast(i, v);
    heap.decref(v);
    frame.locals[i] = 0;
  }
}

/**
 * A Python call returns normally. When its heap frame's object is still referenced (by a
 * kept exception's traceback, or a kept frame object's f_back), the frame object keeps
 * the locals (3.8–3.10 it is the frame; 3.11+ take_ownership); then the heap frame
 * returns. `holdsFunction`: 3.11+, whose frame object also holds the function.
 */
export function returnFromCall(m: Machine, frame: Frame, holdsFunction: boolean): void {
  const heap = m.heap;
  const state = m.exceptionState;
  state.calls.pop();
  if (heap.callStack.length !== m.depth) return;
  const f = heap.callStack.at(-1)!.frameObject;
  if (f !== 0 && heap.refcount(f) > 1) keepFrame(m, frame, f, holdsFunction);
  heap.returnFromFunction();
}

function keepFrame(m: Machine, frame: Frame, f: ObjectHandle, holdsFunction: boolean): void {
  transferLocals(m, frame);
  if (holdsFunction) m.exceptionState.framesHoldingFunctions.push(f);
}

/**
 * An error leaves a Python call: its exception object is made (if it can be), the
 * frame's locals move to the heap frame the traceback holds, and the heap unwinds it
 * (its caller gets a traceback entry). An error without an object keeps the locals in
 * `heldLocals` (it ends the run: a `try` refuses it).
 */
export function unwindCall(
  m: Machine,
  err: PythonError,
  frame: Frame,
  holdsFunction: boolean,
): void {
  const heap = m.heap;
  materialise(m, err, false);
  m.exceptionState.calls.pop();
  if (err.exception !== 0) {
    const record = heap.callStack.at(-1)!;
    keepFrame(m, frame, record.frameObject, holdsFunction);
    heap.unwindException();
    return;
  }
  if (heap.callStack.length === m.depth) heap.returnFromFunction();
  err.heldLocals.push(frame.locals.filter((v) => v !== 0));
  frame.locals.fill(0);
}

/** Whether a kept frame object may hold a function (3.11+ f_funcobj): its count is not known. */
export function functionsHeldByFrames(m: Machine): boolean {
  const state = m.exceptionState;
  state.framesHoldingFunctions = state.framesHoldingFunctions.filter(
    (f) => m.heap.isLive(f) && m.heap.typeOf(f) === 'frame',
  );
  return state.framesHoldingFunctions.length > 0;
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
  // A StopIteration known only by its text (a generator's return value): not made.
  const textOnly = err.argValues === undefined && err.detail !== '';
  if (hasExtraFields(err.type, m.minor) || (err.type === 'StopIteration' && textOnly)) {
    if (refuse) throw new Unsupported(`an exception object of class ${err.type} on 3.${m.minor}`);
    return 0;
  }
  const heap = m.heap;
  ensureHeapFrames(m);
  const args = err.argValues ?? (err.detail === '' ? [] : [heap.newStr(err.detail)]);
  err.argValues = undefined;
  const e = heap.newException(args, 0, exceptionLayout(err.type, m.minor));
  for (const a of args) heap.decref(a);
  setExceptionClass(heap, e, err.type);
  // 3.10+: the name (and object) the interpreter stored when it raised it.
  const context = err.errorContext;
  if (context !== undefined) {
    err.errorContext = undefined;
    heap.setExceptionContext(e, context.name, context.obj);
    heap.decref(context.name);
    if (context.obj !== 0) heap.decref(context.obj);
  }
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
  const name = exceptionClass(heap, e);
  // An object raised before keeps its error: its traceback grows (PyTraceBack_Here
  // prepends to the chain it has), as do the frames the text prints.
  const known = m.exceptionState.errors.get(e);
  const err = known ?? new PythonError(printedClassName(m, e, name), textOf(m, e));
  const handled = m.exceptionState.handling.at(-1);
  if (handled !== undefined && handled.exception !== e) {
    for (let c: PythonError | undefined = handled; c !== undefined; c = c.context)
      if (c === err)
        throw new Unsupported('a context chain that would loop back (CPython cuts it)');
    err.context = handled;
  }
  if (cause !== null) {
    err.suppressContext = true;
    err.causedBy = cause === 0 ? undefined : errorFor(m, cause);
  }
  ensureHeapFrames(m);
  heap.raiseException(e, cause ?? 0);
  register(m, err, e);
  return err;
}

/** The error an exception object stands for (a never-raised one: no traceback). */
function errorFor(m: Machine, e: ObjectHandle): PythonError {
  const known = m.exceptionState.errors.get(e);
  if (known !== undefined) return known;
  return new PythonError(printedClassName(m, e, exceptionClass(m.heap, e)), textOf(m, e));
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
  list.push({ frames: err.frames.length, line, location: err.location, depth: m.depth });
  err.frames.push({
    position: { line, column: 0 },
    scope,
    ...(err.location === undefined ? {} : { location: err.location }),
  });
  err.location = undefined;
  const e = m.heap.catchException();
  m.exceptionState.handling.push(err);
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
  if (mark === undefined || mark.depth !== m.depth)
    throw new Unsupported('re-raising an exception outside the call that caught it');
  err.frames.length = mark.frames;
  err.location = mark.location;
  m.heap.raised = e;
  return { line: mark.line };
}

/** The per-run exception state the machine keeps. */
export class ExceptionState {
  /** The errors whose `except` / `finally` blocks are running, innermost last. */
  readonly handling: PythonError[] = [];
  /** Exception objects made, by handle. */
  readonly errors: Map<ObjectHandle, PythonError> = new Map();
  /** True once an exception object was made. */
  made = false;
  /** The code of each running Python call (the module's not included). */
  readonly calls: FunctionCode[] = [];
  /** The heap's code object of each Python function (and of the module, keyed by this state). */
  readonly codes: WeakMap<object, CodeObject> = new WeakMap();
  /** 3.11+ frame objects kept after their call that hold its function (f_funcobj). */
  framesHoldingFunctions: ObjectHandle[] = [];
}
