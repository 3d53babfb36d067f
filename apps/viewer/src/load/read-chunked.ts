/**
 * Opening a large `.pmt` recording chunk by chunk, in the loading worker: the file
 * stays a Blob and is scanned once (`scanPmt`: every checksum checked, the chunk
 * index and the notes kept, the events dropped chunk by chunk), so the worker holds
 * one chunk at a time, never the events. The page then reads the chunks it needs
 * from the same Blob (model/chunk-bytes.ts).
 *
 *   File ─────────────────────────────► Blob ─► scanPmt (FileReaderSync, chunk by chunk)
 *   URL ─► fetch ─► Response.blob() ──► Blob ─┘    (the browser keeps the bytes, not the page)
 *
 * Which recordings: `.pmt` (not compressed) of at least {@link CHUNKED_FROM_BYTES},
 * or any `.pmt` when the page asks (`?chunks=always`); never with `?chunks=never`.
 * A `.pmt` the scan finds damaged is read whole, as before (its reader salvages).
 */
/// <reference lib="webworker" />

import { type PmtByteSource, type PmtScan, SNIFF_BYTES, scanPmt, sniffTrace } from '@pymem/tracing';

/** `.pmt` files from this size on are read chunk by chunk (unless the page says otherwise). */
export const CHUNKED_FROM_BYTES: number = 32 * 2 ** 20;

/** When to read a `.pmt` chunk by chunk: by size, always, or never. */
export type ChunkedMode = 'auto' | 'always' | 'never';

/** The mode `?chunks=` of the page's query asks for ('auto' when absent or unknown). */
export function chunkedMode(search: string): ChunkedMode {
  const value = new URLSearchParams(search).get('chunks');
  return value === 'always' || value === 'never' ? value : 'auto';
}

/** True when a recording of `size` bytes (null: unknown) is read chunk by chunk if it is a `.pmt`. */
export function wantsChunks(mode: ChunkedMode, size: number | null): boolean {
  if (mode === 'never') return false;
  return mode === 'always' || (size !== null && size >= CHUNKED_FROM_BYTES);
}

/** True when the first bytes of `blob` are those of a `.pmt` file (not compressed). */
export async function isPmtBlob(blob: Blob, name: string): Promise<boolean> {
  const head = new Uint8Array(await blob.slice(0, SNIFF_BYTES).arrayBuffer());
  return sniffTrace(head, name) === 'pmt';
}

/** `blob` read synchronously (a worker's FileReaderSync), reporting the furthest byte read. */
export function blobSource(blob: Blob, onRead?: (end: number) => void): PmtByteSource {
  const reader = new FileReaderSync();
  return {
    size: blob.size,
    read(offset, length) {
      const end = Math.min(blob.size, offset + length);
      const bytes = new Uint8Array(reader.readAsArrayBuffer(blob.slice(offset, end)));
      onRead?.(end);
      return bytes;
    },
  };
}

/** Scans `blob` as a `.pmt` file; null when it must be read whole (see the module comment). */
export function scanBlob(blob: Blob, onRead?: (end: number) => void): PmtScan | null {
  return scanPmt(blobSource(blob, onRead));
}
