import { blockLifetimes, forEachLiveAllocation, NEVER_FREED, siteName } from '@pymem/analysis';
import { Replayer, synthesizeTrace } from '@pymem/runtime';
import { Domain, Op, TraceBuilder } from '@pymem/tracing';
import { describe, expect, it } from 'vitest';
import { findAllocatingEvent } from './allocating-event.ts';
import { topSites } from './top-sites.ts';

describe('blockLifetimes', () => {
  it('pairs frees and reallocs with the allocation of their block', () => {
    const b = new TraceBuilder();
    b.push(Op.malloc, Domain.obj, 10, 0x1000, 0, 3); // 0
    b.push(Op.malloc, Domain.mem, 20, 0x2000, 0, 4); // 1
    b.push(Op.malloc, Domain.raw, 30, 0x3000, 0, 5); // 2: raw, not the object allocator's
    b.push(Op.realloc, Domain.obj, 0x1000, 40, 0x4000, 6); // 3
    b.push(Op.free, Domain.mem, 0x2000, 0, 0, 7); // 4
    b.push(Op.realloc, Domain.obj, 0x4000, 900, 0, 8); // 5: failed, 0x4000 lives on
    b.push(Op.calloc, Domain.obj, 16, 0x2000, 0, 9); // 6: the address again
    const trace = b.finish({ formatVersion: 1, python: '3.12.1', metadata: {} });
    expect([...blockLifetimes(trace)]).toEqual([3, 4, -1, NEVER_FREED, -1, -1, NEVER_FREED]);
    const live: number[] = [];
    forEachLiveAllocation(blockLifetimes(trace), 4, (i) => live.push(i));
    expect(live).toEqual([1, 3]);
    expect(findAllocatingEvent(trace, 7, 0x2000)).toBe(6);
    expect(findAllocatingEvent(trace, 6, 0x4000)).toBe(3);
    expect(findAllocatingEvent(trace, 7, 0x9999)).toBe(-1);
  });

  it("gives the top sites a tracking replayer's live blocks give, at any event", () => {
    const trace = synthesizeTrace({ events: 20_000, seed: 3, sites: 12 });
    const freedAt = blockLifetimes(trace);
    const replayer = new Replayer(trace, { trackBlocks: true });
    for (const position of [0, 1, 777, 8000, 15_000, trace.length]) {
      replayer.runTo(position);
      const expected = new Map<string, { blocks: number; bytes: number }>();
      let total = 0;
      for (const block of replayer.liveBlocks()) {
        const name = siteName(trace, block.site) ?? '<unknown>';
        const entry = expected.get(name) ?? { blocks: 0, bytes: 0 };
        entry.blocks++;
        entry.bytes += block.size;
        expected.set(name, entry);
        total++;
        // The allocating event found by scanning back is the one lifetimes name live.
        if (total % 97 === 1) {
          const at = findAllocatingEvent(trace, position, block.address);
          expect(freedAt[at]).toBeGreaterThanOrEqual(position);
          expect(trace.site[at]).toBe(block.site);
        }
      }
      const sites = topSites(trace, freedAt, position, 100);
      expect(sites.totalBlocks).toBe(total);
      expect(new Map(sites.rows.map(({ site, ...entry }) => [site, entry]))).toEqual(expected);
      for (let i = 1; i < sites.rows.length; i++)
        expect(sites.rows[i]!.bytes).toBeLessThanOrEqual(sites.rows[i - 1]!.bytes);
    }
  });
});
