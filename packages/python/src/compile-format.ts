/**
 * An f-string replacement with a constant format spec (`f"{x!r:>10}"`): FORMAT_VALUE
 * with the spec flag (3.8–3.12; 3.13 CONVERT_VALUE + FORMAT_WITH_SPEC, the same
 * references). The value is evaluated, converted by `!r` / `!s` (a new str, the value
 * released), then PyObject_Format(value, spec) makes the result and the converted
 * value is released; the spec is a constant of the code object. The formatting itself
 * is `string-format.ts`.
 */
import type { SyntaxNode } from '@lezer/common';
import type { ObjectHandle } from '@pymem/objects';
import type { Compiler, Scope } from './compiler.ts';
import { Unsupported } from './errors.ts';
import type { Expression } from './frame.ts';
import { shared } from './operations.ts';
import { formatWithSpec, strDotFormat } from './string-format.ts';
import { reprText, strText } from './values.ts';

/** The text of a FormatSpec node after its `:`; nested fields and escapes are refused. */
export function formatSpecText(c: Compiler, node: SyntaxNode): string {
  const text = c.text(node).slice(1);
  if (node.getChild('FormatReplacement') !== null || text.includes('{'))
    throw c.fail('a nested field in a format spec', node);
  if (text.includes('\\')) throw c.fail('an escape in a format spec', node);
  return text;
}

/** FORMAT_VALUE with a spec: a new reference to the formatted str. */
export function formatValueWithSpec(
  c: Compiler,
  value: Expression,
  conversion: string,
  spec: string,
): Expression {
  const m = c.m;
  const heap = m.heap;
  return (frame) => {
    let v = value(frame);
    try {
      if (conversion !== '') {
        const converted = convert(m.heap, v, conversion === '!r');
        heap.decref(v);
        v = converted;
      }
      return formatWithSpec(heap, v, spec);
    } finally {
      heap.decref(v);
    }
  };
}

/** PyObject_Str / PyObject_Repr of an int, float or str: a str stays itself under `!s`. */
function convert(heap: Compiler['m']['heap'], v: ObjectHandle, repr: boolean): ObjectHandle {
  const t = heap.typeOf(v);
  if (t !== 'str' && t !== 'int' && t !== 'float')
    throw new Unsupported(`converting a ${heap.typeNameOf(v)} in an f-string`);
  if (t === 'str' && !repr) return shared(heap, v);
  const text = repr ? reprText(heap, v) : strText(heap, v);
  // A conversion's str is new even of one character (not the latin-1 singleton).
  return [...text].length === 1 ? heap.newFreshStr(text) : heap.newStr(text);
}

/**
 * `template.format(a, k=v)`: CALL_METHOD_KW / CALL_KW — the receiver, the positional
 * arguments, the keyword values in order; str.format gets them as a tuple and a dict
 * (their blocks are not modelled: `id()` is refused after formatting) and the
 * arguments are released after the call, last first.
 */
export function formatCallWithKeywords(
  c: Compiler,
  receiverNode: SyntaxNode,
  positional: SyntaxNode[],
  keywords: [string, SyntaxNode][],
  scope: Scope,
): Expression {
  const heap = c.m.heap;
  const receiver = c.expression(receiverNode, scope);
  const args = positional.map((p) => c.expression(p, scope));
  const values = keywords.map(([, v]) => c.expression(v, scope));
  return (frame) => {
    const r = receiver(frame);
    const held: ObjectHandle[] = [];
    try {
      for (const a of args) held.push(a(frame));
      for (const v of values) held.push(v(frame));
      if (heap.typeOf(r) !== 'str') throw new Unsupported('format() of a non-str');
      const kwargs = new Map(keywords.map(([k], i) => [k, held[args.length + i]!]));
      return strDotFormat(heap, heap.valueOf(r) as string, held.slice(0, args.length), kwargs);
    } finally {
      for (let i = held.length - 1; i >= 0; i--) heap.decref(held[i]!);
      heap.decref(r);
    }
  };
}
