/**
 * Writer of the text trace format (see text-reader.ts for the grammar). Yields the
 * text in chunks so that a large trace is never one string.
 */
import { DOMAIN_NAMES, Op, type Trace } from './trace.ts';

const CHUNK_EVENTS = 8192;

/** Yields a trace as text, in chunks; the concatenation is the whole file. */
export function* formatTextTrace(trace: Trace): Generator<string> {
  yield `pymem-trace ${trace.header.formatVersion}\npython ${trace.header.python}\n`;
  const notes = [
    ...trace.header.comments.map((comment) => ({ ...comment, text: `#${comment.text}` })),
    ...trace.marks.map((mark) => ({
      eventIndex: mark.eventIndex,
      seq: mark.seq,
      text:
        (mark.label === '' ? 'S' : `S ${mark.label}`) +
        (mark.stats === ''
          ? ''
          : `\n${mark.stats
              .slice(0, -1)
              .split('\n')
              .map((line) => (line === '' ? '|' : `| ${line}`))
              .join('\n')}`),
    })),
  ].sort((x, y) => x.eventIndex - y.eventIndex || x.seq - y.seq);
  let note = 0;
  let out = '';
  for (let i = 0; i <= trace.length; i++) {
    while (note < notes.length && notes[note]!.eventIndex === i) out += `${notes[note++]!.text}\n`;
    if (i === trace.length) break;
    out += formatEvent(trace, i);
    if (i % CHUNK_EVENTS === CHUNK_EVENTS - 1) {
      yield out;
      out = '';
    }
  }
  if (out !== '') yield out;
}

/** One event as its text line, with the newline. */
export function formatEvent(trace: Trace, i: number): string {
  const a = trace.a[i]!;
  const b = trace.b[i]!;
  const domain = DOMAIN_NAMES[trace.domain[i]!];
  switch (trace.op[i]) {
    case Op.arenaAlloc:
      return `A ${a} ${b.toString(16)}\n`;
    case Op.arenaFree:
      return `F ${a.toString(16)} ${b}\n`;
    case Op.malloc:
      return `m ${domain} ${a} ${b.toString(16)}\n`;
    case Op.calloc:
      return `c ${domain} ${a} ${b.toString(16)}\n`;
    case Op.realloc:
      return `r ${domain} ${a.toString(16)} ${b} ${trace.c[i]!.toString(16)}\n`;
    default:
      return `f ${domain} ${a.toString(16)}\n`;
  }
}
