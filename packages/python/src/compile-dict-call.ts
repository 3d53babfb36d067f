/**
 * `dict(…, name=value, …)`: the dict builtin called with keyword arguments.
 *
 *   3.8     no vectorcall for dict: _PyObject_MakeTpCall packs the positional arguments
 *           into a tuple, then the keywords into a dict (_PyStack_AsDict: presized,
 *           the interned names in call order); type_call makes the dict (tp_alloc, not
 *           the free list), dict_init merges the positional argument, then the keywords'
 *           dict (PyDict_Merge); the tuple and the keywords' dict are released after
 *   3.9+    dict_vectorcall: the dict (tp_alloc), the positional argument merged, then
 *           PyDict_SetItem of each name (the code's interned constant) and value
 *
 * The positional argument is what `dict(x)` takes (builtins.ts). Models
 * Objects/call.c _PyObject_MakeTpCall and Objects/dictobject.c dict_init /
 * dict_vectorcall, 3.8–3.14.
 */
import type { SyntaxNode } from '@lezer/common';
import type { ObjectHandle } from '@pymem/objects';
import { builtin } from './builtins.ts';
import { type Compiler, pythonErrorOf, type Scope } from './compiler.ts';
import type { Expression } from './frame.ts';

/** The call `dict(*positional, **keywords)` with at least one keyword. */
export function dictKeywordsCall(
  c: Compiler,
  positional: readonly SyntaxNode[],
  keywords: readonly [string, SyntaxNode][],
  scope: Scope,
  node: SyntaxNode,
): Expression {
  if (positional.length > 1) throw c.fail('dict() with more than one positional argument', node);
  const m = c.m;
  const heap = m.heap;
  const args = positional.map((p) => c.expression(p, scope));
  const values = keywords.map(([, v]) => c.expression(v, scope));
  const names = keywords.map(([k]) => k);
  const dict = builtin('dict')!;
  return (frame) => {
    const held: ObjectHandle[] = [];
    try {
      for (const a of args) held.push(a(frame));
      for (const v of values) held.push(v(frame));
      const given = held.slice(0, args.length);
      const kwvalues = held.slice(args.length);
      if (m.minor >= 9) {
        const d = dict(m, given);
        try {
          names.forEach((name, i) => {
            const key = heap.identifier(name);
            heap.dictSetItem(d, key, kwvalues[i]!);
            heap.decref(key);
          });
        } catch (error) {
          heap.decref(d);
          throw error;
        }
        return d;
      }
      const packed = heap.newTuple(given);
      const kwargs = heap.newDictPresized(names.length, true);
      try {
        names.forEach((name, i) => {
          const key = heap.identifier(name);
          heap.dictSetItem(kwargs, key, kwvalues[i]!);
          heap.decref(key);
        });
        const d = dict(m, given);
        heap.dictMerge(d, kwargs);
        return d;
      } finally {
        heap.decref(packed);
        heap.decref(kwargs);
      }
    } catch (error) {
      throw pythonErrorOf(error);
    } finally {
      m.releaseArguments(held);
    }
  };
}
