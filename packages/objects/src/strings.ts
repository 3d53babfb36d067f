/**
 * str, bytes and bytearray objects.
 *
 *   str (compact)  [PyASCIIObject | PyCompactUnicodeObject][chars × kind][NUL]
 *   bytes          [ob_refcnt][ob_type][ob_size][ob_shash][bytes…][NUL]
 *   bytearray      [PyByteArrayObject] ──storage──► buffer of ob_alloc bytes
 *
 * A str's kind (1, 2 or 4 bytes per character; 0 = ASCII) sits in the `allocated`
 * column. '' and the 256 one-character latin-1 strs are singletons, as are b'' and
 * (one model object for all 256 of) the one-byte bytes. A bytearray's buffer is a
 * separate block grown by PyByteArray_Resize's rule.
 * Invariant: a bytearray with length n > 0 has allocated ≥ n + 1 and a buffer block of
 * `allocated` bytes. Models PyUnicode_New (Objects/unicodeobject.c),
 * PyBytes_FromStringAndSize (Objects/bytesobject.c) and PyByteArray_Resize
 * (Objects/bytearrayobject.c), 3.8–3.14.
 */
import { type HeapCore, LATIN1_SINGLETONS, type ObjectHandle } from './heap-core.ts';
import { HeapError } from './heap-error.ts';

/** Bytes of a compact str of `length` characters of `kind` (0: ASCII). */
export function strBytes(heap: HeapCore, length: number, kind: number): number {
  const L = heap.layout;
  return kind === 0 ? L.asciiHeader + length + 1 : L.compactHeader + kind * (length + 1);
}

/** A str with the text `s` (`PyUnicode_New` compact form; singletons for '' and latin-1 chars). */
export function newStr(heap: HeapCore, s: string): ObjectHandle {
  const codePoints = [...s];
  if (codePoints.length === 0) return heap.share(heap.emptyStr);
  let maxChar = 0;
  for (const ch of codePoints) maxChar = Math.max(maxChar, ch.codePointAt(0)!);
  if (codePoints.length === 1 && maxChar < LATIN1_SINGLETONS)
    return heap.share(heap.latin1[maxChar]!);
  const kind = maxChar < 128 ? 0 : maxChar < 256 ? 1 : maxChar < 0x10000 ? 2 : 4;
  const h = heap.allocObject('str', heap.objMalloc(strBytes(heap, codePoints.length, kind)));
  heap.table.payload[h] = s;
  heap.table.length[h] = codePoints.length;
  heap.table.allocated[h] = kind;
  return h;
}

/**
 * PyBytes_FromStringAndSize of `data` (one char per byte, 0–255): b'' is the singleton; a
 * longer one a new object whose payload is its bytes. One byte is refused: the model
 * keeps one object for all 256 cached characters, which could not tell them apart.
 */
export function newBytesOf(heap: HeapCore, data: string): ObjectHandle {
  if (data.length === 0) return heap.share(heap.emptyBytes);
  if (data.length === 1)
    throw new HeapError('unsupported', 'a one-byte bytes object (a cached character)');
  const h = heap.allocObject('bytes', heap.objMalloc(heap.layout.bytesHeader + data.length));
  heap.table.payload[h] = data;
  heap.table.length[h] = data.length;
  return h;
}

/** The bytes of a bytes object, one char per byte (`bytes(n)` is n zero bytes). */
export function bytesData(heap: HeapCore, o: ObjectHandle): string {
  const p = heap.table.payload[o];
  return typeof p === 'string' ? p : '\0'.repeat(heap.table.length[o]!);
}

/** `bytes(n)`, or with `fromData` PyBytes_FromStringAndSize (one byte: the cached character). */
export function newBytes(heap: HeapCore, n: number, fromData: boolean): ObjectHandle {
  if (n === 0) return heap.share(heap.emptyBytes);
  if (n === 1 && fromData) return heap.share(heap.oneByte);
  const h = heap.allocObject('bytes', heap.objMalloc(heap.layout.bytesHeader + n));
  heap.table.length[h] = n;
  return h;
}

/** `bytearray(n)`: the object, then PyByteArray_Resize to n (buffer of n + 1 bytes). */
export function newBytearray(heap: HeapCore, n: number): ObjectHandle {
  const h = heap.allocObject('bytearray', heap.objMalloc(heap.layout.bytearraySize));
  if (n > 0) bytearrayResize(heap, h, n);
  return h;
}

/** PyByteArray_Resize(b, size): over-allocates by 1/8 on growth, shrinks below half. */
export function bytearrayResize(heap: HeapCore, b: ObjectHandle, size: number): void {
  const t = heap.table;
  const alloc = t.allocated[b]!;
  let next = alloc;
  if (size + 1 <= alloc) {
    if (size < alloc / 2) next = size + 1;
  } else if (size <= alloc * 1.125) {
    next = size + (size >> 3) + (size < 9 ? 3 : 6);
  } else {
    next = size + 1;
  }
  if (next !== alloc) {
    t.storage[b] = heap.memCall('realloc', t.storage[b]!, next, heap.bufferDomain());
    t.allocated[b] = next;
  }
  t.length[b] = size;
}
