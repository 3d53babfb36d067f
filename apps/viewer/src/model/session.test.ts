import { measureHeap } from '@pymem/analysis';
import { collectMallocStats, formatMallocStats, type Obmalloc } from '@pymem/obmalloc';
import { Replayer, synthesizeTrace } from '@pymem/runtime';
import { describe, expect, it } from 'vitest';
import { firstPass } from './first-pass.ts';
import { CHECKPOINT_BUDGET, checkpointInterval, ViewerSession } from './session.ts';

describe('checkpointInterval', () => {
  it('keeps between 8 and 64 checkpoints within the budget, at least 10,000 events apart', () => {
    expect(checkpointInterval(1_000_000, CHECKPOINT_BUDGET / 16)).toBe(62_500);
    expect(checkpointInterval(1_000_000, 1)).toBe(Math.ceil(1_000_000 / 64));
    expect(checkpointInterval(1_000_000, CHECKPOINT_BUDGET)).toBe(125_000);
    expect(checkpointInterval(5_000, 1)).toBe(10_000);
  });
});

describe('first pass and session', () => {
  const trace = synthesizeTrace({ events: 60_000, seed: 5, sites: 0 });
  const pass = firstPass(trace, 50);

  it('samples the timeline as the model measures it', () => {
    const replayer = new Replayer(trace);
    for (const k of [0, 10, 25, 49]) {
      replayer.runTo(pass.timeline.x[k]!);
      const point = measureHeap(replayer.model);
      expect(pass.timeline.arenas[k]).toBe(point.arenas);
      expect(pass.timeline.bytesInBlocks[k]).toBe(point.bytesInBlocks);
      expect(pass.timeline.utilisation[k]).toBeCloseTo(point.utilisation * 100, 9);
      expect(point.bytesInBlocks).toBe(collectMallocStats(replayer.model).bytesInAllocatedBlocks);
    }
    expect(pass.timeline.lastArena).toBeGreaterThan(0);
  });

  it('starts at the end from a structured-cloned end state, then seeks anywhere exactly', () => {
    const session = new ViewerSession({
      trace,
      name: 'synthetic',
      format: 'text',
      warnings: [],
      timeline: pass.timeline,
      end: structuredClone(pass.end),
    });
    const fresh = new Replayer(trace);
    fresh.runToEnd();
    const text = (model: Obmalloc) => formatMallocStats(collectMallocStats(model));
    // Restored, not replayed: the replayer is already at the end.
    expect(session.at(trace.length).position).toBe(trace.length);
    expect(text(session.model(trace.length))).toBe(text(fresh.model));
    while (!session.warm(5));
    for (const mark of trace.marks) {
      expect(session.at(mark.eventIndex).statsText()).toBe(mark.stats);
    }
    expect(text(session.model(trace.length))).toBe(text(fresh.model));
    expect(session.hasSites).toBe(false);
    expect(session.maxBlocks).toBe(1021);
  });
});
