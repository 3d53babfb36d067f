/**
 * What a `.pmt` reader reports about a file that was changed after it was written: a
 * region whose checksum does not match, or whose structure cannot be what a writer
 * wrote. By default the first one stops the read with {@link PmtDamageError}; with
 * `salvage` the reader skips it and lists it in `PmtFile.damage`.
 */
import { TraceFormatError } from '../errors.ts';

/** The parts of a `.pmt` file (docs/formats/pmt.md, Layout). */
export type PmtRegion = 'header' | 'chunk' | 'index' | 'trailer';

/** One damaged region of a `.pmt` file. */
export interface PmtDamage {
  /** Which part of the file. */
  readonly region: PmtRegion;
  /** Byte offset where the region starts. */
  readonly offset: number;
  /** For a chunk: its ordinal in the file (0-based, damaged chunks counted), else null. */
  readonly chunk: number | null;
  /** Events lost by skipping it (0 for the header or index), null when nothing says. */
  readonly lostEvents: number | null;
  /** One line: what is wrong, e.g. `chunk 3 at byte 4096: payload checksum …`. */
  readonly message: string;
}

/**
 * A damaged `.pmt` file read without `salvage`. Its message is one line naming the
 * region and its byte offset; its `code` is TraceFormatError's (`malformed-trace`), so
 * the CLI exits 2.
 */
export class PmtDamageError extends TraceFormatError {
  /** The damage found. */
  readonly damage: PmtDamage;

  constructor(damage: PmtDamage) {
    super(`byte ${damage.offset}: ${damage.message}`, 0);
    this.name = 'PmtDamageError';
    this.damage = damage;
  }
}
