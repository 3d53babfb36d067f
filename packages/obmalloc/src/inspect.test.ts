import { describe, expect, it } from 'vitest';
import { BlockState, poolBlockStates, summarizeArenas } from './inspect.ts';
import { Obmalloc } from './obmalloc.ts';

describe('summarizeArenas', () => {
  it('names the size classes that pin a mostly empty arena', () => {
    const model = new Obmalloc({ profile: '3.12' });
    const blocks = Array.from({ length: 5000 }, () => model.malloc(240));
    const keep = new Set([blocks[10], blocks[4500]]);
    for (const block of blocks) if (!keep.has(block)) model.free(block);
    const [first, second] = summarizeArenas(model);
    expect(first).toMatchObject({ blocks: 1, usedBytes: 240, poolsUsed: 1, poolsTotal: 63 });
    expect(first!.pinnedBy).toEqual([{ sizeClass: 14, size: 240, blocks: 1 }]);
    expect(first!.poolsUsed + first!.poolsEmpty + first!.poolsVirgin).toBe(63);
    expect(second!.blocks).toBe(1);
  });
});

describe('poolBlockStates', () => {
  it('tells allocated, free-listed and never-carved blocks apart', () => {
    const model = new Obmalloc({ profile: '3.9' });
    const a = model.malloc(512);
    model.malloc(512);
    model.malloc(512);
    model.free(a);
    const out = new Uint8Array(1024);
    const slots = poolBlockStates(model, 0, 0, out);
    expect(slots).toBe(7);
    expect([...out.slice(0, 7)]).toEqual([
      BlockState.free,
      BlockState.allocated,
      BlockState.allocated,
      BlockState.free,
      BlockState.virgin,
      BlockState.virgin,
      BlockState.virgin,
    ]);
  });
});
