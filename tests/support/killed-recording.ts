/**
 * A recording cut off by SIGKILL: tests/programs/killed.py runs under the launcher,
 * prints once the recording is under way, and is killed 600 ms later — what a crashed
 * or killed program leaves behind.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { Interpreter } from '@pymem/cpython';
import { buildLauncher } from '@pymem/recorder';

/** Records killed.py with `python` into `output` (.pmt) and kills it mid-run. */
export async function recordKilled(python: Interpreter, output: string): Promise<void> {
  const child = spawn(
    buildLauncher(python),
    ['-I', '-S', join(import.meta.dirname, '..', 'programs', 'killed.py')],
    {
      env: { ...process.env, PYMEM_RECORD_OUT: output, PYMEM_RECORD_FORMAT: 'pmt' },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  await new Promise<void>((resolve) => child.stdout!.once('data', () => resolve()));
  await new Promise((resolve) => setTimeout(resolve, 600));
  child.kill('SIGKILL');
  await new Promise((resolve) => child.once('close', resolve));
}
