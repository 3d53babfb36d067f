import { describe, expect, it } from 'vitest';
import { arenaStatus, NEARLY_EMPTY } from './arena-status.ts';

describe('arenaStatus', () => {
  const arena = 1024 * 1024;
  it('calls an arena with no used pool releasable, a little-used one nearly empty', () => {
    expect(arenaStatus(0, 0, arena)).toBe('free');
    expect(arenaStatus(1, 16, arena)).toBe('nearly-empty');
    expect(arenaStatus(10, NEARLY_EMPTY * arena - 1, arena)).toBe('nearly-empty');
    expect(arenaStatus(10, NEARLY_EMPTY * arena, arena)).toBe('pinned');
    expect(arenaStatus(64, arena, arena)).toBe('pinned');
  });
});
