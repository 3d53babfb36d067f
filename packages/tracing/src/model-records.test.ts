import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TraceFormatError } from './errors.ts';
import { COLLECTOR_PHASES, type CollectorRecord, type ObjectRecord } from './model-records.ts';
import { CollectorRecordCode, ExtensionKind, ObjectRecordCode } from './pmt/format.ts';
import { decodePmt } from './pmt/pmt-reader.ts';
import {
  chunkBytes,
  encodePmtBytes,
  extensionRecordBytes,
  fileHeaderBytes,
  indexBytes,
} from './pmt/pmt-writer.ts';
import { parseTextTrace } from './text-reader.ts';
import { formatTextTrace } from './text-writer.ts';
import { Op, TraceBuilder } from './trace.ts';

/** Every object and collector record, interleaved with allocator events and notes. */
const SAMPLE = `pymem-trace 1
python 3.12.1
A 1048576 7f0000001000
m obj 56 7f0000004030
o new 7 list 7f0000004030 56
o track 7
o incref 7 2
g scheduled 701 2 1
m obj 32 7f0000004070
g start 0 automatic 701 0 0 12 3 40
g phase 0 update-refs 3 7 9 8
g phase 0 subtract-refs 0
g phase 0 move-unreachable 2 9 8
g weakref 0 11 freed
g weakref 0 12 kept
g stop 0 2 0
G 0 2 0 0
o decref 7 1
S mid
| stats
o decref 7 0
o untrack 7
o park 7 7f0000004030
o reuse 7 list 7f0000004030 56
o new 1000000 instance 7f0000004078 32
f obj 7f0000004070
o free 1000000 7f0000004078
E 4
`;

const text = (trace: Parameters<typeof formatTextTrace>[0]) => [...formatTextTrace(trace)].join('');

describe('object and collector records', () => {
  it('read from text in stream order, between the events they sat between', () => {
    const trace = parseTextTrace(SAMPLE);
    expect(trace.length).toBe(4);
    expect(trace.objectRecords.map((r) => [r.eventIndex, r.kind, r.handle])).toEqual([
      [2, 'new', 7],
      [2, 'track', 7],
      [2, 'incref', 7],
      [3, 'decref', 7],
      [3, 'decref', 7],
      [3, 'untrack', 7],
      [3, 'park', 7],
      [3, 'new', 7],
      [3, 'new', 1_000_000],
      [4, 'free', 1_000_000],
    ]);
    expect(trace.objectRecords[0]).toEqual({
      eventIndex: 2,
      seq: 0,
      kind: 'new',
      handle: 7,
      typeName: 'list',
      address: 0x7f0000004030,
      size: 56,
      reused: false,
    });
    expect(trace.objectRecords[7]).toMatchObject({ kind: 'new', reused: true });
    expect(trace.collectorRecords.map((r) => r.kind)).toEqual([
      'scheduled',
      'start',
      'phase',
      'phase',
      'phase',
      'weakref',
      'weakref',
      'stop',
    ]);
    expect(trace.collectorRecords[1]).toMatchObject({
      generation: 0,
      reason: 'automatic',
      counts: [701, 0, 0],
      generationSizes: [12, 3, 40],
    });
    expect(trace.collectorRecords[2]).toMatchObject({ phase: 'update-refs', objects: [7, 9, 8] });
    // The mark sits between the two decrefs: the note order is kept across kinds.
    const mark = trace.marks[0]!;
    expect(mark.seq).toBeGreaterThan(trace.objectRecords[3]!.seq);
    expect(mark.seq).toBeLessThan(trace.objectRecords[4]!.seq);
  });

  it('round-trip text → .pmt → text byte for byte, whatever the chunk size', () => {
    const trace = parseTextTrace(SAMPLE);
    expect(text(trace)).toBe(SAMPLE);
    for (const eventsPerChunk of [1, 2, 3, 65_536]) {
      const file = decodePmt(encodePmtBytes(trace, { eventsPerChunk }));
      expect(file.warnings).toEqual([]);
      expect(file.extensions).toEqual([]);
      expect(text(file.trace)).toBe(SAMPLE);
      expect(file.trace.objectRecords).toEqual(trace.objectRecords);
      expect(file.trace.collectorRecords).toEqual(trace.collectorRecords);
    }
  });

  it('round-trip any interleaving of events and records (property)', () => {
    const handle = fc.integer({ min: 0, max: 2 ** 40 });
    const address = fc.integer({ min: 0, max: 2 ** 47 - 1 });
    const count = fc.integer({ min: 0, max: 2 ** 40 });
    const triple = fc.tuple(count, count, count);
    const typeName = fc.constantFrom('list', 'dict', 'tuple', 'instance', 'a_type.with.dots');
    type ObjectBody = ObjectRecord extends infer R
      ? R extends unknown
        ? Omit<R, 'eventIndex' | 'seq'>
        : never
      : never;
    type CollectorBody = CollectorRecord extends infer R
      ? R extends unknown
        ? Omit<R, 'eventIndex' | 'seq'>
        : never
      : never;
    const objectRecord: fc.Arbitrary<ObjectBody> = fc.oneof(
      fc.record({
        kind: fc.constant('new' as const),
        handle,
        typeName,
        address,
        size: count,
        reused: fc.boolean(),
      }),
      fc.record({ kind: fc.constantFrom('free' as const, 'park' as const), handle, address }),
      fc.record({ kind: fc.constantFrom('track' as const, 'untrack' as const), handle }),
      fc.record({
        kind: fc.constantFrom('incref' as const, 'decref' as const),
        handle,
        refcnt: count,
      }),
    );
    const generation = fc.integer({ min: 0, max: 2 });
    const collectorRecord: fc.Arbitrary<CollectorBody> = fc.oneof(
      fc.record({ kind: fc.constant('scheduled' as const), counts: triple }),
      fc.record({
        kind: fc.constant('start' as const),
        generation,
        reason: fc.constantFrom('automatic' as const, 'manual' as const),
        counts: triple,
        generationSizes: triple,
      }),
      fc.record({
        kind: fc.constant('phase' as const),
        generation,
        phase: fc.constantFrom(...COLLECTOR_PHASES),
        objects: fc.array(handle, { maxLength: 20 }),
      }),
      fc.record({ kind: fc.constant('weakref' as const), generation, handle, freed: fc.boolean() }),
      fc.record({
        kind: fc.constant('stop' as const),
        generation,
        collected: count,
        uncollectable: count,
      }),
    );
    const step = fc.oneof(
      fc.tuple(fc.constant('event' as const), address),
      fc.tuple(fc.constant('object' as const), objectRecord),
      fc.tuple(fc.constant('collector' as const), collectorRecord),
    );
    fc.assert(
      fc.property(
        fc.array(step, { maxLength: 60 }),
        fc.integer({ min: 1, max: 5 }),
        (steps, eventsPerChunk) => {
          const builder = new TraceBuilder();
          for (const [kind, body] of steps) {
            if (kind === 'event') builder.push(Op.free, 2, body, 0, 0, 0);
            else if (kind === 'object')
              builder.objectRecords.push({ ...builder.position(), ...body } as ObjectRecord);
            else
              builder.collectorRecords.push({ ...builder.position(), ...body } as CollectorRecord);
          }
          const trace = builder.finish({ formatVersion: 1, python: '3.13.0', metadata: {} });
          const written = text(trace);
          const fromText = parseTextTrace(written);
          expect(fromText.objectRecords).toEqual(trace.objectRecords);
          expect(fromText.collectorRecords).toEqual(trace.collectorRecords);
          const fromPmt = decodePmt(encodePmtBytes(trace, { eventsPerChunk })).trace;
          expect(fromPmt.objectRecords).toEqual(trace.objectRecords);
          expect(fromPmt.collectorRecords).toEqual(trace.collectorRecords);
          expect(text(fromPmt)).toBe(written);
        },
      ),
      { seed: 11, numRuns: 400 },
    );
  });

  it('are compact in .pmt: a run of new objects of neighbouring blocks takes ≤ 6 bytes each', () => {
    const builder = new TraceBuilder();
    for (let i = 0; i < 1000; i++) {
      builder.push(Op.malloc, 2, 56, 0x7f0000004000 + 64 * i, 0, 0);
      builder.objectRecords.push({
        ...builder.position(),
        kind: 'new',
        handle: 500 + i,
        typeName: 'list',
        address: 0x7f0000004000 + 64 * i,
        size: 56,
        reused: false,
      });
      builder.objectRecords.push({ ...builder.position(), kind: 'track', handle: 500 + i });
    }
    const trace = builder.finish({ formatVersion: 1, python: '3.12.1', metadata: {} });
    const withRecords = encodePmtBytes(trace).length;
    const without = encodePmtBytes({ ...trace, objectRecords: [] }).length;
    // 3 bytes of extension header per run, then new (code, Δhandle, type, Δaddress,
    // size) in 5 bytes and track (code, Δhandle) in 2.
    expect((withRecords - without) / 1000).toBeLessThanOrEqual(3 + 5 + 2 + 0.1);
    expect((withRecords - without) / 2000).toBeLessThanOrEqual(6);
  });

  it('say what is wrong with a bad text line, in one line naming it', () => {
    const bad = (line: string) => () => parseTextTrace(`pymem-trace 1\npython 3.12.1\n${line}\n`);
    expect(bad('o born 1')).toThrow(/^line 3: unknown object record "o born"/);
    expect(bad('o new 1 list 7f00')).toThrow(
      /^line 3: expected "o new <handle> <type> <addr> <size>"/,
    );
    expect(bad('o free x 7f00')).toThrow(/^line 3: bad handle "x"/);
    expect(bad('o free 1 7F00')).toThrow(/^line 3: bad address "7F00"/);
    expect(bad('g phase 0 update-refs 3 1 2')).toThrow(
      /^line 3: the phase says 3 objects, but 2 follow/,
    );
    expect(bad('g phase 0 sweep 0')).toThrow(/^line 3: unknown collector phase "sweep"/);
    expect(bad('g start 0 lazy 0 0 0 0 0 0')).toThrow(/^line 3: unknown collection reason "lazy"/);
    expect(bad('g weakref 0 1 gone')).toThrow(/^line 3: expected "kept" or "freed", found "gone"/);
    expect(bad('g halt 0')).toThrow(/^line 3: unknown collector record "g halt"/);
    expect(bad('o new 1 list 7f00 \x01')).toThrow(TraceFormatError);
  });

  it('say what is wrong with a bad .pmt record, naming its byte', () => {
    const header = fileHeaderBytes({ python: '3.12.1' });
    const fileWith = (kind: number, ...payload: number[]) => {
      const chunk = chunkBytes(extensionRecordBytes(kind, Uint8Array.from(payload)), 0, 0);
      const index = indexBytes([[header.length, 0]], 0, header.length + chunk.length);
      const bytes = new Uint8Array(header.length + chunk.length + index.length);
      bytes.set(header);
      bytes.set(chunk, header.length);
      bytes.set(index, header.length + chunk.length);
      return bytes;
    };
    const at = header.length + 28; // the extension record's tag
    const read =
      (kind: number, ...payload: number[]) =>
      () =>
        decodePmt(fileWith(kind, ...payload));
    const { objects, collector } = ExtensionKind;
    expect(read(objects, 0x0e)).toThrow(new RegExp(`^byte ${at}: unknown object record code 14$`));
    expect(read(objects, ObjectRecordCode.new, 2, 5, 0, 8)).toThrow(
      new RegExp(`^byte ${at}: object names undefined type 5$`),
    );
    expect(read(objects, ObjectRecordCode.type, 1, 1, 0x61)).toThrow(/type id 1 out of order$/);
    expect(read(objects, ObjectRecordCode.type, 0, 2, 0x61, 0x20)).toThrow(/bad type name "a "$/);
    expect(read(objects, ObjectRecordCode.track, 1)).toThrow(/negative handle -1$/);
    expect(read(collector, CollectorRecordCode.phase, 0, 99, 0)).toThrow(
      new RegExp(`^byte ${at}: unknown collector phase$`),
    );
    expect(read(collector, CollectorRecordCode.stop, 0, 1)).toThrow(
      /^byte \d+: unexpected end of data$/,
    );
    expect(read(collector, 9)).toThrow(/unknown collector record code 9$/);
    // An unknown extension kind among them is still skipped, and the records after it read.
    const mixed = new Uint8Array([
      ...extensionRecordBytes(objects, Uint8Array.of(ObjectRecordCode.track, 14)),
      ...extensionRecordBytes(77, Uint8Array.of(1, 2, 3)),
      ...extensionRecordBytes(objects, Uint8Array.of(ObjectRecordCode.untrack, 0)),
    ]);
    const chunk = chunkBytes(mixed, 0, 0);
    const file = decodePmt(
      Uint8Array.from([
        ...header,
        ...chunk,
        ...indexBytes([[header.length, 0]], 0, header.length + chunk.length),
      ]),
    );
    expect(file.trace.objectRecords.map((record) => [record.kind, record.handle])).toEqual([
      ['track', 7],
      ['untrack', 7],
    ]);
    expect(file.warnings).toEqual([
      'skipped 1 extension record of kind 77 (3 bytes): this reader does not implement it',
    ]);
    // A well-formed payload reads.
    expect(
      decodePmt(fileWith(collector, CollectorRecordCode.stop, 2, 5, 1)).trace.collectorRecords,
    ).toEqual([
      { eventIndex: 0, seq: 0, kind: 'stop', generation: 2, collected: 5, uncollectable: 1 },
    ]);
  });

  it('read a type defined in a chunk lost to damage as a placeholder, with salvage', () => {
    const good = encodePmtBytes(parseTextTrace(SAMPLE), { eventsPerChunk: 1 });
    // Chunk 2 holds event 2 and the records before it: the definition of `list`.
    const chunk = decodePmt(good).chunks[2]!;
    const damaged = good.slice();
    damaged[chunk.offset + 28]! ^= 0xff;
    expect(() => decodePmt(damaged)).toThrow(/chunk 2 is damaged/);
    const file = decodePmt(damaged, { salvage: true });
    const reused = file.trace.objectRecords.find(
      (record) => record.kind === 'new' && record.reused,
    );
    expect(reused).toMatchObject({ handle: 7, typeName: '<lost>' });
    expect(file.trace.objectRecords.find((record) => record.handle === 1_000_000)).toMatchObject({
      typeName: 'instance',
    });
    expect(file.warnings).toContain('1 object type name defined in lost chunks read as "<lost>"');
  });

  it('never throw anything but TraceFormatError from damaged bytes, with or without salvage', () => {
    const good = encodePmtBytes(parseTextTrace(SAMPLE), { eventsPerChunk: 1 });
    const written = parseTextTrace(SAMPLE).objectRecords;
    const damaged = fc.oneof(
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
      fc.property(damaged, fc.boolean(), (bytes, salvage) => {
        try {
          const file = decodePmt(bytes, { salvage });
          // Whatever was read is what was written: records of intact chunks only.
          for (const record of file.trace.objectRecords)
            expect(written).toContainEqual(
              expect.objectContaining({ kind: record.kind, handle: record.handle }),
            );
        } catch (error) {
          expect(error).toBeInstanceOf(TraceFormatError);
          expect((error as Error).message).toMatch(/^byte \d+: /);
        }
      }),
      { seed: 5, numRuns: 1500 },
    );
  });

  it('are every one documented, field by field, in docs/formats', () => {
    const docs = join(import.meta.dirname, '../../../docs/formats');
    const textDoc = readFileSync(join(docs, 'text.md'), 'utf8');
    const pmtDoc = readFileSync(join(docs, 'pmt.md'), 'utf8');
    for (const line of SAMPLE.split('\n').filter((l) => /^[og] /.test(l))) {
      const verb = line.split(' ').slice(0, 2).join(' ');
      expect(textDoc).toContain(verb);
      expect(pmtDoc).toContain(`\`${verb}`);
    }
    for (const [name, code] of Object.entries(ObjectRecordCode)) {
      expect(pmtDoc).toMatch(
        new RegExp(`\\| ${code} \\| ${name === 'type' ? 'type definition' : `\`o ${name}`}`),
      );
    }
    for (const [index, phase] of COLLECTOR_PHASES.entries()) {
      expect(textDoc).toContain(`\`${phase}\``);
      expect(pmtDoc).toContain(`${index} \`${phase}\``);
    }
    for (const field of [
      '<h>',
      '<type>',
      '<addr>',
      '<size>',
      '<refcnt>',
      '<gen>',
      '<reason>',
      '<phase>',
      '<collected>',
      '<uncollectable>',
    ])
      expect(textDoc).toContain(field);
  });
});
