/**
 * The text form of object (`o …`) and collector (`g …`) records (docs/formats/text.md,
 * model-records.ts for the table): one line each, a verb after the letter, handles and
 * counts in decimal, addresses in lowercase hex without `0x`.
 *
 * Invariant: `parse…(format…(record))` gives back the record, and `format…(parse…(line))`
 * gives back the line, for every line the parsers accept (so text round-trips byte for
 * byte through `.pmt`).
 */
import { TraceFormatError } from './errors.ts';
import {
  COLLECTION_REASONS,
  COLLECTOR_PHASES,
  type CollectorRecord,
  type GenerationTriple,
  type ObjectRecord,
} from './model-records.ts';
import type { NotePosition } from './trace.ts';

/** An object record as its text line, with the newline. */
export function formatObjectRecord(record: ObjectRecord): string {
  switch (record.kind) {
    case 'new':
      return `o ${record.reused ? 'reuse' : 'new'} ${record.handle} ${record.typeName} ${record.address.toString(16)} ${record.size}\n`;
    case 'free':
    case 'park':
      return `o ${record.kind} ${record.handle} ${record.address.toString(16)}\n`;
    case 'track':
    case 'untrack':
      return `o ${record.kind} ${record.handle}\n`;
    default:
      return `o ${record.kind} ${record.handle} ${record.refcnt}\n`;
  }
}

/** A collector record as its text line, with the newline. */
export function formatCollectorRecord(record: CollectorRecord): string {
  switch (record.kind) {
    case 'scheduled':
      return `g scheduled ${record.counts.join(' ')}\n`;
    case 'start':
      return `g start ${record.generation} ${record.reason} ${record.counts.join(' ')} ${record.generationSizes.join(' ')}\n`;
    case 'phase':
      return `g phase ${record.generation} ${record.phase} ${record.objects.length}${record.objects.map((h) => ` ${h}`).join('')}\n`;
    case 'weakref':
      return `g weakref ${record.generation} ${record.handle} ${record.freed ? 'freed' : 'kept'}\n`;
    default:
      return `g stop ${record.generation} ${record.collected} ${record.uncollectable}\n`;
  }
}

/** How a parser reads the decimal and hex fields of one line (failing with its number). */
export interface FieldReader {
  decimal(text: string, what: string): number;
  hex(text: string): number;
  /** `text` made safe to quote in a message (clipped, non-printable bytes escaped). */
  quote(text: string): string;
}

function expectFields(fields: readonly string[], count: number, shape: string, line: number): void {
  if (fields.length !== count)
    throw new TraceFormatError(`expected "${shape}", found ${fields.length - 1} fields`, line);
}

/**
 * The object record of `fields` (an `o` line split on spaces) at `position`.
 * @throws TraceFormatError naming the line on an unknown verb or a bad field.
 */
export function parseObjectRecord(
  fields: readonly string[],
  position: NotePosition,
  line: number,
  read: FieldReader,
): ObjectRecord {
  const verb = fields[1];
  const handle = () => read.decimal(fields[2] ?? '', 'handle');
  switch (verb) {
    case 'new':
    case 'reuse': {
      expectFields(fields, 6, `o ${verb} <handle> <type> <addr> <size>`, line);
      const typeName = fields[3]!;
      if (typeName === '') throw new TraceFormatError('empty type name', line);
      return {
        ...position,
        kind: 'new',
        handle: handle(),
        typeName,
        address: read.hex(fields[4]!),
        size: read.decimal(fields[5]!, 'size'),
        reused: verb === 'reuse',
      };
    }
    case 'free':
    case 'park':
      expectFields(fields, 4, `o ${verb} <handle> <addr>`, line);
      return { ...position, kind: verb, handle: handle(), address: read.hex(fields[3]!) };
    case 'track':
    case 'untrack':
      expectFields(fields, 3, `o ${verb} <handle>`, line);
      return { ...position, kind: verb, handle: handle() };
    case 'incref':
    case 'decref':
      expectFields(fields, 4, `o ${verb} <handle> <refcnt>`, line);
      return {
        ...position,
        kind: verb,
        handle: handle(),
        refcnt: read.decimal(fields[3]!, 'reference count'),
      };
    default:
      throw new TraceFormatError(
        `unknown object record "o ${read.quote(verb ?? '')}" (expected new, reuse, free, park, track, untrack, incref or decref)`,
        line,
      );
  }
}

/**
 * The collector record of `fields` (a `g` line split on spaces) at `position`.
 * @throws TraceFormatError naming the line on an unknown verb, phase or bad field.
 */
export function parseCollectorRecord(
  fields: readonly string[],
  position: NotePosition,
  line: number,
  read: FieldReader,
): CollectorRecord {
  const verb = fields[1];
  const generation = () => read.decimal(fields[2] ?? '', 'generation');
  const triple = (from: number): GenerationTriple => [
    read.decimal(fields[from]!, 'count'),
    read.decimal(fields[from + 1]!, 'count'),
    read.decimal(fields[from + 2]!, 'count'),
  ];
  switch (verb) {
    case 'scheduled':
      expectFields(fields, 5, 'g scheduled <count0> <count1> <count2>', line);
      return { ...position, kind: 'scheduled', counts: triple(2) };
    case 'start': {
      expectFields(fields, 10, 'g start <gen> <reason> <count0..2> <size0..2>', line);
      const reason = fields[3]!;
      if (reason !== 'automatic' && reason !== 'manual') {
        throw new TraceFormatError(
          `unknown collection reason "${read.quote(reason)}" (expected ${COLLECTION_REASONS.join(' or ')})`,
          line,
        );
      }
      return {
        ...position,
        kind: 'start',
        generation: generation(),
        reason,
        counts: triple(4),
        generationSizes: triple(7),
      };
    }
    case 'phase': {
      if (fields.length < 5)
        throw new TraceFormatError('expected "g phase <gen> <phase> <n> <handle> ..."', line);
      const phase = fields[3]!;
      if (!COLLECTOR_PHASES.includes(phase))
        throw new TraceFormatError(`unknown collector phase "${read.quote(phase)}"`, line);
      const count = read.decimal(fields[4]!, 'object count');
      if (fields.length !== 5 + count) {
        throw new TraceFormatError(
          `the phase says ${count} objects, but ${fields.length - 5} follow`,
          line,
        );
      }
      const objects = fields.slice(5).map((field) => read.decimal(field, 'handle'));
      return { ...position, kind: 'phase', generation: generation(), phase, objects };
    }
    case 'weakref': {
      expectFields(fields, 5, 'g weakref <gen> <handle> kept|freed', line);
      const outcome = fields[4]!;
      if (outcome !== 'kept' && outcome !== 'freed')
        throw new TraceFormatError(
          `expected "kept" or "freed", found "${read.quote(outcome)}"`,
          line,
        );
      return {
        ...position,
        kind: 'weakref',
        generation: generation(),
        handle: read.decimal(fields[3]!, 'handle'),
        freed: outcome === 'freed',
      };
    }
    case 'stop':
      expectFields(fields, 5, 'g stop <gen> <collected> <uncollectable>', line);
      return {
        ...position,
        kind: 'stop',
        generation: generation(),
        collected: read.decimal(fields[3]!, 'count'),
        uncollectable: read.decimal(fields[4]!, 'count'),
      };
    default:
      throw new TraceFormatError(
        `unknown collector record "g ${read.quote(verb ?? '')}" (expected scheduled, start, phase, weakref or stop)`,
        line,
      );
  }
}
