/**
 * list.sort's merge memory against CPython: for each list of
 * tests/scripts/sort_memory_probe.py (the same formulas here), the peak tracemalloc saw
 * while `a.sort()` / `a.sort(key=abs)` ran must be what list-sort.ts allocates — the
 * largest merge array (each frees the one before), plus with a key function the keys
 * array (128 items and up) and, on 3.9/3.10, the bound `a.sort` method CALL_FUNCTION_KW
 * calls (72 bytes). From the committed fixture (3.8.18 … 3.13.0, and Pyodide's 3.14.2 on
 * wasm32: 4-byte pointers), then live on every interpreter pyenv has (a missing one is
 * announced loudly; Pyodide's is checked from the fixture only). Recorded with
 * `python3 tests/scripts/sort_memory_probe.py` per version (3.14: the same script in
 * Pyodide).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { listsort } from './list-sort.ts';

const fixture = JSON.parse(
  readFileSync(join(import.meta.dirname, '__fixtures__', 'sort-memory.json'), 'utf8'),
) as Record<string, Record<string, number>>;
const PROBE = join(
  import.meta.dirname,
  '..',
  '..',
  '..',
  'tests',
  'scripts',
  'sort_memory_probe.py',
);
const VERSIONS: Record<string, string> = {
  '3.8': '3.8.18',
  '3.9': '3.9.18',
  '3.10': '3.10.13',
  '3.11': '3.11.7',
  '3.12': '3.12.1',
  '3.13': '3.13.0',
};

/** The probe's lists, by name, length and values. */
function lists(): [string, number, number[]][] {
  const out: [string, number, number[]][] = [];
  for (const n of [300, 513, 600, 1000, 2000, 5000]) {
    const at = (f: (i: number) => number) => Array.from({ length: n }, (_, i) => f(i));
    out.push(['lcg', n, at((i) => (i * 7919 + 13) % 1009)]);
    out.push(['saw', n, at((i) => i % 97)]);
    out.push(['desc', n, at((i) => Math.floor((n - i) / 3))]);
    out.push([
      'blocks',
      n,
      at((i) => Math.floor(i / 50) * (Math.floor(i / 50) % 2 ? -1 : 1) + (i % 50)),
    ]);
    let x = 12345n;
    out.push([
      'rand',
      n,
      at(() => {
        x = (x * 1103515245n + 12345n) % 2147483648n;
        return Number(x % 10000n);
      }),
    ]);
  }
  return out;
}

/** The peak list-sort.ts predicts over what was traced before the call. */
function modelPeaks(profile: string): Record<string, number> {
  const minor = Number(profile.split('.')[1]);
  const pointer = minor >= 14 ? 4 : 8;
  const peaks: Record<string, number> = {};
  for (const [name, n, values] of lists()) {
    for (const keyed of [false, true]) {
      const keys = keyed ? values.map(Math.abs) : values;
      const { arrays } = listsort(n, (a, b) => keys[a]! < keys[b]!, minor, keyed, pointer);
      const keysArray = keyed && n >= 128 ? n * pointer : 0;
      const bound = keyed && (minor === 9 || minor === 10) ? 72 : 0;
      peaks[`${name}/${n}/${keyed ? 'key' : 'plain'}`] = Math.max(0, ...arrays) + keysArray + bound;
    }
  }
  return peaks;
}

describe('list.sort merge memory', () => {
  for (const profile of [...Object.keys(VERSIONS), '3.14']) {
    it(`is what CPython ${VERSIONS[profile] ?? '3.14.2 (Pyodide)'} allocates (recorded)`, () => {
      expect(modelPeaks(profile)).toEqual(fixture[profile]);
    });
  }

  for (const [profile, version] of Object.entries(VERSIONS)) {
    it(`is what CPython ${version} allocates (live)`, () => {
      const prefix = spawnSync('pyenv', ['prefix', version], { encoding: 'utf8' });
      if (prefix.status !== 0) {
        process.stderr.write(
          `\n*** LIVE CHECK SKIPPED: no CPython ${version} from pyenv (list.sort merge memory); the fixture still ran.\n\n`,
        );
        return;
      }
      const run = spawnSync(join(prefix.stdout.trim(), 'bin', 'python3'), [PROBE], {
        encoding: 'utf8',
      });
      expect(run.status, run.stderr).toBe(0);
      expect(modelPeaks(profile)).toEqual(JSON.parse(run.stdout));
    }, 120_000);
  }

  it('gives the stable order of any items, on every version', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 40 }), { maxLength: 700 }),
        fc.constantFrom(8, 10, 11, 13, 14),
        (values, minor) => {
          const { order } = listsort(
            values.length,
            (a, b) => values[a]! < values[b]!,
            minor,
            false,
          );
          const expected = values.map((_, i) => i).sort((a, b) => values[a]! - values[b]!);
          expect(order).toEqual(expected);
        },
      ),
      { numRuns: 200 },
    );
  });
});
