import { arenaContaining, Obmalloc } from '@pymem/obmalloc';
import { synthesizeTrace } from '@pymem/runtime';
import { describe, expect, it } from 'vitest';
import { NEARLY_EMPTY } from './arena-status.ts';
import { analyzeFragmentation, fragmentationAt, nearlyEmptyArenas } from './fragmentation.ts';

/** Fills two arenas with 240-byte blocks, frees every block of the second and most of the first. */
function secondArenaEmptied(profile: '3.8' | '3.12') {
  const model = new Obmalloc({ profile });
  const perArena = Math.floor((model.constants.arenaSize / 240) * 0.9);
  const blocks = Array.from({ length: perArena * 2 }, () => model.malloc(240));
  const arenas = blocks.map((block) => arenaContaining(model, block));
  blocks.forEach((block, i) => {
    if (arenas[i] === 1 || i % 200 !== 0) model.free(block);
  });
  return model;
}

describe('fragmentationAt', () => {
  it('counts a wholly free arena apart: 3.9+ keeps it, freeing cannot return it', () => {
    const kept = fragmentationAt(secondArenaEmptied('3.12'));
    expect(kept.arenas.map((arena) => arena.status)).toEqual(['nearly-empty', 'free']);
    expect(kept.freeArenas).toBe(1);
    expect(kept.nearlyEmpty).toEqual({
      threshold: NEARLY_EMPTY,
      arenas: 1,
      liveBlocks: kept.arenas[0]!.blocks,
      bytesReleasable: kept.arenaSize,
    });
    // 3.8 gives the emptied arena back at once.
    const released = fragmentationAt(secondArenaEmptied('3.8'));
    expect(released.arenas.map((arena) => arena.status)).toEqual(['nearly-empty']);
    expect(released.freeArenas).toBe(0);
  });

  it('sums what summarizeArenas reports, and lists nearly-empty arenas emptiest first', () => {
    const model = new Obmalloc({ profile: '3.12' });
    const blocks = Array.from({ length: 12_000 }, (_, i) => model.malloc(i % 2 ? 64 : 496));
    for (const [i, block] of blocks.entries()) if (i % 7 !== 0 && i < 9000) model.free(block);
    const report = fragmentationAt(model);
    expect(report.bytesInBlocks).toBe(report.arenas.reduce((sum, a) => sum + a.usedBytes, 0));
    expect(report.utilisation).toBeCloseTo(report.bytesInBlocks / report.bytesInArenas, 12);
    const nearly = nearlyEmptyArenas(report);
    expect(nearly.length).toBe(report.nearlyEmpty.arenas);
    for (let i = 1; i < nearly.length; i++)
      expect(nearly[i]!.usedBytes).toBeGreaterThanOrEqual(nearly[i - 1]!.usedBytes);
  });
});

describe('analyzeFragmentation', () => {
  it('names the source lines of each arena’s live blocks, and the arenas at each mark', () => {
    const trace = synthesizeTrace({ events: 20_000, seed: 7, sites: 6 });
    const report = analyzeFragmentation(trace, { eventIndex: trace.length, mark: null });
    expect(report.hasSites).toBe(true);
    expect(report.marks.length).toBe(trace.marks.length);
    for (const arena of report.arenas) {
      expect(arena.sites.reduce((sum, pin) => sum + pin.blocks, 0)).toBe(arena.blocks);
      expect(arena.address).toMatch(/^0x[0-9a-f]+$/);
    }
    expect(report.peak.arenas).toBeGreaterThanOrEqual(report.now.arenas);
  });
});
