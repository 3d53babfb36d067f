/**
 * Reader of the text trace format (`pymem-trace 1`), streaming: text arrives in
 * chunks of any size and never needs to sit whole in memory.
 *
 *   pymem-trace 1                      line 1, always
 *   python 3.11.7                      line 2, always
 *   A <size> <addr>                    arena allocator returned addr
 *   F <addr> <size>                    arena allocator released addr
 *   m|c <domain> <size> <ptr>          malloc / calloc (size = nelem * elsize)
 *   r <domain> <old> <size> <new>      realloc
 *   f <domain> <ptr>                   free
 *   S [<label>]                        a mark; CPython's statistics follow as
 *   | <text>                           one `|` line each (`|` alone: an empty line)
 *   # <anything>                       a comment
 *
 * Domains are raw, mem, obj; sizes decimal; addresses lowercase hex without 0x;
 * NULL is 0. Anything else is a TraceFormatError naming the line.
 */
import { TraceFormatError } from './errors.ts';
import { Domain, Op, type Trace, TraceBuilder } from './trace.ts';

const MAX_HEX_DIGITS = 13; // 52 bits: every user-space address, exactly
const MAX_DECIMAL_DIGITS = 15;

/** Parses a text trace that arrives in chunks: `push()` each chunk, then `finish()`. */
export class TextTraceParser {
  private readonly builder = new TraceBuilder();
  private pending = '';
  private lineNumber = 0;
  private formatVersion = 0;
  private python = '';
  private seq = 0;
  /** Lines of the mark being read (its `|` lines), or null outside a mark. */
  private openMark: {
    eventIndex: number;
    label: string;
    line: number;
    seq: number;
    stats: string[];
  } | null = null;

  /** Feeds the next chunk of text. */
  push(chunk: string): void {
    const text = this.pending + chunk;
    let start = 0;
    for (;;) {
      const end = text.indexOf('\n', start);
      if (end < 0) break;
      this.parseLine(text.slice(start, end));
      start = end + 1;
    }
    this.pending = text.slice(start);
  }

  /** Ends the input and returns the trace. */
  finish(): Trace {
    if (this.pending !== '') {
      this.parseLine(this.pending);
      this.pending = '';
    }
    if (this.lineNumber === 0)
      throw new TraceFormatError('empty file: expected "pymem-trace 1"', 1);
    if (this.python === '') {
      throw new TraceFormatError('missing "python <version>" line', this.lineNumber + 1);
    }
    this.closeMark();
    return this.builder.finish({ formatVersion: this.formatVersion, python: this.python });
  }

  private parseLine(raw: string): void {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const n = ++this.lineNumber;
    if (n === 1) {
      if (line !== 'pymem-trace 1') {
        throw new TraceFormatError(`expected "pymem-trace 1", found "${clip(line)}"`, n);
      }
      this.formatVersion = 1;
      return;
    }
    if (n === 2) {
      const match = /^python (\d+\.\d+(?:\.\d+)?\S*)$/.exec(line);
      if (!match)
        throw new TraceFormatError(`expected "python <version>", found "${clip(line)}"`, n);
      this.python = match[1]!;
      return;
    }
    const kind = line.charCodeAt(0);
    if (kind === 124 /* | */) {
      if (this.openMark === null) throw new TraceFormatError('"|" line outside a mark', n);
      if (line.length > 1 && line.charCodeAt(1) !== 32) {
        throw new TraceFormatError('expected "| <text>" or "|"', n);
      }
      this.openMark.stats.push(line.slice(2));
      return;
    }
    this.closeMark();
    const b = this.builder;
    if (kind === 35 /* # */) {
      b.comments.push({ eventIndex: b.length, text: line.slice(1), seq: this.seq++ });
      return;
    }
    if (kind === 83 /* S */ && (line.length === 1 || line.charCodeAt(1) === 32)) {
      this.openMark = {
        eventIndex: b.length,
        label: line.slice(2),
        line: n,
        seq: this.seq++,
        stats: [],
      };
      return;
    }
    const fields = line.split(' ');
    const tag = fields[0];
    switch (tag) {
      case 'A':
        this.expectFields(fields, 3, 'A <size> <addr>');
        b.push(Op.arenaAlloc, 0, decimal(fields[1]!, n), hex(fields[2]!, n), 0, n);
        return;
      case 'F':
        this.expectFields(fields, 3, 'F <addr> <size>');
        b.push(Op.arenaFree, 0, hex(fields[1]!, n), decimal(fields[2]!, n), 0, n);
        return;
      case 'm':
      case 'c':
        this.expectFields(fields, 4, `${tag} <domain> <size> <ptr>`);
        b.push(
          tag === 'm' ? Op.malloc : Op.calloc,
          domain(fields[1]!, n),
          decimal(fields[2]!, n),
          hex(fields[3]!, n),
          0,
          n,
        );
        return;
      case 'r':
        this.expectFields(fields, 5, 'r <domain> <old> <size> <new>');
        b.push(
          Op.realloc,
          domain(fields[1]!, n),
          hex(fields[2]!, n),
          decimal(fields[3]!, n),
          hex(fields[4]!, n),
          n,
        );
        return;
      case 'f':
        this.expectFields(fields, 3, 'f <domain> <ptr>');
        b.push(Op.free, domain(fields[1]!, n), hex(fields[2]!, n), 0, 0, n);
        return;
      default:
        throw new TraceFormatError(
          line === ''
            ? 'empty line'
            : `unknown record "${clip(line)}" (expected A, F, m, c, r, f, S, | or #)`,
          n,
        );
    }
  }

  private expectFields(fields: string[], count: number, shape: string): void {
    if (fields.length !== count) {
      throw new TraceFormatError(
        `expected "${shape}", found ${fields.length - 1} fields`,
        this.lineNumber,
      );
    }
  }

  private closeMark(): void {
    const mark = this.openMark;
    if (mark === null) return;
    this.openMark = null;
    this.builder.marks.push({
      eventIndex: mark.eventIndex,
      label: mark.label,
      stats: mark.stats.map((line) => `${line}\n`).join(''),
      line: mark.line,
      seq: mark.seq,
    });
  }
}

/** Parses a whole text trace held in a string. */
export function parseTextTrace(text: string): Trace {
  const parser = new TextTraceParser();
  parser.push(text);
  return parser.finish();
}

function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function domain(text: string, line: number): number {
  if (text === 'obj') return Domain.obj;
  if (text === 'mem') return Domain.mem;
  if (text === 'raw') return Domain.raw;
  throw new TraceFormatError(`unknown domain "${clip(text)}" (expected raw, mem or obj)`, line);
}

function decimal(text: string, line: number): number {
  if (text.length === 0 || text.length > MAX_DECIMAL_DIGITS) {
    throw new TraceFormatError(`bad size "${clip(text)}" (expected a decimal number)`, line);
  }
  let value = 0;
  for (let i = 0; i < text.length; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) {
      throw new TraceFormatError(`bad size "${clip(text)}" (expected a decimal number)`, line);
    }
    value = value * 10 + digit;
  }
  return value;
}

function hex(text: string, line: number): number {
  if (text.length === 0 || text.length > MAX_HEX_DIGITS) {
    throw new TraceFormatError(
      `bad address "${clip(text)}" (expected lowercase hex without 0x, at most ${MAX_HEX_DIGITS} digits)`,
      line,
    );
  }
  let value = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    let digit: number;
    if (code >= 48 && code <= 57) digit = code - 48;
    else if (code >= 97 && code <= 102) digit = code - 87;
    else {
      throw new TraceFormatError(
        `bad address "${clip(text)}" (expected lowercase hex without 0x)`,
        line,
      );
    }
    value = value * 16 + digit;
  }
  return value;
}
