/**
 * The `class` statement in `pymem run`, at module level:
 *
 *   class A(B):         LOAD_BUILD_CLASS; MAKE_FUNCTION (the body's function);
 *       def f(self): …  __build_class__: namespace dict ← the body's names (and its
 *                       `__class__` cell when a method uses super()); type(name, bases,
 *                       ns) (a 3-tuple of arguments) → type_new: the heap type
 *                       (@pymem/objects heap-types.ts: dict, mro, bases, descriptors,
 *                       `__slots__` layout), the cell filled, `__hash__ = None` after an
 *                       `__eq__`, the `__del__` finalizer installed (class-dunders.ts)
 *   super().f(x)        the method after the class on self's MRO (3.9–3.13; see
 *                       superMethodCall)
 *
 * Instances, attributes and calls: class-attributes.ts, class-calls.ts; dunder methods:
 * class-dunders.ts; `with`: compile-with.ts.
 * Invariant: every handle these closures hold is one counted reference, as in
 * machine.ts; a namespace value is released once the class holds its own reference.
 *
 * A builtin exception class as the one base: exception-subclasses.ts.
 * Refused (exit 2): bases other than the program's classes, metaclasses and class
 * keywords, decorators other than property, staticmethod and classmethod
 * (class-descriptors.ts), docstrings beyond ASCII, class-body
 * statements other than a docstring, `def`, `pass` and `name = …`, method defaults other than
 * constants, `__class__`, dunder methods nothing calls (`__hash__`,
 * `__next__`, …), super() in a generator method, `__slots__` with bases or naming `__dict__`, a class statement using
 * super() run twice.
 * Models builtin___build_class__ (Python/bltinmodule.c), type_new, type_ready and
 * super_getattro (Objects/typeobject.c), LOAD_SUPER_ATTR (Python/bytecodes.c, 3.12+),
 * 3.8–3.13.
 */
import type { SyntaxNode } from '@lezer/common';
import type { ObjectHandle } from '@pymem/objects';
import { noteRebinds } from './borrowed-loads.ts';
import {
  attributeErrorOf,
  classLookup,
  classMro,
  classNames,
  classQualnames,
} from './class-attributes.ts';
import { callObject, callWithStack, newCallSite } from './class-calls.ts';
import { decoratedMethod } from './class-descriptors.ts';
import { CALLED_DUNDERS, installFinalizer } from './class-dunders.ts';
import { annotationsArgument, returnAnnotation } from './compile-annotations.ts';
import {
  type CodeUnderConstruction,
  frameLayout,
  makeFunction,
  qualnameOf,
  symbolsOf,
  takeLayout,
} from './compile-functions.ts';
import { containsYield, generatorFunctionCode } from './compile-generators.ts';
import type { Compiler, Scope } from './compiler.ts';
import type { Constant } from './constants.ts';
import { storedDocstring } from './docstrings.ts';
import { PythonError, Unsupported } from './errors.ts';
import {
  builtinExceptionBase,
  checkExceptionClassBody,
  recordClass,
  superExceptionCall,
} from './exception-subclasses.ts';
import { type Expression, Flow, type Frame, type Statement } from './frame.ts';
import { noteDocstring } from './function-attributes.ts';
import type { Machine } from './machine.ts';

/** The statements a class body may hold, compiled into (name, value) pairs. */
interface ClassMember {
  readonly name: string;
  readonly value: Expression;
  /** `@x.setter` / `@x.deleter`: the new value from the name's previous one (borrowed). */
  readonly update?: (frame: Frame, previous: ObjectHandle) => ObjectHandle;
  /** `name = other` of a name the body bound before (`__rmul__ = __mul__`): LOAD_NAME's value. */
  readonly alias?: string;
}

/**
 * Names a class body may not bind to another of its names: type_new reads them
 * (`__new__`, `__init_subclass__` and `__class_getitem__` become static or class
 * methods, `__slots__` and `__hash__` shape the type) or the body sets them itself.
 */
const NOT_ALIASED: ReadonlySet<string> = new Set([
  '__new__',
  '__init_subclass__',
  '__class_getitem__',
  '__slots__',
  '__hash__',
  '__doc__',
  '__module__',
  '__qualname__',
  '__dict__',
  '__weakref__',
  '__set_name__',
  '__getattr__',
  '__getattribute__',
  '__setattr__',
  '__delattr__',
]);

/** `class Name[(object)]: body` at module level. */
export function classDefinition(c: Compiler, node: SyntaxNode, scope: Scope): Statement {
  if (scope.locals !== null) throw c.fail('a class inside a function', node);
  const nameNode = c.kids(node).find((p) => p.name === 'VariableName')!;
  const make = classMaker(c, node, scope, false);
  const store = c.store(nameNode, scope);
  return (frame) => {
    store(frame, make(frame));
    return Flow.next;
  };
}

/**
 * The class statement's work up to STORE_NAME: LOAD_BUILD_CLASS, the body, type(),
 * __build_class__'s cleanup (the namespace, then the body's function); the class (a new
 * reference). `nested`: a class statement in a class body (its qualname names the
 * enclosing classes; a base the enclosing bodies bind is refused, since LOAD_NAME
 * would find it in their namespace first).
 */
function classMaker(c: Compiler, node: SyntaxNode, scope: Scope, nested: boolean): Expression {
  c.m.hasClasses = true;
  const parts = c.kids(node);
  const nameNode = parts.find((p) => p.name === 'VariableName')!;
  const name = c.text(nameNode);
  const qualname = nested ? qualnameOf(c, name, node) : name;
  const argList = parts.find((p) => p.name === 'ArgList');
  const baseNodes =
    argList === undefined ? [] : c.kids(argList).filter((k) => !['(', ')', ','].includes(k.name));
  if (nested) {
    // LOAD_NAME looks in the enclosing class bodies' namespaces first.
    const bound = new Set<string>();
    for (let at = node.parent; at !== null; at = at.parent)
      if (at.name === 'Body' && at.parent?.name === 'ClassDefinition')
        for (const k of c.kids(at)) c.collectAssigned(k, bound, false);
    for (const b of baseNodes)
      if (bound.has(c.text(b))) throw c.fail('a base the enclosing class body binds', b);
  }
  if (baseNodes.length === 1 && c.text(baseNodes[0]!) === 'object') {
    if (c.moduleAssigned.has('object')) throw c.fail("a module name 'object'", argList!);
    baseNodes.length = 0;
  }
  // `class E(ValueError)`: a builtin exception class as the one base (exception-subclasses.ts).
  const exceptionBase = builtinExceptionBase(c, baseNodes, scope);
  // Its traceback line would name the qualname: not measured.
  if (nested && exceptionBase !== null) throw c.fail('an exception class inside a class', node);
  if (exceptionBase !== null) baseNodes.length = 0;
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
  // A nested class statement compiles inside its enclosing body: its cell is its own.
  const enclosing = COMPILING.get(c);
  COMPILING.set(c, classCell);
  try {
    statements.forEach((s, i) => {
      members.push(...classMember(c, s, i === 0, name));
    });
  } finally {
    if (enclosing === undefined) COMPILING.delete(c);
    else COMPILING.set(c, enclosing);
  }
  for (const [i, member] of members.entries())
    if (member.update !== undefined && !members.slice(0, i).some((x) => x.name === member.name))
      throw c.fail(`@${member.name}.setter or .deleter before ${member.name}`, bodyNode);
  const names = members.filter((x) => x.update === undefined).map((x) => x.name);
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
    const qualnameStr = heap.identifier(qualname);
    put('__qualname__', qualnameStr);
    heap.decref(qualnameStr);
    if (m.minor >= 13) {
      const line = heap.newInt(firstLine);
      put('__firstlineno__', line);
      heap.decref(line);
    }
    const namespace: [string, ObjectHandle][] = [];
    let made = 0;
    try {
      m.classBodies.push(m.depth);
      try {
        for (const member of members) {
          if (member.update !== undefined) {
            // STORE_NAME of the copy: the namespace's old property is released (freed).
            const at = namespace.findIndex(([key]) => key === member.name);
            const old = namespace[at]![1];
            const v = member.update(frame, old);
            put(member.name, v);
            namespace[at] = [member.name, v];
            heap.decref(old);
            continue;
          }
          if (member.alias !== undefined) {
            // LOAD_NAME finds the body's own binding in the namespace; STORE_NAME.
            const at = namespace.findIndex(([key]) => key === member.alias);
            if (at < 0)
              throw new Unsupported(
                `the class attribute ${member.name} naming ${member.alias} before the body binds it`,
              );
            const v = namespace[at]![1];
            heap.incref(v);
            put(member.name, v);
            namespace.push([member.name, v]);
            continue;
          }
          const v = member.value(frame);
          put(member.name, v);
          namespace.push([member.name, v]);
        }
      } catch (error) {
        // The body's own frame (its traceback entry, the namespace it keeps) is not
        // modelled: an exception leaving it is refused.
        if (error instanceof PythonError)
          throw new Unsupported(`the ${error.type} leaving a class body (its frame)`);
        throw error;
      } finally {
        m.classBodies.pop();
      }
      if (m.minor >= 13) put('__static_attributes__', heap.emptyTuple);
      if (classCell.used) put('__classcell__', classCell.cell);
      // type(name, bases, ns): the call's arguments tuple, then type_new (whose bases
      // tuple stands for the one __build_class__ made first: it becomes tp_bases).
      const nameStr = heap.identifier(name);
      const args = heap.newTuple([nameStr, heap.emptyTuple, ns]);
      heap.decref(nameStr);
      let cls: ObjectHandle;
      let finalizer = false;
      try {
        for (const b of baseValues)
          if (heap.typeOf(b) !== 'type') throw new Unsupported('a base that is not a class');
        checkExceptionClassBody(m, exceptionBase, baseValues, names);
        // tp_finalize: the class's own __del__ or one a base has (inherit_slots).
        finalizer =
          names.includes('__del__') || baseValues.some((b) => classLookup(m, b, '__del__') !== 0);
        cls = heap.newClass(name, {
          mortal: true,
          namespace,
          bases: baseValues,
          ...(exceptionBase === null ? {} : { exceptionBases: exceptionBase }),
          finalizer,
          ...(slots === undefined ? {} : { slots }),
        });
      } catch (error) {
        throw attributeErrorOf(m, error);
      } finally {
        heap.decref(args);
      }
      classNames(m).set(cls, name);
      if (nested) classQualnames(m).set(cls, qualname);
      recordClass(m, cls, exceptionBase, baseValues);
      // type_new's set_names: a property learns its name (property_set_name, 3.10+).
      if (m.minor >= 10)
        for (const [key, v] of namespace)
          if (heap.typeOf(v) === 'property') heap.setMethodWrapperField(v, heap.identifier(key));
      if (finalizer) installFinalizer(m, cls);
      // type_new: the cell gets the class (and `__classcell__` stays out of its dict).
      if (classCell.used) heap.cellSet(classCell.cell, cls);
      // type_ready_set_hash: `__eq__` without `__hash__` stores `__hash__ = None`.
      if (names.includes('__eq__') && !names.includes('__hash__')) {
        const none = heap.newNone();
        heap.setClassAttr(cls, '__hash__', none);
        heap.decref(none);
      }
      made = cls;
    } finally {
      for (const [, v] of namespace) heap.decref(v);
      heap.decref(ns);
      if (classCell.cell !== 0) heap.decref(classCell.cell);
      m.releaseArguments(baseValues);
      heap.decref(body);
    }
    return made;
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

/**
 * `name = <expression>` in a class body (`tricks = []`, `registry = {}`): the value made
 * when the body runs and stored in its namespace. Evaluated as module code, so a name
 * the class body binds (LOAD_NAME would find it in the namespace), a nested scope
 * (class-body scoping) and a dunder name are refused.
 */
function classAttributeExpression(
  c: Compiler,
  s: SyntaxNode,
  value: SyntaxNode,
  name: string,
): ClassMember {
  if (name.startsWith('__') && name.endsWith('__'))
    throw c.fail(`the class attribute ${name} other than a constant`, s);
  const bound = new Set<string>();
  const body = s.parent;
  if (body !== null) for (const k of c.kids(body)) c.collectAssigned(k, bound, false);
  const cursor = value.cursor();
  do {
    const kind = cursor.name;
    if (
      kind === 'LambdaExpression' ||
      kind === 'YieldExpression' ||
      kind === 'NamedExpression' ||
      kind.endsWith('ComprehensionExpression')
    )
      throw c.fail('a class attribute with a nested scope', cursor.node);
    if (kind === 'VariableName' && bound.has(c.text(cursor.node)))
      throw c.fail('a class attribute reading a name of the class body', cursor.node);
  } while (cursor.next() && cursor.from < value.to);
  return { name, value: c.expression(value, { name: '<module>', locals: null, classBody: true }) };
}

/** One class-body statement's names and values. */
function classMember(c: Compiler, s: SyntaxNode, first: boolean, cls: string): ClassMember[] {
  switch (s.name) {
    case 'PassStatement':
      return [];
    case 'ExpressionStatement': {
      const expression = c.kids(s)[0];
      const constant = expression === undefined ? undefined : c.constant(expression);
      if (!first || constant?.kind !== 'str') throw c.fail('an expression in a class body', s);
      // The docstring: STORE_NAME __doc__ first thing in the body; type_new copies it
      // into tp_doc (heap-types.ts).
      if ([...constant.value].some((ch) => ch.charCodeAt(0) > 0x7f))
        throw c.fail('a class docstring beyond ASCII (its UTF-8 copy)', s);
      let text: string;
      try {
        text = storedDocstring(c.m.minor, constant.value);
      } catch (error) {
        if (error instanceof Unsupported) throw c.fail(error.feature, s);
        throw error;
      }
      return [{ name: '__doc__', value: c.constantExpression({ kind: 'str', value: text }) }];
    }
    case 'AssignStatement': {
      const parts = c.kids(s);
      if (parts.length !== 3 || parts[0]!.name !== 'VariableName' || parts[1]!.name !== 'AssignOp')
        throw c.fail('this assignment in a class body', s);
      const constant = c.constant(parts[2]!);
      const name = c.text(parts[0]!);
      if (constant === undefined && parts[2]!.name === 'VariableName' && !NOT_ALIASED.has(name)) {
        const alias = c.text(parts[2]!);
        const bound = new Set<string>();
        if (s.parent !== null) for (const k of c.kids(s.parent)) c.collectAssigned(k, bound, false);
        if (bound.has(alias))
          return [
            {
              name,
              alias,
              value: () => {
                throw new Error('an alias member has no expression');
              },
            },
          ];
      }
      if (constant === undefined) return [classAttributeExpression(c, s, parts[2]!, name)];
      if (name === '__slots__') slotNamesOf(c, constant, s);
      else if (name === '__hash__') {
        // `__hash__ = None`: instances unhashable (PyObject_HashNotImplemented's TypeError).
        if (constant.kind !== 'none') throw c.fail('__hash__ set to a constant other than None', s);
      } else if (name.startsWith('__') && name.endsWith('__'))
        throw c.fail(`the class attribute ${name}`, s);
      return [{ name, value: c.constantExpression(constant) }];
    }
    case 'FunctionDefinition':
      return [method(c, s, cls)];
    case 'DecoratedStatement':
      return [decoratedMethod(c, s, cls, (d, isStatic) => method(c, d, cls, isStatic))];
    case 'ClassDefinition': {
      // A class inside the class body: made when the body runs, stored in its namespace.
      const name = c.text(c.kids(s).find((p) => p.name === 'VariableName')!);
      if (name.startsWith('__') && name.endsWith('__')) throw c.fail(`the class ${name}`, s);
      return [
        {
          name,
          value: classMaker(c, s, { name: '<module>', locals: null, classBody: true }, true),
        },
      ];
    }
    default:
      throw c.fail(`this statement in a class body (${s.name})`, s);
  }
}

/** A `def` in a class body: a function object stored in the namespace. */
function method(c: Compiler, node: SyntaxNode, cls: string, isStatic = false): ClassMember {
  const parts = c.kids(node);
  if (parts.some((p) => p.name === 'async')) throw c.fail('an async method', node);
  const name = c.text(parts.find((p) => p.name === 'VariableName')!);
  // `__new__` is called by class calls (class-calls.ts newFromClass).
  if (
    name.startsWith('__') &&
    name.endsWith('__') &&
    !CALLED_DUNDERS.has(name) &&
    name !== '__new__'
  )
    throw c.fail(`the method ${name}`, node);
  const paramList = parts.find((p) => p.name === 'ParamList')!;
  const {
    params,
    defaults,
    annotations: parameterAnnotations,
    keywordOnly,
    varargs,
    varkeywords,
    varnames,
    keywordDefaults,
  } = c.parameters(paramList);
  const returns = returnAnnotation(c, node);
  const annotations =
    returns === undefined ? parameterAnnotations : [...parameterAnnotations, returns];
  // A method's annotations are read in the class namespace: names it binds are refused.
  const boundInClass = new Set<string>();
  const classBody = node.parent?.name === 'Body' ? node.parent : node.parent?.parent;
  if (annotations.length > 0 && classBody?.name === 'Body')
    for (const s of c.kids(classBody)) c.collectAssigned(s, boundInClass, false);
  const moduleScope: Scope = { name: '<module>', locals: null, classBody: true };
  if (params.length === 0 && !isStatic) throw c.fail('a method without parameters', paramList);
  for (const d of [...defaults, ...keywordDefaults.map(([, v]) => v)])
    if (c.constant(d) === undefined) throw c.fail('a method default other than a constant', d);
  const bodyNode = parts.find((p) => p.name === 'Body')!;
  const usesSuper = refuseClassCell(c, bodyNode);
  if (c.globalNames(bodyNode).size > 0) throw c.fail('global in a method', bodyNode);
  if (keywordDefaults.length > 0 && usesSuper)
    throw c.fail('keyword-only parameter defaults in a method using super()', paramList);
  if (containsYield(bodyNode)) {
    // A generator method (`def __iter__(self): yield …`): calling it makes the generator.
    if (usesSuper) throw c.fail('super() in a generator method', node);
    const generator = generatorFunctionCode(c, node);
    return {
      name,
      value: c.makeFunction(generator.code, defaults, moduleScope, annotations, node, boundInClass),
    };
  }
  // The frame as a function's (compile-functions.ts frameLayout): locals a nested scope
  // uses (a comprehension before 3.12, a lambda, a generator expression) are cells.
  const symbols = symbolsOf(c, node);
  if (symbols.frees.size > 0) throw c.fail(`the free variable '${[...symbols.frees][0]}'`, node);
  const layout = frameLayout(c, name, varnames, symbols, node);
  for (const a of [...(layout.scope.locals?.keys() ?? []), ...(layout.scope.cells?.keys() ?? [])])
    if (a === 'sys' || a === 'gc' || a === 'print') throw c.fail(`a local named '${a}'`, node);
  // super() reads self from slot 0, which a cell would take over.
  if (usesSuper && layout.scope.cells?.has(params[0] ?? ''))
    throw c.fail('super() in a method whose self a nested scope uses', node);
  const code: CodeUnderConstruction = {
    name,
    qualname: qualnameOf(c, name, node),
    parameters: params,
    keywordOnly,
    varargs,
    varkeywords,
    localCount: 0,
    body: () => Flow.next,
  };
  code.body = c.block(c.kids(bodyNode).slice(1), layout.scope);
  takeLayout(code, layout);
  noteRebinds(c, code, node);
  // A method's docstring is its function's `__doc__`, as a def's.
  noteDocstring(c, code, node);
  void cls;
  if (keywordDefaults.length > 0)
    // MAKE_FUNCTION with `__kwdefaults__`: the defaults tuple, then the kwdefaults dict.
    return {
      name,
      value: makeFunction(
        c,
        code,
        defaults,
        keywordDefaults,
        symbols,
        moduleScope,
        node,
        annotations,
        boundInClass,
      ),
    };
  if (!usesSuper)
    return {
      name,
      value: c.makeFunction(code, defaults, moduleScope, annotations, node, boundInClass),
    };
  const annotationsValue = annotationsArgument(c, annotations, moduleScope, node, boundInClass);
  const classCell = COMPILING.get(c)!;
  classCell.used = true;
  const m = c.m;
  const heap = m.heap;
  const defaultsTuple =
    defaults.length === 0
      ? null
      : c.constantExpression({ kind: 'tuple', items: defaults.map((d) => c.constant(d)!) });
  // MAKE_FUNCTION with a closure: the defaults, the annotations, then BUILD_TUPLE of the
  // `__class__` cell.
  const value: Expression = (frame) => {
    const d = defaultsTuple === null ? 0 : defaultsTuple(frame);
    const ann = annotationsValue === null ? 0 : annotationsValue(frame);
    const closure = heap.newTuple([classCell.cell]);
    const f = heap.newFunction({
      ...(d === 0 ? {} : { defaults: d }),
      ...(ann === 0 ? {} : { annotations: ann }),
      closure,
    });
    heap.decref(closure);
    if (ann !== 0) heap.decref(ann);
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
 * `__class__`.
 */
function refuseClassCell(c: Compiler, body: SyntaxNode): boolean {
  const cursor = body.cursor();
  let usesSuper = false;
  do {
    if (cursor.name === 'VariableName') {
      const text = c.text(cursor.node);
      if (text === '__class__') throw c.fail(`${text} in a method`, cursor.node);
      if (text === 'super') usesSuper = true;
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
 * `super().__new__(cls)` in a `__new__` (its first argument the class): object.__new__
 * past the program's classes (3.8–3.11 the super object first, dropped once LOAD_METHOD
 * found the builtin; 3.12+ LOAD_SUPER_ATTR makes none), called with the class alone:
 * tp_new_wrapper → object_new, the new instance. A `__new__` of a base class of the
 * program, and more arguments (object_new's TypeError), are refused.
 */
function superNew(
  m: Machine,
  cls: ObjectHandle,
  first: ObjectHandle,
  args: readonly Expression[],
  frame: Frame,
): ObjectHandle {
  const heap = m.heap;
  const mro = classMro(m, first);
  const at = cls === 0 ? -1 : mro.indexOf(cls);
  if (at < 0) throw new Unsupported('super() outside the class');
  if (mro.slice(at + 1).some((k) => classLookupOwn(m, k, '__new__')))
    throw new Unsupported("super().__new__ of a base class's own __new__");
  if (m.minor < 12) heap.decref(heap.newSuper(cls, first));
  const values: ObjectHandle[] = [];
  try {
    for (const a of args) values.push(a(frame));
    if (values.length !== 1 || heap.typeOf(values[0]!) !== 'type')
      throw new Unsupported('super().__new__ with other arguments than the class');
    if (!classMro(m, values[0]!).includes(cls))
      throw new Unsupported('super().__new__ of a class outside this one');
    return heap.newInstance(values[0]!);
  } finally {
    m.releaseArguments(values);
  }
}

/** Whether class `k` itself (not a base) defines `name`. */
function classLookupOwn(m: Machine, k: ObjectHandle, name: string): boolean {
  const dict = m.heap.referents(k)[0];
  if (dict === undefined || m.heap.typeOf(dict) !== 'dict') return false;
  const key = m.heap.identifier(name);
  try {
    return m.heap.dictGet(dict, key) !== 0;
  } finally {
    m.heap.decref(key);
  }
}

/**
 * `super().name(args)` in a method: the method found after the class on self's MRO.
 * 3.8–3.11: super() makes a super object (GC, 56 bytes) and LOAD_METHOD on it a bound
 * method (super_getattro; 3.8 from the method free list), then the super object is
 * dropped; 3.8–3.10 call the bound method from C (self borrowed), 3.11 unpacks it.
 * 3.12+: LOAD_SUPER_ATTR pushes the function and self, no object is made.
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
    if (self !== 0 && heap.typeOf(self) === 'exception') {
      const [cls] = heap.referents(classCell.cell);
      return superExceptionCall(m, self, cls ?? 0, name, args, frame);
    }
    if (name === '__new__' && self !== 0 && heap.typeOf(self) === 'type') {
      const [cls] = heap.referents(classCell.cell);
      return superNew(m, cls ?? 0, self, args, frame);
    }
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
    const su = heap.newSuper(cls!, self);
    const bound = heap.newBoundMethod(func, self);
    heap.decref(su);
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
