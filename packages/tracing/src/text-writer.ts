/**
 * Writer of the text trace format (see text-reader.ts for the grammar). Yields the
 * text in chunks so that a large trace is never one string.
 */
import { toBase64 } from './heap-snapshot.ts';
import { formatCollectorRecord, formatObjectRecord } from './model-text.ts';
import { type Note, notesInOrder } from './notes.ts';
import { DOMAIN_NAMES, type EventColumns, Op, type Trace } from './trace.ts';

const CHUNK_EVENTS = 8192;

function lines(prefix: string, text: string): string {
  if (text === '') return '';
  return text
    .slice(0, -1)
    .split('\n')
    .map((line) => (line === '' ? `${prefix}\n` : `${prefix} ${line}\n`))
    .join('');
}

function formatNote({ kind, note }: Note): string {
  switch (kind) {
    case 'mark':
      return `${note.label === '' ? 'S' : `S ${note.label}`}\n${lines('|', note.stats)}${lines('t', note.tracemalloc)}`;
    case 'comment':
      return `#${note.text}\n`;
    case 'gc':
      return `G ${note.generation} ${note.collected} ${note.uncollectable} ${note.durationNs}\n`;
    case 'filename':
      return `N ${note.id} ${note.filename.replace(/\\/g, '\\\\').replace(/\n/g, '\\n')}\n`;
    case 'traceback':
      return `T ${note.id} ${note.totalFrames}${note.frames.map((f) => ` ${f.filename}:${f.lineno}`).join('')}\n`;
    case 'object':
      return formatObjectRecord(note);
    case 'collector':
      return formatCollectorRecord(note);
    case 'heapSnapshot':
      return note.parts.map((part) => `H ${toBase64(part)}\n`).join('');
  }
}

/** Yields a trace as text, in chunks; the concatenation is the whole file. */
export function* formatTextTrace(trace: Trace): Generator<string> {
  yield `pymem-trace ${trace.header.formatVersion}\npython ${trace.header.python}\n`;
  const notes = notesInOrder(trace);
  const argv = trace.header.metadata.argv;
  if (Array.isArray(argv) && !trace.comments.some((comment) => comment.text.startsWith(' argv '))) {
    yield `# argv ${argv
      .map(String)
      .join(' ')
      .replace(/[\r\n]/g, ' ')}\n`;
  }
  let note = 0;
  let out = '';
  for (let i = 0; i <= trace.length; i++) {
    while (note < notes.length && notes[note]!.note.eventIndex === i)
      out += formatNote(notes[note++]!);
    if (i === trace.length) break;
    out += formatEvent(trace, i);
    if (i % CHUNK_EVENTS === CHUNK_EVENTS - 1) {
      yield out;
      out = '';
    }
  }
  yield `${out}E ${trace.length}\n`;
}

/** Event `i` of `trace` (a whole trace or one window of its columns) as its text line, with the newline. */
export function formatEvent(trace: EventColumns, i: number): string {
  const a = trace.a[i]!;
  const b = trace.b[i]!;
  const domain = DOMAIN_NAMES[trace.domain[i]!];
  const site = trace.site[i]! >= 0 ? ` @${trace.site[i]}` : '';
  switch (trace.op[i]) {
    case Op.arenaAlloc:
      return `A ${a} ${b.toString(16)}\n`;
    case Op.arenaFree:
      return `F ${a.toString(16)} ${b}\n`;
    case Op.malloc:
      return `m ${domain} ${a} ${b.toString(16)}${site}\n`;
    case Op.calloc:
      return `c ${domain} ${a} ${b.toString(16)}${site}\n`;
    case Op.realloc:
      return `r ${domain} ${a.toString(16)} ${b} ${trace.c[i]!.toString(16)}${site}\n`;
    default:
      return `f ${domain} ${a.toString(16)}\n`;
  }
}
