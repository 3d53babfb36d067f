import { PROFILE_NAMES } from '@pymem/versions';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { blockSize } from './constants.ts';
import { Obmalloc } from './obmalloc.ts';
import { collectMallocStats } from './stats.ts';
import { validateObmalloc } from './validate.ts';

type Command =
  | { kind: 'malloc' | 'calloc'; size: number }
  | { kind: 'realloc'; pick: number; size: number }
  | { kind: 'free'; pick: number }
  | { kind: 'burst'; size: number; count: number }
  | { kind: 'drain'; every: number };

const size = fc.oneof(fc.integer({ min: 0, max: 520 }), fc.integer({ min: 1, max: 64 }));
const command: fc.Arbitrary<Command> = fc.oneof(
  {
    arbitrary: fc.record({ kind: fc.constantFrom('malloc' as const, 'calloc' as const), size }),
    weight: 5,
  },
  {
    arbitrary: fc.record({ kind: fc.constant('realloc' as const), pick: fc.nat(), size }),
    weight: 2,
  },
  { arbitrary: fc.record({ kind: fc.constant('free' as const), pick: fc.nat() }), weight: 4 },
  {
    arbitrary: fc.record({
      kind: fc.constant('burst' as const),
      size,
      count: fc.integer({ min: 100, max: 6000 }),
    }),
    weight: 1,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant('drain' as const),
      every: fc.integer({ min: 1, max: 3 }),
    }),
    weight: 1,
  },
);

/** The extent a live block occupies: its whole pymalloc block, or 1 byte when raw. */
function extent(model: Obmalloc, address: number, nbytes: number): number {
  if (!model.owns(address)) return Math.max(1, nbytes);
  return blockSize(model.constants, (nbytes - 1) >> model.constants.alignmentShift);
}

describe('Obmalloc under random operation sequences', () => {
  for (const profile of PROFILE_NAMES) {
    it(`keeps every invariant after every step (${profile})`, () => {
      fc.assert(
        fc.property(fc.array(command, { minLength: 1, maxLength: 60 }), (commands) => {
          const model = new Obmalloc({ profile });
          const live = new Map<number, number>(); // address → requested size
          const apply = (c: Command) => {
            switch (c.kind) {
              case 'malloc':
              case 'calloc': {
                const p = c.kind === 'malloc' ? model.malloc(c.size) : model.calloc(c.size);
                expect(live.has(p)).toBe(false);
                live.set(p, c.size);
                break;
              }
              case 'burst':
                for (let i = 0; i < c.count; i++) apply({ kind: 'malloc', size: c.size });
                break;
              case 'drain': {
                let i = 0;
                for (const p of [...live.keys()]) {
                  if (i++ % c.every === 0) {
                    model.free(p);
                    live.delete(p);
                  }
                }
                break;
              }
              case 'realloc':
              case 'free': {
                if (live.size === 0) return;
                const p = [...live.keys()][c.pick % live.size]!;
                if (c.kind === 'free') {
                  model.free(p);
                  live.delete(p);
                } else {
                  const q = model.realloc(p, c.size);
                  live.delete(p);
                  expect(live.has(q)).toBe(false);
                  live.set(q, c.size);
                }
              }
            }
          };
          for (const c of commands) {
            apply(c);
            expect(validateObmalloc(model, live.size < 3000 ? 'blocks' : 'lists')).toEqual([]);
            const stats = collectMallocStats(model);
            expect(stats.total).toBe(stats.arenasAllocatedCurrent * stats.arenaSize);
            expect(model.getAllocatedBlocks()).toBe(live.size);
          }
          // No two live blocks overlap.
          const spans = [...live]
            .map(([p, n]) => [p, p + extent(model, p, n)] as const)
            .sort((x, y) => x[0] - y[0]);
          for (let i = 1; i < spans.length; i++)
            expect(spans[i]![0]).toBeGreaterThanOrEqual(spans[i - 1]![1]);
          // Freeing everything returns the counters to baseline.
          for (const p of live.keys()) model.free(p);
          const after = collectMallocStats(model);
          expect(after.bytesInAllocatedBlocks).toBe(0);
          expect(model.getAllocatedBlocks()).toBe(0);
          expect(after.arenasAllocatedCurrent).toBeLessThanOrEqual(
            model.constants.keepLastFreeArena ? 1 : 0,
          );
          expect(validateObmalloc(model)).toEqual([]);
        }),
        { seed: 20261122, numRuns: 40 },
      );
    });
  }
});
