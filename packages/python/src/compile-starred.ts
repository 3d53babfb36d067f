/**
 * A starred assignment target, `a, *rest, z = seq` (UNPACK_EX), also as a `for`
 * target (`pymem run`). Models unpack_iterable (Python/ceval.c; _PyEval_UnpackIterable
 * from 3.12), 3.8–3.14:
 *
 *   it = iter(seq)                     a list or tuple iterator (GC-tracked)
 *   the names before the star          next(it) each; too few: ValueError
 *   the starred name                   PySequence_List(it): a list from the free list,
 *                                      then list_extend over the iterator (its length
 *                                      hint presizes it; trimmed after)
 *   the names after the star           the list's last items, taken out by shortening
 *                                      it in place (its allocation stays: sizes show it)
 *   it released, then seq; then the stores, left to right.
 *
 * On an error the values taken so far are released, most recent first, then the
 * iterator, then the sequence. Refused: a source other than a list or tuple (other
 * iterators' next and length hints are not all modelled here), and two starred names
 * (CPython's SyntaxError).
 */
import type { SyntaxNode } from '@lezer/common';
import type { ObjectHandle } from '@pymem/objects';
import type { Compiler, Scope, StoreTarget } from './compiler.ts';
import { PythonError, Unsupported } from './errors.ts';

/** The target of an unpacking whose `items` (commas dropped) hold one `*` before a target. */
export function starredTarget(
  c: Compiler,
  items: readonly SyntaxNode[],
  scope: Scope,
  node: SyntaxNode,
): StoreTarget {
  const star = items.findIndex((i) => i.name === '*');
  const after = items.slice(star + 2);
  if (after.some((i) => i.name === '*'))
    throw c.fail('two starred expressions in one assignment', items[star]!);
  const starred = items[star + 1];
  if (starred === undefined) throw c.fail('a bare * target', items[star]!);
  const stores = [...items.slice(0, star), starred, ...after].map((i) =>
    c.targetOf([i], scope, node),
  );
  const before = star;
  const heap = c.m.heap;
  return {
    kind: 'unpack',
    items: stores,
    store: (frame, v) => {
      const t = heap.typeOf(v);
      if (t !== 'tuple' && t !== 'list') {
        const name = heap.typeNameOf(v);
        heap.decref(v);
        throw new Unsupported(`starred unpacking of a ${name}`);
      }
      const it = heap.newIterator(v);
      const taken: ObjectHandle[] = [];
      const fail = (error: unknown): never => {
        for (let i = taken.length - 1; i >= 0; i--) heap.decref(taken[i]!);
        heap.decref(it);
        heap.decref(v);
        throw error;
      };
      const atLeast = before + after.length;
      for (let i = 0; i < before; i++) {
        const w = heap.iteratorNext(it);
        if (w === 0)
          fail(
            new PythonError(
              'ValueError',
              `not enough values to unpack (expected at least ${atLeast}, got ${i})`,
            ),
          );
        taken.push(w);
      }
      // PySequence_List(it): PyList_New(0), then list_extend with the iterator's hint.
      const rest = heap.newList([]);
      taken.push(rest);
      heap.listExtend(rest, {
        items: {
          *[Symbol.iterator]() {
            for (let w = heap.iteratorNext(it); w !== 0; w = heap.iteratorNext(it)) yield w;
          },
        },
        lengthHint: heap.lengthOf(v) - before,
      });
      const ll = heap.lengthOf(rest);
      if (ll < after.length)
        fail(
          new PythonError(
            'ValueError',
            `not enough values to unpack (expected at least ${atLeast}, got ${before + ll})`,
          ),
        );
      taken.push(...heap.listDetachTail(rest, after.length));
      heap.decref(it);
      heap.decref(v);
      for (let i = 0; i < stores.length; i++) {
        try {
          stores[i]!.store(frame, taken[i]!);
        } catch (error) {
          for (let j = stores.length - 1; j > i; j--) heap.decref(taken[j]!);
          throw error;
        }
      }
    },
  };
}
