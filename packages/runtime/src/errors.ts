/**
 * Errors of the runtime layer. Each carries a stable `code` (the CLI maps codes to
 * exit statuses) and says where in the recording.
 */

/** The model made a different decision from the recorded CPython. */
export class ReplayDivergence extends Error {
  /** Stable error code. */
  readonly code = 'diverged' as const;
  /** Index of the event (or of the event before the mark) where it diverged. */
  readonly eventIndex: number;
  /** Source line in the trace, or 0. */
  readonly line: number;
  /** What CPython did. */
  readonly expected: string;
  /** What the model did. */
  readonly actual: string;

  constructor(what: string, eventIndex: number, line: number, expected: string, actual: string) {
    super(
      `${line > 0 ? `line ${line}` : `event ${eventIndex}`}: ${what}: CPython ${expected}, model ${actual}`,
    );
    this.name = 'ReplayDivergence';
    this.eventIndex = eventIndex;
    this.line = line;
    this.expected = expected;
    this.actual = actual;
  }
}
