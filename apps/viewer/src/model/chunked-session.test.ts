/**
 * A session over a `.pmt` read chunk by chunk shows what the session over the whole
 * trace shows: the same timeline, and at every position (in any order, after the
 * warm-up or before it) the same model, event lines and allocating events.
 */
import { collectMallocStats, formatMallocStats } from '@pymem/obmalloc';
import { synthesizeTrace } from '@pymem/runtime';
import { encodePmtBytes, Op, type PmtByteSource, scanIndex, scanPmt } from '@pymem/tracing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { firstPass } from './first-pass.ts';
import { ViewerSession } from './session.ts';

const trace = synthesizeTrace({ events: 30_000, seed: 11, sites: 6 });
const bytes = encodePmtBytes(trace, { eventsPerChunk: 1_500 });

function memorySource(data: Uint8Array): PmtByteSource {
  return { size: data.length, read: (offset, length) => data.slice(offset, offset + length) };
}

function sessions(): { whole: ViewerSession; chunked: ViewerSession } {
  const scan = scanPmt(memorySource(bytes))!;
  const index = scanIndex(scan);
  const pass = firstPass(scan.trace, 40);
  const whole = firstPass(trace, 40);
  expect(pass.timeline).toEqual(whole.timeline);
  const common = { name: 'synthetic.pmt', format: 'pmt' as const, warnings: [] };
  return {
    whole: new ViewerSession({ ...common, trace, timeline: whole.timeline, end: whole.end }),
    chunked: new ViewerSession({
      ...common,
      trace: index.notes,
      chunked: { blob: new Blob([bytes as Uint8Array<ArrayBuffer>]), index },
      timeline: pass.timeline,
      end: pass.end,
    }),
  };
}

const stats = (session: ViewerSession, at: number) =>
  formatMallocStats(collectMallocStats(session.model(at)));

describe('a chunked session', () => {
  it('shows what the whole-trace session shows at every position, in any order', async () => {
    const { whole, chunked } = sessions();
    let found = 0;
    expect(chunked.whole).toBeNull();
    expect(chunked.length).toBe(whole.length);
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 0, max: trace.length }), { minLength: 1, maxLength: 6 }),
        async (positions) => {
          for (const at of positions) {
            await chunked.prepare(at);
            chunked.show(at);
            expect(stats(chunked, at)).toBe(stats(whole, at));
            if (at > 0) expect(chunked.eventText(at - 1)).toBe(whole.eventText(at - 1));
            if (at < trace.length) expect(chunked.eventText(at)).toBe(whole.eventText(at));
            // The block the last malloc handed out is found, with its site.
            const last = whole.whole!;
            for (let i = at - 1; i >= Math.max(0, at - 50); i--) {
              if (last.op[i] !== Op.malloc || last.b[i] === 0) continue;
              const wanted = whole.allocationOf(at, last.b[i]!);
              if (wanted.eventIndex !== i) continue;
              expect(chunked.allocationOf(at, last.b[i]!)).toEqual(wanted);
              found++;
              break;
            }
          }
        },
      ),
      { numRuns: 15 },
    );
    expect(found).toBeGreaterThan(0);
  });

  it('shows its position without reading a chunk after the seeker moved away', async () => {
    const { whole, chunked } = sessions();
    await chunked.prepare(trace.length);
    chunked.show(trace.length);
    // What the warm-up does: move the seeker to an early checkpoint, reading only those chunks.
    await chunked.prepare(10_000, false);
    expect(chunked.chunks!.has(10_000, trace.length - 2)).toBe(false);
    expect(stats(chunked, trace.length)).toBe(stats(whole, trace.length));
    expect(chunked.eventText(trace.length - 1)).toBe(whole.eventText(trace.length - 1));
  });

  it('warms up interval by interval, then seeks backwards to the same states', async () => {
    const { whole, chunked } = sessions();
    expect(chunked.warm(0)).toBe(false);
    for (let k = 0; k < 1_000 && !chunked.warm(0); k++) await new Promise((r) => setTimeout(r, 1));
    expect(chunked.warmed).toBe(true);
    for (const at of [29_000, 3, 15_001, 0, trace.length]) {
      await chunked.prepare(at);
      chunked.show(at);
      expect(stats(chunked, at)).toBe(stats(whole, at));
    }
    expect(chunked.chunks!.heldBytes).toBeLessThanOrEqual(bytes.length);
  });
});
