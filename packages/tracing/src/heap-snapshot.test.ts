import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TraceFormatError } from './errors.ts';
import {
  HEAP_GENERATION_SHIFT,
  HeapObjectFlag,
  HeapSnapshotAssembler,
  heapEdgeNamesOf,
  heapGeneration,
} from './heap-snapshot.ts';
import { ByteWriter, zigzag } from './pmt/bytes.ts';

interface TestObject {
  address: number;
  type: number;
  size: number;
  refcount: number;
  flags: number;
  refs: number[];
  weakrefs: number[];
}

function begin(label: string): Uint8Array {
  const w = new ByteWriter();
  w.varint(0);
  w.string(label);
  w.varint(1);
  for (const n of [700, 10, 10, 5, 1, 0]) w.varint(n);
  return w.take();
}

function types(names: readonly string[]): Uint8Array {
  const w = new ByteWriter();
  w.varint(1);
  names.forEach((name, id) => {
    w.varint(id);
    w.string('__main__');
    w.string(name);
    w.varint(0);
  });
  return w.take();
}

function objects(list: readonly TestObject[]): Uint8Array {
  const w = new ByteWriter();
  w.varint(2);
  w.varint(list.length);
  let prev = 0;
  for (const o of list) {
    w.varint(zigzag(o.address - prev));
    prev = o.address;
    w.varint(o.type);
    w.varint(o.size + 1);
    w.varint(o.refcount);
    w.varint(o.flags);
    w.varint(o.refs.length);
    for (const r of o.refs) w.varint(r);
    w.varint(o.refs.length > 0 ? 1 : 0);
    if (o.refs.length > 0) {
      w.varint(0);
      w.varint(2);
      w.string('key');
    }
    w.varint(o.weakrefs.length);
    for (const r of o.weakrefs) w.varint(r);
  }
  return w.take();
}

function end(objectCount: number, typeCount: number): Uint8Array {
  const w = new ByteWriter();
  w.varint(3);
  w.varint(objectCount);
  w.varint(typeCount);
  return w.take();
}

function feed(assembler: HeapSnapshotAssembler, parts: readonly Uint8Array[]): void {
  parts.forEach((part, k) => {
    assembler.part(part, 0, part.length, 100 * k, { eventIndex: 7, seq: k });
  });
}

const testObjects = fc.integer({ min: 1, max: 40 }).chain((n) =>
  fc.array(
    fc.record({
      address: fc.integer({ min: 1, max: 2 ** 47 }).map((a) => a * 16),
      type: fc.integer({ min: 0, max: 2 }),
      size: fc.integer({ min: -1, max: 100_000 }),
      refcount: fc.integer({ min: 0, max: 2 ** 32 }),
      flags: fc
        .integer({ min: 0, max: 63 }) // no `labelled` bit: no label follows
        .chain((bits) =>
          fc.integer({ min: 0, max: 4 }).map((g) => bits | (g << HEAP_GENERATION_SHIFT)),
        ),
      refs: fc.array(fc.integer({ min: 0, max: n - 1 }), { maxLength: 6 }),
      weakrefs: fc.array(fc.integer({ min: 0, max: n - 1 }), { maxLength: 2 }),
    }),
    { minLength: n, maxLength: n },
  ),
);

describe('HeapSnapshotAssembler', () => {
  it('reads back every column of objects split over several parts', () => {
    fc.assert(
      fc.property(testObjects, fc.integer({ min: 1, max: 40 }), (list, cut) => {
        const assembler = new HeapSnapshotAssembler();
        const at = Math.min(cut, list.length);
        feed(assembler, [
          begin('s'),
          types(['A', 'B', 'C']),
          objects(list.slice(0, at)),
          objects(list.slice(at)),
          end(list.length, 3),
        ]);
        const [snapshot] = assembler.finish();
        expect(snapshot!.complete).toBe(true);
        expect(snapshot!.length).toBe(list.length);
        list.forEach((o, i) => {
          expect(snapshot!.address[i]).toBe(o.address);
          expect(snapshot!.type[i]).toBe(o.type);
          expect(snapshot!.size[i]).toBe(o.size);
          expect(snapshot!.refcount[i]).toBe(o.refcount);
          expect(heapGeneration(snapshot!, i)).toBe(o.flags >> HEAP_GENERATION_SHIFT);
          const refs = snapshot!.refs.slice(snapshot!.refStart[i], snapshot!.refStart[i + 1]);
          expect([...refs]).toEqual(o.refs);
          const weak = snapshot!.weakrefs.slice(snapshot!.weakStart[i], snapshot!.weakStart[i + 1]);
          expect([...weak]).toEqual(o.weakrefs);
          const named = heapEdgeNamesOf(snapshot!, i).get(0);
          expect(named).toBe(o.refs.length > 0 ? "['key']" : undefined);
        });
      }),
      { seed: 13, numRuns: 60 },
    );
  });

  it('keeps the gc state and the position of the begin part', () => {
    const assembler = new HeapSnapshotAssembler();
    feed(assembler, [begin('here'), types([]), end(0, 0)]);
    const [snapshot] = assembler.finish();
    expect(snapshot).toMatchObject({
      label: 'here',
      eventIndex: 7,
      seq: 0,
      gc: { enabled: true, thresholds: [700, 10, 10], counts: [5, 1, 0] },
    });
  });

  it('keeps a snapshot the recording ends inside as incomplete', () => {
    const assembler = new HeapSnapshotAssembler();
    const one = {
      address: 16,
      type: 0,
      size: 1,
      refcount: 1,
      flags: HeapObjectFlag.isGc,
      refs: [],
      weakrefs: [],
    };
    feed(assembler, [begin('cut'), types(['A']), objects([one])]);
    const [snapshot] = assembler.finish();
    expect(snapshot).toMatchObject({ label: 'cut', complete: false, length: 0 });
  });

  it('names a torn record, a count that does not add up and a reference out of range', () => {
    const one = { address: 16, type: 0, size: 1, refcount: 1, flags: 0, refs: [], weakrefs: [] };
    const torn = objects([one]).slice(0, -2);
    const cases: [Uint8Array[], string][] = [
      [
        [begin('a'), types(['A']), torn],
        'byte 200: heap snapshot "a" record is torn: it ends before its last field',
      ],
      [
        [begin('b'), types(['A']), objects([one]), end(2, 1)],
        'byte 300: heap snapshot "b" is torn: its end says 2 objects and 1 types, the records hold 1 and 1',
      ],
      [
        [begin('c'), types(['A']), objects([{ ...one, refs: [5] }]), end(1, 1)],
        'byte 300: heap snapshot "c": reference to object 5 of 1',
      ],
      [[objects([one])], 'byte 0: heap snapshot part 2 with no snapshot begun before it'],
      [
        [begin('d'), objects([{ ...one, type: 3 }])],
        'byte 100: heap snapshot "d": object of undefined type 3',
      ],
    ];
    for (const [parts, message] of cases) {
      const assembler = new HeapSnapshotAssembler();
      expect(() => feed(assembler, parts)).toThrow(TraceFormatError);
      expect(() => feed(new HeapSnapshotAssembler(), parts)).toThrow(message);
    }
  });
});
