/**
 * Lossless conversion on every recorded fixture, the size of the binary format, and
 * version 1 (the committed fixtures) still read as it always was.
 */
import { readFileSync } from 'node:fs';
import { brotliDecompressSync } from 'node:zlib';
import {
  decodePmt,
  encodePmtBytes,
  formatTextTrace,
  PMT_FORMAT_VERSION,
  parseTextTrace,
} from '@pymem/tracing';
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
      expect(back.version).toBe(PMT_FORMAT_VERSION);
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

describe('.pmt version 1', () => {
  const fixtures = listFixtures();
  it('is what the committed fixtures are, and they read without a warning', () => {
    expect(fixtures.length).toBeGreaterThan(0);
    for (const fixture of fixtures) {
      const file = decodePmt(brotliDecompressSync(readFileSync(fixture.path)));
      expect(file.version, fixture.path).toBe(1);
      expect(file).toMatchObject({ index: 'intact', torn: null, damage: [], warnings: [] });
      expect(file.checksumsVerified).toBe(0);
      expect(file.trace.length).toBe(file.chunks.reduce((sum, chunk) => sum + chunk.events, 0));
    }
  });

  it('keeps its torn-tail rule: a cut file reads up to its last complete chunk', () => {
    const bytes = brotliDecompressSync(readFileSync(fixtures[0]!.path));
    const whole = decodePmt(bytes);
    const last = whole.chunks.at(-1)!;
    const cut = decodePmt(bytes.subarray(0, last.offset + 25));
    expect(cut.trace.length).toBe(last.firstEvent);
    expect(cut.torn).toMatchObject({ offset: last.offset, completeEvents: last.firstEvent });
    expect(cut.index).toBe('missing');
  });
});
