import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BlockSizes } from './block-sizes.ts';

/**
 * BlockSizes against a plain Map of the same records. Addresses come from a few 1 MiB
 * regions (pymalloc's 16-byte-aligned blocks, raw blocks, and unaligned ones), so
 * regions empty and are made again — from the spare an emptied region leaves — over
 * and over: a spare that kept an old entry would show as a size the Map does not have.
 */
const REGION = 2 ** 20;
const BASES = [0x7f0000001000, 0x555500000000, 0x555500000000 + 3 * REGION];

const address = fc
  .record({
    base: fc.constantFrom(...BASES),
    offset: fc.integer({ min: 0, max: 7 }),
    unaligned: fc.boolean(),
  })
  .map(({ base, offset, unaligned }) => base + offset * 16 + (unaligned ? 4 : 0));

const operation = fc.oneof(
  fc.record({
    kind: fc.constant('set' as const),
    address,
    nbytes: fc.integer({ min: 0, max: 4096 }),
  }),
  fc.record({ kind: fc.constant('delete' as const), address }),
);

describe('BlockSizes', () => {
  it('holds exactly what a Map of the same sets and deletes holds', () => {
    fc.assert(
      fc.property(fc.array(operation, { maxLength: 300 }), (operations) => {
        const blocks = new BlockSizes();
        const model = new Map<number, number>();
        for (const op of operations) {
          if (op.kind === 'set') {
            blocks.set(op.address, op.nbytes);
            model.set(op.address, op.nbytes);
          } else {
            blocks.delete(op.address);
            model.delete(op.address);
          }
          expect(blocks.size).toBe(model.size);
          expect(blocks.get(op.address)).toBe(model.get(op.address));
        }
        for (const base of BASES)
          for (let offset = 0; offset < 8; offset++) {
            const a = base + offset * 16;
            expect(blocks.get(a)).toBe(model.get(a));
            expect(blocks.has(a + 4)).toBe(model.has(a + 4));
          }
        expect(new Map(blocks)).toEqual(model);
      }),
      { numRuns: 100 },
    );
  });
});
