/**
 * `import itertools`: `itertools.count` and `itertools.repeat` (the heap's
 * itertools-objects.ts), iterated by `for`, `zip`, `enumerate` and `list()`.
 *
 *   count() / count(n)      an int start that fits a C long, step 1 ("fast mode"): the
 *                           object keeps no reference to `n`; each step is a new int
 *   repeat(x) / repeat(x, n)  holds `x`; each step returns `x` itself; a negative `n`
 *                           is 0; list(repeat(x, n)) preallocates n slots
 *                           (__length_hint__), as list_extend does
 *
 * Refused: a step, a float or huge start (count's slow mode), list() of a repeat with no
 * count (it never ends), next() on them. Models count_new, count_next, repeat_new,
 * repeat_next and repeat_len (Modules/itertoolsmodule.c), 3.8–3.14.
 */
import type { Heap, ObjectHandle } from '@pymem/objects';
import { PythonError, Unsupported } from './errors.ts';
import type { Machine } from './machine.ts';
import type { LibraryModule } from './module-math.ts';

/** The int value of `o` (a C Py_ssize_t here), else refused / CPython's TypeError. */
function intArgument(heap: Heap, o: ObjectHandle, what: string): number {
  const t = heap.typeOf(o);
  if (t !== 'int' && t !== 'bool') {
    if (t === 'float' || t === 'str') throw new Unsupported(`${what} of a ${heap.typeNameOf(o)}`);
    throw new PythonError('TypeError', `a number is required`);
  }
  const v = heap.valueOf(o) as bigint;
  if (v > 2n ** 53n || v < -(2n ** 53n)) throw new Unsupported(`${what} beyond 2**53`);
  return Number(v);
}

/** `itertools.count([start])`: a new count object. */
function count(m: Machine, args: readonly ObjectHandle[]): ObjectHandle {
  if (args.length > 1) throw new Unsupported('itertools.count() with a step');
  const start = args.length === 0 ? 0 : intArgument(m.heap, args[0]!, 'itertools.count()');
  return m.heap.newCount(start);
}

/** `itertools.repeat(x[, times])`: a new repeat object. */
function repeat(m: Machine, args: readonly ObjectHandle[]): ObjectHandle {
  if (args.length < 1 || args.length > 2)
    throw new Unsupported(`itertools.repeat() with ${args.length} arguments`);
  const heap = m.heap;
  const times = args.length === 1 ? -1 : intArgument(heap, args[1]!, 'itertools.repeat()');
  return heap.newRepeat(args[0]!, args.length === 2 && times < 0 ? 0 : times);
}

/**
 * list()'s source for a repeat: the object itself as its iterator (a new reference),
 * its items, and its length hint (the items left).
 */
export function repeatSource(
  heap: Heap,
  o: ObjectHandle,
): { it: ObjectHandle; items: Iterable<ObjectHandle>; lengthHint: number } {
  const lengthHint = heap.repeatLengthHint(o);
  if (lengthHint === undefined) throw new Unsupported('a list of a repeat that never ends');
  const it = heap.newIterator(o);
  const items = {
    *[Symbol.iterator]() {
      for (let next = heap.iteratorNext(it); next !== 0; next = heap.iteratorNext(it)) yield next;
    },
  };
  return { it, items, lengthHint };
}

/** The itertools module's functions. */
export const ITERTOOLS_MODULE: LibraryModule = {
  functions: { count, repeat },
};
