/**
 * The line events of a run: what a `sys.settrace` function receives as `'line'`, one
 * per executed line, for `pymem run --steps`. CPython reports a line when a frame's
 * bytecode reaches the first instruction of a line it was not on, or jumps backwards
 * (a loop's next iteration), and a new frame reports its first line (ceval.c
 * maybe_call_line_trace 3.8/3.9; PEP 626 line events 3.10+, instrumentation.c 3.12+).
 * In the model's terms:
 *
 *   statement on line n        an event when the frame's last event was not on n
 *                              (`a = 1; b = 2` is one event; returning from a call is
 *                              none: the caller's line did not change)
 *   loop header, next round    always an event (`while` test, `for` FOR_ITER), the
 *                              round that ends the loop included
 *   if / elif test             an event like a statement; `else:` has none
 *   `global`, a function's     no code, no event (3.8–3.13)
 *   docstring
 *
 * Measured with the reference interpreters and Pyodide (tests/scripts/line_trace.py):
 *   - 3.8/3.9 compile no code for a constant `if`/`elif`/`while` test (compile.c
 *     expr_constant), nor for a constant expression statement other than the module's
 *     docstring: no event; 3.10+ keep a NOP on the line: an event.
 *   - 3.8/3.9 give `pass` and `continue` an event only when the next instruction lands
 *     on their line (a loop's jump back, a function's implicit return): refused.
 *   - A statement over several lines reports each line its instructions carry
 *     (`x = [1,\n 2]` is 40 41 40): refused, as are one-line `while` loops (3.8/3.9
 *     report the test each round, 3.10+ only the first: the test is duplicated below the
 *     body), and constructs whose events are not measured yet (classes, `try`, `with`,
 *     generators and comprehensions, which run in frames of their own).
 * 3.14 was measured on Pyodide (CPython 3.14.2): the same events as 3.13.
 *
 * Invariant: for a run that is not refused, the events are those of `sys.settrace`'s
 * `'line'` calls for the program's own code, in order (tests/run-cli.test.ts).
 */
import type { SyntaxNode } from '@lezer/common';
import type { Compiler } from './compiler.ts';
import type { Frame } from './frame.ts';

/** Receives each executed line (1-based). */
export type LineListener = (line: number) => void;

/** The line events of one run, by frame. */
export class LineEvents {
  private readonly last = new WeakMap<Frame, number>();
  private readonly listener: LineListener;

  constructor(listener: LineListener) {
    this.listener = listener;
  }

  /** A statement (or test) on `line` starts in `frame`: an event when the frame's line changes. */
  enter(frame: Frame, line: number): void {
    if (this.last.get(frame) === line) return;
    this.last.set(frame, line);
    this.listener(line);
  }

  /**
   * A loop in `frame` jumps back to a header that has no code (3.8/3.9's constant
   * `while` test): the body's first line reports again even when the frame is on it
   * already (a backward jump to the start of a line is an event, maybe_call_line_trace).
   */
  jumpToBody(frame: Frame): void {
    this.last.delete(frame);
  }

  /** A loop in `frame` jumps back to its header on `line`: always an event. */
  jump(frame: Frame, line: number): void {
    this.last.set(frame, line);
    this.listener(line);
  }
}

/** Statements whose line events are measured (see the module comment). */
const TRACED_STATEMENTS: ReadonlySet<string> = new Set([
  'ExpressionStatement',
  'AssignStatement',
  'UpdateStatement',
  'DeleteStatement',
  'PassStatement',
  'BreakStatement',
  'ContinueStatement',
  'ReturnStatement',
  'ImportStatement',
  'AssertStatement',
  'FunctionDefinition',
  'ScopeStatement',
  'StatementGroup',
  'IfStatement',
  'WhileStatement',
  'ForStatement',
]);

/** Expressions that run code in frames of their own, or suspend one: not measured. */
const UNTRACED_EXPRESSIONS: ReadonlySet<string> = new Set([
  'ArrayComprehensionExpression',
  'SetComprehensionExpression',
  'DictionaryComprehensionExpression',
  'ComprehensionExpression',
  'YieldExpression',
  'AwaitExpression',
]);

/** True when line events are not measured for `construct` (a refusal names it). */
function refuse(c: Compiler, what: string, node: SyntaxNode): never {
  throw c.fail(`the line events (--steps) of ${what}`, node);
}

/** Refuses `node`'s part from `from` to `to` when it spans lines, or holds an unmeasured expression. */
function checkPart(c: Compiler, node: SyntaxNode, from: number, to: number): void {
  if (c.source.position(from).line !== c.source.position(Math.max(from, to - 1)).line)
    refuse(c, 'a statement over several lines', node);
  const cursor = node.cursor();
  do {
    if (cursor.from >= to) break;
    if (cursor.to > from && UNTRACED_EXPRESSIONS.has(cursor.name))
      refuse(c, cursor.name.replace(/Expression$/, '').toLowerCase(), cursor.node);
  } while (cursor.next());
}

/**
 * Whether the statement `node` reports a line event when it starts (`if`, `while` and
 * `for` report theirs themselves: see {@link testReportsLine}).
 * @throws Unsupported where the events are not measured (see the module comment)
 */
export function statementReportsLine(c: Compiler, node: SyntaxNode): boolean {
  if (!TRACED_STATEMENTS.has(node.name)) refuse(c, `the statement '${node.name}'`, node);
  const modern = c.m.minor >= 10;
  switch (node.name) {
    case 'ScopeStatement':
      return false;
    case 'StatementGroup':
      return false;
    case 'PassStatement':
    case 'ContinueStatement':
      if (!modern) refuse(c, `'${c.text(node)}' on 3.${c.m.minor}`, node);
      return true;
    case 'IfStatement':
    case 'WhileStatement':
    case 'ForStatement':
    case 'FunctionDefinition': {
      const body = node.getChild('Body');
      const end = body === null ? node.to : body.from;
      checkPart(c, node, node.from, end);
      if (body !== null && node.name === 'WhileStatement') {
        const header = c.source.position(node.from).line;
        const inner = c.kids(body).find((k) => k.name !== ':' && k.name !== 'Comment');
        if (inner !== undefined && c.source.position(inner.from).line === header)
          refuse(c, 'a one-line while loop', node);
      }
      return node.name === 'FunctionDefinition';
    }
    case 'ExpressionStatement': {
      checkPart(c, node, node.from, node.to);
      const [expression] = c.kids(node);
      const constant = expression === undefined ? undefined : c.constant(expression);
      if (constant === undefined) return true;
      if (constant.kind === 'str' && isFirstOf(c, node, 'FunctionDefinition')) return false;
      if (constant.kind === 'str' && isFirstOf(c, node, 'Script')) return true;
      return modern;
    }
    default:
      checkPart(c, node, node.from, node.to);
      return true;
  }
}

/** True when `node` is the first statement of the module (`Script`) or of a function's body. */
function isFirstOf(c: Compiler, node: SyntaxNode, owner: 'Script' | 'FunctionDefinition'): boolean {
  const parent = node.parent;
  if (parent === null) return false;
  if (owner === 'Script' ? parent.name !== 'Script' : parent.parent?.name !== owner) return false;
  const first = c.kids(parent).find((k) => k.name !== ':' && k.name !== 'Comment');
  return first?.from === node.from;
}

/**
 * Whether an `if`/`elif`/`while` test reports a line event: always from 3.10; on
 * 3.8/3.9 not for a test the compiler folds to a constant.
 * @throws Unsupported on 3.8/3.9 for a test made of literals the model does not fold
 */
export function testReportsLine(c: Compiler, test: SyntaxNode): boolean {
  if (c.source.position(test.from).line !== c.source.position(test.to).line)
    refuse(c, 'a test over several lines', test);
  if (c.m.minor >= 10) return true;
  if (c.constant(test) !== undefined) return false;
  const cursor = test.cursor();
  do {
    if (cursor.name === 'VariableName' || cursor.name === 'CallExpression') return true;
  } while (cursor.next() && cursor.from < test.to);
  return refuse(c, `the constant test '${c.text(test)}' on 3.${c.m.minor}`, test);
}
