import { collectMallocStats } from '@pymem/obmalloc';
import { Replayer, synthesizeTrace } from '@pymem/runtime';
import { describe, expect, it } from 'vitest';
import { measureHeap, sampleIndices, timeline } from './timeline.ts';

describe('sampleIndices', () => {
  it('spreads samples over the whole recording, both ends included', () => {
    expect(sampleIndices(1000, 5)).toEqual([0, 250, 500, 750, 1000]);
    expect(sampleIndices(3, 300)).toEqual([0, 1, 2, 3]);
    expect(sampleIndices(0, 300)).toEqual([0]);
  });
});

describe('timeline', () => {
  it('measures each sample and every mark as the statistics CPython prints', () => {
    const trace = synthesizeTrace({ events: 30_000, seed: 4, sites: 0 });
    const { samples, arenaSize } = timeline(trace, 7);
    const replayer = new Replayer(trace);
    expect(samples.map((sample) => sample.eventIndex)).toEqual(
      [
        ...new Set([...sampleIndices(trace.length, 7), ...trace.marks.map((m) => m.eventIndex)]),
      ].sort((x, y) => x - y),
    );
    for (const sample of samples) {
      replayer.runTo(sample.eventIndex);
      const stats = collectMallocStats(replayer.model);
      expect(sample.arenas).toBe(stats.arenasAllocatedCurrent);
      expect(sample.bytesInBlocks).toBe(stats.bytesInAllocatedBlocks);
      expect(sample.bytesInArenas).toBe(sample.arenas * arenaSize);
      expect(measureHeap(replayer.model).utilisation).toBe(sample.utilisation);
    }
    expect(samples.some((sample) => sample.mark !== null)).toBe(trace.marks.length > 0);
  });
});
