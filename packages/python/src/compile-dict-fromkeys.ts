/**
 * `dict.fromkeys(iterable[, value])`: _PyDict_FromKeys on the model.
 *
 *   LOAD_METHOD dict.fromkeys   a classmethod of a static type: the lookup binds it, a
 *                               builtin_function_or_method made before the arguments
 *                               are evaluated and freed after the call (3.9+; 3.8
 *                               takes it from the PyCFunction free list start-up
 *                               filled: nothing the model sees)
 *   dict()                      the new dict, made by calling the type
 *   exact dict / set argument   one resize, then each key with its stored hash
 *                               (objects' dictFromKeys)
 *   anything else               its iterator, then PyDict_SetItem key by key
 *
 * `value` defaults to None. The arguments are positional-only: keywords are refused.
 * A set's keys go in table order, which the model knows for ints, floats and None
 * (values.ts); other sets are refused. Models dict_fromkeys / _PyDict_FromKeys
 * (Objects/dictobject.c) and classmethod_get → PyCMethod_New (Objects/descrobject.c),
 * 3.8–3.14.
 */
import type { SyntaxNode } from '@lezer/common';
import type { ObjectHandle } from '@pymem/objects';
import { iterate } from './builtins-lib.ts';
import { type Compiler, pythonErrorOf, type Scope } from './compiler.ts';
import type { Expression } from './frame.ts';
import { iteratorNext } from './generator-runs.ts';
import type { Machine } from './machine.ts';
import { setItemsInOrder } from './values.ts';

/** True when `receiver.method` is the builtin `dict.fromkeys` (`dict` not rebound). */
export function isDictFromKeys(
  c: Compiler,
  receiver: SyntaxNode,
  method: string,
  scope: Scope,
): boolean {
  if (method !== 'fromkeys' || receiver.name !== 'VariableName' || c.text(receiver) !== 'dict')
    return false;
  return !(
    scope.locals?.has('dict') ||
    scope.cells?.has('dict') ||
    c.moduleAssigned.has('dict') ||
    c.fromImports.has('dict')
  );
}

/** Compiles `dict.fromkeys(iterable[, value])`. */
export function dictFromKeysCall(
  c: Compiler,
  positional: readonly SyntaxNode[],
  keywords: readonly (readonly [string, SyntaxNode])[],
  scope: Scope,
  node: SyntaxNode,
): Expression {
  if (keywords.length > 0) throw c.fail('keyword arguments to dict.fromkeys()', node);
  if (positional.length < 1 || positional.length > 2)
    throw c.fail(`dict.fromkeys() with ${positional.length} arguments`, node);
  const m = c.m;
  const heap = m.heap;
  const args = positional.map((p) => c.expression(p, scope));
  const L = heap.layout;
  // A PyCFunctionObject (five pointers after the object header) with its GC header.
  const boundBytes = heap.gcRequest(L.objectHeader + 5 * L.pointerSize);
  return c.located((frame) => {
    let result: ObjectHandle = 0;
    const run = (): void => {
      const values: ObjectHandle[] = [];
      try {
        for (const a of args) values.push(a(frame));
        result = fromKeys(m, values[0]!, values[1] ?? heap.none);
      } catch (error) {
        throw pythonErrorOf(error);
      } finally {
        m.releaseArguments(values);
      }
    };
    if (m.minor >= 9) heap.transientBlock(boundBytes, run);
    else run();
    return result;
  }, node);
}

/** _PyDict_FromKeys(dict, iterable, value), arguments borrowed: a new reference. */
function fromKeys(m: Machine, iterable: ObjectHandle, value: ObjectHandle): ObjectHandle {
  const heap = m.heap;
  const t = heap.typeOf(iterable);
  if (t === 'set' || t === 'frozenset') setItemsInOrder(heap, iterable);
  if (t === 'dict' || t === 'set' || t === 'frozenset') return heap.dictFromKeys(iterable, value);
  const d = heap.newDictFromType();
  let it: ObjectHandle = 0;
  try {
    it = iterate(heap, iterable, 'dict.fromkeys');
    for (let k = iteratorNext(m, it); k !== 0; k = iteratorNext(m, it)) {
      try {
        heap.dictSetItem(d, k, value);
      } finally {
        heap.decref(k);
      }
    }
  } catch (error) {
    heap.decref(d);
    throw error;
  } finally {
    if (it !== 0) heap.decref(it);
  }
  return d;
}
