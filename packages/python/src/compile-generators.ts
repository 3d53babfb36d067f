/**
 * Generator functions: a module-level `def` whose body contains `yield`. Calling one
 * makes a generator object of the heap (heap.callGenerator, sized per version from the
 * code's locals and co_stacksize); its body is compiled in "generator mode": each
 * statement that contains a `yield` becomes a JavaScript generator closure, every other
 * statement is the ordinary compiled closure, run in the generator's frame.
 *
 *   model frame slots:  [params][f_funcobj (3.11+)][other locals][hidden stack slots]
 *                        └──────── co_nlocals ───────────────┘   └ part of co_stacksize
 *
 * The model's code object has the same number of slots as CPython's (co_nlocals +
 * co_stacksize), so the generator (3.11+) and its frame object (3.8–3.10) have
 * CPython's sizes: the function slot and the hidden slots are taken from the stack
 * size. A hidden slot holds what CPython's suspended frame keeps on its value stack —
 * a `for` loop's iterator, the iterator of `yield from` — one per nesting level, so
 * the generator's references are what gen_traverse sees and its frame's clearing
 * releases them. 3.11+ frames hold their function (f_funcobj: _PyFrame_ClearExceptCode
 * releases it after the locals); the model keeps it in the slot after the parameters,
 * so it is released before the other locals (the same objects, another order).
 *
 * `yield` is supported as a statement (`yield`, `yield v`, `yield from v`) and as the
 * whole value of an assignment (`x = yield v`); a `yield` anywhere else, `try`, `with`
 * and nested functions are refused, as is a body whose co_stacksize the model cannot
 * compute (generator-stack-depth.ts).
 */
import type { SyntaxNode } from '@lezer/common';
import { CO_GENERATOR, type CodeObject, type ObjectHandle } from '@pymem/objects';
import { BUILTIN_NAMES } from './builtins.ts';
import { type Annotation, returnAnnotation } from './compile-annotations.ts';
import { qualnameOf } from './compile-functions.ts';
import { COMPILED_MODULES, type Compiler, loopTestAlwaysTrue, type Scope } from './compiler.ts';
import { type ErrorLocation, PythonError, Unsupported } from './errors.ts';
import type { CodeWarmup } from './frame.ts';
import { type Expression, Flow, type Frame, type FunctionCode, type Statement } from './frame.ts';
import {
  delegatingFrames,
  type GeneratorBody,
  type GeneratorStep,
  getIterator,
  iteratorNext,
  resumeGenerator,
  startRun,
  storeGeneratorSlot,
} from './generator-runs.ts';
import { StackDepth } from './generator-stack-depth.ts';

/** A generator-mode statement. */
type GenStatement = (frame: Frame) => GeneratorStep;
/** A generator-mode expression: runs to its value (a new reference). */
type GenExpression = (frame: Frame) => Generator<ObjectHandle, ObjectHandle, ObjectHandle>;

/** The hidden stack slots of the generator being compiled. */
export interface GeneratorSlots {
  /** The first hidden slot. */
  readonly base: number;
  /** Hidden slots in use at the construct being compiled. */
  depth: number;
  /** The most in use at once. */
  max: number;
}

/** Takes the next hidden slot for a construct's duration (release with `slots.depth--`). */
export function takeHiddenSlot(slots: GeneratorSlots): number {
  const slot = slots.base + slots.depth;
  slots.depth++;
  slots.max = Math.max(slots.max, slots.depth);
  return slot;
}

/** True when `node` contains a `yield` (nested scopes are refused elsewhere). */
export function containsYield(node: SyntaxNode): boolean {
  const cursor = node.cursor();
  const end = node.to;
  do {
    if (cursor.from >= end && cursor.node !== node) break;
    if (cursor.name === 'YieldExpression' || cursor.name === 'YieldStatement') return true;
  } while (cursor.next() && cursor.from < end);
  return false;
}

/**
 * Where an error raised by FOR_ITER (a generator resumed by a `for` loop) points in
 * the loop's frame: 3.13 marks the iterable (`for x in gen():` → `~~~^^` under the
 * call), 3.11/3.12 nothing (measured), which a range over the whole first line gives.
 */
export function forIterErrorLocation(
  c: Compiler,
  node: SyntaxNode,
  iterable: SyntaxNode,
): ErrorLocation {
  if (c.m.rules.callArgumentMarks) return c.locate(iterable);
  const lineEnd = c.source.text.indexOf('\n', node.from);
  const to = lineEnd < 0 ? c.source.text.length : lineEnd;
  const trimmed = c.source.text.slice(node.from, to).trimEnd().length + node.from;
  return {
    from: node.from,
    to: trimmed,
    kind: 'other',
    anchorFrom: node.from,
    anchorTo: trimmed,
    wholeCallValue: false,
  };
}

/** Runs a FOR_ITER, pointing a Python error it raises at `location`. */
export function locateForIter<T>(next: () => T, location: ErrorLocation): T {
  try {
    return next();
  } catch (error) {
    if (error instanceof PythonError && error.location === undefined) error.location = location;
    throw error;
  }
}

/**
 * `def name(params): … yield …` at module level: MAKE_FUNCTION of a generator code.
 * Calling the function (Compiler.callFunction) binds the arguments as for any call,
 * then `makeGenerator` makes the generator from them.
 */
export function generatorFunctionDefinition(
  c: Compiler,
  node: SyntaxNode,
  scope: Scope,
): Statement {
  if (scope.locals !== null) throw c.fail('a nested function', node);
  const { code, defaults, annotations } = generatorFunctionCode(c, node);
  const nameNode = c.kids(node).find((p) => p.name === 'VariableName')!;
  const make = c.makeFunction(code, defaults, scope, annotations, node);
  const store = c.store(nameNode, scope);
  return (frame) => {
    store(frame, make(frame));
    return Flow.next;
  };
}

/**
 * The code of a generator function `def name(params): … yield …` (at module level or a
 * method in a class body) and its default expressions: calling it makes the generator.
 */
export function generatorFunctionCode(
  c: Compiler,
  node: SyntaxNode,
): { code: FunctionCode; defaults: SyntaxNode[]; annotations: Annotation[] } {
  // A generator's frame runs apart from its caller's: its line events are not measured.
  if (c.m.lines !== null) throw c.fail('the line events (--steps) of a generator', node);
  const parts = c.kids(node);
  if (parts.some((p) => p.name === 'async')) throw c.fail('an async function', node);
  const nameNode = parts.find((p) => p.name === 'VariableName')!;
  const name = c.text(nameNode);
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
  // The generator's function object gets no `__kwdefaults__` here.
  if (keywordDefaults.length > 0)
    throw c.fail('keyword-only parameter defaults of a generator function', paramList);
  const returns = returnAnnotation(c, node);
  const annotations =
    returns === undefined ? parameterAnnotations : [...parameterAnnotations, returns];
  const bodyNode = parts.find((p) => p.name === 'Body')!;
  const statements = c.kids(bodyNode).slice(1);
  const assigned = new Set<string>();
  for (const s of statements) c.collectAssigned(s, assigned, false);
  const declaredGlobal = c.globalNames(bodyNode);
  const m = c.m;
  const locals = new Map<string, number>();
  for (const p of varnames) {
    if (declaredGlobal.has(p)) throw c.fail(`the parameter '${p}' declared global`, paramList);
    locals.set(p, locals.size);
  }
  const funcSlot = m.minor >= 11;
  if (funcSlot) locals.set('.func', locals.size);
  for (const a of assigned)
    if (!locals.has(a) && !declaredGlobal.has(a)) locals.set(a, locals.size);
  for (const a of locals.keys())
    if (BUILTIN_NAMES.has(a) || COMPILED_MODULES.has(a)) throw c.fail(`a local named '${a}'`, node);
  const slots: GeneratorSlots = { base: locals.size, depth: 0, max: 0 };
  const warmup: CodeWarmup | undefined = m.rules.inPlaceAddWaitsForQuickening
    ? { count: 0 }
    : undefined;
  const run = generatorBlock(c, statements, {
    name,
    locals,
    generator: slots,
    ...(warmup === undefined ? {} : { warmup }),
  });
  const depth = new StackDepth(c).block(statements);
  if (depth === undefined) throw c.fail('this generator (its stack size is not modelled)', node);
  const line = c.source.position(node.from).line;
  const body = generatorCode(c, name, slots, funcSlot ? varnames.length : -1, depth, run, node);
  if (warmup !== undefined) body.warmup = warmup;
  const code: FunctionCode = {
    name,
    qualname: qualnameOf(c, name, node),
    parameters: params,
    keywordOnly,
    varargs,
    varkeywords,
    localCount: varnames.length,
    body: () => Flow.next,
    makeGenerator: (values, func) => {
      const args = values.slice(0, varnames.length);
      if (funcSlot) args.push(func);
      return startGenerator(c, body, args, line);
    },
  };
  return { code, defaults, annotations };
}

/** A generator's body with the heap's code object it runs in. */
export interface GeneratorCode extends GeneratorBody {
  /** The code object (its shape sizes the generator and, on 3.8–3.10, its frame). */
  readonly code: CodeObject;
}

/** What CPython's code object of a compiled generator says: co_nlocals, co_stacksize. */
export interface GeneratorCodeShape {
  /** co_name. */
  readonly name: string;
  /** co_firstlineno. */
  readonly line: number;
  /** co_nlocals (the model's frame has the function and hidden slots besides). */
  readonly nlocals: number;
  /** co_stacksize (the model's code has the hidden slots taken from it). */
  readonly stacksize: number;
}

const shapesByMachine = new WeakMap<Compiler['m'], GeneratorCodeShape[]>();

/** The generator codes compiled for a run so far, in compilation order (for tests). */
export function compiledGeneratorCodes(m: Compiler['m']): readonly GeneratorCodeShape[] {
  return shapesByMachine.get(m) ?? [];
}

/** A generator's code object of the heap, with the slot layout of the module comment. */
export function generatorCode(
  c: Compiler,
  name: string,
  slots: GeneratorSlots,
  functionSlot: number,
  depth: number,
  run: (frame: Frame) => GeneratorStep,
  node: SyntaxNode,
  frees = 0,
): GeneratorCode {
  const stacksize = Math.max(depth, c.m.minor >= 12 ? 2 : 1);
  const hidden = slots.max + (functionSlot >= 0 ? 1 : 0);
  if (stacksize < hidden) throw c.fail('this generator (its stack size is not modelled)', node);
  const shapes = shapesByMachine.get(c.m) ?? [];
  shapesByMachine.set(c.m, shapes);
  shapes.push({
    name,
    line: c.source.position(node.from).line,
    // co_nlocals counts neither the function slot nor the free variables' (co_nfrees).
    nlocals: slots.base - (functionSlot >= 0 ? 1 : 0) - frees,
    stacksize,
  });
  const code = c.m.heap.newCode({
    nlocals: slots.base + slots.max,
    ncells: 0,
    nfrees: 0,
    stacksize: stacksize - hidden,
    flags: CO_GENERATOR,
  });
  return {
    name,
    slots: slots.base + slots.max,
    stackBase: slots.base,
    functionSlot,
    run,
    code,
  };
}

/** Calls a generator code: the new generator (its slots take new references to `args`). */
export function startGenerator(
  c: Compiler,
  body: GeneratorCode,
  args: readonly ObjectHandle[],
  line: number,
): ObjectHandle {
  const g = c.m.heap.callGenerator(body.code, args);
  startRun(c.m, g, body, args, line);
  return g;
}

type Compiled = { readonly plain: Statement } | { readonly gen: GenStatement };

function generatorBlock(c: Compiler, statements: SyntaxNode[], scope: Scope): GenStatement {
  const compiled = statements
    .filter((s) => s.name !== ':' && s.name !== 'Comment')
    .map(
      (s): Compiled =>
        containsYield(s) ? { gen: genStatement(c, s, scope) } : { plain: c.statement(s, scope) },
    );
  return function* (frame) {
    for (const s of compiled) {
      const flow = 'plain' in s ? s.plain(frame) : yield* s.gen(frame);
      if (flow !== Flow.next) return flow;
    }
    return Flow.next;
  };
}

function generatorBody(c: Compiler, node: SyntaxNode | undefined, scope: Scope): GenStatement {
  if (node === undefined) throw c.fail('an empty block', c.source.root);
  return generatorBlock(c, c.kids(node).slice(1), scope);
}

function genStatement(c: Compiler, node: SyntaxNode, scope: Scope): GenStatement {
  switch (node.name) {
    case 'ForStatement':
      return genFor(c, node, scope);
    case 'WhileStatement':
      return genWhile(c, node, scope);
    case 'IfStatement':
      return genIf(c, node, scope);
  }
  const inner = genSimpleStatement(c, node, scope);
  const m = c.m;
  const { line, column } = c.source.position(node.from);
  return function* (frame) {
    m.step();
    frame.line = line;
    m.line = line;
    m.column = column;
    return yield* inner(frame);
  };
}

function genSimpleStatement(c: Compiler, node: SyntaxNode, scope: Scope): GenStatement {
  const heap = c.m.heap;
  if (node.name === 'YieldStatement') {
    const value = yieldExpression(c, node, scope);
    return function* (frame) {
      heap.decref(yield* value(frame));
      return Flow.next;
    };
  }
  if (node.name === 'AssignStatement') {
    const groups = c.assignGroups(node);
    const valueGroup = groups.pop()!;
    const values = valueGroup.filter((k) => k.name !== ',');
    if (groups.length === 1 && values.length === 1 && values[0]!.name === 'YieldExpression') {
      const target = c.targetOf(groups[0]!, scope, node);
      const value = yieldExpression(c, values[0]!, scope);
      return function* (frame) {
        target.store(frame, yield* value(frame));
        return Flow.next;
      };
    }
  }
  throw c.fail('yield inside this statement', node);
}

/** `yield`, `yield v`, `yield from v`: runs to the value the yield expression has. */
function yieldExpression(c: Compiler, node: SyntaxNode, scope: Scope): GenExpression {
  const parts = c.kids(node).filter((k) => k.name !== 'yield' && !k.type.isError);
  if (parts[0]?.name === 'from') return yieldFrom(c, parts[1]!, scope);
  const value: Expression =
    parts.length === 0
      ? c.constantExpression({ kind: 'none' })
      : c.groupExpression(parts, scope, node);
  return function* (frame) {
    return yield value(frame);
  };
}

/**
 * `yield from v`: GET_YIELD_FROM_ITER (a generator is its own iterator; a list, tuple,
 * range or dict gets one), kept in a hidden slot; each value the iterator yields is
 * yielded on, each value sent is sent on (to a generator; a list iterator cannot take
 * one). The expression's value is the sub-generator's return value (None for the rest).
 */
function yieldFrom(c: Compiler, node: SyntaxNode, scope: Scope): GenExpression {
  const source = c.expression(node, scope);
  const slots = scope.generator!;
  const slot = takeHiddenSlot(slots);
  slots.depth--;
  const m = c.m;
  const heap = m.heap;
  return function* (frame) {
    const it = getIterator(m, source(frame));
    storeGeneratorSlot(m, frame, slot, it);
    const isGenerator = heap.typeOf(it) === 'generator';
    let sent: ObjectHandle = 0;
    for (;;) {
      let item: ObjectHandle;
      const out = { returned: 0 };
      if (isGenerator) item = resumeGenerator(m, it, sent, out);
      else {
        if (sent !== 0) {
          const none = heap.typeOf(sent) === 'NoneType';
          heap.decref(sent);
          if (!none) throw new Unsupported('send() through yield from an iterator');
        }
        item = heap.iteratorNext(it);
      }
      if (item === 0) {
        const result = isGenerator ? out.returned : heap.newNone();
        storeGeneratorSlot(m, frame, slot, 0);
        return result;
      }
      delegatingFrames.add(frame);
      sent = yield item;
      delegatingFrames.delete(frame);
    }
  };
}

/**
 * A `for` loop with a `yield` in its body: as Compiler.forStatement, with the iterator
 * in a hidden slot (CPython keeps it on the value stack across the yields): released
 * when the loop ends, breaks or returns.
 */
function genFor(c: Compiler, node: SyntaxNode, scope: Scope): GenStatement {
  const parts = c.kids(node);
  const elseAt = parts.findIndex((p) => p.name === 'else');
  const inAt = parts.findIndex((p) => p.name === 'in');
  const target = c.targetOf(parts.slice(1, inAt), scope, node);
  const iterableNode = parts[inAt + 1]!;
  const folded = c.iterableConstant(iterableNode);
  const iterable =
    folded !== undefined ? c.constantExpression(folded) : c.expression(iterableNode, scope);
  const slots = scope.generator!;
  const slot = takeHiddenSlot(slots);
  const body = generatorBody(c, parts[inAt + 2], scope);
  slots.depth--;
  const warmup = scope.warmup;
  const orElse = elseAt < 0 ? null : generatorBody(c, parts[elseAt + 1], scope);
  const m = c.m;
  const heap = m.heap;
  const { line, column } = c.source.position(node.from);
  const location = forIterErrorLocation(c, node, iterableNode);
  return function* (frame) {
    m.step();
    frame.line = line;
    m.line = line;
    m.column = column;
    const seq = iterable(frame);
    const size = heap.typeOf(seq) === 'dict' ? heap.lengthOf(seq) : -1;
    const it = getIterator(m, seq);
    storeGeneratorSlot(m, frame, slot, it);
    for (;;) {
      if (size >= 0 && heap.isLive(seq) && heap.lengthOf(seq) !== size)
        throw new Unsupported('changing the size of a dict while iterating over it');
      const item = locateForIter(() => iteratorNext(m, it), location);
      if (item === 0) break;
      target.store(frame, item);
      const flow = yield* body(frame);
      if (flow === Flow.break || flow === Flow.return) {
        storeGeneratorSlot(m, frame, slot, 0);
        return flow === Flow.break ? Flow.next : flow;
      }
      // JUMP_BACKWARD: 3.11 warms the code object up (str-concat.ts).
      if (warmup !== undefined) warmup.count++;
      m.step();
      frame.line = line;
    }
    storeGeneratorSlot(m, frame, slot, 0);
    return orElse === null ? Flow.next : yield* orElse(frame);
  };
}

function genWhile(c: Compiler, node: SyntaxNode, scope: Scope): GenStatement {
  const parts = c.kids(node);
  const elseAt = parts.findIndex((p) => p.name === 'else');
  const orElse = elseAt < 0 ? null : generatorBody(c, parts[elseAt + 1], scope);
  const test = c.condition(parts[1]!, scope);
  const body = generatorBody(c, parts[2], scope);
  const m = c.m;
  const { line, column } = c.source.position(node.from);
  const warmup = scope.warmup;
  const jumpsBack = warmup !== undefined && loopTestAlwaysTrue(c, parts[1]!);
  return function* (frame) {
    for (;;) {
      m.step();
      frame.line = line;
      m.line = line;
      m.column = column;
      if (!test(frame)) return orElse === null ? Flow.next : yield* orElse(frame);
      const flow = yield* body(frame);
      if (flow === Flow.break) return Flow.next;
      if (flow === Flow.return) return flow;
      // JUMP_BACKWARD (`continue`, or `while True`'s end): 3.11 warms the code up.
      if (warmup !== undefined && (jumpsBack || flow === Flow.continue)) warmup.count++;
    }
  };
}

function genIf(c: Compiler, node: SyntaxNode, scope: Scope): GenStatement {
  const parts = c.kids(node);
  const branches: {
    test: ((f: Frame) => boolean) | null;
    body: GenStatement;
    line: number;
    column: number;
  }[] = [];
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]!;
    if (p.name === 'if' || p.name === 'elif') {
      branches.push({
        test: c.condition(parts[i + 1]!, scope),
        body: generatorBody(c, parts[i + 2], scope),
        ...c.source.position(p.from),
      });
      i += 2;
    } else if (p.name === 'else') {
      branches.push({
        test: null,
        body: generatorBody(c, parts[i + 1], scope),
        line: 0,
        column: 0,
      });
      i += 1;
    }
  }
  const m = c.m;
  return function* (frame) {
    m.step();
    for (const b of branches) {
      if (b.test !== null) {
        frame.line = b.line;
        m.line = b.line;
        m.column = b.column;
      }
      if (b.test === null || b.test(frame)) return yield* b.body(frame);
    }
    return Flow.next;
  };
}
