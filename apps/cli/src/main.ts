/**
 * The `pymem` command line: parses arguments with commander, runs one command, and
 * turns every error into one line and an exit status (see exit-codes.ts).
 */

import { type ProfileName, parseVersion } from '@pymem/versions';
import { Command, CommanderError, Option } from 'commander';
import { type ConvertOptions, convertCommand } from './commands/convert.ts';
import { type DiffOptions, diffCommand } from './commands/diff.ts';
import { type FragmentationOptions, fragmentationCommand } from './commands/fragmentation.ts';
import { type RecordCommandOptions, recordCommand } from './commands/record.ts';
import { replayCommand } from './commands/replay.ts';
import { reportCommand } from './commands/report.ts';
import { type StatsOptions, statsCommand } from './commands/stats.ts';
import { type TimelineOptions, timelineCommand } from './commands/timeline.ts';
import { versionsCommand } from './commands/versions.ts';
import { type ViewOptions, viewCommand } from './commands/view.ts';
import { CliError, ExitCode, exitCodeFor } from './exit-codes.ts';
import { type Io, processIo } from './io.ts';

interface GlobalOptions {
  python?: string;
  debug?: boolean;
}

/**
 * Runs `pymem` with `argv` (without node and the script) and resolves to its exit
 * status. Never throws: errors become one line on `io.err`. `hooks.until` ends a
 * long-running command (`view`) instead of a signal (for tests).
 */
export async function main(
  argv: readonly string[],
  io: Io = processIo(),
  hooks: { readonly until?: Promise<unknown> } = {},
): Promise<number> {
  let status = 0;
  const program = new Command('pymem')
    .description("A faithful, executable and visible model of CPython's memory management.")
    .addOption(
      new Option(
        '--python <version>',
        'CPython version profile, e.g. 3.11 (default: from the trace)',
      ),
    )
    .option('--debug', 'print stack traces of errors')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.out(text),
      writeErr: (text) => io.err(text),
      outputError: () => {},
    })
    .showSuggestionAfterError(true)
    .enablePositionalOptions();

  const pythonOption = (command: Command): string | undefined =>
    command.opts<GlobalOptions>().python ?? program.opts<GlobalOptions>().python;
  const profileOption = (command: Command): ProfileName | undefined => {
    const python = pythonOption(command);
    return python === undefined ? undefined : parseVersion(python).name;
  };
  program.hook('preAction', (_root, command) => {
    const python = pythonOption(command);
    // A path names an interpreter (record checks it); anything else must be a version.
    if (python !== undefined && !python.includes('/')) parseVersion(python);
  });
  const pythonFlag = () =>
    new Option(
      '--python <version>',
      'CPython version profile, e.g. 3.11 (default: from the trace)',
    );

  program
    .command('report', { isDefault: true })
    .description(
      'the main report: arenas over time and what pins them (default: the bundled example)',
    )
    .argument('[file]', 'trace file (text, .br or .gz); default: the bundled example recording')
    .option('--json', 'print JSON')
    .option('--arenas <count>', 'arena rows to print', (value) => {
      const count = Number(value);
      if (!Number.isInteger(count) || count < 0)
        throw new CliError('usage', `--arenas takes a whole number, not "${value}"`);
      return count;
    })
    .addOption(pythonFlag())
    .action(
      async (
        file: string | undefined,
        options: { json?: boolean; arenas?: number },
        command: Command,
      ) => {
        const profile = profileOption(command);
        status = await reportCommand(io, file, { ...options, ...(profile ? { profile } : {}) });
      },
    );

  program
    .command('versions')
    .description('list the CPython version profiles and the interpreters found on this machine')
    .option('--json', 'print JSON')
    .addOption(pythonFlag())
    .action((options: { json?: boolean }) => {
      status = versionsCommand(io, options);
    });

  program
    .command('replay')
    .description('replay a trace on the allocator model ("-" reads standard input)')
    .argument('<file>', 'trace file (text format)')
    .option('--stats', "print the model's _debugmallocstats pymalloc block at the end")
    .option(
      '--verify',
      'compare every pointer and mark with CPython; exit 3 at the first difference',
    )
    .option('--json', 'print a JSON summary')
    .addOption(pythonFlag())
    .action(
      async (
        file: string,
        options: { stats?: boolean; verify?: boolean; json?: boolean },
        command: Command,
      ) => {
        const profile = profileOption(command);
        status = await replayCommand(io, file, { ...options, ...(profile ? { profile } : {}) });
      },
    );

  const pointOptions = (command: Command) =>
    command
      .option('--at <event>', 'the point: events replayed before it (0 … length), or a mark label')
      .option('--mark <label>', 'the point: a mark recorded with pymem_record.mark()');

  pointOptions(
    program
      .command('stats')
      .description(
        "CPython's _debugmallocstats pymalloc block from the model at a point (default: the end)",
      )
      .argument('<file>', 'trace file'),
  )
    .option('--json', 'print JSON')
    .addOption(pythonFlag())
    .action(async (file: string, options: StatsOptions, command: Command) => {
      const profile = profileOption(command);
      status = await statsCommand(io, file, { ...options, ...(profile ? { profile } : {}) });
    });

  pointOptions(
    program
      .command('fragmentation')
      .description('per arena: what is used, what is empty, and what pins it (default: the end)')
      .argument('<file>', 'trace file'),
  )
    .option('--json', 'print JSON')
    .addOption(pythonFlag())
    .action(async (file: string, options: FragmentationOptions, command: Command) => {
      const profile = profileOption(command);
      status = await fragmentationCommand(io, file, {
        ...options,
        ...(profile ? { profile } : {}),
      });
    });

  program
    .command('timeline')
    .description('arenas, bytes in blocks and utilisation over the recording, with marks and GC')
    .argument('<file>', 'trace file')
    .option('--csv', 'print CSV for plotting elsewhere')
    .option('--json', 'print JSON')
    .option('--points <count>', 'evenly spaced samples (plus every mark)', '60')
    .addOption(pythonFlag())
    .action(async (file: string, options: TimelineOptions, command: Command) => {
      const profile = profileOption(command);
      status = await timelineCommand(io, file, { ...options, ...(profile ? { profile } : {}) });
    });

  program
    .command('diff')
    .description('what changed between two points: by size class, and by source line with sites')
    .argument('<file>', 'trace file')
    .option('--from <point>', 'event index or mark label (default: the start)')
    .option('--to <point>', 'event index or mark label (default: the end)')
    .option('--by <key>', 'with sites: lineno, filename or traceback', 'lineno')
    .option('--top <count>', 'rows to print per table', '10')
    .option('--json', 'print JSON')
    .addOption(pythonFlag())
    .action(async (file: string, options: DiffOptions, command: Command) => {
      const profile = profileOption(command);
      status = await diffCommand(io, file, { ...options, ...(profile ? { profile } : {}) });
    });

  program
    .command('view')
    .description('open a recording in the browser viewer, served on 127.0.0.1 (Ctrl+C stops)')
    .argument('<file>', 'trace file (text, .br, .gz or .pmt)')
    .option('--port <port>', 'port to listen on (default: a free one)')
    .action(async (file: string, options: ViewOptions) => {
      status = await viewCommand(io, file, {
        ...options,
        ...(hooks.until ? { until: hooks.until } : {}),
      });
    });

  program
    .command('convert')
    .description('convert a trace between the text format and the .pmt binary format, losslessly')
    .argument('<file>', 'trace file ("-" reads standard input)')
    .requiredOption('--to <format>', 'text or binary')
    .option('-o, --output <file>', 'where to write ("-" for stdout, text only)')
    .option('--force', 'overwrite the output file if it exists')
    .action(async (file: string, options: ConvertOptions) => {
      status = await convertCommand(io, file, options);
    });

  program
    .command('record')
    .description('run a Python program and record every allocator event (mem, obj, arenas)')
    .usage('[options] [--] (script.py | -m MODULE | -c CODE) [args...]')
    .argument('[args...]', 'the script and its arguments, as python takes them')
    .addOption(
      new Option(
        '--python <path|version>',
        'interpreter to record: a path or a version such as 3.11',
      ),
    )
    .option(
      '-o, --output <file>',
      'trace file to write (default: <script>.pmt; a name not ending in .pmt gets text)',
    )
    .option('-m, --module <module>', 'run a library module as a script, like python -m')
    .option('-c, --code <code>', 'run a program given as a string, like python -c')
    .option('--text', 'write the text trace format instead of .pmt')
    .option(
      '--sites <frames>',
      'record the allocation site (this many Python frames) of every allocation',
    )
    .option(
      '--tracemalloc',
      "also run tracemalloc inside and save its statistics('lineno') at each mark",
    )
    .option('--force', 'overwrite the output file if it exists')
    .passThroughOptions()
    .action(async (args: string[], options: RecordCommandOptions, command: Command) => {
      const python = pythonOption(command);
      status = await recordCommand(io, args, { ...options, ...(python ? { python } : {}) });
    });

  try {
    await program.parseAsync([...argv], { from: 'user' });
    return status;
  } catch (error) {
    return report(error, io, argv.includes('--debug'));
  }
}

function report(error: unknown, io: Io, debug: boolean): number {
  if (error instanceof CommanderError) {
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return 0;
    if (error.code === 'commander.help') return 0;
    const message = error.message.replace(/^error: /, '').split('\n')[0];
    io.err(`pymem: ${message} (see pymem --help)\n`);
    return ExitCode.usage;
  }
  const code = exitCodeFor(error);
  if (code === null || debug) {
    io.err(`${(error as Error)?.stack ?? String(error)}\n`);
    return code ?? 70;
  }
  io.err(`pymem: ${(error as Error).message.split('\n')[0]}\n`);
  return code;
}

export { cliJsonDocs, JSON_SCHEMAS } from './json-schemas.ts';
export { CliError, ExitCode };
