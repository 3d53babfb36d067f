/**
 * A str CPython builds with PyUnicode_New and returns as it is, without the
 * one-character cache: `str(5)`, `repr(7)` (long_to_decimal_string), `'a'.upper()`
 * (ascii_upper_or_lower), a one-character join. Such a str is a new object even when
 * its one character is latin-1 (measured 3.8.18–3.13.0: `str(5) is str(5)` is False;
 * 50 bytes on 3.8–3.11, 42 from 3.12); '' is still the empty singleton.
 * Models PyUnicode_New's compact layout (strings.ts's strBytes), Objects/unicodeobject.c.
 */
import type { HeapCore, ObjectHandle } from './heap-core.ts';
import { newStr, strBytes } from './strings.ts';

/** A new str object with the text `s`, never the cached one-character str. */
export function newFreshStr(heap: HeapCore, s: string): ObjectHandle {
  const codePoints = [...s];
  if (codePoints.length !== 1) return newStr(heap, s);
  const c = codePoints[0]!.codePointAt(0)!;
  const kind = c < 128 ? 0 : c < 256 ? 1 : c < 0x10000 ? 2 : 4;
  const h = heap.allocObject('str', heap.objMalloc(strBytes(heap, 1, kind)));
  heap.table.payload[h] = s;
  heap.table.length[h] = 1;
  heap.table.allocated[h] = kind;
  return h;
}
