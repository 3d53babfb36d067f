/**
 * Closures, parameters and comprehensions on the model, per version: the facts
 * the differential programs print, checked here on short programs (CPython's values,
 * measured on 3.8.18 … 3.13.0), and the per-version differences in what is made.
 */
import { Heap, type ObjectEvent, validateHeap } from '@pymem/objects';
import { parseVersion } from '@pymem/versions';
import { describe, expect, it } from 'vitest';
import { Compiler } from './compiler.ts';
import { Machine } from './machine.ts';
import { runPython } from './run.ts';
import { Source } from './source.ts';

const VERSIONS = ['3.8', '3.9', '3.10', '3.11', '3.12', '3.13'];

function run(program: string, python: string): string {
  const result = runPython(program, { python, filename: 'p.py' });
  expect(result.outcome, result.stderr).toBe('ok');
  validateHeap(result.heap);
  return result.stdout;
}

describe('closures', () => {
  it('keeps one cell per captured variable, shared by every closure over it', () => {
    const program = [
      'def pair():',
      '    n = 0',
      '    def inc():',
      '        nonlocal n',
      '        n += 1',
      '        return n',
      '    def get():',
      '        return n',
      '    return inc, get',
      'inc, get = pair()',
      'inc()',
      'inc()',
      'print(get())',
    ].join('\n');
    for (const python of VERSIONS) expect(run(program, python)).toBe('2\n');
  });

  it('sizes a function the same with or without a closure (PyFunctionObject)', () => {
    const program =
      'import sys\ndef f(x):\n    return lambda: x\nprint(sys.getsizeof(f), sys.getsizeof(f(1)))\n';
    const sizes: Record<string, string> = {
      '3.8': '136 136\n',
      '3.9': '136 136\n',
      '3.10': '144 144\n',
      '3.11': '152 152\n',
      '3.12': '160 160\n',
      '3.13': '160 160\n',
    };
    for (const python of VERSIONS) expect(run(program, python)).toBe(sizes[python]);
  });

  it('frees the closure, its tuple and its cells with the last reference to the function', () => {
    const program =
      'def make(v):\n    def get():\n        return v\n    return get\ng = make([1])\ndel g\n';
    const compiledOnly =
      'def make(v):\n    def get():\n        return v\n    return get\nif len([]) > 0:\n    g = make([1])\n    del g\n';
    for (const python of VERSIONS) {
      const made = runPython(program, { python });
      const none = runPython(compiledOnly, { python });
      expect(made.heap.liveCount, python).toBe(none.heap.liveCount);
    }
  });
});

describe('comprehensions', () => {
  it('grow a list by appending, unlike a display of the same items', () => {
    const program =
      'import sys\nprint(sys.getsizeof([i for i in range(5)]), sys.getsizeof([0, 1, 2, 3, 4]))\n';
    // Measured: 3.8 builds the display exactly (BUILD_LIST 5); 3.9 extends the list the
    // comprehension just freed (its array kept by the list free list); 3.10+ extend a new one.
    const printed: Record<string, string> = {
      '3.8': '120 96\n',
      '3.9': '120 120\n',
      '3.10': '120 104\n',
      '3.11': '120 104\n',
      '3.12': '120 104\n',
      '3.13': '120 104\n',
    };
    for (const python of VERSIONS) expect(run(program, python)).toBe(printed[python]);
  });

  it('make and free a function object per evaluation only before 3.12 (PEP 709)', () => {
    for (const python of VERSIONS) {
      const events = objectEvents(
        'x = [i for i in range(2)]\ny = {k: k for k in range(2)}\n',
        python,
      );
      const functions = events.filter((e) => e.objectType === 'function');
      expect(
        functions.map((e) => e.type),
        python,
      ).toEqual(
        Number(python.split('.')[1]) <= 11
          ? ['object-new', 'object-free', 'object-new', 'object-free']
          : [],
      );
    }
  });

  it('free the last item after the iterator from 3.11, before it on 3.8–3.10', () => {
    // The exhausted list iterator drops the iterated list at once (listiter_next), so
    // [1] dies then; `s` still holds the dict, the last item, until the frame (3.8–3.11)
    // or the inlined comprehension (3.12+) ends.
    for (const python of VERSIONS) {
      const events = objectEvents('x = [len(s) for s in [[1], {2: 3}]]\n', python);
      const frees = events.filter((e) => e.type !== 'object-new').map((e) => e.objectType);
      const dictFirst = frees.indexOf('dict') < frees.indexOf('list_iterator');
      // 3.8–3.10: the frame clears `s` while the caller still holds the iterator;
      // 3.11: the frame's `.0` (the iterator) is cleared before `s`; 3.12+: FOR_ITER
      // frees the iterator, then the saved `s` is stored back.
      expect(dictFirst, `${python}: ${frees.join(' ')}`).toBe(Number(python.split('.')[1]) <= 10);
    }
  });
});

/** An object's birth or death. */
type Lifetime = Extract<ObjectEvent, { type: 'object-new' | 'object-free' | 'object-park' }>;

/** The births and deaths of objects while `program` runs on the model of `python`. */
function objectEvents(program: string, python: string): Lifetime[] {
  const heap = new Heap({ profile: parseVersion(python).name });
  const events: Lifetime[] = [];
  const machine = new Machine(heap, 10_000);
  const body = new Compiler(new Source(program), machine).compileModule();
  heap.hook = (event) => {
    if (event.type === 'object-new' || event.type === 'object-free' || event.type === 'object-park')
      events.push(event);
  };
  body({ locals: [], returned: 0, line: 0 });
  return events;
}
