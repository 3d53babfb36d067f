/**
 * `zip(a, b, …, strict=flag)` (3.10+): the positional arguments, then the flag, are
 * evaluated in order; zip_new reads the flag's truth (`|$p`) and makes the same zip
 * object as without it, whose `strict` field makes a mismatch in lengths a ValueError
 * when the zip runs out (packed-iterators.ts). zip has no vectorcall, so the call goes
 * through _PyObject_MakeTpCall: an arguments tuple and a keywords dict, both from free
 * lists CPython's start-up filled and back to them after the call — not modelled, as
 * for every such call (builtins-lib.ts). Before 3.10 zip_new rejects any keyword
 * (_PyArg_NoKeywords): a TypeError once the arguments are evaluated. Models zip_new /
 * zip_next, Python/bltinmodule.c 3.8–3.14.
 */
import type { SyntaxNode } from '@lezer/common';
import type { ObjectHandle } from '@pymem/objects';
import { zipOf } from './builtins-lib.ts';
import { type Compiler, pythonErrorOf, type Scope } from './compiler.ts';
import { PythonError } from './errors.ts';
import type { Expression } from './frame.ts';
import { truthy } from './values.ts';

/** Compiles `zip(*positional, strict=flag)`. */
export function zipStrictCall(
  c: Compiler,
  positional: readonly SyntaxNode[],
  flag: SyntaxNode,
  scope: Scope,
  node: SyntaxNode,
): Expression {
  if (positional.length === 0) throw c.fail('zip(strict=) of nothing', node);
  const m = c.m;
  const heap = m.heap;
  const args = positional.map((p) => c.expression(p, scope));
  const strict = c.expression(flag, scope);
  return c.located((frame) => {
    const values: ObjectHandle[] = [];
    try {
      for (const a of args) values.push(a(frame));
      const f = strict(frame);
      values.push(f);
      if (m.minor < 10) throw new PythonError('TypeError', 'zip() takes no keyword arguments');
      return zipOf(m, values.slice(0, -1), truthy(heap, f));
    } catch (error) {
      throw pythonErrorOf(error);
    } finally {
      m.releaseArguments(values);
    }
  }, node);
}
