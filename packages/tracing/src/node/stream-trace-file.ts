/**
 * Node adapter: opens a `.pmt` file for streaming (pmt/pmt-stream.ts). Every read
 * opens the file, reads one region and closes it again — a few system calls per chunk
 * of 65,536 events — so no descriptor outlives a read, however a pass ends.
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { type PmtByteSource, type PmtScan, scanPmt } from '../pmt/index.ts';

/** The bytes of the regular file at `path`, read on demand. */
function fileSource(path: string, size: number): PmtByteSource {
  return {
    size,
    read(offset, length) {
      const bytes = new Uint8Array(Math.max(0, Math.min(length, size - offset)));
      const fd = openSync(path, 'r');
      try {
        let done = 0;
        while (done < bytes.length) {
          const n = readSync(fd, bytes, done, bytes.length - done, offset + done);
          if (n === 0) break;
          done += n;
        }
        return done === bytes.length ? bytes : bytes.subarray(0, done);
      } finally {
        closeSync(fd);
      }
    },
  };
}

/**
 * Scans the `.pmt` file at `path` for streaming (its notes and chunk index).
 * @returns null when it is not a regular file or not a sound `.pmt` file: then read
 *   it whole with `readTraceFile`, which reports (or salvages) what is wrong.
 */
export function openStreamedPmt(path: string): PmtScan | null {
  let size: number;
  try {
    const info = statSync(path);
    if (!info.isFile()) return null;
    size = info.size;
  } catch {
    return null;
  }
  return scanPmt(fileSource(path, size));
}
