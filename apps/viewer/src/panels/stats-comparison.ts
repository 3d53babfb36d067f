/**
 * The model's `_debugmallocstats` text against CPython's, captured at a mark: equal,
 * or the first line where they differ.
 */

/** How the model's statistics compare with CPython's. */
export interface StatsComparison {
  readonly matches: boolean;
  /** 1-based line of the first difference, or 0 when they match. */
  readonly line: number;
  /** CPython's line there ('' past the end). */
  readonly expected: string;
  /** The model's line there ('' past the end). */
  readonly actual: string;
}

/** Compares the model's text with CPython's, line by line. */
export function compareStats(cpython: string, model: string): StatsComparison {
  if (cpython === model) return { matches: true, line: 0, expected: '', actual: '' };
  const expected = cpython.split('\n');
  const actual = model.split('\n');
  for (let k = 0; k < Math.max(expected.length, actual.length); k++) {
    if (expected[k] !== actual[k]) {
      return { matches: false, line: k + 1, expected: expected[k] ?? '', actual: actual[k] ?? '' };
    }
  }
  return { matches: false, line: 1, expected: '', actual: '' };
}
