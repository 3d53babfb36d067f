import { describe, expect, it } from 'vitest';
import { bytes, count, grouped, percent } from './format.ts';
import { compareStats } from './stats-comparison.ts';
import { zoomColumns } from './zoom-columns.ts';

describe('compareStats', () => {
  it('matches equal texts and names the first differing line otherwise', () => {
    expect(compareStats('a\nb\n', 'a\nb\n')).toEqual({
      matches: true,
      line: 0,
      expected: '',
      actual: '',
    });
    expect(compareStats('a\nb\nc\n', 'a\nB\nc\n')).toEqual({
      matches: false,
      line: 2,
      expected: 'b',
      actual: 'B',
    });
    expect(compareStats('a\n', 'a\nextra\n')).toMatchObject({ matches: false, line: 2 });
  });
});

describe('formatting', () => {
  it('groups, scales bytes and writes percentages', () => {
    expect(grouped(1234567)).toBe('1,234,567');
    expect(bytes(48)).toBe('48 B');
    expect(bytes(1536)).toBe('1.50 KiB');
    expect(bytes(1024 * 1024)).toBe('1 MiB');
    expect(bytes(66_060_288)).toBe('63 MiB');
    expect(bytes(34_823_728)).toBe('33.2 MiB');
    expect(percent(0.5274)).toBe('52.7%');
    expect(count(1, 'arena')).toBe('1 arena');
    expect(count(2500, 'live block')).toBe('2,500 live blocks');
  });

  it('chooses zoom grid columns by block count', () => {
    expect(zoomColumns(1021)).toBe(32);
    expect(zoomColumns(255)).toBe(24);
    expect(zoomColumns(31)).toBe(16);
  });
});
