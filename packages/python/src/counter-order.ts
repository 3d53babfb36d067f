/**
 * The order Counter.most_common() and Counter.__repr__ print a Counter's items in, and
 * the dict methods a Counter inherits: kept apart from module-counter.ts so that repr
 * (values.ts) and method lookup (module-defaultdict.ts) need none of the library calls.
 * Models Lib/collections/__init__.py Counter.most_common / __repr__, 3.8–3.14.
 */
import type { Heap, ObjectHandle } from '@pymem/objects';
import { Unsupported } from './errors.ts';

/** The dict methods a Counter inherits that the model runs as dict's. */
export const COUNTER_DICT_METHODS: ReadonlySet<string> = new Set([
  'get',
  'keys',
  'values',
  'items',
  'pop',
  'setdefault',
  'clear',
]);

/** A count's value (an int or bool), or a refusal naming what needed it. */
export function countValue(heap: Heap, v: ObjectHandle, what: string): bigint {
  const t = heap.typeOf(v);
  if (t !== 'int' && t !== 'bool') throw new Unsupported(`${what} with a count that is a ${t}`);
  return heap.valueOf(v) as bigint;
}

/**
 * Items of a Counter in most_common order: by count, highest first; equal counts keep
 * the Counter's order (a stable sort with reverse=True; heapq.nlargest's tie-break).
 */
export function mostCommonEntries(
  heap: Heap,
  c: ObjectHandle,
  what: string,
): [ObjectHandle, ObjectHandle][] {
  const flat = heap.referents(c);
  const pairs: [ObjectHandle, ObjectHandle, bigint][] = [];
  for (let i = 0; i < flat.length; i += 2)
    pairs.push([flat[i]!, flat[i + 1]!, countValue(heap, flat[i + 1]!, what)]);
  const order = pairs.map((_, i) => i);
  order.sort((a, b) => {
    const x = pairs[a]![2];
    const y = pairs[b]![2];
    return x === y ? a - b : x > y ? -1 : 1;
  });
  return order.map((i) => [pairs[i]![0], pairs[i]![1]]);
}

/** Counter.__repr__: `Counter()` or `Counter({k: v, …})` in most_common order. */
export function counterRepr(
  heap: Heap,
  c: ObjectHandle,
  repr: (o: ObjectHandle) => string,
): string {
  if (heap.lengthOf(c) === 0) return 'Counter()';
  const pairs = mostCommonEntries(heap, c, 'the repr of a Counter');
  return `Counter({${pairs.map(([k, v]) => `${repr(k)}: ${repr(v)}`).join(', ')}})`;
}
