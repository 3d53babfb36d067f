/**
 * Classes in `pymem run`: the `class` statement, instances, attributes and methods.
 *
 *   class A:            LOAD_BUILD_CLASS; MAKE_FUNCTION (the body's function);
 *       def f(self): …  __build_class__: namespace dict ← body's names; type(name,
 *                       bases, ns) (a 3-tuple of arguments) → type_new: the heap type
 *                       (@pymem/objects heap-types.ts), its dict a copy of the namespace
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
 *   m = o.f             a bound method object (PyMethod_New); calling it passes im_self
 *                       (3.8–3.10 borrowed by method_vectorcall; 3.11+ CALL unpacks it
 *                       onto the stack with new references and drops the method first)
 *   o.x / o.x = v       the instance's values or `__dict__` (@pymem/objects instances.ts);
 *                       a name missing there is looked up in the class's dict
 *
 * Invariant: every handle these closures hold is one counted reference, as in
 * machine.ts; a call's frame owns one reference per local.
 *
 * Bases are classes of the program (C3 MRO, heap-types.ts); attribute lookup follows
 * the MRO. Dunder methods: class-dunders.ts.
 *
 * Refused (exit 2): bases other than the program's classes, metaclasses and class
 * keywords, decorators (property, staticmethod, classmethod), docstrings, class-body
 * statements other than `def`, `pass` and `name = constant`, methods that use `super()`
 * or `__class__` (the `__class__` cell), dunder methods nothing here calls (`__hash__`,
 * `__iter__`, `__enter__`, …), `__slots__` and `__del__` (the heap's mortal classes have
 * neither), AttributeError on 3.10+ (its "Did you mean" hint), the default repr of an
 * instance (its address).
 * Models builtin___build_class__ (Python/bltinmodule.c), type_call, type_new,
 * slot_tp_init and _PyObject_GetMethod (Objects/typeobject.c, Objects/object.c),
 * method_vectorcall (Objects/classobject.c), LOAD_METHOD / CALL_METHOD / CALL
 * (Python/ceval.c, 3.8–3.13) and CALL_ALLOC_AND_ENTER_INIT (Python/bytecodes.c, 3.13).
 */
import type { SyntaxNode } from '@lezer/common';
import { HeapError, type ObjectHandle } from '@pymem/objects';
import type { ArithmeticOperator } from './arithmetic.ts';
import { CALLED_DUNDERS, installFinalizer, instanceCall, markDictRead } from './class-dunders.ts';
import { type Compiler, inplace, pythonErrorOf, type Scope } from './compiler.ts';
import type { Constant } from './constants.ts';
import { PythonError, Unsupported } from './errors.ts';
import { type Expression, Flow, type Frame, type FunctionCode, type Statement } from './frame.ts';
import type { Machine } from './machine.ts';

const MAX_DEPTH = 900;

/** A HeapError from an instance operation as the Python error or refusal it stands for. */
function attributeErrorOf(m: Machine, error: unknown): unknown {
  if (!(error instanceof HeapError)) return error;
  if (error.code === 'index') {
    return attributeError(m, error.message.replace(/^AttributeError: /, ''));
  }
  return new Unsupported(`this attribute operation (${error.message})`);
}

/** AttributeError, or a refusal where CPython's traceback would add a hint (3.10+). */
function attributeError(m: Machine, text: string): PythonError {
  if (m.rules.nameErrorHints)
    throw new Unsupported('an AttributeError on 3.10+ (its "Did you mean" hint)');
  return new PythonError('AttributeError', text);
}

/** The class's MRO (its `__mro__` tuple's items, `object` left out). */
export function classMro(m: Machine, cls: ObjectHandle): ObjectHandle[] {
  const heap = m.heap;
  const [, mro] = heap.referents(cls);
  if (mro === undefined || heap.typeOf(mro) !== 'tuple') return [cls];
  return heap.referents(mro).filter((c) => classNames(m).has(c));
}

/** `name` along the class's MRO (_PyType_Lookup): a borrowed reference, or 0. */
export function classLookup(m: Machine, cls: ObjectHandle, name: string): ObjectHandle {
  const heap = m.heap;
  const key = heap.identifier(name);
  try {
    for (const c of classMro(m, cls)) {
      const dict = heap.referents(c)[0];
      if (dict === undefined || heap.typeOf(dict) !== 'dict') continue;
      const v = heap.dictGet(dict, key);
      if (v !== 0) return v;
    }
    return 0;
  } finally {
    heap.decref(key);
  }
}

// ------------------------------------------------------------------ the class statement

/** The statements a class body may hold, compiled into (name, value) pairs. */
interface ClassMember {
  readonly name: string;
  readonly value: Expression;
}

/** `class Name[(object)]: body` at module level. */
export function classDefinition(c: Compiler, node: SyntaxNode, scope: Scope): Statement {
  if (scope.locals !== null) throw c.fail('a class inside a function', node);
  const parts = c.kids(node);
  const nameNode = parts.find((p) => p.name === 'VariableName')!;
  const name = c.text(nameNode);
  const argList = parts.find((p) => p.name === 'ArgList');
  const baseNodes =
    argList === undefined ? [] : c.kids(argList).filter((k) => !['(', ')', ','].includes(k.name));
  if (baseNodes.length === 1 && c.text(baseNodes[0]!) === 'object') {
    if (c.moduleAssigned.has('object')) throw c.fail("a module name 'object'", argList!);
    baseNodes.length = 0;
  }
  for (const b of baseNodes)
    if (
      b.name !== 'VariableName' ||
      !c.moduleAssigned.has(c.text(b)) ||
      b.nextSibling?.name === 'AssignOp'
    )
      throw c.fail('this base of a class', b);
  const baseExprs = baseNodes.map((b) => c.expression(b, scope));
  const bodyNode = parts.find((p) => p.name === 'Body')!;
  const members: ClassMember[] = [];
  const statements = c.kids(bodyNode).filter((k) => k.name !== ':' && k.name !== 'Comment');
  const classCell: ClassCell = { cell: 0, used: false, ran: false };
  COMPILING.set(c, classCell);
  try {
    statements.forEach((s, i) => {
      members.push(...classMember(c, s, i === 0, name));
    });
  } finally {
    COMPILING.delete(c);
  }
  const names = members.map((x) => x.name);
  const slotsAt = statements.find(
    (s) => s.name === 'AssignStatement' && c.text(c.kids(s)[0]!) === '__slots__',
  );
  // type_new sorts the slot names (the instance layout and the member descriptors).
  const slots =
    slotsAt === undefined
      ? undefined
      : slotNamesOf(c, c.constant(c.kids(slotsAt)[2]!)!, slotsAt).sort();
  if (slots !== undefined && baseNodes.length > 0)
    throw c.fail('__slots__ in a class with bases', slotsAt!);
  if (slots?.some((n) => names.includes(n)))
    throw c.fail('a slot name also bound in the class body (a ValueError)', slotsAt!);
  if (new Set(names).size !== names.length)
    throw c.fail('a class body binding a name twice', bodyNode);
  const m = c.m;
  const heap = m.heap;
  const store = c.store(nameNode, scope);
  const firstLine = c.source.position(node.from).line;
  return (frame) => {
    // MAKE_FUNCTION: the body's function, alive until __build_class__ returns; the bases.
    const body = heap.newFunction();
    const baseValues: ObjectHandle[] = [];
    for (const b of baseExprs) baseValues.push(b(frame));
    // type.__prepare__: the namespace, filled by the body (__module__, __qualname__, …).
    const ns = heap.newDict();
    const put = (key: string, v: ObjectHandle): void => {
      const k = heap.identifier(key);
      heap.dictSetItem(ns, k, v);
      heap.decref(k);
    };
    // The body's frame: its `__class__` cell when a method uses super().
    if (classCell.used) {
      if (classCell.ran) throw new Unsupported('a class statement with super() run twice');
      classCell.ran = true;
      classCell.cell = heap.newCell();
    }
    const module = heap.identifier('__main__');
    put('__module__', module);
    heap.decref(module);
    const qualname = heap.identifier(name);
    put('__qualname__', qualname);
    heap.decref(qualname);
    if (m.minor >= 13) {
      const line = heap.newInt(firstLine);
      put('__firstlineno__', line);
      heap.decref(line);
    }
    const namespace: [string, ObjectHandle][] = [];
    try {
      for (const member of members) {
        const v = member.value(frame);
        put(member.name, v);
        namespace.push([member.name, v]);
      }
      if (m.minor >= 13) put('__static_attributes__', heap.emptyTuple);
      if (classCell.used) put('__classcell__', classCell.cell);
      // type(name, bases, ns): the call's arguments tuple, then type_new (whose bases
      // tuple stands for the one __build_class__ made first: it becomes tp_bases).
      const args = heap.newTuple([qualname, heap.emptyTuple, ns]);
      let cls: ObjectHandle;
      let finalizer = false;
      try {
        for (const b of baseValues)
          if (heap.typeOf(b) !== 'type') throw new Unsupported('a base that is not a class');
        // tp_finalize: the class's own __del__ or one a base has (inherit_slots).
        finalizer =
          names.includes('__del__') || baseValues.some((b) => classLookup(m, b, '__del__') !== 0);
        cls = heap.newClass(name, {
          mortal: true,
          namespace,
          bases: baseValues,
          finalizer,
          ...(slots === undefined ? {} : { slots }),
        });
      } catch (error) {
        throw attributeErrorOf(m, error);
      } finally {
        heap.decref(args);
      }
      classNames(m).set(cls, name);
      if (finalizer) installFinalizer(m, cls);
      // type_new: the cell gets the class (and `__classcell__` stays out of its dict).
      if (classCell.used) heap.cellSet(classCell.cell, cls);
      // type_ready_set_hash: `__eq__` without `__hash__` stores `__hash__ = None`.
      if (names.includes('__eq__')) {
        const none = heap.newNone();
        heap.setClassAttr(cls, '__hash__', none);
        heap.decref(none);
      }
      store(frame, cls);
    } finally {
      for (const [, v] of namespace) heap.decref(v);
      heap.decref(ns);
      if (classCell.cell !== 0) heap.decref(classCell.cell);
      m.releaseArguments(baseValues);
      heap.decref(body);
    }
    return Flow.next;
  };
}

/** A `__slots__` constant's names: a str or a tuple of strs (no `__dict__`, no repeats). */
function slotNamesOf(c: Compiler, constant: Constant, node: SyntaxNode): string[] {
  const items = constant.kind === 'tuple' ? constant.items : [constant];
  const names = items.map((i) => {
    if (i.kind !== 'str' || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(i.value))
      throw c.fail('__slots__ other than a tuple of identifier strs', node);
    return i.value;
  });
  if (names.includes('__dict__')) throw c.fail("'__dict__' in __slots__", node);
  if (
    new Set(names).size !== names.length ||
    names.some((n) => n.startsWith('__') && n !== '__weakref__')
  )
    throw c.fail('these __slots__ names', node);
  return names;
}

/** One class-body statement's names and values. */
function classMember(c: Compiler, s: SyntaxNode, first: boolean, cls: string): ClassMember[] {
  switch (s.name) {
    case 'PassStatement':
      return [];
    case 'ExpressionStatement':
      if (first && c.kids(s)[0]?.name === 'String') throw c.fail('a class docstring', s);
      throw c.fail('an expression in a class body', s);
    case 'AssignStatement': {
      const parts = c.kids(s);
      if (parts.length !== 3 || parts[0]!.name !== 'VariableName' || parts[1]!.name !== 'AssignOp')
        throw c.fail('this assignment in a class body', s);
      const constant = c.constant(parts[2]!);
      if (constant === undefined) throw c.fail('a class attribute other than a constant', s);
      const name = c.text(parts[0]!);
      if (name === '__slots__') slotNamesOf(c, constant, s);
      else if (name.startsWith('__') && name.endsWith('__'))
        throw c.fail(`the class attribute ${name}`, s);
      return [{ name, value: c.constantExpression(constant) }];
    }
    case 'FunctionDefinition':
      return [method(c, s, cls)];
    default:
      throw c.fail(`this statement in a class body (${s.name})`, s);
  }
}

/** A `def` in a class body: a function object stored in the namespace. */
function method(c: Compiler, node: SyntaxNode, cls: string): ClassMember {
  const parts = c.kids(node);
  if (parts.some((p) => p.name === 'async')) throw c.fail('an async method', node);
  if (parts.some((p) => p.name === 'TypeDef')) throw c.fail('a return annotation', node);
  const name = c.text(parts.find((p) => p.name === 'VariableName')!);
  if (name.startsWith('__') && name.endsWith('__') && !CALLED_DUNDERS.has(name))
    throw c.fail(`the method ${name}`, node);
  const paramList = parts.find((p) => p.name === 'ParamList')!;
  const { params, defaults } = c.parameters(paramList);
  if (params.length === 0) throw c.fail('a method without parameters', paramList);
  for (const d of defaults)
    if (c.constant(d) === undefined) throw c.fail('a method default other than a constant', d);
  const bodyNode = parts.find((p) => p.name === 'Body')!;
  const usesSuper = refuseClassCell(c, bodyNode);
  if (c.globalNames(bodyNode).size > 0) throw c.fail('global in a method', bodyNode);
  const assigned = new Set<string>();
  for (const s of c.kids(bodyNode)) c.collectAssigned(s, assigned, false);
  const locals = new Map<string, number>();
  for (const p of params) locals.set(p, locals.size);
  for (const a of assigned) if (!locals.has(a)) locals.set(a, locals.size);
  for (const a of locals.keys())
    if (a === 'sys' || a === 'gc' || a === 'print') throw c.fail(`a local named '${a}'`, node);
  const code: FunctionCode = {
    name,
    parameters: params,
    localCount: locals.size,
    body: () => Flow.next,
  };
  code.body = c.block(c.kids(bodyNode).slice(1), { name, locals });
  void cls;
  if (!usesSuper)
    return { name, value: c.makeFunction(code, defaults, { name: '<module>', locals: null }) };
  const classCell = COMPILING.get(c)!;
  classCell.used = true;
  const m = c.m;
  const heap = m.heap;
  const defaultsTuple =
    defaults.length === 0
      ? null
      : c.constantExpression({ kind: 'tuple', items: defaults.map((d) => c.constant(d)!) });
  // MAKE_FUNCTION with a closure: the defaults, then BUILD_TUPLE of the `__class__` cell.
  const value: Expression = (frame) => {
    const d = defaultsTuple === null ? 0 : defaultsTuple(frame);
    const closure = heap.newTuple([classCell.cell]);
    const f = heap.newFunction(d === 0 ? { closure } : { defaults: d, closure });
    heap.decref(closure);
    if (d !== 0) heap.decref(d);
    m.functions.set(f, code);
    return f;
  };
  return { name, value };
}

/** The class cell each method's `super()` reads, per class statement being compiled. */
interface ClassCell {
  /** The cell (0 until the class statement runs). */
  cell: ObjectHandle;
  /** Some method uses super(). */
  used: boolean;
  /** The statement ran (a second run would need a second cell). */
  ran: boolean;
}

const COMPILING = new WeakMap<Compiler, ClassCell>();

/**
 * True when the method uses `super` (it then closes over the `__class__` cell); refuses
 * `__class__`, and `super` on 3.8 (its super object's block: see superMethodCall).
 */
function refuseClassCell(c: Compiler, body: SyntaxNode): boolean {
  const cursor = body.cursor();
  let usesSuper = false;
  do {
    if (cursor.name === 'VariableName') {
      const text = c.text(cursor.node);
      if (text === '__class__') throw c.fail(`${text} in a method`, cursor.node);
      if (text === 'super') {
        if (c.m.minor === 8) throw c.fail('super() on 3.8', cursor.node);
        usesSuper = true;
      }
    }
  } while (cursor.next() && cursor.from < body.to);
  return usesSuper;
}

/** True for `super()` with no arguments. */
export function isZeroArgumentSuper(c: Compiler, node: SyntaxNode): boolean {
  if (node.name !== 'CallExpression') return false;
  const [callee, argList] = c.kids(node);
  return (
    callee?.name === 'VariableName' &&
    c.text(callee) === 'super' &&
    argList !== undefined &&
    c.kids(argList).length === 2
  );
}

/**
 * `super().name(args)` in a method: the method found after the class on self's MRO.
 * 3.9–3.11: super() makes a super object (GC, 56 bytes: a bound method of the same size
 * class stands in for it, as the heap has no super type) and LOAD_METHOD on it a bound
 * method (super_getattro), then the super object is dropped; 3.9/3.10 call the bound
 * method from C (self borrowed), 3.11 unpacks it. 3.12+: LOAD_SUPER_ATTR pushes the
 * function and self, no object is made. 3.8 is refused at compile time (its bound
 * methods come from a free list the stand-in would take from).
 */
export function superMethodCall(
  c: Compiler,
  node: SyntaxNode,
  name: string,
  args: readonly Expression[],
  scope: Scope,
): Expression {
  const classCell = COMPILING.get(c);
  if (classCell === undefined || scope.locals === null || scope.locals.size === 0)
    throw c.fail('super() outside a method', node);
  const m = c.m;
  const heap = m.heap;
  return (frame) => {
    const self = frame.locals[0]!;
    if (self === 0 || heap.typeOf(self) !== 'instance')
      throw new Unsupported('super() whose first argument is not an instance');
    const [cls] = heap.referents(classCell.cell);
    const mro = classMro(m, heap.classOf(self));
    const at = cls === undefined ? -1 : mro.indexOf(cls);
    if (at < 0) throw new Unsupported('super() outside the class');
    let func = 0;
    const key = heap.identifier(name);
    for (const k of mro.slice(at + 1)) {
      const dict = heap.referents(k)[0];
      func = dict === undefined || heap.typeOf(dict) !== 'dict' ? 0 : heap.dictGet(dict, key);
      if (func !== 0) break;
    }
    heap.decref(key);
    if (func === 0 || heap.typeOf(func) !== 'function' || !m.functions.has(func))
      throw new Unsupported(`super().${name} other than a Python method`);
    if (m.minor >= 12) {
      heap.incref(func);
      heap.incref(self);
      const values: ObjectHandle[] = [self];
      try {
        for (const a of args) values.push(a(frame));
      } catch (error) {
        m.releaseArguments(values);
        heap.decref(func);
        throw error;
      }
      return callWithStack(m, func, values);
    }
    const standIn = heap.newBoundMethod(func, self);
    const bound = heap.newBoundMethod(func, self);
    heap.decref(standIn);
    const values: ObjectHandle[] = [];
    try {
      for (const a of args) values.push(a(frame));
    } catch (error) {
      m.releaseArguments(values);
      heap.decref(bound);
      throw error;
    }
    return callObject(m, bound, values, newCallSite());
  };
}

// ------------------------------------------------------------------ calls

/**
 * Runs a Python function's body in a new frame whose locals are `frameArgs` (the frame
 * owns those references; positional, then the defaults it lacks). Returns the result
 * (a new reference); the locals are cleared in slot order.
 */
export function runFunction(m: Machine, f: ObjectHandle, frameArgs: ObjectHandle[]): ObjectHandle {
  const heap = m.heap;
  const code = m.functions.get(f)!;
  const defaults = heap.referents(f).filter((r) => heap.typeOf(r) === 'tuple')[0];
  const defaultItems = defaults === undefined ? [] : heap.referents(defaults);
  const required = code.parameters.length - defaultItems.length;
  if (frameArgs.length < required || frameArgs.length > code.parameters.length) {
    for (const v of frameArgs) heap.decref(v);
    throw new Unsupported(`this call of ${code.name}() (a TypeError)`);
  }
  if (m.depth >= MAX_DEPTH) {
    for (const v of frameArgs) heap.decref(v);
    throw new Unsupported(`recursion deeper than ${MAX_DEPTH} calls`);
  }
  const callee: Frame = { locals: new Array(code.localCount).fill(0), returned: 0, line: 0 };
  frameArgs.forEach((v, i) => {
    callee.locals[i] = v;
  });
  for (let i = frameArgs.length; i < code.parameters.length; i++) {
    const d = defaultItems[i - required]!;
    heap.incref(d);
    callee.locals[i] = d;
  }
  m.depth++;
  try {
    code.body(callee);
  } catch (error) {
    if (error instanceof PythonError) {
      error.frames.push({
        position: { line: callee.line, column: 0 },
        scope: code.name,
        ...(error.location === undefined ? {} : { location: error.location }),
      });
      error.location = undefined;
    }
    throw error;
  } finally {
    m.depth--;
  }
  const result = callee.returned === 0 ? heap.newNone() : callee.returned;
  for (const v of callee.locals) if (v !== 0) heap.decref(v);
  return result;
}

/**
 * A call of `f` with the caller's stack references `values` (self first for a method):
 * 3.8–3.10 the frame gets new references and the caller releases its own after the
 * call, last first, then `f`; 3.11+ the frame takes them, and `f` is released after the
 * frame is cleared. Takes over `f` and `values`.
 */
function callWithStack(m: Machine, f: ObjectHandle, values: ObjectHandle[]): ObjectHandle {
  const heap = m.heap;
  if (m.rules.callFrameTakesArguments) {
    try {
      return runFunction(m, f, values);
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
interface CallSite {
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
): ObjectHandle {
  const heap = m.heap;
  const type = heap.typeOf(f);
  site.runs++;
  if (type === 'type') return instantiate(m, f, values, site);
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
      return callWithStack(m, func, [self, ...values]);
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
    return instanceCall(m, f, values);
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
): ObjectHandle {
  const heap = m.heap;
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
      const r = callWithStack(m, init, [self, ...values]);
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
): Expression {
  const m = c.m;
  const heap = m.heap;
  let pending = 0;
  const asFunction = c.callFunction(() => pending, args, keywords);
  const site = newCallSite();
  return (frame) => {
    const f = callee(frame);
    const type = heap.typeOf(f);
    if (type !== 'type' && type !== 'method' && type !== 'instance') {
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
      m.releaseArguments(values);
      heap.decref(f);
      throw new Unsupported('keyword arguments to a class or a bound method');
    }
    return callObject(m, f, values, site);
  };
}

/**
 * `receiver.name(args)` on an instance or a class (LOAD_METHOD + CALL_METHOD); `other`
 * handles every other receiver. Takes over `r`.
 */
export function methodCall(
  m: Machine,
  r: ObjectHandle,
  name: string,
  args: readonly Expression[],
  frame: Frame,
  site: CallSite,
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
      return callWithStack(m, f, values);
    }
  }
  // Anything else: the attribute's value (the receiver dropped), then a plain call.
  let f: ObjectHandle;
  try {
    f = loadAttribute(m, r, name);
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
  if (heap.typeOf(f) === 'function' && m.functions.has(f)) return callWithStack(m, f, values);
  return callObject(m, f, values, site);
}

// ------------------------------------------------------------------ attributes

/** `o.name` on an instance or a class the program made: a new reference. */
export function loadAttribute(m: Machine, o: ObjectHandle, name: string): ObjectHandle {
  const heap = m.heap;
  const type = heap.typeOf(o);
  if (type === 'instance') {
    if (name === '__dict__') {
      markDictRead(m);
      try {
        return heap.instanceDict(o);
      } catch (error) {
        throw attributeErrorOf(m, error);
      }
    }
    if (
      name.startsWith('__') &&
      name.endsWith('__') &&
      (!CALLED_DUNDERS.has(name) || classLookup(m, heap.classOf(o), name) === 0)
    )
      throw new Unsupported(`the attribute ${name}`);
    const v = heap.getAttr(o, name);
    if (v !== 0) {
      heap.incref(v);
      return v;
    }
    const cls = heap.classOf(o);
    const c = classLookup(m, cls, name);
    if (c === 0)
      throw attributeError(m, `'${heap.typeNameOf(o)}' object has no attribute '${name}'`);
    if (heap.typeOf(c) === 'getset_descriptor')
      throw new Unsupported(`reading the empty slot ${name} (its AttributeError's text)`);
    if (heap.typeOf(c) === 'function') return heap.newBoundMethod(c, o);
    heap.incref(c);
    return c;
  }
  if (type === 'type') {
    const dunder = name.startsWith('__') && name.endsWith('__');
    if (dunder && !CALLED_DUNDERS.has(name))
      throw new Unsupported(`the attribute ${name} of a class`);
    const c = classLookup(m, o, name);
    // A dunder the class does not define is object's (a slot wrapper): not modelled.
    if (dunder && c === 0) throw new Unsupported(`the attribute ${name} of a class`);
    if (c !== 0 && heap.typeOf(c) === 'getset_descriptor')
      throw new Unsupported(`the descriptor ${name} of a class`);
    if (c === 0) {
      throw attributeError(m, `type object '${className(m, o)}' has no attribute '${name}'`);
    }
    heap.incref(c);
    return c;
  }
  throw new Unsupported(`the attribute .${name} of a ${heap.typeNameOf(o)}`);
}

/** Each class's `__name__`, by the class object (recorded when the class statement runs). */
const CLASS_NAMES = new WeakMap<Machine, Map<ObjectHandle, string>>();

function classNames(m: Machine): Map<ObjectHandle, string> {
  let names = CLASS_NAMES.get(m);
  if (names === undefined) {
    names = new Map();
    CLASS_NAMES.set(m, names);
  }
  return names;
}

/** A class's `__name__`. */
export function className(m: Machine, cls: ObjectHandle): string {
  return classNames(m).get(cls) ?? '?';
}

/** `o.name = v`; takes over `v`. */
export function storeAttribute(m: Machine, o: ObjectHandle, name: string, v: ObjectHandle): void {
  const heap = m.heap;
  const type = heap.typeOf(o);
  try {
    if (name.startsWith('__') && name.endsWith('__'))
      throw new Unsupported(`assigning the attribute ${name}`);
    if (type === 'instance') heap.setAttr(o, name, v);
    else if (type === 'type') heap.setClassAttr(o, name, v);
    else throw new Unsupported(`assigning an attribute of a ${heap.typeNameOf(o)}`);
  } catch (error) {
    throw attributeErrorOf(m, error);
  } finally {
    heap.decref(v);
  }
}

/** `del o.name`. */
export function deleteAttribute(m: Machine, o: ObjectHandle, name: string): void {
  const heap = m.heap;
  if (heap.typeOf(o) !== 'instance')
    throw new Unsupported(`deleting an attribute of a ${heap.typeNameOf(o)}`);
  if (name.startsWith('__') && name.endsWith('__'))
    throw new Unsupported(`deleting the attribute ${name}`);
  try {
    if (heap.getAttr(o, name) === 0)
      throw attributeError(m, `'${heap.typeNameOf(o)}' object has no attribute '${name}'`);
    heap.delAttr(o, name);
  } catch (error) {
    throw attributeErrorOf(m, error);
  }
}

/** `isinstance(o, C)` for a class the program made: C is on the MRO of o's class. */
export function isInstanceOfClass(m: Machine, o: ObjectHandle, cls: ObjectHandle): boolean {
  const heap = m.heap;
  if (heap.typeOf(cls) !== 'type') throw new Unsupported('isinstance() with this second argument');
  return heap.typeOf(o) === 'instance' && classMro(m, heap.classOf(o)).includes(cls);
}

/**
 * `o.name op= v`: the object, its attribute, the value, the in-place operation (the
 * operands released), then the store (the old value released), then the object.
 */
export function updateAttribute(
  c: Compiler,
  objectNode: SyntaxNode,
  name: string,
  op: string,
  value: Expression,
  scope: Scope,
): Statement {
  const m = c.m;
  const heap = m.heap;
  const object = c.expression(objectNode, scope);
  return (frame) => {
    const o = object(frame);
    try {
      const left = loadAttribute(m, o, name);
      let right: ObjectHandle;
      try {
        right = value(frame);
      } catch (error) {
        heap.decref(left);
        throw error;
      }
      let result: ObjectHandle;
      try {
        result = inplace(m, op as ArithmeticOperator, left, right);
      } catch (error) {
        throw pythonErrorOf(error);
      } finally {
        heap.decref(left);
        heap.decref(right);
      }
      storeAttribute(m, o, name, result);
    } finally {
      heap.decref(o);
    }
    return Flow.next;
  };
}

// ------------------------------------------------------------------ with

/**
 * `with manager [as target]: body`, left normally (also by break, continue or return):
 * SETUP_WITH (3.8–3.10) / BEFORE_WITH (3.11–3.13) look up `__enter__` then `__exit__`
 * as bound methods, drop the manager, call `__enter__()` and drop its bound method;
 * the body runs; then `__exit__(None, None, None)` and its bound method is dropped.
 * Measured on 3.8–3.13: inside `__enter__` the manager's count includes both bound
 * methods and the frame; inside the body and `__exit__`, the `__exit__` method's.
 * An exception leaving the body is refused (the exceptions are not modelled here).
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
    } catch (error) {
      if (error instanceof PythonError)
        throw new Unsupported('an exception leaving a with statement');
      throw error;
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
