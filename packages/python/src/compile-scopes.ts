/**
 * Which scope each name of a program belongs to, decided once before compiling, the
 * way CPython's symbol table does (Python/symtable.c analyze_block, 3.8–3.13):
 *
 *   module ─┬─ function f ─┬─ function g        a name used in g is
 *           │              └─ comprehension     local  bound in g (assigned, a parameter, def, for, del)
 *           └─ lambda                           free   bound in an enclosing function (or nonlocal)
 *                                               global declared global, or bound nowhere enclosing
 *
 *   A function's local that a nested scope uses freely becomes a cell variable of
 *   that function; a function that does not bind a name its nested scope needs from
 *   further out gets it as a free variable too (passed through).
 *
 * Invariants: 1. cells ⊆ locals and frees ∩ locals = ∅ for every scope. 2. Every
 * free variable of a scope is a cell or a free variable of its parent (unless the
 * scope is inlined). 3. Module scopes have no cells and no frees.
 *
 * Comprehensions are scopes of their own; from 3.12 (PEP 709) they are inlined into
 * the enclosing scope: their free names are the parent's own names (no cell is made
 * for them), only their iteration variables stay hidden (compile-comprehensions.ts).
 * Generator expressions (a call's sole argument `f(x for x in xs)` included) are
 * never inlined: the enclosing locals they use are cells on every version.
 * A function inside an inlined comprehension that uses an iteration variable makes it
 * a hidden cell of the enclosing frame (inlinedComprehensionCells). Class scopes are
 * refused where compiled.
 */
import type { SyntaxNode } from '@lezer/common';
import { Unsupported } from './errors.ts';

/**
 * The kinds of scope the analysis knows: a generator expression is a comprehension
 * that is never inlined.
 */
export type ScopeKind = 'module' | 'function' | 'comprehension' | 'generator';

/** What the analysis found for one scope. */
export interface ScopeSymbols {
  /** The kind of scope. */
  readonly kind: ScopeKind;
  /** The syntax node that opens it (the Script for the module). */
  readonly node: SyntaxNode;
  /** Names bound in it and not declared global/nonlocal (parameters included). */
  readonly locals: Set<string>;
  /** Names declared `global`. */
  readonly globals: Set<string>;
  /** Names declared `nonlocal`. */
  readonly nonlocals: Set<string>;
  /** Names read or written in it (its nested scopes' own excluded). */
  readonly used: Set<string>;
  /** Its nested scopes. */
  readonly children: ScopeSymbols[];
  /** Locals that nested scopes use freely (co_cellvars). */
  readonly cells: Set<string>;
  /** Names taken from an enclosing function (co_freevars). */
  readonly frees: Set<string>;
}

/** What the analysis needs from the compiler. */
export interface ScopeSource {
  /** A node's children (comments left out). */
  kids(node: SyntaxNode): SyntaxNode[];
  /** A node's source text. */
  text(node: SyntaxNode): string;
  /** Adds the names a statement binds (assignments, for targets, def, del, import). */
  collectAssigned(node: SyntaxNode, into: Set<string>, top: boolean): void;
  /** The refusal of a construct at `node`. */
  fail(feature: string, node: SyntaxNode): Unsupported;
}

/** The key of a scope-opening node. */
export function scopeKey(node: SyntaxNode): string {
  return `${node.name}@${node.from}:${node.to}`;
}

const COMPREHENSIONS: ReadonlySet<string> = new Set([
  'ArrayComprehensionExpression',
  'SetComprehensionExpression',
  'DictionaryComprehensionExpression',
  'ComprehensionExpression',
]);

/** Whether a node is a comprehension (generator expressions included). */
export function isComprehension(node: SyntaxNode): boolean {
  return COMPREHENSIONS.has(node.name);
}

/**
 * Analyses a whole program: every scope by its key. `inlineComprehensions` is
 * PEP 709's (3.12+).
 * @throws Unsupported for a `nonlocal` with no enclosing binding (a SyntaxError)
 */
export function analyseScopes(
  source: ScopeSource,
  root: SyntaxNode,
  inlineComprehensions: boolean,
): Map<string, ScopeSymbols> {
  const all = new Map<string, ScopeSymbols>();
  const open = (kind: ScopeKind, node: SyntaxNode): ScopeSymbols => {
    const s: ScopeSymbols = {
      kind,
      node,
      locals: new Set(),
      globals: new Set(),
      nonlocals: new Set(),
      used: new Set(),
      children: [],
      cells: new Set(),
      frees: new Set(),
    };
    all.set(scopeKey(node), s);
    return s;
  };

  /** Visits `node`'s subtree as code of `scope` (nested scopes opened as children). */
  const visit = (node: SyntaxNode, scope: ScopeSymbols): void => {
    const kids = source.kids(node);
    switch (node.name) {
      case 'VariableName':
        scope.used.add(source.text(node));
        return;
      case 'ScopeStatement': {
        const into = node.firstChild?.name === 'global' ? scope.globals : scope.nonlocals;
        for (const k of kids) if (k.name === 'VariableName') into.add(source.text(k));
        return;
      }
      case 'ArgList':
        // `f(x for x in xs)`: the argument list is the generator expression.
        if (kids.some((k) => k.name === 'for')) break;
        for (let i = 0; i < kids.length; i++) {
          // A keyword argument's name is not a use.
          if (kids[i]!.name === 'VariableName' && kids[i + 1]?.name === 'AssignOp') continue;
          visit(kids[i]!, scope);
        }
        return;
      case 'FunctionDefinition':
      case 'LambdaExpression': {
        const params = kids.find((k) => k.name === 'ParamList');
        const child = open('function', node);
        scope.children.push(child);
        if (params !== undefined) {
          const items = source.kids(params);
          for (let i = 0; i < items.length; i++) {
            const k = items[i]!;
            if (k.name === 'VariableName' && items[i - 1]?.name !== 'AssignOp')
              child.locals.add(source.text(k));
            else if (k.name !== 'TypeDef') visit(k, scope);
          }
        }
        if (node.name === 'LambdaExpression') visit(kids[kids.length - 1]!, child);
        else {
          // A return annotation is evaluated where the def runs, from constants and
          // module or builtin names only (compile-annotations.ts): no scope of its own.
          const body = kids.find((k) => k.name === 'Body');
          if (body !== undefined) {
            for (const s of source.kids(body)) source.collectAssigned(s, child.locals, false);
            visit(body, child);
          }
        }
        return;
      }
    }
    if (isComprehension(node) || node.name === 'ArgList') {
      const generator = node.name === 'ComprehensionExpression' || node.name === 'ArgList';
      const child = open(generator ? 'generator' : 'comprehension', node);
      scope.children.push(child);
      child.locals.add('.0');
      let firstIterable = true;
      for (let i = 0; i < kids.length; i++) {
        const k = kids[i]!;
        if (k.name === 'for') {
          for (i++; i < kids.length && kids[i]!.name !== 'in'; i++)
            collectTargets(source, kids[i]!, child.locals);
          continue;
        }
        if (kids[i - 1]?.name === 'in' && firstIterable) {
          firstIterable = false;
          visit(k, scope);
          continue;
        }
        visit(k, child);
      }
      return;
    }
    for (const k of kids) visit(k, scope);
  };

  const module = open('module', root);
  visit(root, module);

  const resolve = (scope: ScopeSymbols, enclosing: ReadonlySet<string>): void => {
    for (const name of scope.globals) scope.locals.delete(name);
    for (const name of scope.nonlocals) {
      if (!enclosing.has(name)) throw new Unsupported(`nonlocal '${name}' with no binding`);
      scope.locals.delete(name);
      scope.frees.add(name);
    }
    for (const name of scope.used)
      if (!scope.locals.has(name) && !scope.globals.has(name) && enclosing.has(name))
        scope.frees.add(name);
    const inner =
      scope.kind === 'module' ? new Set<string>() : new Set([...enclosing, ...scope.locals]);
    for (const child of scope.children) {
      resolve(child, inner);
      const inlined = child.kind === 'comprehension' && inlineComprehensions;
      // An inlined comprehension's code is this scope's, but a scope nested in it
      // still needs a cell for what it takes from here.
      const nestedNeeds = new Set(child.children.flatMap((g) => [...g.frees]));
      for (const name of child.frees) {
        if (scope.locals.has(name)) {
          if (!inlined || nestedNeeds.has(name)) scope.cells.add(name);
        } else scope.frees.add(name);
      }
    }
  };
  resolve(module, new Set());
  return all;
}

/**
 * 3.12+: the iteration variables of the comprehensions inlined into `scope` (nested
 * ones included) that a function made inside them takes freely. Each is a hidden cell
 * of `scope`'s frame (MAKE_CELL at its start, and again each time the comprehension
 * runs: compile-comprehensions.ts), in the order the comprehensions appear.
 */
export function inlinedComprehensionCells(scope: ScopeSymbols): string[] {
  const names: string[] = [];
  const visit = (s: ScopeSymbols): void => {
    for (const child of s.children) {
      if (child.kind !== 'comprehension') continue;
      for (const name of child.cells) if (child.locals.has(name)) names.push(name);
      visit(child);
    }
  };
  visit(scope);
  return names;
}

/** The names a comprehension's `for` target binds. */
function collectTargets(source: ScopeSource, node: SyntaxNode, into: Set<string>): void {
  if (node.name === 'VariableName') into.add(source.text(node));
  else for (const k of source.kids(node)) collectTargets(source, k, into);
}
