import { statSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { record, selectInterpreter } from '@pymem/recorder';
import { CliError } from '../exit-codes.ts';
import type { Io } from '../io.ts';

/** Options of `pymem record`. */
export interface RecordCommandOptions {
  readonly python?: string;
  readonly output?: string;
  readonly module?: string;
  readonly code?: string;
  readonly force?: boolean;
  readonly text?: boolean;
  readonly sites?: string;
  readonly tracemalloc?: boolean;
}

/**
 * `pymem record [--python X] [-o FILE] (-m MOD | -c CODE | script.py) [args…]`:
 * runs the program under the recorder; exits with the program's own status.
 */
export async function recordCommand(
  io: Io,
  args: readonly string[],
  options: RecordCommandOptions,
): Promise<number> {
  const given = [options.module, options.code, args[0]].filter((x) => x !== undefined).length;
  if (options.module !== undefined && options.code !== undefined) {
    throw new CliError('usage', 'give one of -m MODULE, -c CODE or a script, not several');
  }
  if (given === 0)
    throw new CliError('usage', 'nothing to record: give a script, -m MODULE or -c CODE');
  const pythonArgs =
    options.module !== undefined
      ? ['-m', options.module, ...args]
      : options.code !== undefined
        ? ['-c', options.code, ...args]
        : [...args];
  const stem =
    options.module ?? (options.code !== undefined ? 'code' : basename(args[0]!, extname(args[0]!)));
  const text = options.text ?? (options.output !== undefined && extname(options.output) !== '.pmt');
  const output = options.output ?? `${stem}${text ? '.pymem.txt' : '.pmt'}`;
  if (text && extname(output) === '.pmt') {
    throw new CliError(
      'usage',
      `${output}: --text writes a text trace; name it e.g. ${stem}.pymem.txt`,
    );
  }
  const sites = options.sites === undefined ? 0 : Number(options.sites);
  if (!Number.isInteger(sites) || sites < 0 || sites > 65535) {
    throw new CliError(
      'usage',
      `--sites takes a whole number from 0 to 65535, not "${options.sites}"`,
    );
  }
  const interpreter = selectInterpreter(options.python);
  const result = await record({
    interpreter,
    args: pythonArgs,
    output,
    overwrite: options.force ?? false,
    format: text ? 'text' : 'pmt',
    sites,
    tracemalloc: options.tracemalloc ?? false,
  });
  let size = 0;
  try {
    size = statSync(result.output).size;
  } catch {
    // The program may have been killed before the first flush.
  }
  io.err(
    `pymem: recorded CPython ${interpreter.version} to ${output} (${size.toLocaleString('en-US')} bytes)` +
      `${result.signal ? `; the program was killed by ${result.signal}` : ''}; ` +
      `check it with: pymem replay ${output} --verify\n`,
  );
  return result.status;
}
