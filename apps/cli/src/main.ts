/**
 * The `pymem` command line: a table of commands (COMMANDS, one entry per command; see
 * command-spec.ts), turned into commander commands; runs one, and turns every error
 * into one line and an exit status (see exit-codes.ts).
 */
import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import {
  type CommandSpec,
  checkPython,
  commanderOption,
  defineCommand,
  describeCommand,
  JSON_OPTION,
  POINT_OPTIONS,
  profileFrom,
  pythonOption,
  SALVAGE_OPTION,
  wholeNumberOption,
} from './command-spec.ts';
import type { CheckOptions } from './commands/check.ts';
import type { ConvertOptions } from './commands/convert.ts';
import type { DiffOptions } from './commands/diff.ts';
import type { ExportOptions, FlamegraphOptions } from './commands/flamegraph.ts';
import type { FragmentationOptions } from './commands/fragmentation.ts';
import type { GcOptions } from './commands/gc.ts';
import type { ObjectsOptions } from './commands/objects.ts';
import type { RecordCommandOptions } from './commands/record.ts';
import type { ReplayCommandOptions } from './commands/replay.ts';
import type { ReportOptions } from './commands/report.ts';
import type { RunCommandOptions } from './commands/run.ts';
import type { StatsOptions } from './commands/stats.ts';
import type { TimelineOptions } from './commands/timeline.ts';
import type { VersionsOptions } from './commands/versions.ts';
import type { ViewOptions } from './commands/view.ts';
import type { WhyOptions } from './commands/why.ts';
import { CliError, ExitCode, exitCodeFor } from './exit-codes.ts';
import { type Io, processIo } from './io.ts';

import { packageFile } from './package-file.ts';
import { separateProgramArgv } from './program-argv.ts';
import { refuseMistypedCommand } from './suggest.ts';

/** Every command, in the order `pymem --help` lists them. */
const COMMANDS: readonly CommandSpec[] = [
  defineCommand<[file: string | undefined], ReportOptions>({
    name: 'report',
    isDefault: true,
    description:
      'the main report: arenas over time and what pins them (default: the bundled example)',
    arguments: [
      [
        '[file]',
        'a recording (.pmt, or a text trace, optionally .br or .gz); default: the bundled example',
      ],
    ],
    options: [
      JSON_OPTION,
      ...POINT_OPTIONS.map((option) => ({
        ...option,
        description: `${option.description} (default: the mark "exit", the program's end before interpreter shutdown)`,
      })),
      wholeNumberOption('--arenas <count>', 'arena rows to print', { min: 0 }),
      SALVAGE_OPTION,
      pythonOption(),
    ],
    run: async ({ io, args: [file], options, python }) =>
      (await import('./commands/report.ts')).reportCommand(io, file, {
        ...options,
        ...profileFrom(python),
      }),
  }),
  defineCommand<[], VersionsOptions>({
    name: 'versions',
    description: 'list the CPython version profiles and the interpreters found on this machine',
    options: [JSON_OPTION, pythonOption()],
    run: async ({ io, options, python }) =>
      (await import('./commands/versions.ts')).versionsCommand(io, {
        ...options,
        ...profileFrom(python),
      }),
  }),
  defineCommand<[file: string], ReplayCommandOptions>({
    name: 'replay',
    description: 'replay a trace on the allocator model ("-" reads standard input)',
    arguments: [['<file>', 'trace file (text format)']],
    options: [
      {
        flags: '--stats',
        description: "print the model's _debugmallocstats pymalloc block at the end",
      },
      {
        flags: '--verify',
        description: 'compare every pointer and mark with CPython; exit 3 at the first difference',
      },
      { flags: '--json', description: 'print a JSON summary' },
      SALVAGE_OPTION,
      pythonOption(),
    ],
    run: async ({ io, args: [file], options, python }) =>
      (await import('./commands/replay.ts')).replayCommand(io, file, {
        ...options,
        ...profileFrom(python),
      }),
  }),
  defineCommand<[file: string], StatsOptions>({
    name: 'stats',
    description:
      "CPython's _debugmallocstats pymalloc block from the model at a point (default: the end)",
    arguments: [['<file>', 'trace file']],
    options: [...POINT_OPTIONS, JSON_OPTION, SALVAGE_OPTION, pythonOption()],
    run: async ({ io, args: [file], options, python }) =>
      (await import('./commands/stats.ts')).statsCommand(io, file, {
        ...options,
        ...profileFrom(python),
      }),
  }),
  defineCommand<[file: string], FragmentationOptions>({
    name: 'fragmentation',
    description: 'per arena: what is used, what is empty, and what pins it (default: the end)',
    arguments: [['<file>', 'trace file']],
    options: [...POINT_OPTIONS, JSON_OPTION, SALVAGE_OPTION, pythonOption()],
    run: async ({ io, args: [file], options, python }) =>
      (await import('./commands/fragmentation.ts')).fragmentationCommand(io, file, {
        ...options,
        ...profileFrom(python),
      }),
  }),
  defineCommand<[file: string], GcOptions>({
    name: 'gc',
    description:
      'what gc.collect(G) would find at a heap snapshot: unreachable, collected, uncollectable, cycles',
    arguments: [['<file>', 'a .pmt recording with a heap snapshot']],
    options: [
      { flags: '--mark <label>', description: 'the heap snapshot (default: the last one)' },
      wholeNumberOption('--generation <g>', 'the generation collected', { min: 0, max: 2 }, 2),
      JSON_OPTION,
      SALVAGE_OPTION,
      pythonOption(),
    ],
    run: async ({ io, args: [file], options, python }) =>
      (await import('./commands/gc.ts')).gcCommand(io, file, {
        ...options,
        ...profileFrom(python),
      }),
  }),
  defineCommand<[file: string], ObjectsOptions>({
    name: 'objects',
    description:
      'the objects of a heap snapshot by type or arena, each linked to its pymalloc block at that instant',
    arguments: [['<file>', 'a .pmt recording with a heap snapshot']],
    options: [
      { flags: '--mark <label>', description: 'the heap snapshot (default: the last one)' },
      { flags: '--by <grouping>', description: 'type (default) or arena' },
      wholeNumberOption('--arena <n>', 'list the objects living in this arena', { min: 0 }),
      wholeNumberOption('--top <n>', 'rows to print', { min: 1 }, 20),
      JSON_OPTION,
      SALVAGE_OPTION,
      pythonOption(),
    ],
    run: async ({ io, args: [file], options, python }) =>
      (await import('./commands/objects.ts')).objectsCommand(io, file, {
        ...options,
        ...profileFrom(python),
      }),
  }),
  defineCommand<[file: string, address: string | undefined], WhyOptions>({
    name: 'why',
    description:
      'the shortest reference chain keeping a heap snapshot object alive, named edge by edge',
    arguments: [
      ['<file>', 'a .pmt recording with a heap snapshot'],
      ['[address]', 'the object (hex), or give --type'],
    ],
    options: [
      { flags: '--mark <label>', description: 'the heap snapshot (default: the last one)' },
      { flags: '--type <type>', description: 'explain objects of this type (module.qualname)' },
      wholeNumberOption('--top <n>', 'objects explained with --type', { min: 1 }, 3),
      JSON_OPTION,
      SALVAGE_OPTION,
    ],
    run: async ({ io, args: [file, address], options }) =>
      (await import('./commands/why.ts')).whyCommand(io, file, address, options),
  }),
  defineCommand<[file: string], TimelineOptions>({
    name: 'timeline',
    description: 'arenas, bytes in blocks and utilisation over the recording, with marks and GC',
    arguments: [['<file>', 'trace file']],
    options: [
      { flags: '--csv', description: 'print CSV for plotting elsewhere' },
      JSON_OPTION,
      wholeNumberOption(
        '--points <count>',
        'evenly spaced samples (plus every mark)',
        { min: 2, max: 10_000 },
        60,
      ),
      SALVAGE_OPTION,
      pythonOption(),
    ],
    run: async ({ io, args: [file], options, python }) =>
      (await import('./commands/timeline.ts')).timelineCommand(io, file, {
        ...options,
        ...profileFrom(python),
      }),
  }),
  defineCommand<[file: string], DiffOptions>({
    name: 'diff',
    description: 'what changed between two points: by size class, and by source line with sites',
    arguments: [['<file>', 'trace file']],
    options: [
      { flags: '--from <point>', description: 'event index or mark label (default: the start)' },
      { flags: '--to <point>', description: 'event index or mark label (default: the end)' },
      {
        flags: '--by <key>',
        description: 'with sites: lineno, filename or traceback',
        default: 'lineno',
      },
      wholeNumberOption('--top <count>', 'rows to print per table', { min: 1 }, 10),
      JSON_OPTION,
      SALVAGE_OPTION,
      pythonOption(),
    ],
    run: async ({ io, args: [file], options, python }) =>
      (await import('./commands/diff.ts')).diffCommand(io, file, {
        ...options,
        ...profileFrom(python),
      }),
  }),
  defineCommand<[file: string], FlamegraphOptions>({
    name: 'flamegraph',
    description:
      'a flame graph of live (or allocated) bytes by Python stack, as one self-contained HTML file (needs --sites)',
    arguments: [['<file>', 'trace file recorded with --sites N']],
    options: [
      ...POINT_OPTIONS,
      { flags: '--peak', description: 'live at the peak of live requested bytes (the default)' },
      { flags: '--from <point>', description: 'allocated from this event index or mark on' },
      { flags: '--to <point>', description: 'allocated before this event index or mark' },
      {
        flags: '-o, --output <file>',
        description: 'HTML file to write ("-": stdout; default: <name>.flamegraph.html here)',
      },
      { flags: '--force', description: 'overwrite the output file if it exists' },
      { flags: '--json', description: 'print the tree as JSON instead' },
      SALVAGE_OPTION,
    ],
    run: async ({ io, args: [file], options }) =>
      (await import('./commands/flamegraph.ts')).flamegraphCommand(io, file, options),
  }),
  defineCommand<[file: string], ExportOptions>({
    name: 'export',
    description: "allocation stacks in another tool's format: speedscope (needs --sites)",
    arguments: [['<file>', 'trace file recorded with --sites N']],
    options: [
      { flags: '--to <format>', description: 'speedscope', required: true },
      ...POINT_OPTIONS,
      { flags: '--peak', description: 'live at the peak of live requested bytes (the default)' },
      { flags: '--from <point>', description: 'allocated from this event index or mark on' },
      { flags: '--until <point>', description: 'allocated before this event index or mark' },
      {
        flags: '-o, --output <file>',
        description: 'file to write ("-": stdout; default: <name>.speedscope.json here)',
      },
      { flags: '--force', description: 'overwrite the output file if it exists' },
      SALVAGE_OPTION,
    ],
    run: async ({ io, args: [file], options }) =>
      (await import('./commands/flamegraph.ts')).exportCommand(io, file, options),
  }),
  defineCommand<[file: string], ViewOptions>({
    name: 'view',
    description:
      'open a recording in the browser viewer, or a Python script on its snippet page, served on 127.0.0.1 (Ctrl+C stops)',
    arguments: [
      [
        '<file>',
        'trace file (text, .br, .gz or .pmt), or a .py script to run and step through on the model',
      ],
    ],
    options: [
      wholeNumberOption('--port <port>', 'port to listen on (default: a free one)', {
        min: 0,
        max: 65535,
      }),
    ],
    run: async ({ io, args: [file], options, until }) =>
      (await import('./commands/view.ts')).viewCommand(io, file, {
        ...options,
        ...(until ? { until } : {}),
      }),
  }),
  defineCommand<[file: string], ConvertOptions>({
    name: 'convert',
    description: 'convert a trace between the text format and the .pmt binary format, losslessly',
    arguments: [['<file>', 'trace file ("-" reads standard input)']],
    options: [
      { flags: '--to <format>', description: 'text or binary', required: true },
      { flags: '-o, --output <file>', description: 'where to write ("-" for stdout, text only)' },
      { flags: '--force', description: 'overwrite the output file if it exists' },
      SALVAGE_OPTION,
    ],
    run: async ({ io, args: [file], options }) =>
      (await import('./commands/convert.ts')).convertCommand(io, file, options),
  }),
  defineCommand<[file: string], CheckOptions>({
    name: 'check',
    description:
      'is a recording intact? checks its structure, checksums, index and marks without replaying',
    arguments: [['<file>', 'trace file (.pmt, text, .br or .gz)']],
    options: [JSON_OPTION],
    run: async ({ io, args: [file], options }) =>
      (await import('./commands/check.ts')).checkCommand(io, file, options),
  }),
  // New commands (e.g. `check`) go here: one defineCommand entry each; help lists
  // them in table order.
  defineCommand<[args: string[]], RunCommandOptions>({
    name: 'run',
    description:
      "run a Python program on the model: CPython's output, sizes and refcounts per version",
    usage: '[options] SCRIPT [args...]',
    arguments: [['[args...]', 'the script, then its arguments']],
    options: [
      {
        flags: '--python <version>',
        description:
          'CPython version to model, 3.8 … 3.14 (default: 3.12; 3.14: the native 64-bit layout, modelled from source)',
      },
      wholeNumberOption(
        '--max-steps <count>',
        'stop (exit 1) after this many executed statements (default: 10,000,000)',
        { min: 1 },
      ),
      {
        flags: '--stats',
        description: "print the model's _debugmallocstats pymalloc block at exit",
      },
      {
        flags: '--trace <file>',
        description:
          'write the run as a trace (.pmt, else text) that replay --verify reproduces; never replaces a file',
      },
      {
        flags: '--steps',
        description:
          'with --trace: a mark "line N" for each executed line, as sys.settrace reports them',
      },
    ],
    passThroughOptions: true,
    run: async ({ io, args: [args], options, python }) =>
      (await import('./commands/run.ts')).runCommand(io, args, {
        ...options,
        ...(python ? { python } : {}),
      }),
  }),
  defineCommand<[args: string[]], RecordCommandOptions>({
    name: 'record',
    description: 'run a Python program and record every allocator event (raw, mem, obj, arenas)',
    usage: '[options] (script.py | -m MODULE | -c CODE) [args...]',
    arguments: [
      [
        '[args...]',
        "the program's command line, as python takes it: everything from the script, -m or -c on is the program's, untouched",
      ],
    ],
    options: [
      pythonOption('path or version'),
      {
        flags: '-o, --output <file>',
        description:
          'trace file to write (default: <script>.pmt; a name not ending in .pmt gets text)',
      },
      { flags: '--text', description: 'write the text trace format instead of .pmt' },
      wholeNumberOption(
        '--sites <frames>',
        'record the allocation site (this many Python frames) of every allocation',
        { min: 0, max: 65535 },
      ),
      {
        flags: '--tracemalloc',
        description: "also run tracemalloc inside and save its statistics('lineno') at each mark",
      },
      {
        flags: '--snapshot-at-exit',
        description: 'also take a heap snapshot at the mark "exit" (.pmt only)',
      },
      { flags: '--force', description: 'overwrite the output file if it exists' },
    ],
    passThroughOptions: true,
    run: async ({ io, args: [args], options, python }) =>
      (await import('./commands/record.ts')).recordCommand(io, args, {
        ...options,
        ...(python ? { python } : {}),
      }),
  }),
];

/** This package's version, printed by `pymem --version` (read from src/ or dist/). */
const VERSION: string = (
  JSON.parse(readFileSync(packageFile('package.json'), 'utf8')) as {
    version: string;
  }
).version;

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
  let status: number = ExitCode.ok;
  const program = new Command('pymem')
    .description("A faithful, executable and visible model of CPython's memory management.")
    .addOption(commanderOption(pythonOption()))
    .option('--debug', 'print stack traces of errors')
    .version(VERSION, '-V, --version', 'print the version of pymem')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.out(text),
      writeErr: (text) => io.err(text),
      outputError: () => {},
    })
    .showSuggestionAfterError(true)
    .enablePositionalOptions();

  for (const spec of COMMANDS) {
    const command = describeCommand(
      program.command(spec.name, { isDefault: spec.isDefault ?? false }),
      spec,
    );
    command.action(async (...values: unknown[]) => {
      const python = command.opts<{ python?: string }>().python;
      status = await spec.run({
        io,
        args: values.slice(0, -2),
        options: command.opts(),
        python: checkPython(python ?? program.opts<{ python?: string }>().python),
        until: hooks.until,
      });
    });
  }
  // Commander hands a first word that names no command to the default command
  // (report) as its file; one that names no file but is nearly a command name is a
  // typo instead. (For a named command, the first word is its name.)
  const names = COMMANDS.map((spec) => spec.name);
  program.hook('preSubcommand', (root, command) => {
    const first = root.args[0];
    if (command.name() !== first && first !== undefined && !first.startsWith('-'))
      refuseMistypedCommand(first, names);
  });

  try {
    await program.parseAsync(separateProgramArgv(argv), { from: 'user' });
    return status;
  } catch (error) {
    return report(error, io, argv.includes('--debug'));
  }
}

/** Commander's codes for help or the version, already printed: not errors. */
const PRINTED = new Set(['commander.helpDisplayed', 'commander.help', 'commander.version']);

/** One line on stderr for `error`, and its exit status. */
function report(error: unknown, io: Io, debug: boolean): number {
  if (error instanceof CommanderError) {
    if (PRINTED.has(error.code)) return ExitCode.ok;
    const [message = '', hint] = error.message.replace(/^error: /, '').split('\n');
    const suggestion = /^\(Did you mean (.+)\?\)$/.exec(hint ?? '')?.[1];
    io.err(
      `pymem: ${message} ${suggestion ? `(did you mean ${suggestion}?)` : '(see pymem --help)'}\n`,
    );
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

export { CliError, ExitCode };
