/**
 * What a recording file holds, from its first bytes — the one definition every reader
 * uses (the Node file reader, the viewer's worker, the viewer's server):
 *
 *   \x89PMT\r\n\x1a\n …   'pmt'     the binary format (docs/formats/pmt.md)
 *   1f 8b …               'gzip'    gzip-compressed text or .pmt: inflate, then sniff again
 *   pymem-trace …         'text'    the text format (docs/formats/text.md)
 *   anything else, *.br   'brotli'  brotli has no magic number: only the name tells
 *   anything else         'text'    (the text parser then names what is wrong)
 */
import { isPmt } from './pmt/index.ts';

/** How a recording is stored. */
export type TraceEncoding = 'pmt' | 'gzip' | 'brotli' | 'text';

/** Leading bytes {@link sniffTrace} needs (fewer only when the file is shorter). */
export const SNIFF_BYTES = 16;

const TEXT_MAGIC = 'pymem-trace';

/**
 * Classifies a recording by its first bytes (at least {@link SNIFF_BYTES} when the
 * file has them) and its name (only to recognise brotli, `.br`). Never throws.
 */
export function sniffTrace(head: Uint8Array, name: string): TraceEncoding {
  if (isPmt(head)) return 'pmt';
  if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
  let text = head.length >= TEXT_MAGIC.length;
  for (let i = 0; text && i < TEXT_MAGIC.length; i++) {
    if (head[i] !== TEXT_MAGIC.charCodeAt(i)) text = false;
  }
  if (!text && /\.br$/i.test(name)) return 'brotli';
  return 'text';
}
