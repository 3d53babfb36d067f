/**
 * The allocator model against committed recordings of real CPython 3.8 … 3.13:
 * every pointer, every arena and every captured `_debugmallocstats` block must match.
 */
import { ReplayDivergence, Replayer } from '@pymem/runtime';
import { parseTextTrace } from '@pymem/tracing';
import { RECORDED_PROFILE_NAMES } from '@pymem/versions';
import { describe, expect, it } from 'vitest';
import { listFixtures, readFixture, readFixtureText, WORKLOADS } from './support/fixtures.ts';

const fixtures = listFixtures();

describe('recorded fixtures', () => {
  it('cover every workload under every recorded profile', () => {
    const versions = new Set(
      fixtures.map((fixture) => fixture.version.split('.').slice(0, 2).join('.')),
    );
    expect([...versions].sort()).toEqual([...RECORDED_PROFILE_NAMES].sort());
    expect(WORKLOADS.length).toBeGreaterThanOrEqual(5);
    expect(fixtures.length).toBe(RECORDED_PROFILE_NAMES.length * WORKLOADS.length);
  });

  for (const fixture of fixtures) {
    it(`replays ${fixture.version} ${fixture.workload} exactly`, () => {
      const trace = readFixture(fixture.path);
      expect(trace.header.python).toBe(fixture.version);
      const replayer = new Replayer(trace, { verify: true });
      replayer.runToEnd();
      const marksWithStats = trace.marks.filter((mark) => mark.stats !== '').length;
      expect(marksWithStats).toBeGreaterThanOrEqual(3);
      expect(replayer.counts.marksChecked).toBe(marksWithStats);
      expect(replayer.counts.pointersChecked).toBeGreaterThan(10_000);
      expect(replayer.counts.divergences).toBe(0);
      expect(replayer.addressMode).toBe('recorded');
    });
  }
});

describe('verification', () => {
  const fixture = fixtures.find(
    (f) => f.version.startsWith('3.12') && f.workload === 'arena_release',
  )!;
  const text = readFixtureText(fixture.path);
  const lines = text.split('\n');

  it('names the line where a recorded pointer differs', () => {
    const target = lines.findIndex((line, i) => i > 5000 && line.startsWith('m obj '));
    const fields = lines[target]!.split(' ');
    fields[3] = (Number.parseInt(fields[3]!, 16) + 16).toString(16);
    const mutated = [...lines];
    mutated[target] = fields.join(' ');
    const replayer = new Replayer(parseTextTrace(mutated.join('\n')), { verify: true });
    expect(() => replayer.runToEnd()).toThrow(ReplayDivergence);
    try {
      new Replayer(parseTextTrace(mutated.join('\n')), { verify: true }).runToEnd();
    } catch (error) {
      expect((error as ReplayDivergence).line).toBe(target + 1);
    }
  });

  it('names the mark whose statistics differ', () => {
    const target = lines.findIndex((line) => line.startsWith('| # bytes in allocated blocks'));
    const mutated = [...lines];
    mutated[target] = mutated[target]!.replace(/\d(?=\D*$)/, (digit) =>
      String((Number(digit) + 1) % 10),
    );
    const replayer = new Replayer(parseTextTrace(mutated.join('\n')), { verify: true });
    expect(() => replayer.runToEnd()).toThrow(/statistics at mark "filled"/);
  });

  it('tells profiles apart: a 3.9 recording is not a 3.8 one', () => {
    const trace = readFixture(
      fixtures.find((f) => f.version.startsWith('3.9') && f.workload === 'arena_release')!.path,
    );
    expect(() => new Replayer(trace, { verify: true, profile: '3.8' }).runToEnd()).toThrow(
      ReplayDivergence,
    );
  });
});
