/**
 * A built-in function named as a key function, `sorted(xs, key=len)` / `max(xs,
 * key=abs)` (`pymem run`). The model has no object for a built-in function, so the name
 * (not shadowed by any binding of the program) is recognised when compiled and the
 * built-in is applied to each item as the sort or min_max calls it from C: a
 * vectorcall with the item borrowed, no frame, a new reference back. An instance item
 * is refused (its `__len__` and friends run Python code: not on this path).
 */
import type { SyntaxNode } from '@lezer/common';
import type { ObjectHandle } from '@pymem/objects';
import { builtin } from './builtins.ts';
import type { Compiler, Scope } from './compiler.ts';
import { Unsupported } from './errors.ts';
import type { Expression } from './frame.ts';

/** The built-ins taken as key functions: one argument, no Python code of the program run. */
const KEY_BUILTINS: ReadonlySet<string> = new Set(['len', 'abs', 'str', 'repr', 'int', 'float']);

/** The key call for `node` when it names a key built-in, else undefined. */
export function builtinKey(
  c: Compiler,
  node: SyntaxNode | undefined,
  scope: Scope,
): ((item: ObjectHandle) => ObjectHandle) | undefined {
  if (node?.name !== 'VariableName') return undefined;
  const name = c.text(node);
  if (!KEY_BUILTINS.has(name)) return undefined;
  if (scope.locals?.has(name) || scope.cells?.has(name)) return undefined;
  if (c.moduleAssigned.has(name) || c.fromImports.has(name)) return undefined;
  const fn = builtin(name);
  if (fn === undefined) return undefined;
  const m = c.m;
  return (item) => {
    if (m.heap.typeOf(item) === 'instance')
      throw new Unsupported(`key=${name} of an instance (its dunder method)`);
    return fn(m, [item]);
  };
}

/**
 * A call's keywords with `key=<key built-in>` taken out: the built-in's key call (or
 * undefined), and the other keywords' names and compiled values, in order.
 */
export function keywordsWithKey(
  c: Compiler,
  keywords: readonly [string, SyntaxNode][],
  scope: Scope,
): {
  keyBuiltin: ((item: ObjectHandle) => ObjectHandle) | undefined;
  names: string[];
  values: Expression[];
} {
  const keyBuiltin = builtinKey(c, keywords.find(([k]) => k === 'key')?.[1], scope);
  const passed = keyBuiltin === undefined ? keywords : keywords.filter(([k]) => k !== 'key');
  return {
    keyBuiltin,
    names: passed.map(([k]) => k),
    values: passed.map(([, v]) => c.expression(v, scope)),
  };
}
