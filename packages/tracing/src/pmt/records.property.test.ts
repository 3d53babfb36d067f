import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Op, type OpCode, type Trace, TraceBuilder } from '../trace.ts';
import { decodePmt } from './pmt-reader.ts';
import { encodePmtBytes } from './pmt-writer.ts';

/** Addresses as a 64-bit CPython has them: below 2**47, aligned to 16 or not. */
const address = fc.oneof(
  fc.integer({ min: 1, max: 2 ** 43 }).map((n) => n * 16),
  fc.integer({ min: 1, max: 2 ** 47 - 1 }),
  fc.integer({ min: 0x7f0000000000, max: 0x7f0000100000 }),
);
/** Request sizes: small ones (nearly all), large ones (varints of up to 6 bytes). */
const size = fc.oneof(fc.integer({ min: 0, max: 600 }), fc.integer({ min: 0, max: 2 ** 40 }));
const SITES = 3;

const event = fc.record({
  op: fc.integer({ min: Op.arenaAlloc, max: Op.free }) as fc.Arbitrary<OpCode>,
  domain: fc.integer({ min: 0, max: 2 }),
  a: address,
  b: address,
  size,
  site: fc.integer({ min: -1, max: SITES - 1 }),
});

type Event = typeof event extends fc.Arbitrary<infer T> ? T : never;

function traceOf(events: readonly Event[]): Trace {
  const builder = new TraceBuilder();
  for (let id = 0; id < SITES; id++) {
    builder.tracebacks.push({ ...builder.position(), id, totalFrames: 0, frames: [] });
  }
  for (const { op, domain, a, b, size: n, site } of events) {
    if (op === Op.arenaAlloc) builder.push(op, 0, n, a, 0, 0);
    else if (op === Op.arenaFree) builder.push(op, 0, a, n, 0, 0);
    else if (op === Op.malloc || op === Op.calloc) builder.push(op, domain, n, a, 0, 0, site);
    else if (op === Op.realloc) builder.push(op, domain, a, n, b, 0, site);
    else builder.push(op, domain, a, 0, 0, 0);
  }
  return builder.finish({ formatVersion: 1, python: '3.12.1', metadata: { python: '3.12.1' } });
}

describe('event records', () => {
  // The reader decodes runs of events in a loop of its own and leaves the last bytes
  // of every chunk to the checked path: both must read what the writer wrote.
  it('read back as written, every kind, size and address, in chunks of any size', () => {
    fc.assert(
      fc.property(
        fc.array(event, { minLength: 1, maxLength: 400 }),
        fc.constantFrom(1, 7, 64, 65_536),
        (events, eventsPerChunk) => {
          const trace = traceOf(events);
          const read = decodePmt(encodePmtBytes(trace, { eventsPerChunk })).trace;
          expect(read.length).toBe(trace.length);
          for (const column of ['op', 'domain', 'a', 'b', 'c', 'site', 'line'] as const) {
            expect([...read[column]]).toEqual([...trace[column]]);
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
