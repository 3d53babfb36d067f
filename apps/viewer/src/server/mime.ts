/**
 * Content types of the files the viewer's server sends: the built app's assets by
 * extension, and the recording by what its first bytes say.
 */

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

/** The content type for a static file path (by extension), octet-stream if unknown. */
export function contentTypeOf(path: string): string {
  const dot = path.lastIndexOf('.');
  const extension = dot >= 0 ? path.slice(dot).toLowerCase() : '';
  return TYPES[extension] ?? 'application/octet-stream';
}

// The .pmt magic (docs/formats/pmt.md), repeated here so that the Node-only server
// needs no workspace package at run time.
const PMT_MAGIC = [0x89, 0x50, 0x4d, 0x54, 0x0d, 0x0a, 0x1a, 0x0a];

/** How the recording is stored, from its first bytes and name. */
export type TraceEncoding = 'pmt' | 'gzip' | 'brotli' | 'text';

/** Classifies a recording by its first (up to 16) bytes and its file name. */
export function traceEncodingOf(head: Uint8Array, name: string): TraceEncoding {
  if (head.length >= 8 && PMT_MAGIC.every((byte, i) => head[i] === byte)) return 'pmt';
  if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
  const text = 'pymem-trace';
  const isText = [...text].every((ch, i) => head[i] === ch.charCodeAt(0));
  if (!isText && /\.br$/i.test(name)) return 'brotli';
  return 'text';
}

/** Content type the recording is sent with (brotli is sent decompressed, as text). */
export function traceContentType(encoding: TraceEncoding): string {
  switch (encoding) {
    case 'pmt':
      return 'application/octet-stream';
    case 'gzip':
      return 'application/gzip';
    default:
      return 'text/plain; charset=utf-8';
  }
}
