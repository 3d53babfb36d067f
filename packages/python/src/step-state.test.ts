import { describe, expect, it } from 'vitest';
import { runPython } from './run.ts';
import type { StepView } from './step-state.ts';

/** Every step's view of `source` on `python`. */
function steps(source: string, python: string): StepView[] {
  const views: StepView[] = [];
  runPython(source, { python, onStep: (capture) => views.push(capture()) });
  return views;
}

describe('step views', () => {
  const source = [
    'import sys',
    'a = [1, 2]',
    'b = a',
    'def f(x):',
    '    y = {"k": x}',
    '    return y',
    'd = f(a)',
    'print(sys.getrefcount(a) - 1, sys.getsizeof(a), sys.getsizeof(d))',
    '',
  ].join('\n');

  it('shows frames, names and objects before each line, and the end state', () => {
    for (const [python, held] of [
      ['3.8', 5],
      ['3.12', 4],
    ] as const) {
      const views = steps(source, python);
      expect(views.map((v) => v.line)).toEqual([1, 2, 3, 4, 7, 5, 6, 8, 8]);
      expect(views.at(-1)!.done).toBe(true);
      // Inside f, before `return y`: two frames, y bound to a dict whose value is a.
      const inF = views[6]!;
      expect(inF.frames.map((f) => f.name)).toEqual(['<module>', 'f']);
      expect(inF.frames[0]!.line).toBe(7);
      const locals = inF.frames[1]!.names;
      expect(locals.map((n) => n.label)).toEqual(['x', 'y']);
      const a = inF.objects.find(
        (o) => o.address === inF.frames[0]!.names.find((n) => n.label === 'a')!.address,
      )!;
      // a is held by the names a and b, f's parameter x and the dict's value — and on
      // 3.8–3.10 by the caller's value stack too (the call copies its arguments).
      expect(a.refcount).toBe(held);
      const y = inF.objects.find((o) => o.address === locals[1]!.address)!;
      expect(y.type).toBe('dict');
      expect(y.edges.map((e) => e.label)).toEqual(['key', "['k']"]);
      expect(y.edges[1]!.address).toBe(a.address);
    }
  });

  it('agrees with what the program prints for size and refcount', () => {
    for (const python of ['3.8', '3.10', '3.11', '3.12', '3.13']) {
      const views: StepView[] = [];
      const result = runPython(source, { python, onStep: (capture) => views.push(capture()) });
      const [refcount, listSize, dictSize] = result.stdout.trim().split(' ').map(Number);
      const end = views.at(-1)!;
      const byName = (name: string) => {
        const address = end.frames[0]!.names.find((n) => n.label === name)!.address;
        return end.objects.find((o) => o.address === address)!;
      };
      expect(byName('a').refcount).toBe(refcount);
      expect(byName('a').size).toBe(listSize);
      expect(byName('d').size).toBe(dictSize);
      expect(byName('a').gc).toBe('tracked');
    }
  });
});

describe('loop headers', () => {
  it('are steps of their own each time the loop comes back to them', () => {
    const source =
      'total = 0\nfor i in [1, 2]:\n    total += i\nwhile total > 0:\n    total -= 2\n';
    const lines: number[] = [];
    runPython(source, { python: '3.12', onStep: (capture) => lines.push(capture().line) });
    expect(lines).toEqual([1, 2, 3, 2, 3, 2, 4, 5, 4, 5, 4, 4]);
  });
});
