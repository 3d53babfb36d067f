/**
 * Generator expressions, `(elt for x in xs if …)` and a call's sole argument
 * `sum(x for x in xs)`. On every version (3.8–3.13; PEP 709 inlined list, set and
 * dict comprehensions in 3.12, not generator expressions) CPython compiles one into
 * a nested generator function `<genexpr>` taking the outermost iterable's iterator:
 *
 *   MAKE_FUNCTION <genexpr>     a function object (3.8–3.10 with its qualname constant)
 *   <xs>; GET_ITER               the outermost iterable, in the enclosing scope
 *   CALL 1 (3.8–3.10) / 0        the generator: slot `.0` takes the iterator; 3.8–3.10
 *                                then release the function (it dies), 3.11+ keep it in
 *                                the generator's frame (f_funcobj) until the frame clears
 *
 * Its body is `for x in .0: [if …:] … yield elt`: the first loop pushes `.0` itself
 * (a second reference, in a hidden slot), inner loops their own iterators. Names of
 * the enclosing function's locals are free variables: cells of that function, whose
 * tuple (LOAD_CLOSURE, BUILD_TUPLE) the function object takes over before the outermost
 * iterable is evaluated; the generator's frame holds the cells after its own locals.
 * Models compiler_genexp / compiler_comprehension (Python/compile.c 3.8–3.13).
 */
import type { SyntaxNode } from '@lezer/common';
import type { ObjectHandle } from '@pymem/objects';
import { symbolsOf } from './compile-functions.ts';
import {
  type GeneratorSlots,
  generatorCode,
  startGenerator,
  takeHiddenSlot,
} from './compile-generators.ts';
import type { Compiler, Scope } from './compiler.ts';
import { type Expression, Flow, type Frame } from './frame.ts';
import {
  type GeneratorStep,
  getIterator,
  iteratorNext,
  storeGeneratorSlot,
} from './generator-runs.ts';
import { StackDepth } from './generator-stack-depth.ts';

type Clause =
  | { readonly kind: 'for'; readonly targets: SyntaxNode[]; readonly iterable: SyntaxNode }
  | { readonly kind: 'if'; readonly test: SyntaxNode };

/** True when a call's argument list is one bare generator expression (`f(x for x in y)`). */
export function isGeneratorArgument(c: Compiler, argList: SyntaxNode): boolean {
  return c.kids(argList).some((k) => k.name === 'for');
}

function clausesOf(c: Compiler, node: SyntaxNode): { elt: SyntaxNode; clauses: Clause[] } {
  const kids = c.kids(node).filter((k) => k.name !== '(' && k.name !== ')');
  const [elt, ...rest] = kids;
  if (elt === undefined) throw c.fail('this generator expression', node);
  const clauses: Clause[] = [];
  for (let i = 0; i < rest.length; ) {
    const k = rest[i]!;
    if (k.name === 'for') {
      const inAt = rest.findIndex((r, j) => j > i && r.name === 'in');
      if (inAt < 0 || rest[inAt + 1] === undefined) throw c.fail('this generator expression', k);
      clauses.push({ kind: 'for', targets: rest.slice(i + 1, inAt), iterable: rest[inAt + 1]! });
      i = inAt + 2;
    } else if (k.name === 'if' && rest[i + 1] !== undefined) {
      clauses.push({ kind: 'if', test: rest[i + 1]! });
      i += 2;
    } else
      throw c.fail(
        k.name === 'async' ? 'an async generator expression' : 'this generator expression',
        k,
      );
  }
  return { elt, clauses };
}

function names(c: Compiler, nodes: readonly SyntaxNode[], into: string[]): void {
  for (const n of nodes) {
    const cursor = n.cursor();
    const end = n.to;
    do {
      if (cursor.from >= end) break;
      if (cursor.name === 'VariableName') into.push(c.text(cursor.node));
    } while (cursor.next());
  }
}

/** An iterable: a display of constants is one constant tuple / frozenset (fold_iter). */
function iterableExpression(c: Compiler, node: SyntaxNode, scope: Scope): Expression {
  const folded = c.iterableConstant(node);
  return folded !== undefined ? c.constantExpression(folded) : c.expression(node, scope);
}

/** A generator expression (ComprehensionExpression, or a call's whole ArgList). */
export function generatorExpression(c: Compiler, node: SyntaxNode, scope: Scope): Expression {
  const { elt, clauses } = clausesOf(c, node);
  const first = clauses[0];
  if (first?.kind !== 'for') throw c.fail('this generator expression', node);
  if (c.m.lines !== null) throw c.fail('the line events (--steps) of a generator expression', node);
  const m = c.m;
  const heap = m.heap;
  const funcSlot = m.minor >= 11;
  const locals = new Map<string, number>([['.0', 0]]);
  if (funcSlot) locals.set('.func', 1);
  const targetNames: string[] = [];
  for (const clause of clauses) if (clause.kind === 'for') names(c, clause.targets, targetNames);
  for (const n of targetNames) if (!locals.has(n)) locals.set(n, locals.size);
  // Inside a function, the enclosing locals it uses are its free variables: cells of
  // the enclosing frame, passed in its closure (sorted by name, as co_freevars), and
  // kept in slots after its own locals.
  const symbols = scope.locals !== null ? symbolsOf(c, node) : undefined;
  const frees = symbols === undefined ? [] : [...symbols.frees].sort();
  const outerCells = frees.map((n) => {
    const slot = scope.cells?.get(n);
    if (slot === undefined)
      throw c.fail(`the free variable '${n}' of a generator expression`, node);
    return slot;
  });
  const freeSlots = new Map<string, number>();
  for (const n of frees) {
    freeSlots.set(n, locals.size);
    locals.set(n, locals.size);
  }
  const slots: GeneratorSlots = { base: locals.size, depth: 0, max: 0 };
  const inner: Scope = {
    name: '<genexpr>',
    locals,
    generator: slots,
    ...(frees.length > 0 && symbols !== undefined ? { cells: freeSlots, symbols } : {}),
  };
  const line = c.source.position(node.from).line;

  const build = (i: number): ((frame: Frame) => GeneratorStep) => {
    const clause = clauses[i];
    if (clause === undefined) {
      const value = c.expression(elt, inner);
      return function* (frame) {
        heap.decref(yield value(frame));
        return Flow.next;
      };
    }
    if (clause.kind === 'if') {
      const test = c.condition(clause.test, inner);
      const rest = build(i + 1);
      return function* (frame) {
        if (!test(frame)) return Flow.next;
        return yield* rest(frame);
      };
    }
    const target = c.targetOf(clause.targets, inner, node);
    const iterable = i === 0 ? null : iterableExpression(c, clause.iterable, inner);
    const slot = takeHiddenSlot(slots);
    const rest = build(i + 1);
    slots.depth--;
    return function* (frame) {
      let it: ObjectHandle;
      if (iterable === null) {
        it = frame.locals[0]!;
        heap.incref(it);
      } else it = getIterator(m, iterable(frame));
      storeGeneratorSlot(m, frame, slot, it);
      for (;;) {
        m.step();
        const item = iteratorNext(m, it);
        if (item === 0) break;
        target.store(frame, item);
        yield* rest(frame);
      }
      storeGeneratorSlot(m, frame, slot, 0);
      return Flow.next;
    };
  };
  const run = build(0);

  const sd = new StackDepth(c);
  const depthOf = (i: number): number | undefined => {
    const clause = clauses[i];
    if (clause === undefined) return sd.expression(elt);
    const rest = depthOf(i + 1);
    if (clause.kind === 'if') {
      const test = sd.condition(clause.test);
      return test === undefined || rest === undefined ? undefined : Math.max(test, rest);
    }
    const width = sd.targetWidth(clause.targets);
    if (width === undefined || rest === undefined) return undefined;
    const loop = 1 + Math.max(width, rest);
    if (i === 0) return loop;
    const source = sd.iterable(clause.iterable);
    return source === undefined ? undefined : Math.max(source, loop);
  };
  const depth = depthOf(0);
  if (depth === undefined)
    throw c.fail('this generator expression (its stack size is not modelled)', node);
  const body = generatorCode(
    c,
    '<genexpr>',
    slots,
    funcSlot ? 1 : -1,
    depth,
    run,
    node,
    frees.length,
  );
  const outer = iterableExpression(c, first.iterable, scope);
  const firstFree = freeSlots.size === 0 ? 0 : [...freeSlots.values()][0]!;
  return (frame) => {
    // BUILD_TUPLE of the cells (LOAD_CLOSURE), then MAKE_FUNCTION takes it over.
    const closure =
      outerCells.length === 0 ? 0 : heap.newTuple(outerCells.map((s) => frame.locals[s]!));
    const f = heap.newFunction(closure === 0 ? {} : { closure });
    if (closure !== 0) heap.decref(closure);
    let it: ObjectHandle;
    try {
      it = getIterator(m, outer(frame));
    } catch (error) {
      heap.decref(f);
      throw error;
    }
    // The frame's slots: `.0`, the function (3.11+), the targets (empty), then the
    // free variables' cells copied from the closure (COPY_FREE_VARS / frame setup).
    const args: ObjectHandle[] = funcSlot ? [it, f] : [it];
    if (closure !== 0) {
      while (args.length < firstFree) args.push(0);
      args.push(...outerCells.map((s) => frame.locals[s]!));
    }
    const g = startGenerator(c, body, args, line);
    heap.decref(it);
    heap.decref(f);
    return g;
  };
}
