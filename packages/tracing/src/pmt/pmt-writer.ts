/**
 * Writes a {@link Trace} as a `.pmt` binary file (docs/formats/pmt.md), chunk by
 * chunk. Every address delta restarts at 0 in each chunk, so each chunk decodes on its
 * own; notes are written in stream order between the events they sit between.
 */
import { type Note, notesInOrder } from '../notes.ts';
import { Op, type Trace } from '../trace.ts';
import { ByteWriter, zigzag } from './bytes.ts';
import {
  ALIGNED_BIT,
  CHUNK_MAGIC,
  EVENTS_PER_CHUNK,
  FILE_MAGIC,
  FORMAT_VERSION,
  INDEX_MAGIC,
  Kind,
  SITE_BIT,
  TRAILER,
} from './format.ts';

/** Options of {@link encodePmt}. */
export interface PmtWriteOptions {
  /** Events per chunk (default 65,536). */
  readonly eventsPerChunk?: number;
}

/** Yields the bytes of `trace` as a `.pmt` file: header, chunks, index. */
export function* encodePmt(trace: Trace, options: PmtWriteOptions = {}): Generator<Uint8Array> {
  const perChunk = options.eventsPerChunk ?? EVENTS_PER_CHUNK;
  const out = new ByteWriter();
  out.raw(FILE_MAGIC);
  out.uint(FORMAT_VERSION, 2);
  out.u8(8);
  out.u8(0);
  const metadata = new TextEncoder().encode(
    JSON.stringify({ ...trace.header.metadata, python: trace.header.python }),
  );
  out.uint(metadata.length, 4);
  out.raw(metadata);
  let fileOffset = out.length;
  yield out.take();

  const notes = notesInOrder(trace);
  const index: [number, number][] = [];
  const payload = new ByteWriter();
  let note = 0;
  let first = 0;
  let prev = 0;
  const prevClass = new Array<number>(33).fill(0);
  const chunk = (last: number): Uint8Array => {
    const body = payload.take();
    const header = new ByteWriter();
    header.uint(CHUNK_MAGIC, 4);
    header.uint(body.length, 4);
    header.uint(last - first, 4);
    header.uint(first, 8);
    header.raw(body);
    index.push([fileOffset, first]);
    const bytes = header.take();
    fileOffset += bytes.length;
    first = last;
    prev = 0;
    prevClass.fill(0);
    return bytes;
  };
  const address = (value: number, aligned: boolean) => {
    const delta = value - prev;
    payload.varint(zigzag(aligned ? delta / 16 : delta));
    prev = value;
  };
  for (let i = 0; i <= trace.length; i++) {
    if (i > first && i - first >= perChunk) yield chunk(i);
    while (note < notes.length && notes[note]!.note.eventIndex === i)
      writeNote(payload, notes[note++]!);
    if (i === trace.length) break;
    const op = trace.op[i]!;
    const a = trace.a[i]!;
    const b = trace.b[i]!;
    const c = trace.c[i]!;
    const site = trace.site[i]!;
    const domainBits = op >= Op.malloc ? trace.domain[i]! << 4 : 0;
    const siteBit = site >= 0 ? SITE_BIT : 0;
    switch (op) {
      case Op.arenaAlloc: {
        const aligned = (b - prev) % 16 === 0;
        payload.u8(Kind.arenaAlloc | (aligned ? ALIGNED_BIT : 0));
        payload.varint(a);
        address(b, aligned);
        break;
      }
      case Op.arenaFree: {
        const aligned = (a - prev) % 16 === 0;
        payload.u8(Kind.arenaFree | (aligned ? ALIGNED_BIT : 0));
        address(a, aligned);
        payload.varint(b);
        break;
      }
      case Op.malloc:
      case Op.calloc: {
        const k = requestClass(a);
        const delta = b - prevClass[k]!;
        const aligned = delta % 16 === 0;
        payload.u8(op | domainBits | siteBit | (aligned ? ALIGNED_BIT : 0));
        payload.varint(a);
        payload.varint(zigzag(aligned ? delta / 16 : delta));
        prev = b;
        prevClass[k] = b;
        break;
      }
      case Op.realloc: {
        const aligned = (a - prev) % 16 === 0 && (c - a) % 16 === 0;
        payload.u8(Kind.realloc | domainBits | siteBit | (aligned ? ALIGNED_BIT : 0));
        address(a, aligned);
        payload.varint(b);
        address(c, aligned);
        break;
      }
      default: {
        const aligned = (a - prev) % 16 === 0;
        payload.u8(Kind.free | domainBits | (aligned ? ALIGNED_BIT : 0));
        address(a, aligned);
      }
    }
    if (siteBit) payload.varint(site);
  }
  yield chunk(trace.length);

  const footer = new ByteWriter();
  footer.uint(INDEX_MAGIC, 4);
  footer.uint(index.length, 4);
  for (const [offset, firstEvent] of index) {
    footer.uint(offset, 8);
    footer.uint(firstEvent, 8);
  }
  footer.uint(trace.length, 8);
  footer.uint(fileOffset, 8);
  footer.raw(TRAILER);
  yield footer.take();
}

/** The delta base class of a malloc/calloc request (see the format's Records section). */
export function requestClass(size: number): number {
  return size >= 1 && size <= 512 ? (size - 1) >> 4 : 32;
}

function writeNote(out: ByteWriter, { kind, note }: Note): void {
  switch (kind) {
    case 'mark':
      out.u8(Kind.mark);
      out.string(note.label);
      out.string(note.stats);
      if (note.tracemalloc !== '') {
        out.u8(Kind.tracemalloc);
        out.string(note.tracemalloc);
      }
      return;
    case 'comment':
      out.u8(Kind.comment);
      out.string(note.text);
      return;
    case 'gc':
      out.u8(Kind.gc);
      out.varint(note.generation);
      out.varint(note.collected);
      out.varint(note.uncollectable);
      out.varint(note.durationNs);
      return;
    case 'filename':
      out.u8(Kind.filename);
      out.varint(note.id);
      out.string(note.filename);
      return;
    case 'traceback':
      out.u8(Kind.traceback);
      out.varint(note.id);
      out.varint(note.totalFrames);
      out.varint(note.frames.length);
      for (const frame of note.frames) {
        out.varint(frame.filename);
        out.varint(frame.lineno);
      }
  }
}

/** Encodes a whole trace into one byte array. */
export function encodePmtBytes(trace: Trace, options: PmtWriteOptions = {}): Uint8Array {
  const parts = [...encodePmt(trace, options)];
  const total = parts.reduce((sum, part) => sum + part.length, 0);
  const out = new Uint8Array(total);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
