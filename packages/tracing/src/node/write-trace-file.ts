/**
 * Node adapter: writes a trace as text or `.pmt`, streaming the writer's chunks to a
 * new file. An existing file is never replaced unless asked; "-" writes stdout.
 */

import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import type { Writable } from 'node:stream';
import { encodePmt } from '../pmt/index.ts';
import { formatTextTrace } from '../text-writer.ts';
import type { Trace } from '../trace.ts';
import { TraceFileError } from './read-trace-file.ts';

/**
 * Writes `trace` to `path` in `format`.
 *
 * @throws TraceFileError when `path` exists and `overwrite` is not set.
 */
export async function writeTraceFile(
  trace: Trace,
  path: string,
  format: 'text' | 'pmt',
  overwrite = false,
): Promise<void> {
  let out: Writable;
  if (path === '-') out = process.stdout;
  else {
    out = createWriteStream(path, { flags: overwrite ? 'w' : 'wx' });
    try {
      await once(out, 'open');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new TraceFileError(
        code === 'EEXIST'
          ? `${path} exists already: choose another -o or remove it`
          : `${path}: cannot write (${code})`,
      );
    }
  }
  const chunks = format === 'pmt' ? encodePmt(trace) : formatTextTrace(trace);
  for (const chunk of chunks) {
    if (!out.write(chunk)) await once(out, 'drain');
  }
  if (path !== '-') {
    out.end();
    await once(out, 'finish');
  }
}
