/**
 * List, set and dict comprehensions, as each version runs them.
 *
 *   3.8–3.11  a function of its own (`<listcomp>`, `<setcomp>`, `<dictcomp>`):
 *             MAKE_FUNCTION (its closure tuple first when it uses the enclosing
 *             function's locals, which are then cells there), the first iterable
 *             evaluated and GET_ITER in the enclosing scope, then a call with that
 *             iterator as `.0`; in its frame BUILD_LIST 0 / BUILD_SET 0 / BUILD_MAP 0,
 *             FOR_ITER over `.0` with an append per item. The frame is cleared when it
 *             returns (`.0`, then the iteration variables, in slot order) and the
 *             function object is released: made and freed on every evaluation.
 *   3.12+     inlined (PEP 709, compile.c push_inlined_comprehension_state): the first
 *             iterable and GET_ITER, then each iteration variable's slot is saved and
 *             cleared (LOAD_FAST_AND_CLEAR), BUILD_x 0, the loop; when the iterator is
 *             exhausted FOR_ITER releases it, then the saved values are stored back,
 *             last variable first, which releases the last items.
 *
 * Every `for` after the first evaluates its iterable and GET_ITER inside the loop; the
 * iterator is released when it is exhausted. A dict comprehension evaluates the key,
 * then the value (3.8+ MAP_ADD). Items are added by LIST_APPEND (list_resize's
 * over-allocation, so sizes differ from a display's), SET_ADD and MAP_ADD.
 * Invariant: when the expression returns, every temporary it made is released but
 * the result (and, 3.8–3.10, nothing of the frame object, which is not modelled).
 * A function made inside a comprehension that uses an iteration variable closes over
 * a cell: 3.8–3.11 the <listcomp> frame's; 3.12+ a hidden cell of the enclosing frame,
 * made at its start (MAKE_CELL) and again each time the comprehension runs (its saved
 * cell put back after). Generator expressions are compile-genexp.ts's.
 */
import type { SyntaxNode } from '@lezer/common';
import type { ObjectHandle } from '@pymem/objects';
import { instanceIterator, isIterableInstance } from './class-iteration.ts';
import { frameLayout, makeFunction, symbolsOf } from './compile-functions.ts';
import { inlinedComprehensionCells } from './compile-scopes.ts';
import { type Compiler, pythonErrorOf, type Scope } from './compiler.ts';
import { type ErrorLocation, PythonError, Unsupported } from './errors.ts';
import { type Expression, Flow, type Frame, type FunctionCode } from './frame.ts';
import { iteratorNext } from './generator-runs.ts';
import type { Machine } from './machine.ts';
import { ODICT_VIEWS } from './module-ordereddict.ts';
import { requireKnownSetOrder } from './values.ts';

type Kind = 'list' | 'set' | 'dict';

/** One `for … in …` or `if …` clause. */
type Clause =
  | { readonly kind: 'for'; readonly targets: SyntaxNode[]; readonly iterable: SyntaxNode }
  | { readonly kind: 'if'; readonly test: SyntaxNode };

const KINDS: Record<string, Kind> = {
  ArrayComprehensionExpression: 'list',
  SetComprehensionExpression: 'set',
  DictionaryComprehensionExpression: 'dict',
};
const NAMES: Record<Kind, string> = { list: '<listcomp>', set: '<setcomp>', dict: '<dictcomp>' };

const moduleSlots = new WeakMap<Compiler, { count: number }>();

/**
 * GET_ITER of a list, tuple, range, str, dict or dict view: a new iterator (the iterable is
 * released); of an iterator object (enumerate, zip, map, itertools'): the object itself;
 * of an iterable instance: its `__iter__`'s generator or builtin iterator.
 */
function getIter(m: Machine, seq: ObjectHandle): ObjectHandle {
  const heap = m.heap;
  const t = heap.typeOf(seq);
  if (isIterableInstance(m, seq)) return instanceIterator(m, seq);
  // Iterators that are their own iterator (GET_ITER returns them).
  const own =
    t === 'map' ||
    t === 'filter' ||
    t === 'product' ||
    t === 'zip_longest' ||
    t === 'accumulate' ||
    t === 'permutations' ||
    t === 'starmap' ||
    t === 'takewhile' ||
    t === 'enumerate' ||
    t === 'zip' ||
    t === 'list_reverseiterator' ||
    t === 'reversed' ||
    t === 'chain' ||
    t === 'islice' ||
    t === 'combinations' ||
    t === 'repeat' ||
    t === 'count';
  // A dict view's iterator is its dict's (keys) or the view's own (values, items).
  const view = t === 'dict_keys' || t === 'dict_values' || t === 'dict_items';
  if (
    t !== 'list' &&
    t !== 'tuple' &&
    t !== 'range' &&
    t !== 'str' &&
    t !== 'dict' &&
    t !== 'defaultdict' &&
    t !== 'Counter' &&
    t !== 'OrderedDict' &&
    t !== 'set' &&
    t !== 'frozenset' &&
    !ODICT_VIEWS.includes(t) &&
    !view &&
    !own
  ) {
    const name = heap.typeNameOf(seq);
    heap.decref(seq);
    throw new Unsupported(`iterating over a ${name} in a comprehension`);
  }
  // A set's table order: known for ints, floats and None only (values.ts).
  if (t === 'set' || t === 'frozenset') requireKnownSetOrder(heap, seq);
  const it = heap.newIterator(seq);
  heap.decref(seq);
  return it;
}

/**
 * 3.12+: the module code's hidden comprehension cells (compile-scopes.ts
 * inlinedComprehensionCells), in the module frame's slots, and the MAKE_CELLs that
 * run before its first line; null when it has none.
 */
export function moduleHiddenCells(
  c: Compiler,
): { readonly cells: ReadonlyMap<string, number>; readonly make: (frame: Frame) => void } | null {
  if (c.m.minor < 12) return null;
  let names: string[];
  try {
    names = inlinedComprehensionCells(symbolsOf(c, c.source.root));
  } catch (error) {
    // The analysis' refusals are reported where the compiler meets the construct
    // (with its position); without an analysis there are no hidden cells to make.
    if (error instanceof Unsupported) return null;
    throw error;
  }
  if (names.length === 0) return null;
  const slots = moduleSlots.get(c) ?? { count: 0 };
  moduleSlots.set(c, slots);
  const cells = new Map<string, number>();
  for (const name of names) if (!cells.has(name)) cells.set(name, slots.count++);
  const heap = c.m.heap;
  return {
    cells,
    make: (frame) => {
      for (const slot of cells.values()) frame.locals[slot] = heap.newCell();
    },
  };
}

/** A list, set or dict comprehension. */
export function compileComprehension(c: Compiler, node: SyntaxNode, scope: Scope): Expression {
  const kind = KINDS[node.name];
  if (kind === undefined) throw c.fail('a generator expression', node);
  const kids = c.kids(node).slice(1, -1);
  const firstFor = kids.findIndex((k) => k.name === 'for');
  const element = kids.slice(0, firstFor).filter((k) => k.name !== ':');
  const clauses: Clause[] = [];
  for (let i = firstFor; i < kids.length; i++) {
    const k = kids[i]!;
    if (k.name === 'for') {
      const inAt = kids.findIndex((x, j) => j > i && x.name === 'in');
      clauses.push({ kind: 'for', targets: kids.slice(i + 1, inAt), iterable: kids[inAt + 1]! });
      i = inAt + 1;
    } else if (k.name === 'if') {
      clauses.push({ kind: 'if', test: kids[i + 1]! });
      i += 1;
    } else if (k.name === 'async') throw c.fail('an async comprehension', node);
  }
  const symbols = symbolsOf(c, node);
  const first = clauses[0] as Extract<Clause, { kind: 'for' }>;
  const m = c.m;
  const heap = m.heap;
  const line = c.source.position(node.from).line;
  const iterable = c.expression(first.iterable, scope);
  const outerIter: Expression = (frame) => getIter(m, iterable(frame));

  if (m.minor <= 11) {
    const name = NAMES[kind];
    const layout = frameLayout(c, name, ['.0'], symbols, node);
    const run = compileLoop(c, node, kind, element, clauses, layout.scope);
    const code: FunctionCode = {
      name,
      parameters: ['.0'],
      localCount: layout.slots.count,
      body: (frame) => {
        frame.line = line;
        frame.returned = run(frame, frame.locals[0]!);
        return Flow.return;
      },
      ...(layout.enter === undefined ? {} : { enter: layout.enter }),
    };
    return c.callFunction(makeFunction(c, code, [], [], symbols, scope, node), [outerIter]);
  }

  // 3.12+: inlined into the enclosing frame.
  let slots = scope.slots;
  if (slots === undefined) {
    slots = moduleSlots.get(c) ?? { count: 0 };
    moduleSlots.set(c, slots);
  }
  const locals = new Map(scope.locals ?? []);
  const cells = new Map(scope.cells ?? []);
  const hidden: number[] = [];
  // Hidden slots that hold a cell: LOAD_FAST_AND_CLEAR saves the frame's cell, then
  // MAKE_CELL makes this run's own, which the functions made in the loop close over.
  const madeCells = new Set<number>();
  for (const v of symbols.locals) {
    if (v === '.0') continue;
    if (symbols.cells.has(v)) {
      const slot = scope.hiddenCells?.get(v);
      if (slot === undefined || scope.generator !== undefined)
        throw c.fail(
          `a comprehension variable '${v}' that a function inside it uses, in this scope`,
          node,
        );
      locals.delete(v);
      cells.set(v, slot);
      madeCells.add(slot);
      hidden.push(slot);
      continue;
    }
    if (cells.has(v)) throw c.fail(`a comprehension variable '${v}' that is a cell`, node);
    let slot = locals.get(v);
    if (slot === undefined) {
      slot = slots.count++;
      locals.set(v, slot);
    }
    hidden.push(slot);
  }
  const inner: Scope = {
    name: scope.name,
    locals,
    cells,
    ...(scope.symbols === undefined ? {} : { symbols: scope.symbols }),
    slots,
    ...(scope.hiddenCells === undefined ? {} : { hiddenCells: scope.hiddenCells }),
    inlinedComprehension: true,
  };
  const run = compileLoop(c, node, kind, element, clauses, inner);
  return (frame) => {
    const it = outerIter(frame);
    const saved = hidden.map((slot) => {
      const old = frame.locals[slot] ?? 0;
      frame.locals[slot] = madeCells.has(slot) ? heap.newCell() : 0;
      return old;
    });
    try {
      return run(frame, it, true);
    } finally {
      // Its back edges were eval-breaker checks (JUMP_BACKWARD; garbage-watch.ts).
      m.gc?.loopRan();
      for (let i = hidden.length - 1; i >= 0; i--) {
        const slot = hidden[i]!;
        const current = frame.locals[slot] ?? 0;
        frame.locals[slot] = saved[i]!;
        if (current !== 0) heap.decref(current);
      }
    }
  };
}

/**
 * The comprehension's loop: a new result container, then the clauses over `it`.
 * With `ownsIterator` the first iterator is released when exhausted (FOR_ITER, 3.12+);
 * otherwise it stays the frame's `.0`.
 */
function compileLoop(
  c: Compiler,
  node: SyntaxNode,
  kind: Kind,
  element: SyntaxNode[],
  clauses: Clause[],
  scope: Scope,
): (frame: Frame, it: ObjectHandle, ownsIterator?: boolean) => ObjectHandle {
  const m = c.m;
  const heap = m.heap;
  const values = element.map((e) => c.expression(e, scope));
  // Where an unhashable item points: 3.12+ at the element (SET_ADD / MAP_ADD's
  // location: the key through the value), 3.8–3.11 at the whole comprehension.
  const from = m.minor >= 12 ? element[0]!.from : node.from;
  const to = m.minor >= 12 ? element[element.length - 1]!.to : node.to;
  const location: ErrorLocation = {
    from,
    to,
    kind: 'other',
    anchorFrom: from,
    anchorTo: to,
    wholeCallValue: false,
  };
  const locatedError = (error: unknown): unknown => {
    const converted = pythonErrorOf(error);
    if (converted instanceof PythonError && converted.location === undefined)
      converted.location = location;
    return converted;
  };
  const add = (frame: Frame, result: ObjectHandle): void => {
    if (kind === 'dict') {
      const k = values[0]!(frame);
      let v: ObjectHandle;
      try {
        v = values[1]!(frame);
      } catch (error) {
        heap.decref(k);
        throw error;
      }
      try {
        heap.dictSetItem(result, k, v);
      } catch (error) {
        throw locatedError(error);
      } finally {
        heap.decref(v);
        heap.decref(k);
      }
      return;
    }
    const v = values[0]!(frame);
    try {
      if (kind === 'list') heap.listAppend(result, v);
      else heap.setAdd(result, v);
    } catch (error) {
      throw locatedError(error);
    } finally {
      heap.decref(v);
    }
  };
  type Step = (frame: Frame, result: ObjectHandle) => void;
  let step: Step = add;
  for (let i = clauses.length - 1; i >= 1; i--) {
    const clause = clauses[i]!;
    const next = step;
    if (clause.kind === 'if') {
      const test = c.condition(clause.test, scope);
      step = (frame, result) => {
        if (test(frame)) next(frame, result);
      };
    } else {
      const target = c.targetOf(clause.targets, scope, clause.iterable);
      const iterable = c.expression(clause.iterable, scope);
      step = (frame, result) => {
        const it = getIter(m, iterable(frame));
        try {
          for (let item = iteratorNext(m, it); item !== 0; item = iteratorNext(m, it)) {
            m.step();
            target.store(frame, item);
            next(frame, result);
          }
        } finally {
          heap.decref(it);
        }
      };
    }
  }
  const first = clauses[0] as Extract<Clause, { kind: 'for' }>;
  const target = c.targetOf(first.targets, scope, first.iterable);
  const body = step;
  return (frame, it, ownsIterator = false) => {
    let result: ObjectHandle;
    try {
      result =
        kind === 'list'
          ? heap.newList()
          : kind === 'set'
            ? heap.newSet()
            : heap.newDictPresized(0, true);
    } catch (error) {
      if (ownsIterator) heap.decref(it);
      throw error;
    }
    let live = ownsIterator;
    try {
      for (let item = iteratorNext(m, it); item !== 0; item = iteratorNext(m, it)) {
        m.step();
        target.store(frame, item);
        body(frame, result);
      }
      if (live) {
        live = false;
        heap.decref(it);
      }
      return result;
    } catch (error) {
      heap.decref(result);
      throw error;
    } finally {
      if (live) heap.decref(it);
    }
  };
}
