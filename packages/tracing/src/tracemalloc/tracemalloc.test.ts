/**
 * The tracemalloc model against real CPython.
 *
 * __fixtures__/tracemalloc-truth.json was written by __fixtures__/record-truth.py under
 * CPython 3.12.1 (3.10, 3.11 and 3.13 give identical answers for the hand-built
 * inputs). It holds raw traces of real and hand-built snapshots and CPython's answers
 * for them; every answer is recomputed here from the raw traces and compared line by
 * line. Property tests (fixed seed) cover invariants on random snapshots.
 */

import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type BaseFilter,
  DomainFilter,
  Filter,
  Frame,
  fnmatch,
  formatSize,
  type KeyType,
  LiveTraces,
  type RawFrame,
  type RawTrace,
  Snapshot,
  Trace,
  Traceback,
  TracedMemory,
  TracemallocError,
} from './index.ts';

// ---------------------------------------------------------------------------------------
// The fixture's shape.

type Attempt<T> = { readonly ok: T } | { readonly error: readonly [string, string] };
type JsonFrame = [string, number];
type JsonTrace = [number, number, JsonFrame[], (number | null)?];

interface StatsEntry {
  readonly keyType: string;
  readonly cumulative: boolean;
  readonly error?: [string, string];
  readonly lines?: Attempt<string>[];
  readonly reprs?: Attempt<string>[];
  readonly keys?: JsonFrame[][];
  readonly values?: number[][];
}

interface FilterSpec {
  readonly type: 'Filter' | 'DomainFilter';
  readonly inclusive: boolean;
  readonly pattern?: string;
  readonly lineno?: number;
  readonly allFrames?: boolean;
  readonly domain?: number;
}

interface LiveStep {
  readonly op: [string, ...(number | null)[]];
  readonly unsupported?: boolean;
  readonly memoryUnits?: [number, number];
  readonly frames?: JsonFrame[];
  readonly totalNframe?: number;
  readonly traces?: JsonTrace[];
}

interface Truth {
  readonly python: string;
  readonly snapshots: Record<string, { tracebackLimit: number; traces: JsonTrace[] }>;
  readonly statistics: (StatsEntry & { snapshot: string })[];
  readonly compare: (StatsEntry & { new: string; old: string })[];
  readonly filters: {
    snapshot: string;
    filters: FilterSpec[];
    patterns: (string | null)[];
    kept?: number[];
    error?: [string, string];
  }[];
  /** One string per pattern, a character per name: '1' match, '0' no match, 'e' error. */
  readonly fnmatch: { names: string[]; patterns: string[]; results: string[] };
  readonly formatSize: [string, boolean, string][];
  readonly tracebacks: {
    frames: JsonFrame[];
    totalNframe: number | null;
    len: number;
    str: Attempt<string>;
    repr: string;
    format: [number | null, boolean, string[]][];
  }[];
  readonly objects: {
    frameOrder: [string, number, string, string][];
    tracebackOrder: JsonFrame[][];
    traces: [Attempt<string>, Attempt<string>][];
  };
  readonly errors: Record<string, Attempt<unknown>>;
  readonly live: { domain: number; unit: number; tracebackLimit: number; steps: LiveStep[] };
}

const truth = JSON.parse(
  readFileSync(new URL('./__fixtures__/tracemalloc-truth.json', import.meta.url), 'utf8'),
) as Truth;

// ---------------------------------------------------------------------------------------
// Helpers.

/** Runs `fn` like the recorder's `attempt()`: `{ ok }` or `{ error: [class, message] }`. */
function attempt<T>(fn: () => T): Attempt<T> {
  try {
    return { ok: fn() };
  } catch (error) {
    if (error instanceof TracemallocError) return { error: [error.code, error.message] };
    throw error;
  }
}

const snapshots = new Map<string, Snapshot>(
  Object.entries(truth.snapshots).map(([name, snap]) => [
    name,
    new Snapshot(snap.traces as RawTrace[], snap.tracebackLimit),
  ]),
);

function snapshot(name: string): Snapshot {
  const snap = snapshots.get(name);
  if (snap === undefined) throw new Error(`no snapshot ${name}`);
  return snap;
}

function makeFilter(spec: FilterSpec): BaseFilter {
  if (spec.type === 'DomainFilter') return new DomainFilter(spec.inclusive, spec.domain ?? 0);
  return new Filter(
    spec.inclusive,
    spec.pattern ?? '',
    spec.lineno ?? null,
    spec.allFrames ?? false,
    spec.domain ?? null,
  );
}

function parsePySize(text: string): number {
  if (text === 'inf') return Number.POSITIVE_INFINITY;
  if (text === '-inf') return Number.NEGATIVE_INFINITY;
  if (text === 'nan') return Number.NaN;
  return Number(text);
}

interface Keyed {
  readonly traceback: Traceback;
  toString(): string;
  repr(): string;
}

/** What the recorder stored for a list of statistics or diffs, recomputed. */
function describeStats(stats: readonly Keyed[], withRepr: boolean) {
  return {
    lines: stats.map((stat) => attempt(() => stat.toString())),
    keys: stats.map((stat) => stat.traceback.rawFrames.map(([f, l]) => [f, l])),
    ...(withRepr ? { reprs: stats.map((stat) => attempt(() => stat.repr())) } : {}),
  };
}

// ---------------------------------------------------------------------------------------

describe(`tracemalloc against CPython ${truth.python}`, () => {
  it('formats sizes like _format_size', () => {
    const actual = truth.formatSize.map(([size, sign]) => [
      size,
      sign,
      formatSize(parsePySize(size), sign),
    ]);
    expect(actual).toEqual(truth.formatSize);
  });

  it('matches file name patterns like fnmatch.fnmatch', () => {
    const { names, patterns, results } = truth.fnmatch;
    const actual = patterns.map((pattern) =>
      names.map((name) => (fnmatch(name, pattern) ? '1' : '0')).join(''),
    );
    expect(actual.map((row, p) => `${patterns[p]} ${row}`)).toEqual(
      results.map((row, p) => `${patterns[p]} ${row}`),
    );
  });

  it('builds frames and tracebacks like Frame and Traceback', () => {
    for (const entry of truth.tracebacks) {
      const traceback = new Traceback(entry.frames as RawFrame[], entry.totalNframe);
      expect(traceback.length).toBe(entry.len);
      expect(attempt(() => traceback.toString())).toEqual(entry.str);
      expect(traceback.repr()).toBe(entry.repr);
      for (const [limit, mostRecentFirst, lines] of entry.format) {
        expect(
          traceback.format(limit, mostRecentFirst),
          `format(${limit}, ${mostRecentFirst})`,
        ).toEqual(lines);
      }
    }
  });

  it('orders frames and tracebacks like Python tuples', () => {
    const raw = snapshot('hand1').traces.raw;
    const frameKeys = new Map<string, Frame>();
    const tracebackKeys = new Map<string, Traceback>();
    for (const [, , frames] of raw) {
      for (const frame of frames) frameKeys.set(JSON.stringify(frame), new Frame(frame));
      const traceback = new Traceback(frames);
      tracebackKeys.set(traceback.key, traceback);
    }
    const frames = [...frameKeys.values()].sort((a, b) => a.compareTo(b));
    expect(frames.map((f) => [f.filename, f.lineno, f.toString(), f.repr()])).toEqual(
      truth.objects.frameOrder,
    );
    const tracebacks = [...tracebackKeys.values()].sort((a, b) => a.compareTo(b));
    expect(tracebacks.map((tb) => tb.rawFrames.map(([f, l]) => [f, l]))).toEqual(
      truth.objects.tracebackOrder,
    );
    const traces = raw.map((t) => {
      const trace = new Trace(t);
      return [attempt(() => trace.toString()), attempt(() => trace.repr())];
    });
    expect(traces).toEqual(truth.objects.traces);
  });

  it('computes statistics(key_type, cumulative) line for line', () => {
    for (const entry of truth.statistics) {
      const label = `${entry.snapshot} ${entry.keyType} cumulative=${entry.cumulative}`;
      const result = attempt(() =>
        snapshot(entry.snapshot).statistics(entry.keyType as KeyType, entry.cumulative),
      );
      if (entry.error !== undefined) {
        expect(result, label).toEqual({ error: entry.error });
        continue;
      }
      if (!('ok' in result)) throw new Error(`${label}: ${JSON.stringify(result)}`);
      const stats = result.ok;
      expect(describeStats(stats, entry.reprs !== undefined), label).toEqual({
        lines: entry.lines,
        keys: entry.keys,
        ...(entry.reprs !== undefined ? { reprs: entry.reprs } : {}),
      });
      expect(
        stats.map((s) => [s.size, s.count]),
        label,
      ).toEqual(entry.values);
    }
  });

  it('computes compare_to(old, key_type, cumulative) line for line', () => {
    for (const entry of truth.compare) {
      const label = `${entry.new} vs ${entry.old} ${entry.keyType} cumulative=${entry.cumulative}`;
      const result = attempt(() =>
        snapshot(entry.new).compareTo(
          snapshot(entry.old),
          entry.keyType as KeyType,
          entry.cumulative,
        ),
      );
      if (entry.error !== undefined) {
        expect(result, label).toEqual({ error: entry.error });
        continue;
      }
      if (!('ok' in result)) throw new Error(`${label}: ${JSON.stringify(result)}`);
      const diffs = result.ok;
      expect(describeStats(diffs, entry.reprs !== undefined), label).toEqual({
        lines: entry.lines,
        keys: entry.keys,
        ...(entry.reprs !== undefined ? { reprs: entry.reprs } : {}),
      });
      expect(
        diffs.map((d) => [d.size, d.sizeDiff, d.count, d.countDiff]),
        label,
      ).toEqual(entry.values);
    }
  });

  it('filters traces like filter_traces(filters)', () => {
    for (const entry of truth.filters) {
      const label = `${entry.snapshot} ${JSON.stringify(entry.filters)}`;
      const source = snapshot(entry.snapshot);
      const filters = entry.filters.map(makeFilter);
      expect(
        filters.map((f) => (f instanceof Filter ? f.filenamePattern : null)),
        label,
      ).toEqual(entry.patterns);
      const result = attempt(() => source.filterTraces(filters));
      if (entry.error !== undefined) {
        expect(result, label).toEqual({ error: entry.error });
        continue;
      }
      if (!('ok' in result)) throw new Error(`${label}: ${JSON.stringify(result)}`);
      const kept = result.ok.traces.raw.map((trace) => source.traces.raw.indexOf(trace));
      expect(kept, label).toEqual(entry.kept);
      expect(result.ok.tracebackLimit).toBe(source.tracebackLimit);
    }
  });

  it('raises CPython’s errors with CPython’s messages', () => {
    const hand = snapshot('hand1');
    const e = truth.errors;
    const stats = (key: unknown) => () => hand.statistics(key as KeyType);
    expect(attempt(stats(null))).toEqual(e['statistics(None)']);
    expect(attempt(stats(3))).toEqual(e['statistics(3)']);
    expect(attempt(stats('Lineno'))).toEqual(e["statistics('Lineno')"]);
    expect(attempt(stats("it's"))).toEqual(e['statistics("it\'s")']);
    const filterWith = (value: unknown) => () => hand.filterTraces(value as Iterable<BaseFilter>);
    expect(attempt(filterWith(null))).toEqual(e['filter_traces(None)']);
    expect(attempt(filterWith(3))).toEqual(e['filter_traces(3)']);
    expect(attempt(() => new LiveTraces({ maxNframe: 0 }))).toEqual(e['start(0)']);
    expect(attempt(() => new LiveTraces({ maxNframe: 65536 }))).toEqual(e['start(65536)']);
    expect(attempt(() => new Traceback([]).toString())).toEqual(e['Traceback(()).__str__']);
    expect(attempt(() => new Traceback([['/src/a.py', 1]]).get(5))).toEqual(e['Traceback[5]']);
    // CPython: AttributeError, an accident of Snapshot(tuple) (a tuple has no .copy());
    // the model always holds an array and copies it.
    expect(e['Snapshot(tuple).filter_traces([])']).toEqual({
      error: ['AttributeError', "'tuple' object has no attribute 'copy'"],
    });
    expect(hand.filterTraces([]).traces.length).toBe(hand.traces.length);
  });

  it('replays alloc/realloc/free like tracemalloc’s hooks (PyTraceMalloc_Track in CPython)', () => {
    const { unit, domain, tracebackLimit, steps } = truth.live;
    const live = new LiveTraces({ maxNframe: tracebackLimit });
    steps.forEach((step, index) => {
      const label = `step ${index}: ${JSON.stringify(step.op)}`;
      const [kind, a, b, c] = step.op;
      const frames = (step.frames ?? []) as RawFrame[];
      if (kind === 'alloc') live.alloc(a!, b! * unit, frames, step.totalNframe);
      else if (kind === 'realloc') live.realloc(a ?? null, b!, c! * unit, frames, step.totalNframe);
      else if (kind === 'free') live.free(a!);
      else if (kind === 'reset_peak') live.resetPeak();
      else if (kind === 'clear_traces') live.clearTraces();
      else throw new Error(label);
      if (step.unsupported) return;
      const [current, peak] = live.getTracedMemory();
      // CPython's counters include Python's own allocations (far below one unit).
      expect([Math.floor(current / unit), Math.floor(peak / unit)], label).toEqual(
        step.memoryUnits,
      );
      expect(current % unit).toBe(0);
      const sortKey = (t: unknown) => JSON.stringify(t);
      const ours = live
        .takeSnapshot(tracebackLimit)
        .traces.raw.map(([, size, tb, total]) => [domain, size, tb, total])
        .sort((x, y) => sortKey(x).localeCompare(sortKey(y)));
      const theirs = [...(step.traces ?? [])].sort((x, y) => sortKey(x).localeCompare(sortKey(y)));
      expect(ours, label).toEqual(theirs);
    });
  });

  it('gives the real snapshots’ totals', () => {
    for (const name of ['real1', 'real2']) {
      const snap = snapshot(name);
      const total = snap.traces.raw.reduce((sum, [, size]) => sum + size, 0);
      for (const key of ['filename', 'lineno', 'traceback'] as const) {
        const stats = snap.statistics(key);
        expect(stats.reduce((sum, s) => sum + s.size, 0)).toBe(total);
        expect(stats.reduce((sum, s) => sum + s.count, 0)).toBe(snap.traces.length);
      }
    }
  });
});

describe('TracedMemory and LiveTraces', () => {
  it('updates the peak only after additions', () => {
    const memory = new TracedMemory();
    memory.add(100);
    memory.add(50);
    memory.remove(120);
    expect(memory.getTracedMemory()).toEqual([30, 150]);
    memory.resetPeak();
    expect(memory.getTracedMemory()).toEqual([30, 30]);
    memory.add(5);
    expect(memory.getTracedMemory()).toEqual([35, 35]);
    memory.clearTraces();
    expect(memory.getTracedMemory()).toEqual([0, 0]);
    expect(() => memory.remove(1)).toThrow(TracemallocError);
    expect(() => memory.add(-1)).toThrow(RangeError);
  });

  it('peaks at old - n + m on a moved realloc, not old + m', () => {
    const live = new LiveTraces();
    live.alloc(0x10, 100, [['a.py', 1]]);
    live.realloc(0x10, 0x20, 150, [['a.py', 2]]);
    expect(live.getTracedMemory()).toEqual([150, 150]);
    expect(live.getTraceback(0x10)).toBeNull();
    expect(live.getTraceback(0x20)?.toString()).toBe('a.py:2');
  });

  it('replaces the traceback on an in-place realloc and keeps the table order', () => {
    const live = new LiveTraces();
    live.alloc(1, 10, [['a.py', 1]]);
    live.alloc(2, 20, [['b.py', 1]]);
    live.realloc(
      1,
      1,
      30,
      [
        ['c.py', 7],
        ['a.py', 3],
      ],
      9,
    );
    expect(live.takeSnapshot(2).traces.raw).toEqual([
      [
        0,
        30,
        [
          ['c.py', 7],
          ['a.py', 3],
        ],
        9,
      ],
      [0, 20, [['b.py', 1]], 1],
    ]);
    expect(live.getTracedMemory()).toEqual([50, 50]);
  });

  it('truncates frames to maxNframe, caps total_nframe and uses <unknown> for no frame', () => {
    const live = new LiveTraces({ maxNframe: 2 });
    live.alloc(1, 8, [
      ['x.py', 3],
      ['y.py', 2],
      ['z.py', 1],
    ]);
    live.alloc(2, 8, []);
    live.alloc(3, 8, [['x.py', 3]], 100_000);
    expect(live.takeSnapshot().traces.raw).toEqual([
      [
        0,
        8,
        [
          ['x.py', 3],
          ['y.py', 2],
        ],
        3,
      ],
      [0, 8, [['<unknown>', 0]], 1],
      [0, 8, [['x.py', 3]], 65535],
    ]);
    expect(live.free(99)).toBe(false);
    expect(live.free(1)).toBe(true);
    expect(live.size).toBe(2);
  });

  it('formats with a linecache stand-in', () => {
    const tb = new Traceback([
      ['b.py', 2],
      ['a.py', 1],
    ]);
    const lines = tb.format(null, false, (file, line) =>
      file === 'a.py' ? `\t x = ${line}  \n` : '',
    );
    expect(lines).toEqual(['  File "a.py", line 1', '    x = 1', '  File "b.py", line 2']);
  });
});

// ---------------------------------------------------------------------------------------
// Properties on random snapshots.

const FILES = ['a.py', 'b.py', '/lib/c.pyc', '<unknown>', '\u{1F600}.py', '\uFF21.py'];

const rawFrame: fc.Arbitrary<RawFrame> = fc.tuple(
  fc.constantFrom(...FILES),
  fc.integer({ min: 0, max: 12 }),
);

const rawTrace: fc.Arbitrary<RawTrace> = fc
  .tuple(
    fc.constantFrom(0, 0, 0, 1, 7),
    fc.nat({ max: 5_000_000 }),
    fc.array(rawFrame, { minLength: 1, maxLength: 6 }),
  )
  .map(([domain, size, frames]) => [domain, size, frames, frames.length + 1] as const);

const snapshotArb: fc.Arbitrary<Snapshot> = fc
  .array(rawTrace, { maxLength: 40 })
  .map((traces) => new Snapshot(traces, 6));

const keyCase = fc.constantFrom<[KeyType, boolean]>(
  ['filename', false],
  ['filename', true],
  ['lineno', false],
  ['lineno', true],
  ['traceback', false],
);

const PROPERTY_OPTIONS = { seed: 20_240_601, numRuns: 300 } as const;

describe('tracemalloc properties', () => {
  it('snapshot.compareTo(snapshot) has every difference zero', () => {
    fc.assert(
      fc.property(snapshotArb, keyCase, (snap, [key, cumulative]) => {
        const diffs = snap.compareTo(snap, key, cumulative);
        const stats = snap.statistics(key, cumulative);
        expect(diffs.every((d) => d.sizeDiff === 0 && d.countDiff === 0)).toBe(true);
        expect(diffs.map((d) => [d.traceback.key, d.size, d.count])).toEqual(
          stats.map((s) => [s.traceback.key, s.size, s.count]),
        );
        for (const d of diffs) expect(d.toString()).toContain('(+0 B), count=');
      }),
      PROPERTY_OPTIONS,
    );
  });

  it('non-cumulative statistics add up to the traced total', () => {
    fc.assert(
      fc.property(
        snapshotArb,
        fc.constantFrom<KeyType>('filename', 'lineno', 'traceback'),
        (snap, key) => {
          const total = snap.traces.raw.reduce((sum, [, size]) => sum + size, 0);
          const stats = snap.statistics(key);
          expect(stats.reduce((sum, s) => sum + s.size, 0)).toBe(total);
          expect(stats.reduce((sum, s) => sum + s.count, 0)).toBe(snap.traces.length);
          expect(new Set(stats.map((s) => s.traceback.key)).size).toBe(stats.length);
        },
      ),
      PROPERTY_OPTIONS,
    );
  });

  it('cumulative statistics count every frame of every traceback', () => {
    fc.assert(
      fc.property(snapshotArb, (snap) => {
        const frames = snap.traces.raw.reduce((sum, [, , tb]) => sum + tb.length, 0);
        const stats = snap.statistics('lineno', true);
        expect(stats.reduce((sum, s) => sum + s.count, 0)).toBe(frames);
      }),
      PROPERTY_OPTIONS,
    );
  });

  it('filterTraces([]) keeps everything, in order, in a new snapshot', () => {
    fc.assert(
      fc.property(snapshotArb, (snap) => {
        const copy = snap.filterTraces([]);
        expect(copy).not.toBe(snap);
        expect(copy.traces.raw).not.toBe(snap.traces.raw);
        expect(copy.traces.equals(snap.traces)).toBe(true);
        expect(copy.tracebackLimit).toBe(snap.tracebackLimit);
      }),
      PROPERTY_OPTIONS,
    );
  });

  it('an inclusive filter and its exclusive twin split the traces', () => {
    fc.assert(
      fc.property(
        snapshotArb,
        fc.constantFrom('*', 'a.py', '*.py', '?.py', '[ab].py', '<*>', '/lib/*'),
        fc.option(fc.integer({ min: 0, max: 12 }), { nil: null }),
        fc.boolean(),
        (snap, pattern, lineno, allFrames) => {
          const kept = snap.filterTraces([new Filter(true, pattern, lineno, allFrames)]);
          const dropped = snap.filterTraces([new Filter(false, pattern, lineno, allFrames)]);
          expect(kept.traces.length + dropped.traces.length).toBe(snap.traces.length);
        },
      ),
      PROPERTY_OPTIONS,
    );
  });

  it('fnmatch agrees with a regular expression for *, ? and literals', () => {
    const toRegExp = (pattern: string) =>
      new RegExp(
        `^${Array.from(pattern, (ch) => (ch === '*' ? '.*' : ch === '?' ? '.' : ch)).join('')}$`,
        'su',
      );
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('a', 'b', '*', '?'), maxLength: 8 }),
        fc.string({ unit: fc.constantFrom('a', 'b', '\n', '\u{1F600}'), maxLength: 8 }),
        (pattern, name) => {
          expect(fnmatch(name, pattern)).toBe(toRegExp(pattern).test(name));
        },
      ),
      PROPERTY_OPTIONS,
    );
  });
});
