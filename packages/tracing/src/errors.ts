/**
 * Errors of the tracing layer. Each carries a stable `code` (the CLI maps codes to
 * exit statuses) and says where: a 1-based line for text, a byte offset for binary.
 */

/** A trace file that does not follow its format. */
export class TraceFormatError extends Error {
  /** Stable error code. */
  readonly code = 'malformed-trace' as const;
  /** 1-based line of the offending text, or 0. */
  readonly line: number;

  constructor(message: string, line: number) {
    super(line > 0 ? `line ${line}: ${message}` : message);
    this.name = 'TraceFormatError';
    this.line = line;
  }
}
