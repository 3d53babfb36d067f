/**
 * The SyntaxWarnings CPython's compiler prints on stderr before a program runs, in the
 * order it compiles the code (source order, an expression before the ones inside it):
 *
 *   `x is 1`, `x is not 'a'`   a comparison by identity with a literal (a constant after
 *                              constant folding, but None, True, False and ...):
 *                              3.8–3.11 `"is" with a literal. Did you mean "=="?`,
 *                              3.12+ `"is" with 'int' literal. Did you mean "=="?` (the
 *                              left literal's type, else the right's); one per chain
 *   `assert (x, "msg")`        a non-empty tuple as the test: `assertion is always
 *                              true, perhaps remove parentheses?`
 *
 * Each is shown as warnings.formatwarning shows it: `FILE:LINE: SyntaxWarning: TEXT`
 * and the stripped source line, indented by two spaces. LINE is the comparison's or the
 * assert's first line. Models check_compare / check_is_arg and compiler_assert
 * (Python/compile.c, 3.8–3.13; measured on 3.8.18–3.13.0).
 */
import type { SyntaxNode } from '@lezer/common';
import type { Compiler } from './compiler.ts';
import type { Constant } from './constants.ts';

/** One compile-time warning: where, and its text. */
export interface SyntaxWarning {
  readonly line: number;
  readonly text: string;
}

/** The warnings compiling the tree under `root` prints, in CPython's order. */
export function syntaxWarnings(c: Compiler, root: SyntaxNode): SyntaxWarning[] {
  const warnings: SyntaxWarning[] = [];
  const cursor = root.cursor();
  do {
    const node = cursor.node;
    if (node.name === 'BinaryExpression') {
      const text = identityWithLiteral(c, node);
      if (text !== undefined) warnings.push({ line: lineOf(c, node), text });
    } else if (node.name === 'AssertStatement') {
      const test = c.kids(node)[1];
      if (test !== undefined && isNonEmptyTuple(c, test))
        warnings.push({
          line: lineOf(c, node),
          text: 'assertion is always true, perhaps remove parentheses?',
        });
    }
  } while (cursor.next());
  return warnings;
}

/** The lines CPython prints for `warnings` in the file `filename` of `source`. */
export function formatSyntaxWarnings(
  warnings: readonly SyntaxWarning[],
  filename: string,
  source: string,
): string {
  const lines = source.split('\n');
  return warnings
    .map(({ line, text }) => {
      const code = (lines[line - 1] ?? '').trim();
      return `${filename}:${line}: SyntaxWarning: ${text}\n${code === '' ? '' : `  ${code}\n`}`;
    })
    .join('');
}

function lineOf(c: Compiler, node: SyntaxNode): number {
  return c.source.position(node.from).line;
}

/**
 * check_compare for a whole comparison chain (`a < b is c` nests to the left; only its
 * outermost node is taken): the first identity test with a literal, or undefined.
 */
function identityWithLiteral(c: Compiler, node: SyntaxNode): string | undefined {
  if (!isComparison(c, node)) return undefined;
  const parent = node.parent;
  if (parent !== null && isComparison(c, parent)) {
    const first = c.kids(parent)[0];
    if (first !== undefined && first.from === node.from && first.to === node.to) return undefined;
  }
  const operands: SyntaxNode[] = [];
  const ops: string[] = [];
  let at: SyntaxNode = node;
  while (at.name === 'BinaryExpression' && isComparison(c, at)) {
    const kids = c.kids(at);
    operands.unshift(kids.at(-1)!);
    ops.unshift(opOf(c, kids));
    at = kids[0]!;
  }
  operands.unshift(at);
  for (let i = 0; i < ops.length; i++) {
    if (ops[i] !== 'is' && ops[i] !== 'is not') continue;
    const literal = [operands[i]!, operands[i + 1]!]
      .map((n) => literalOf(c, n))
      .find((k) => k !== undefined);
    if (literal === undefined) continue;
    const [equal, named] = ops[i] === 'is' ? ['==', '"is"'] : ['!=', '"is not"'];
    return c.m.minor >= 12
      ? `${named} with '${literal}' literal. Did you mean "${equal}"?`
      : `${named} with a literal. Did you mean "${equal}"?`;
  }
  return undefined;
}

/** A comparison's operator: the tokens between its operands (`is not` is two). */
function opOf(c: Compiler, kids: readonly SyntaxNode[]): string {
  return kids
    .slice(1, -1)
    .map((k) => c.text(k))
    .join(' ')
    .replace(/\s+/g, ' ');
}

const COMPARISONS = new Set(['==', '!=', '<', '<=', '>', '>=', 'is', 'is not', 'in', 'not in']);

function isComparison(c: Compiler, node: SyntaxNode): boolean {
  if (node.name !== 'BinaryExpression') return false;
  const kids = c.kids(node);
  return kids.length >= 3 && COMPARISONS.has(opOf(c, kids));
}

/** check_is_arg's literal: the type name of a constant other than None/True/False. */
function literalOf(c: Compiler, node: SyntaxNode): string | undefined {
  let constant: Constant | undefined;
  try {
    constant = c.constant(node);
  } catch {
    return undefined;
  }
  if (constant === undefined || constant.kind === 'none' || constant.kind === 'bool')
    return undefined;
  return constant.kind;
}

function isNonEmptyTuple(c: Compiler, node: SyntaxNode): boolean {
  if (node.name === 'TupleExpression')
    return c.kids(node).some((k) => !['(', ')', ','].includes(k.name));
  if (node.name === 'ParenthesizedExpression') {
    const inner = c.kids(node).slice(1, -1);
    return inner.length === 1 && isNonEmptyTuple(c, inner[0]!);
  }
  return false;
}
