import { describe, expect, it } from 'vitest';
import { AddressTable } from './address-table.ts';

describe('AddressTable', () => {
  it('behaves like a Map under random sets, gets and takes (with growth and collisions)', () => {
    let seed = 7;
    const rand = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const table = new AddressTable(4);
    const reference = new Map<number, number>();
    // Few distinct addresses, 16-byte aligned, far above 2**32, so slots collide often.
    const address = () => 0x7f0000000000 + Math.floor(rand() * 5000) * 16;
    const mismatches: string[] = [];
    for (let i = 0; i < 60_000; i++) {
      const key = address();
      const r = rand();
      let got: number;
      let want: number;
      if (r < 0.5) {
        table.set(key, i);
        reference.set(key, i);
        got = table.size;
        want = reference.size;
      } else if (r < 0.8) {
        got = table.take(key);
        want = reference.get(key) ?? -1;
        reference.delete(key);
      } else {
        got = table.get(key);
        want = reference.get(key) ?? -1;
      }
      if (got !== want) mismatches.push(`step ${i}: ${got} !== ${want}`);
    }
    expect(mismatches).toEqual([]);
    expect(table.size).toBe(reference.size);
    for (const [key, value] of reference) expect(table.get(key)).toBe(value);
  });
});
