/**
 * CPython 3.14's borrowed local loads (LOAD_FAST_BORROW), as far as a program can see
 * them: `sys.getrefcount`.
 *
 * 3.14's compiler turns a LOAD_FAST into LOAD_FAST_BORROW when the reference it pushes
 * is consumed in the same basic block, is not stored into a local, and its local is not
 * rebound while it waits (flowgraph.c optimize_load_fast, 3.14). Such a stack entry
 * does not count in `ob_refcnt`; a call moves it into the callee's frame still borrowed
 * when it binds a parameter (not into `*args`/`**kwargs`, not into a generator's frame);
 * RETURN_VALUE and stores into the heap make it strong. The model keeps counting every
 * handle (machine.ts), so on 3.14 `sys.getrefcount(o)` subtracts the borrowed ones:
 *
 *   pending   a load of a local in this frame still on the stack when the call runs
 *             (`print(x, sys.getrefcount(x))`: both loads of x)
 *   argument  a parameter of a running call that was passed a borrowed load, while the
 *             parameter still holds it
 *   copy      a local copied from such a local (`y = p`: LOAD_FAST duplicates a
 *             borrowed stack reference without counting it), and every load of it
 *
 * Two adjacent loads of locals are one LOAD_FAST_LOAD_FAST (3.13+) and share one fate.
 * Loads in `except` handlers stay strong: optimize_load_fast never follows exception
 * edges. A class call passes its arguments this way once specialised
 * (CALL_ALLOC_AND_ENTER_INIT, from a call site's second run).
 *
 * Measured on Pyodide 3.14.2: `def f(a): return sys.getrefcount(a)` gives 1 for `f(x)`
 * with x a plain local of the caller, 2 from module level or with x a cell; `[x,
 * f(x)]` 1, `[x, f(x) or 0]` 2 (the `or` ends the block while x waits).
 *
 * What the compile-time analysis cannot settle is **uncertain**, and a getrefcount that
 * could see an uncertain load refuses (Unsupported) instead of guessing: a local that may
 * be unbound at the load (LOAD_FAST_CHECK is never borrowed; CPython's flow analysis is
 * only approximated here: a parameter or a name bound by an earlier statement of an
 * enclosing block), one deleted or assigned by `:=` anywhere in the function, slot 64 and
 * up, a receiver of a method call (borrowed only when the attribute is a method), loads
 * around `yield` and inside comprehensions, parameters the callee rebinds, code that only
 * a handler may reach, `finally` bodies, fused loads whose fates may differ, and calls the
 * analysis does not see (a class call's first run, `super()`, class and static methods,
 * dunder methods, properties, finalizers, generators, partials).
 */
import type { SyntaxNode } from '@lezer/common';
import type { ObjectHandle } from '@pymem/objects';
import type { Compiler, Scope } from './compiler.ts';
import { Unsupported } from './errors.ts';
import type { Frame, FunctionCode, Statement } from './frame.ts';
import type { Machine } from './machine.ts';

/** How CPython 3.14 loads a local at one place: a strong reference, borrowed, or unknown. */
export const Load = { strong: 0, borrowed: 1, uncertain: 2 } as const;
/** See {@link Load}. */
export type Load = (typeof Load)[keyof typeof Load];

/** A load at one place: of which local slot (-1: not a fast local) and how 3.14 loads it. */
export interface LocalLoad {
  readonly slot: number;
  readonly load: Load;
}

/** What the compiler knows about borrowed loads around one call site (3.14 only). */
export interface BorrowSite {
  /** Loads of this frame's locals on the stack while the call runs. */
  readonly pending: readonly LocalLoad[];
  /** The site's surroundings were not analysed: any local of the frame may be borrowed. */
  readonly unknown: boolean;
  /** Each argument's load (a method call's receiver first). */
  readonly args: readonly LocalLoad[];
}

/** A reference CPython does not count: a local's (`slots`) or one on an outer frame's stack. */
interface Entry {
  readonly frame: Frame;
  readonly slot: number;
  readonly value: ObjectHandle;
  readonly uncertain: boolean;
  /** The local was stored to since (slot entries only). */
  dead: boolean;
}

const NONE = 0;
const UNCOUNTED = 1;
const UNKNOWN = 2;
/** Whether a reference is counted: {@link NONE} counted, {@link UNCOUNTED}, or {@link UNKNOWN}. */
type Tag = typeof NONE | typeof UNCOUNTED | typeof UNKNOWN;

/**
 * The references of the running calls that CPython 3.14 does not count, innermost last:
 *
 *   slots   locals holding a borrowed reference: a parameter bound from one, or a local
 *           copied from such a local (`y = p`: LOAD_FAST duplicates a borrowed stack
 *           reference without a count, so STORE_FAST stores it as it is)
 *   stack   loads waiting on an outer frame's stack while a call runs
 *
 * A load is uncounted when its instruction is LOAD_FAST_BORROW or its local holds a
 * borrowed reference. Invariant: a slot entry counts while it is not dead and
 * `frame.locals[slot] === value`; entries made during a call are dropped when it ends.
 */
export class BorrowLedger {
  private readonly slots: Entry[] = [];
  private readonly stack: Entry[] = [];
  /** For each running call: the lengths of `slots` and `stack` at its start, and whether it was analysed. */
  private readonly marks: number[] = [];
  /** Running calls made where no site was analysed. */
  private unanalysed = 0;

  /** Whether `frame`'s local `slot` holds a borrowed reference now. */
  private tag(frame: Frame, slot: number): Tag {
    const value = frame.locals[slot] ?? 0;
    for (let i = this.slots.length - 1; i >= 0; i--) {
      const e = this.slots[i]!;
      if (e.frame === frame && e.slot === slot && !e.dead && e.value === value)
        return e.uncertain ? UNKNOWN : UNCOUNTED;
    }
    return NONE;
  }

  /** Whether the reference `l` pushes in `frame` is counted. */
  private uncounted(frame: Frame, l: LocalLoad): Tag {
    if (l.slot < 0) return l.load === Load.uncertain ? UNKNOWN : NONE;
    const t = this.tag(frame, l.slot);
    if (l.load === Load.uncertain || t === UNKNOWN) return UNKNOWN;
    return l.load === Load.borrowed || t === UNCOUNTED ? UNCOUNTED : NONE;
  }

  /**
   * A call starts: records the caller's waiting loads and the parameters bound from
   * uncounted arguments. Every call ends with {@link leave}.
   */
  enter(call: CallBorrows | undefined, callee: Frame, code: FunctionCode): void {
    this.marks.push(this.slots.length, this.stack.length, call === undefined ? 1 : 0);
    if (call === undefined) {
      this.unanalysed++;
      return;
    }
    const { site, caller } = call;
    for (const p of site.pending) {
      const t = this.uncounted(caller, p);
      const value = caller.locals[p.slot] ?? 0;
      if (t !== NONE && value !== 0)
        this.stack.push({
          frame: caller,
          slot: p.slot,
          value,
          uncertain: t === UNKNOWN,
          dead: false,
        });
    }
    if (site.unknown)
      for (let slot = 0; slot < caller.locals.length; slot++) {
        const value = caller.locals[slot]!;
        if (value !== 0)
          this.stack.push({ frame: caller, slot, value, uncertain: true, dead: false });
      }
    const argSlots =
      call.argSlots ?? site.args.map((_, i) => (i < code.parameters.length ? i : -1));
    const rebound = REBOUND.get(code);
    site.args.forEach((arg, i) => {
      const slot = argSlots[i] ?? -1;
      const t = this.uncounted(caller, arg);
      if (t === NONE || slot < 0) return;
      const value = callee.locals[slot] ?? 0;
      if (value === 0) return;
      const name = code.localNames?.[slot] ?? code.parameters[slot];
      const uncertain =
        t === UNKNOWN || rebound === undefined || name === undefined || rebound.has(name);
      this.slots.push({ frame: callee, slot, value, uncertain, dead: false });
    });
  }

  /** The innermost running call has ended. */
  leave(): void {
    const unanalysed = this.marks.pop()!;
    this.stack.length = this.marks.pop()!;
    this.slots.length = this.marks.pop()!;
    this.unanalysed -= unanalysed;
  }

  /** Whether the local `slot` of `frame` holds a borrowed reference (before a store copies it). */
  sourceTag(frame: Frame, slot: number): Tag {
    return slot < 0 ? NONE : this.tag(frame, slot);
  }

  /**
   * `frame`'s local `slot` was just stored to, from a local tagged `source` (a copy:
   * `y = p`), else from a counted reference.
   */
  stored(frame: Frame, slot: number, source: Tag, uncertain: boolean): void {
    for (const e of this.slots) if (e.frame === frame && e.slot === slot) e.dead = true;
    const value = frame.locals[slot] ?? 0;
    if (source !== NONE && value !== 0)
      this.slots.push({
        frame,
        slot,
        value,
        uncertain: uncertain || source === UNKNOWN,
        dead: false,
      });
  }

  /**
   * How many of `o`'s counted references CPython does not count while `sys.getrefcount`
   * runs at `site` in `frame`, its argument loaded as `argument`.
   * @throws Unsupported when one of them may or may not be counted
   */
  borrowedCount(
    m: Machine,
    o: ObjectHandle,
    site: BorrowSite,
    frame: Frame,
    argument: LocalLoad,
  ): number {
    if (m.depth > 1) {
      if (this.unanalysed > 0 || m.depth - 1 !== m.calls.length)
        throw refusal(
          'inside a call the model does not follow (a class, a dunder method, a generator)',
        );
      if (m.heap.typeOf(o) === 'function' || m.heap.typeOf(o) === 'type')
        throw refusal('of a function or a class inside a function');
    }
    let n = 0;
    const count = (t: Tag): void => {
      if (t === UNKNOWN) throw refusal('of a value whose load may or may not be borrowed');
      if (t === UNCOUNTED) n++;
    };
    for (const e of this.slots)
      if (!e.dead && e.value === o && e.frame.locals[e.slot] === o)
        count(e.uncertain ? UNKNOWN : UNCOUNTED);
    for (const e of this.stack) if (e.value === o) count(e.uncertain ? UNKNOWN : UNCOUNTED);
    for (const p of site.pending) if (frame.locals[p.slot] === o) count(this.uncounted(frame, p));
    if (site.unknown && frame.locals.includes(o)) count(UNKNOWN);
    count(this.uncounted(frame, argument));
    return n;
  }
}

/** A call's borrowed loads at run time: its site, the caller's frame, where each argument went. */
export interface CallBorrows {
  readonly site: BorrowSite;
  readonly caller: Frame;
  /** The callee slot each argument went to (-1: into `*args` / `**kwargs`); default: positional. */
  readonly argSlots?: readonly number[];
}

function refusal(what: string): Unsupported {
  return new Unsupported(`sys.getrefcount ${what} on 3.14 (LOAD_FAST_BORROW)`);
}

/** Parameters each function's body rebinds (assignment, `del`, `:=`, for targets …). */
const REBOUND = new WeakMap<FunctionCode, ReadonlySet<string>>();

/** Notes which parameters `code`'s body (`node`, a def or lambda) may rebind. */
export function noteRebinds(c: Compiler, code: FunctionCode, node: SyntaxNode): void {
  if (!c.m.rules.borrowedLocalLoads) return;
  const names = new Set<string>();
  for (const s of c.kids(node))
    if (s.name === 'Body') for (const k of c.kids(s)) c.collectAssigned(k, names, true);
  for (const n of killedNames(c, node)) names.add(n);
  forEachOwnNode(c, node, (k) => {
    if (k.name === 'as' && k.nextSibling !== null) collectNames(c, k.nextSibling, names);
  });
  REBOUND.set(code, names);
}

/** The slot a positional or keyword argument binds in `code`'s frame, or -1 (into `*args` / `**kwargs`). */
export function argumentSlots(
  code: FunctionCode,
  positional: number,
  keywords: readonly string[],
): number[] {
  const slots: number[] = [];
  for (let i = 0; i < positional; i++) slots.push(i < code.parameters.length ? i : -1);
  const named = [...code.parameters, ...(code.keywordOnly ?? [])];
  for (const k of keywords) slots.push(named.indexOf(k));
  return slots;
}

// ---------------------------------------------------------------------------
// Compile time

const COMPREHENSIONS = new Set([
  'ArrayComprehensionExpression',
  'SetComprehensionExpression',
  'DictionaryComprehensionExpression',
]);
const COMPARISONS = new Set(['CompareOp', 'in', 'not', 'is']);
const STATEMENT_ENDS = new Set([
  'ExpressionStatement',
  'ReturnStatement',
  'AssignStatement',
  'IfStatement',
  'WhileStatement',
  'ForStatement',
  'Body',
  'Script',
]);

/**
 * The borrowed loads around the call `call` (a CallExpression) whose arguments are
 * `args` (value nodes, a receiver first for a method call) in `scope`; undefined
 * before 3.14.
 */
export function borrowSite(
  c: Compiler,
  call: SyntaxNode,
  args: readonly SyntaxNode[],
  scope: Scope,
  receiver: SyntaxNode | null = null,
): BorrowSite | undefined {
  if (!c.m.rules.borrowedLocalLoads) return undefined;
  const argList = c.kids(call).find((k) => k.name === 'ArgList');
  const loads: LocalLoad[] = [];
  if (receiver !== null) {
    const load = loadOf(c, receiver, scope);
    loads.push({
      slot: slotOf(c, receiver, scope),
      load:
        load === Load.strong ? load : settle(c, load, receiver, argList ? [argList] : [], scope),
    });
  }
  for (const a of args) {
    if (a.name !== 'VariableName' || argList === undefined) {
      loads.push({ slot: -1, load: Load.strong });
      continue;
    }
    const load = loadOf(c, a, scope);
    const after = c.kids(argList).filter((k) => k.from >= a.to);
    loads.push({
      slot: slotOf(c, a, scope),
      load: load === Load.strong ? load : settle(c, load, a, after, scope),
    });
  }
  return { ...pendingLoads(c, call, scope), args: loads };
}

/** The fast-local slot a name node loads in `scope`, or -1 (a global, a cell, not a name). */
function slotOf(c: Compiler, node: SyntaxNode, scope: Scope): number {
  if (node.name !== 'VariableName') return -1;
  const name = c.text(node);
  if (scope.cells?.has(name) || scope.generator !== undefined) return -1;
  return scope.locals?.get(name) ?? -1;
}

/**
 * A load waiting while `after` is evaluated: strong if a branch ends its block first.
 * A load fused with its neighbour into LOAD_FAST_LOAD_FAST (3.13+: two adjacent loads
 * of locals) shares the neighbour's fate: optimize_load_fast flags the one instruction,
 * so when the neighbour's fate may differ, the load is uncertain.
 */
function settle(
  c: Compiler,
  load: Load,
  s: SyntaxNode,
  after: readonly SyntaxNode[],
  scope: Scope,
  fused = true,
): Load {
  let fate: Load = load;
  if (after.some((n) => hasBranch(c, n))) fate = Load.strong;
  else if (after.some((n) => hasOdd(c, n, c.text(s)))) fate = Load.uncertain;
  if (!fused || slotOf(c, s, scope) < 0) return fate;
  for (const n of neighbours(c, s, scope)) if (fateOf(c, n, scope) !== fate) return Load.uncertain;
  return fate;
}

/** Whether two nodes are the same node of the tree (the node objects are made afresh). */
function same(a: SyntaxNode, b: SyntaxNode): boolean {
  return a.from === b.from && a.to === b.to && a.name === b.name;
}

/** The position of `n` in `list`, by {@link same}, or -1. */
function indexOfNode(list: readonly SyntaxNode[], n: SyntaxNode): number {
  return list.findIndex((k) => same(k, n));
}

/** Parents that evaluate their children one after another, with no instruction between. */
const SEQUENCES = new Set([
  'ArgList',
  'TupleExpression',
  'ArrayExpression',
  'SetExpression',
  'DictionaryExpression',
  'BinaryExpression',
  'MemberExpression',
]);
const PUNCTUATION = new Set(['(', ')', '[', ']', '{', '}', ',', ':', 'AssignOp', '.']);

/** The children of a sequence parent that are evaluated, in order (none for a boolean operation). */
function evaluated(c: Compiler, p: SyntaxNode): SyntaxNode[] {
  const kids = c.kids(p);
  if (p.name === 'BinaryExpression') {
    const op = kids[1]?.name ?? '';
    if (op === 'and' || op === 'or') return [];
    return [kids[0]!, kids[kids.length - 1]!];
  }
  if (p.name === 'MemberExpression' && kids[1]?.name === '.') return [kids[0]!];
  if (p.name === 'ArgList')
    // A keyword's name is not evaluated.
    return kids.filter((k, i) => !PUNCTUATION.has(k.name) && kids[i + 1]?.name !== 'AssignOp');
  return kids.filter((k) => !PUNCTUATION.has(k.name));
}

/** The name whose load is the first instruction of `e`, if any. */
function firstLoad(c: Compiler, e: SyntaxNode): SyntaxNode | null {
  switch (e.name) {
    case 'VariableName':
      return e;
    case 'ParenthesizedExpression':
    case 'UnaryExpression':
    case 'MemberExpression':
    case 'CallExpression':
    case 'BinaryExpression': {
      const kids = c.kids(e).filter((k) => !PUNCTUATION.has(k.name));
      const first = e.name === 'UnaryExpression' ? kids[1] : kids[0];
      return first === undefined ? null : firstLoad(c, first);
    }
    default:
      return null;
  }
}

/** The loads of locals next to `s`'s in the bytecode (a LOAD_FAST_LOAD_FAST may fuse them). */
function neighbours(c: Compiler, s: SyntaxNode, scope: Scope): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  // The next: `s` is a child of a sequence, and the next child starts with a load.
  const p = s.parent;
  if (p !== null && SEQUENCES.has(p.name)) {
    const kids = evaluated(c, p);
    const next = kids[indexOfNode(kids, s) + 1];
    const n = next === undefined ? null : firstLoad(c, next);
    if (n !== null && slotOf(c, n, scope) >= 0) out.push(n);
  }
  // The previous: climb while `s` starts its parent, then the sibling before, if a bare name.
  let at = s;
  for (let q = s.parent; q !== null; at = q, q = q.parent) {
    const kids = c.kids(q);
    const op = q.name === 'BinaryExpression' ? (kids[1]?.name ?? '') : '';
    if (op === 'and' || op === 'or' || q.name === 'ConditionalExpression') {
      // The left operand (the test) is evaluated first: climb on from it, stop elsewhere.
      const first = op === '' ? kids.find((_, i) => kids[i - 1]?.name === 'if') : kids[0];
      if (first !== undefined && same(first, at)) continue;
      break;
    }
    if (SEQUENCES.has(q.name)) {
      const order = evaluated(c, q);
      const i = indexOfNode(order, at);
      if (i > 0) {
        const before = order[i - 1]!;
        if (before.name === 'VariableName' && slotOf(c, before, scope) >= 0) out.push(before);
        break;
      }
      if (i < 0 || q.name === 'ArgList') break;
      continue;
    }
    if (q.name === 'ParenthesizedExpression' || q.name === 'UnaryExpression') continue;
    if (q.name === 'CallExpression' && same(c.kids(q)[0]!, at)) continue;
    break;
  }
  return out;
}

/** The fate of the load of `n` where it stands (no neighbour checked). */
function fateOf(c: Compiler, n: SyntaxNode, scope: Scope): Load {
  const load = loadOf(c, n, scope);
  if (load === Load.strong) return load;
  const p = n.parent;
  if (p === null) return Load.uncertain;
  if (p.name === 'MemberExpression' && c.kids(p)[1]?.name === '.') {
    // A method call keeps `self` until CALL: its arguments run first.
    const call = p.parent;
    const args =
      call?.name === 'CallExpression' && same(c.kids(call)[0]!, p)
        ? c.kids(call).filter((k) => k.name === 'ArgList')
        : [];
    return settle(c, load, n, args, scope, false);
  }
  if (SEQUENCES.has(p.name)) {
    const kids = c.kids(p);
    return settle(c, load, n, kids.slice(indexOfNode(kids, n) + 1), scope, false);
  }
  return Load.uncertain;
}

/** The frame's loads still on the stack while the call at `node` runs. */
function pendingLoads(
  c: Compiler,
  node: SyntaxNode,
  scope: Scope,
): { pending: LocalLoad[]; unknown: boolean } {
  const pending: LocalLoad[] = [];
  // In a `finally` body the try's return value may wait on the stack (a borrowed load).
  for (let p = node.parent; p !== null; p = p.parent)
    if (p.name === 'Body' && p.prevSibling?.name === 'finally') return { pending, unknown: true };
  const add = (s: SyntaxNode, after: readonly SyntaxNode[], load?: Load): void => {
    const slot = slotOf(c, s, scope);
    if (slot < 0) return;
    let l = load ?? loadOf(c, s, scope);
    if (l !== Load.strong) l = settle(c, l, s, after, scope);
    pending.push({ slot, load: l });
  };
  let child = node;
  for (let p = node.parent; p !== null; child = p, p = p.parent) {
    const kids = c.kids(p);
    const after = kids.filter((k) => k.from >= child.from);
    switch (p.name) {
      case 'ParenthesizedExpression':
      case 'UnaryExpression':
      case 'FormatString':
      case 'FormatReplacement':
        continue;
      case 'ArgList': {
        if (kids.some((k) => k.name === '*' || k.name === '**')) return { pending, unknown: true };
        const call = p.parent!;
        const callee = c.kids(call)[0]!;
        if (callee.name === 'VariableName') add(callee, [p]);
        if (callee.name === 'MemberExpression') {
          const parts = c.kids(callee);
          if (parts[1]?.name === '.') add(parts[0]!, [p], Load.uncertain);
          else return { pending, unknown: true };
        }
        for (const k of kids) if (k.to <= child.from && k.name !== 'AssignOp') add(k, after);
        child = p;
        p = call;
        continue;
      }
      case 'BinaryExpression': {
        const op = kids[1]?.name ?? '';
        if (op === 'and' || op === 'or') continue;
        if (COMPARISONS.has(op)) {
          const chained = (n: SyntaxNode | undefined): boolean =>
            n?.name === 'BinaryExpression' && COMPARISONS.has(c.kids(n)[1]?.name ?? '');
          if (
            chained(kids[0]) ||
            (chained(p.parent ?? undefined) && same(c.kids(p.parent!)[0]!, p))
          )
            return { pending, unknown: true };
        }
        if (!same(child, kids[0]!)) add(kids[0]!, after);
        continue;
      }
      case 'ConditionalExpression':
        continue;
      case 'TupleExpression':
      case 'ArrayExpression':
      case 'SetExpression':
      case 'DictionaryExpression':
        if (kids.some((k) => k.name === '*' || k.name === '**')) return { pending, unknown: true };
        for (const k of kids) if (k.to <= child.from) add(k, after);
        continue;
      case 'MemberExpression': {
        if (kids[1]?.name === '.') continue;
        if (kids.some((k) => k.name === ':')) return { pending, unknown: true };
        if (!same(child, kids[0]!)) add(kids[0]!, after);
        continue;
      }
      case 'UpdateStatement':
        if (kids[0]?.name !== 'VariableName') return { pending, unknown: true };
        add(kids[0]!, after);
        return { pending, unknown: false };
      case 'LambdaExpression':
        return { pending, unknown: false };
      default:
        if (STATEMENT_ENDS.has(p.name)) return { pending, unknown: false };
        return { pending, unknown: true };
    }
  }
  return { pending, unknown: false };
}

/**
 * How 3.14 loads the name `node` in `scope`, were the load consumed in its block:
 * strong (a global, a cell, the module's names), borrowed (LOAD_FAST of a local the
 * analysis proves bound), or uncertain.
 */
export function loadOf(c: Compiler, node: SyntaxNode, scope: Scope): Load {
  if (node.name !== 'VariableName') return Load.strong;
  const name = c.text(node);
  if (scope.cells?.has(name)) return Load.strong;
  const slot = scope.locals?.get(name);
  if (slot === undefined) return Load.strong;
  if (scope.generator !== undefined || slot >= 64) return Load.uncertain;
  // The code object the load is in: the nearest def or lambda (3.14 inlines comprehensions).
  let fn: SyntaxNode | null = node.parent;
  for (; fn !== null; fn = fn.parent) {
    // optimize_load_fast follows jumps and fall-throughs, not exception edges: an
    // `except` handler's blocks are never visited, so its loads stay strong.
    if (isHandlerBody(fn)) return Load.strong;
    if (COMPREHENSIONS.has(fn.name) || fn.name === 'ComprehensionExpression') return Load.uncertain;
    if (fn.name === 'FunctionDefinition' || fn.name === 'LambdaExpression') break;
  }
  if (fn === null) return Load.uncertain;
  if (killedNames(c, fn).has(name)) return Load.uncertain;
  if (node.from >= handlerOnlyFrom(c, fn)) return Load.uncertain;
  if (parameterNames(c, fn).has(name)) return Load.borrowed;
  return boundBefore(c, node, fn, name) ? Load.borrowed : Load.uncertain;
}

/** Whether `n` is the body of an `except` clause. */
function isHandlerBody(n: SyntaxNode): boolean {
  if (n.name !== 'Body' || n.parent?.name !== 'TryStatement') return false;
  for (let k = n.prevSibling; k !== null; k = k.prevSibling) {
    if (k.name === 'except') return true;
    if (k.name === 'try' || k.name === 'else' || k.name === 'finally' || k.name === 'Body')
      return false;
  }
  return false;
}

/** Nodes that open a scope of their own. */
const NESTED_SCOPES = new Set(['FunctionDefinition', 'ClassDefinition', 'LambdaExpression']);

/**
 * Calls `f` on every node of `fn`'s own code (its parameters' defaults and nested
 * scopes left out; a nested def or class is passed, not entered), with its parent.
 */
function forEachOwnNode(
  c: Compiler,
  fn: SyntaxNode,
  f: (k: SyntaxNode, parent: SyntaxNode) => void,
): void {
  const visit = (n: SyntaxNode): void => {
    for (const k of c.kids(n)) {
      f(k, n);
      if (!NESTED_SCOPES.has(k.name)) visit(k);
    }
  };
  for (const k of c.kids(fn))
    if (k.name !== 'ParamList') {
      f(k, fn);
      if (!NESTED_SCOPES.has(k.name)) visit(k);
    }
}

const ABRUPT = new Set([
  'RaiseStatement',
  'ReturnStatement',
  'BreakStatement',
  'ContinueStatement',
]);
const handlerOnlyCache = new WeakMap<Compiler, Map<number, number>>();

/** `compute(fn)` once per function node of a program. */
function perFunction<T>(
  cache: WeakMap<Compiler, Map<number, T>>,
  c: Compiler,
  fn: SyntaxNode,
  compute: () => T,
): T {
  let byNode = cache.get(c);
  if (byNode === undefined) {
    byNode = new Map();
    cache.set(c, byNode);
  }
  let value = byNode.get(fn.from);
  if (value === undefined) {
    value = compute();
    byNode.set(fn.from, value);
  }
  return value;
}

/**
 * Where code that only an exception handler may reach can start in `fn`: the end of
 * the first `try … except` or `with` whose body may leave abruptly (raise, return,
 * break, continue). Code after it may be reached through the handler alone, whose
 * blocks optimize_load_fast never visits. Infinity when there is none.
 */
function handlerOnlyFrom(c: Compiler, fn: SyntaxNode): number {
  return perFunction(handlerOnlyCache, c, fn, () => {
    const abrupt = (n: SyntaxNode): boolean =>
      ABRUPT.has(n.name) ||
      (n.name !== 'FunctionDefinition' && n.name !== 'ClassDefinition' && c.kids(n).some(abrupt));
    let from = Number.POSITIVE_INFINITY;
    forEachOwnNode(c, fn, (k) => {
      const guarded =
        (k.name === 'TryStatement' && c.kids(k).some((x) => x.name === 'except')) ||
        k.name === 'WithStatement';
      const body = c.kids(k).find((x) => x.name === 'Body');
      if (guarded && body !== undefined && abrupt(body)) from = Math.min(from, k.to);
    });
    return from;
  });
}

const killedCache = new WeakMap<Compiler, Map<number, Set<string>>>();

/** Names `del`eted, caught with `except … as`, or bound by `:=` in the function's own code. */
function killedNames(c: Compiler, fn: SyntaxNode): Set<string> {
  return perFunction(killedCache, c, fn, () => {
    const names = new Set<string>();
    forEachOwnNode(c, fn, (k, n) => {
      if (k.name === 'DeleteStatement') for (const t of c.kids(k)) collectNames(c, t, names);
      else if (k.name === 'NamedExpression') names.add(c.text(c.kids(k)[0]!));
      else if (COMPREHENSIONS.has(k.name)) {
        // An inlined comprehension saves and restores a shadowed local
        // (LOAD_FAST_AND_CLEAR … STORE_FAST_MAYBE_NULL): loads after it are checked.
        const parts = c.kids(k);
        parts.forEach((part, i) => {
          if (part.name === 'for') collectNames(c, parts[i + 1]!, names);
        });
      } else if (k.name === 'as' && n.name === 'TryStatement') {
        // `except E as e` deletes e when the handler ends.
        const next = k.nextSibling;
        if (next?.name === 'VariableName') names.add(c.text(next));
      }
    });
    return names;
  });
}

function collectNames(c: Compiler, n: SyntaxNode, into: Set<string>): void {
  if (n.name === 'VariableName') into.add(c.text(n));
  else if (
    n.name === 'TupleExpression' ||
    n.name === 'ArrayExpression' ||
    n.name === 'ParenthesizedExpression'
  )
    for (const k of c.kids(n)) collectNames(c, k, into);
}

function parameterNames(c: Compiler, fn: SyntaxNode): Set<string> {
  const names = new Set<string>();
  const list = c.kids(fn).find((k) => k.name === 'ParamList');
  if (list === undefined) return names;
  let afterAssign = false;
  for (const k of c.kids(list)) {
    if (k.name === 'AssignOp') afterAssign = true;
    else if (k.name === ',') afterAssign = false;
    else if (k.name === 'VariableName' && !afterAssign) names.add(c.text(k));
  }
  return names;
}

/**
 * Whether every path to `node` binds `name` first, as far as structure shows: an
 * earlier statement of an enclosing block assigns it, or `node` is in the body of a
 * `for`/`with` that binds it.
 */
function boundBefore(c: Compiler, node: SyntaxNode, fn: SyntaxNode, name: string): boolean {
  let child = node;
  for (let p = node.parent; p !== null && p !== fn; child = p, p = p.parent) {
    if (p.name === 'Body') {
      for (const s of c.kids(p)) {
        if (s.from >= child.from) break;
        if (bindsUnconditionally(c, s, name)) return true;
      }
      const owner = p.parent;
      if (owner?.name === 'ForStatement' || owner?.name === 'WithStatement') {
        const bound = new Set<string>();
        for (const k of c.kids(owner)) {
          if (k.name === 'Body') break;
          if (owner.name === 'ForStatement' && k.name === 'in') break;
          if (owner.name === 'ForStatement' || k.prevSibling?.name === 'as')
            collectNames(c, k, bound);
        }
        if (bound.has(name)) return true;
      }
    }
  }
  return false;
}

function bindsUnconditionally(c: Compiler, s: SyntaxNode, name: string): boolean {
  if (s.name === 'AssignStatement') {
    const kids = c.kids(s);
    const targets = new Set<string>();
    kids.forEach((k, i) => {
      if (kids[i + 1]?.name === 'AssignOp') collectNames(c, k, targets);
    });
    return targets.has(name);
  }
  if (s.name === 'FunctionDefinition' || s.name === 'ClassDefinition')
    return (
      c.kids(s).find((k) => k.name === 'VariableName') !== undefined &&
      c.text(c.kids(s).find((k) => k.name === 'VariableName')!) === name
    );
  return false;
}

/** Whether evaluating `n` jumps (ends a basic block) in this code object. */
function hasBranch(c: Compiler, n: SyntaxNode): boolean {
  if (n.name === 'LambdaExpression' || n.name === 'ComprehensionExpression') return false;
  if (n.name === 'ConditionalExpression' || COMPREHENSIONS.has(n.name)) return true;
  if (n.name === 'BinaryExpression') {
    const kids = c.kids(n);
    const op = kids[1]?.name ?? '';
    if (op === 'and' || op === 'or') return true;
    if (COMPARISONS.has(op) && kids[0]?.name === 'BinaryExpression') {
      const inner = c.kids(kids[0]!)[1]?.name ?? '';
      if (COMPARISONS.has(inner)) return true;
    }
  }
  return c.kids(n).some((k) => hasBranch(c, k));
}

/** Whether evaluating `n` may rebind `name` or suspend the frame (`:=`, `yield`, `await`). */
function hasOdd(c: Compiler, n: SyntaxNode, name: string): boolean {
  if (n.name === 'LambdaExpression' || n.name === 'ComprehensionExpression') return false;
  if (n.name === 'YieldExpression' || n.name === 'AwaitExpression') return true;
  if (n.name === 'NamedExpression' && c.text(c.kids(n)[0]!) === name) return true;
  return c.kids(n).some((k) => hasOdd(c, k, name));
}

const otherStoresCache = new WeakMap<Compiler, Map<number, Set<string>>>();

/**
 * Names the function's own code binds other than by a plain `=` statement: `for` and
 * `with`/`import … as` targets, augmented assignments, `def`/`class` names, and what
 * {@link killedNames} lists. The ledger cannot follow those stores.
 */
function otherStores(c: Compiler, fn: SyntaxNode): Set<string> {
  return perFunction(otherStoresCache, c, fn, () => {
    const names = new Set(killedNames(c, fn));
    forEachOwnNode(c, fn, (k) => {
      if (k.name === 'FunctionDefinition' || k.name === 'ClassDefinition') {
        const name = c.kids(k).find((x) => x.name === 'VariableName');
        if (name !== undefined) names.add(c.text(name));
      }
      if (k.name === 'ForStatement' || k.name === 'UpdateStatement') {
        const parts = c.kids(k);
        const end = k.name === 'ForStatement' ? parts.findIndex((p) => p.name === 'in') : 1;
        for (const p of parts.slice(k.name === 'ForStatement' ? 1 : 0, end))
          collectNames(c, p, names);
      }
      if (k.name === 'as' && k.nextSibling !== null) collectNames(c, k.nextSibling, names);
      if (k.name === 'ImportStatement') for (const p of c.kids(k)) collectNames(c, p, names);
    });
    return names;
  });
}

/**
 * An assignment statement with the ledger kept up to date (3.14): each fast-local
 * target loses its borrowed reference, and takes the source's when the value is a
 * copy of a local (`y = p`, `a, b = p, q` with up to three names: LOAD_FAST duplicates
 * a borrowed reference as it is). Returns `body` itself when there is nothing to track.
 */
export function trackStores(
  c: Compiler,
  node: SyntaxNode,
  scope: Scope,
  body: Statement,
): Statement {
  const ledger = c.m.borrows;
  if (ledger === null || scope.locals === null) return body;
  let fn: SyntaxNode | null = node.parent;
  while (fn !== null && fn.name !== 'FunctionDefinition' && fn.name !== 'LambdaExpression')
    fn = fn.parent;
  if (fn === null) return body;
  const groups = c.assignGroups(node);
  const values = groups.pop()!.filter((k) => k.name !== ',');
  // [target slot, source slot] pairs.
  const pairs: [number, number][] = [];
  for (const g of groups) {
    const names = g.filter((k) => k.name !== ',');
    const items =
      names.length === 1 && names[0]!.name === 'TupleExpression'
        ? c.kids(names[0]!).filter((k) => !['(', ')', ','].includes(k.name))
        : names;
    const copies = items.length === values.length && items.length <= 3;
    items.forEach((t, i) => {
      const slot = slotOf(c, t, scope);
      if (slot >= 0) pairs.push([slot, copies ? slotOf(c, values[i]!, scope) : -1]);
    });
  }
  if (pairs.length === 0) return body;
  const stores = otherStores(c, fn);
  const locals = [...scope.locals.entries()];
  const uncertain = pairs.map(([slot]) => {
    const name = locals.find(([, s]) => s === slot)?.[0];
    return name === undefined || stores.has(name);
  });
  return (frame) => {
    const tags = pairs.map(([, source]) => ledger.sourceTag(frame, source));
    const flow = body(frame);
    pairs.forEach(([slot], i) => {
      ledger.stored(frame, slot, tags[i]!, uncertain[i]!);
    });
    return flow;
  };
}
