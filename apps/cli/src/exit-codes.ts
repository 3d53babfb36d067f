/**
 * Exit statuses of `pymem`, and which error codes map to each.
 *
 *   0  ok
 *   1  usage: unknown command or option, bad flag value
 *   2  bad input: missing/empty/malformed file, unknown version, event out of range
 *   3  the model diverged from the recording (`--verify`)
 *   4  environment: no interpreter, compiler or headers to record with
 */
export const ExitCode = { ok: 0, usage: 1, badInput: 2, diverged: 3, environment: 4 } as const;

const BY_CODE: Record<string, number> = {
  usage: ExitCode.usage,
  'unsupported-version': ExitCode.badInput,
  'malformed-trace': ExitCode.badInput,
  'missing-file': ExitCode.badInput,
  'bad-input': ExitCode.badInput,
  diverged: ExitCode.diverged,
  'no-interpreter': ExitCode.environment,
  'no-compiler': ExitCode.environment,
  'build-failed': ExitCode.environment,
};

/** A user-facing CLI error with a stable code. */
export class CliError extends Error {
  /** Stable error code (see {@link exitCodeFor}). */
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.code = code;
  }
}

/** The exit status for an error, or null when it is not a known user-facing error. */
export function exitCodeFor(error: unknown): number | null {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code in BY_CODE ? BY_CODE[code]! : null;
}
