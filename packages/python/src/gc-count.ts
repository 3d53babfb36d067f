/**
 * `gc.get_count()` on the model: when CPython's gen0 count is the model's.
 *
 * CPython counts GC allocations minus GC frees since the last collection (3.8–3.11
 * _PyObject_GC_Alloc / PyObject_GC_Del, 3.12–3.13 _PyObject_GC_Link / PyObject_GC_Del,
 * 3.14 the young count likewise); an object taken from or put on a free list changes
 * nothing. The model keeps the same count over the objects it makes, free lists
 * included. What it does not make is counted by CPython too, so the two agree only
 * while the program has done nothing that makes containers behind the model's back.
 * Measured with the reference interpreters after `gc.collect()`:
 *   - a `print()` adds 3–5 (its io temporaries, which depend on the buffer's state);
 *   - 3.8–3.10: the first call of a code object adds 1 (its frame, then kept as the
 *     code's zombie frame); comprehensions are such calls;
 *   - 3.8: calling a type without vectorcall (`range(3)`) adds its argument tuple;
 *   - a class statement adds 2 (3.11–3.13) to 6 (3.8–3.10) more than the model makes.
 * So the count is the model's from a full collection the model vouches for
 * (gc-calls.ts) until the first construct outside {@link countedCall}'s calls and
 * {@link COUNT_KEEPING_STATEMENTS}; `gc.get_count()` after that is refused, naming it.
 * Checked against CPython 3.8–3.13 and Pyodide's 3.14.2 (tests/programs/run/gc_count_*.py).
 */
import type { SyntaxNode } from '@lezer/common';
import type { Compiler, Scope } from './compiler.ts';
import type { Frame } from './frame.ts';

/**
 * Statements whose own work makes no container CPython counts and the model does not
 * (what their expressions call is judged by {@link countedCall}). A class, an import,
 * `with`, `try`/`raise` (tracebacks, 3.11+ frame objects), `assert` and decorators lose
 * the count.
 */
export const COUNT_KEEPING_STATEMENTS: ReadonlySet<string> = new Set([
  'ExpressionStatement',
  'AssignStatement',
  'UpdateStatement',
  'DeleteStatement',
  'PassStatement',
  'BreakStatement',
  'ContinueStatement',
  'IfStatement',
  'WhileStatement',
  'ForStatement',
  'FunctionDefinition',
  'ReturnStatement',
  'ScopeStatement',
  'StatementGroup',
]);

/** Methods of lists, dicts and sets that make no temporary container in CPython 3.8–3.14. */
const COUNTED_METHODS: Readonly<Record<string, ReadonlySet<string>>> = {
  list: new Set(['append', 'insert', 'pop', 'remove', 'clear', 'reverse', 'copy']),
  dict: new Set(['get', 'pop', 'setdefault', 'clear', 'copy', 'keys', 'values', 'items']),
  set: new Set(['add', 'discard', 'remove', 'pop', 'clear', 'copy']),
};

/** Builtin functions that take their arguments without a tuple (METH_O / fastcall, 3.8+). */
const COUNTED_BUILTINS: ReadonlySet<string> = new Set(['len', 'id', 'isinstance']);

/**
 * Builtin types called without an argument tuple from 3.9 on (their vectorcall:
 * range_vectorcall, list_vectorcall, tuple_vectorcall, dict_vectorcall, set_vectorcall);
 * 3.8 builds one (_PyObject_MakeTpCall), which the model does not.
 */
const COUNTED_TYPES: ReadonlySet<string> = new Set(['range', 'list', 'tuple', 'dict', 'set']);

/**
 * For a call expression: a test, run before the call, of whether CPython makes no
 * container the model does not make for this call itself — a `gc` function, a builtin
 * of {@link COUNTED_BUILTINS}, (3.9+) of {@link COUNTED_TYPES} or (3.11+) `next`, a counted
 * method of a list, dict or set held in a name, or (3.11+, frames not objects) a Python
 * function or a program's class held in a name, or a method of an instance held in a
 * name (what runs inside is judged call by call). Checked against the reference
 * interpreters: 3.11–3.12 build an argument tuple for `str(5)`, 3.13–3.14 for
 * `enumerate`/`zip`; none of those is listed.
 */
export function countedCall(
  c: Compiler,
  node: SyntaxNode,
  scope: Scope,
): (frame: Frame) => boolean {
  const never = (): boolean => false;
  const callee = node.firstChild;
  if (callee === null) return never;
  const heap = c.m.heap;
  const bound = (name: string): boolean =>
    scope.locals?.has(name) === true ||
    scope.cells?.has(name) === true ||
    c.moduleAssigned.has(name) ||
    c.fromImports.has(name);
  /** The type of the value held in a name, or null when it is unbound. */
  const typeIn = (nameNode: SyntaxNode): ((frame: Frame) => string | null) => {
    const load = c.load(nameNode, scope);
    return (frame) => {
      let value: number;
      try {
        value = load(frame);
      } catch {
        return null;
      }
      const type = heap.typeOf(value);
      heap.decref(value);
      return type;
    };
  };
  if (callee.name === 'VariableName') {
    const name = c.text(callee);
    if (!bound(name))
      return COUNTED_BUILTINS.has(name) ||
        (c.m.minor >= 9 && COUNTED_TYPES.has(name)) ||
        (c.m.minor >= 11 && name === 'next')
        ? () => true
        : never;
    if (c.m.minor < 11) return never;
    const type = typeIn(callee);
    return (frame) => {
      const t = type(frame);
      return t === 'function' || t === 'type';
    };
  }
  if (callee.name !== 'MemberExpression') return never;
  const [receiver, dot, method] = c.kids(callee);
  if (receiver?.name !== 'VariableName' || dot?.name !== '.' || method === undefined) return never;
  const receiverName = c.text(receiver);
  if (receiverName === 'gc' && c.isImportedModule('gc')) return () => true;
  if (!bound(receiverName) || c.isImportedModule(receiverName)) return never;
  const methodName = c.text(method);
  const type = typeIn(receiver);
  const instances = c.m.minor >= 11;
  return (frame) => {
    const t = type(frame);
    if (t === 'instance') return instances;
    return t !== null && COUNTED_METHODS[t]?.has(methodName) === true;
  };
}

/** A statement node's kind as a refusal names it: `ClassDefinition` → `class statement`. */
export function describeStatement(name: string): string {
  switch (name) {
    case 'ClassDefinition':
      return 'class statement';
    case 'DecoratedStatement':
      return 'decorated definition';
    case 'ImportStatement':
      return 'import';
    default:
      return `${name.replace(/Statement$/, '').toLowerCase()} statement`;
  }
}
