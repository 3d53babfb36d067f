import { extname } from 'node:path';
import { writeTraceFile } from '@pymem/tracing/node';
import { CliError } from '../exit-codes.ts';
import type { Io } from '../io.ts';
import { openTrace, type ReadOptions } from '../load.ts';

/** Options of `pymem convert`. */
export interface ConvertOptions extends ReadOptions {
  readonly to: string;
  readonly output?: string;
  readonly force?: boolean;
}

/**
 * `pymem convert IN --to text|binary [-o OUT]`: lossless conversion between the text
 * format and `.pmt`. Without -o the result goes to IN with the other extension (never
 * over an existing file) — or to stdout for text when IN is "-".
 */
export async function convertCommand(
  io: Io,
  file: string,
  options: ConvertOptions,
): Promise<number> {
  const format =
    options.to === 'binary' || options.to === 'pmt' ? 'pmt' : options.to === 'text' ? 'text' : null;
  if (format === null)
    throw new CliError('usage', `--to takes text or binary, not "${options.to}"`);
  const trace = await openTrace(io, file, options);
  const stem =
    file === '-'
      ? 'stdin'
      : file.slice(0, file.length - extname(file).length).replace(/\.pymem$/, '');
  const output =
    options.output ??
    (format === 'text' ? (file === '-' ? '-' : `${stem}.pymem.txt`) : `${stem}.pmt`);
  if (output === '-' && format === 'pmt')
    throw new CliError('usage', 'binary output needs a file: give -o FILE');
  await writeTraceFile(trace, output, format, options.force ?? false);
  if (output !== '-') {
    io.err(
      `pymem: wrote ${trace.length.toLocaleString('en-US')} events as ${format === 'pmt' ? '.pmt' : 'text'} to ${output}\n`,
    );
  }
  return 0;
}
