/**
 * Calls that involve the program's classes (`pymem run`):
 *
 *   A(x)                type_call: 3.8–3.12 (and 3.13's first run of a call site) make
 *                       an arguments tuple (_PyObject_MakeTpCall), the instance, then
 *                       `__init__(self, *args)` whose frame gets new references; 3.13
 *                       specialises the call site on its second run
 *                       (CALL_ALLOC_AND_ENTER_INIT): no tuple, the frame takes the
 *                       caller's references (measured: getrefcount of an argument inside
 *                       `__init__` drops by two)
 *   o.f(x)              LOAD_METHOD (3.8–3.11) / LOAD_ATTR with the method bit (3.12+):
 *                       no bound method; the call gets (self, x) like a function call
 *   m(x)                a bound method: 3.8–3.10 pass im_self borrowed
 *                       (method_vectorcall); 3.11+ CALL unpacks it onto the stack with
 *                       new references and drops the method first
 *
 * Invariant: a frame owns one reference per local; the caller's stack references are
 * released as the call's kind does (Machine.releaseArguments order).
 * Models type_call, slot_tp_init and _PyObject_GetMethod (Objects/typeobject.c,
 * Objects/object.c), method_vectorcall (Objects/classobject.c), LOAD_METHOD /
 * CALL_METHOD / CALL (Python/ceval.c, 3.8–3.13) and CALL_ALLOC_AND_ENTER_INIT
 * (Python/bytecodes.c, 3.13).
 */
import type { ObjectHandle } from '@pymem/objects';
import type { BorrowSite, CallBorrows } from './borrowed-loads.ts';
import { classLookup, isInstanceOfClass, loadAttribute } from './class-attributes.ts';
import { instanceCall } from './class-dunders.ts';
import { bindArguments, runCall } from './compile-arguments.ts';
import { releaseLibraryArguments } from './compile-lib.ts';
import type { Compiler } from './compiler.ts';
import { type ErrorLocation, notCallable, PythonError, Unsupported } from './errors.ts';
import { exceptionBaseOf, newProgramException } from './exception-subclasses.ts';
import type { Expression, Frame } from './frame.ts';
import type { Machine } from './machine.ts';
import { partialCall } from './module-functools.ts';
import { weakrefCall, weakrefReferent } from './module-weakref.ts';

const MAX_DEPTH = 900;

/**
 * Runs a Python function's body in a new frame whose locals are `frameArgs` (the frame
 * owns those references; positional, then the defaults it lacks). Returns the result
 * (a new reference); the locals are cleared in slot order.
 */
export function runFunction(
  m: Machine,
  f: ObjectHandle,
  frameArgs: ObjectHandle[],
  borrows?: CallBorrows,
): ObjectHandle {
  const heap = m.heap;
  const code = m.functions.get(f);
  if (code === undefined) {
    // A function the library made (lru_cache's cache_parameters): not modelled.
    for (const v of frameArgs) heap.decref(v);
    throw new Unsupported('calling a function the library made');
  }
  // The function's own `__defaults__`: its closure and (3.10+) annotations are tuples too.
  const { defaults } = heap.functionDefaults(f);
  const defaultItems = defaults === 0 ? [] : heap.referents(defaults);
  const required = code.parameters.length - defaultItems.length;
  const extended =
    code.varargs === true || code.varkeywords === true || (code.keywordOnly?.length ?? 0) > 0;
  if (!extended && (frameArgs.length < required || frameArgs.length > code.parameters.length)) {
    for (const v of frameArgs) heap.decref(v);
    throw new Unsupported(`this call of ${code.name}() (a TypeError)`);
  }
  if (m.depth >= MAX_DEPTH) {
    for (const v of frameArgs) heap.decref(v);
    throw new Unsupported(`recursion deeper than ${MAX_DEPTH} calls`);
  }
  let callee: Frame;
  if (extended) {
    // Keyword-only parameters, `*args`, `**kwargs`: bound as a function call binds them
    // (the frame takes the references); a TypeError is raised before anything is bound.
    try {
      callee = bindArguments(m, f, code, frameArgs, [], [], true);
    } catch (error) {
      for (const v of frameArgs) heap.decref(v);
      throw error;
    }
  } else {
    callee = { locals: new Array(code.localCount).fill(0), returned: 0, line: 0 };
    frameArgs.forEach((v, i) => {
      callee.locals[i] = v;
    });
    for (let i = frameArgs.length; i < code.parameters.length; i++) {
      const d = defaultItems[i - required]!;
      heap.incref(d);
      callee.locals[i] = d;
    }
  }
  if (code.makeGenerator !== undefined) {
    // A generator method's call: the generator takes the frame's values.
    const g = code.makeGenerator(callee.locals, f);
    for (const v of callee.locals) if (v !== 0) heap.decref(v);
    return g;
  }
  return runCall(m, code, callee, f, borrows);
}

/**
 * A call of `f` with the caller's stack references `values` (self first for a method):
 * 3.8–3.10 the frame gets new references and the caller releases its own after the
 * call, last first, then `f`; 3.11+ the frame takes them, and `f` is released after the
 * frame is cleared. Takes over `f` and `values`.
 */
export function callWithStack(
  m: Machine,
  f: ObjectHandle,
  values: ObjectHandle[],
  borrows?: CallBorrows,
): ObjectHandle {
  const heap = m.heap;
  if (m.rules.callFrameTakesArguments) {
    try {
      return runFunction(m, f, values, borrows);
    } finally {
      heap.decref(f);
    }
  }
  try {
    for (const v of values) heap.incref(v);
    return runFunction(m, f, [...values]);
  } finally {
    for (let i = values.length - 1; i >= 0; i--) heap.decref(values[i]!);
    heap.decref(f);
  }
}

/** Per call site: how many times it ran (3.13 specialises a class call on its second run). */
export interface CallSite {
  runs: number;
}

/** A new call-site record for {@link callObject}. */
export function newCallSite(): CallSite {
  return { runs: 0 };
}

/**
 * Calls `f` (a class or a bound method; a function is the compiler's) with the caller's
 * stack references `values`, which are released as the call's kind does. Returns a new
 * reference. Takes over `f` and `values`.
 */
export function callObject(
  m: Machine,
  f: ObjectHandle,
  values: ObjectHandle[],
  site: CallSite,
  borrow?: { readonly site: BorrowSite; readonly caller: Frame },
): ObjectHandle {
  const heap = m.heap;
  const type = heap.typeOf(f);
  site.runs++;
  if (type === 'type') {
    const instance = instantiate(m, f, values, site, borrow);
    // The CALL's eval-breaker check after it (3.12+: where a scheduled collection runs).
    m.gc?.evalBreaker();
    return instance;
  }
  if (type === 'method') {
    const [func, self] = heap.referents(f) as [ObjectHandle, ObjectHandle];
    if (heap.typeOf(func) !== 'function' || !m.functions.has(func)) {
      m.releaseArguments(values);
      heap.decref(f);
      throw new Unsupported('calling this bound method');
    }
    if (m.rules.callFrameTakesArguments) {
      // CALL: the method is replaced by its function and self (new references), then dropped.
      heap.incref(func);
      heap.incref(self);
      heap.decref(f);
      return callWithStack(m, func, [self, ...values], shiftedBorrows(m, func, values, borrow));
    }
    // method_vectorcall: self is passed borrowed; the frame takes its own references.
    try {
      heap.incref(self);
      for (const v of values) heap.incref(v);
      return runFunction(m, func, [self, ...values]);
    } finally {
      m.releaseArguments(values);
      heap.decref(f);
    }
  }
  try {
    // A value loaded as an attribute (`obj.ref()`, `obj.p()`) is called by its type's
    // tp_call: an instance's __call__, weakref_call, partial_call.
    if (type === 'instance') return instanceCall(m, f, values);
    if (type === 'weakref') return weakrefReferent(m, f, values);
    if (type === 'partial') return partialCall(m, f, values);
    throw notCallable(type, heap.typeNameOf(f), 'loaded as an attribute');
  } finally {
    m.releaseArguments(values);
    heap.decref(f);
  }
}

/**
 * `C(args)`: the instance, then `__init__` when the class defines one. 3.13 from the
 * call site's second run: no arguments tuple, and the `__init__` frame takes the
 * caller's references.
 */
function instantiate(
  m: Machine,
  cls: ObjectHandle,
  values: ObjectHandle[],
  site: CallSite,
  borrow?: { readonly site: BorrowSite; readonly caller: Frame },
): ObjectHandle {
  const heap = m.heap;
  if (exceptionBaseOf(m, cls) !== null) return newProgramException(m, cls, values);
  const newer = classLookup(m, cls, '__new__');
  if (newer !== 0) return newFromClass(m, cls, newer, values);
  const init = classLookup(m, cls, '__init__');
  if (init === 0) {
    if (values.length > 0) {
      m.releaseArguments(values);
      heap.decref(cls);
      throw new Unsupported('arguments to a class without __init__ (a TypeError)');
    }
    try {
      return heap.newInstance(cls);
    } finally {
      heap.decref(cls);
    }
  }
  if (heap.typeOf(init) !== 'function' || !m.functions.has(init)) {
    m.releaseArguments(values);
    heap.decref(cls);
    throw new Unsupported('this __init__');
  }
  if (m.minor >= 13 && site.runs >= 2) {
    // CALL_ALLOC_AND_ENTER_INIT: the instance; the init frame takes the stack's references.
    const self = heap.newInstance(cls);
    heap.decref(cls);
    heap.incref(init);
    heap.incref(self);
    try {
      const r = callWithStack(m, init, [self, ...values], shiftedBorrows(m, init, values, borrow));
      checkInitResult(m, r);
    } catch (error) {
      heap.decref(self);
      throw error;
    }
    return self;
  }
  // _PyObject_MakeTpCall: the arguments tuple; type_call → object_new → slot_tp_init.
  const args = values.length === 0 ? 0 : heap.newTuple(values);
  const self = heap.newInstance(cls);
  try {
    // No borrows are passed: 3.14's unspecialised class call holds two references fewer
    // than this path (measured: `print(sys.getrefcount(o))` in `__init__` 3 where 3.13
    // prints 5), so a getrefcount inside it is refused there.
    initFromC(m, init, self, values);
  } catch (error) {
    heap.decref(self);
    throw error;
  } finally {
    if (args !== 0) heap.decref(args);
    m.releaseArguments(values);
    heap.decref(cls);
  }
  return self;
}

/**
 * `C(args…)` for a class with a `__new__` of its own (type_new made it a staticmethod):
 * _PyObject_MakeTpCall's arguments tuple; type_call → slot_tp_new, which looks
 * `__new__` up on the class (the staticmethod gives its function) and calls it with the
 * class in front (_PyObject_Call_Prepend: the frame takes new references); then, when
 * the result is an instance of the class, its class's `__init__` (slot_tp_init) with
 * the same arguments — also for an instance `__new__` returned before (a singleton's
 * `__init__` runs again). Any other result is returned as it is. Without an `__init__`,
 * object_init accepts the arguments since tp_new is not object_new. Takes over `cls`
 * and `values`. Models type_call, slot_tp_new and object_init
 * (Objects/typeobject.c), 3.8–3.14.
 */
function newFromClass(
  m: Machine,
  cls: ObjectHandle,
  wrapper: ObjectHandle,
  values: ObjectHandle[],
): ObjectHandle {
  const heap = m.heap;
  const fn = heap.typeOf(wrapper) === 'staticmethod' ? heap.referents(wrapper)[0]! : 0;
  if (fn === 0 || heap.typeOf(fn) !== 'function' || !m.functions.has(fn)) {
    m.releaseArguments(values);
    heap.decref(cls);
    throw new Unsupported('this __new__');
  }
  const args = values.length === 0 ? 0 : heap.newTuple(values);
  let obj = 0;
  try {
    heap.incref(fn);
    heap.incref(cls);
    for (const v of values) heap.incref(v);
    try {
      obj = runFunction(m, fn, [cls, ...values]);
    } finally {
      heap.decref(fn);
    }
    if (heap.typeOf(obj) === 'instance' && isInstanceOfClass(m, obj, cls)) {
      const init = classLookup(m, heap.classOf(obj), '__init__');
      if (init !== 0) {
        if (heap.typeOf(init) !== 'function' || !m.functions.has(init))
          throw new Unsupported('this __init__');
        initFromC(m, init, obj, values);
      }
    }
  } catch (error) {
    if (obj !== 0) heap.decref(obj);
    throw error;
  } finally {
    if (args !== 0) heap.decref(args);
    m.releaseArguments(values);
    heap.decref(cls);
  }
  return obj;
}

/**
 * `C(args…, k=v…)`: no call of a class takes keywords without a dict.
 *   1. _PyObject_MakeTpCall: the positional arguments' tuple (none: the shared empty
 *      tuple), then _PyStack_AsDict's dict of the keywords (_PyDict_NewPresized, then
 *      PyDict_SetItem in order; 3.11+ _PyDict_FromItems, whose table is str-keyed:
 *      measured, `{}.update(six=…)` on 3.11–3.13 gives the 16-slot str-keyed clone);
 *   2. type_call → object_new: the instance; slot_tp_init → _PyObject_Call_Prepend puts
 *      self before the tuple's items (a small stack on the C stack);
 *   3. _PyStack_UnpackDict: a PyMem_Malloc'd argument array (3.9+: one slot more, for
 *      PY_VECTORCALL_ARGUMENTS_OFFSET) holding new references, and a new kwnames tuple
 *      of the dict's keys; the `__init__` frame takes its own references;
 *   4. after the call: the array's references first to last, the array, the kwnames
 *      tuple, then `__init__`; back in _PyObject_MakeTpCall the tuple, then the dict;
 *      the caller releases its stack as every call does.
 * Models Objects/call.c and Objects/typeobject.c slot_tp_init, 3.8–3.14. Takes over
 * `cls` and `values` (the positional arguments, then the keyword values).
 */
function instantiateWithKeywords(
  m: Machine,
  cls: ObjectHandle,
  values: ObjectHandle[],
  positional: number,
  keywords: readonly string[],
  keywordKeys: readonly ObjectHandle[],
): ObjectHandle {
  const heap = m.heap;
  const init = exceptionBaseOf(m, cls) === null ? classLookup(m, cls, '__init__') : 0;
  const code = init === 0 || heap.typeOf(init) !== 'function' ? undefined : m.functions.get(init);
  if (code === undefined || classLookup(m, cls, '__new__') !== 0) {
    m.releaseArguments(values);
    heap.decref(cls);
    throw new Unsupported('keyword arguments to a class without a Python __init__');
  }
  const args = positional === 0 ? 0 : heap.newTuple(values.slice(0, positional));
  let kwdict = 0;
  let self = 0;
  try {
    kwdict = heap.newDictPresized(keywords.length, true);
    for (let i = 0; i < keywords.length; i++)
      heap.dictSetItem(kwdict, keywordKeys[i]!, values[positional + i]!);
    self = heap.newInstance(cls);
    heap.incref(init);
    const stack = [self, ...values];
    const slots = stack.length + (m.minor >= 9 ? 1 : 0);
    const array = heap.memCall('malloc', 0, slots * heap.layout.pointerSize);
    const kwnames = heap.newTuple([...keywordKeys]);
    for (const v of stack) heap.incref(v);
    let r: ObjectHandle;
    try {
      let frame: Frame;
      try {
        frame = bindArguments(m, init, code, stack, keywords, keywordKeys, false);
      } catch (error) {
        if (error instanceof PythonError)
          throw new Unsupported(`this call of ${code.name}() (a TypeError)`);
        throw error;
      }
      r = runCall(m, code, frame, init);
    } finally {
      for (const v of stack) heap.decref(v);
      heap.memCall('free', array, 0);
      heap.decref(kwnames);
      heap.decref(init);
    }
    checkInitResult(m, r);
  } catch (error) {
    if (self !== 0) heap.decref(self);
    throw error;
  } finally {
    if (args !== 0) heap.decref(args);
    if (kwdict !== 0) heap.decref(kwdict);
    m.releaseArguments(values);
    heap.decref(cls);
  }
  m.gc?.evalBreaker();
  return self;
}

/**
 * `r.name(args…, k=v…)` on an instance whose class defines `name` as a Python function.
 * 3.8–3.10: LOAD_ATTR makes the bound method first (the receiver goes into it), then
 * CALL_FUNCTION_KW: method_vectorcall puts self in front of the stack (no allocation),
 * the frame takes new references, and the caller releases the arguments, then the
 * bound method. 3.11+: LOAD_METHOD leaves the function and self on the stack and CALL
 * with KW_NAMES moves them into the frame; the function is released after. Takes over
 * `r`; returns a new reference, or undefined (nothing taken over, `r` still the
 * caller's) when `name` is no such method.
 */
export function instanceMethodKeywordsCall(
  m: Machine,
  r: ObjectHandle,
  name: string,
  args: readonly Expression[],
  keywordValues: readonly Expression[],
  keywords: readonly string[],
  keywordKeys: readonly ObjectHandle[],
  frame: Frame,
): ObjectHandle | undefined {
  const heap = m.heap;
  if (heap.typeOf(r) !== 'instance' || heap.getAttr(r, name) !== 0) return undefined;
  const f = classLookup(m, heap.classOf(r), name);
  const code = f === 0 || heap.typeOf(f) !== 'function' ? undefined : m.functions.get(f);
  if (code === undefined) return undefined;
  const moves = m.rules.callFrameTakesArguments;
  // 3.8–3.10: the bound method holds the function and the receiver.
  const bound = moves ? 0 : heap.newBoundMethod(f, r);
  if (moves) heap.incref(f);
  else heap.decref(r);
  const values: ObjectHandle[] = moves ? [r] : [];
  let moved = false;
  try {
    for (const a of args) values.push(a(frame));
    for (const v of keywordValues) values.push(v(frame));
    const stack = moves ? values : [r, ...values];
    const callee = bindArguments(m, f, code, stack, keywords, keywordKeys, moves);
    moved = moves;
    if (code.makeGenerator !== undefined) {
      const g = code.makeGenerator(callee.locals, f);
      for (const v of callee.locals) if (v !== 0) heap.decref(v);
      return g;
    }
    return runCall(m, code, callee, f);
  } finally {
    if (!moved) m.releaseArguments(values);
    heap.decref(moves ? f : bound);
  }
}

/**
 * `C(*xs)` (CALL_FUNCTION_EX → type_call with the caller's tuple `args`): the instance,
 * then `__init__` with new references to self and the tuple's items, as
 * {@link instantiate} does but with no arguments tuple of its own. Borrows `cls` and
 * `args`; returns a new reference.
 */
export function instantiateFromTuple(
  m: Machine,
  cls: ObjectHandle,
  args: ObjectHandle,
): ObjectHandle {
  const heap = m.heap;
  if (exceptionBaseOf(m, cls) !== null) throw new Unsupported('an exception class called with *');
  if (classLookup(m, cls, '__new__') !== 0)
    throw new Unsupported('a class with __new__ called with *');
  const values = heap.referents(args);
  const init = classLookup(m, cls, '__init__');
  if (init === 0) {
    if (values.length > 0)
      throw new Unsupported('arguments to a class without __init__ (a TypeError)');
    return heap.newInstance(cls);
  }
  if (heap.typeOf(init) !== 'function' || !m.functions.has(init))
    throw new Unsupported('this __init__');
  const self = heap.newInstance(cls);
  try {
    initFromC(m, init, self, values);
  } catch (error) {
    heap.decref(self);
    throw error;
  }
  m.gc?.evalBreaker();
  return self;
}

/**
 * slot_tp_init's call of `__init__` (borrowed `init`, `self` and `values`): the function
 * held, the frame given new references to self and the arguments, the result checked
 * to be None.
 */
function initFromC(
  m: Machine,
  init: ObjectHandle,
  self: ObjectHandle,
  values: readonly ObjectHandle[],
): void {
  const heap = m.heap;
  heap.incref(init);
  heap.incref(self);
  for (const v of values) heap.incref(v);
  let r: ObjectHandle;
  try {
    r = runFunction(m, init, [self, ...values]);
  } finally {
    heap.decref(init);
  }
  checkInitResult(m, r);
}

/**
 * A call whose frame takes `self` (a new reference, counted) then the caller's
 * arguments: their borrows go one slot up (3.14, borrowed-loads.ts).
 */
function shiftedBorrows(
  m: Machine,
  f: ObjectHandle,
  values: readonly ObjectHandle[],
  borrow: { readonly site: BorrowSite; readonly caller: Frame } | undefined,
): CallBorrows | undefined {
  if (borrow === undefined) return undefined;
  const code = m.functions.get(f)!;
  return {
    ...borrow,
    argSlots: values.map((_, i) => (i + 1 < code.parameters.length ? i + 1 : -1)),
  };
}

/** `__init__` must return None. */
function checkInitResult(m: Machine, r: ObjectHandle): void {
  const heap = m.heap;
  const isNone = heap.typeOf(r) === 'NoneType';
  const name = heap.typeNameOf(r);
  heap.decref(r);
  if (!isNone) throw new PythonError('TypeError', `__init__() should return None, not '${name}'`);
}

/**
 * Call of a name's value (`f(x)`, `C(x)`, `m(x)`): a function goes to the compiler's
 * call (`asFunction`, reading the callee from `pending`); a class or bound method here.
 */
export function callValue(
  c: Compiler,
  callee: Expression,
  args: Expression[],
  keywords: readonly string[],
  borrow?: BorrowSite,
): Expression {
  const m = c.m;
  const heap = m.heap;
  let pending = 0;
  const asFunction = c.callFunction(() => pending, args, keywords, borrow);
  const site = newCallSite();
  const keywordKeys = keywords.map((k) => c.pool.handle({ kind: 'str', value: k }));
  return (frame) => {
    const f = callee(frame);
    const type = heap.typeOf(f);
    if (type === 'weakref') return weakrefCall(m, f, args, frame);
    if (type !== 'type' && type !== 'method' && type !== 'instance' && type !== 'partial') {
      pending = f;
      return asFunction(frame);
    }
    const values: ObjectHandle[] = [];
    try {
      for (const a of args) values.push(a(frame));
    } catch (error) {
      m.releaseArguments(values);
      heap.decref(f);
      throw error;
    }
    if (keywords.length > 0) {
      if (type === 'type') {
        const positional = values.length - keywords.length;
        return instantiateWithKeywords(m, f, values, positional, keywords, keywordKeys);
      }
      m.releaseArguments(values);
      heap.decref(f);
      throw new Unsupported('keyword arguments to a bound method');
    }
    if (type === 'partial')
      try {
        return partialCall(m, f, values);
      } finally {
        releaseLibraryArguments(m, values);
        heap.decref(f);
      }
    return callObject(m, f, values, site, borrow && { site: borrow, caller: frame });
  };
}

/**
 * `receiver.name(args)` on an instance or a class (LOAD_METHOD + CALL_METHOD); `other`
 * handles every other receiver. Takes over `r`. A failed lookup's error is located at
 * `lookupLocation` (the `receiver.name` expression).
 */
export function methodCall(
  m: Machine,
  r: ObjectHandle,
  name: string,
  args: readonly Expression[],
  frame: Frame,
  site: CallSite,
  borrow?: BorrowSite,
  lookupLocation?: ErrorLocation,
): ObjectHandle {
  const heap = m.heap;
  const type = heap.typeOf(r);
  if (type === 'instance' && heap.getAttr(r, name) === 0) {
    const f = classLookup(m, heap.classOf(r), name);
    if (f !== 0 && heap.typeOf(f) === 'function') {
      // The method and self on the stack; no bound method.
      heap.incref(f);
      const values: ObjectHandle[] = [r];
      try {
        for (const a of args) values.push(a(frame));
      } catch (error) {
        m.releaseArguments(values);
        heap.decref(f);
        throw error;
      }
      return callWithStack(
        m,
        f,
        values,
        borrow === undefined ? undefined : { site: borrow, caller: frame },
      );
    }
  }
  // Anything else: the attribute's value (the receiver dropped), then a plain call.
  let f: ObjectHandle;
  try {
    f = loadAttribute(m, r, name);
  } catch (error) {
    // A failed lookup is LOAD_ATTR's: 3.11+ carets under `receiver.name`, not the call.
    if (error instanceof PythonError && error.location === undefined && lookupLocation)
      error.location = lookupLocation;
    throw error;
  } finally {
    heap.decref(r);
  }
  const values: ObjectHandle[] = [];
  try {
    for (const a of args) values.push(a(frame));
  } catch (error) {
    m.releaseArguments(values);
    heap.decref(f);
    throw error;
  }
  if (heap.typeOf(f) === 'function' && m.functions.has(f)) {
    // The receiver was dropped: the arguments bind from the first slot.
    const code = m.functions.get(f)!;
    const borrows = borrow && {
      site: borrow,
      caller: frame,
      argSlots: [-1, ...values.map((_, i) => (i < code.parameters.length ? i : -1))],
    };
    return callWithStack(m, f, values, borrows);
  }
  return callObject(m, f, values, site);
}
