/**
 * Converting between str and bytes in `pymem run`:
 *
 *   s.encode([encoding])   an ASCII str under 'utf-8' (the default), 'utf8' or 'ascii':
 *                          PyBytes_FromStringAndSize of its characters (its UTF-8 form
 *                          is its data), so exact-size; b'' for ''
 *   b.decode([encoding])   ASCII bytes under the same names: unicode_decode_utf8's fast
 *                          path, PyUnicode_New(size, 127) filled by ascii_decode; '' and
 *                          one character are the cached strs
 *
 * Refused: other encodings, an `errors` argument, non-ASCII text (the UTF-8 encoder and
 * decoder go through a writer whose buffer may be resized), and a one-byte result (the
 * model keeps one object for the 256 cached characters).
 * Models unicode_encode_impl → _PyUnicode_AsUTF8String / _PyUnicode_AsASCIIString and
 * bytes_decode_impl → unicode_decode_utf8 / PyUnicode_DecodeASCII
 * (Objects/unicodeobject.c, Objects/bytesobject.c), 3.8–3.14.
 */
import type { ObjectHandle } from '@pymem/objects';
import { Unsupported } from './errors.ts';
import type { Machine } from './machine.ts';
import { isAscii } from './source.ts';

const ENCODINGS: ReadonlySet<string> = new Set(['utf-8', 'utf8', 'ascii']);

/** The encoding argument: one of ENCODINGS, else refused. */
function encodingOf(m: Machine, args: readonly ObjectHandle[], method: string): void {
  if (args.length > 1) throw new Unsupported(`${method}() with an errors argument`);
  if (args.length === 0) return;
  const heap = m.heap;
  const name = heap.typeOf(args[0]!) === 'str' ? (heap.valueOf(args[0]!) as string) : null;
  if (name === null || !ENCODINGS.has(name.toLowerCase()))
    throw new Unsupported(`${method}() with an encoding other than utf-8 or ascii`);
}

/** `s.encode(…)` / `b.decode(…)` (receiver and arguments borrowed), or undefined for other methods. */
export function bytesConversion(
  m: Machine,
  receiver: ObjectHandle,
  name: string,
  args: readonly ObjectHandle[],
): ObjectHandle | undefined {
  const heap = m.heap;
  const t = heap.typeOf(receiver);
  if (t === 'str' && name === 'encode') {
    encodingOf(m, args, 'str.encode');
    const text = heap.valueOf(receiver) as string;
    if (!isAscii(text)) throw new Unsupported('str.encode() of a non-ASCII str');
    if (text.length === 1) throw new Unsupported('a one-byte bytes object (a cached character)');
    return heap.newBytesOf(text);
  }
  if (t === 'bytes' && name === 'decode') {
    encodingOf(m, args, 'bytes.decode');
    const data = heap.bytesData(receiver);
    if (!isAscii(data)) throw new Unsupported('bytes.decode() of non-ASCII bytes');
    // PyUnicode_New(size, 127) — '' and one character are the cached strs.
    return heap.newStr(data);
  }
  return undefined;
}
