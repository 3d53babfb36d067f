/**
 * Reader of the text trace format (`pymem-trace 1`), streaming: text arrives in
 * chunks of any size and never needs to sit whole in memory. The grammar is in
 * docs/formats/text.md:
 *
 *   pymem-trace 1                      line 1, always
 *   python 3.11.7                      line 2, always
 *   A <size> <addr>                    arena allocator returned addr
 *   F <addr> <size>                    arena allocator released addr
 *   m|c <domain> <size> <ptr> [@tb]    malloc / calloc (size = nelem * elsize)
 *   r <domain> <old> <size> <new> [@tb] realloc
 *   f <domain> <ptr>                   free
 *   S [<label>]                        a mark; CPython's statistics follow as
 *   | <text>                           one `|` line each (`|` alone: an empty line),
 *   t <text>                           then tracemalloc's statistics, one line each
 *   G <gen> <collected> <uncollectable> <ns>   a GC collection
 *   N <id> <filename>                  a site file name (`\\` and `\n` escaped)
 *   T <id> <total> <file>:<line> …     a site traceback, most recent frame first
 *   o <verb> <handle> …                an object record (model-text.ts)
 *   g <verb> …                         a collector record (model-text.ts)
 *   # <anything>                       a comment
 *
 * Domains are raw, mem, obj; sizes decimal; addresses lowercase hex without 0x;
 * NULL is 0. Anything else is a TraceFormatError naming the line.
 */
import { TraceFormatError } from './errors.ts';
import { fromBase64, HeapSnapshotAssembler } from './heap-snapshot.ts';
import { parseCollectorRecord, parseObjectRecord } from './model-text.ts';
import { Domain, Op, type OpCode, type Trace, TraceBuilder } from './trace.ts';

const MAX_HEX_DIGITS = 13; // 52 bits: every user-space address, exactly
const MAX_DECIMAL_DIGITS = 15;

interface OpenMark {
  eventIndex: number;
  seq: number;
  label: string;
  line: number;
  stats: string[];
  tracemalloc: string[];
}

/** Parses a text trace that arrives in chunks: `push()` each chunk, then `finish()`. */
export class TextTraceParser {
  private readonly builder = new TraceBuilder();
  private readonly heapSnapshots = new HeapSnapshotAssembler('line');
  private pending = '';
  private lineNumber = 0;
  private formatVersion = 0;
  private python = '';
  private openMark: OpenMark | null = null;
  private endLine = 0;
  /** Non-fatal problems found by {@link finish} (a missing end record). */
  readonly warnings: string[] = [];

  /**
   * True once the end record (`E <events>`) was read: the writer closed the file, so
   * nothing was cut off. A text trace without it may have been truncated.
   */
  get ended(): boolean {
    return this.endLine > 0;
  }

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
    this.builder.heapSnapshots.push(...this.heapSnapshots.finish());
    if (this.endLine === 0) {
      this.warnings.push(
        `no end record ("E") after ${this.builder.length.toLocaleString('en-US')} events: the recording may have been cut short (or was written before pymem wrote end records)`,
      );
    }
    return this.builder.finish({
      formatVersion: this.formatVersion,
      python: this.python,
      metadata: {},
    });
  }

  private parseLine(raw: string): void {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const n = ++this.lineNumber;
    if (n === 1) {
      if (line !== 'pymem-trace 1') {
        // Not text at all (what a binary file read as UTF-8 looks like): say so, quote nothing.
        if (looksBinary(line))
          throw new TraceFormatError(
            'binary data, neither a .pmt file nor a text trace (which starts "pymem-trace 1")',
            n,
          );
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
    if (this.endLine > 0) {
      throw new TraceFormatError(`a record after the end record "E" (line ${this.endLine})`, n);
    }
    const kind = line.charCodeAt(0);
    const second = line.charCodeAt(1);
    if (kind === 124 /* | */ || (kind === 116 /* t */ && (line.length === 1 || second === 32))) {
      const mark = this.openMark;
      if (mark === null) throw new TraceFormatError(`"${line[0]}" line outside a mark`, n);
      if (line.length > 1 && second !== 32)
        throw new TraceFormatError('expected "| <text>" or "|"', n);
      if (kind === 124) {
        if (mark.tracemalloc.length > 0) throw new TraceFormatError('"|" line after "t" lines', n);
        mark.stats.push(line.slice(2));
      } else mark.tracemalloc.push(line.slice(2));
      return;
    }
    this.closeMark();
    const b = this.builder;
    if (kind === 69 /* E */ && second === 32) {
      const events = decimal(line.slice(2), n, 'event count');
      if (events !== b.length) {
        throw new TraceFormatError(
          `the end record says ${events} events, but ${b.length} were read`,
          n,
        );
      }
      this.endLine = n;
      return;
    }
    if (kind === 35 /* # */) {
      b.comments.push({ ...b.position(), text: line.slice(1) });
      return;
    }
    if (kind === 83 /* S */ && (line.length === 1 || second === 32)) {
      this.openMark = {
        ...b.position(),
        label: line.slice(2),
        line: n,
        stats: [],
        tracemalloc: [],
      };
      return;
    }
    if (kind === 78 /* N */ && second === 32) {
      const space = line.indexOf(' ', 2);
      if (space < 0) throw new TraceFormatError('expected "N <id> <filename>"', n);
      const id = decimal(line.slice(2, space), n, 'id');
      if (id !== b.filenames.length) {
        throw new TraceFormatError(
          `file name id ${id} out of order (expected ${b.filenames.length})`,
          n,
        );
      }
      b.filenames.push({ ...b.position(), id, filename: unescapeName(line.slice(space + 1)) });
      return;
    }
    const fields = line.split(' ');
    const tag = fields[0];
    switch (tag) {
      case 'A':
        expectFields(fields, 3, 'A <size> <addr>', n);
        b.push(Op.arenaAlloc, 0, decimal(fields[1]!, n), hex(fields[2]!, n), 0, n);
        return;
      case 'F':
        expectFields(fields, 3, 'F <addr> <size>', n);
        b.push(Op.arenaFree, 0, hex(fields[1]!, n), decimal(fields[2]!, n), 0, n);
        return;
      case 'm':
      case 'c': {
        const site = this.site(fields, 4, n);
        expectFields(fields, 4, `${tag} <domain> <size> <ptr>`, n);
        const op: OpCode = tag === 'm' ? Op.malloc : Op.calloc;
        b.push(op, domain(fields[1]!, n), decimal(fields[2]!, n), hex(fields[3]!, n), 0, n, site);
        return;
      }
      case 'r': {
        const site = this.site(fields, 5, n);
        expectFields(fields, 5, 'r <domain> <old> <size> <new>', n);
        const dom = domain(fields[1]!, n);
        b.push(
          Op.realloc,
          dom,
          hex(fields[2]!, n),
          decimal(fields[3]!, n),
          hex(fields[4]!, n),
          n,
          site,
        );
        return;
      }
      case 'f':
        expectFields(fields, 3, 'f <domain> <ptr>', n);
        b.push(Op.free, domain(fields[1]!, n), hex(fields[2]!, n), 0, 0, n);
        return;
      case 'H': {
        expectFields(fields, 2, 'H <heap snapshot record, base64>', n);
        const payload = fromBase64(fields[1]!);
        if (!payload) throw new TraceFormatError('a heap snapshot record (H) must be base64', n);
        this.heapSnapshots.part(payload, 0, payload.length, n, b.position());
        return;
      }
      case 'G':
        expectFields(fields, 5, 'G <generation> <collected> <uncollectable> <duration_ns>', n);
        b.gcCollections.push({
          ...b.position(),
          generation: decimal(fields[1]!, n, 'generation'),
          collected: decimal(fields[2]!, n, 'count'),
          uncollectable: decimal(fields[3]!, n, 'count'),
          durationNs: decimal(fields[4]!, n, 'duration'),
        });
        return;
      case 'T': {
        if (fields.length < 3)
          throw new TraceFormatError('expected "T <id> <total> <file>:<line> ..."', n);
        const id = decimal(fields[1]!, n, 'id');
        if (id !== b.tracebacks.length) {
          throw new TraceFormatError(
            `traceback id ${id} out of order (expected ${b.tracebacks.length})`,
            n,
          );
        }
        const frames = fields.slice(3).map((frame) => {
          const colon = frame.indexOf(':');
          const filename = colon > 0 ? decimal(frame.slice(0, colon), n, 'file id') : -1;
          if (filename < 0 || filename >= b.filenames.length) {
            throw new TraceFormatError(
              `bad frame "${clip(frame)}" (expected <defined file id>:<line>)`,
              n,
            );
          }
          return { filename, lineno: decimal(frame.slice(colon + 1), n, 'line number') };
        });
        b.tracebacks.push({
          ...b.position(),
          id,
          totalFrames: decimal(fields[2]!, n, 'frame count'),
          frames,
        });
        return;
      }
      case 'o':
        b.objectRecords.push(parseObjectRecord(fields, b.position(), n, fieldReader(n)));
        return;
      case 'g':
        b.collectorRecords.push(parseCollectorRecord(fields, b.position(), n, fieldReader(n)));
        return;
      default:
        throw new TraceFormatError(
          line === ''
            ? 'empty line'
            : `unknown record "${clip(line)}" (expected A, F, m, c, r, f, S, |, t, G, N, T, o, g, E or #)`,
          n,
        );
    }
  }

  /** Removes a trailing `@<id>` field (when `fields` has one more than `count`). */
  private site(fields: string[], count: number, line: number): number {
    if (fields.length !== count + 1 || fields[count]!.charCodeAt(0) !== 64 /* @ */) return -1;
    const id = decimal(fields.pop()!.slice(1), line, 'traceback id');
    if (id >= this.builder.tracebacks.length) {
      throw new TraceFormatError(`site @${id} names no traceback defined before it`, line);
    }
    return id;
  }

  private closeMark(): void {
    const mark = this.openMark;
    if (mark === null) return;
    this.openMark = null;
    const lines = (list: string[]) => list.map((line) => `${line}\n`).join('');
    this.builder.marks.push({
      eventIndex: mark.eventIndex,
      seq: mark.seq,
      label: mark.label,
      stats: lines(mark.stats),
      tracemalloc: lines(mark.tracemalloc),
      line: mark.line,
    });
  }
}

/** Parses a whole text trace held in a string. */
export function parseTextTrace(text: string): Trace {
  const parser = new TextTraceParser();
  parser.push(text);
  return parser.finish();
}

/** Decimal and hex fields of model records, failing with line `line`. */
function fieldReader(line: number) {
  return {
    decimal: (text: string, what: string) => decimal(text, line, what),
    hex: (text: string) => hex(text, line),
    quote: clip,
  };
}

function expectFields(fields: string[], count: number, shape: string, line: number): void {
  if (fields.length !== count) {
    throw new TraceFormatError(`expected "${shape}", found ${fields.length - 1} fields`, line);
  }
}

/** A control character (but tab, newline and the like) or U+FFFD: what bytes that are not UTF-8 text decode to. */
function looksBinary(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0xfffd || code < 9 || (code > 13 && code < 32)) return true;
  }
  return false;
}

/**
 * `text` as an error message may quote it: at most 60 characters, and anything but
 * printable ASCII escaped (a binary file read as text must not print raw bytes).
 */
function clip(text: string): string {
  const short = text.length > 60 ? `${text.slice(0, 57)}...` : text;
  return short.replace(/[^\x20-\x7e]/g, (char) => {
    const code = char.charCodeAt(0);
    return code < 0x100
      ? `\\x${code.toString(16).padStart(2, '0')}`
      : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

function unescapeName(text: string): string {
  return text.includes('\\')
    ? text.replace(/\\(\\|n)/g, (_, c: string) => (c === 'n' ? '\n' : '\\'))
    : text;
}

function domain(text: string, line: number): number {
  if (text === 'obj') return Domain.obj;
  if (text === 'mem') return Domain.mem;
  if (text === 'raw') return Domain.raw;
  throw new TraceFormatError(`unknown domain "${clip(text)}" (expected raw, mem or obj)`, line);
}

function decimal(text: string, line: number, what = 'size'): number {
  if (text.length === 0 || text.length > MAX_DECIMAL_DIGITS) {
    throw new TraceFormatError(`bad ${what} "${clip(text)}" (expected a decimal number)`, line);
  }
  let value = 0;
  for (let i = 0; i < text.length; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) {
      throw new TraceFormatError(`bad ${what} "${clip(text)}" (expected a decimal number)`, line);
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
