import { describe, expect, it } from 'vitest';
import { closestName, editDistance, refuseMistypedCommand } from './suggest.ts';

const COMMANDS = ['report', 'versions', 'replay', 'stats', 'fragmentation', 'timeline', 'diff'];

describe('editDistance', () => {
  it('counts inserts, deletes, substitutions and swaps of neighbours', () => {
    expect(editDistance('stats', 'stats')).toBe(0);
    expect(editDistance('stat', 'stats')).toBe(1);
    expect(editDistance('fragmentaton', 'fragmentation')).toBe(1);
    expect(editDistance('veiw', 'view')).toBe(1);
    expect(editDistance('diff', 'dfif')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });
});

describe('closestName', () => {
  it('finds the nearest command, or none when nothing is near', () => {
    expect(closestName('fragmentaton', COMMANDS)).toBe('fragmentation');
    expect(closestName('replya', COMMANDS)).toBe('replay');
    expect(closestName('Timeline', COMMANDS)).toBe('timeline');
    expect(closestName('frobnicate', COMMANDS)).toBeNull();
    expect(closestName('x', COMMANDS)).toBeNull();
  });
});

describe('refuseMistypedCommand', () => {
  it('refuses a plain word near a command that names no file', () => {
    expect(() => refuseMistypedCommand('fragmentaton', COMMANDS)).toThrow(
      "unknown command 'fragmentaton' (did you mean fragmentation?)",
    );
  });

  it('lets files, paths and far-off words through to the default command', () => {
    for (const word of ['package.json', 'apps', './stats', 'stats.pmt', 'frobnicate'])
      expect(() => refuseMistypedCommand(word, COMMANDS)).not.toThrow();
  });
});
