/**
 * int, bool, None and float objects.
 *
 *   int    [ob_refcnt][ob_type][ob_size | lv_tag][digit 0][digit 1]…   30-bit digits
 *   float  [ob_refcnt][ob_type][ob_fval]
 *
 * An int stores |digits| (3.11+: at least one, 0 included); −5…256 are cached
 * singletons (`smallInts`), so newInt of them shares. Floats and (3.14) one-digit ints
 * are taken from their free lists before the allocator.
 * Invariant: `length[h]` of an int is its stored digit count, so its size is
 * `intHeader + 4·length`. Models _PyLong_New / PyLong_FromLongLong and
 * PyFloat_FromDouble, Objects/longobject.c and Objects/floatobject.c, 3.8–3.14.
 */
import type { HeapCore, ObjectHandle } from './heap-core.ts';

/** Number of 30-bit digits of |v| (0 for 0). */
export function digitCount(v: bigint): number {
  let a = v < 0n ? -v : v;
  // One or two digits (most ints a program makes) without the loop's shifts.
  if (a < 0x40000000n) return a === 0n ? 0 : 1;
  if (a < 0x1000000000000000n) return 2;
  let n = 0;
  while (a > 0n) {
    a >>= 30n;
    n++;
  }
  return n;
}

/** A new reference to the int `value` (a cached small int or a new PyLongObject). */
export function newInt(heap: HeapCore, value: number | bigint): ObjectHandle {
  const c = heap.constants;
  // Compared as numbers: |v| beyond 2^53 is far outside the small-int range either way.
  const approx = typeof value === 'number' ? value : Number(value);
  if (approx >= c.smallIntMin && approx <= c.smallIntMax) {
    return heap.share(heap.smallInts[approx - c.smallIntMin]!);
  }
  const v = typeof value === 'bigint' ? value : BigInt(value);
  // Below 2^53 `approx` is exact and the int has one or two digits (2^53 < 2^60): the
  // count needs no bigint comparisons.
  const magnitude = Math.abs(approx);
  const digits = magnitude < 2 ** 53 ? (magnitude < 0x40000000 ? 1 : 2) : digitCount(v);
  const stored = heap.layout.zeroHasNoDigits ? digits : Math.max(1, digits);
  const parked = digits === 1 && heap.freeLists.int.pop();
  const h = parked
    ? heap.revive(parked)
    : heap.allocObject(
        'int',
        heap.objMalloc(heap.layout.intHeader + heap.layout.digitBytes * stored),
      );
  heap.table.payload[h] = v;
  heap.table.length[h] = stored;
  return h;
}

/** `PyFloat_FromDouble`: from the float free list when it has one. */
export function newFloat(heap: HeapCore, value: number): ObjectHandle {
  const parked = heap.freeLists.float.pop();
  const h = parked
    ? heap.revive(parked)
    : heap.allocObject('float', heap.objMalloc(heap.layout.floatSize));
  heap.table.payload[h] = value;
  return h;
}
