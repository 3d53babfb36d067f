/**
 * A built-in named as a key function (`pymem run`): `sorted(xs, key=len)`,
 * `max(xs, key=abs)`, `sorted(words, key=str.lower)`, `max(d, key=d.get)`. The model
 * has no object for a built-in function, so the key is recognised when compiled and
 * applied to each item as the sort or min_max calls it from C: a vectorcall with the
 * item borrowed, no frame, a new reference back.
 *
 *   key=len (a built-in name)     LOAD_NAME: a static function object, nothing made
 *   key=str.lower (a method       LOAD_ATTR on the type: its method_descriptor, nothing
 *     descriptor of str)          made; each call is method_vectorcall_NOARGS(item)
 *   key=d.get (a dict's method)   LOAD_ATTR on the dict: method_get makes a bound
 *                                 builtin method (PyCFunctionObject holding d) — its own
 *                                 block on 3.9–3.13, from the PyCFunction free list
 *                                 start-up filled on 3.8 and 3.14 — released with the
 *                                 call's other arguments (meth_dealloc: d's reference,
 *                                 then the block)
 *
 * Invariant: a bound key's receiver is held (in the call's argument list) exactly
 * while its block is allocated; calls at one site nest (a stack), since a comparison
 * of keys may run Python code that reaches the same site again.
 * An instance item is refused (its `__len__` and friends run Python code: not on this
 * path), as is a non-str item of a str method (CPython's TypeError text).
 */
import type { SyntaxNode } from '@lezer/common';
import type { ObjectHandle } from '@pymem/objects';
import { builtin, callMethod } from './builtins.ts';
import type { Compiler, Scope } from './compiler.ts';
import { Unsupported } from './errors.ts';
import type { Expression } from './frame.ts';

/** The built-ins taken as key functions: one argument, no Python code of the program run. */
const KEY_BUILTINS: ReadonlySet<string> = new Set(['len', 'abs', 'str', 'repr', 'int', 'float']);

/** The methods of str taken as key functions (`key=str.lower`): no argument but the item. */
const KEY_STR_METHODS: ReadonlySet<string> = new Set([
  'lower',
  'upper',
  'strip',
  'lstrip',
  'rstrip',
]);

/** True when `name` is the built-in itself here (no binding of the program shadows it). */
function isBuiltinName(c: Compiler, name: string, scope: Scope): boolean {
  if (scope.locals?.has(name) || scope.cells?.has(name)) return false;
  return !c.moduleAssigned.has(name) && !c.fromImports.has(name);
}

/** The parts of `a.b` (a MemberExpression with a dot), else undefined. */
function attributeParts(
  c: Compiler,
  node: SyntaxNode,
): { receiver: SyntaxNode; attribute: string } | undefined {
  if (node.name !== 'MemberExpression') return undefined;
  const parts = c.kids(node);
  if (parts.length !== 3 || parts[1]?.name !== '.') return undefined;
  return { receiver: parts[0]!, attribute: c.text(parts[2]!) };
}

/** The key call for `node` when it names a key built-in or a str method, else undefined. */
export function builtinKey(
  c: Compiler,
  node: SyntaxNode | undefined,
  scope: Scope,
): ((item: ObjectHandle) => ObjectHandle) | undefined {
  if (node === undefined) return undefined;
  const m = c.m;
  const attribute = attributeParts(c, node);
  if (attribute !== undefined) {
    const { receiver, attribute: method } = attribute;
    if (receiver.name !== 'VariableName' || c.text(receiver) !== 'str') return undefined;
    if (!isBuiltinName(c, 'str', scope) || !KEY_STR_METHODS.has(method)) return undefined;
    return (item) => {
      if (m.heap.typeOf(item) !== 'str')
        throw new Unsupported(`key=str.${method} of a ${m.heap.typeNameOf(item)} (a TypeError)`);
      return callMethod(m, item, method, []);
    };
  }
  if (node.name !== 'VariableName') return undefined;
  const name = c.text(node);
  if (!KEY_BUILTINS.has(name) || !isBuiltinName(c, name, scope)) return undefined;
  const fn = builtin(name);
  if (fn === undefined) return undefined;
  return (item) => {
    if (m.heap.typeOf(item) === 'instance')
      throw new Unsupported(`key=${name} of an instance (its dunder method)`);
    return fn(m, [item]);
  };
}

/** A bound `d.get` being called as a key: its receiver and its block (0: a free-list object). */
interface BoundKey {
  readonly receiver: ObjectHandle;
  readonly block: number;
}

/**
 * `key=<expr>.get` (see the module comment): the keyword's value, which evaluates the
 * receiver (a dict, else refused), makes the bound method and returns the receiver's
 * reference it holds; the key call; and the release of the call's arguments, which
 * frees the bound method where its stack slot is released.
 */
function boundGetKey(
  c: Compiler,
  node: SyntaxNode,
  scope: Scope,
):
  | {
      value: Expression;
      call: (item: ObjectHandle) => ObjectHandle;
      release: (held: readonly ObjectHandle[], at: number) => void;
    }
  | undefined {
  const attribute = attributeParts(c, node);
  if (attribute?.attribute !== 'get') return undefined;
  const m = c.m;
  const heap = m.heap;
  const L = heap.layout;
  // PyCFunctionObject: m_ml, m_self, m_module, m_weakreflist, vectorcall.
  const bytes = L.gcHeader + L.objectHeader + 5 * L.pointerSize;
  const ownBlock = m.minor >= 9 && m.minor <= 13;
  const receiver = c.expression(attribute.receiver, scope);
  const active: BoundKey[] = [];
  return {
    value: (frame) => {
      const r = receiver(frame);
      if (heap.typeOf(r) !== 'dict') {
        heap.decref(r);
        throw new Unsupported(`key=<a ${heap.typeNameOf(r)}>.get`);
      }
      active.push({ receiver: r, block: ownBlock ? heap.objMalloc(bytes) : 0 });
      return r;
    },
    call: (item) => callMethod(m, active.at(-1)!.receiver, 'get', [item]),
    release: (held, at) => {
      const bound = at < held.length ? active.pop() : undefined;
      m.releaseArguments(held, (v, i) => {
        heap.decref(v);
        if (i === at && bound !== undefined && bound.block !== 0)
          heap.memCall('free', bound.block, 0, 'obj');
      });
    },
  };
}

/**
 * A call's keywords with a built-in `key=` recognised: the key call (or undefined), the
 * keywords' names and compiled values, in order (a key built-in or str method is left
 * out; a bound `d.get` stays, as `key`, its value the dict the bound method holds), and
 * the release of the call's held arguments (`held`: `before` others, then the keywords'
 * values, as many as were evaluated).
 */
export function keywordsWithKey(
  c: Compiler,
  keywords: readonly [string, SyntaxNode][],
  scope: Scope,
): {
  keyBuiltin: ((item: ObjectHandle) => ObjectHandle) | undefined;
  names: string[];
  values: Expression[];
  release: (held: readonly ObjectHandle[], before: number) => void;
} {
  const keyNode = keywords.find(([k]) => k === 'key')?.[1];
  const keyBuiltin = builtinKey(c, keyNode, scope);
  const passed = keyBuiltin === undefined ? keywords : keywords.filter(([k]) => k !== 'key');
  const bound = keyBuiltin === undefined && keyNode ? boundGetKey(c, keyNode, scope) : undefined;
  const values = passed.map(([k, v]) =>
    bound !== undefined && k === 'key' ? bound.value : c.expression(v, scope),
  );
  const keyAt = passed.findIndex(([k]) => k === 'key');
  return {
    keyBuiltin: bound?.call ?? keyBuiltin,
    names: passed.map(([k]) => k),
    values,
    release: (held, before) => {
      if (bound === undefined) c.m.releaseArguments(held);
      else bound.release(held, before + keyAt);
    },
  };
}
