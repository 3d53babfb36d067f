/**
 * A seeker over a `.pmt` file read chunk by chunk (reopenPmt: the chunks it reads are
 * the only events in memory) is the seeker over the whole trace: for any recording,
 * chunk size and order of seeks, backwards included, the model after each seek has the
 * same statistics text and the same counts.
 */
import {
  encodePmtBytes,
  type PmtByteSource,
  reopenPmt,
  scanIndex,
  scanPmt,
  type Trace,
} from '@pymem/tracing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TraceSeeker } from './seek.ts';
import { synthesizeTrace } from './synthesize-trace.ts';

/** Bytes in memory as a byte source that counts the bytes read. */
function memorySource(bytes: Uint8Array): PmtByteSource & { readBytes: number } {
  return {
    size: bytes.length,
    readBytes: 0,
    read(offset, length) {
      const out = bytes.slice(offset, Math.min(bytes.length, offset + length));
      this.readBytes += out.length;
      return out;
    },
  };
}

const traces: Trace[] = [
  synthesizeTrace({ events: 6_000, seed: 3, sites: 4 }),
  synthesizeTrace({ events: 5_000, seed: 4, sites: 0, maxLive: 200 }),
];

describe('a seeker over a reopened .pmt', () => {
  it('matches the whole-trace seeker at every seek, in any order', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(0, 1),
        fc.integer({ min: 50, max: 2_000 }),
        fc.integer({ min: 100, max: 3_000 }),
        fc.array(fc.integer({ min: 0, max: 6_000 }), { minLength: 1, maxLength: 8 }),
        (which, eventsPerChunk, interval, stops) => {
          const trace = traces[which]!;
          const scan = scanPmt(memorySource(encodePmtBytes(trace, { eventsPerChunk })));
          expect(scan).not.toBeNull();
          const bytes = encodePmtBytes(trace, { eventsPerChunk });
          const reopened = new TraceSeeker(reopenPmt(memorySource(bytes), scanIndex(scan!)), {
            interval,
          });
          const whole = new TraceSeeker(trace, { interval });
          expect(reopened.length).toBe(trace.length);
          for (const stop of stops) {
            const at = Math.min(stop, trace.length);
            const a = reopened.seek(at);
            const b = whole.seek(at);
            expect(a.position).toBe(b.position);
            expect(a.statsText()).toBe(b.statsText());
            expect(a.counts).toEqual(b.counts);
          }
        },
      ),
      { numRuns: 25 },
    );
  });

  it('reads only the chunks from the one holding the target on', () => {
    const trace = traces[0]!;
    const bytes = encodePmtBytes(trace, { eventsPerChunk: 500 });
    const scan = scanPmt(memorySource(bytes))!;
    const source = memorySource(bytes);
    const seeker = new TraceSeeker(reopenPmt(source, scanIndex(scan)), { interval: 1_000 });
    seeker.seek(trace.length);
    const wholePass = source.readBytes;
    seeker.seek(4_200);
    source.readBytes = 0;
    seeker.seek(4_900);
    // Forward within the interval: nothing is read again before event 4,200.
    expect(source.readBytes).toBeLessThan(wholePass / 4);
    expect(seeker.replayer.position).toBe(4_900);
  });
});
