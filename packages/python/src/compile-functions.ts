/**
 * `def` (anywhere, decorated or not), `lambda` (anywhere) and the closures they make.
 *
 *   frame slots   [ varnames: parameters, then locals ][ cells ][ free variables ]
 *                   one reference each; a cell or free slot holds a cell object
 *
 *   def inner(…)  in outer:  defaults tuple (BUILD_TUPLE or a constant), the closure
 *                            tuple (LOAD_CLOSURE of outer's cells, BUILD_TUPLE, in
 *                            co_freevars order: sorted), then the function (MAKE_FUNCTION)
 *   a call        the arguments are bound, then `enter` makes the cells and copies the
 *                 closure's cells into the free slots (each slot one more reference)
 *
 * Per version, where a parameter that is also a cell variable lives and when cells are
 * made (Objects/call.c & Python/ceval.c _PyEval_EvalCode 3.8–3.10; the MAKE_CELL
 * prologue of compile.c insert_prefix_instructions, 3.11–3.13):
 *   3.8–3.10  cells are made at frame set-up in co_cellvars order (names sorted), in
 *             their own slots after the locals; a parameter's cell takes its value and
 *             the parameter's slot is emptied.
 *   3.11+     MAKE_CELL, in slot order: a parameter's cell replaces the value in the
 *             parameter's own slot; the other cells sit after the locals, sorted.
 * The frame is cleared in slot order when the call ends (frame_dealloc 3.8–3.10,
 * _PyFrame_ClearLocals 3.11+). Decorators are evaluated before the function is made
 * and applied innermost first (CALL of each on the result).
 *
 * Invariants: every name a scope resolves as a cell or free variable has a slot in
 * `cells`; a cell slot holds a live cell from `enter` until the frame is cleared.
 */
import type { SyntaxNode } from '@lezer/common';
import type { ObjectHandle } from '@pymem/objects';
import { noteRebinds } from './borrowed-loads.ts';
import { BUILTIN_NAMES } from './builtins.ts';
import {
  type Annotation,
  annotationsArgument,
  returnAnnotation,
  typeDefExpression,
} from './compile-annotations.ts';
import { keywordsDict } from './compile-arguments.ts';
import { lruCacheDecorator } from './compile-lru-cache.ts';
import {
  analyseScopes,
  inlinedComprehensionCells,
  type ScopeSymbols,
  scopeKey,
} from './compile-scopes.ts';
import { wrapsDecorator } from './compile-wraps.ts';
import { COMPILED_MODULES, type Compiler, type Scope } from './compiler.ts';
import type { Constant } from './constants.ts';
import { PythonError, Unsupported } from './errors.ts';
import type { CodeWarmup } from './frame.ts';
import { type Expression, Flow, type Frame, type FunctionCode, type Statement } from './frame.ts';
import { noteDocstring } from './function-attributes.ts';
import type { Machine } from './machine.ts';
import { untrackIfAtomic } from './tuple-tracking.ts';

const analyses = new WeakMap<Compiler, Map<string, ScopeSymbols>>();

/** The symbols of the scope `node` opens (the whole program is analysed on first use). */
export function symbolsOf(c: Compiler, node: SyntaxNode): ScopeSymbols {
  let all = analyses.get(c);
  if (all === undefined) {
    all = analyseScopes(c, c.source.root, c.m.minor >= 12);
    analyses.set(c, all);
  }
  const s = all.get(scopeKey(node));
  if (s === undefined) throw c.fail('this scope', node);
  return s;
}

/** The references a function object was made with (its closure tuple, for `enter`). */
const closures = new WeakMap<Machine, Map<ObjectHandle, ObjectHandle>>();

/** The closure tuple function `f` was made with, or 0. */
export function closureOf(m: Machine, f: ObjectHandle): ObjectHandle {
  return closures.get(m)?.get(f) ?? 0;
}

/** The parameters of a ParamList. */
export interface Parameters {
  /** Positional-or-keyword parameters, in order. */
  readonly positional: string[];
  /** Their default expressions (for the last ones). */
  readonly defaults: SyntaxNode[];
  /** Keyword-only parameters (after `*` or `*args`), in order. */
  readonly keywordOnly: string[];
  /** Their defaults, by name, in order. */
  readonly keywordDefaults: [string, SyntaxNode][];
  /** The `*args` name, or null. */
  readonly varargs: string | null;
  /** The `**kwargs` name, or null. */
  readonly varkeywords: string | null;
  /** All of them in co_varnames order: positional, keyword-only, *args, **kwargs. */
  readonly varnames: string[];
  /** Their annotations in compiler_visit_annotations' order (compile-annotations.ts). */
  readonly annotations: Annotation[];
}

/** A parameter list's names and default expressions. */
export function parseParameters(c: Compiler, paramList: SyntaxNode | undefined): Parameters {
  const positional: string[] = [];
  const defaults: SyntaxNode[] = [];
  const keywordOnly: string[] = [];
  const keywordDefaults: [string, SyntaxNode][] = [];
  let varargs: string | null = null;
  let varkeywords: string | null = null;
  let afterStar = false;
  // Annotations by kind: positional, *args, keyword-only, **kwargs (CPython's order).
  const annotated: {
    positional: Annotation[];
    star: Annotation[];
    kw: Annotation[];
    starstar: Annotation[];
  } = { positional: [], star: [], kw: [], starstar: [] };
  const items =
    paramList === undefined
      ? []
      : c.kids(paramList).filter((k) => k.name !== '(' && k.name !== ')');
  // The parser keeps no node for the `/` of positional-only parameters: look between nodes.
  if (paramList !== undefined) {
    const whole = c.text(paramList);
    for (let i = 1; i < items.length; i++) {
      const between = whole.slice(
        items[i - 1]!.to - paramList.from,
        items[i]!.from - paramList.from,
      );
      if (between.includes('/')) throw c.fail('positional-only parameters', items[i]!);
    }
  }
  for (let i = 0; i < items.length; i++) {
    const k = items[i]!;
    if (k.name === ',') continue;
    if (k.name === '/') throw c.fail('positional-only parameters', k);
    if (k.name === '*' || k.name === '**') {
      const next = items[i + 1];
      if (next?.name === 'VariableName') {
        if (k.name === '*') varargs = c.text(next);
        else varkeywords = c.text(next);
        i++;
        if (items[i + 1]?.name === 'TypeDef') {
          const annotation: Annotation = [c.text(next), typeDefExpression(c, items[i + 1]!)];
          (k.name === '*' ? annotated.star : annotated.starstar).push(annotation);
          i++;
        }
      } else if (k.name === '**') throw c.fail('this parameter list', k);
      if (k.name === '*') afterStar = true;
      continue;
    }
    if (k.name !== 'VariableName') throw c.fail('this kind of parameter', k);
    if (varkeywords !== null) throw c.fail('a parameter after **kwargs', k);
    const name = c.text(k);
    if (items[i + 1]?.name === 'TypeDef') {
      const annotation: Annotation = [name, typeDefExpression(c, items[i + 1]!)];
      (afterStar ? annotated.kw : annotated.positional).push(annotation);
      i++;
    }
    const defaultNode = items[i + 1]?.name === 'AssignOp' ? items[i + 2] : undefined;
    if (defaultNode !== undefined) i += 2;
    if (afterStar) {
      keywordOnly.push(name);
      if (defaultNode !== undefined) keywordDefaults.push([name, defaultNode]);
      continue;
    }
    positional.push(name);
    if (defaultNode !== undefined) defaults.push(defaultNode);
    else if (defaults.length > 0) throw c.fail('a parameter without a default after one with', k);
  }
  const varnames = [...positional, ...keywordOnly];
  if (varargs !== null) varnames.push(varargs);
  if (varkeywords !== null) varnames.push(varkeywords);
  if (new Set(varnames).size !== varnames.length)
    throw c.fail('duplicate parameter names', paramList!);
  for (const p of varnames)
    if (BUILTIN_NAMES.has(p) || COMPILED_MODULES.has(p))
      throw c.fail(`a parameter named '${p}'`, paramList!);
  const annotations = [
    ...annotated.positional,
    ...annotated.star,
    ...annotated.kw,
    ...annotated.starstar,
  ];
  return {
    positional,
    defaults,
    keywordOnly,
    keywordDefaults,
    varargs,
    varkeywords,
    varnames,
    annotations,
  };
}

/** Where a function's names live in its frame. */
export interface FrameLayout {
  /** The body's scope (locals: plain slots; cells: slots holding cells). */
  readonly scope: Scope;
  /** Slot count (grows while the body compiles: 3.12+ comprehension variables). */
  readonly slots: { count: number };
  /** Makes the cells and copies the free variables when a call starts. */
  readonly enter: ((frame: Frame, f: ObjectHandle) => void) | undefined;
}

/**
 * The frame layout of a function scope with `parameters` (in varnames order) and
 * the analysed `symbols`, per version (see the file comment).
 */
export function frameLayout(
  c: Compiler,
  name: string,
  parameters: readonly string[],
  symbols: ScopeSymbols,
  node: SyntaxNode,
): FrameLayout {
  const m = c.m;
  const heap = m.heap;
  const locals = new Map<string, number>();
  const cells = new Map<string, number>();
  const sortedCells = [...symbols.cells].sort();
  const sortedFrees = [...symbols.frees].sort();
  let count = 0;
  for (const p of parameters) locals.set(p, count++);
  for (const l of symbols.locals)
    if (!locals.has(l) && !symbols.cells.has(l) && !l.startsWith('.')) locals.set(l, count++);
  for (const l of locals.keys())
    if (BUILTIN_NAMES.has(l) || COMPILED_MODULES.has(l)) throw c.fail(`a local named '${l}'`, node);
  // Cell creation order, each with its slot and the parameter slot it takes its value from.
  const made: { slot: number; from: number }[] = [];
  const late = m.minor <= 10;
  // 3.12+: the inlined comprehensions' hidden cells are locals of this frame (their
  // slots follow the plain locals), so MAKE_CELL makes them after the parameters'
  // cells and before the other cell variables (co_cellvars follow co_varnames).
  const hiddenCells = new Map<string, number>();
  if (m.minor >= 12 && symbols.kind === 'function') {
    for (const name of inlinedComprehensionCells(symbols)) {
      // Comprehensions with the same variable share its slot (one MAKE_CELL).
      if (hiddenCells.has(name)) continue;
      if (locals.has(name) || symbols.cells.has(name) || symbols.frees.has(name))
        throw c.fail(
          `a comprehension variable '${name}' that a function inside it uses and this scope binds too`,
          node,
        );
      hiddenCells.set(name, count);
      made.push({ slot: count++, from: -1 });
    }
  }
  for (const cell of sortedCells) {
    const parameterSlot = locals.get(cell);
    if (parameterSlot !== undefined && !late) {
      cells.set(cell, parameterSlot);
      locals.delete(cell);
      continue;
    }
    cells.set(cell, count);
    made.push({ slot: count++, from: parameterSlot ?? -1 });
    if (parameterSlot !== undefined) locals.delete(cell);
  }
  if (!late) {
    // 3.11+: MAKE_CELL in slot order (parameter cells first, by position).
    for (const cell of sortedCells) {
      const slot = cells.get(cell)!;
      if (slot < parameters.length) made.push({ slot, from: slot });
    }
    made.sort((a, b) => a.slot - b.slot);
  }
  const frees = sortedFrees.map((f) => {
    cells.set(f, count);
    return count++;
  });
  const enter =
    made.length === 0 && frees.length === 0
      ? undefined
      : (frame: Frame, f: ObjectHandle): void => {
          for (const { slot, from } of made) {
            if (from < 0) {
              frame.locals[slot] = heap.newCell();
              continue;
            }
            const value = frame.locals[from]!;
            frame.locals[slot] = heap.newCell(value);
            if (from !== slot) frame.locals[from] = 0;
            heap.decref(value);
          }
          if (frees.length > 0) {
            const items = heap.referents(closureOf(m, f));
            for (let i = 0; i < frees.length; i++) {
              heap.incref(items[i]!);
              frame.locals[frees[i]!] = items[i]!;
            }
          }
        };
  const slots = { count };
  return {
    scope: {
      name,
      locals,
      cells,
      symbols,
      slots,
      ...(hiddenCells.size > 0 ? { hiddenCells } : {}),
      ...(m.rules.inPlaceAddWaitsForQuickening ? { warmup: { count: 0 } } : {}),
    },
    slots,
    enter,
  };
}

/**
 * MAKE_FUNCTION for `code`: its defaults tuple (one constant when every default is
 * one), its closure tuple (the enclosing scope's cells for `symbols.frees`, sorted),
 * then the function; the temporaries are released once the function holds them.
 */
export function makeFunction(
  c: Compiler,
  code: FunctionCode,
  defaults: SyntaxNode[],
  keywordDefaults: [string, SyntaxNode][],
  symbols: ScopeSymbols,
  scope: Scope,
  node: SyntaxNode,
  annotations: readonly Annotation[] = [],
  classNames?: ReadonlySet<string>,
): Expression {
  const m = c.m;
  const heap = m.heap;
  let defaultsTuple: Expression | null = null;
  if (defaults.length > 0) {
    const constants = defaults.map((d) => c.constant(d));
    if (constants.every((k) => k !== undefined))
      defaultsTuple = c.constantExpression({ kind: 'tuple', items: constants as Constant[] });
    else {
      const exprs = defaults.map((d) => c.expression(d, scope));
      defaultsTuple = (frame) => {
        const values: ObjectHandle[] = [];
        try {
          for (const e of exprs) values.push(e(frame));
          const t = heap.newTuple(values);
          untrackIfAtomic(m, t);
          return t;
        } finally {
          for (const v of values) heap.decref(v);
        }
      };
    }
  }
  const kwdefaultsDict = keywordDefaultsDict(c, keywordDefaults, scope);
  const annotationsValue = annotationsArgument(c, annotations, scope, node, classNames);
  const freeSlots = [...symbols.frees].sort().map((name) => {
    const slot = scope.cells?.get(name);
    if (slot === undefined) throw c.fail(`the free variable '${name}'`, node);
    return slot;
  });
  let byFunction = closures.get(m);
  if (byFunction === undefined) {
    byFunction = new Map();
    closures.set(m, byFunction);
  }
  const closureMap = byFunction;
  return (frame) => {
    const d = defaultsTuple === null ? 0 : defaultsTuple(frame);
    let kw = 0;
    let ann = 0;
    let closure = 0;
    try {
      if (kwdefaultsDict !== null) kw = kwdefaultsDict(frame);
      if (annotationsValue !== null) ann = annotationsValue(frame);
      if (freeSlots.length > 0) {
        const cells = freeSlots.map((s) => frame.locals[s]!);
        closure = heap.newTuple(cells);
      }
      const f = heap.newFunction({
        ...(d === 0 ? {} : { defaults: d }),
        ...(kw === 0 ? {} : { kwdefaults: kw }),
        ...(closure === 0 ? {} : { closure }),
        ...(ann === 0 ? {} : { annotations: ann }),
      });
      m.functions.set(f, code);
      if (closure === 0) closureMap.delete(f);
      else closureMap.set(f, closure);
      return f;
    } finally {
      if (d !== 0) heap.decref(d);
      if (kw !== 0) heap.decref(kw);
      if (ann !== 0) heap.decref(ann);
      if (closure !== 0) heap.decref(closure);
    }
  };
}

/**
 * The keyword-only defaults: their values, then BUILD_CONST_KEY_MAP with the names'
 * constant tuple — a presized dict (_PyDict_NewPresized 3.8–3.10, _PyDict_FromItems
 * with str keys 3.11+), as a dict display of constant keys is built.
 */
function keywordDefaultsDict(
  c: Compiler,
  keywordDefaults: [string, SyntaxNode][],
  scope: Scope,
): Expression | null {
  return keywordDefaults.length === 0 ? null : keywordsDict(c, keywordDefaults, scope);
}

/**
 * `__qualname__`: the name, after `<enclosing qualname>.<locals>.` for each enclosing
 * function or lambda (comprehensions 3.8–3.11 too; `<listcomp>`) and `<class name>.`
 * for each enclosing class.
 */
export function qualnameOf(c: Compiler, name: string, node: SyntaxNode): string {
  const parts = [name];
  for (let at = node.parent; at !== null; at = at.parent) {
    if (at.name === 'FunctionDefinition') {
      const n = c.kids(at).find((k) => k.name === 'VariableName');
      parts.unshift(`${n === undefined ? '?' : c.text(n)}.<locals>`);
    } else if (at.name === 'LambdaExpression') parts.unshift('<lambda>.<locals>');
    else if (at.name === 'ClassDefinition') {
      const n = c.kids(at).find((k) => k.name === 'VariableName');
      parts.unshift(n === undefined ? '?' : c.text(n));
    }
  }
  return parts.join('.');
}

/**
 * A FunctionCode while its body compiles: the body, slot count, slot names and `enter`
 * are filled in once the frame layout is known.
 */
export interface CodeUnderConstruction {
  name: string;
  qualname: string;
  parameters: readonly string[];
  keywordOnly: readonly string[];
  varargs: boolean;
  varkeywords: boolean;
  localCount: number;
  localNames?: readonly string[];
  body: Statement;
  enter?: (frame: Frame, f: ObjectHandle) => void;
  warmup?: CodeWarmup;
}

/** A function's code and layout, compiled from its parameters and body. */
function compileCode(
  c: Compiler,
  name: string,
  parameters: Parameters,
  symbols: ScopeSymbols,
  node: SyntaxNode,
  compileBody: (scope: Scope) => Statement,
): FunctionCode {
  const layout = frameLayout(c, name, parameters.varnames, symbols, node);
  const qualname = qualnameOf(c, name, node);
  const code: CodeUnderConstruction = {
    name,
    qualname,
    parameters: parameters.positional,
    keywordOnly: parameters.keywordOnly,
    varargs: parameters.varargs !== null,
    varkeywords: parameters.varkeywords !== null,
    localCount: 0,
    body: () => Flow.next,
  };
  code.body = compileBody(layout.scope);
  takeLayout(code, layout);
  noteRebinds(c, code, node);
  noteDocstring(c, code, node);
  return code;
}

/** Gives a code its frame's slot count and names, `enter` and 3.11 warm-up count. */
export function takeLayout(code: CodeUnderConstruction, layout: FrameLayout): void {
  code.localCount = layout.slots.count;
  code.localNames = slotNames(layout);
  if (layout.enter !== undefined) code.enter = layout.enter;
  if (layout.scope.warmup !== undefined) code.warmup = layout.scope.warmup;
}

/** Each slot's variable name ('' for a slot no name owns), for step views. */
export function slotNames(layout: FrameLayout): string[] {
  const names: string[] = new Array(layout.slots.count).fill('');
  for (const [name, slot] of layout.scope.locals ?? []) if (slot < names.length) names[slot] = name;
  for (const [name, slot] of layout.scope.cells ?? []) if (slot < names.length) names[slot] = name;
  return names;
}

/** `def name(…): body`, possibly decorated, in any scope. */
export function compileFunctionDefinition(c: Compiler, node: SyntaxNode, scope: Scope): Statement {
  const decorated = node.name === 'DecoratedStatement';
  const definition = decorated ? c.kids(node).find((k) => k.name === 'FunctionDefinition') : node;
  if (definition === undefined) throw c.fail('a decorated class', node);
  const parts = c.kids(definition);
  if (parts.some((p) => p.name === 'async')) throw c.fail('an async function', definition);
  const nameNode = parts.find((p) => p.name === 'VariableName')!;
  const name = c.text(nameNode);
  const parameters = parseParameters(
    c,
    parts.find((p) => p.name === 'ParamList'),
  );
  const symbols = symbolsOf(c, definition);
  const bodyNode = parts.find((p) => p.name === 'Body')!;
  for (const p of parameters.varnames)
    if (symbols.globals.has(p)) throw c.fail(`the parameter '${p}' declared global`, definition);
  const code = compileCode(c, name, parameters, symbols, definition, (inner) =>
    c.block(c.kids(bodyNode).slice(1), inner),
  );
  const decoratorNodes = decorated ? c.kids(node).filter((k) => k.name === 'Decorator') : [];
  // `@functools.wraps(f)` and `@functools.lru_cache…` are applied by compile-wraps.ts / compile-lru-cache.ts.
  const wrapping = decoratorNodes.map(
    (d) => wrapsDecorator(c, d, scope) ?? lruCacheDecorator(c, d, scope),
  );
  const decorators = decoratorNodes.map(
    (d, i) => wrapping[i]?.value ?? decoratorExpression(c, d, scope),
  );
  const returns = returnAnnotation(c, definition);
  const make = makeFunction(
    c,
    code,
    parameters.defaults,
    parameters.keywordDefaults,
    symbols,
    scope,
    definition,
    returns === undefined ? parameters.annotations : [...parameters.annotations, returns],
  );
  const store = c.store(nameNode, scope);
  if (decorators.length === 0)
    return (frame) => {
      store(frame, make(frame));
      return Flow.next;
    };
  const heap = c.m.heap;
  // The values each application works on, per running statement (a stack: re-entrant).
  const pending: ObjectHandle[][] = [];
  const apply = c.callFunction(
    () => pending[pending.length - 1]!.pop()!,
    [() => pending[pending.length - 1]!.pop()!],
  );
  return (frame) => {
    const values: ObjectHandle[] = [];
    try {
      for (const d of decorators) values.push(d(frame));
    } catch (error) {
      for (const v of values) heap.decref(v);
      throw error;
    }
    let f: ObjectHandle;
    try {
      f = make(frame);
    } catch (error) {
      for (const v of values) heap.decref(v);
      throw error;
    }
    // Innermost first: each CALL takes the decorator and the value below it.
    const mine: ObjectHandle[] = [];
    pending.push(mine);
    try {
      while (values.length > 0) {
        const wraps = wrapping[values.length - 1];
        if (wraps !== undefined) f = wraps.apply(values.pop()!, f);
        else {
          mine.push(f, values.pop()!);
          f = apply(frame);
        }
      }
    } catch (error) {
      for (const v of values) heap.decref(v);
      throw error;
    } finally {
      pending.pop();
    }
    store(frame, f);
    return Flow.next;
  };
}

/** A decorator's expression (`@name`, `@name.attr…` refused, `@call(…)`). */
function decoratorExpression(c: Compiler, decorator: SyntaxNode, scope: Scope): Expression {
  const parts = c.kids(decorator).filter((k) => k.name !== 'At');
  if (parts.length === 1) return c.expression(parts[0]!, scope);
  // `@f(args)` parses as the name and an argument list: a call of a Python function.
  if (parts.length === 2 && parts[0]!.name === 'VariableName' && parts[1]!.name === 'ArgList') {
    const { positional, keywords } = c.arguments(parts[1]!, scope);
    return c.located(
      c.callFunction(
        c.expression(parts[0]!, scope),
        [...positional, ...keywords.map(([, v]) => v)].map((p) => c.expression(p, scope)),
        keywords.map(([k]) => k),
      ),
      decorator,
    );
  }
  throw c.fail('this decorator', decorator);
}

/**
 * `lambda params: expr`, anywhere: a function like a `def`'s whose body returns the
 * expression; its traceback frame is `<lambda>` on the lambda's line.
 */
export function compileLambda(c: Compiler, node: SyntaxNode, scope: Scope): Expression {
  const parts = c.kids(node);
  const parameters = parseParameters(
    c,
    parts.find((p) => p.name === 'ParamList'),
  );
  const symbols = symbolsOf(c, node);
  const bodyNode = parts[parts.length - 1]!;
  const line = c.source.position(node.from).line;
  const code = compileCode(c, '<lambda>', parameters, symbols, node, (inner) => {
    const value = c.expression(bodyNode, inner);
    const lines = c.m.lines;
    return (frame) => {
      frame.line = line;
      // A lambda's frame reports its one line (`--steps`, line-events.ts).
      lines?.enter(frame, line);
      frame.returned = value(frame);
      return Flow.return;
    };
  });
  return makeFunction(
    c,
    code,
    parameters.defaults,
    parameters.keywordDefaults,
    symbols,
    scope,
    node,
  );
}

/**
 * LOAD_DEREF: the contents of the cell in `slot`, a new reference. An empty cell
 * raises UnboundLocalError (the scope's own cell variable) or NameError (a free
 * variable) with 3.8/3.9's text; 3.10+ may add a "Did you mean" hint: refused there.
 */
export function loadDeref(c: Compiler, name: string, slot: number, free: boolean): Expression {
  const heap = c.m.heap;
  const hints = c.m.rules.nameErrorHints;
  return (frame) => {
    const contents = heap.referents(frame.locals[slot]!)[0];
    if (contents === undefined) {
      if (hints) throw new Unsupported(`reading '${name}' from an empty cell on 3.10+`);
      throw free
        ? new PythonError(
            'NameError',
            `free variable '${name}' referenced before assignment in enclosing scope`,
          )
        : new PythonError(
            'UnboundLocalError',
            `local variable '${name}' referenced before assignment`,
          );
    }
    heap.incref(contents);
    return contents;
  };
}

/** STORE_DEREF: the cell in `slot` takes the value; the old contents are released. */
export function storeDeref(c: Compiler, slot: number): (frame: Frame, v: ObjectHandle) => void {
  const heap = c.m.heap;
  return (frame, v) => {
    heap.cellSet(frame.locals[slot]!, v);
    heap.decref(v);
  };
}

/** DELETE_DEREF: the cell in `slot` is emptied. */
export function deleteDeref(c: Compiler, name: string, slot: number): Statement {
  const heap = c.m.heap;
  return (frame) => {
    const cell = frame.locals[slot]!;
    if (heap.referents(cell).length === 0)
      throw new Unsupported(`deleting '${name}' from an empty cell (a NameError)`);
    heap.cellSet(cell, 0);
    return Flow.next;
  };
}
