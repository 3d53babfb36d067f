/**
 * Where a command writes, so tests can run the CLI in-process.
 * Color is used only on a TTY and never when NO_COLOR is set.
 */
import pc from 'picocolors';

/** Output streams of one CLI run. */
export interface Io {
  /** Writes to standard output. */
  out(text: string): void;
  /** Writes to standard error. */
  err(text: string): void;
  /** True when standard output is a terminal (and color is allowed). */
  readonly color: boolean;
  /** True when standard error is a terminal: long work may draw a progress bar there. */
  readonly progress?: boolean;
}

/** The process's own streams. */
export function processIo(): Io {
  const color = Boolean(process.stdout.isTTY) && !process.env.NO_COLOR;
  return {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    color,
    progress: Boolean(process.stderr.isTTY),
  };
}

/** Text colorizers that do nothing when `io.color` is false. */
export function colors(io: Io): ReturnType<typeof pc.createColors> {
  return pc.createColors(io.color);
}

/** Writes `value` to standard output as a `--json` document: two-space indented, one trailing newline. */
export function printJson(io: Io, value: unknown): void {
  io.out(`${JSON.stringify(value, null, 2)}\n`);
}
