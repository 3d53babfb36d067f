/**
 * The compiler: a @lezer/python syntax tree becomes closures, once, before the
 * program runs — each statement a `(frame) => Flow`, each expression a
 * `(frame) => handle` returning a new reference — so running does no tree walking.
 *
 *   Script ─► statements ─► Statement closures ─► run(frame)
 *                │ names resolved now: module names, function locals (slots), builtins
 *                │ constants folded now (constants.ts) and made once (ConstantPool)
 *                └ displays compiled per profile (BUILD_LIST n vs BUILD_LIST 0 +
 *                  LIST_EXTEND of a constant tuple, …), see `display*` below
 *
 * Evaluation order and the moment each temporary is released follow CPython's
 * bytecode for 3.8–3.13 (Python/compile.c and ceval.c of each version): operands left
 * to right, a binary operation releases both operands after making its result, a
 * store releases the old value after binding the new one, a call releases its
 * arguments after the call (calls.ts order: Machine.releaseArguments).
 */
import type { SyntaxNode } from '@lezer/common';
import type { Heap, ObjectHandle } from '@pymem/objects';
import {
  dequeIteratorNext,
  HeapError,
  newDequeIterator,
  odictDelItem,
  odictSetItem,
} from '@pymem/objects';
import type { ArithmeticOperator } from './arithmetic.ts';
import { ATTRIBUTE_BUILTIN_NAMES, attributeBuiltin } from './attribute-builtins.ts';
import { builtinAttributeError, builtinLacks } from './attribute-suggestions.ts';
import { BITWISE_OPERATORS, type BitwiseOperator, bitwiseOp, foldBitwise } from './bitwise.ts';
import { argumentSlots, type BorrowSite, borrowSite, trackStores } from './borrowed-loads.ts';
import {
  builtinTypeValue,
  builtinValue,
  callBuiltin,
  callBuiltinValue,
  generatorBuiltin,
  isComparedType,
  isMapFilterFunction,
  isValueBuiltin,
} from './builtin-values.ts';
import {
  BUILTIN_NAMES,
  builtin,
  callMethod,
  isInstance,
  PYTHON_BUILTIN_NAMES,
  sysGetrefcount,
  sysGetsizeof,
  TYPE_NAMES,
} from './builtins.ts';
import {
  classMro,
  classNames,
  deleteAttribute,
  isInstanceOfClass,
  loadAttribute,
  storeAttribute,
  typeName,
  updateAttribute,
} from './class-attributes.ts';
import { callValue, methodCall, newCallSite } from './class-calls.ts';
import {
  binaryArithmetic,
  callDunder,
  hasDunder,
  instanceCompare,
  instanceContains,
  instanceGetItem,
  instanceSetItem,
  instanceText,
  instanceTruth,
  refuseOpaque,
  rethrowFinalizerError,
} from './class-dunders.ts';
import { BUILTIN_ITERATORS, instanceIterator, isIterableInstance } from './class-iteration.ts';
import { type Annotation, annotationsArgument } from './compile-annotations.ts';
import {
  bindArguments,
  compileKeywordsCall,
  compileStarCall,
  keywordsDict,
  runCall,
  starArgumentTuple,
} from './compile-arguments.ts';
import { classDefinition, isZeroArgumentSuper, superMethodCall } from './compile-class.ts';
import { compileComprehension, moduleHiddenCells } from './compile-comprehensions.ts';
import { dictKeywordsCall } from './compile-dict-call.ts';
import { dictFromKeysCall, isDictFromKeys } from './compile-dict-fromkeys.ts';
import { dictDisplayUnpacking } from './compile-dict-unpacking.ts';
import { formatSpecText, formatValueWithSpec } from './compile-format.ts';
import {
  boundAlias,
  checkFromImportsUnbound,
  collectFromImports,
  type FromImported,
  fromImportedName,
  knownAttribute,
  parseFromImport,
} from './compile-from-import.ts';
import {
  compileFunctionDefinition,
  compileLambda,
  deleteDeref,
  loadDeref,
  parseParameters,
  storeDeref,
} from './compile-functions.ts';
import {
  containsYield,
  forIterErrorLocation,
  type GeneratorSlots,
  generatorFunctionDefinition,
  locateForIter,
} from './compile-generators.ts';
import { generatorExpression, isGeneratorArgument } from './compile-genexp.ts';
import {
  deleteListItem,
  deleteSlice,
  importLibrary,
  libraryModules,
  listInplaceRepeat,
  methodCallWithKeywords,
  moduleAttribute,
  moduleCall,
  releaseLibraryArguments,
  sliceStore,
  sortedCall,
} from './compile-lib.ts';
import { isPrintArgument, lruCacheCall, printedCacheInfo } from './compile-lru-cache.ts';
import { minMaxCall } from './compile-min-max.ts';
import type { ScopeSymbols } from './compile-scopes.ts';
import { starredTarget } from './compile-starred.ts';
import {
  isSysAttribute,
  SYS_EXTRA_FUNCTIONS,
  sysExtraCall,
  versionInfoComparison,
  versionInfoMember,
} from './compile-sys.ts';
import {
  exceptionCall,
  isExceptionClassName,
  newBuiltinException,
  raiseStatement,
  tryStatement,
} from './compile-try.ts';
import { withStatement } from './compile-with.ts';
import { zipStrictCall } from './compile-zip-strict.ts';
import { type Constant, ConstantPool, foldBinary, foldUnary } from './constants.ts';
import { type ErrorLocation, notCallable, PythonError, Unsupported } from './errors.ts';
import {
  builtinBaseChain,
  builtinExceptionClass,
  contextError,
  EXCEPTION_CLASSES,
  exceptionArgs,
  exceptionClass,
  isSubclass,
  keyError,
  programExceptionClass,
} from './exception-classes.ts';
import { exceptionBaseOf } from './exception-subclasses.ts';
import {
  type CodeWarmup,
  type Expression,
  Flow,
  type Frame,
  type FunctionCode,
  type Statement,
} from './frame.ts';
import { attachCollector, GC_FUNCTIONS, gcCall } from './gc-calls.ts';
import { COUNT_KEEPING_STATEMENTS, countedCall, describeStatement } from './gc-count.ts';
import {
  generatorFrameAttribute,
  generatorMethod,
  resumeGenerator,
  storeGeneratorSlot,
} from './generator-runs.ts';
import { instanceNext } from './instance-next.ts';
import { statementReportsLine, testReportsLine } from './line-events.ts';
import type { Machine } from './machine.ts';
import { counterDelItem, counterItem } from './module-counter.ts';
import { defaultdictItem } from './module-defaultdict.ts';
import { partialCall } from './module-functools.ts';
import { namedTupleCall } from './module-namedtuple.ts';
import { getterCall } from './module-operator.ts';
import { ODICT_VIEWS } from './module-ordereddict.ts';
import { noteTracedProgram } from './module-tracemalloc.ts';
import {
  refuseCollectAfterWeakrefImport,
  rethrowCallbackError,
  weakrefReferent,
} from './module-weakref.ts';
import { nameHintSite } from './name-error-hints.ts';
import { shared, slice, subscript, unaryOp } from './operations.ts';
import type { Source } from './source.ts';
import {
  type ConcatTarget,
  concatStrs,
  derefTarget,
  fastTarget,
  moduleNameTarget,
  newInPlaceSite,
  otherTarget,
} from './str-concat.ts';
import { containerText } from './string-format.ts';
import { type SyntaxWarning, syntaxWarnings } from './syntax-warnings.ts';
import { evaluateAfter, evaluateAfterOne } from './temporaries.ts';
import { untrackIfAtomic } from './tuple-tracking.ts';
import {
  contains,
  equal,
  isSetLike,
  order,
  reprText,
  requireKnownSetOrder,
  setCompare,
  strText,
  truthy,
} from './values.ts';

/** Where a name lives in the scope being compiled. */
export interface Scope {
  /** The function's name, or `<module>`. */
  readonly name: string;
  /** Local slots by name (functions only). */
  readonly locals: Map<string, number> | null;
  /** Slots holding the cells of cell and free variables, by name (compile-functions.ts). */
  readonly cells?: ReadonlyMap<string, number>;
  /** The scope's analysed symbols (compile-scopes.ts). */
  readonly symbols?: ScopeSymbols;
  /** The frame's slot count, grown by 3.12+ inlined comprehensions' hidden variables. */
  readonly slots?: { count: number };
  /** A generator's hidden stack slots: its locals live in the generator (compile-generators.ts). */
  readonly generator?: GeneratorSlots;
  /**
   * 3.12+: the slots of the hidden cells of the comprehensions inlined here, by
   * iteration variable (compile-scopes.ts inlinedComprehensionCells).
   */
  readonly hiddenCells?: ReadonlyMap<string, number>;
  /** 3.12+: the body of a comprehension inlined into the frame of `name`. */
  readonly inlinedComprehension?: boolean;
  /** A class body's code (compiled with the module's names; its frame is its own). */
  readonly classBody?: boolean;
  /** 3.11: the warm-up count of the function's code object (str-concat.ts). */
  readonly warmup?: CodeWarmup;
}

/** The method of each unary operator (UNARY_NEGATIVE, UNARY_POSITIVE, UNARY_INVERT). */
const UNARY_DUNDERS: Readonly<Record<string, string>> = {
  '-': '__neg__',
  '+': '__pos__',
  '~': '__invert__',
};

/** The modules the compiler itself reads (`sys.getsizeof(…)`, `gc.collect()`): no local may take their names. */
export const COMPILED_MODULES: ReadonlySet<string> = new Set(['sys', 'gc']);

let moduleNames: ReadonlySet<string> | null = null;

/**
 * The modules a program may import (module level only). Made on first use: the
 * library modules' table (compile-lib.ts) imports this file's importers in turn.
 */
export function importableModules(): ReadonlySet<string> {
  moduleNames ??= new Set([...COMPILED_MODULES, ...libraryModules().keys()]);
  return moduleNames;
}
/**
 * The largest display built on the value stack: past STACK_USE_GUIDELINE (30) 3.10+
 * build a list, set or tuple item by item (BUILD_LIST 0 + LIST_APPEND, over-allocating;
 * measured: a list display of 31 names is 312 bytes on 3.10+, 304 on 3.8/3.9) and a
 * dict display of more than 15 pairs with MAP_ADD (compile.c starunpack_helper,
 * compiler_subdict): not modelled.
 */
const MAX_SEQUENCE_DISPLAY = 30;
const MAX_DISPLAY = 15;

/**
 * The modules a plain `import a` / `import a, b` statement names, in order; null for
 * any other form (`from …`, `as`, dotted names).
 */
function importedNames(text: string): string[] | null {
  const m = /^import\s+(\w+(?:\s*,\s*\w+)*)\s*$/.exec(text);
  return m === null ? null : m[1]!.split(',').map((s) => s.trim());
}

/** True for an `a and b` / `a or b` node (not parenthesized). */
function isBooleanOperation(c: Compiler, node: SyntaxNode): boolean {
  if (node.name !== 'BinaryExpression') return false;
  const parts = c.kids(node);
  return parts.length === 3 && (c.text(parts[1]!) === 'and' || c.text(parts[1]!) === 'or');
}

/**
 * An f-string's parts with each `{expr=}`'s text (from after `{` up to the conversion,
 * the spec or `}`, spaces kept) joined to the literal before it: one constant, as CPython's parser makes it
 * (3.8–3.11 fstring_find_expr's expr_text, 3.12+ the PEG parser's debug text).
 */
function selfDocumented(c: Compiler, parts: (string | SyntaxNode)[]): (string | SyntaxNode)[] {
  const out: (string | SyntaxNode)[] = [];
  for (const part of parts) {
    const selfDoc = typeof part === 'string' ? null : part.getChild('FormatSelfDoc');
    if (typeof part !== 'string' && selfDoc !== null) {
      const next = selfDoc.nextSibling;
      const end = next === null || next.name === '}' ? part.to - 1 : next.from;
      const text = c.source.text.slice(part.from + 1, end);
      const last = out.at(-1);
      if (typeof last === 'string') out[out.length - 1] = last + text;
      else out.push(text);
    }
    out.push(part);
  }
  return out;
}

/** Turns HeapErrors of bad Python operations into the Python errors CPython raises. */
export function pythonErrorOf(error: unknown): unknown {
  if (error instanceof HeapError) {
    if (error.code === 'unhashable') return new PythonError('TypeError', error.message);
    if (error.code === 'value-error') return new PythonError('ValueError', error.message);
    return new Unsupported(`this operation (${error.message})`);
  }
  return error;
}

/** A compiled assignment target: `store` takes over the reference it is given. */
export interface StoreTarget {
  readonly kind: 'single' | 'unpack';
  readonly store: (f: Frame, v: ObjectHandle) => void;
  /** An unpacking's targets, in order (a starred one included). */
  readonly items: readonly { store: (f: Frame, v: ObjectHandle) => void }[];
}

/**
 * Compiles a program into its module body. Its helpers are public so that the
 * feature compilers in `compile-*.ts` files can use them; the class is not exported
 * from the package.
 */
export class Compiler {
  readonly source: Source;
  /** The SyntaxWarnings compiling the module prints (syntax-warnings.ts). */
  warnings: readonly SyntaxWarning[] = [];
  readonly m: Machine;
  readonly pool: ConstantPool;
  readonly moduleAssigned: Set<string> = new Set();
  /** Library modules' names the program binds without importing them: plain variables. */
  readonly variablesNamedLikeModules: Set<string> = new Set();
  /** The module's from-imported names (compile-from-import.ts). */
  readonly fromImports: Map<string, FromImported> = new Map();

  constructor(source: Source, machine: Machine) {
    this.source = source;
    this.m = machine;
    this.pool = new ConstantPool(machine.heap, machine.constants);
  }

  /** The module's body. */
  compileModule(): Statement {
    this.warnings = syntaxWarnings(this, this.source.root);
    const statements = this.source.children(this.source.root);
    collectFromImports(this, statements);
    for (const s of statements) this.collectAssigned(s, this.moduleAssigned, true);
    // Names a function declares `global` and binds are module names too.
    const cursor = this.source.root.cursor();
    do {
      if (cursor.name === 'FunctionDefinition') {
        const body = cursor.node.getChild('Body');
        if (body === null) continue;
        const declared = this.globalNames(body);
        const bound = new Set<string>();
        for (const s of this.kids(body)) this.collectAssigned(s, bound, false);
        for (const name of declared) if (bound.has(name)) this.moduleAssigned.add(name);
      }
    } while (cursor.next());
    checkFromImportsUnbound(this, this.moduleAssigned);
    for (const name of this.moduleAssigned) {
      if (BUILTIN_NAMES.has(name) || COMPILED_MODULES.has(name)) {
        if (!importableModules().has(name) || !this.imports(statements, name))
          throw new Unsupported(`rebinding the builtin name '${name}'`);
      } else if (importableModules().has(name) && !this.imports(statements, name))
        // A library module's name the program binds but never imports (`copy = …`): an
        // ordinary variable.
        this.variablesNamedLikeModules.add(name);
    }
    // The collector sees every container from the first one (the code's constants).
    if (this.moduleAssigned.has('gc')) this.m.gc = attachCollector(this.m);
    // 3.12+: MAKE_CELL of the inlined comprehensions' hidden cells before the first line.
    const hidden = moduleHiddenCells(this);
    if (hidden === null) return this.block(statements, { name: '<module>', locals: null });
    const body = this.block(statements, {
      name: '<module>',
      locals: null,
      hiddenCells: hidden.cells,
    });
    return (frame) => {
      hidden.make(frame);
      return body(frame);
    };
  }

  /** The names a body's `global` statements declare (nested blocks included). */
  globalNames(body: SyntaxNode): Set<string> {
    const names = new Set<string>();
    const visit = (node: SyntaxNode): void => {
      for (const child of this.kids(node)) {
        if (child.name === 'ScopeStatement') {
          if (child.firstChild?.name !== 'global') continue;
          for (const k of this.kids(child)) if (k.name === 'VariableName') names.add(this.text(k));
        } else if (child.name === 'Body' || /Statement$/.test(child.name)) visit(child);
      }
    };
    visit(body);
    return names;
  }

  /** True when `name` is a module the program imported (at module level). */
  isImportedModule(name: string): boolean {
    return (
      importableModules().has(name) &&
      this.moduleAssigned.has(name) &&
      !this.variablesNamedLikeModules.has(name)
    );
  }

  imports(statements: SyntaxNode[], module: string): boolean {
    return statements.some(
      (s) => s.name === 'ImportStatement' && importedNames(this.text(s))?.includes(module),
    );
  }

  // ------------------------------------------------------------------ helpers

  text(node: SyntaxNode): string {
    return this.source.textOf(node);
  }

  fail(feature: string, node: SyntaxNode): Unsupported {
    return this.source.unsupported(feature, node);
  }

  kids(node: SyntaxNode): SyntaxNode[] {
    return this.source.children(node);
  }

  /** Names a statement list binds (assignment targets, for targets, def, import, del). */
  collectAssigned(node: SyntaxNode, into: Set<string>, top: boolean): void {
    const addTarget = (target: SyntaxNode): void => {
      if (target.name === 'VariableName') into.add(this.text(target));
      else if (
        target.name === 'TupleExpression' ||
        target.name === 'ArrayExpression' ||
        target.name === 'ParenthesizedExpression'
      )
        for (const k of this.kids(target)) addTarget(k);
    };
    switch (node.name) {
      case 'AssignStatement': {
        // An annotation (TypeDef) binds nothing; `x: int` alone binds x.
        const parts = this.kids(node).filter((p) => p.name !== 'TypeDef');
        const last = parts.map((p) => p.name).lastIndexOf('AssignOp');
        for (const p of last < 0 ? parts : parts.slice(0, last)) addTarget(p);
        break;
      }
      case 'UpdateStatement':
      case 'DeleteStatement':
        for (const p of this.kids(node)) addTarget(p);
        break;
      case 'ForStatement': {
        const parts = this.kids(node);
        const inAt = parts.findIndex((p) => p.name === 'in');
        for (const p of parts.slice(1, inAt)) addTarget(p);
        break;
      }
      case 'FunctionDefinition':
      case 'ClassDefinition': {
        const name = this.kids(node).find((k) => k.name === 'VariableName');
        if (name) into.add(this.text(name));
        return;
      }
      case 'TryStatement':
        for (const k of this.kids(node)) if (k.prevSibling?.name === 'as') addTarget(k);
        break;
      case 'ImportStatement':
        if (top)
          for (const module of importedNames(this.text(node)) ?? [])
            if (importableModules().has(module)) into.add(module);
        return;
    }
    for (const child of this.kids(node))
      if (
        child.name === 'Body' ||
        /Statement$/.test(child.name) ||
        child.name === 'FunctionDefinition'
      )
        this.collectAssigned(child, into, top);
  }

  /** Where an exception from `node` points in a 3.11+ traceback. */
  locate(node: SyntaxNode): ErrorLocation {
    const parts = this.kids(node);
    let kind: ErrorLocation['kind'] = 'other';
    let anchorFrom = node.from;
    let anchorTo = node.to;
    if (
      node.name === 'BinaryExpression' &&
      (parts[1]?.name === 'ArithOp' || parts[1]?.name === 'BitOp')
    ) {
      kind = 'binop';
      anchorFrom = parts[1].from;
      anchorTo = parts[1].to;
    } else if (node.name === 'MemberExpression' && parts[1]?.name === '[') {
      kind = 'subscript';
      anchorFrom = parts[1].from;
    } else if (node.name === 'CallExpression' && parts[1] !== undefined) {
      kind = 'call';
      anchorFrom = parts[1].from;
    }
    const parent = node.parent;
    const wholeCallValue =
      kind === 'call' &&
      parts[0]?.name === 'VariableName' &&
      parent !== null &&
      ((parent.name === 'ReturnStatement' && this.kids(parent).length === 2) ||
        (parent.name === 'AssignStatement' &&
          parent.lastChild?.from === node.from &&
          parent.lastChild.prevSibling?.name === 'AssignOp'));
    return { from: node.from, to: node.to, kind, anchorFrom, anchorTo, wholeCallValue };
  }

  /** `expr`, marking a Python exception it raises with `node`'s range (the innermost mark wins). */
  located(expr: Expression, node: SyntaxNode): Expression {
    return this.locatedAt(expr, this.locate(node));
  }

  /** `expr`, marking a Python exception it raises with `location` (the innermost mark wins). */
  locatedAt(expr: Expression, location: ErrorLocation): Expression {
    return (frame) => {
      try {
        return expr(frame);
      } catch (error) {
        if (error instanceof PythonError && error.location === undefined) error.location = location;
        throw error;
      }
    };
  }

  /** A statement whose Python exceptions point at `range` (an assignment's targets, …). */
  locatedStatement(statement: Statement, from: number, to: number): Statement {
    const location: ErrorLocation = {
      from,
      to,
      kind: 'other',
      anchorFrom: from,
      anchorTo: to,
      wholeCallValue: false,
    };
    return (frame) => {
      try {
        return statement(frame);
      } catch (error) {
        if (error instanceof PythonError && error.location === undefined) error.location = location;
        throw error;
      }
    };
  }

  // ------------------------------------------------------------------ statements

  block(statements: SyntaxNode[], scope: Scope): Statement {
    const compiled = statements
      .filter((s) => s.name !== ':' && s.name !== 'Comment')
      .map((s) => this.statement(s, scope));
    if (compiled.length === 1) return compiled[0]!;
    return (frame) => {
      for (const s of compiled) {
        const flow = s(frame);
        if (flow !== Flow.next) return flow;
      }
      return Flow.next;
    };
  }

  body(node: SyntaxNode | undefined, scope: Scope): Statement {
    if (node === undefined) throw new Unsupported('an empty block');
    return this.block(this.kids(node).slice(1), scope);
  }

  statement(node: SyntaxNode, scope: Scope): Statement {
    const inner = this.statementBody(node, scope);
    const m = this.m;
    const { line, column } = this.source.position(node.from);
    const lines = m.lines !== null && statementReportsLine(this, node) ? m.lines : null;
    if (
      node.name === 'IfStatement' ||
      node.name === 'WhileStatement' ||
      node.name === 'ForStatement'
    )
      return inner;
    const gc = m.gc;
    // gc.get_count() is the model's only while no statement outside the kept kinds ran
    // (gc-count.ts; if, while and for are kept kinds).
    const lost =
      gc !== null && !COUNT_KEEPING_STATEMENTS.has(node.name)
        ? `after the ${describeStatement(node.name)} at line ${line}`
        : null;
    return (frame) => {
      m.step();
      frame.line = line;
      m.line = line;
      m.column = column;
      if (m.onStatement !== null) m.onStatement();
      lines?.enter(frame, line);
      if (lost !== null) gc!.loseCount(lost);
      return inner(frame);
    };
  }

  statementBody(node: SyntaxNode, scope: Scope): Statement {
    switch (node.name) {
      case 'ExpressionStatement':
        return this.expressionStatement(node, scope);
      case 'AssignStatement':
        return this.assignStatement(node, scope);
      case 'UpdateStatement':
        return this.updateStatement(node, scope);
      case 'DeleteStatement':
        return this.deleteStatement(node, scope);
      case 'PassStatement':
        return () => Flow.next;
      case 'BreakStatement':
        return () => Flow.break;
      case 'ContinueStatement':
        return () => Flow.continue;
      case 'IfStatement':
        return this.ifStatement(node, scope);
      case 'WhileStatement':
        return this.whileStatement(node, scope);
      case 'ForStatement':
        return this.forStatement(node, scope);
      case 'FunctionDefinition': {
        const body = node.getChild('Body');
        if (body !== null && containsYield(body))
          return generatorFunctionDefinition(this, node, scope);
        return compileFunctionDefinition(this, node, scope);
      }
      case 'DecoratedStatement':
        return compileFunctionDefinition(this, node, scope);
      case 'ClassDefinition':
        return classDefinition(this, node, scope);
      case 'WithStatement':
        return withStatement(this, node, scope);
      case 'ReturnStatement':
        return this.returnStatement(node, scope);
      case 'ImportStatement':
        return this.importStatement(node, scope);
      case 'AssertStatement':
        return this.assertStatement(node, scope);
      case 'TryStatement':
        return tryStatement(this, node, scope);
      case 'RaiseStatement':
        return raiseStatement(this, node, scope);
      case 'ScopeStatement':
        if (node.firstChild?.name !== 'global' && scope.symbols === undefined)
          throw this.fail('nonlocal at module level', node);
        return () => Flow.next;
      case 'StatementGroup':
        return this.block(
          this.kids(node).filter((k) => k.name !== ';'),
          scope,
        );
      default:
        throw this.fail(`the statement '${this.text(node).split('\n')[0]!.slice(0, 30)}'`, node);
    }
  }

  expressionStatement(node: SyntaxNode, scope: Scope): Statement {
    const [expr] = this.kids(node);
    if (expr === undefined) return () => Flow.next;
    if (this.constant(expr) !== undefined) return () => Flow.next;
    const e = this.expression(expr, scope);
    const heap = this.m.heap;
    return (frame) => {
      heap.decref(e(frame));
      return Flow.next;
    };
  }

  importStatement(node: SyntaxNode, scope: Scope): Statement {
    const text = this.text(node).replace(/\s+/g, ' ');
    const from = parseFromImport(text);
    if (from !== null && importableModules().has(from.module) && from.names !== undefined)
      return this.fromImportStatement(node, scope, from.module, from.names);
    const modules = importedNames(text);
    const missing = modules?.find((module) => !importableModules().has(module));
    if (modules === null || missing !== undefined) {
      // The module not modelled (`from numpy import …`, `import numpy as np`, `import os, sys`).
      const named = missing ?? /^(?:from|import)\s+([\w.]+)/.exec(text)?.[1] ?? text;
      throw this.fail(`import of module ${named} (${text})`, node);
    }
    if (scope.locals !== null) throw this.fail('import inside a function', node);
    for (const module of modules) {
      if (libraryModules().has(module) && module !== 'weakref' && this.moduleAssigned.has('gc'))
        throw this.fail(`import of module ${module} in a program that imports gc`, node);
      if (module === 'tracemalloc') noteTracedProgram(this);
    }
    const m = this.m;
    return () => {
      // `import a, b` imports a, then b.
      for (const module of modules) {
        const first = !m.modules.has(module) && module !== 'sys';
        m.modules.add(module);
        m.importedModuleNames.add(module);
        importLibrary(m, module);
        // The first import of gc or weakref runs importlib's Python code (not in
        // sys.modules after start-up): containers the model does not make, and
        // eval-breaker checks — 3.12 runs a pending collection there (measured:
        // `class T: pass; del T; import gc; gc.collect()` finds 0 on 3.12.1).
        if (first && m.gc !== null) m.gc.callEnded(m.gc.probes);
      }
      return Flow.next;
    };
  }

  /** `from module import a, b as c` (compile-from-import.ts). */
  fromImportStatement(
    node: SyntaxNode,
    scope: Scope,
    module: string,
    names: readonly { attribute: string; alias: string }[],
  ): Statement {
    if (scope.locals !== null) throw this.fail('import inside a function', node);
    if (libraryModules().has(module) && module !== 'weakref' && this.moduleAssigned.has('gc'))
      throw this.fail(`import of module ${module} in a program that imports gc`, node);
    if (module === 'tracemalloc') noteTracedProgram(this);
    const m = this.m;
    return () => {
      m.modules.add(module);
      importLibrary(m, module);
      for (const { attribute, alias } of names) {
        // import_from: an attribute the model does not know the module to have is refused
        // (CPython's ImportError names the module's file).
        if (!knownAttribute(m, module, attribute))
          throw new Unsupported(`from ${module} import ${attribute}`);
        if (!m.fromImported.has(alias)) {
          m.fromImported.add(alias);
          m.globalInsertions++;
        }
      }
      return Flow.next;
    };
  }

  /**
   * Splits `a = b, c = expr` into target groups and the value group. An annotation
   * (`x: T = expr`) is dropped: only a function's statements reach here with one
   * (assignStatement), and there CPython neither evaluates nor stores it.
   */
  assignGroups(node: SyntaxNode): SyntaxNode[][] {
    const groups: SyntaxNode[][] = [[]];
    for (const k of this.kids(node)) {
      if (k.name === 'AssignOp') groups.push([]);
      else if (k.name !== 'TypeDef') groups[groups.length - 1]!.push(k);
    }
    return groups;
  }

  /** A group of comma-separated expressions: one expression or an implicit tuple. */
  groupExpression(group: SyntaxNode[], scope: Scope, whole: SyntaxNode): Expression {
    const items = group.filter((k) => k.name !== ',');
    if (items.length === 1 && !group.some((k) => k.name === ','))
      return this.expression(items[0]!, scope);
    return this.tupleDisplay(items, scope, whole);
  }

  groupConstant(group: SyntaxNode[]): Constant | undefined {
    const items = group.filter((k) => k.name !== ',');
    if (items.length === 1 && !group.some((k) => k.name === ',')) return this.constant(items[0]!);
    const constants = items.map((i) => this.constant(i));
    if (constants.some((c) => c === undefined)) return undefined;
    return { kind: 'tuple', items: constants as Constant[] };
  }

  assignStatement(node: SyntaxNode, scope: Scope): Statement {
    const parts = this.kids(node);
    if (parts.some((k) => k.name === 'TypeDef')) {
      // compiler_annassign: at module level the annotation is evaluated and stored in
      // `__annotations__` (made by SETUP_ANNOTATIONS): not modelled. In a function
      // only the assignment runs; `x: int` alone does nothing (x is a local).
      if (scope.locals === null) throw this.fail('an annotated assignment at module level', node);
      const assigned = parts.some((k) => k.name === 'AssignOp');
      if (!assigned) {
        if (parts[0]?.name !== 'VariableName' || parts.length !== 2)
          throw this.fail('an annotation of this target without a value', node);
        return () => Flow.next;
      }
      if (parts.filter((k) => k.name === 'AssignOp').length !== 1 || parts[1]?.name !== 'TypeDef')
        throw this.fail('this annotated assignment', node);
    }
    const groups = this.assignGroups(node);
    const targets = groups.slice(0, -1).flat();
    return this.locatedStatement(
      trackStores(this, node, scope, this.assignStatementBody(node, scope)),
      targets[0]!.from,
      targets[targets.length - 1]!.to,
    );
  }

  assignStatementBody(node: SyntaxNode, scope: Scope): Statement {
    const groups = this.assignGroups(node);
    const valueGroup = groups.pop()!;
    const heap = this.m.heap;
    const targets = groups.map((g) => this.targetOf(g, scope, node));
    // `a, b = x, y` with two or three names: no tuple is built (the peephole's
    // BUILD_TUPLE + UNPACK_SEQUENCE → ROT_TWO / ROT_THREE, SWAP from 3.11).
    const values = valueGroup.filter((k) => k.name !== ',');
    if (
      groups.length === 1 &&
      targets[0]!.kind === 'unpack' &&
      valueGroup.some((k) => k.name === ',') &&
      this.groupConstant(valueGroup) === undefined &&
      values.length === targets[0]!.items.length &&
      values.length <= 3
    ) {
      const stores = targets[0]!.items;
      const exprs = values.map((v) => this.expression(v, scope));
      return (frame) => {
        const results: ObjectHandle[] = [];
        for (const e of exprs) results.push(evaluateAfter(heap, results, e, frame));
        for (let i = 0; i < stores.length; i++) {
          try {
            stores[i]!.store(frame, results[i]!);
          } catch (error) {
            for (let j = stores.length - 1; j > i; j--) heap.decref(results[j]!);
            throw error;
          }
        }
        return Flow.next;
      };
    }
    const value =
      targets.length === 1
        ? (this.concatValue(groups[0]!, valueGroup, scope, node) ??
          this.groupExpression(valueGroup, scope, node))
        : this.groupExpression(valueGroup, scope, node);
    if (targets.length === 1) {
      const t = targets[0]!;
      return (frame) => {
        t.store(frame, value(frame));
        return Flow.next;
      };
    }
    return (frame) => {
      const v = value(frame);
      for (let i = 0; i < targets.length; i++) {
        if (i < targets.length - 1) heap.incref(v);
        try {
          targets[i]!.store(frame, v);
        } catch (error) {
          if (i < targets.length - 1) heap.decref(v);
          throw error;
        }
      }
      return Flow.next;
    };
  }

  /**
   * `NAME = a + b`: the value, compiled to know the variable it is stored in (a str
   * may grow in place: str-concat.ts); undefined for any other assignment.
   */
  concatValue(
    group: SyntaxNode[],
    valueGroup: SyntaxNode[],
    scope: Scope,
    node: SyntaxNode,
  ): Expression | undefined {
    const value = valueGroup[0]!;
    if (group.length !== 1 || group[0]!.name !== 'VariableName' || valueGroup.length !== 1)
      return undefined;
    if (value.name !== 'BinaryExpression' || this.constant(value) !== undefined) return undefined;
    const op = this.kids(value)[1]!;
    if (op.name !== 'ArithOp' || this.text(op) !== '+') return undefined;
    const into = this.concatTarget(group[0]!, scope, node);
    if (into === undefined) return undefined;
    return this.located(this.binary(value, scope, into), value);
  }

  /**
   * The variable `target` names as unicode_concatenate or the in-place specialisation
   * sees it (str-concat.ts); undefined where neither can apply (3.11+: not a fast local).
   */
  concatTarget(target: SyntaxNode, scope: Scope, node: SyntaxNode): ConcatTarget | undefined {
    const m = this.m;
    const name = this.text(target);
    const cell = scope.cells?.get(name);
    const slot = scope.locals?.get(name);
    let into: ConcatTarget;
    if (cell !== undefined) into = derefTarget(m, cell);
    else if (slot !== undefined) {
      const fuses = m.rules.storeLoadFused && this.followedOnItsLine(node);
      into = fastTarget(m, slot, scope.generator !== undefined, fuses, scope.warmup);
    } else if (scope.classBody === true) into = otherTarget('class');
    else if (scope.locals === null) into = moduleNameTarget(m, name);
    else into = otherTarget('global');
    return m.rules.unicodeConcatenate || into.kind === 'fast' ? into : undefined;
  }

  /** True when another statement starts on the line `node` ends on (`a += b; c = a`). */
  followedOnItsLine(node: SyntaxNode): boolean {
    let next = node.nextSibling;
    while (next !== null && (next.name === 'Comment' || next.name === ';')) next = next.nextSibling;
    if (next === null) return false;
    return this.source.position(next.from).line === this.source.position(node.to).line;
  }

  /** A store target: `store` takes over the reference it is given. */
  targetOf(group: SyntaxNode[], scope: Scope, node: SyntaxNode): StoreTarget {
    const items = group.filter((k) => k.name !== ',');
    if (items.length === 1 && !group.some((k) => k.name === ',')) {
      const only = items[0]!;
      if (only.name === 'TupleExpression' || only.name === 'ArrayExpression') {
        return this.targetOf(
          this.kids(only).filter(
            (k) => k.name !== '(' && k.name !== ')' && k.name !== '[' && k.name !== ']',
          ),
          scope,
          node,
        );
      }
      if (only.name === 'ParenthesizedExpression')
        return this.targetOf(this.kids(only).slice(1, -1), scope, node);
      return { kind: 'single', store: this.store(only, scope), items: [] };
    }
    if (items.some((i) => i.name === '*')) return starredTarget(this, items, scope, node);
    const stores = items.map((i) => this.targetOf([i], scope, node));
    const heap = this.m.heap;
    const count = stores.length;
    return {
      kind: 'unpack',
      items: stores,
      store: (frame, v) => {
        const t = heap.typeOf(v);
        if (t === 'str') {
          unpackStr(v, count, frame);
          return;
        }
        if (UNPACKED_ITERATORS.has(t)) {
          unpackIterator(v, count, frame);
          return;
        }
        if (t !== 'tuple' && t !== 'list' && t !== 'namedtuple') {
          const name = heap.typeNameOf(v);
          heap.decref(v);
          throw new Unsupported(`unpacking a ${name}`);
        }
        // A tuple subclass goes through unpack_iterable (its own error texts).
        const parts = t === 'namedtuple' ? heap.items(v) : heap.referents(v);
        if (parts.length !== count && t === 'namedtuple') {
          heap.decref(v);
          throw new Unsupported('unpacking a namedtuple into the wrong number of names');
        }
        if (parts.length !== count) {
          heap.decref(v);
          throw new PythonError(
            'ValueError',
            parts.length > count
              ? `too many values to unpack (expected ${count}${this.m.rules.unpackTooManyCounts ? `, got ${parts.length}` : ''})`
              : `not enough values to unpack (expected ${count}, got ${parts.length})`,
          );
        }
        for (const p of parts) heap.incref(p);
        heap.decref(v);
        for (let i = 0; i < count; i++) stores[i]!.store(frame, parts[i]!);
      },
    };
    /**
     * unpack_iterable of an iterator that is its own iterator (`v` taken): one next per
     * name, then one more that must find it exhausted (a zip advances its first
     * iterator there), then the iterator released; then the stores. A wrong count is
     * refused (its ValueError's release order is not modelled).
     */
    function unpackIterator(v: ObjectHandle, n: number, frame: Frame): void {
      const parts: ObjectHandle[] = [];
      const release = (): void => {
        for (let i = parts.length - 1; i >= 0; i--) heap.decref(parts[i]!);
        heap.decref(v);
      };
      for (let i = 0; i < n; i++) {
        const next = heap.iteratorNext(v);
        if (next === 0) {
          release();
          throw new Unsupported('unpacking an iterator into more names than it has items');
        }
        parts.push(next);
      }
      const extra = heap.iteratorNext(v);
      if (extra !== 0) {
        heap.decref(extra);
        release();
        throw new Unsupported('unpacking an iterator into fewer names than it has items');
      }
      heap.decref(v);
      for (let i = 0; i < n; i++) stores[i]!.store(frame, parts[i]!);
    }
    /**
     * unpack_iterable of a str (`v` taken): its iterator, one character per name, the
     * check that it is exhausted, the iterator released; then the stores. A wrong count
     * is CPython's ValueError (its characters released), refused where one was a new str.
     */
    function unpackStr(v: ObjectHandle, n: number, frame: Frame): void {
      const chars = [...(heap.valueOf(v) as string)];
      if (chars.length !== n) {
        heap.decref(v);
        if (chars.some((ch) => ch.codePointAt(0)! > 0xff))
          throw new Unsupported('unpacking a str of the wrong length with non-latin-1 characters');
        throw new PythonError(
          'ValueError',
          chars.length > n
            ? `too many values to unpack (expected ${n})`
            : `not enough values to unpack (expected ${n}, got ${chars.length})`,
        );
      }
      const it = heap.newIterator(v);
      heap.decref(v);
      const parts: ObjectHandle[] = [];
      for (let i = 0; i < n; i++) parts.push(heap.iteratorNext(it));
      // The exhaustion check: the iterator drops its str.
      heap.iteratorNext(it);
      heap.decref(it);
      for (let i = 0; i < n; i++) stores[i]!.store(frame, parts[i]!);
    }
  }

  /** A single store target: a name or a subscript (`store` takes over the reference). */
  store(target: SyntaxNode, scope: Scope): (frame: Frame, v: ObjectHandle) => void {
    const heap = this.m.heap;
    if (target.name === 'VariableName') {
      const name = this.text(target);
      const cell = scope.cells?.get(name);
      if (cell !== undefined) return storeDeref(this, cell);
      const slot = scope.locals?.get(name);
      if (slot !== undefined && scope.generator !== undefined)
        return (frame, v) => storeGeneratorSlot(this.m, frame, slot, v);
      if (slot !== undefined) {
        return (frame, v) => {
          const old = frame.locals[slot]!;
          frame.locals[slot] = v;
          if (old !== 0) heap.decref(old);
        };
      }
      const globals = this.m.globals;
      const globalCell = globals.cell(name);
      const m = this.m;
      return (_frame, v) => {
        const old = globalCell.value;
        if (old !== undefined) {
          globalCell.value = v;
          heap.decref(old);
        } else {
          globals.bind(name, globalCell, v);
          m.globalInsertions++;
        }
      };
    }
    if (target.name === 'MemberExpression') {
      const parts = this.kids(target);
      if (parts[1]?.name === '.') {
        const object = this.expression(parts[0]!, scope);
        const attribute = this.text(parts[2]!);
        const location = this.locate(target);
        return (frame, v) => {
          let o: ObjectHandle;
          try {
            o = object(frame);
          } catch (error) {
            heap.decref(v);
            throw error;
          }
          try {
            storeAttribute(this.m, o, attribute, v);
          } catch (error) {
            if (error instanceof PythonError && error.location === undefined)
              error.location = location;
            throw error;
          } finally {
            heap.decref(o);
          }
        };
      }
      if (parts[1]?.name !== '[') throw this.fail('assigning an attribute', target);
      if (parts.some((p) => p.name === ':')) return sliceStore(this, target, scope);
      const container = this.expression(parts[0]!, scope);
      const key = this.subscriptKey(parts, scope, target);
      const location = this.locate(target);
      return (frame, v) => {
        const c = evaluateAfterOne(heap, v, container, frame);
        const k = evaluateAfter(heap, [v, c], key, frame);
        try {
          setItem(this.m, c, k, v);
        } catch (error) {
          if (error instanceof PythonError && error.location === undefined)
            error.location = location;
          throw error;
        } finally {
          heap.decref(v);
          heap.decref(c);
          heap.decref(k);
        }
      };
    }
    throw this.fail(`assigning to ${target.name}`, target);
  }

  updateStatement(node: SyntaxNode, scope: Scope): Statement {
    return this.locatedStatement(this.updateStatementBody(node, scope), node.from, node.to);
  }

  updateStatementBody(node: SyntaxNode, scope: Scope): Statement {
    const [target, opNode, valueNode] = this.kids(node);
    const op = this.text(opNode!).slice(0, -1);
    const value = this.expression(valueNode!, scope);
    const heap = this.m.heap;
    const m = this.m;
    if (BITWISE_OPERATORS.has(op) && target!.name === 'VariableName') {
      // `x &= y` on ints: no in-place slot, so the binary operation (long_and & co.).
      const load = this.expression(target!, scope);
      const store = this.store(target!, scope);
      return (frame) => {
        const left = load(frame);
        const right = evaluateAfterOne(heap, left, value, frame);
        let result: ObjectHandle;
        try {
          result = bitwiseOp(heap, op as BitwiseOperator, left, right, `${op}=`);
        } finally {
          heap.decref(left);
          heap.decref(right);
        }
        store(frame, result);
        return Flow.next;
      };
    }
    if (!['+', '-', '*', '/', '//', '%', '**'].includes(op))
      throw this.fail(`the operator ${op}=`, opNode!);
    if (target!.name === 'VariableName') {
      const load = this.expression(target!, scope);
      const store = this.store(target!, scope);
      const into = op === '+' ? this.concatTarget(target!, scope, node) : undefined;
      const site = into !== undefined && !m.rules.unicodeConcatenate ? newInPlaceSite() : null;
      return (frame) => {
        const left = load(frame);
        const right = evaluateAfterOne(heap, left, value, frame);
        if (into !== undefined) {
          const r = concatStrs(m, left, right, frame, into, site);
          if (r !== undefined) {
            store(frame, r);
            return Flow.next;
          }
        }
        let result: ObjectHandle;
        try {
          result = inplace(m, op as ArithmeticOperator, left, right);
        } finally {
          heap.decref(left);
          heap.decref(right);
        }
        store(frame, result);
        return Flow.next;
      };
    }
    if (target!.name === 'MemberExpression') {
      const parts = this.kids(target!);
      if (parts[1]?.name === '.')
        return updateAttribute(this, parts[0]!, this.text(parts[2]!), op, value, scope);
      if (parts[1]?.name !== '[' || parts.some((p) => p.name === ':'))
        throw this.fail('this augmented assignment target', target!);
      const container = this.expression(parts[0]!, scope);
      const key = this.subscriptKey(parts, scope, target!);
      return (frame) => {
        const c = container(frame);
        const k = evaluateAfterOne(heap, c, key, frame);
        try {
          const left =
            heap.typeOf(c) === 'instance'
              ? instanceGetItem(m, c, k)
              : heap.typeOf(c) === 'defaultdict'
                ? defaultdictItem(m, c, k)
                : heap.typeOf(c) === 'Counter'
                  ? counterItem(m, c, k)
                  : subscript(heap, c, k);
          const right = evaluateAfterOne(heap, left, value, frame);
          let result: ObjectHandle;
          try {
            result = inplace(m, op as ArithmeticOperator, left, right);
          } finally {
            heap.decref(left);
            heap.decref(right);
          }
          try {
            setItem(m, c, k, result);
          } finally {
            heap.decref(result);
          }
        } finally {
          heap.decref(c);
          heap.decref(k);
        }
        return Flow.next;
      };
    }
    throw this.fail('this augmented assignment target', target!);
  }

  deleteStatement(node: SyntaxNode, scope: Scope): Statement {
    const targets = this.kids(node).filter((k) => k.name !== 'del' && k.name !== ',');
    const heap = this.m.heap;
    const deletes = targets.map((target): Statement => {
      if (target.name === 'VariableName') {
        const name = this.text(target);
        const cell = scope.cells?.get(name);
        if (cell !== undefined) return deleteDeref(this, name, cell);
        const slot = scope.locals?.get(name);
        if (slot !== undefined) {
          const inGenerator = scope.generator !== undefined;
          return (frame) => {
            const old = frame.locals[slot]!;
            if (old === 0) throw unboundLocal(this.m, name);
            if (inGenerator) {
              storeGeneratorSlot(this.m, frame, slot, 0);
              return Flow.next;
            }
            frame.locals[slot] = 0;
            heap.decref(old);
            return Flow.next;
          };
        }
        const globals = this.m.globals;
        return () => {
          const old = globals.get(name);
          if (old === undefined)
            throw new PythonError('NameError', `name '${name}' is not defined`);
          globals.delete(name);
          heap.decref(old);
          return Flow.next;
        };
      }
      if (target.name === 'MemberExpression') {
        const parts = this.kids(target);
        if (parts[1]?.name === '.') {
          const object = this.expression(parts[0]!, scope);
          const attribute = this.text(parts[2]!);
          return (frame) => {
            const o = object(frame);
            try {
              deleteAttribute(this.m, o, attribute);
            } finally {
              heap.decref(o);
            }
            return Flow.next;
          };
        }
        if (parts[1]?.name === '[' && parts.some((p) => p.name === ':'))
          return deleteSlice(this, target, scope);
        if (parts[1]?.name !== '[') throw this.fail('this del target', target);
        const container = this.expression(parts[0]!, scope);
        const key = this.subscriptKey(parts, scope, target);
        return (frame) => {
          const c = container(frame);
          const k = evaluateAfterOne(heap, c, key, frame);
          try {
            if (heap.typeOf(c) === 'list') {
              try {
                deleteListItem(this.m, c, k);
              } catch (error) {
                if (error instanceof PythonError) error.location = this.locate(target);
                throw error;
              }
              return Flow.next;
            }
            if (heap.typeOf(c) === 'Counter') {
              counterDelItem(this.m, c, k);
              return Flow.next;
            }
            const ct = heap.typeOf(c);
            if (ct !== 'dict' && ct !== 'defaultdict' && ct !== 'OrderedDict')
              throw new Unsupported(`del of an item of a ${heap.typeNameOf(c)}`);
            // PyDict_DelItem: one lookup (the key hashed and compared once).
            heap.oneLookup(() => {
              if (heap.dictGet(c, k) === 0) {
                const error = keyError(heap, k);
                error.location = this.locate(target);
                throw error;
              }
              if (ct === 'OrderedDict') odictDelItem(heap, c, k);
              else heap.dictDelItem(c, k);
            });
          } finally {
            heap.decref(c);
            heap.decref(k);
          }
          return Flow.next;
        };
      }
      throw this.fail('this del target', target);
    });
    return deletes.length === 1
      ? deletes[0]!
      : (frame) => {
          for (const d of deletes) d(frame);
          return Flow.next;
        };
  }

  /**
   * `assert test[, message]`: when the test is false, AssertionError(message) — its
   * text is `str(message)` (a str, an int or a float here); its object is made when a
   * `try` catches it (raise.ts).
   */
  assertStatement(node: SyntaxNode, scope: Scope): Statement {
    const parts = this.kids(node).filter((k) => k.name !== 'assert' && k.name !== ',');
    const test = this.condition(parts[0]!, scope);
    const message = parts[1] === undefined ? null : this.expression(parts[1], scope);
    const heap = this.m.heap;
    // The raise points at the test on 3.11 and 3.13, at the whole statement on 3.12 (measured).
    const location = !this.m.rules.assertMarksTest
      ? { ...this.locate(node), kind: 'other' as const, anchorFrom: node.from, anchorTo: node.to }
      : this.locate(parts[0]!);
    const fail = (text: string): PythonError => {
      const error = new PythonError('AssertionError', text);
      error.location = location;
      return error;
    };
    return (frame) => {
      if (test(frame)) return Flow.next;
      if (message === null) throw fail('');
      const v = message(frame);
      const t = heap.typeOf(v);
      const text = t === 'str' || t === 'int' || t === 'float' ? strText(heap, v) : null;
      if (text === null) {
        heap.decref(v);
        throw new Unsupported(`an assert message of type ${t}`);
      }
      // AssertionError(message): the exception's args take the message (raise.ts).
      const error = fail(text);
      error.argValues = [v];
      throw error;
    };
  }

  condition(node: SyntaxNode, scope: Scope): (frame: Frame) => boolean {
    const e = this.expression(node, scope);
    const heap = this.m.heap;
    return (frame) => {
      const v = e(frame);
      let result: boolean;
      try {
        result = heap.typeOf(v) === 'instance' ? instanceTruth(this.m, v) : truthy(heap, v);
      } finally {
        heap.decref(v);
      }
      return result;
    };
  }

  ifStatement(node: SyntaxNode, scope: Scope): Statement {
    const parts = this.kids(node);
    const branches: {
      test: ((f: Frame) => boolean) | null;
      body: Statement;
      line: number;
      column: number;
      reportsLine?: boolean;
    }[] = [];
    for (let i = 0; i < parts.length; i++) {
      const p = parts[i]!;
      if (p.name === 'if' || p.name === 'elif') {
        branches.push({
          test: this.condition(parts[i + 1]!, scope),
          body: this.body(parts[i + 2], scope),
          ...this.source.position(p.from),
          reportsLine: this.m.lines !== null && testReportsLine(this, parts[i + 1]!),
        });
        i += 2;
      } else if (p.name === 'else') {
        branches.push({ test: null, body: this.body(parts[i + 1], scope), line: 0, column: 0 });
        i += 1;
      }
    }
    const m = this.m;
    return (frame) => {
      m.step();
      for (const b of branches) {
        if (b.test !== null) {
          frame.line = b.line;
          m.line = b.line;
          m.column = b.column;
          if (m.onStatement !== null) m.onStatement();
          if (b.reportsLine) m.lines?.enter(frame, b.line);
        }
        if (b.test === null || b.test(frame)) return b.body(frame);
      }
      return Flow.next;
    };
  }

  whileStatement(node: SyntaxNode, scope: Scope): Statement {
    const parts = this.kids(node);
    const elseAt = parts.findIndex((p) => p.name === 'else');
    const orElse = elseAt < 0 ? null : this.body(parts[elseAt + 1], scope);
    const test = this.condition(parts[1]!, scope);
    const body = this.body(parts[2], scope);
    const m = this.m;
    const { line, column } = this.source.position(node.from);
    const lines = m.lines !== null && testReportsLine(this, parts[1]!) ? m.lines : null;
    const warmup = scope.warmup;
    const jumpsBack = warmup !== undefined && loopTestAlwaysTrue(this, parts[1]!);
    return (frame) => {
      for (let round = 0; ; round++) {
        m.step();
        frame.line = line;
        m.line = line;
        m.column = column;
        if (m.onStatement !== null) m.onStatement();
        if (round === 0) lines?.enter(frame, line);
        else if (lines !== null) lines.jump(frame, line);
        else m.lines?.jumpToBody(frame);
        if (!test(frame)) return orElse === null ? Flow.next : orElse(frame);
        const flow = body(frame);
        if (flow === Flow.break) return Flow.next;
        if (flow === Flow.return) return flow;
        // JUMP_BACKWARD (`continue`, or `while True`'s end; 3.11 compiles the test
        // again at the end, a conditional jump): 3.11 warms the code up (str-concat.ts).
        if (warmup !== undefined && (jumpsBack || flow === Flow.continue)) warmup.count++;
        // The back edge: an eval-breaker check (JUMP_BACKWARD, garbage-watch.ts).
        m.gc?.loopRan();
      }
    };
  }

  /**
   * `for target in iterable: … [else: …]`: GET_ITER, then FOR_ITER / a store / the
   * body until exhaustion (the `else` body then) or `break`. A str is iterated by a
   * stand-in iterator object: the heap has no str iterator type, so a tuple iterator
   * over `()` takes its place — the same request (GC header + 32 bytes: unicodeiterobject,
   * 3.8–3.13) and the same GC tracking — while the machine holds the str for it until
   * it is exhausted, as it_seq does. Each step yields the cached latin-1 character or a
   * new one-character str (unicode_char).
   */
  forStatement(node: SyntaxNode, scope: Scope): Statement {
    const parts = this.kids(node);
    const elseAt = parts.findIndex((p) => p.name === 'else');
    const orElse = elseAt < 0 ? null : this.body(parts[elseAt + 1], scope);
    const inAt = parts.findIndex((p) => p.name === 'in');
    const target = this.targetOf(parts.slice(1, inAt), scope, node);
    const iterableNode = parts[inAt + 1]!;
    // fold_iter: a display of constants iterated by `for` becomes a constant tuple
    // (list) or frozenset (set).
    const folded = this.iterableConstant(iterableNode);
    const iterable =
      folded !== undefined ? this.constantExpression(folded) : this.expression(iterableNode, scope);
    const body = this.body(parts[inAt + 2], scope);
    const m = this.m;
    const heap = m.heap;
    const { line, column } = this.source.position(node.from);
    const lines = m.lines;
    const forIterLocation = forIterErrorLocation(this, node, iterableNode);
    const warmup = scope.warmup;
    return (frame) => {
      m.step();
      frame.line = line;
      m.line = line;
      m.column = column;
      if (m.onStatement !== null) m.onStatement();
      lines?.enter(frame, line);
      let seq = iterable(frame);
      // GET_ITER of an instance: its `__iter__`'s generator (class-iteration.ts).
      const viaIter = isIterableInstance(m, seq);
      if (viaIter) seq = locateForIter(() => instanceIterator(m, seq), forIterLocation);
      const t = heap.typeOf(seq);
      // An instance `__iter__` returned: its `__next__` steps the loop (instance-next.ts).
      const nexting = viaIter && t === 'instance';
      const iterator = BUILTIN_ITERATORS.has(t);
      const view =
        t === 'dict_keys' || t === 'dict_values' || t === 'dict_items' || ODICT_VIEWS.includes(t);
      const packed =
        t === 'enumerate' ||
        t === 'zip' ||
        t === 'list_reverseiterator' ||
        t === 'reversed' ||
        t === 'count' ||
        t === 'repeat' ||
        t === 'chain' ||
        t === 'islice' ||
        t === 'combinations' ||
        t === 'product' ||
        t === 'zip_longest' ||
        t === 'accumulate' ||
        t === 'permutations' ||
        t === 'starmap' ||
        t === 'takewhile' ||
        t === 'map' ||
        t === 'filter';
      if (
        t !== 'list' &&
        t !== 'tuple' &&
        t !== 'namedtuple' &&
        t !== 'range' &&
        t !== 'dict' &&
        t !== 'defaultdict' &&
        t !== 'Counter' &&
        t !== 'OrderedDict' &&
        t !== 'str' &&
        t !== 'generator' &&
        t !== 'deque' &&
        t !== 'set' &&
        t !== 'frozenset' &&
        !view &&
        !packed &&
        !iterator &&
        !nexting
      ) {
        const name = heap.typeNameOf(seq);
        heap.decref(seq);
        throw new Unsupported(`a for loop over a ${name}`);
      }
      let it: ObjectHandle;
      let next: () => ObjectHandle;
      let held = 0;
      if (t === 'generator') {
        // GET_ITER of a generator is the generator; FOR_ITER resumes it.
        it = seq;
        next = () => locateForIter(() => resumeGenerator(m, seq, 0), forIterLocation);
      } else if (t === 'deque') {
        it = newDequeIterator(heap, seq);
        heap.decref(seq);
        next = () => {
          try {
            return dequeIteratorNext(heap, it);
          } catch (error) {
            throw pythonErrorOf(error);
          }
        };
      } else if (nexting) {
        it = seq;
        next = () => locateForIter(() => instanceNext(m, it), forIterLocation);
      } else if (t === 'map' || t === 'filter') {
        // FOR_ITER of a map/filter runs the program's function (map-filter.ts).
        it = seq;
        next = () => locateForIter(() => heap.iteratorNext(it), forIterLocation);
      } else if (iterator) {
        // An iterator an `__iter__` returned: FOR_ITER steps it.
        it = seq;
        next = () => heap.iteratorNext(it);
      } else if (t === 'str') {
        it = heap.newIterator(heap.emptyTuple);
        held = seq;
        const chars = [...(heap.valueOf(seq) as string)];
        let index = 0;
        next = () => {
          if (index < chars.length) return heap.newStr(chars[index++]!);
          heap.decref(held);
          held = 0;
          return 0;
        };
      } else {
        // A set's table order: known for ints, floats and None only (values.ts).
        if (t === 'set' || t === 'frozenset') requireKnownSetOrder(heap, seq);
        it = heap.newIterator(seq);
        heap.decref(seq);
        // A dict that changes size under its iterator raises RuntimeError: not modelled.
        const sized =
          t === 'dict' || t === 'defaultdict' || t === 'Counter'
            ? seq
            : view
              ? heap.referents(it)[0]!
              : 0;
        const size = sized !== 0 ? heap.lengthOf(sized) : -1;
        next = () => {
          if (size >= 0 && heap.isLive(sized) && heap.lengthOf(sized) !== size)
            throw new Unsupported('changing the size of a dict while iterating over it');
          try {
            return heap.iteratorNext(it);
          } catch (error) {
            throw pythonErrorOf(error);
          }
        };
      }
      try {
        for (let round = 0; ; round++) {
          // Each round is back on the `for` line (FOR_ITER), a step of its own to a viewer.
          if (round > 0 && m.onStatement !== null) {
            frame.line = line;
            m.line = line;
            m.column = column;
            m.onStatement();
          }
          const item = next();
          if (item === 0) break;
          target.store(frame, item);
          const flow = body(frame);
          if (flow === Flow.break) return Flow.next;
          if (flow === Flow.return) return flow;
          // JUMP_BACKWARD: 3.11 warms the code object up (str-concat.ts).
          if (warmup !== undefined) warmup.count++;
          // The back edge: an eval-breaker check (JUMP_BACKWARD, garbage-watch.ts).
          m.gc?.loopRan();
          m.step();
          frame.line = line;
          lines?.jump(frame, line);
        }
      } finally {
        if (held !== 0) heap.decref(held);
        heap.decref(it);
      }
      return orElse === null ? Flow.next : orElse(frame);
    };
  }

  iterableConstant(node: SyntaxNode): Constant | undefined {
    if (node.name !== 'ArrayExpression' && node.name !== 'SetExpression') return undefined;
    const items = this.kids(node).filter((k) => !['[', ']', '{', '}', ','].includes(k.name));
    const constants = items.map((i) => this.constant(i));
    if (constants.some((c) => c === undefined)) return undefined;
    return {
      kind: node.name === 'ArrayExpression' ? 'tuple' : 'frozenset',
      items: constants as Constant[],
    };
  }

  /**
   * A method's or generator function's parameter list: names in co_varnames order
   * (positional, keyword-only, `*args`, `**kwargs`), the defaults and the annotations.
   */
  parameters(paramList: SyntaxNode): {
    params: string[];
    defaults: SyntaxNode[];
    annotations: Annotation[];
    keywordOnly: string[];
    varargs: boolean;
    varkeywords: boolean;
    varnames: string[];
    keywordDefaults: [string, SyntaxNode][];
  } {
    const p = parseParameters(this, paramList);
    return {
      keywordDefaults: p.keywordDefaults,
      params: p.positional,
      defaults: p.defaults,
      annotations: p.annotations,
      keywordOnly: p.keywordOnly,
      varargs: p.varargs !== null,
      varkeywords: p.varkeywords !== null,
      varnames: p.varnames,
    };
  }

  /**
   * MAKE_FUNCTION: a new function object for `code`, with its defaults tuple — one
   * constant tuple when every default is a constant (folded), else BUILD_TUPLE.
   */
  makeFunction(
    code: FunctionCode,
    defaults: SyntaxNode[],
    scope: Scope,
    annotations: readonly Annotation[] = [],
    node?: SyntaxNode,
    classNames?: ReadonlySet<string>,
  ): Expression {
    const defaultConstants = defaults.map((d) => this.constant(d));
    const annotationsValue =
      annotations.length === 0
        ? null
        : annotationsArgument(this, annotations, scope, node!, classNames);
    const heap = this.m.heap;
    let defaultsTuple: Expression | null = null;
    if (defaults.length > 0) {
      if (defaultConstants.every((c) => c !== undefined))
        defaultsTuple = this.constantExpression({
          kind: 'tuple',
          items: defaultConstants as Constant[],
        });
      else {
        const exprs = defaults.map((d) => this.expression(d, scope));
        defaultsTuple = (frame) => {
          const values = exprs.map((e) => e(frame));
          const t = heap.newTuple(values);
          untrackIfAtomic(this.m, t);
          for (const v of values) heap.decref(v);
          return t;
        };
      }
    }
    const m = this.m;
    return (frame) => {
      const d = defaultsTuple === null ? 0 : defaultsTuple(frame);
      let ann = 0;
      try {
        if (annotationsValue !== null) ann = annotationsValue(frame);
        const f = heap.newFunction({
          ...(d === 0 ? {} : { defaults: d }),
          ...(ann === 0 ? {} : { annotations: ann }),
        });
        m.functions.set(f, code);
        return f;
      } finally {
        if (d !== 0) heap.decref(d);
        if (ann !== 0) heap.decref(ann);
      }
    };
  }

  returnStatement(node: SyntaxNode, scope: Scope): Statement {
    if (scope.locals === null) throw this.fail("'return' outside function", node);
    const valueNodes = this.kids(node).slice(1);
    const value =
      valueNodes.length === 0
        ? this.constantExpression({ kind: 'none' })
        : this.groupExpression(valueNodes, scope, node);
    return (frame) => {
      frame.returned = value(frame);
      return Flow.return;
    };
  }

  // ------------------------------------------------------------------ constants

  /** The folded constant value of an expression, or undefined when it is not one. */
  constant(node: SyntaxNode): Constant | undefined {
    switch (node.name) {
      case 'Number': {
        const v = this.source.numberValue(node);
        return typeof v === 'bigint' ? { kind: 'int', value: v } : { kind: 'float', value: v };
      }
      case 'String':
      case 'ContinuedString':
        if (this.source.isBytes(node))
          return { kind: 'bytes', value: this.source.bytesValue(node) };
        return { kind: 'str', value: this.source.stringValue(node) };
      case 'FormatString': {
        const parts = this.source.formatParts(node);
        if (parts.some((p) => typeof p !== 'string')) return undefined;
        return { kind: 'str', value: parts.join('') };
      }
      case 'Boolean':
        return { kind: 'bool', value: this.text(node) === 'True' };
      case 'None':
        return { kind: 'none' };
      case 'ParenthesizedExpression': {
        const inner = this.kids(node).slice(1, -1);
        return inner.length === 1 ? this.constant(inner[0]!) : undefined;
      }
      case 'TupleExpression': {
        const items = this.kids(node).filter((k) => !['(', ')', ','].includes(k.name));
        const constants = items.map((i) => this.constant(i));
        if (constants.some((c) => c === undefined)) return undefined;
        return { kind: 'tuple', items: constants as Constant[] };
      }
      case 'UnaryExpression': {
        const [op, operand] = this.kids(node);
        const c = this.constant(operand!);
        return c === undefined ? undefined : foldUnary(this.text(op!), c);
      }
      case 'MemberExpression': {
        // fold_subscr: a constant str or tuple indexed by a constant int (slices are not folded).
        const [value, open, index, close] = this.kids(node);
        if (open?.name !== '[' || close?.name !== ']' || index === undefined) return undefined;
        const container = this.constant(value!);
        const key = this.constant(index);
        if (container === undefined || key?.kind !== 'int') return undefined;
        const items: readonly Constant[] | undefined =
          container.kind === 'str'
            ? [...container.value].map((ch): Constant => ({ kind: 'str', value: ch }))
            : container.kind === 'bytes'
              ? [...container.value].map(
                  (ch): Constant => ({ kind: 'int', value: BigInt(ch.charCodeAt(0)) }),
                )
              : container.kind === 'tuple'
                ? container.items
                : undefined;
        if (items === undefined) return undefined;
        const i = Number(key.value < 0n ? key.value + BigInt(items.length) : key.value);
        return i >= 0 && i < items.length ? items[i] : undefined;
      }
      case 'BinaryExpression': {
        const [left, op, right] = this.kids(node);
        const bitwise = op!.name === 'BitOp' && BITWISE_OPERATORS.has(this.text(op!));
        if (op!.name !== 'ArithOp' && !bitwise) return undefined;
        const a = this.constant(left!);
        const b = this.constant(right!);
        if (a === undefined || b === undefined) return undefined;
        if (bitwise) return foldBitwise(this.text(op!) as BitwiseOperator, a, b);
        return foldBinary(this.text(op!), a, b);
      }
      default:
        return undefined;
    }
  }

  constantExpression(c: Constant): Expression {
    const h = this.pool.handle(c);
    const heap = this.m.heap;
    return () => {
      heap.incref(h);
      return h;
    };
  }

  // ------------------------------------------------------------------ expressions

  expression(node: SyntaxNode, scope: Scope): Expression {
    const c = this.constant(node);
    if (c !== undefined) return this.constantExpression(c);
    // A local or global name marks its own error (no wrapper around the commonest load).
    if (node.name === 'VariableName') return this.load(node, scope, this.locate(node));
    const e = this.expressionBody(node, scope);
    return node.name === 'ParenthesizedExpression' ? e : this.located(e, node);
  }

  expressionBody(node: SyntaxNode, scope: Scope): Expression {
    const heap = this.m.heap;
    switch (node.name) {
      case 'VariableName':
        return this.load(node, scope);
      case 'ParenthesizedExpression': {
        const inner = this.kids(node).slice(1, -1);
        if (inner.length !== 1) throw this.fail('this parenthesized expression', node);
        return this.expression(inner[0]!, scope);
      }
      case 'TupleExpression':
        return this.tupleDisplay(
          this.kids(node).filter((k) => !['(', ')', ','].includes(k.name)),
          scope,
          node,
        );
      case 'ArrayExpression':
        return this.collectionDisplay(node, scope, 'list');
      case 'LambdaExpression':
        return compileLambda(this, node, scope);
      case 'SetExpression':
        return this.collectionDisplay(node, scope, 'set');
      case 'ArrayComprehensionExpression':
      case 'SetComprehensionExpression':
      case 'DictionaryComprehensionExpression':
        return compileComprehension(this, node, scope);
      case 'DictionaryExpression':
        return this.dictDisplay(node, scope);
      case 'UnaryExpression': {
        const [opNode, operandNode] = this.kids(node);
        const op = this.text(opNode!);
        if (op === 'not' && isBooleanOperation(this, operandNode!))
          return this.notOverBooleanOperation(operandNode!, scope);
        if (op === 'not') return this.notExpression(operandNode!, scope);
        const operand = this.expression(operandNode!, scope);
        const m = this.m;
        const dunder = UNARY_DUNDERS[op]!;
        return (frame) => {
          const v = operand(frame);
          try {
            // slot_nb_negative & co.: the instance's own method.
            if (heap.typeOf(v) === 'instance' && hasDunder(m, v, dunder))
              return callDunder(m, v, dunder, []);
            return unaryOp(heap, op, v);
          } finally {
            heap.decref(v);
          }
        };
      }
      case 'BinaryExpression':
        return this.binary(node, scope);
      case 'ConditionalExpression': {
        const [then, , test, , otherwise] = this.kids(node);
        const t = this.condition(test!, scope);
        const a = this.expression(then!, scope);
        const b = this.expression(otherwise!, scope);
        return (frame) => (t(frame) ? a(frame) : b(frame));
      }
      case 'CallExpression': {
        const call = this.call(node, scope);
        const gc = this.m.gc;
        if (gc === null) return call;
        // Before the first full collection the collector watches for calls (gc-calls.ts);
        // a call gc-count.ts does not vouch for loses gc.get_count().
        const counted = countedCall(this, node, scope);
        const lost = `after ${this.text(node.firstChild!).slice(0, 40)}() at line ${this.source.position(node.from).line}`;
        return (frame) => {
          const probes = gc.probes;
          // Judged before the call (the callee as it is then), noted after it: a
          // collection inside the call (`print(gc.collect())`) starts the count afresh.
          const keeps = counted(frame);
          const result = call(frame);
          gc.callEnded(probes, keeps ? null : lost);
          return result;
        };
      }
      case 'FormatString':
        return this.formatString(node, scope);
      case 'MemberExpression':
        return this.member(node, scope);
      case 'ComprehensionExpression':
      case 'ArgList':
        return generatorExpression(this, node, scope);
      default:
        throw this.fail(describeNode(node.name), node);
    }
  }

  /**
   * An f-string: each replacement is FORMAT_VALUE (the value's str or repr: a new str,
   * or the value itself for a str), literal parts are constants, and more than one
   * part is joined by BUILD_STRING into a new str; the parts are then released, last
   * first. Format specs are not modelled yet.
   */
  formatString(node: SyntaxNode, scope: Scope): Expression {
    const heap = this.m.heap;
    const parts = selfDocumented(this, this.source.formatParts(node));
    const joined = parts.length > 1;
    const pieces = parts.map((part): Expression => {
      if (typeof part === 'string') return this.constantExpression({ kind: 'str', value: part });
      const inner = this.kids(part).filter((k) => k.name !== '{' && k.name !== '}');
      const [valueNode, ...rest] = inner;
      if (valueNode === undefined) throw this.fail('an empty f-string replacement', part);
      let conversion = '';
      let spec = '';
      let selfDoc = false;
      for (const r of rest) {
        if (r.name === 'FormatConversion') conversion = this.text(r);
        else if (r.name === 'FormatSpec') spec = formatSpecText(this, r);
        else if (r.name === 'FormatSelfDoc') selfDoc = true;
        else throw this.fail('this f-string replacement', r);
      }
      // `{x=}`: repr unless a conversion or a format spec is given.
      if (selfDoc && conversion === '' && spec === '') conversion = '!r';
      if (conversion === '!a') throw this.fail('!a in an f-string', part);
      const value = this.expression(valueNode, scope);
      if (spec !== '') return formatValueWithSpec(this, value, conversion, spec);
      return (frame) => {
        const v = value(frame);
        try {
          return formatValue(this.m, v, conversion === '!r', joined);
        } finally {
          heap.decref(v);
        }
      };
    });
    if (pieces.length === 1) return pieces[0]!;
    return (frame) => {
      const values = evaluateAll(heap, pieces, frame);
      try {
        const text = values.map((v) => heap.valueOf(v) as string).join('');
        if ([...text].length === 1)
          throw new Unsupported('an f-string of one character (a fresh str)');
        return heap.newStr(text);
      } finally {
        for (let i = values.length - 1; i >= 0; i--) heap.decref(values[i]!);
      }
    };
  }

  /**
   * `type(x)`: x's class — a program class, or a static builtin type object (its
   * count includes the interpreter's references: not reported). Models type_call with
   * one argument (Py_TYPE, Objects/typeobject.c).
   */
  typeCall(positional: SyntaxNode[], scope: Scope, node: SyntaxNode): Expression {
    if (positional.length !== 1) throw this.fail('type() with other than one argument', node);
    const value = this.expression(positional[0]!, scope);
    const m = this.m;
    const heap = m.heap;
    return (frame) => {
      const v = value(frame);
      try {
        const t = heap.typeOf(v);
        if (t === 'instance') return heap.share(heap.classOf(v));
        if (t === 'exception') {
          // A program's exception class, or the builtin class's static type object.
          const cls = programExceptionClass(heap, v);
          if (cls !== 0) return heap.share(cls);
          return builtinTypeValue(m, builtinExceptionClass(heap, v));
        }
        if (t === 'namedtuple' || t === 'namedtuple_type')
          throw new Unsupported(`type() of a ${heap.typeNameOf(v)}`);
        return builtinTypeValue(
          m,
          t === 'builtin_type' || t === 'type' ? 'type' : heap.typeNameOf(v),
        );
      } finally {
        heap.decref(v);
      }
    };
  }

  /**
   * The load of a name. With `location`, the load's Python exceptions point at it (as
   * {@link located} would mark them): a local or global load marks its own error, any
   * other load is wrapped.
   */
  load(node: SyntaxNode, scope: Scope, location?: ErrorLocation): Expression {
    const name = this.text(node);
    const heap = this.m.heap;
    const slot = scope.locals?.get(name);
    const m = this.m;
    if (slot !== undefined && scope.cells?.get(name) === undefined) {
      return (frame) => {
        const v = frame.locals[slot]!;
        if (v === 0) throw at(unboundLocal(m, name), location);
        heap.incref(v);
        return v;
      };
    }
    if (
      scope.cells?.get(name) === undefined &&
      slot === undefined &&
      this.moduleAssigned.has(name) &&
      fromImportedName(this, node, scope) === undefined &&
      !this.isImportedModule(name) &&
      !BUILTIN_NAMES.has(name)
    ) {
      const builtinName = PYTHON_BUILTIN_NAMES.has(name);
      const globalCell = m.globals.cell(name);
      const hint = nameHintSite(this, scope);
      return (frame) => {
        const v = globalCell.value;
        // An unbound module name that is also a builtin's reads the builtin in CPython.
        if (v === undefined && builtinName) throw new Unsupported(`the builtin '${name}'`);
        if (v === undefined) throw at(nameError(m, name, hint, frame), location);
        heap.incref(v);
        return v;
      };
    }
    const e = this.otherLoad(node, scope, name);
    return location === undefined ? e : this.locatedAt(e, location);
  }

  /** The load of a name that is neither a plain local nor a module-assigned global. */
  private otherLoad(node: SyntaxNode, scope: Scope, name: string): Expression {
    const heap = this.m.heap;
    const cell = scope.cells?.get(name);
    if (cell !== undefined)
      return loadDeref(this, name, cell, scope.symbols?.frees.has(name) ?? false);
    const slot = scope.locals?.get(name);
    const m = this.m;
    if (slot !== undefined) {
      return (frame) => {
        const v = frame.locals[slot]!;
        if (v === 0) throw unboundLocal(m, name);
        heap.incref(v);
        return v;
      };
    }
    const imported = fromImportedName(this, node, scope);
    if (imported !== undefined) {
      if (!libraryModules().has(imported.module))
        throw this.fail(`the from-imported name '${name}' used as a value`, node);
      return boundAlias(
        m,
        imported,
        moduleAttribute(this, imported.module, imported.attribute, node),
      );
    }
    if (this.isImportedModule(name)) throw this.fail(`using the module '${name}' as a value`, node);
    if (BUILTIN_NAMES.has(name)) {
      if (isComparedType(this, node)) return () => builtinTypeValue(m, name);
      if (!isMapFilterFunction(this, node) && !isValueBuiltin(name))
        throw this.fail(`the builtin '${name}' used as a value`, node);
      return () => builtinValue(m, name);
    }
    if (name === 'NotImplemented' && !this.moduleAssigned.has(name))
      return () => heap.newNotImplemented();
    if (name === '__name__' && !this.moduleAssigned.has(name)) {
      const main = this.pool.handle({ kind: 'str', value: '__main__' });
      return () => {
        heap.incref(main);
        return main;
      };
    }
    if (!this.moduleAssigned.has(name) && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name))
      throw this.fail(`the name ${name}`, node);
    const builtinName = PYTHON_BUILTIN_NAMES.has(name);
    // A builtin exception class as a value (`exc_type is ValueError`, a tuple of
    // classes): its static type object.
    if (EXCEPTION_CLASSES.has(name) && !this.moduleAssigned.has(name))
      return () => builtinTypeValue(m, name);
    if (builtinName && !this.moduleAssigned.has(name))
      throw this.fail(`the builtin '${name}'`, node);
    const globalCell = m.globals.cell(name);
    const hint = nameHintSite(this, scope);
    return (frame) => {
      const v = globalCell.value;
      // An unbound module name that is also a builtin's reads the builtin in CPython.
      if (v === undefined && builtinName) throw new Unsupported(`the builtin '${name}'`);
      if (v === undefined) throw nameError(m, name, hint, frame);
      heap.incref(v);
      return v;
    };
  }

  /** BUILD_TUPLE n, or one constant tuple when every item is a constant (fold_tuple). */
  tupleDisplay(items: SyntaxNode[], scope: Scope, node: SyntaxNode): Expression {
    if (items.some((i) => i.name === '*')) throw this.fail('starred items in a display', node);
    const constants = items.map((i) => this.constant(i));
    if (constants.every((c) => c !== undefined))
      return this.constantExpression({ kind: 'tuple', items: constants as Constant[] });
    if (items.length > MAX_SEQUENCE_DISPLAY)
      throw this.fail(`a display of more than ${MAX_SEQUENCE_DISPLAY} items`, node);
    const exprs = items.map((i) => this.expression(i, scope));
    const heap = this.m.heap;
    return (frame) => {
      const values = evaluateAll(heap, exprs, frame);
      const t = heap.newTuple(values);
      untrackIfAtomic(this.m, t);
      for (const v of values) heap.decref(v);
      return t;
    };
  }

  /**
   * A list or set display. 3.8: BUILD_LIST n (an exact PyList_New(n)) / BUILD_SET n
   * (PySet_New, then an add per item). 3.9+: more than two items, all constants → an
   * empty container, LOAD_CONST of one tuple / frozenset, then LIST_EXTEND (list_extend's
   * over-allocation) / SET_UPDATE (set_merge); else BUILD_x n (compile.c
   * starunpack_helper).
   */
  collectionDisplay(node: SyntaxNode, scope: Scope, kind: 'list' | 'set'): Expression {
    const brackets = kind === 'list' ? ['[', ']', ','] : ['{', '}', ','];
    const items = this.kids(node).filter((k) => !brackets.includes(k.name));
    if (items.some((i) => i.name === '*')) throw this.fail('starred items in a display', node);
    if (items.length > MAX_SEQUENCE_DISPLAY)
      throw this.fail(`a display of more than ${MAX_SEQUENCE_DISPLAY} items`, node);
    const heap = this.m.heap;
    const constants = items.map((i) => this.constant(i));
    if (
      this.m.rules.constantDisplaysExtend &&
      items.length > 2 &&
      constants.every((c) => c !== undefined)
    ) {
      const items = constants as Constant[];
      if (kind === 'list') {
        const tuple = this.pool.handle({ kind: 'tuple', items });
        return () => {
          const l = heap.newList();
          heap.listExtend(l, tuple);
          return l;
        };
      }
      const frozen = this.pool.handle({ kind: 'frozenset', items });
      return () => {
        const s = heap.newSet();
        heap.setMerge(s, frozen);
        return s;
      };
    }
    const exprs = items.map((i) => this.expression(i, scope));
    const build =
      kind === 'list'
        ? (values: ObjectHandle[]) => heap.newList(values)
        : (values: ObjectHandle[]) => heap.newSet(values);
    return (frame) => {
      const values = evaluateAll(heap, exprs, frame);
      try {
        return build(values);
      } finally {
        for (const v of values) heap.decref(v);
      }
    };
  }

  /**
   * A dict display. Keys all constants and more than one item: BUILD_CONST_KEY_MAP
   * (values evaluated, then the dict); otherwise BUILD_MAP n (key, value pairs). Both
   * presize the dict: _PyDict_NewPresized(n) on 3.8–3.10, _PyDict_FromItems from
   * 3.11 (str-only keys give a unicode table).
   */
  dictDisplay(node: SyntaxNode, scope: Scope): Expression {
    const parts = this.kids(node).filter((k) => !['{', '}', ','].includes(k.name));
    if (parts.some((p) => p.name === '**')) return dictDisplayUnpacking(this, parts, scope, node);
    return this.dictPairs(parts, scope, node);
  }

  /** The part of a dict display made of `key: value` items (BUILD_CONST_KEY_MAP / BUILD_MAP n). */
  dictPairs(parts: readonly SyntaxNode[], scope: Scope, node: SyntaxNode): Expression {
    const keys: SyntaxNode[] = [];
    const values: SyntaxNode[] = [];
    for (let i = 0; i < parts.length; i += 3) {
      if (parts[i + 1]?.name !== ':') throw this.fail('this dict display', node);
      keys.push(parts[i]!);
      values.push(parts[i + 2]!);
    }
    if (keys.length > MAX_DISPLAY)
      throw this.fail(`a display of more than ${MAX_DISPLAY} items`, node);
    const keyExprs = keys.map((k) => this.expression(k, scope));
    const valueExprs = values.map((v) => this.expression(v, scope));
    const constKeys = keys.length > 1 && keys.every((k) => this.constant(k) !== undefined);
    // Constant keys are all strs or not, whatever the run: known once, here.
    const constUnicode = constKeys && keys.every((k) => this.constant(k)?.kind === 'str');
    const heap = this.m.heap;
    const n = keys.length;
    return (frame) => {
      const ks: ObjectHandle[] = [];
      const vs: ObjectHandle[] = [];
      try {
        if (constKeys) {
          for (const v of valueExprs) vs.push(v(frame));
          for (const k of keyExprs) ks.push(k(frame));
        } else {
          for (let i = 0; i < n; i++) {
            ks.push(keyExprs[i]!(frame));
            vs.push(valueExprs[i]!(frame));
          }
        }
        const unicode = constKeys ? constUnicode : allStrs(heap, ks);
        const d = heap.newDictPresized(n, unicode);
        for (let i = 0; i < n; i++) heap.dictSetItem(d, ks[i]!, vs[i]!);
        return d;
      } finally {
        for (const k of ks) heap.decref(k);
        for (const v of vs) heap.decref(v);
      }
    };
  }

  /**
   * `not a or b` as Python reads it, `(not a) or b`: @lezer/python binds `not` looser
   * than `and`/`or` and puts the whole `a or b` under it. The `not` goes to the leftmost
   * operand of the and/or chain (Python's grammar: `or` < `and` < `not` < comparisons),
   * so `not a and b or c` is `((not a) and b) or c`.
   */
  notOverBooleanOperation(chain: SyntaxNode, scope: Scope): Expression {
    const parts = this.kids(chain);
    const left = parts[0]!;
    const right = parts[parts.length - 1]!;
    const first = isBooleanOperation(this, left)
      ? this.notOverBooleanOperation(left, scope)
      : this.notExpression(left, scope);
    return this.booleanOperation(
      first,
      this.expression(right, scope),
      this.text(parts[1]!) === 'and',
    );
  }

  /** `not operand`: a bool (an instance's truth from its `__bool__`/`__len__`). */
  notExpression(operandNode: SyntaxNode, scope: Scope): Expression {
    if (operandNode.name === 'UnaryExpression') {
      const [op, inner] = this.kids(operandNode);
      if (this.text(op!) === 'not' && isBooleanOperation(this, inner!))
        throw this.fail('`not not` before an and/or expression', operandNode);
    }
    const operand = this.expression(operandNode, scope);
    const heap = this.m.heap;
    return (frame) => {
      const v = operand(frame);
      let result: boolean;
      try {
        result = !(heap.typeOf(v) === 'instance' ? instanceTruth(this.m, v) : truthy(heap, v));
      } finally {
        heap.decref(v);
      }
      return heap.newBool(result);
    };
  }

  /** `a and b` / `a or b`: the first operand decides, or the second is the value. */
  booleanOperation(a: Expression, b: Expression, isAnd: boolean): Expression {
    const heap = this.m.heap;
    return (frame) => {
      const v = a(frame);
      // JUMP_IF_TRUE_OR_POP / JUMP_IF_FALSE_OR_POP: an instance's `__bool__` or `__len__`.
      let truth: boolean;
      try {
        truth = heap.typeOf(v) === 'instance' ? instanceTruth(this.m, v) : truthy(heap, v);
      } catch (error) {
        heap.decref(v);
        throw error;
      }
      if (truth !== isAnd) return v;
      heap.decref(v);
      return b(frame);
    };
  }

  /**
   * A binary operation; `into`: the variable the statement stores its result in, for
   * str concatenation in place (str-concat.ts).
   */
  binary(node: SyntaxNode, scope: Scope, into?: ConcatTarget): Expression {
    const parts = this.kids(node);
    const left = parts[0]!;
    const right = parts[parts.length - 1]!;
    const opText = parts
      .slice(1, -1)
      .map((p) => this.text(p))
      .join(' ');
    const heap = this.m.heap;
    if (opText === 'and' || opText === 'or')
      return this.booleanOperation(
        this.expression(left, scope),
        this.expression(right, scope),
        opText === 'and',
      );
    const isComparison = [
      '==',
      '!=',
      '<',
      '<=',
      '>',
      '>=',
      'is',
      'is not',
      'in',
      'not in',
    ].includes(opText);
    if (isComparison) {
      if (left.name === 'BinaryExpression' && isCompareNode(this, left))
        return this.chainedComparison(node, scope);
      if (isSysAttribute(this, left, 'version_info', scope))
        return versionInfoComparison(this, opText, right, scope, node);
      const a = this.expression(left, scope);
      // fold_compare: `x in [constants]` tests a constant tuple (a set: a frozenset).
      const folded = opText.endsWith('in') ? this.iterableConstant(right) : undefined;
      const b =
        folded !== undefined ? this.constantExpression(folded) : this.expression(right, scope);
      const ints = intComparison(opText);
      return (frame) => {
        const x = a(frame);
        const y = evaluateAfterOne(heap, x, b, frame);
        try {
          if (ints !== null) {
            const p = heap.plainInt(x);
            const q = p === undefined ? undefined : heap.plainInt(y);
            if (q !== undefined) return heap.newBool(ints(p!, q));
          }
          return heap.newBool(compare(this.m, opText, x, y));
        } finally {
          heap.decref(x);
          heap.decref(y);
        }
      };
    }
    if (BITWISE_OPERATORS.has(opText)) {
      const a = this.expression(left, scope);
      const b = this.expression(right, scope);
      return (frame) => {
        const x = a(frame);
        const y = evaluateAfterOne(heap, x, b, frame);
        try {
          return bitwiseOp(heap, opText as BitwiseOperator, x, y);
        } finally {
          heap.decref(x);
          heap.decref(y);
        }
      };
    }
    if (!['+', '-', '*', '/', '//', '%', '**'].includes(opText))
      throw this.fail(`the operator ${opText}`, node);
    const a = this.expression(left, scope);
    const b = this.expression(right, scope);
    const op = opText as ArithmeticOperator;
    const m = this.m;
    // str + str: unicode_concatenate (3.8–3.10) or the in-place site a store follows.
    const concat = op === '+' && (m.rules.unicodeConcatenate || into !== undefined);
    const site = into !== undefined && !m.rules.unicodeConcatenate ? newInPlaceSite() : null;
    return (frame) => {
      const x = a(frame);
      const y = evaluateAfterOne(heap, x, b, frame);
      if (concat) {
        const r = concatStrs(m, x, y, frame, into ?? null, site);
        if (r !== undefined) return r;
      }
      try {
        return binaryArithmetic(m, op, x, y);
      } finally {
        heap.decref(x);
        heap.decref(y);
      }
    };
  }

  /**
   * `a < b < c`: each middle operand is evaluated once and kept (DUP_TOP, ROT_THREE)
   * until the next comparison; the first false comparison ends the chain with False.
   */
  chainedComparison(node: SyntaxNode, scope: Scope): Expression {
    const operands: SyntaxNode[] = [];
    const ops: string[] = [];
    let at: SyntaxNode = node;
    while (at.name === 'BinaryExpression' && isCompareNode(this, at)) {
      const parts = this.kids(at);
      operands.unshift(parts[parts.length - 1]!);
      ops.unshift(
        parts
          .slice(1, -1)
          .map((p) => this.text(p))
          .join(' '),
      );
      at = parts[0]!;
    }
    operands.unshift(at);
    const exprs = operands.map((o) => this.expression(o, scope));
    const heap = this.m.heap;
    const m = this.m;
    return (frame) => {
      let left = exprs[0]!(frame);
      for (let i = 0; i < ops.length; i++) {
        let right: ObjectHandle;
        try {
          right = exprs[i + 1]!(frame);
        } catch (error) {
          heap.decref(left);
          throw error;
        }
        let result: boolean;
        try {
          result = compare(m, ops[i]!, left, right);
        } catch (error) {
          heap.decref(left);
          heap.decref(right);
          throw error;
        }
        heap.decref(left);
        left = right;
        if (!result || i === ops.length - 1) {
          heap.decref(left);
          return heap.newBool(result);
        }
      }
      return left;
    };
  }

  /**
   * The key of `container[key]` from the subscript's parts: one expression, or for
   * `grid[i, j]` the tuple of the items (BUILD_TUPLE, or one constant tuple when every
   * item is a constant, as a tuple display).
   */
  subscriptKey(parts: SyntaxNode[], scope: Scope, node: SyntaxNode): Expression {
    const inner = parts.slice(2, -1);
    if (inner.length === 1) return this.expression(inner[0]!, scope);
    const items = inner.filter((p) => p.name !== ',');
    if (items.length === 0 || inner.some((p) => p.name === ':' || p.name === '*'))
      throw this.fail('this subscript', node);
    return this.tupleDisplay(items, scope, node);
  }

  member(node: SyntaxNode, scope: Scope): Expression {
    const versionInfo = versionInfoMember(this, node, scope);
    if (versionInfo !== undefined) return versionInfo;
    const parts = this.kids(node);
    const heap = this.m.heap;
    if (parts[1]?.name === '[') {
      const container = this.expression(parts[0]!, scope);
      const inner = parts.slice(2, -1);
      if (inner.some((p) => p.name === ':')) return this.sliceExpression(container, inner, scope);
      const key = this.subscriptKey(parts, scope, node);
      return (frame) => {
        const c = container(frame);
        const k = evaluateAfterOne(heap, c, key, frame);
        try {
          if (heap.typeOf(c) === 'instance') return instanceGetItem(this.m, c, k);
          if (heap.typeOf(c) === 'defaultdict') return defaultdictItem(this.m, c, k);
          if (heap.typeOf(c) === 'Counter') return counterItem(this.m, c, k);
          return subscript(heap, c, k);
        } finally {
          heap.decref(c);
          heap.decref(k);
        }
      };
    }
    // `type(x).__name__`
    const target = parts[0]!;
    const attribute = parts[2] === undefined ? '' : this.text(parts[2]);
    if (attribute === '__name__' && target.name === 'CallExpression') {
      const [callee, argList] = this.kids(target);
      if (callee?.name === 'VariableName' && this.text(callee) === 'type') {
        const args = this.kids(argList!).filter((k) => !['(', ')', ','].includes(k.name));
        if (args.length !== 1) throw this.fail('type() with other than one argument', target);
        const value = this.expression(args[0]!, scope);
        return (frame) => {
          const v = value(frame);
          const t = heap.typeOf(v);
          const cls =
            t === 'instance'
              ? heap.classOf(v)
              : t === 'exception'
                ? programExceptionClass(heap, v)
                : 0;
          const name = t === 'exception' ? exceptionClass(heap, v) : heap.typeNameOf(v);
          heap.decref(v);
          // type_name: a program class's own name; a new str of tp_name (after its last
          // dot) for a static type.
          if (cls !== 0) return typeName(this.m, cls);
          return heap.newStr(name.slice(name.lastIndexOf('.') + 1));
        };
      }
    }
    if (
      target.name === 'VariableName' &&
      libraryModules().has(this.text(target)) &&
      this.isImportedModule(this.text(target)) &&
      !scope.locals?.has(this.text(target))
    )
      return moduleAttribute(this, this.text(target), attribute, node);
    if (
      attribute === 'args' ||
      attribute === '__context__' ||
      attribute === '__cause__' ||
      attribute === '__traceback__'
    ) {
      const value = this.expression(target, scope);
      return (frame) => {
        const v = value(frame);
        try {
          if (heap.typeOf(v) === 'partial') return loadAttribute(this.m, v, attribute);
          if (heap.typeOf(v) !== 'exception')
            throw new Unsupported(`the attribute .${attribute} of a ${heap.typeNameOf(v)}`);
          if (attribute === '__context__') return heap.exceptionContext(v);
          if (attribute === '__cause__') return heap.exceptionCause(v);
          if (attribute === '__traceback__') return heap.exceptionTraceback(v);
          const a = exceptionArgs(heap, v);
          heap.incref(a);
          return a;
        } finally {
          heap.decref(v);
        }
      };
    }
    if (attribute === 'gi_frame') {
      const value = this.expression(target, scope);
      return (frame) => generatorFrameAttribute(this.m, value(frame));
    }
    if (parts[1]?.name !== '.') throw this.fail(`the attribute .${attribute}`, node);
    const object = this.expression(target, scope);
    return (frame) => {
      const o = object(frame);
      try {
        return loadAttribute(this.m, o, attribute);
      } finally {
        heap.decref(o);
      }
    };
  }

  sliceExpression(container: Expression, inner: SyntaxNode[], scope: Scope): Expression {
    const bounds: (Expression | null)[] = [null, null, null];
    let at = 0;
    for (const p of inner) {
      if (p.name === ':') at++;
      else bounds[at] = this.expression(p, scope);
    }
    const heap = this.m.heap;
    return (frame) => {
      const c = container(frame);
      const values: ObjectHandle[] = [];
      for (const b of bounds)
        values.push(b === null ? 0 : evaluateAfter(heap, [c, ...values], b, frame));
      try {
        const ints = values.map((v) => {
          if (v === 0 || heap.typeOf(v) === 'NoneType') return null;
          const t = heap.typeOf(v);
          if (t !== 'int' && t !== 'bool')
            throw new PythonError(
              'TypeError',
              'slice indices must be integers or None or have an __index__ method',
            );
          return heap.valueOf(v) as bigint;
        });
        return slice(heap, c, ints[0]!, ints[1]!, ints[2]!);
      } finally {
        heap.decref(c);
        for (const v of values) if (v !== 0) heap.decref(v);
      }
    };
  }

  arguments(
    argList: SyntaxNode,
    scope: Scope,
  ): { positional: SyntaxNode[]; keywords: [string, SyntaxNode][] } {
    // `f(x for x in y)`: the argument list is the generator expression.
    if (isGeneratorArgument(this, argList)) return { positional: [argList], keywords: [] };
    const items = this.kids(argList).filter((k) => !['(', ')', ','].includes(k.name));
    const positional: SyntaxNode[] = [];
    const keywords: [string, SyntaxNode][] = [];
    void scope;
    for (let i = 0; i < items.length; i++) {
      const k = items[i]!;
      if (k.name === '*' || k.name === '**') throw this.fail('*args / **kwargs in a call', k);
      if (items[i + 1]?.name === 'AssignOp') {
        keywords.push([this.text(k), items[i + 2]!]);
        i += 2;
      } else {
        if (keywords.length > 0) throw this.fail('a positional argument after a keyword', k);
        positional.push(k);
      }
    }
    return { positional, keywords };
  }

  /**
   * True when `callee` names one of the builtins a `*` call reaches with the caller's
   * tuple and nothing else made (CALL_FUNCTION_EX: PyVectorcall_Call passes the tuple's
   * items; a type without vectorcall gets the tuple itself from type_call).
   */
  isStarCallableBuiltin(callee: SyntaxNode, scope: Scope): boolean {
    if (callee.name !== 'VariableName') return false;
    const name = this.text(callee);
    return (
      STAR_CALLABLE_BUILTINS.has(name) &&
      !scope.locals?.has(name) &&
      !scope.cells?.has(name) &&
      !this.moduleAssigned.has(name) &&
      fromImportedName(this, callee, scope) === undefined
    );
  }

  /** `zip(*rows)`, `max(*xs)`, `map(f, *lists)`: the builtin called with the tuple's items. */
  builtinStarCall(
    callee: SyntaxNode,
    leading: SyntaxNode[],
    sequence: SyntaxNode,
    scope: Scope,
  ): Expression {
    const m = this.m;
    const heap = m.heap;
    const name = this.text(callee);
    const fn = builtin(name)!;
    const tuple = starArgumentTuple(this, callee, leading, sequence, scope);
    return (frame) => {
      const t = tuple(frame);
      try {
        return callBuiltin(m, name, fn, heap.referents(t));
      } catch (error) {
        throw pythonErrorOf(error);
      } finally {
        heap.decref(t);
      }
    };
  }

  call(node: SyntaxNode, scope: Scope): Expression {
    const [callee, argList] = this.kids(node);
    const star = this.kids(argList!).filter((k) => !['(', ')', ','].includes(k.name));
    if (star[star.length - 2]?.name === '*' && star.filter((k) => k.name === '*').length === 1) {
      if (this.isBuiltinPrint(callee!, scope)) {
        // print(a, *xs): the argument tuple (CALL_FUNCTION_EX), printed, then released.
        const tuple = starArgumentTuple(
          this,
          callee!,
          star.slice(0, -2),
          star[star.length - 1]!,
          scope,
        );
        const heap = this.m.heap;
        return (frame) => {
          const t = tuple(frame);
          try {
            this.m.out.push(this.printedText(heap.referents(t), ' ', '\n'));
          } catch (error) {
            throw pythonErrorOf(error);
          } finally {
            heap.decref(t);
          }
          return heap.newNone();
        };
      }
      if (this.isStarCallableBuiltin(callee!, scope))
        return this.builtinStarCall(callee!, star.slice(0, -2), star[star.length - 1]!, scope);
      return compileStarCall(this, callee!, star.slice(0, -2), star[star.length - 1]!, scope);
    }
    if (
      star[star.length - 2]?.name === '**' &&
      star.every((k) => k.name !== '*' && k.name !== 'AssignOp') &&
      star.filter((k) => k.name === '**').length === 1
    )
      return compileKeywordsCall(this, callee!, star.slice(0, -2), star[star.length - 1]!, scope);
    if (
      star.length === 4 &&
      star[0]!.name === '*' &&
      star[2]!.name === '**' &&
      star.every((k) => k.name !== 'AssignOp')
    )
      return compileKeywordsCall(this, callee!, [], star[3]!, scope, star[1]!);
    if (
      star[0]?.name === '*' &&
      star.length >= 5 &&
      star.filter((k) => k.name === '*').length === 1
    ) {
      const keywords: [string, SyntaxNode][] = [];
      for (let i = 2; i + 2 < star.length; i += 3)
        if (star[i]?.name === 'VariableName' && star[i + 1]?.name === 'AssignOp' && star[i + 2])
          keywords.push([this.text(star[i]!), star[i + 2]!]);
      if (keywords.length * 3 === star.length - 2) {
        if (this.isBuiltinPrint(callee!, scope))
          return this.printStarWithKeywords(star[1]!, keywords, scope, node);
        return compileKeywordsCall(this, callee!, [], keywords, scope, star[1]!);
      }
    }
    let { positional, keywords } = this.arguments(argList!, scope);
    const heap = this.m.heap;
    const m = this.m;
    const calleeParts = this.kids(callee!);
    if (
      callee!.name === 'CallExpression' ||
      callee!.name === 'ParenthesizedExpression' ||
      (callee!.name === 'MemberExpression' && calleeParts[1]?.name === '[')
    )
      return this.callFunction(
        this.expression(callee!, scope),
        [...positional, ...keywords.map(([, v]) => v)].map((p) => this.expression(p, scope)),
        keywords.map(([k]) => k),
        borrowSite(this, node, [...positional, ...keywords.map(([, v]) => v)], scope),
      );
    if (callee!.name === 'MemberExpression') {
      const parts = this.kids(callee!);
      if (parts[1]?.name !== '.') throw this.fail('calling this expression', callee!);
      const method = this.text(parts[2]!);
      const receiverNode = parts[0]!;
      if (
        receiverNode.name === 'VariableName' &&
        libraryModules().has(this.text(receiverNode)) &&
        this.isImportedModule(this.text(receiverNode))
      )
        return moduleCall(this, this.text(receiverNode), method, positional, keywords, scope, node);
      if (isDictFromKeys(this, receiverNode, method, scope))
        return dictFromKeysCall(this, positional, keywords, scope, node);
      if (method === 'cache_info' && positional.length === 0 && isPrintArgument(this, node))
        return printedCacheInfo(this, receiverNode, scope);
      if (keywords.length > 0)
        return methodCallWithKeywords(this, receiverNode, method, positional, keywords, scope);
      const args = positional.map((p) => this.expression(p, scope));
      if (
        receiverNode.name === 'VariableName' &&
        this.text(receiverNode) === 'sys' &&
        this.moduleAssigned.has('sys')
      ) {
        if (scope.locals?.has('sys')) throw this.fail("a local named 'sys'", receiverNode);
        return this.sysCall(method, args, node, scope);
      }
      if (
        receiverNode.name === 'VariableName' &&
        this.text(receiverNode) === 'gc' &&
        this.moduleAssigned.has('gc')
      ) {
        if (scope.locals?.has('gc')) throw this.fail("a local named 'gc'", receiverNode);
        return this.gcCall(method, args, node);
      }
      if (isZeroArgumentSuper(this, receiverNode))
        return superMethodCall(this, receiverNode, method, args, scope);
      const receiver = this.expression(receiverNode, scope);
      const site = newCallSite();
      const borrow = borrowSite(this, node, positional, scope, receiverNode);
      const lookupLocation = this.locate(callee!);
      return (frame) => {
        const r = receiver(frame);
        const rt = heap.typeOf(r);
        if (rt === 'instance' || rt === 'type')
          return methodCall(m, r, method, args, frame, site, borrow, lookupLocation);
        const values: ObjectHandle[] = [];
        try {
          // LOAD_ATTR / LOAD_METHOD fails before the arguments are evaluated (3.11+
          // carets under `x.name`, not the call).
          if (builtinLacks(m, r, method)) {
            const error = builtinAttributeError(m, r, method);
            error.location = lookupLocation;
            throw error;
          }
          for (const a of args) values.push(a(frame));
          if (heap.typeOf(r) === 'generator') return generatorMethod(m, r, method, values);
          return callMethod(m, r, method, values);
        } catch (error) {
          throw pythonErrorOf(error);
        } finally {
          m.releaseArguments(values);
          heap.decref(r);
        }
      };
    }
    if (callee!.name !== 'VariableName') throw this.fail('calling this expression', callee!);
    const name = this.text(callee!);
    const imported = fromImportedName(this, callee!, scope);
    if (imported !== undefined) {
      const { module, attribute } = imported;
      if (module === 'sys') {
        if (keywords.length > 0) throw this.fail(`keyword arguments to sys.${attribute}()`, node);
        const args = positional.map((p) => this.expression(p, scope));
        return boundAlias(m, imported, this.sysCall(attribute, args, node, scope));
      }
      return boundAlias(
        m,
        imported,
        moduleCall(this, module, attribute, positional, keywords, scope, node),
      );
    }
    if (scope.locals?.has(name) || scope.cells?.has(name) || this.moduleAssigned.has(name)) {
      return callValue(
        this,
        // A NameError of the callee marks the name (3.11+ carets).
        this.load(callee!, scope, this.locate(callee!)),
        [...positional, ...keywords.map(([, v]) => v)].map((p) => this.expression(p, scope)),
        keywords.map(([k]) => k),
        borrowSite(this, node, [...positional, ...keywords.map(([, v]) => v)], scope),
      );
    }
    if (name === 'print') return this.print(positional, keywords, scope, node);
    if (isExceptionClassName(this, name, scope)) {
      if (keywords.length > 0) throw this.fail(`keyword arguments to ${name}()`, node);
      const args = positional.map((p) => this.expression(p, scope));
      return this.located(exceptionCall(this, name, args, node), node);
    }
    if (name === 'sorted' && keywords.length > 0)
      return sortedCall(this, positional, keywords, scope, node);
    if (name === 'dict' && keywords.length > 0)
      return this.located(dictKeywordsCall(this, positional, keywords, scope, node), node);
    if ((name === 'min' || name === 'max') && keywords.length > 0)
      return minMaxCall(this, name, positional, keywords, scope, node);
    // enumerate(x, start=n): the keyword is the second parameter (enum_new_impl).
    if (
      name === 'enumerate' &&
      positional.length === 1 &&
      keywords.length === 1 &&
      keywords[0]![0] === 'start'
    ) {
      positional = [...positional, keywords[0]![1]];
      keywords = [];
    }
    if (name === 'zip' && keywords.length === 1 && keywords[0]![0] === 'strict')
      return zipStrictCall(this, positional, keywords[0]![1], scope, node);
    if (keywords.length > 0) throw this.fail(`keyword arguments to ${name}()`, node);
    if (name === 'isinstance') return this.isinstance(positional, scope, node);
    if (name === 'issubclass') return this.issubclass(positional, scope, node);
    if (ATTRIBUTE_BUILTIN_NAMES.has(name)) {
      const args = positional.map((p) => this.expression(p, scope));
      return (frame) => {
        const values: ObjectHandle[] = [];
        try {
          for (const a of args) values.push(a(frame));
          return attributeBuiltin(m, name, values);
        } catch (error) {
          throw pythonErrorOf(error);
        } finally {
          m.releaseArguments(values);
        }
      };
    }
    if (name === 'type') return this.typeCall(positional, scope, node);
    const fn = generatorBuiltin(name) ?? builtin(name);
    if (fn === undefined) {
      const load = this.load(callee!, scope, this.locate(callee!));
      return this.callFunction(
        load,
        positional.map((p) => this.expression(p, scope)),
        [],
        borrowSite(this, node, positional, scope),
      );
    }
    const args = positional.map((p) => this.expression(p, scope));
    return (frame) => {
      const values: ObjectHandle[] = [];
      try {
        for (const a of args) values.push(a(frame));
        return callBuiltin(m, name, fn, values);
      } catch (error) {
        throw pythonErrorOf(error);
      } finally {
        m.releaseArguments(values);
      }
    };
  }

  sysCall(method: string, args: Expression[], node: SyntaxNode, scope: Scope): Expression {
    const m = this.m;
    const heap = m.heap;
    if (SYS_EXTRA_FUNCTIONS.has(method)) return sysExtraCall(this, method, args, node);
    if (method !== 'getsizeof' && method !== 'getrefcount') throw this.fail(`sys.${method}`, node);
    if (args.length !== 1) throw this.fail(`sys.${method} with other than one argument`, node);

    const arg = args[0]!;
    const fn = method === 'getsizeof' ? sysGetsizeof : sysGetrefcount;
    // 3.14 loads an inlined comprehension's variables as borrowed references too, and a
    // generator does not count its function (measured on Pyodide 3.14.2): refused.
    let inComprehension = false;
    for (let n = node.parent; n !== null; n = n.parent)
      if (/Comprehension/.test(n.name)) inComprehension = true;
    const refuse314 = method === 'getrefcount' && m.rules.borrowedLocalLoads;
    const argNode = this.kids(this.kids(node).find((k) => k.name === 'ArgList')!).filter(
      (k) => !['(', ')', ','].includes(k.name),
    )[0]!;
    const borrow = refuse314 ? borrowSite(this, node, [argNode], scope) : undefined;
    return (frame) => {
      if (!m.modules.has('sys')) throw nameError(m, 'sys');
      if (refuse314 && inComprehension)
        throw new Unsupported('sys.getrefcount inside a comprehension on 3.14 (borrowed loads)');
      const v = arg(frame);
      try {
        if (fn === sysGetrefcount) {
          refuseOpaque(m, 'refcount');
          if (borrow !== undefined)
            return sysGetrefcount(
              m,
              v,
              m.borrows!.borrowedCount(m, v, borrow, frame, borrow.args[0]!),
            );
        }
        return fn(m, v);
      } catch (error) {
        throw pythonErrorOf(error);
      } finally {
        heap.decref(v);
      }
    };
  }

  gcCall(method: string, args: Expression[], node: SyntaxNode): Expression {
    if (!GC_FUNCTIONS.has(method)) throw this.fail(`gc.${method}`, node);
    const m = this.m;
    const state = m.gc!;
    const discarded = node.parent?.name === 'ExpressionStatement';
    return (frame) => {
      if (!m.modules.has('gc')) throw nameError(m, 'gc');
      const values: ObjectHandle[] = [];
      try {
        for (const a of args) values.push(a(frame));
        if (method === 'collect') refuseOpaque(m, 'collect');
        if (method === 'collect') refuseCollectAfterWeakrefImport(m, discarded);
        const result = gcCall(m, state, method, values);
        rethrowFinalizerError(m);
        rethrowCallbackError(m);
        return result;
      } catch (error) {
        throw pythonErrorOf(error);
      } finally {
        m.releaseArguments(values);
      }
    };
  }

  print(
    positional: SyntaxNode[],
    keywords: [string, SyntaxNode][],
    scope: Scope,
    node: SyntaxNode,
  ): Expression {
    const { sep, end } = this.printKeywords(keywords, node);
    const args = positional.map((p) => this.expression(p, scope));
    const m = this.m;
    const heap = m.heap;
    return (frame) => {
      const values: ObjectHandle[] = [];
      try {
        for (const a of args) values.push(a(frame));
        m.out.push(this.printedText(values, sep, end));
      } catch (error) {
        throw pythonErrorOf(error);
      } finally {
        m.releaseArguments(values);
      }
      return heap.newNone();
    };
  }

  /**
   * `print(*xs, sep=…, end=…)` (CALL_FUNCTION_EX 1): `xs`, the keywords' dict
   * (keywordsDict), `xs` as a tuple once the dict is made, then PyVectorcall_Call's
   * kwnames tuple of the dict's keys for the vectorcall; after the write the kwnames
   * tuple, then the argument tuple and the dict are released (as compileKeywordsCall
   * does for a function). `sep` and `end` must be str constants, as for print().
   */
  printStarWithKeywords(
    sequence: SyntaxNode,
    keywords: [string, SyntaxNode][],
    scope: Scope,
    node: SyntaxNode,
  ): Expression {
    const { sep, end } = this.printKeywords(keywords, node);
    const m = this.m;
    const heap = m.heap;
    const value = this.expression(sequence, scope);
    const mapping = keywordsDict(this, keywords, scope);
    return (frame) => {
      let tuple = value(frame);
      let kwargs = 0;
      let kwnames = 0;
      try {
        kwargs = mapping(frame);
        const t = heap.typeOf(tuple);
        if (t === 'list') {
          const list = tuple;
          tuple = heap.newTuple(heap.referents(list));
          heap.decref(list);
        } else if (t !== 'tuple')
          throw new Unsupported(`unpacking a ${heap.typeNameOf(tuple)} into a call`);
        kwnames = heap.newTuple(heap.referents(kwargs).filter((_, i) => i % 2 === 0));
        m.out.push(this.printedText(heap.referents(tuple), sep, end));
      } catch (error) {
        throw pythonErrorOf(error);
      } finally {
        if (kwnames !== 0) heap.decref(kwnames);
        heap.decref(tuple);
        if (kwargs !== 0) heap.decref(kwargs);
      }
      return heap.newNone();
    };
  }

  /** print()'s `sep` and `end`: str constants (other keywords or values refused). */
  printKeywords(keywords: [string, SyntaxNode][], node: SyntaxNode): { sep: string; end: string } {
    let sep = ' ';
    let end = '\n';
    for (const [key, valueNode] of keywords) {
      const c = this.constant(valueNode);
      if ((key !== 'sep' && key !== 'end') || c === undefined || c.kind !== 'str')
        throw this.fail(`print(${key}=…) other than a str constant sep or end`, node);
      if (key === 'sep') sep = c.value;
      else end = c.value;
    }
    return { sep, end };
  }

  /** What print() writes for `values` (each one's str, an instance's by its `__str__`). */
  printedText(values: readonly ObjectHandle[], sep: string, end: string): string {
    const m = this.m;
    const heap = m.heap;
    return (
      values
        .map((v) =>
          heap.typeOf(v) === 'instance' ? instanceText(m, v, false, true) : strText(heap, v),
        )
        .join(sep) + end
    );
  }

  /** True when `callee` is the name `print` bound to the builtin (nothing shadows it). */
  isBuiltinPrint(callee: SyntaxNode, scope: Scope): boolean {
    if (callee.name !== 'VariableName' || this.text(callee) !== 'print') return false;
    return !(
      scope.locals?.has('print') ||
      scope.cells?.has('print') ||
      this.moduleAssigned.has('print') ||
      this.fromImports.has('print')
    );
  }

  /**
   * `issubclass(C, B)` / `issubclass(C, (B, …))` of the program's classes, builtin types
   * (`int`, `list`, …, `object`) and builtin exception classes: B is on C's MRO
   * (PyObject_IsSubclass's recursive_issubclass; every one of these is an exact type, so
   * no `__subclasscheck__` runs). A builtin is named, not evaluated (LOAD_GLOBAL makes
   * nothing); a tuple of classes is made before the call and freed after it.
   */
  issubclass(positional: SyntaxNode[], scope: Scope, node: SyntaxNode): Expression {
    if (positional.length !== 2)
      throw this.fail('issubclass() with other than two arguments', node);
    const heap = this.m.heap;
    const m = this.m;
    const typeNode = positional[1]!;
    const classNodes =
      typeNode.name === 'TupleExpression'
        ? this.kids(typeNode).filter((k) => !['(', ')', ','].includes(k.name))
        : [typeNode];
    // Each class: a builtin's name, or the expression of a program's class.
    const operand = (n: SyntaxNode): string | Expression => {
      const text = this.text(n);
      if (n.name === 'VariableName' && this.moduleAssigned.has(text))
        return this.expression(n, scope);
      if (n.name === 'VariableName' && isExceptionClassName(this, text, scope)) return text;
      if (
        n.name === 'VariableName' &&
        (TYPE_NAMES.has(text) || text === 'object') &&
        !scope.locals?.has(text)
      )
        return text;
      throw this.fail("issubclass() of a class other than the program's or a builtin", n);
    };
    const sub = operand(positional[0]!);
    const bases = classNodes.map(operand);
    const tupleForm = typeNode.name === 'TupleExpression';
    const programClass = (c: ObjectHandle): boolean =>
      heap.typeOf(c) === 'type' && classNames(m).has(c);
    return (frame) => {
      const c = typeof sub === 'string' ? 0 : sub(frame);
      const candidates: ObjectHandle[] = [];
      try {
        for (const b of bases) candidates.push(typeof b === 'string' ? 0 : b(frame));
        if (![c, ...candidates].every((k) => k === 0 || programClass(k)))
          throw new Unsupported("issubclass() of a class other than the program's");
        // C's MRO: its program classes, then the builtin classes they derive from.
        const mro: (ObjectHandle | string)[] =
          typeof sub === 'string' ? builtinMro(sub) : classMro(m, c);
        if (typeof sub !== 'string') {
          const builtin = exceptionBaseOf(m, c);
          mro.push(...(builtin === null ? ['object'] : builtinMro(builtin)));
        }
        const result = bases.some((b, i) =>
          mro.includes(typeof b === 'string' ? b : candidates[i]!),
        );
        if (tupleForm) classTupleMadeAndFreed(heap, bases, candidates);
        return heap.newBool(result);
      } finally {
        for (const b of candidates) if (b !== 0) heap.decref(b);
        if (c !== 0) heap.decref(c);
      }
    };
  }

  /**
   * `isinstance(x, C)` / `isinstance(x, (C, …))`, each C a builtin type, a builtin
   * exception class or one of the program's classes. A tuple is made (BUILD_TUPLE)
   * after `x` and the classes, and freed after the call.
   */
  isinstance(positional: SyntaxNode[], scope: Scope, node: SyntaxNode): Expression {
    if (positional.length !== 2)
      throw this.fail('isinstance() with other than two arguments', node);
    const typeNode = positional[1]!;
    const names =
      typeNode.name === 'TupleExpression'
        ? this.kids(typeNode).filter((k) => !['(', ')', ','].includes(k.name))
        : [typeNode];
    const m = this.m;
    const heap = m.heap;
    // Each class: a builtin's name, or the expression of a program's class.
    const classes = names.map((n): string | Expression => {
      const text = this.text(n);
      if (n.name === 'VariableName' && this.moduleAssigned.has(text))
        return this.expression(n, scope);
      if (n.name === 'VariableName' && isExceptionClassName(this, text, scope)) return text;
      if (n.name !== 'VariableName' || !TYPE_NAMES.has(text))
        throw this.fail('isinstance() with a type other than a builtin one', n);
      return text;
    });
    const value = this.expression(positional[0]!, scope);
    // An exception class matches an exception object of it or of a subclass.
    const matches = (v: ObjectHandle, t: string): boolean =>
      EXCEPTION_CLASSES.has(t)
        ? heap.typeOf(v) === 'exception' && isSubclass(builtinExceptionClass(heap, v), t)
        : isInstance(heap, v, t);
    const tupleForm = typeNode.name === 'TupleExpression';
    return (frame) => {
      const v = value(frame);
      const cs: ObjectHandle[] = [];
      try {
        for (const c of classes) cs.push(typeof c === 'string' ? 0 : c(frame));
        const result = classes.some((c, i) =>
          typeof c === 'string' ? matches(v, c) : isInstanceOfClass(m, v, cs[i]!),
        );
        if (tupleForm) classTupleMadeAndFreed(heap, classes, cs);
        return heap.newBool(result);
      } finally {
        for (const c of cs) if (c !== 0) heap.decref(c);
        heap.decref(v);
      }
    };
  }

  /**
   * Calls a Python function. The caller evaluates the callee and the arguments; the
   * frame gets the arguments (3.8–3.10: new references, the caller releases its own
   * after the call; 3.11+: the caller's references move into the frame) and the
   * defaults it lacks; the locals are cleared in slot order when the call ends.
   */
  callFunction(
    callee: Expression,
    args: Expression[],
    keywords: readonly string[] = [],
    borrow?: BorrowSite,
  ): Expression {
    const m = this.m;
    const heap = m.heap;
    const moves = m.rules.callFrameTakesArguments;
    const keywordKeys = keywords.map((k) => this.pool.handle({ kind: 'str', value: k }));
    return (frame) => {
      const f = callee(frame);
      const values: ObjectHandle[] = [];
      let moved = false;
      try {
        for (const a of args) values.push(a(frame));
        if (heap.typeOf(f) === 'weakref' && keywords.length === 0)
          return weakrefReferent(m, f, values);
        if (heap.typeOf(f) === 'partial' && keywords.length === 0) {
          moved = true;
          try {
            return partialCall(m, f, values);
          } finally {
            releaseLibraryArguments(m, values);
          }
        }
        if (heap.typeOf(f) === 'namedtuple_type') return namedTupleCall(m, f, values, keywords);
        if (heap.typeOf(f) === 'itemgetter' || heap.typeOf(f) === 'attrgetter') {
          if (keywords.length > 0)
            throw new PythonError('TypeError', `${heap.typeOf(f)}() takes no keyword arguments`);
          return getterCall(m, f, values);
        }
        if (heap.typeOf(f) === '_lru_cache_wrapper') {
          if (keywords.length > 0)
            throw new Unsupported('keyword arguments to an lru_cache wrapper');
          moved = true;
          try {
            return lruCacheCall(m, f, values);
          } finally {
            releaseLibraryArguments(m, values);
          }
        }
        if (heap.typeOf(f) === 'builtin_type' || heap.typeOf(f) === 'builtin_function_or_method') {
          // A builtin held in a name (`t = type(x); t(y)`): called as the name would call it.
          if (keywords.length > 0)
            throw new Unsupported('keyword arguments to a builtin held in a name');
          const name = heap.builtinName(f);
          if (EXCEPTION_CLASSES.has(name)) return newBuiltinException(m, name, values);
          return callBuiltinValue(m, f, values);
        }
        if (heap.typeOf(f) !== 'function')
          throw notCallable(heap.typeOf(f), heap.typeNameOf(f), 'held in a name');
        const code = m.functions.get(f);
        // A function the library made (lru_cache's cache_parameters): not modelled.
        if (code === undefined) throw new Unsupported('calling a function the library made');
        const callee = bindArguments(m, f, code, values, keywords, keywordKeys, moves);
        moved = moves;
        if (code.makeGenerator !== undefined) {
          // A generator function's call: the generator takes the frame's values.
          const g = code.makeGenerator(callee.locals, f);
          for (const v of callee.locals) if (v !== 0) heap.decref(v);
          return g;
        }
        return runCall(
          m,
          code,
          callee,
          f,
          borrow === undefined
            ? undefined
            : {
                site: borrow,
                caller: frame,
                argSlots: argumentSlots(code, args.length - keywords.length, keywords),
              },
        );
      } finally {
        // 3.11+: the frame's f_funcobj, released once the frame is cleared (or unwound).
        if (!moved) m.releaseArguments(values);
        heap.decref(f);
      }
    };
  }
}

/**
 * FORMAT_VALUE without a spec: a str stays itself, an int or float becomes its text.
 * `joined`: the f-string has other parts, so the piece only lives until BUILD_STRING.
 */
function formatValue(m: Machine, v: ObjectHandle, repr: boolean, joined: boolean): ObjectHandle {
  const heap = m.heap;
  const t = heap.typeOf(v);
  if (t === 'str' && !repr) return shared(heap, v);
  // object.__format__ with an empty spec is str(e) (an exception's one str arg itself).
  if (t === 'exception' && !repr) return builtin('str')!(m, [v]);
  const container = containerText(heap, v, repr);
  if (container !== undefined) return container;
  // None and bools: a new str on 3.8–3.11 ('None'), a cached or immortal one elsewhere —
  // only its text survives BUILD_STRING, so it is taken where other parts are joined.
  if ((t === 'NoneType' || t === 'bool') && joined) return heap.newStr(reprText(heap, v));
  if (t !== 'str' && t !== 'int' && t !== 'float' && t !== 'exception')
    throw new Unsupported(`formatting a ${heap.typeNameOf(v)} in an f-string`);
  const text = repr ? reprText(heap, v) : strText(heap, v);
  // FORMAT_VALUE: PyObject_Str / PyObject_Repr, a fresh str even of one character.
  if ([...text].length === 1) return heap.newFreshStr(text);
  return heap.newStr(text);
}

function describeNode(name: string): string {
  const names: Record<string, string> = {
    LambdaExpression: 'a lambda',
    ArrayComprehensionExpression: 'a list comprehension',
    DictionaryComprehensionExpression: 'a dict comprehension',
    SetComprehensionExpression: 'a set comprehension',
    ComprehensionExpression: 'a generator expression',
    FormatString: 'an f-string',
    AwaitExpression: 'await',
    YieldExpression: 'yield',
    NamedExpression: 'the walrus operator',
    Ellipsis: 'the Ellipsis',
  };
  return names[name] ?? `the expression ${name}`;
}

/**
 * Iterators an unpacking assignment steps with the heap's own `next` (no Python code
 * runs): `a, b = zip(*pairs)`.
 */
const UNPACKED_ITERATORS = new Set([
  'zip',
  'enumerate',
  'reversed',
  'list_reverseiterator',
  'list_iterator',
  'tuple_iterator',
  'range_iterator',
  'product',
  'combinations',
  'permutations',
  'zip_longest',
  'chain',
  'islice',
]);

/** Builtins {@link Compiler.builtinStarCall} calls with `*` (see there). */
const STAR_CALLABLE_BUILTINS = new Set(['zip', 'map', 'max', 'min']);

function isCompareNode(compiler: Compiler, node: SyntaxNode): boolean {
  void compiler;
  for (let c = node.firstChild; c !== null; c = c.nextSibling)
    if (
      c.name === 'CompareOp' ||
      c.name === 'is' ||
      c.name === 'in' ||
      (c.name === 'not' && c.nextSibling?.name === 'in')
    )
      return true;
  return false;
}

function evaluateAll(heap: Machine['heap'], exprs: Expression[], frame: Frame): ObjectHandle[] {
  const values: ObjectHandle[] = [];
  try {
    for (const e of exprs) values.push(e(frame));
  } catch (error) {
    for (const v of values) heap.decref(v);
    throw error;
  }
  return values;
}

/** The comparison `op` of two plain ints (Heap.plainInt), or null for `is`, `in` and the rest. */
function intComparison(op: string): ((x: bigint, y: bigint) => boolean) | null {
  switch (op) {
    case '<':
      return (x, y) => x < y;
    case '<=':
      return (x, y) => x <= y;
    case '>':
      return (x, y) => x > y;
    case '>=':
      return (x, y) => x >= y;
    case '==':
      return (x, y) => x === y;
    case '!=':
      return (x, y) => x !== y;
    default:
      return null;
  }
}

/** `x op y` for a comparison operator (`in`, `is` and the rich comparisons): its truth. */
export function compare(m: Machine, op: string, x: ObjectHandle, y: ObjectHandle): boolean {
  const heap = m.heap;
  if ((op === 'in' || op === 'not in') && heap.typeOf(y) === 'instance')
    return instanceContains(m, y, x) === (op === 'in');
  if (
    op !== 'is' &&
    op !== 'is not' &&
    op !== 'in' &&
    op !== 'not in' &&
    (heap.typeOf(x) === 'instance' || heap.typeOf(y) === 'instance')
  )
    return instanceCompare(m, op, x, y);
  switch (op) {
    case 'is':
    case 'is not':
      refuseLatin1Identity(m, x, y);
      return op === 'is' ? x === y : x !== y;
    case '==':
      return equal(heap, x, y);
    case '!=':
      return !equal(heap, x, y);
    case 'in':
    case 'not in': {
      let found: boolean;
      try {
        found = contains(heap, y, x);
      } catch (error) {
        throw pythonErrorOf(error);
      }
      return op === 'in' ? found : !found;
    }
  }
  // Counter's rich comparisons (3.10+ multiset inclusion) are Python code: not modelled.
  if (heap.typeOf(x) === 'Counter' || heap.typeOf(y) === 'Counter')
    throw new Unsupported(`comparing a Counter with ${op}`);
  if (isSetLike(heap, x) && isSetLike(heap, y)) return setCompare(heap, op, x, y);
  const r = order(heap, x, y);
  if (r === undefined)
    throw new PythonError(
      'TypeError',
      `'${op}' not supported between instances of '${heap.typeNameOf(x)}' and '${heap.typeNameOf(y)}'`,
    );
  switch (op) {
    case '<':
      return r < 0;
    case '<=':
      return r <= 0;
    case '>':
      return r > 0;
    default:
      return r >= 0;
  }
}

/**
 * 3.11 and 3.12 intern a one-character str constant to whichever equal str was
 * interned first — often a deep-frozen module's copy, not the latin-1 singleton that
 * indexing returns (measured: `'hello'[0] is 'h'` is False on 3.11.7, `'hello'[1:2] is
 * 'e'` on 3.11.7 and 3.12.1; both True on 3.8–3.10 and 3.13.0). Which characters alias is not known to the model: refused.
 */
function refuseLatin1Identity(m: Machine, x: ObjectHandle, y: ObjectHandle): void {
  if (!m.rules.latin1ConstantsMayAlias) return;
  const heap = m.heap;
  for (const o of [x, y])
    if (heap.typeOf(o) === 'str' && heap.isSingleton(o) && heap.lengthOf(o) === 1)
      throw new Unsupported('`is` on a one-character str on 3.11/3.12');
}

/**
 * True when a `while` test is a constant CPython folds to true (`while True`, `while 1`):
 * the body's end is an unconditional JUMP_BACKWARD, not a test and a conditional jump.
 */
export function loopTestAlwaysTrue(c: Compiler, test: SyntaxNode): boolean {
  const k = c.constant(test);
  if (k === undefined) return false;
  switch (k.kind) {
    case 'int':
      return k.value !== 0n;
    case 'float':
      return k.value !== 0;
    case 'str':
    case 'bytes':
      return k.value !== '';
    case 'bool':
      return k.value;
    case 'none':
      return false;
    default:
      return k.items.length > 0;
  }
}

/** `x op= y`: lists extend in place (list_inplace_concat); everything else is `x op y`. */
export function inplace(
  m: Machine,
  op: ArithmeticOperator,
  x: ObjectHandle,
  y: ObjectHandle,
): ObjectHandle {
  const heap = m.heap;
  if (op === '+' && heap.typeOf(x) === 'list') {
    const t = heap.typeOf(y);
    if (t !== 'list' && t !== 'tuple') throw new Unsupported(`list += a ${heap.typeNameOf(y)}`);
    heap.listExtend(x, y);
    return shared(heap, x);
  }
  if (op === '*' && heap.typeOf(x) === 'list') return listInplaceRepeat(heap, x, y);
  // 3.8–3.10: unicode_concatenate would grow a str nothing else holds (a property's
  // fresh result, say); an attribute's or item's str is held by its container.
  if (
    op === '+' &&
    m.rules.unicodeConcatenate &&
    heap.typeOf(x) === 'str' &&
    heap.typeOf(y) === 'str' &&
    heap.strModifiable(x)
  )
    throw new Unsupported('str += … on a str nothing else holds (grown in place)');
  return binaryArithmetic(m, op, x, y, `${op}=`);
}

function setItem(m: Machine, c: ObjectHandle, k: ObjectHandle, v: ObjectHandle): void {
  const heap = m.heap;
  const t = heap.typeOf(c);
  try {
    if (t === 'instance') {
      instanceSetItem(m, c, k, v);
      return;
    }
    if (t === 'list') {
      const kt = heap.typeOf(k);
      if (kt !== 'int' && kt !== 'bool')
        throw new PythonError(
          'TypeError',
          `list indices must be integers or slices, not ${heap.typeNameOf(k)}`,
        );
      const n = heap.lengthOf(c);
      let i = Number(heap.valueOf(k) as bigint);
      if (i < 0) i += n;
      if (i < 0 || i >= n)
        throw new PythonError('IndexError', 'list assignment index out of range');
      heap.listSetItem(c, i, v);
    } else if (t === 'dict' || t === 'defaultdict' || t === 'Counter') heap.dictSetItem(c, k, v);
    else if (t === 'OrderedDict') odictSetItem(heap, c, k, v);
    else throw new Unsupported(`item assignment on a ${heap.typeNameOf(c)}`);
  } catch (error) {
    throw pythonErrorOf(error);
  }
}

/**
 * BUILD_TUPLE of an isinstance/issubclass call's classes, freed after the call: a
 * builtin is named in `classes` (its static type object), a program class is its
 * loaded value in `values` (borrowed).
 */
function classTupleMadeAndFreed(
  heap: Heap,
  classes: readonly (string | Expression)[],
  values: readonly ObjectHandle[],
): void {
  const items = classes.map((c, i) =>
    typeof c === 'string' ? heap.builtinObject(c, 'type') : values[i]!,
  );
  heap.decref(heap.newTuple(items));
  classes.forEach((c, i) => {
    if (typeof c === 'string') heap.decref(items[i]!);
  });
}

/** The MRO of builtin class `name` (a type of TYPE_NAMES, `object` or an exception class). */
function builtinMro(name: string): string[] {
  if (EXCEPTION_CLASSES.has(name)) return [...builtinBaseChain(name), 'object'];
  if (name === 'object') return ['object'];
  return name === 'bool' ? ['bool', 'int', 'object'] : [name, 'object'];
}

/**
 * NameError for a global or builtin `name` (3.10+ store the name in it), with the
 * maker of its "Did you mean" hint when the load's scope has one (name-error-hints.ts).
 */
function nameError(
  m: Machine,
  name: string,
  hint?: ((frame: Frame, name: string) => () => string | null) | null,
  frame?: Frame,
): PythonError {
  const err = contextError(m, 'NameError', `name '${name}' is not defined`, name, 0);
  if (err.suggestible && hint != null && frame !== undefined) err.hint = hint(frame, name);
  return err;
}

/** True when every handle of `ks` is a str (a dict display's keys: a DICT_KEYS_UNICODE table). */
function allStrs(heap: Heap, ks: readonly ObjectHandle[]): boolean {
  for (let i = 0; i < ks.length; i++) if (heap.typeOf(ks[i]!) !== 'str') return false;
  return true;
}

/** `error` marked with `location` unless already marked (what {@link Compiler.located} does). */
function at(error: PythonError, location: ErrorLocation | undefined): PythonError {
  if (location !== undefined && error.location === undefined) error.location = location;
  return error;
}

/** UnboundLocalError for the local `name` (worded anew on 3.11; no name stored). */
function unboundLocal(m: Machine, name: string): PythonError {
  return new PythonError(
    'UnboundLocalError',
    m.minor >= 11
      ? `cannot access local variable '${name}' where it is not associated with a value`
      : `local variable '${name}' referenced before assignment`,
  );
}
