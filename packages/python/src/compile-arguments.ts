/**
 * Binding a call's arguments to a Python function's frame, and calls that unpack a
 * sequence (`f(*xs)`).
 *
 *   frame slots  [ positional parameters ][ keyword-only ][ *args ][ **kwargs ][ locals … ]
 *                  (co_varnames order)
 *
 * The order in which a call fills them, and what it allocates, follows
 * _PyEval_EvalCode (Python/ceval.c 3.8–3.10) and initialize_locals (3.11–3.13):
 *   1. `**kwargs`: a new empty dict (PyDict_New), before anything else;
 *   2. the positional arguments, in order;
 *   3. `*args`: a tuple of the extra positional arguments (the empty tuple when none);
 *   4. keyword arguments: into their parameter's slot, else into the `**kwargs` dict
 *      (its key is the keyword's name, a code constant);
 *   5. missing positional parameters from `__defaults__`, missing keyword-only ones
 *      from `__kwdefaults__` (new references to the default objects).
 * 3.8–3.10 copy the caller's references (the caller releases its own after the call);
 * 3.11+ move them (`moves`). A call that raises TypeError does so before anything is
 * bound, with CPython's text (ceval.c missing_arguments, too_many_positional; the
 * function's __qualname__ from 3.10, its __name__ before).
 *
 * `f(*xs)` (CALL_FUNCTION_EX, 3.8–3.13): xs itself when it is a tuple, else a new
 * tuple of its items (PySequence_Tuple); the frame takes new references to the items
 * (the vectorcall path never moves them); after the call the function, then the
 * tuple, are released — except from 3.12, where _PyEvalFramePushAndInit_Ex releases
 * the tuple as soon as the frame holds the items, before the body runs (measured:
 * `sys.getrefcount(a)` inside `f(*a_list)` is one lower on 3.12/3.13).
 */
import type { SyntaxNode } from '@lezer/common';
import type { ObjectHandle } from '@pymem/objects';
import { borrowSite, type CallBorrows } from './borrowed-loads.ts';
import { callBuiltinValue, isBuiltinValue } from './builtin-values.ts';
import { instantiateFromTuple } from './class-calls.ts';
import { type Compiler, pythonErrorOf, type Scope } from './compiler.ts';
import { notCallable, PythonError, Unsupported } from './errors.ts';
import type { Expression, Frame, FunctionCode } from './frame.ts';
import type { Machine } from './machine.ts';
import { enterCall, returnFromCall, unwindCall } from './raise.ts';
import { untrackIfAtomic } from './tuple-tracking.ts';

/** The parts of a function object a call reads: `__defaults__` and `__kwdefaults__`. */
function defaultsOf(
  m: Machine,
  f: ObjectHandle,
): { defaults: ObjectHandle; kwdefaults: ObjectHandle } {
  // Read from the function's own fields: its referents also hold its `__dict__` and
  // annotations (a dict, or 3.10+ a tuple), which are neither.
  return m.heap.functionDefaults(f);
}

/**
 * A new frame for `code` with the arguments bound: `values` are the positional
 * arguments then the keyword arguments named by `keywords` (their names as str
 * constants in `keywordKeys`). With `moves` the frame takes the caller's references.
 * @throws Unsupported when CPython would raise a TypeError (nothing is bound then)
 */
export function bindArguments(
  m: Machine,
  f: ObjectHandle,
  code: FunctionCode,
  values: readonly ObjectHandle[],
  keywords: readonly string[],
  keywordKeys: readonly ObjectHandle[],
  moves: boolean,
): Frame {
  const heap = m.heap;
  const positional = code.parameters.length;
  const keywordOnly = code.keywordOnly ?? [];
  const named = positional + keywordOnly.length;
  const varargsSlot = code.varargs === true ? named : -1;
  const varkeywordsSlot = code.varkeywords === true ? named + (varargsSlot >= 0 ? 1 : 0) : -1;
  const given = values.length - keywords.length;
  const { defaults, kwdefaults } = defaultsOf(m, f);
  const defaultItems = defaults === 0 ? [] : heap.referents(defaults);
  const required = positional - defaultItems.length;

  // Check the whole call first, in CPython's order: keywords, then the positional
  // count, then missing positional and keyword-only parameters.
  const name = `${m.rules.callErrorsNameQualname ? (code.qualname ?? code.name) : code.name}()`;
  const fail = (detail: string): PythonError => new PythonError('TypeError', `${name} ${detail}`);
  const filled = new Set<number>();
  for (let i = 0; i < Math.min(given, positional); i++) filled.add(i);
  const keywordSlots = keywords.map((k) => {
    let slot = code.parameters.indexOf(k);
    if (slot < 0) {
      const at = keywordOnly.indexOf(k);
      slot = at < 0 ? -1 : positional + at;
    }
    if (slot < 0 && varkeywordsSlot < 0) {
      // 3.13 may add a "Did you mean" hint.
      if (m.minor >= 13) throw new Unsupported('an unexpected keyword argument on 3.13');
      throw fail(`got an unexpected keyword argument '${k}'`);
    }
    if (slot >= 0) {
      if (filled.has(slot)) throw fail(`got multiple values for argument '${k}'`);
      filled.add(slot);
    }
    return slot;
  });
  if (given > positional && varargsSlot < 0) {
    const kwonlyGiven = keywordSlots.filter((slot) => slot >= positional).length;
    const signature =
      defaultItems.length > 0 ? `from ${required} to ${positional}` : `${positional}`;
    const plural = defaultItems.length > 0 || positional !== 1 ? 's' : '';
    const kwonlyText =
      kwonlyGiven > 0
        ? ` positional argument${given !== 1 ? 's' : ''} (and ${kwonlyGiven} keyword-only argument${kwonlyGiven !== 1 ? 's' : ''})`
        : '';
    const verb = given === 1 && kwonlyGiven === 0 ? 'was' : 'were';
    throw fail(
      `takes ${signature} positional argument${plural} but ${given}${kwonlyText} ${verb} given`,
    );
  }
  const missing = (kind: string, names: string[]): PythonError => {
    const quoted = names.map((n) => `'${n}'`);
    const list =
      quoted.length === 1
        ? quoted[0]!
        : quoted.length === 2
          ? `${quoted[0]} and ${quoted[1]}`
          : `${quoted.slice(0, -1).join(', ')}, and ${quoted[quoted.length - 1]}`;
    const s = names.length === 1 ? '' : 's';
    return fail(`missing ${names.length} required ${kind} argument${s}: ${list}`);
  };
  const missingPositional = code.parameters.filter((_, i) => i < required && !filled.has(i));
  if (missingPositional.length > 0) throw missing('positional', missingPositional);
  const kwdefaultOf = (key: string): ObjectHandle => {
    if (kwdefaults === 0) return 0;
    const pairs = heap.referents(kwdefaults);
    for (let i = 0; i < pairs.length; i += 2)
      if (heap.valueOf(pairs[i]!) === key) return pairs[i + 1]!;
    return 0;
  };
  const missingKeywordOnly = keywordOnly.filter(
    (k, i) => !filled.has(positional + i) && kwdefaultOf(k) === 0,
  );
  if (missingKeywordOnly.length > 0) throw missing('keyword-only', missingKeywordOnly);
  if (new Set(keywords).size !== keywords.length) throw new Unsupported('a repeated keyword');

  const frame: Frame = { locals: new Array(code.localCount).fill(0), returned: 0, line: 0 };
  const take = (v: ObjectHandle): ObjectHandle => {
    if (!moves) heap.incref(v);
    return v;
  };
  const kwdict = varkeywordsSlot >= 0 ? heap.newDict() : 0;
  if (kwdict !== 0) frame.locals[varkeywordsSlot] = kwdict;
  for (let i = 0; i < Math.min(given, positional); i++) frame.locals[i] = take(values[i]!);
  if (varargsSlot >= 0) {
    const extra = values.slice(positional, Math.max(given, positional));
    frame.locals[varargsSlot] = heap.newTuple(extra);
    untrackIfAtomic(m, frame.locals[varargsSlot]!);
    if (moves) for (const v of extra) heap.decref(v);
  }
  for (let i = 0; i < keywords.length; i++) {
    const v = values[given + i]!;
    const slot = keywordSlots[i]!;
    if (slot >= 0) frame.locals[slot] = take(v);
    else {
      heap.dictSetItem(kwdict, keywordKeys[i]!, v);
      if (moves) heap.decref(v);
    }
  }
  for (let i = required; i < positional; i++) {
    if (filled.has(i)) continue;
    const d = defaultItems[i - required]!;
    heap.incref(d);
    frame.locals[i] = d;
  }
  for (let i = 0; i < keywordOnly.length; i++) {
    if (filled.has(positional + i)) continue;
    const d = kwdefaultOf(keywordOnly[i]!);
    heap.incref(d);
    frame.locals[positional + i] = d;
  }
  return frame;
}

/** Calls deeper than this are refused (CPython's recursion limit is 1,000 frames). */
const MAX_DEPTH = 900;

/**
 * Runs a bound frame of function `f`: `enter` (cells, free variables), the body, then
 * the frame cleared in slot order. Returns the result (a new reference). An
 * exception leaves the frame as it is and gains this frame for its traceback.
 */
export function runCall(
  m: Machine,
  code: FunctionCode,
  callee: Frame,
  f: ObjectHandle,
  borrows?: CallBorrows,
): ObjectHandle {
  const heap = m.heap;
  if (m.depth >= MAX_DEPTH) throw new Unsupported(`recursion deeper than ${MAX_DEPTH} calls`);
  // 3.11+: a kept frame object holds its function (raise.ts).
  const holdsFunction = m.rules.callFrameTakesArguments;
  // The caller's position, put back when the call returns (a later refusal names it).
  const { line, column } = m;
  m.depth++;
  m.gc?.pythonCall(line);
  m.calls.push({ code, frame: callee });
  const ledger = m.borrows;
  ledger?.enter(borrows, callee, code);
  enterCall(m, code);
  // RESUME: 3.11 warms the code object up (str-concat.ts).
  if (code.warmup !== undefined) code.warmup.count++;
  try {
    code.enter?.(callee, f);
    code.body(callee);
    returnFromCall(m, callee, holdsFunction);
    // The frame's locals are gone: garbage they leave shows before the caller goes on.
    m.gc?.returned();
  } catch (thrown) {
    const error = pythonErrorOf(thrown);
    if (error instanceof PythonError) {
      error.frames.push({
        position: { line: callee.line, column: 0 },
        scope: code.name,
        ...(error.location === undefined ? {} : { location: error.location }),
      });
      error.location = undefined;
      // The traceback keeps the frame and its locals (raise.ts).
      unwindCall(m, error, callee, holdsFunction);
    }
    throw error;
  } finally {
    m.depth--;
    m.calls.pop();
    ledger?.leave();
  }
  m.line = line;
  m.column = column;
  const result = callee.returned === 0 ? heap.newNone() : callee.returned;
  clearLocals(m, callee.locals);
  return result;
}

/**
 * The argument tuple of `f(a, b, *xs)` (CALL_FUNCTION_EX): `xs` itself when it is a
 * tuple and alone, else a new tuple — 3.8 through BUILD_TUPLE_UNPACK_WITH_CALL (the
 * leading values' tuple extended into a list), 3.9+ a list of the leading values
 * extended by `xs` (LIST_EXTEND), then LIST_TO_TUPLE. A new reference.
 */
export function starArgumentTuple(
  c: Compiler,
  callee: SyntaxNode,
  leading: SyntaxNode[],
  sequence: SyntaxNode,
  scope: Scope,
): (frame: Frame) => ObjectHandle {
  const m = c.m;
  const heap = m.heap;
  const value = c.expression(sequence, scope);
  const leadingTuple = leading.length === 0 ? null : c.tupleDisplay(leading, scope, callee);
  const leadingValues = leading.map((l) => c.expression(l, scope));
  const viaTuple = m.minor === 8;
  return (frame: Frame): ObjectHandle => {
    const parts: ObjectHandle[] = [];
    try {
      if (leadingTuple !== null && viaTuple) parts.push(leadingTuple(frame));
      else for (const l of leadingValues) parts.push(l(frame));
      const v = value(frame);
      const t = heap.typeOf(v);
      if (t !== 'tuple' && t !== 'list') {
        const name = heap.typeNameOf(v);
        heap.decref(v);
        throw new Unsupported(`unpacking a ${name} into a call`);
      }
      if (leading.length === 0) {
        if (t === 'tuple') return v;
        const tuple = heap.newTuple(heap.referents(v));
        heap.decref(v);
        return tuple;
      }
      let list: ObjectHandle;
      if (viaTuple) {
        list = heap.newList();
        heap.listExtend(list, parts[0]!);
        heap.listExtend(list, v);
        heap.decref(v);
      } else {
        list = heap.newList(parts);
        for (const p of parts) heap.decref(p);
        parts.length = 0;
        heap.listExtend(list, v);
        heap.decref(v);
      }
      const tuple = heap.newTuple(heap.referents(list));
      heap.decref(list);
      return tuple;
    } finally {
      for (const p of parts) heap.decref(p);
    }
  };
}

/**
 * `callee(a, b, *sequence)`: CALL_FUNCTION_EX with the sequence as a tuple (see the
 * file comment); the frame copies the tuple's items whatever the version. With
 * arguments before the star the tuple is built through a list: 3.8
 * BUILD_TUPLE_UNPACK_WITH_CALL (the leading arguments as a tuple — a constant when
 * they all are — then a new empty list extended by each part); 3.9+ BUILD_LIST of
 * the leading arguments, LIST_EXTEND, LIST_TO_TUPLE. The list is released once the
 * tuple is made.
 */
export function compileStarCall(
  c: Compiler,
  callee: SyntaxNode,
  leading: SyntaxNode[],
  sequence: SyntaxNode,
  scope: Scope,
): Expression {
  const m = c.m;
  const heap = m.heap;
  const function_ = c.expression(callee, scope);
  const argumentTuple = starArgumentTuple(c, callee, leading, sequence, scope);
  // Every argument reaches the frame through a tuple: only the caller's pending loads are borrowed.
  const borrow = borrowSite(c, callee.parent!, [], scope);
  return (frame) => {
    const f = function_(frame);
    let tuple = 0;
    try {
      tuple = argumentTuple(frame);
      if (heap.typeOf(f) === 'type') return instantiateFromTuple(m, f, tuple);
      // A builtin reached through a name: PyVectorcall_Call / cfunction_call take the
      // tuple's items or the tuple itself, making nothing the call by name would not.
      if (isBuiltinValue(m, f)) return callBuiltinValue(m, f, heap.referents(tuple));
      if (heap.typeOf(f) === 'weakref') throw new Unsupported('calling a weakref this way');
      if (
        heap.typeOf(f) === '_lru_cache_wrapper' ||
        heap.typeOf(f) === 'partial' ||
        heap.typeOf(f) === 'namedtuple_type'
      )
        throw new Unsupported(`calling a ${heap.typeNameOf(f)} with * or **`);
      if (heap.typeOf(f) !== 'function')
        throw notCallable(heap.typeOf(f), heap.typeNameOf(f), 'with * or **');
      const code = m.functions.get(f)!;
      const bound = bindArguments(m, f, code, heap.referents(tuple), [], [], false);
      if (m.rules.starCallReleasesTupleFirst) {
        heap.decref(tuple);
        tuple = 0;
      }
      return runCall(m, code, bound, f, borrow && { site: borrow, caller: frame });
    } finally {
      heap.decref(f);
      if (tuple !== 0) heap.decref(tuple);
    }
  };
}

/**
 * `callee(a, b, **mapping)`, `callee(*xs, **mapping)` and `callee(*xs, k=v, …)`
 * (CALL_FUNCTION_EX 1; the keywords make a new dict, never copied). The
 * positional arguments become a tuple (BUILD_TUPLE, a constant, or `()`; `*xs` itself,
 * or a new tuple of its items made after the dict); the mapping is passed as is on 3.8 (an
 * exact dict), copied into a new dict on 3.9+ (BUILD_MAP 0 + DICT_MERGE). A non-empty
 * dict is then unpacked (_PyStack_UnpackDict): a kwnames tuple of its keys and an
 * argument array holding new references to every argument (the array's own memory,
 * one PyMem_Malloc, is not modelled). 3.8–3.11: the frame copies the arguments, and
 * after the call the array's references, the kwnames tuple, then the function, the
 * tuple and the dict are released. 3.12+ (_PyEvalFramePushAndInit_Ex): the frame takes
 * the array's references, and the kwnames tuple, the positional tuple and the dict are
 * released before the body runs (measured: `sys.getrefcount` of a keyword argument
 * inside the callee is 5 on 3.8, 6 on 3.9–3.11, 4 on 3.12/3.13).
 */
export function compileKeywordsCall(
  c: Compiler,
  callee: SyntaxNode,
  leading: SyntaxNode[],
  mappingNode: SyntaxNode | [string, SyntaxNode][],
  scope: Scope,
  starred: SyntaxNode | null = null,
): Expression {
  const m = c.m;
  const heap = m.heap;
  const function_ = c.expression(callee, scope);
  const positional =
    starred !== null
      ? c.expression(starred, scope)
      : leading.length === 0
        ? c.constantExpression({ kind: 'tuple', items: [] })
        : c.tupleDisplay(leading, scope, callee);
  // `**d`: d itself (3.8) or a copy (3.9+); keywords after a star: a new dict of them.
  const mapping = Array.isArray(mappingNode)
    ? keywordsDict(c, mappingNode, scope)
    : c.expression(mappingNode, scope);
  const copies = m.minor >= 9 && !Array.isArray(mappingNode);
  const early = m.rules.starCallReleasesTupleFirst;
  // The arguments reach the frame through a tuple and a dict: only pending loads are borrowed.
  const borrow = borrowSite(c, callee.parent!, [], scope);
  return (frame) => {
    const f = function_(frame);
    let tuple = 0;
    let kwargs = 0;
    try {
      tuple = positional(frame);
      const d = mapping(frame);
      if (heap.typeOf(d) !== 'dict') {
        const name = heap.typeNameOf(d);
        heap.decref(d);
        throw new Unsupported(`** of a ${name} in a call`);
      }
      if (copies) {
        kwargs = heap.newDictPresized(0, true);
        try {
          heap.dictMerge(kwargs, d);
        } finally {
          heap.decref(d);
        }
      } else kwargs = d;
      // CALL_FUNCTION_EX makes `*xs` a tuple once the dict is ready.
      const t = heap.typeOf(tuple);
      if (t === 'list') {
        const list = tuple;
        tuple = heap.newTuple(heap.referents(list));
        heap.decref(list);
      } else if (t !== 'tuple') throw new Unsupported(`unpacking a ${t} into a call`);
      if (isBuiltinValue(m, f)) {
        // An empty dict: _PyStack_UnpackDict / cfunction_call pass nothing more.
        if (heap.lengthOf(kwargs) > 0)
          throw new Unsupported('keyword arguments to a builtin held in a name');
        return callBuiltinValue(m, f, heap.referents(tuple));
      }
      if (heap.typeOf(f) === 'weakref') throw new Unsupported('calling a weakref this way');
      if (
        heap.typeOf(f) === '_lru_cache_wrapper' ||
        heap.typeOf(f) === 'partial' ||
        heap.typeOf(f) === 'namedtuple_type'
      )
        throw new Unsupported(`calling a ${heap.typeNameOf(f)} with * or **`);
      if (heap.typeOf(f) !== 'function')
        throw notCallable(heap.typeOf(f), heap.typeNameOf(f), 'with * or **');
      const code = m.functions.get(f)!;
      const args = heap.referents(tuple);
      const pairs = heap.referents(kwargs);
      if (pairs.length === 0) {
        // PyVectorcall_Call's fast path: no unpacking.
        const bound = bindArguments(m, f, code, args, [], [], false);
        if (early) {
          heap.decref(tuple);
          tuple = 0;
          heap.decref(kwargs);
          kwargs = 0;
        }
        return runCall(m, code, bound, f, borrow && { site: borrow, caller: frame });
      }
      const keys = pairs.filter((_, i) => i % 2 === 0);
      for (const k of keys)
        if (heap.typeOf(k) !== 'str') throw new Unsupported('a keyword that is not a str');
      const names = keys.map((k) => heap.valueOf(k) as string);
      const stack = [...args, ...pairs.filter((_, i) => i % 2 === 1)];
      const kwnames = heap.newTuple(keys);
      for (const v of stack) heap.incref(v);
      let bound: Frame;
      try {
        bound = bindArguments(m, f, code, stack, names, keys, early);
      } catch (error) {
        for (const v of stack) heap.decref(v);
        heap.decref(kwnames);
        throw error;
      }
      if (early) {
        heap.decref(kwnames);
        heap.decref(tuple);
        tuple = 0;
        heap.decref(kwargs);
        kwargs = 0;
        return runCall(m, code, bound, f, borrow && { site: borrow, caller: frame });
      }
      try {
        return runCall(m, code, bound, f, borrow && { site: borrow, caller: frame });
      } finally {
        for (const v of stack) heap.decref(v);
        heap.decref(kwnames);
      }
    } finally {
      heap.decref(f);
      if (tuple !== 0) heap.decref(tuple);
      if (kwargs !== 0) heap.decref(kwargs);
    }
  };
}

/**
 * Values named by str keys as a dict: the keyword arguments after a star (BUILD_MAP 1 —
 * the key, then the value — for one, BUILD_CONST_KEY_MAP for more) and a `def`'s
 * keyword-only defaults (BUILD_CONST_KEY_MAP): the values, then a presized dict with
 * str keys (3.8–3.13).
 */
export function keywordsDict(
  c: Compiler,
  keywords: [string, SyntaxNode][],
  scope: Scope,
): Expression {
  const heap = c.m.heap;
  const keys = keywords.map(([k]) => c.pool.handle({ kind: 'str', value: k }));
  const values = keywords.map(([, v]) => c.expression(v, scope));
  return (frame) => {
    const vs: ObjectHandle[] = [];
    try {
      for (const v of values) vs.push(v(frame));
      const d = heap.newDictPresized(keys.length, true);
      for (let i = 0; i < keys.length; i++) heap.dictSetItem(d, keys[i]!, vs[i]!);
      return d;
    } finally {
      for (const v of vs) heap.decref(v);
    }
  };
}

/**
 * Releases a finished call's locals (_PyFrame_ClearLocals; frame_dealloc before 3.11):
 * first slot first, or on 3.14 from the top slot down.
 */
export function clearLocals(m: Machine, locals: readonly ObjectHandle[]): void {
  const heap = m.heap;
  if (m.rules.framesClearedTopDown) {
    for (let i = locals.length - 1; i >= 0; i--) if (locals[i] !== 0) heap.decref(locals[i]!);
  } else for (const v of locals) if (v !== 0) heap.decref(v);
}
