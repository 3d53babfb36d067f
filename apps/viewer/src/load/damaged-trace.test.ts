/** The viewer opens a damaged or cut-off `.pmt` as the CLI's `--salvage` does, with its words. */
import { synthesizeTrace } from '@pymem/runtime';
import { decodePmt, encodePmtBytes } from '@pymem/tracing';
import { describe, expect, it } from 'vitest';
import { readTraceStream } from './read-trace.ts';

const trace = synthesizeTrace({ events: 3000, seed: 4, sites: 2 });
const pmt = encodePmtBytes(trace, { eventsPerChunk: 500 });
const chunks = decodePmt(pmt).chunks;

function streamOf(bytes: Uint8Array): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      controller.enqueue(bytes);
      controller.close();
    },
  });
}

describe('a damaged recording in the viewer', () => {
  it('skips the damaged chunk and carries the same warning as pymem --salvage', async () => {
    const damaged = pmt.slice();
    damaged[chunks[2]!.offset + 40]! ^= 0xff;
    const result = await readTraceStream(streamOf(damaged), { name: 'a.pmt' });
    expect(result.damaged).toBe(true);
    expect(result.trace.length).toBe(trace.length - chunks[2]!.events);
    expect(result.warnings).toEqual(decodePmt(damaged, { salvage: true }).warnings);
    expect(result.warnings).toEqual([
      expect.stringMatching(
        new RegExp(
          `^byte ${chunks[2]!.offset}: chunk 2 is damaged: .*; skipped it: 500 events lost \\(events 1,000 to 1,499\\)$`,
        ),
      ),
    ]);
  });

  it('reads a recording cut off mid-chunk up to its last complete chunk, saying so', async () => {
    const cut = pmt.slice(0, chunks[4]!.offset + 100);
    const result = await readTraceStream(streamOf(cut), { name: 'a.pmt' });
    expect(result.damaged).toBe(false);
    expect(result.trace.length).toBe(chunks[4]!.firstEvent);
    expect(result.warnings.join('\n')).toMatch(
      /is torn .* the trace ends at event 2000\n.*no index/,
    );
  });
});
