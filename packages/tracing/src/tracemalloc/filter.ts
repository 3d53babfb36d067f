/**
 * Trace filters for `Snapshot.filterTraces()`.
 *
 * Models `tracemalloc.BaseFilter`, `tracemalloc.Filter` and `tracemalloc.DomainFilter` of
 * Lib/tracemalloc.py (CPython 3.9 to 3.13; 3.8 behaves the same on 3-tuple traces):
 *
 *   - File names and the pattern are normalised: `os.path.normcase` (the identity on
 *     POSIX, which is what is modelled) and a trailing `.pyc` becomes `.py`. The
 *     normalised pattern is what `filenamePattern` returns.
 *   - The pattern is matched with `fnmatch` (see fnmatch.ts): case-sensitive, `*`
 *     crosses `/`, whole-name match.
 *   - Without `allFrames` only the MOST RECENT frame (the allocation site) is tested.
 *     An empty traceback then raises `IndexError` (CPython indexes frame 0).
 *   - With `allFrames`, the trace matches when ANY frame matches (file and, if given,
 *     line); an empty traceback matches no frame.
 *   - `lineno` null means any line. `domain` null means any domain; otherwise an
 *     inclusive filter also requires `domain ==`, and an exclusive filter keeps traces
 *     of other domains whatever their frames (`res or domain != self.domain`).
 *   - `matches(trace)` (CPython's `_match`) answers "does the snapshot keep this trace
 *     as far as this filter is concerned": for an exclusive filter, true means the
 *     trace is NOT excluded.
 */

import { tupleIndexError } from './errors.ts';
import { fnmatch } from './fnmatch.ts';
import type { RawTrace } from './trace.ts';

/**
 * `_normalize_filename(filename)`: `os.path.normcase` (identity on POSIX), then a
 * trailing `.pyc` loses its `c`.
 */
export function normalizeFilename(filename: string): string {
  return filename.endsWith('.pyc') ? filename.slice(0, -1) : filename;
}

/** `tracemalloc.BaseFilter`: something `Snapshot.filterTraces()` accepts. */
export abstract class BaseFilter {
  /** Include matching traces (true) or exclude them (false). */
  inclusive: boolean;

  /** @param inclusive Include (true) or exclude (false) the matching traces. */
  constructor(inclusive: boolean) {
    this.inclusive = inclusive;
  }

  /**
   * CPython's `_match(trace)`: true when, by this filter alone, the trace is kept
   * (for an exclusive filter: is not excluded).
   *
   * @throws TracemallocError `IndexError` for an empty traceback where CPython raises.
   */
  abstract matches(trace: RawTrace): boolean;
}

/**
 * `tracemalloc.Filter(inclusive, filename_pattern, lineno=None, all_frames=False,
 * domain=None)`: filters traces on file name pattern, line number and domain.
 */
export class Filter extends BaseFilter {
  readonly #filenamePattern: string;
  /** Line number to match, or `null` for any line. */
  lineno: number | null;
  /** Test every frame of the traceback instead of only the most recent one. */
  allFrames: boolean;
  /** Address space to match (3.6+), or `null` for any domain. */
  domain: number | null;

  /**
   * @param inclusive Include (true) or exclude (false) matching traces.
   * @param filenamePattern An fnmatch pattern; a trailing `.pyc` is stored as `.py`.
   * @param lineno A line number, or `null` for any line.
   * @param allFrames Match if any frame matches, instead of the most recent frame only.
   * @param domain A domain number, or `null` for any domain.
   */
  constructor(
    inclusive: boolean,
    filenamePattern: string,
    lineno: number | null = null,
    allFrames = false,
    domain: number | null = null,
  ) {
    super(inclusive);
    this.#filenamePattern = normalizeFilename(filenamePattern);
    this.lineno = lineno;
    this.allFrames = allFrames;
    this.domain = domain;
  }

  /** The normalised pattern (read-only, as in CPython): `'*.pyc'` reads back as `'*.py'`. */
  get filenamePattern(): string {
    return this.#filenamePattern;
  }

  /** Whether one frame matches the pattern and line, ignoring `inclusive`. */
  #frameMatches(filename: string, lineno: number): boolean {
    if (!fnmatch(normalizeFilename(filename), this.#filenamePattern)) return false;
    return this.lineno === null || lineno === this.lineno;
  }

  #tracebackMatches(frames: RawTrace[2]): boolean {
    if (this.allFrames) {
      const any = frames.some(([filename, lineno]) => this.#frameMatches(filename, lineno));
      return any ? this.inclusive : !this.inclusive;
    }
    const recent = frames[0];
    if (recent === undefined) throw tupleIndexError();
    return this.#frameMatches(recent[0], recent[1]) !== !this.inclusive;
  }

  /** @inheritdoc */
  matches(trace: RawTrace): boolean {
    const result = this.#tracebackMatches(trace[2]);
    if (this.domain === null) return result;
    return this.inclusive ? result && trace[0] === this.domain : result || trace[0] !== this.domain;
  }
}

/** `tracemalloc.DomainFilter(inclusive, domain)` (3.6+): filters traces on their domain. */
export class DomainFilter extends BaseFilter {
  readonly #domain: number;

  /**
   * @param inclusive Keep only this domain (true) or drop it (false).
   * @param domain The domain number.
   */
  constructor(inclusive: boolean, domain: number) {
    super(inclusive);
    this.#domain = domain;
  }

  /** The domain (read-only, as in CPython). */
  get domain(): number {
    return this.#domain;
  }

  /** @inheritdoc */
  matches(trace: RawTrace): boolean {
    return (trace[0] === this.#domain) !== !this.inclusive;
  }
}
