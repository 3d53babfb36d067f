/**
 * What a file holds, from its first bytes (and, for brotli, which has no magic
 * number, its name): a `.pmt` binary trace, gzip, brotli, or a text trace.
 */
import { isPmt } from '@pymem/tracing';

/** The kinds of input the viewer tells apart. */
export type InputKind = 'pmt' | 'gzip' | 'brotli' | 'text';

const TEXT_MAGIC = 'pymem-trace';

/** Classifies an input by its first bytes (at least 16 when the file has them) and name. */
export function sniffInput(head: Uint8Array, name: string): InputKind {
  if (isPmt(head)) return 'pmt';
  if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
  let text = true;
  for (let i = 0; i < TEXT_MAGIC.length; i++) {
    if (head[i] !== TEXT_MAGIC.charCodeAt(i)) text = false;
  }
  if (text) return 'text';
  if (/\.br$/i.test(name)) return 'brotli';
  return 'text';
}

/** A problem with the input that is not a malformed trace (wrong compression, HTTP …). */
export class ViewerInputError extends Error {
  override readonly name = 'ViewerInputError';
}

/** The message for a brotli file, which browsers cannot decompress. */
export function brotliMessage(name: string): string {
  return (
    `${name} is brotli-compressed (.br), which the browser cannot decompress: ` +
    `open it with "pymem view ${name}" (it decompresses for you), or decompress it ` +
    `first (brotli -d, or pymem convert to .pmt)`
  );
}
