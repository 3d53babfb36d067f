import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { record, selectInterpreter } from '@pymem/recorder';
import { CliError } from '../exit-codes.ts';
import type { Io } from '../io.ts';

/** Options of `pymem record` (the program's own arguments are not among them). */
export interface RecordCommandOptions {
  readonly python?: string;
  readonly output?: string;
  readonly force?: boolean;
  readonly text?: boolean;
  /** Python frames of allocation site to record, 0 to 65535 (main.ts parses `--sites`). */
  readonly sites?: number;
  readonly tracemalloc?: boolean;
  /** Take a heap snapshot at the exit mark. */
  readonly snapshotAtExit?: boolean;
}

/** The program a `python`-style command line names. */
interface ProgramLine {
  readonly kind: 'script' | 'module' | 'code';
  /** The script path, module name or code. */
  readonly target: string;
}

function programLine(args: readonly string[]): ProgramLine {
  const [first, second] = args;
  if (first === undefined)
    throw new CliError('usage', 'nothing to record: give a script, -m MODULE or -c CODE');
  if (first === '-m' || first === '-c') {
    if (second === undefined)
      throw new CliError('usage', `${first} needs ${first === '-m' ? 'a module name' : 'code'}`);
    return { kind: first === '-m' ? 'module' : 'code', target: second };
  }
  return { kind: 'script', target: first };
}

/**
 * `pymem record [--python X] [-o FILE] [--sites N] (script.py | -m MOD | -c CODE) [args…]`:
 * runs the program under the recorder and exits with the program's own status.
 * `args` is the program's command line as `python` takes it (see
 * program-argv.ts). Nothing is written when the program cannot start
 * (no such script or module): that is bad input, exit 2.
 */
export async function recordCommand(
  io: Io,
  args: readonly string[],
  options: RecordCommandOptions,
): Promise<number> {
  const program = programLine(args);
  const pythonArgs = [...args];
  const stem =
    program.kind === 'module'
      ? program.target
      : program.kind === 'code'
        ? 'code'
        : basename(program.target, extname(program.target));
  const text = options.text ?? (options.output !== undefined && extname(options.output) !== '.pmt');
  const output = options.output ?? `${stem}${text ? '.pymem.txt' : '.pmt'}`;
  if (text && extname(output) === '.pmt') {
    throw new CliError(
      'usage',
      `${output}: --text writes a text trace; name it e.g. ${stem}.pymem.txt`,
    );
  }
  const sites = options.sites ?? 0;
  const interpreter = selectInterpreter(options.python);
  checkProgramStarts(program, interpreter.path);
  const result = await record({
    interpreter,
    args: pythonArgs,
    output,
    overwrite: options.force ?? false,
    format: text ? 'text' : 'pmt',
    sites,
    tracemalloc: options.tracemalloc ?? false,
    snapshotAtExit: options.snapshotAtExit ?? false,
  });
  let size = 0;
  try {
    size = statSync(result.output).size;
  } catch {
    // The program may have been killed before the first flush.
  }
  const ended = result.signal
    ? `the program was killed by ${result.signal}`
    : `the program exited with status ${result.status}`;
  io.err(
    `pymem: recorded CPython ${interpreter.version} to ${output} (${size.toLocaleString('en-US')} bytes); ` +
      `${ended}; check it with: pymem replay ${output} --verify\n`,
  );
  return result.status;
}

/**
 * Refuses, before anything is recorded, a program `python` could not start: a script
 * that is not a file, or a module the interpreter cannot find (asked of the same
 * interpreter, with the same working directory).
 *
 * @throws CliError `bad-input` naming the script or module.
 */
function checkProgramStarts(program: ProgramLine, python: string): void {
  if (program.kind === 'script') {
    if (program.target === '-') return;
    let isFile = false;
    try {
      isFile = statSync(program.target).isFile() || statSync(program.target).isDirectory();
    } catch {
      isFile = false;
    }
    if (!isFile)
      throw new CliError('bad-input', `can't open file '${program.target}': nothing recorded`);
    return;
  }
  if (program.kind !== 'module') return;
  const found = spawnSync(
    python,
    [
      '-c',
      'import importlib.util, sys\ntry:\n    found = importlib.util.find_spec(sys.argv[1]) is not None\nexcept Exception:\n    found = False\nsys.exit(0 if found else 3)',
      program.target,
    ],
    { stdio: 'ignore' },
  );
  if (found.status === 3)
    throw new CliError('bad-input', `no module named '${program.target}': nothing recorded`);
}
