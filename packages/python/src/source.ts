/**
 * Python source, parsed: the syntax tree from @lezer/python, positions as CPython
 * reports them (1-based lines and columns), and the literals' values (numbers, strs
 * with their escapes, implicit concatenation). A parse error or a literal the model
 * does not represent (bytes, complex, f-strings) is Unsupported at its position.
 */

import type { SyntaxNode } from '@lezer/common';
import { parser } from '@lezer/python';
import { type SourcePosition, Unsupported } from './errors.ts';

/** True when every character of `text` is ASCII (below U+0080). */
export function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return false;
  return true;
}

/** A parsed program: its text, tree and line starts. */
export class Source {
  /** The program text. */
  readonly text: string;
  /** The root (`Script`) node. */
  readonly root: SyntaxNode;
  private readonly lineStarts: number[] = [0];

  constructor(text: string) {
    this.text = text;
    for (let i = 0; i < text.length; i++) if (text[i] === '\n') this.lineStarts.push(i + 1);
    this.root = parser.parse(text).topNode;
    const cursor = this.root.cursor();
    do {
      // A bare `yield` parses with an empty error node after the keyword.
      const bareYield =
        cursor.from === cursor.to &&
        (cursor.node.parent?.name === 'YieldStatement' ||
          cursor.node.parent?.name === 'YieldExpression');
      if (cursor.type.isError && !bareYield)
        throw new Unsupported(
          'this syntax (the parser found an error here)',
          this.position(cursor.from),
        );
    } while (cursor.next());
  }

  /** The 1-based line and column of an offset. */
  position(offset: number): SourcePosition {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.lineStarts[lo]! + 1 };
  }

  /** The text of line `line` (1-based), without its end of line. */
  lineText(line: number): string {
    const start = this.lineStarts[line - 1] ?? this.text.length;
    const end = this.text.indexOf('\n', start);
    return this.text.slice(start, end < 0 ? undefined : end).replace(/\r$/, '');
  }

  /** A node's source text. */
  textOf(node: SyntaxNode): string {
    return this.text.slice(node.from, node.to);
  }

  /** Unsupported `feature` at `node`. */
  unsupported(feature: string, node: SyntaxNode): Unsupported {
    return new Unsupported(feature, this.position(node.from));
  }

  /** The node's children, comments and punctuation left out. */
  children(node: SyntaxNode): SyntaxNode[] {
    const out: SyntaxNode[] = [];
    for (let child = node.firstChild; child !== null; child = child.nextSibling)
      if (child.name !== 'Comment') out.push(child);
    return out;
  }

  /** The value of a Number literal: an int (bigint) or a float. */
  numberValue(node: SyntaxNode): bigint | number {
    const text = this.textOf(node).replace(/_/g, '');
    if (/[jJ]$/.test(text)) throw this.unsupported('a complex literal', node);
    if (/^0[xXoObB]/.test(text)) return BigInt(text.toLowerCase());
    if (/^[0-9]+$/.test(text)) return BigInt(text);
    return Number(text);
  }

  /** The value of a String literal or of an implicit concatenation (ContinuedString). */
  stringValue(node: SyntaxNode): string {
    if (node.name === 'ContinuedString')
      return this.children(node)
        .map((part) => this.stringValue(part))
        .join('');
    if (node.name === 'FormatString') throw this.unsupported('an f-string', node);
    const text = this.textOf(node);
    const prefix = /^[a-zA-Z]*/.exec(text)![0].toLowerCase();
    if (prefix.includes('b')) throw this.unsupported('a bytes literal', node);
    if (prefix.includes('f')) throw this.unsupported('an f-string', node);
    const body = text.slice(prefix.length);
    const quote = body.startsWith('"""') || body.startsWith("'''") ? 3 : 1;
    const inner = body.slice(quote, body.length - quote);
    return prefix.includes('r') ? inner : this.unescape(inner, node);
  }

  /** True for a bytes literal, or an implicit concatenation of them. */
  isBytes(node: SyntaxNode): boolean {
    const first = node.name === 'ContinuedString' ? node.firstChild : node;
    if (first === null || first.name !== 'String') return false;
    return /^[a-zA-Z]*/.exec(this.textOf(first))![0].toLowerCase().includes('b');
  }

  /** The value of a bytes literal (or concatenation), one char per byte. */
  bytesValue(node: SyntaxNode): string {
    if (node.name === 'ContinuedString')
      return this.children(node)
        .map((part) => this.bytesValue(part))
        .join('');
    const text = this.textOf(node);
    const prefix = /^[a-zA-Z]*/.exec(text)![0].toLowerCase();
    if (node.name !== 'String' || !prefix.includes('b'))
      throw this.unsupported('bytes and str literals joined (a SyntaxError)', node);
    const body = text.slice(prefix.length);
    const quote = body.startsWith('"""') || body.startsWith("'''") ? 3 : 1;
    const inner = body.slice(quote, body.length - quote);
    if (!isAscii(inner))
      throw this.unsupported('a non-ASCII character in a bytes literal (a SyntaxError)', node);
    if (prefix.includes('r')) return inner;
    // Bytes escapes: the str ones but \u, \U and \N (kept as written, with a warning).
    if (/\\[uUN]/.test(inner.replace(/\\\\/g, '')))
      throw this.unsupported('\\u, \\U or \\N in a bytes literal', node);
    const value = this.unescape(inner, node);
    if ([...value].some((ch) => ch.codePointAt(0)! > 0xff))
      throw this.unsupported('an octal escape above \\377 in a bytes literal', node);
    return value;
  }

  /**
   * The parts of an f-string: literal text (escapes and `{{`/`}}` decoded) and the
   * FormatReplacement nodes, in order. Raw f-strings keep backslashes.
   */
  formatParts(node: SyntaxNode): (string | SyntaxNode)[] {
    const text = this.textOf(node);
    const prefix = /^[a-zA-Z]*/.exec(text)![0].toLowerCase();
    const body = text.slice(prefix.length);
    const quote = body.startsWith('"""') || body.startsWith("'''") ? 3 : 1;
    const start = node.from + prefix.length + quote;
    const end = node.to - quote;
    const parts: (string | SyntaxNode)[] = [];
    let at = start;
    const literal = (to: number): void => {
      if (to <= at) return;
      const raw = this.text.slice(at, to).replace(/\{\{/g, '{').replace(/\}\}/g, '}');
      parts.push(prefix.includes('r') ? raw : this.unescape(raw, node));
    };
    for (let child = node.firstChild; child !== null; child = child.nextSibling) {
      // An escape (`\n`) is part of the literal text around it.
      if (child.name === 'Escape') continue;
      if (child.name !== 'FormatReplacement') throw this.unsupported('this f-string', node);
      literal(child.from);
      parts.push(child);
      at = child.to;
    }
    literal(end);
    return parts;
  }

  private unescape(s: string, node: SyntaxNode): string {
    let out = '';
    for (let i = 0; i < s.length; i++) {
      const ch = s[i]!;
      if (ch !== '\\') {
        out += ch;
        continue;
      }
      const next = s[++i];
      const simple: Record<string, string> = {
        n: '\n',
        t: '\t',
        r: '\r',
        '\\': '\\',
        "'": "'",
        '"': '"',
        a: '\x07',
        b: '\b',
        f: '\f',
        v: '\v',
        '\n': '',
      };
      if (next !== undefined && next in simple) out += simple[next];
      else if (next === 'x' || next === 'u' || next === 'U') {
        const n = next === 'x' ? 2 : next === 'u' ? 4 : 8;
        const hex = s.slice(i + 1, i + 1 + n);
        if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== n)
          throw this.unsupported('this string escape', node);
        out += String.fromCodePoint(Number.parseInt(hex, 16));
        i += n;
      } else if (next !== undefined && /[0-7]/.test(next)) {
        const octal = /^[0-7]{1,3}/.exec(s.slice(i))![0];
        out += String.fromCodePoint(Number.parseInt(octal, 8));
        i += octal.length - 1;
      } else throw this.unsupported('this string escape', node);
    }
    return out;
  }
}
