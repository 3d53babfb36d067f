import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TraceFormatError } from '../errors.ts';
import { parseTextTrace } from '../text-reader.ts';
import { formatTextTrace } from '../text-writer.ts';
import { Op, TraceBuilder } from '../trace.ts';
import { ExtensionKind, FORMAT_VERSION, Kind } from './format.ts';
import { PmtDamageError } from './pmt-damage.ts';
import { decodePmt } from './pmt-reader.ts';
import {
  chunkBytes,
  encodePmtBytes,
  extensionRecordBytes,
  fileHeaderBytes,
  indexBytes,
} from './pmt-writer.ts';

const SAMPLE = `pymem-trace 1
python 3.12.1
# argv prog.py
N 0 /app/main.py
T 0 2 0:7
A 1048576 7f0000001000
m obj 24 7f0000004030 @0
c mem 600 55550000a018
G 2 40 0 123456
r obj 7f0000004030 100 7f0000008030 @0
S after
| Small block threshold = 512, in 32 size classes.
|
t /app/main.py:7: size=100 B, count=1, average=100 B
f obj 7f0000008030
S
F 7f0000001000 1048576
m raw 0 0
E 7
`;

const text = (trace: Parameters<typeof formatTextTrace>[0]) => [...formatTextTrace(trace)].join('');

describe('the .pmt binary format', () => {
  it('decodes a file whose last records are notes into columns of exactly its events', () => {
    // A builder that reserved the exact total grows only for an event that is there:
    // a mark after the last event once doubled every column and copied it back.
    const trace = parseTextTrace(SAMPLE);
    const decoded = decodePmt(encodePmtBytes(trace, { eventsPerChunk: 1000 })).trace;
    expect(decoded.length).toBe(trace.length);
    for (const column of [decoded.op, decoded.a, decoded.b, decoded.c, decoded.site])
      expect(column.length).toBe(trace.length);
    const builder = new TraceBuilder();
    builder.reserve(5000);
    for (let i = 0; i < 5000; i++) builder.push(Op.free, 0, 16 * (i + 1), 0, 0, 0);
    expect(builder.appendTarget().capacity).toBe(5000);
    expect(builder.appendTarget().row).toBe(5000);
    expect(builder.appendTarget(true).capacity).toBeGreaterThan(builder.length);
  });

  it('round-trips text → binary → text byte for byte, whatever the chunk size', () => {
    for (const eventsPerChunk of [1, 2, 3, 65_536]) {
      const bytes = encodePmtBytes(parseTextTrace(SAMPLE), { eventsPerChunk });
      const file = decodePmt(bytes);
      expect(file.warnings).toEqual([]);
      expect(text(file.trace)).toBe(SAMPLE);
    }
  });

  it('keeps every complete chunk of a torn file and says so', () => {
    const bytes = encodePmtBytes(parseTextTrace(SAMPLE), { eventsPerChunk: 2 });
    const full = decodePmt(bytes);
    const lastChunk = full.chunks[full.chunks.length - 1]!;
    const torn = decodePmt(bytes.slice(0, lastChunk.offset + 21));
    expect(torn.trace.length).toBe(lastChunk.firstEvent);
    expect(torn.warnings.join('\n')).toMatch(/torn/);
    expect(torn.warnings.join('\n')).toMatch(/no index/);
  });

  it('never throws anything but TraceFormatError on random or damaged bytes', () => {
    const good = encodePmtBytes(parseTextTrace(SAMPLE), { eventsPerChunk: 3 });
    const damaged = fc.oneof(
      fc.uint8Array({ maxLength: 300 }),
      fc.integer({ min: 0, max: good.length }).map((n) => good.slice(0, n)),
      fc
        .tuple(fc.integer({ min: 0, max: good.length - 1 }), fc.integer({ min: 0, max: 255 }))
        .map(([at, value]) => {
          const copy = good.slice();
          copy[at] = value;
          return copy;
        }),
    );
    fc.assert(
      fc.property(damaged, (bytes) => {
        try {
          decodePmt(bytes);
        } catch (error) {
          expect(error).toBeInstanceOf(TraceFormatError);
          expect((error as Error).message).toMatch(/^byte \d+: /);
        }
      }),
      { seed: 3, numRuns: 3000 },
    );
  });
});

/** Concatenates byte arrays. */
function join(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** A file of the given chunks (each: payload, events), with or without its index. */
function fileOf(chunks: [payload: Uint8Array, events: number][], withIndex = true): Uint8Array {
  const parts = [fileHeaderBytes({ python: '3.12.1' })];
  const entries: [number, number][] = [];
  let offset = parts[0]!.length;
  let first = 0;
  for (const [payload, events] of chunks) {
    const chunk = chunkBytes(payload, events, first);
    entries.push([offset, first]);
    parts.push(chunk);
    offset += chunk.length;
    first += events;
  }
  if (withIndex) parts.push(indexBytes(entries, first, offset));
  return join(...parts);
}

/** A free of `address` (kind 5, obj domain, unaligned delta from 0). */
const free = (address: number) => Uint8Array.of(Kind.free | (2 << 4), address * 2);

describe('.pmt version 2', () => {
  const bytes = encodePmtBytes(parseTextTrace(SAMPLE), { eventsPerChunk: 3 });
  const clean = decodePmt(bytes);

  it('is what writers write, and every checksum of it is verified', () => {
    expect(new DataView(bytes.buffer).getUint16(8, true)).toBe(FORMAT_VERSION);
    expect(clean.version).toBe(2);
    expect(clean.index).toBe('intact');
    // the header, two per chunk (header and payload), the index
    expect(clean.checksumsVerified).toBe(1 + 2 * clean.chunks.length + 1);
    expect(clean).toMatchObject({
      torn: null,
      damage: [],
      checksumsFailed: 0,
      lostEvents: { known: 0, unknown: false },
    });
  });

  it('stops at a damaged chunk with one line naming the chunk and its byte offset', () => {
    const second = clean.chunks[1]!;
    const copy = bytes.slice();
    copy[second.offset + 30]! ^= 0x20;
    expect(() => decodePmt(copy)).toThrow(PmtDamageError);
    expect(() => decodePmt(copy)).toThrow(
      new RegExp(
        `^byte ${second.offset}: chunk 1 is damaged: its payload checksum is 0x[0-9a-f]{8}, the header says 0x[0-9a-f]{8}$`,
      ),
    );
  });

  it('with salvage, skips a damaged chunk, reads on and says how many events were lost', () => {
    const second = clean.chunks[1]!;
    const copy = bytes.slice();
    copy[second.offset + 30]! ^= 0x20;
    const salvaged = decodePmt(copy, { salvage: true });
    expect(salvaged.trace.length).toBe(clean.trace.length - second.events);
    expect(salvaged.lostEvents).toEqual({ known: second.events, unknown: false });
    expect(salvaged.checksumsFailed).toBe(1);
    expect(salvaged.damage).toEqual([
      expect.objectContaining({ region: 'chunk', chunk: 1, offset: second.offset, lostEvents: 3 }),
    ]);
    expect(salvaged.warnings).toEqual([
      expect.stringMatching(
        new RegExp(
          `^byte ${second.offset}: chunk 1 is damaged: .*; skipped it: 3 events lost \\(events 3 to 5\\)$`,
        ),
      ),
    ]);
    expect(salvaged.index).toBe('intact');
    expect(salvaged.chunks.map((chunk) => chunk.firstEvent)).not.toContain(second.firstEvent);
  });

  it('with salvage, resumes after a damaged chunk header at the next chunk that checks', () => {
    const second = clean.chunks[1]!;
    const third = clean.chunks[2]!;
    const copy = bytes.slice();
    copy[second.offset + 5]! ^= 0x01; // the payload length
    expect(() => decodePmt(copy)).toThrow(/chunk 1 at byte \d+ is damaged: its header checksum/);
    const salvaged = decodePmt(copy, { salvage: true });
    expect(salvaged.warnings.join('\n')).toMatch(
      new RegExp(
        `skipped ${third.offset - second.offset} bytes to the next chunk at byte ${third.offset}; skipped it: 3 events lost`,
      ),
    );
    expect(salvaged.trace.length).toBe(clean.trace.length - 3);
  });

  it('fills file names and tracebacks defined in a lost chunk with placeholders', () => {
    const text = `pymem-trace 1
python 3.12.1
N 0 /app/a.py
T 0 1 0:7
m obj 24 7f0000004030 @0
N 1 /app/b.py
T 1 2 1:3 0:5
m obj 24 7f0000004060 @1
m obj 24 7f0000004090 @0
`;
    const file = encodePmtBytes(parseTextTrace(text), { eventsPerChunk: 1 });
    const chunks = decodePmt(file).chunks;
    const copy = file.slice();
    copy[chunks[0]!.offset + 29]! ^= 1; // chunk 0 defines N 0 and T 0
    expect(() => decodePmt(copy)).toThrow(PmtDamageError);
    const salvaged = decodePmt(copy, { salvage: true });
    expect(salvaged.trace.filenames.map((name) => name.filename)).toEqual(['<lost>', '/app/b.py']);
    expect(salvaged.trace.tracebacks.map((tb) => tb.frames.length)).toEqual([0, 2]);
    expect([...salvaged.trace.site]).toEqual([1, 0]);
    expect(salvaged.warnings.at(-1)).toBe(
      '1 file name and 1 traceback defined in lost chunks are placeholders ("<lost>", no frames)',
    );
  });

  it('says so in one line when the header, the index or the trailer changed', () => {
    const cases: [number, RegExp][] = [
      [27, /^byte 0: the file header is damaged: its checksum is/], // python 3.12.1 → 7.12.1
      [bytes.length - 20, /^byte \d+: the index at byte \d+ is damaged: its checksum/],
      [bytes.length - 2, /^byte \d+: the trailer at byte \d+ is not PMTEND$/],
    ];
    for (const [at, message] of cases) {
      const copy = bytes.slice();
      copy[at]! ^= 0x04;
      expect(() => decodePmt(copy)).toThrow(message);
      const salvaged = decodePmt(copy, { salvage: true });
      expect(salvaged.trace.length).toBe(clean.trace.length);
      expect(salvaged.warnings).toHaveLength(1);
    }
    const longer = join(bytes, Uint8Array.of(0));
    expect(() => decodePmt(longer)).toThrow(/1 unexpected bytes follow the trailer/);
  });

  it('tells a torn index from a damaged one', () => {
    const torn = decodePmt(bytes.slice(0, bytes.length - 3));
    expect(torn.index).toBe('torn');
    expect(torn.warnings).toEqual([expect.stringMatching(/^the index at byte \d+ is torn/)]);
    expect(torn.trace.length).toBe(clean.trace.length);
  });

  it('reports a torn tail with the number of complete events', () => {
    const last = clean.chunks.at(-1)!;
    const cut = decodePmt(bytes.slice(0, last.offset + 29));
    expect(cut.torn).toEqual({ offset: last.offset, bytes: 29, completeEvents: last.firstEvent });
    expect(cut.warnings[0]).toBe(
      `chunk at byte ${last.offset} is torn (1 of ${new DataView(bytes.buffer).getUint32(last.offset + 4, true)} bytes): the trace ends at event ${last.firstEvent}`,
    );
    expect(cut.index).toBe('missing');
  });

  it('reports every changed byte: an error by default, a warning or an error with salvage', () => {
    let seed = 7;
    for (let at = 0; at < bytes.length; at++) {
      seed = (seed * 48271) % 2147483647;
      const copy = bytes.slice();
      copy[at]! ^= 1 + (seed % 255);
      expect(() => decodePmt(copy), `byte ${at}`).toThrow(TraceFormatError);
      try {
        expect(decodePmt(copy, { salvage: true }).warnings.length, `byte ${at}`).toBeGreaterThan(0);
      } catch (error) {
        expect(error, `byte ${at}`).toBeInstanceOf(TraceFormatError);
      }
    }
  });
});

describe('extension records', () => {
  it('are skipped with one warning per unknown kind, and the records after them are read', () => {
    const payload = join(
      extensionRecordBytes(4, Uint8Array.of(1, 2, 3)),
      free(0x10),
      extensionRecordBytes(4, new Uint8Array(300)),
      extensionRecordBytes(77, Uint8Array.of()),
      free(0x10), // deltas: this free is at 0x20
    );
    const file = decodePmt(fileOf([[payload, 2]]));
    expect(file.trace.length).toBe(2);
    expect([...file.trace.a]).toEqual([0x10, 0x20]);
    expect(file.extensions).toEqual([
      { kind: 4, name: 'kind 4', records: 2, bytes: 303 },
      { kind: 77, name: 'kind 77', records: 1, bytes: 0 },
    ]);
    expect(file.warnings).toEqual([
      'skipped 2 extension records of kind 4 (303 bytes): this reader does not implement it',
      'skipped 1 extension record of kind 77 (0 bytes): this reader does not implement it',
    ]);
  });

  it('may not run past the end of their chunk', () => {
    const record = extensionRecordBytes(ExtensionKind.heapSnapshot, new Uint8Array(10));
    expect(() => decodePmt(fileOf([[record.subarray(0, 8), 0]]))).toThrow(
      /^byte \d+: extension record of 10 bytes runs past the end of its chunk$/,
    );
  });

  it('are an unknown kind in version 1, which had no extensions', () => {
    const v2 = fileOf([[extensionRecordBytes(1, Uint8Array.of()), 0]], false);
    // The same bytes labelled version 1, with its 20-byte chunk header and no checksums.
    const header = fileHeaderBytes({ python: '3.12.1' });
    const v1 = join(
      header.subarray(0, header.length - 4),
      Uint8Array.of(0x43, 0x48, 0x4b, 0x31, 3, 0, 0, 0),
      new Uint8Array(12),
      v2.subarray(v2.length - 3),
    );
    new DataView(v1.buffer).setUint16(8, 1, true);
    expect(() => decodePmt(v1)).toThrow(/^byte \d+: unknown record kind 15$/);
  });
});
