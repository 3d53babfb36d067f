/**
 * `min(…, key=f)` / `max(…, key=f)` / `default=` (`pymem run`): builtins-lib.ts minMax
 * with the key function called as `sorted(key=…)` calls it (compile-lib.ts keyCall: a
 * call from C with a reference the caller holds). Models Python/bltinmodule.c min_max's
 * keyword arguments, 3.8–3.14. Refused: other keywords, `default=` with several
 * positional arguments (CPython's TypeError), a key that is not a function of the
 * program, a key built-in (compile-key-builtins.ts) or None.
 */
import type { SyntaxNode } from '@lezer/common';
import type { ObjectHandle } from '@pymem/objects';
import { isBuiltinValue, isGetter } from './builtin-values.ts';
import { minMax } from './builtins-lib.ts';
import { keywordsWithKey } from './compile-key-builtins.ts';
import { keyCall } from './compile-lib.ts';
import type { Compiler, Scope } from './compiler.ts';
import { pythonErrorOf } from './compiler.ts';
import { Unsupported } from './errors.ts';
import type { Expression } from './frame.ts';

/** The call `name(positional…, key=…, default=…)` (at least one keyword). */
export function minMaxCall(
  c: Compiler,
  name: 'min' | 'max',
  positional: SyntaxNode[],
  keywords: [string, SyntaxNode][],
  scope: Scope,
  node: SyntaxNode,
): Expression {
  for (const [k] of keywords)
    if (k !== 'key' && k !== 'default') throw c.fail(`${name}(${k}=…)`, node);
  const m = c.m;
  const heap = m.heap;
  const args = positional.map((p) => c.expression(p, scope));
  const { keyBuiltin, names, values, release } = keywordsWithKey(c, keywords, scope);
  const callKey = keyCall(c);
  return (frame) => {
    const held: ObjectHandle[] = [];
    try {
      for (const a of args) held.push(a(frame));
      for (const v of values) held.push(v(frame));
      const given = new Map(names.map((k, i) => [k, held[args.length + i]!]));
      const keyfunc = given.get('key');
      const useKey = keyfunc !== undefined && heap.typeOf(keyfunc) !== 'NoneType';
      if (
        keyBuiltin === undefined &&
        useKey &&
        !isBuiltinValue(m, keyfunc) &&
        !isGetter(m, keyfunc) &&
        (heap.typeOf(keyfunc) !== 'function' || !m.functions.has(keyfunc))
      )
        throw new Unsupported(`${name}(key=<a ${heap.typeNameOf(keyfunc)}>)`);
      return minMax(
        m,
        held.slice(0, args.length),
        name,
        keyBuiltin ?? (useKey ? (item) => callKey(frame, keyfunc, item) : undefined),
        given.get('default'),
      );
    } catch (error) {
      throw pythonErrorOf(error);
    } finally {
      release(held, args.length);
    }
  };
}
