/**
 * Content types of the files the viewer's server sends: the built app's assets by
 * extension, and the recording by what its first bytes say.
 */
import type { TraceEncoding } from '@pymem/tracing';

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

// How the recording is stored, from its first bytes and name: @pymem/tracing's sniffTrace.
export { sniffTrace as traceEncodingOf, type TraceEncoding } from '@pymem/tracing';

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
