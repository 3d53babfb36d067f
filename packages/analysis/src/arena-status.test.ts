import { describe, expect, it } from 'vitest';
import { arenaStatus, NEARLY_EMPTY } from './arena-status.ts';

describe('arenaStatus', () => {
  const arena = 1024 * 1024;
  it('calls an arena with no live block free, a little-used one nearly empty', () => {
    expect(arenaStatus({ blocks: 0, usedBytes: 0 }, arena)).toBe('free');
    expect(arenaStatus({ blocks: 1, usedBytes: 16 }, arena)).toBe('nearly-empty');
    expect(arenaStatus({ blocks: 10, usedBytes: NEARLY_EMPTY * arena - 1 }, arena)).toBe(
      'nearly-empty',
    );
    expect(arenaStatus({ blocks: 10, usedBytes: NEARLY_EMPTY * arena }, arena)).toBe('pinned');
    expect(arenaStatus({ blocks: 64, usedBytes: arena }, arena)).toBe('pinned');
  });
});
