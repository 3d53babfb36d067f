import { readFileSync } from 'node:fs';
import { collectMallocStats, formatMallocStats } from '@pymem/obmalloc';
import { DEFAULT_MAX_STEPS, RUN_PROFILES, runPython } from '@pymem/python';
import { parseVersion } from '@pymem/versions';
import { CliError } from '../exit-codes.ts';
import type { Io } from '../io.ts';

/** Options of `pymem run`. */
export interface RunCommandOptions {
  readonly python?: string;
  readonly maxSteps?: number;
  readonly stats?: boolean;
}

/**
 * `pymem run SCRIPT [args]`: runs a Python program on the model and prints what it
 * prints. Exit 0 when it ends; 1 for a Python exception (CPython's traceback on
 * stderr) or the step limit (one line); 2 for a construct outside the modelled
 * subset (`FILE:LINE:COL: … is not supported by pymem run`) or an unreadable script.
 * `--stats` adds the model's `_debugmallocstats` pymalloc block on stderr at exit.
 */
export async function runCommand(
  io: Io,
  args: readonly string[],
  options: RunCommandOptions,
): Promise<number> {
  const script = args[0];
  if (script === undefined)
    throw new CliError('usage', 'run needs a script: pymem run SCRIPT [args]');
  const profile = parseVersion(options.python ?? '3.12').name;
  if (!RUN_PROFILES.includes(profile))
    throw new CliError(
      'bad-input',
      `run models CPython ${RUN_PROFILES[0]} … ${RUN_PROFILES.at(-1)}, not ${profile}`,
    );
  let text: string;
  try {
    text = readFileSync(script, 'utf8');
  } catch {
    throw new CliError('missing-file', `cannot read ${script}`);
  }
  const result = runPython(text, {
    filename: script,
    maxSteps: options.maxSteps ?? DEFAULT_MAX_STEPS,
    ...(options.python === undefined ? {} : { python: options.python }),
  });
  io.out(result.stdout);
  io.err(result.stderr);
  if (options.stats) io.err(formatMallocStats(collectMallocStats(result.heap.obmalloc)));
  return result.outcome === 'ok' ? 0 : result.outcome === 'unsupported' ? 2 : 1;
}
