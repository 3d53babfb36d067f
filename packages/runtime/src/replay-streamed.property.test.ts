/**
 * A streamed replay is the whole replay: for any recording, any cut into windows and
 * any sequence of stops, a Replayer fed one window at a time has the same counts,
 * statistics text and live blocks at every stop as one given the whole trace.
 */
import {
  type EventWindow,
  Op,
  type StreamedTrace,
  type Trace,
  TraceFormatError,
} from '@pymem/tracing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ReplayDivergence } from './errors.ts';
import { Replayer } from './replay.ts';
import { synthesizeTrace } from './synthesize-trace.ts';

/** `trace` as a streamed recording cut into windows of the given lengths (the last repeats). */
function streamed(trace: Trace, lengths: readonly number[]): StreamedTrace {
  const { op, domain, a, b, c, site, line, ...notes } = trace;
  return {
    ...notes,
    hasArenaEvents: op.includes(Op.arenaAlloc),
    *windows(): Generator<EventWindow> {
      let first = 0;
      for (let k = 0; first < trace.length || k === 0; k++) {
        const length = Math.min(lengths[Math.min(k, lengths.length - 1)]!, trace.length - first);
        const end = first + length;
        // Fresh copies, so that a replay reading a window it was not given would differ.
        yield {
          firstEvent: first,
          length,
          columns: {
            op: op.slice(first, end),
            domain: domain.slice(first, end),
            a: a.slice(first, end),
            b: b.slice(first, end),
            c: c.slice(first, end),
            site: site.slice(first, end),
            line: line.slice(first, end),
          },
        };
        first = end;
      }
    },
  };
}

const traces = [
  synthesizeTrace({ events: 6_000, seed: 1, sites: 5 }),
  synthesizeTrace({ events: 4_000, seed: 2, sites: 0, maxLive: 300 }),
];

describe('a streamed Replayer', () => {
  it('matches the whole replay at every stop, however the events are cut', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(0, 1),
        fc.array(fc.integer({ min: 0, max: 3_000 }), { minLength: 1, maxLength: 6 }),
        fc.array(fc.nat(7_000), { minLength: 1, maxLength: 5 }),
        fc.boolean(),
        (which, cuts, stops, trackBlocks) => {
          const trace = traces[which]!;
          // Empty windows too (a file's last chunk may be), but the last length repeats.
          const lengths = [...cuts.slice(0, -1), Math.max(1, cuts.at(-1)!)];
          const whole = new Replayer(trace, { trackBlocks, verify: true });
          const stream = new Replayer(streamed(trace, lengths), { trackBlocks, verify: true });
          expect(stream.addressMode).toBe(whole.addressMode);
          for (const stop of [...stops].sort((x, y) => x - y)) {
            whole.runTo(stop);
            stream.runTo(stop);
            expect(stream.position).toBe(whole.position);
            expect(stream.counts).toEqual(whole.counts);
            expect(stream.statsText()).toBe(whole.statsText());
            if (trackBlocks) {
              const byAddress = (x: { address: number }, y: { address: number }) =>
                x.address - y.address;
              expect([...stream.liveBlocks()].sort(byAddress)).toEqual(
                [...whole.liveBlocks()].sort(byAddress),
              );
            }
          }
          stream.runToEnd();
          expect(stream.counts.events).toBe(trace.length);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('reports a divergence at the same event as the whole replay', () => {
    const trace = synthesizeTrace({ events: 3_000, seed: 3, sites: 0 });
    const b = trace.b.slice();
    const at = trace.op.indexOf(Op.malloc, 2_000);
    b[at] = b[at]! + 16;
    const changed = { ...trace, b };
    const divergence = (replayer: Replayer) => {
      try {
        replayer.runToEnd();
      } catch (error) {
        if (error instanceof ReplayDivergence || error instanceof TraceFormatError)
          return error.message;
      }
      return null;
    };
    const expected = divergence(new Replayer(changed, { verify: true }));
    expect(expected).toMatch(/event|line/);
    expect(divergence(new Replayer(streamed(changed, [700]), { verify: true }))).toBe(expected);
  });

  it('cannot go back to a checkpoint', () => {
    const trace = synthesizeTrace({ events: 1_000, seed: 4 });
    const replayer = new Replayer(streamed(trace, [100]));
    const start = replayer.checkpoint();
    replayer.runTo(500);
    expect(() => replayer.restore(start)).toThrow(/streamed replay cannot return/);
  });
});
