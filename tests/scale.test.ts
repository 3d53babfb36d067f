/**
 * Nothing quadratic: a long synthetic recording with allocation sites goes through the
 * report commands, and a tracking replay spends about as long on its last million
 * events as on its first (the per-block table must not degrade as the replay goes on).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { liveInterpreterFor } from '@pymem/cpython';
import { record } from '@pymem/recorder';
import { Replayer, synthesizeTrace } from '@pymem/runtime';
import { encodePmtBytes, type Trace } from '@pymem/tracing';
import { readTraceFile } from '@pymem/tracing/node';
import { describe, expect, it } from 'vitest';
import { runCli } from './support/run-cli.ts';

const EVENTS = 5_000_000;
const MILLION = 1_000_000;

/**
 * Milliseconds a block-tracking replay spends on each million events, best of three
 * runs by the ratio last ÷ first (so a busy machine does not decide it).
 */
function trackingCost(trace: Trace): { ratio: number; perMillion: number[] } {
  let best = { ratio: Number.POSITIVE_INFINITY, perMillion: [] as number[] };
  for (let attempt = 0; attempt < 3 && best.ratio > 2; attempt++) {
    const replayer = new Replayer(trace, { trackBlocks: true });
    const perMillion: number[] = [];
    for (let end = MILLION; end <= trace.length; end += MILLION) {
      const start = performance.now();
      replayer.runTo(end);
      perMillion.push(performance.now() - start);
    }
    const ratio = perMillion.at(-1)! / perMillion[0]!;
    if (ratio < best.ratio) best = { ratio, perMillion };
  }
  return best;
}

const describeMs = (perMillion: number[]) =>
  `ms per million events: ${perMillion.map((ms) => ms.toFixed(0)).join(', ')}`;

describe('a 5M-event recording with sites', () => {
  const trace = synthesizeTrace({ events: EVENTS, seed: 42, sites: 400 });
  const scratch = mkdtempSync(join(tmpdir(), 'pymem-scale-'));
  const file = join(scratch, 'synthetic.pmt');
  writeFileSync(file, encodePmtBytes(trace));

  it('replays with block tracking in time linear in events', () => {
    expect(trace.length).toBeGreaterThanOrEqual(EVENTS);
    const { ratio, perMillion } = trackingCost(trace);
    expect(ratio, describeMs(perMillion)).toBeLessThan(2);
  });

  it.each([
    ['report', [file]],
    ['fragmentation', [file, '--mark', 'churned']],
    ['diff', [file, '--from', 'peak', '--to', 'end']],
  ])('pymem %s finishes', async (command, args) => {
    const result = await runCli([command, ...args]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/app\/module_\d\.py:\d+/);
  });
});

// Real addresses are what made a Map-based table degrade (0.07 s for the first 250k
// events of this recording, 8 s for the fourth): CPython's own test_json under --sites.
describe('a real recording of CPython running test_json, with sites', () => {
  const python = liveInterpreterFor('3.11', 'block tracking on a real recording');
  it.skipIf(!python)('replays with block tracking in time linear in events', async () => {
    const output = join(mkdtempSync(join(tmpdir(), 'pymem-scale-')), 'test_json.pmt');
    const result = await record({
      interpreter: python!,
      args: ['-m', 'test', 'test_json'],
      output,
      format: 'pmt',
      sites: 1,
      stdio: 'pipe',
    });
    expect(result.status).toBe(0);
    const { trace } = await readTraceFile(output);
    expect(trace.length).toBeGreaterThan(3 * MILLION);
    const { ratio, perMillion } = trackingCost(trace);
    expect(ratio, describeMs(perMillion)).toBeLessThan(2);
  });
});
