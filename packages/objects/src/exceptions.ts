/**
 * Exceptions and tracebacks: `BaseException` instances (plain built-in subclasses such
 * as ValueError share its layout), raising one in the running call, unwinding it to
 * the caller, catching it, and the traceback chain it collects.
 *
 *   exception block ─► [PyGC_Head][refcnt][type][dict][args][notes (3.11+)]
 *                       [traceback][context][cause][suppress_context]
 *                       80 bytes on 3.8–3.10, 88 on 3.11+ (44 on wasm32 3.14)
 *                       StopIteration adds [value]: 88 / 96 (48 on wasm32 3.14)
 *   traceback block ─► [PyGC_Head][refcnt][type][tb_next][tb_frame][tb_lasti][tb_lineno]
 *                       56 bytes (32 on wasm32)
 *
 *   e.__traceback__ ─► tb(frame of the catching call) ─tb_next─► tb(frame that raised)
 *                          │ tb_frame                               │ tb_frame
 *                          ▼                                        ▼
 *                      frame object (3.11+: materialised by PyTraceBack_Here)
 *
 * A raise adds one traceback for the running frame; each frame the exception leaves
 * adds one for its caller (PyTraceBack_Here), the newest at the head of the chain.
 * Catching it in a function that keeps it in a local (`except E as err: keep = err`)
 * makes the cycle exception → traceback → frame → (local) exception: the frame keeps
 * its slots after the call returns (3.8–3.10 the frame object is the frame; 3.11+ it
 * takes the frame over), so only the cycle collector can free it.
 *
 * Invariants: a traceback holds one counted reference to its frame object and one to
 * tb_next; an exception holds one to its args tuple and one to its traceback; at most
 * one exception is being raised (`heap.raised`, held as an external reference); an
 * `except` block's exc_info references (`heap.handlers`) count as external ones.
 * Raising while an `except` block runs sets `__context__` to the exception it
 * handles; `raise … from c` sets `__cause__`.
 * An exception of a program's class (`newException(…, cls)`) also holds its class
 * (subtype_traverse visits it first; subtype_dealloc drops it after the block is freed)
 * and, once an attribute is stored, its `__dict__`.
 * A StopIteration (PyStopIterationObject) also holds `value`: its first argument or
 * None (StopIteration_init), visited and cleared before BaseException's fields.
 * 3.10+ NameError (UnboundLocalError too) adds [name] and AttributeError [obj][name]
 * (measured: 88 / 96 and 96 / 104 bytes on 3.10 / 3.11–3.13), visited and cleared
 * before BaseException's fields; the interpreter fills them when it raises one
 * ({@link setExceptionContext}), an unset one reads None.
 * Not modelled: the `__dict__` of a builtin class's exception,
 * notes, exception subclasses with other extra fields (OSError, SystemExit, …), and
 * 3.8–3.11 keeping the growing traceback in the thread state until the handler
 * attaches it (the same objects are made; only who holds them in between differs).
 * Models BaseException_new / BaseException_vectorcall (3.12+), BaseException_dealloc,
 * _traverse and _clear (Objects/exceptions.c) and PyTraceBack_Here, tb_dealloc,
 * tb_traverse, tb_clear (Python/traceback.c), 3.8–3.14; measured as frames.ts says.
 */

import { dictData, dictSetItem, newDict } from './dicts.ts';
import { frameObjectFor, type InterpreterFrame, returnFromFunction } from './frames.ts';
import type { HeapCore, ObjectHandle } from './heap-core.ts';
import { HeapError } from './heap-error.ts';
import { objectDictSetItem } from './instances.ts';
import { identifier } from './interned.ts';
import { keyIdentity } from './key-identity.ts';
import { newTuple } from './tuples.ts';

/** What an exception holds among the modelled objects. */
export interface ExceptionData {
  /** `args` (a tuple). */
  args: ObjectHandle;
  /** `__traceback__`, or 0. */
  traceback: ObjectHandle;
  /** `__cause__` (`raise … from c`), or 0. */
  cause: ObjectHandle;
  /** `__context__`: the exception being handled when this one was raised, or 0. */
  context: ObjectHandle;
  /** Its class when the program made it (a mortal class deriving from an exception class), or 0. */
  readonly cls: ObjectHandle;
  /** `__dict__`: made by the first attribute store (0 until then). */
  dict: ObjectHandle;
  /** A StopIteration's `value` (0 once cleared); absent for other classes. */
  value?: ObjectHandle;
  /** 3.10+ NameError / AttributeError: `name` (0: None); absent for other classes. */
  name?: ObjectHandle;
  /** 3.10+ AttributeError: `obj` (0: None); absent for other classes. */
  obj?: ObjectHandle;
}

/**
 * The C layouts with fields past BaseException's that the heap makes:
 * PyStopIterationObject (`value`), 3.10+ PyNameErrorObject (`name`; NameError and
 * UnboundLocalError) and PyAttributeErrorObject (`obj`, `name`).
 */
export type ExceptionLayout = 'base' | 'stopIteration' | 'nameError' | 'attributeError';

/** The words an exception of `layout` has past BaseException's. */
function extraWords(data: ExceptionData): number {
  return (
    (data.value !== undefined ? 1 : 0) +
    (data.name !== undefined ? 1 : 0) +
    (data.obj !== undefined ? 1 : 0)
  );
}

/** What a traceback holds. */
export interface TracebackData {
  /** `tb_next`, or 0. */
  next: ObjectHandle;
  /** `tb_frame`. */
  frame: ObjectHandle;
}

/** The data of an exception. */
export function exceptionData(heap: HeapCore, e: ObjectHandle): ExceptionData {
  return heap.table.payload[e] as ExceptionData;
}

/** The data of a traceback. */
export function tracebackData(heap: HeapCore, tb: ObjectHandle): TracebackData {
  return heap.table.payload[tb] as TracebackData;
}

/**
 * `sys.getsizeof` (= the request) of an exception; `o` given, of that one: an instance
 * of a program's class also has the weak list type_new adds (a member slot on
 * 3.8–3.11; 3.12+ a managed weak reference, two words before the GC header).
 * Measured: `class E(Exception): pass`, `sys.getsizeof(E())` is 88 on 3.8–3.10, 96 on
 * 3.11, 104 on 3.12–3.13.
 */
export function exceptionSizeof(heap: HeapCore, o: ObjectHandle = 0): number {
  if (o === 0) return exceptionRequest(heap, 0);
  const data = exceptionData(heap, o);
  return exceptionRequest(heap, data.cls, extraWords(data));
}

function exceptionRequest(heap: HeapCore, cls: ObjectHandle, extra = 0): number {
  const { minor, pointerSize: w } = heap.layout;
  // header, dict, args, (notes,) traceback, context, cause, a char padded to a word,
  // then the subclass's own fields (StopIteration: value; NameError: name;
  // AttributeError: obj, name). Measured: AttributeError 96 / 104 and NameError 88 / 96
  // on 3.10 / 3.11–3.13.
  const base = heap.gcRequest(2 * w + (minor >= 11 ? 6 : 5) * w + w + extra * w);
  return cls === 0 ? base : base + (minor >= 12 ? 2 * w : w);
}

/** `sys.getsizeof` (= the request) of a traceback. */
export function tracebackSizeof(heap: HeapCore): number {
  const w = heap.layout.pointerSize;
  return heap.gcRequest(2 * w + 2 * w + 8);
}

/**
 * `BaseException(*args)`: a new exception (tracked) whose args tuple holds new
 * references to `args`. 3.8–3.11 build the call's args tuple first, 3.12+ the
 * exception first (BaseException_vectorcall). `stopIteration`: a StopIteration, whose
 * own tp_init (StopIteration_init) sends every version through type_call (the tuple
 * first) and sets `value` to the first argument or None.
 */
export function newException(
  heap: HeapCore,
  args: readonly ObjectHandle[],
  cls: ObjectHandle = 0,
  layout: boolean | ExceptionLayout = 'base',
): ObjectHandle {
  for (const a of args) heap.check(a);
  if (cls !== 0) heap.expect(cls, 'type');
  const kind: ExceptionLayout =
    layout === true ? 'stopIteration' : layout === false ? 'base' : layout;
  const stopIteration = kind === 'stopIteration';
  if (kind !== 'base' && cls !== 0)
    throw new HeapError('unsupported', `a program class with the layout ${kind}`);
  if ((kind === 'nameError' || kind === 'attributeError') && heap.layout.minor < 10)
    throw new HeapError('unsupported', `the ${kind} layout before 3.10`);
  // A program's class is called through type_call (its arguments tuple made first on
  // every version): BaseException_new stores that tuple as args.
  const tupleFirst = heap.layout.minor < 12 || cls !== 0 || stopIteration;
  let tuple = tupleFirst ? newTuple(heap, args) : 0;
  const data: ExceptionData = { args: 0, traceback: 0, cause: 0, context: 0, cls, dict: 0 };
  if (kind === 'nameError' || kind === 'attributeError') data.name = 0;
  if (kind === 'attributeError') data.obj = 0;
  if (stopIteration) data.value = 0;
  const request = exceptionRequest(heap, cls, extraWords(data));
  const e = heap.allocObject('exception', heap.objMalloc(request));
  if (stopIteration) {
    data.value = args[0] ?? heap.none;
    heap.increment(data.value);
  }
  if (!tupleFirst) tuple = newTuple(heap, args);
  heap.adopt(tuple);
  data.args = tuple;
  heap.table.payload[e] = data;
  if (cls !== 0) heap.increment(cls);
  heap.track(e);
  return e;
}

/** PyTraceBack_Here: a traceback for the innermost running call's frame at the head of `e`'s chain. */
function tracebackHere(heap: HeapCore, e: ObjectHandle): void {
  const frame = heap.callStack.at(-1);
  if (frame === undefined) throw new HeapError('invalid-argument', 'no call is running');
  tracebackFor(heap, e, frame);
}

/** PyTraceBack_Here for `frame` (made into a frame object on demand) at the head of `e`'s chain. */
export function tracebackFor(heap: HeapCore, e: ObjectHandle, frame: InterpreterFrame): void {
  const f = frameObjectFor(heap, frame);
  const data = exceptionData(heap, e);
  const tb = newTraceback(heap, data.traceback, f);
  // The chain moves from the exception to the new head, which the exception now holds.
  heap.table.external[tb]!--;
  data.traceback = tb;
}

/**
 * `_PyTraceBack_FromFrame(next, frame)`: a new traceback (tracked, one external
 * reference) taking over the reference to `next` and a new one to `frame`.
 */
export function newTraceback(
  heap: HeapCore,
  next: ObjectHandle,
  frame: ObjectHandle,
): ObjectHandle {
  heap.expect(frame, 'frame');
  const tb = heap.allocObject('traceback', heap.objMalloc(tracebackSizeof(heap)));
  heap.increment(frame);
  heap.table.payload[tb] = { next, frame } satisfies TracebackData;
  heap.track(tb);
  return tb;
}

/** Attaches `tb` (the caller's reference, taken) as `e.__traceback__`; e had none. */
export function setTraceback(heap: HeapCore, e: ObjectHandle, tb: ObjectHandle): void {
  heap.adopt(tb);
  exceptionData(heap, e).traceback = tb;
}

/** `raise e` in the innermost running call (the caller's reference to `e` is taken). */
export function raiseException(heap: HeapCore, e: ObjectHandle, cause: ObjectHandle = 0): void {
  heap.expect(e, 'exception');
  if (cause !== 0) heap.expect(cause, 'exception');
  if (heap.raised !== 0) throw new HeapError('unsupported', 'an exception is already being raised');
  const data = exceptionData(heap, e);
  // do_raise: `from cause` (suppress_context is set; not modelled as it holds nothing).
  if (cause !== 0) replaceReference(heap, data, 'cause', cause);
  // _PyErr_SetObject: the exception being handled becomes the new one's context.
  const handled = heap.handlers.at(-1)?.[0] ?? 0;
  if (handled !== 0 && handled !== e) replaceReference(heap, data, 'context', handled);
  heap.raised = e;
  tracebackHere(heap, e);
}

/** Stores a new reference to `value` in `data[field]`, releasing the old one after. */
function replaceReference(
  heap: HeapCore,
  data: ExceptionData,
  field: 'cause' | 'context',
  value: ObjectHandle,
): void {
  heap.increment(value);
  const old = data[field];
  data[field] = value;
  if (old !== 0) heap.release(old);
}

/** The raised exception leaves the innermost call: it returns, and its caller gets a traceback. */
export function unwindException(heap: HeapCore): void {
  if (heap.raised === 0) throw new HeapError('invalid-argument', 'no exception is being raised');
  returnFromFunction(heap);
  if (heap.callStack.length > 0) tracebackHere(heap, heap.raised);
}

/**
 * `except …`: the raised exception is caught; the caller gets the reference. The
 * handler's exc_info holds its own references until {@link endExcept}: the exception
 * and (3.8–3.10, whose exc_info is a type/value/traceback triple) its traceback and
 * its class when the program made it.
 */
export function catchException(heap: HeapCore): ObjectHandle {
  const e = heap.raised;
  if (e === 0) throw new HeapError('invalid-argument', 'no exception is being raised');
  heap.raised = 0;
  const held = [e];
  const { traceback: tb, cls } = exceptionData(heap, e);
  if (heap.layout.minor < 11 && tb !== 0) held.push(tb);
  // 3.8–3.10's exc_info triple also holds the type: counted for a program's class (a
  // static builtin class's count is not modelled). Measured: `sys.getrefcount(E)` in
  // `except E:` is one higher on 3.8–3.10 than on 3.11+.
  if (heap.layout.minor < 11 && cls !== 0) held.push(cls);
  for (const o of held) {
    heap.table.external[o]!++;
    heap.increment(o);
  }
  heap.handlers.push(held);
  return e;
}

/**
 * POP_EXCEPT at the end of the innermost `except` block: its exc_info references are
 * dropped, the exception's before its traceback's. (3.8 runs it after the block's
 * `err = None; del err`, 3.9+ before: in 3.8 a caught exception nobody keeps dies
 * before its traceback, in 3.9+ after — measured.)
 */
export function endExcept(heap: HeapCore): void {
  const held = heap.handlers.pop();
  if (held === undefined) throw new HeapError('invalid-argument', 'no except block is running');
  for (const o of held) {
    heap.table.external[o]!--;
    heap.release(o);
  }
}

/** The objects an exception or traceback refers to, in its tp_traverse order. */
export function exceptionReferents(heap: HeapCore, o: ObjectHandle): ObjectHandle[] {
  if (heap.typeName(o) === 'traceback') {
    const { next, frame } = tracebackData(heap, o);
    return [next, frame].filter((r) => r !== 0);
  }
  // subtype_traverse: the heap type, then BaseException_traverse: dict, args, notes,
  // traceback, cause, context.
  // StopIteration_traverse visits value first; AttributeError_traverse obj, then name;
  // NameError_traverse name.
  const { args, traceback, cause, context, cls, dict, value, name, obj } = exceptionData(heap, o);
  return [cls, value ?? 0, obj ?? 0, name ?? 0, dict, args, traceback, cause, context].filter(
    (r) => r !== 0,
  );
}

/**
 * 3.10+ set_attribute_error_context / format_exc_check_arg: an AttributeError's `name`
 * and `obj`, a NameError's `name` (new references; a field set already is kept).
 */
export function setExceptionContext(
  heap: HeapCore,
  e: ObjectHandle,
  name: ObjectHandle,
  obj: ObjectHandle = 0,
): void {
  const data = exceptionData(heap, e);
  if (data.name === undefined) throw new HeapError('wrong-type', 'no name field');
  if (data.name !== 0 || (data.obj ?? 0) !== 0) return;
  heap.check(name);
  heap.increment(name);
  data.name = name;
  if (obj !== 0) {
    if (data.obj === undefined) throw new HeapError('wrong-type', 'no obj field');
    heap.check(obj);
    heap.increment(obj);
    data.obj = obj;
  }
}

/**
 * tp_clear (BaseException_clear, tb_clear); also what their tp_dealloc releases, in
 * order. A program's class stays held (subtype_clear keeps it): see
 * {@link releaseExceptionClass}.
 */
export function clearException(heap: HeapCore, o: ObjectHandle): ObjectHandle[] {
  const drop = exceptionReferents(heap, o);
  if (heap.typeName(o) === 'exception' && exceptionData(heap, o).cls !== 0) drop.shift();
  if (heap.typeName(o) === 'traceback') {
    const data = tracebackData(heap, o);
    data.next = 0;
    data.frame = 0;
  } else {
    const data = exceptionData(heap, o);
    if (data.value !== undefined) data.value = 0;
    if (data.name !== undefined) data.name = 0;
    if (data.obj !== undefined) data.obj = 0;
    data.dict = 0;
    data.args = 0;
    data.traceback = 0;
    data.cause = 0;
    data.context = 0;
  }
  return drop;
}

/**
 * subtype_dealloc's last step for an instance of a program's exception class: once
 * BaseException_dealloc freed the block, the class loses the instance's reference.
 * Call with the class read before the block was freed; 0 does nothing.
 */
export function releaseExceptionClass(heap: HeapCore, cls: ObjectHandle): void {
  if (cls !== 0) heap.release(cls);
}

/**
 * `e.name = v` on an exception of a program class (PyObject_GenericSetAttr through
 * BaseException's dict pointer, _PyObjectDict_SetItem): the first store makes the dict —
 * 3.8–3.10 a split dict on the class's cached keys (as an instance's), 3.11+ a plain
 * new dict (the class caches no keys: its dict is not managed). Measured: one attribute
 * makes a 104-byte dict on 3.8–3.10, 184 on 3.11–3.13.
 */
export function exceptionSetAttr(
  heap: HeapCore,
  e: ObjectHandle,
  name: string,
  v: ObjectHandle,
): void {
  heap.check(v);
  const data = exceptionData(heap, e);
  if (data.cls === 0) throw new HeapError('unsupported', 'an attribute of a builtin exception');
  if (heap.layout.minor < 11) {
    objectDictSetItem(heap, e, name, v);
    return;
  }
  if (data.dict === 0) {
    data.dict = newDict(heap);
    heap.table.external[data.dict]!--;
  }
  dictSetItem(heap, data.dict, identifier(heap, name), v);
}

/** `e.name` from an exception's `__dict__`: a borrowed reference, or 0. */
export function exceptionGetAttr(heap: HeapCore, e: ObjectHandle, name: string): ObjectHandle {
  // StopIteration's `value`, NameError's / AttributeError's `name` and `obj` members
  // (data descriptors: before the dict; an unset one reads None).
  const data = exceptionData(heap, e);
  if (name === 'value' && data.value !== undefined)
    return data.value === 0 ? heap.none : data.value;
  if (name === 'name' && data.name !== undefined) return data.name === 0 ? heap.none : data.name;
  if (name === 'obj' && data.obj !== undefined) return data.obj === 0 ? heap.none : data.obj;
  const d = exceptionData(heap, e).dict;
  if (d === 0) return 0;
  return dictData(heap, d).entries.get(keyIdentity(heap, identifier(heap, name)))?.[1] ?? 0;
}

/**
 * The names in an exception's `__dict__` (unordered; none before one is made), or null
 * when a key is not a str.
 */
export function exceptionAttributeNames(heap: HeapCore, e: ObjectHandle): string[] | null {
  const d = exceptionData(heap, e).dict;
  if (d === 0) return [];
  const names: string[] = [];
  for (const key of dictData(heap, d).entries.keys()) {
    if (!key.startsWith('s')) return null;
    names.push(key.slice(1));
  }
  return names;
}

/**
 * BaseException_init(self, args): `args` becomes a new tuple of `values` (new
 * references); the old tuple is released after.
 */
export function setExceptionArgs(
  heap: HeapCore,
  e: ObjectHandle,
  values: readonly ObjectHandle[],
): void {
  const data = exceptionData(heap, e);
  const tuple = newTuple(heap, values);
  heap.adopt(tuple);
  const old = data.args;
  data.args = tuple;
  if (old !== 0) heap.release(old);
}
