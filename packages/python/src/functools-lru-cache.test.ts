/**
 * `functools.lru_cache` on `pymem run` (compile-lru-cache.ts, the heap's lru-caches.ts):
 * for any sequence of calls, the hits, misses and size the model counts, and the order
 * in which evicted and cleared results die, are those of a least-recently-used cache;
 * the refusals name what is not modelled. Sizes, counts and orders against CPython are
 * checked by the fw_lru_cache_* differential programs.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runPython } from './run.ts';

function run(program: string, python = '3.12'): [string, string, string] {
  const r = runPython(program, { python, filename: 'p.py' });
  return [r.outcome, r.stdout, r.stderr];
}

/** What CPython prints for the program below: an LRU cache kept by hand. */
function expected(maxsize: number | null, calls: readonly number[]): string {
  const out: string[] = [];
  let cache: number[] = [];
  let hits = 0;
  let misses = 0;
  for (const n of calls) {
    if (maxsize === 0) {
      misses++;
      out.push(`freed ${n}`);
    } else if (cache.includes(n)) {
      hits++;
      if (maxsize !== null) cache = [...cache.filter((x) => x !== n), n];
    } else {
      misses++;
      cache.push(n);
      if (maxsize !== null && cache.length > maxsize) out.push(`freed ${cache.shift()}`);
    }
  }
  const shown = maxsize === null ? 'None' : String(maxsize);
  out.push(`CacheInfo(hits=${hits}, misses=${misses}, maxsize=${shown}, currsize=${cache.length})`);
  // An unbounded cache's dict dies in insertion order; a bounded one's links oldest first.
  for (const n of cache) out.push(`freed ${n}`);
  out.push('end');
  return `${out.join('\n')}\n`;
}

describe('functools.lru_cache', () => {
  it('counts and evicts as a least-recently-used cache for any calls', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('3.8', '3.10', '3.12', '3.13'),
        fc.constantFrom(null, 0, 1, 2, 3),
        fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 12 }),
        (python, maxsize, calls) => {
          const program = [
            'import functools',
            'class R:',
            '    def __init__(self, n):',
            '        self.n = n',
            '    def __del__(self):',
            "        print('freed', self.n)",
            `@functools.lru_cache(maxsize=${maxsize === null ? 'None' : maxsize})`,
            'def make(n):',
            '    return R(n)',
            ...calls.map((n) => `make(${n})`),
            'print(make.cache_info())',
            'make.cache_clear()',
            "print('end')",
          ].join('\n');
          const [outcome, stdout, stderr] = run(`${program}\n`, python);
          expect(stderr).toBe('');
          expect(outcome).toBe('ok');
          expect(stdout).toBe(expected(maxsize, calls));
        },
      ),
      { numRuns: 40 },
    );
  });

  it('refuses what it does not model', () => {
    const refusal = (program: string, python = '3.12') =>
      run(`import functools\n${program}`, python)[2];
    const cached = '@functools.lru_cache(maxsize=None)\ndef f(x):\n    return x\n';
    expect(refusal(`${cached}i = f.cache_info()\n`)).toContain(
      'cache_info() other than as an argument of print() is not supported',
    );
    expect(refusal('@functools.lru_cache(typed=True)\ndef f(x):\n    return x\n')).toBe(
      'p.py:2:1: functools.lru_cache() with arguments other than maxsize is not supported by pymem run\n',
    );
    expect(refusal(`${cached}f(x=1)\n`)).toContain(
      'keyword arguments to an lru_cache wrapper is not supported',
    );
    expect(refusal(`${cached}args = (1,)\nf(*args)\n`)).toContain(
      'calling a _lru_cache_wrapper with * or ** is not supported',
    );
    expect(refusal(`${cached}f.__dict__['cache_parameters']()\n`)).toContain(
      'calling a function the library made is not supported',
    );
    expect(refusal('@functools.cache\ndef f(x):\n    return x\n', '3.8')).toContain(
      'functools.cache on 3.8',
    );
  });
});
