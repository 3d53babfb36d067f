import { Obmalloc } from '@pymem/obmalloc';
import { describe, expect, it } from 'vitest';
import { freeListOrder } from './free-list.ts';

describe('freeListOrder', () => {
  it('predicts the order in which pymalloc hands out the pool blocks', () => {
    const model = new Obmalloc({ profile: '3.11' });
    const blocks = Array.from({ length: 5 }, () => model.malloc(40)); // class 2, 48 bytes
    model.free(blocks[1]!);
    model.free(blocks[3]!);
    const order = freeListOrder(model, 0, 0)!;
    // LIFO: the last freed block first, then the earlier one, then the block carved
    // lazily after the last allocation; block 6 on is still virgin.
    expect(order.blocks).toEqual([3, 1, 5]);
    expect(order.nextVirgin).toBe(6);
    expect(order.virginBlocks).toBe(Math.floor((16384 - 48) / 48) - 6);
    const base = blocks[0]!;
    const next = Array.from({ length: 4 }, () => (model.malloc(40) - base) / 48);
    expect(next).toEqual([3, 1, 5, 6]);
  });

  it('is null for a pool never carved or an unused arena object', () => {
    const model = new Obmalloc({ profile: '3.8' });
    model.malloc(8);
    expect(freeListOrder(model, 0, 1)).toBeNull();
    expect(freeListOrder(model, 3, 0)).toBeNull();
  });
});
