import { describe, expect, it } from 'vitest';
import { nextPosition, playbackStep, previousPosition, tickFraction } from './mark-navigation.ts';

describe('mark navigation', () => {
  const marks = [10, 50, 50, 90];
  it('finds the previous and next mark strictly around the position', () => {
    expect(previousPosition(marks, 50)).toBe(10);
    expect(previousPosition(marks, 51)).toBe(50);
    expect(previousPosition(marks, 10)).toBe(-1);
    expect(nextPosition(marks, 50)).toBe(90);
    expect(nextPosition(marks, 0)).toBe(10);
    expect(nextPosition(marks, 90)).toBe(-1);
    expect(nextPosition([], 0)).toBe(-1);
  });

  it('places ticks and sizes playback steps', () => {
    expect(tickFraction(25, 100)).toBe(0.25);
    expect(tickFraction(200, 100)).toBe(1);
    expect(tickFraction(5, 0)).toBe(0);
    expect(playbackStep(1_800_000, 30)).toBe(1000);
    expect(playbackStep(10, 30)).toBe(1);
  });
});
