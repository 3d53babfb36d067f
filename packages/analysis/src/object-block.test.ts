import { Obmalloc } from '@pymem/obmalloc';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { blockHolding, type PoolStatesCache } from './object-block.ts';

describe('blockHolding', () => {
  it('finds the allocated block around every byte of a live request, and nothing for a freed one', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('3.8', '3.10', '3.12', '3.13'),
        fc.array(fc.record({ size: fc.integer({ min: 1, max: 512 }), free: fc.boolean() }), {
          minLength: 1,
          maxLength: 300,
        }),
        fc.nat(),
        (profile, requests, seed) => {
          const model = new Obmalloc({ profile });
          const pointers = requests.map((request) => model.malloc(request.size));
          requests.forEach((request, k) => {
            if (request.free) model.free(pointers[k] as number);
          });
          const cache: PoolStatesCache = new Map();
          requests.forEach((request, k) => {
            const pointer = pointers[k] as number;
            const inside = pointer + (seed % request.size);
            const held = blockHolding(model, inside);
            expect(blockHolding(model, inside, cache)).toEqual(held);
            if (request.free) {
              // The block may have been handed out again only by a later malloc, never here.
              expect(held).toBeNull();
              return;
            }
            expect(held?.address).toBe(pointer);
            expect(held!.size).toBeGreaterThanOrEqual(request.size);
            expect(held!.address - held!.poolAddress).toBe(
              model.constants.poolOverhead + held!.index * held!.size,
            );
          });
        },
      ),
      { numRuns: 60 },
    );
  });

  it('finds nothing outside the arenas', () => {
    const model = new Obmalloc({ profile: '3.12' });
    const pointer = model.malloc(64);
    expect(blockHolding(model, 8)).toBeNull();
    expect(blockHolding(model, pointer + 1e12)).toBeNull();
  });
});
