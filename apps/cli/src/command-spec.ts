/**
 * One `pymem` command as data — its name, help, arguments, options and handler — and
 * the options several commands share, each defined once here: `--python`, `--json`,
 * the point options, and every whole-number option through one parser.
 *
 *   main.ts  COMMANDS: CommandSpec[] ──describeCommand──► commander Command
 *                                    └─ action ─► spec.run({ io, args, options, python })
 *
 * Invariants:
 *   1. Every option value a handler receives has been parsed: whole numbers arrive as
 *      numbers within their range, or the run stopped with a one-line `usage` error.
 *   2. `python` is the `--python` given after the command or before it (the command's
 *      wins), and is a supported version unless it names a path (only `record` takes one).
 */
import { type ProfileName, parseVersion } from '@pymem/versions';
import { type Command, Option } from 'commander';
import { CliError } from './exit-codes.ts';
import type { Io } from './io.ts';

/** One option, as commander shows and parses it. */
export interface OptionSpec {
  /** Commander flags, e.g. `-o, --output <file>`. */
  readonly flags: string;
  /** One line of help. */
  readonly description: string;
  /** The value when the option is absent (help shows it). */
  readonly default?: string | number;
  /** The option must be given (commander answers its absence with exit 1). */
  readonly required?: boolean;
  /** Turns the text given into the value; throws CliError `usage` on a bad one. */
  readonly parse?: (text: string) => unknown;
}

/** What a command's handler is called with. */
export interface CommandCall<Args extends readonly unknown[], Options> {
  /** Where the command writes. */
  readonly io: Io;
  /** The positional arguments, in order; a variadic one arrives as one array. */
  readonly args: Args;
  /** The parsed options, by commander's attribute name (`--dry-run` → `dryRun`). */
  readonly options: Options;
  /** `--python`, validated (invariant 2); undefined when not given. */
  readonly python: string | undefined;
  /** Resolves when a long-running command (`view`) should stop; undefined: on a signal. */
  readonly until: Promise<unknown> | undefined;
}

/** One entry of the command table. */
export interface CommandSpec<
  Args extends readonly unknown[] = readonly unknown[],
  Options = unknown,
> {
  /** `pymem <name>`. */
  readonly name: string;
  /** One line for `pymem --help` and `pymem help <name>`. */
  readonly description: string;
  /** Positional arguments: commander syntax (`<file>`, `[file]`, `[args...]`) and help. */
  readonly arguments?: readonly (readonly [syntax: string, description: string])[];
  /** Options, in the order help lists them. */
  readonly options?: readonly OptionSpec[];
  /** A usage line replacing the one commander derives. */
  readonly usage?: string;
  /** Runs when `pymem` is given no command (at most one entry). */
  readonly isDefault?: boolean;
  /** Options after the first argument belong to it (a recorded program's own flags). */
  readonly passThroughOptions?: boolean;
  /** Runs the command; resolves to its exit status. Errors are thrown (see exit-codes.ts). */
  run(call: CommandCall<Args, Options>): Promise<number> | number;
}

/** Types one table entry: its handler sees `Args` and `Options` (main.ts parses to them). */
export function defineCommand<Args extends readonly unknown[], Options>(
  spec: CommandSpec<Args, Options>,
): CommandSpec<Args, Options> {
  return spec;
}

/** Gives a commander command (made by `program.command(name)`) the entry's help, arguments and options. */
export function describeCommand(command: Command, spec: CommandSpec): Command {
  command.description(spec.description);
  if (spec.usage !== undefined) command.usage(spec.usage);
  for (const [syntax, description] of spec.arguments ?? []) command.argument(syntax, description);
  for (const option of spec.options ?? []) command.addOption(commanderOption(option));
  if (spec.passThroughOptions) command.passThroughOptions();
  return command;
}

/** A fresh commander Option for `spec` (commander keeps state on options: one per command). */
export function commanderOption(spec: OptionSpec): Option {
  const option = new Option(spec.flags, spec.description);
  if (spec.default !== undefined) option.default(spec.default);
  if (spec.required) option.makeOptionMandatory();
  if (spec.parse) option.argParser(spec.parse);
  return option;
}

/** The inclusive range of a whole-number option; no `max`: unbounded. */
export interface WholeNumberRange {
  /** The smallest value allowed. */
  readonly min: number;
  /** The largest value allowed; absent: no limit. */
  readonly max?: number;
}

/**
 * Parses the value of a whole-number option (digits only, within `range`).
 *
 * @throws CliError `usage` (exit 1): `--points takes a whole number from 2 to 10000, not "1"`.
 */
export function parseWholeNumber(flag: string, text: string, range: WholeNumberRange): number {
  const value = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  const { min, max } = range;
  if (Number.isSafeInteger(value) && value >= min && (max === undefined || value <= max))
    return value;
  const what =
    max !== undefined
      ? `a whole number from ${min} to ${max}`
      : min === 0
        ? 'a whole number'
        : min === 1
          ? 'a positive whole number'
          : `a whole number of at least ${min}`;
  throw new CliError('usage', `${flag} takes ${what}, not "${text}"`);
}

/** A whole-number option: `flags` such as `--top <count>`, parsed by {@link parseWholeNumber}. */
export function wholeNumberOption(
  flags: string,
  description: string,
  range: WholeNumberRange,
  defaultValue?: number,
): OptionSpec {
  const flag = flags.split(/[\s,]+/).find((part) => part.startsWith('--')) ?? flags;
  return {
    flags,
    description,
    ...(defaultValue === undefined ? {} : { default: defaultValue }),
    parse: (text) => parseWholeNumber(flag, text, range),
  };
}

/**
 * `--python`, the one definition: a CPython version profile for `pymem` itself and every
 * command that models a recording; `record` also takes the path of an interpreter.
 */
export function pythonOption(takes: 'version' | 'path or version' = 'version'): OptionSpec {
  return takes === 'version'
    ? {
        flags: '--python <version>',
        description: 'CPython version profile, e.g. 3.11 (default: from the trace)',
      }
    : {
        flags: '--python <path|version>',
        description: 'interpreter to record: a path or a version such as 3.11',
      };
}

/**
 * Checks a `--python` value (invariant 2): a path names an interpreter (the recorder
 * checks it); anything else must be a supported version. Returns it unchanged.
 *
 * @throws UnsupportedVersionError (exit 2) naming the supported versions.
 */
export function checkPython(python: string | undefined): string | undefined {
  if (python !== undefined && !python.includes('/')) parseVersion(python);
  return python;
}

/**
 * `{ profile }` for a command's options from its `--python`, `{}` without one.
 *
 * @throws UnsupportedVersionError (exit 2) for a path or a version pymem does not model.
 */
export function profileFrom(python: string | undefined): { profile?: ProfileName } {
  return python === undefined ? {} : { profile: parseVersion(python).name };
}

/** `--json`. */
export const JSON_OPTION: OptionSpec = { flags: '--json', description: 'print JSON' };

/** `--at` and `--mark`: a point of the recording (see load.ts `resolvePoint`). */
export const POINT_OPTIONS: readonly OptionSpec[] = [
  {
    flags: '--at <event>',
    description: 'the point: events replayed before it (0 … length), or a mark label',
  },
  { flags: '--mark <label>', description: 'the point: a mark recorded with pymem_record.mark()' },
];

/** `--salvage`, the one definition, for every command that reads a recording. */
export const SALVAGE_OPTION: OptionSpec = {
  flags: '--salvage',
  description:
    'read a damaged .pmt anyway: skip chunks whose checksum fails, warning how many events were lost',
};
