/** Lossless conversion on every recorded fixture, and the size of the binary format. */
import { decodePmt, encodePmtBytes, formatTextTrace, parseTextTrace } from '@pymem/tracing';
import { describe, expect, it } from 'vitest';
import { listFixtures, readFixtureText } from './support/fixtures.ts';

describe('text → .pmt → text', () => {
  let events = 0;
  let bytes = 0;
  for (const fixture of listFixtures()) {
    it(`is byte-identical for ${fixture.version} ${fixture.workload}`, () => {
      const text = readFixtureText(fixture.path);
      const binary = encodePmtBytes(parseTextTrace(text));
      const back = decodePmt(binary);
      expect(back.warnings).toEqual([]);
      expect([...formatTextTrace(back.trace)].join('')).toBe(text);
      events += back.trace.length;
      bytes += binary.length;
    });
  }
  it('stays compact (bytes per event over all fixtures)', () => {
    const perEvent = bytes / events;
    process.stderr.write(
      `  .pmt: ${perEvent.toFixed(2)} bytes/event over ${events.toLocaleString('en-US')} recorded events\n`,
    );
    expect(perEvent).toBeLessThanOrEqual(4);
  });
});
