/**
 * The line events of `pymem run --steps` against real CPython: every program of
 * tests/programs/run and tests/programs/run-errors runs on the model for 3.8 … 3.14
 * with a line listener, and the lines it reports must be those `sys.settrace` reports
 * for the same program (tests/scripts/line_trace.py) — first against the committed
 * fixture (scripts/record-line-trace-fixture.ts), then live on every interpreter found
 * here (a missing one is announced loudly). 3.14 is Pyodide's CPython 3.14.2 (wasm32):
 * the model runs on its layout (4-byte pointers).
 *
 * Where the model does not vouch for the events (line-events.ts: `pass`/`continue` on
 * 3.8/3.9, statements over several lines, …) it must refuse (exit 2) with a refusal
 * naming the line events; a program the model refuses without `--steps` is not
 * compared (what it would report is not the point of this test).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { liveInterpreterFor } from '@pymem/cpython';
import { Heap } from '@pymem/objects';
import { runPython } from '@pymem/python';
import type { ProfileName } from '@pymem/versions';
import { describe, expect, it } from 'vitest';
import { startPyodide } from './scripts/pyodide-run.ts';
import {
  linesDigest,
  lineTraceWithCPython,
  lineTraceWithPyodide,
  type RecordedLines,
  readLineTraceFixture,
} from './scripts/record-line-trace-fixture.ts';
import {
  PYODIDE_PROFILE,
  RUN_DIFFERENTIAL_PROFILES,
  runPrograms,
} from './scripts/record-run-fixtures.ts';

/** A live run of every program on one interpreter: a minute or two, several on a loaded 2-core machine. */
const LIVE_TIMEOUT_MS = 600_000;

const programs = runPrograms();
/** CPython 3.8 … 3.13, and Pyodide's 3.14. */
const PROFILES: readonly string[] = [...RUN_DIFFERENTIAL_PROFILES, PYODIDE_PROFILE];
const fixture = readLineTraceFixture();

/** Programs compared at least, per profile (the rest are refused by the model, with or without --steps). */
const MIN_COMPARED: Record<string, number> = {
  '3.8': 140,
  '3.9': 140,
  '3.10': 140,
  '3.11': 140,
  '3.12': 140,
  '3.13': 140,
  '3.14': 120,
};

/** The model's line events for a program, or why there are none to compare. */
function modelLines(
  dir: string,
  file: string,
  profile: string,
): { lines: number[] } | { skipped: string } {
  const text = readFileSync(join(dir, file), 'utf8');
  const lines: number[] = [];
  const layout = () =>
    profile === PYODIDE_PROFILE ? { heap: new Heap({ profile: '3.14', pointerSize: 4 }) } : {};
  // Pyodide runs CPython 3.14.2: the patch picks its (incremental) collector.
  const python = profile === PYODIDE_PROFILE ? '3.14.2' : profile;
  const traced = runPython(text, {
    python,
    filename: file,
    onLine: (n) => lines.push(n),
    warnings: false,
    ...layout(),
  });
  if (traced.outcome !== 'unsupported') return { lines };
  const plain = runPython(text, { python, filename: file, warnings: false, ...layout() });
  if (plain.outcome === 'unsupported') return { skipped: 'refused without --steps too' };
  // Refused only with --steps: the refusal must name the line events.
  expect(traced.stderr, `${file} on ${profile}`).toMatch(
    /^[^:]+:\d+:\d+: the line events \(--steps\) of .+ is not supported by pymem run\n$/,
  );
  return { skipped: 'refused with --steps' };
}

/** The problem with the model's lines against a recorded entry, or null. */
function against(model: readonly number[], truth: RecordedLines): string | null {
  if (truth.lines !== undefined)
    return JSON.stringify(model) === JSON.stringify(truth.lines)
      ? null
      : `model ${model.join(' ')}\n   CPython ${truth.lines.join(' ')}`;
  return model.length === truth.count && linesDigest(model) === truth.sha256
    ? null
    : `model ${model.length} lines (${model.slice(0, 40).join(' ')} …), CPython ${truth.count}`;
}

describe('pymem run --steps, recorded', () => {
  it('has every program recorded on 3.8 … 3.14', () => {
    for (const { key } of programs) {
      const versions = (fixture[key] ?? []).flatMap((e) => e.versions).map((v) => v.slice(0, 4));
      expect(versions.map((v) => v.replace(/\.$/, '')).sort(), key).toEqual([...PROFILES].sort());
    }
  });

  for (const profile of PROFILES) {
    it(`reports the lines sys.settrace reports on CPython ${profile}, for every program`, () => {
      const problems: string[] = [];
      let compared = 0;
      for (const { key, dir, file } of programs) {
        const truth = fixture[key]?.find((e) =>
          e.versions.some((v) => v.startsWith(`${profile}.`)),
        );
        if (truth === undefined) continue;
        const model = modelLines(dir, file, profile);
        if ('skipped' in model) continue;
        compared++;
        const problem = against(model.lines, truth);
        if (problem !== null) problems.push(`${key}: ${problem}`);
      }
      expect(problems).toEqual([]);
      expect(compared).toBeGreaterThanOrEqual(MIN_COMPARED[profile]!);
    });
  }
});

describe('pymem run --steps, live', () => {
  for (const profile of RUN_DIFFERENTIAL_PROFILES) {
    const interpreter = liveInterpreterFor(profile as ProfileName, 'pymem run --steps');
    it.skipIf(interpreter === null)(
      `reports the lines sys.settrace reports on the CPython ${profile} here`,
      async () => {
        const problems: string[] = [];
        const truths = await Promise.all(
          programs.map(({ dir, file }) => lineTraceWithCPython(interpreter!, dir, file)),
        );
        programs.forEach(({ key, dir, file }, i) => {
          const model = modelLines(dir, file, profile);
          if ('skipped' in model) return;
          const truth = truths[i]!;
          if (JSON.stringify(model.lines) !== JSON.stringify(truth))
            problems.push(`${key}: model ${model.lines.join(' ')}\n   CPython ${truth.join(' ')}`);
        });
        expect(problems).toEqual([]);
      },
      LIVE_TIMEOUT_MS,
    );
  }
});

describe('pymem run --steps, live on Pyodide (CPython 3.14, wasm32)', () => {
  it(
    'reports the lines sys.settrace reports in Pyodide',
    async () => {
      const pyodide = await startPyodide();
      if (pyodide === null) return;
      const problems: string[] = [];
      for (const { key, dir, file } of programs) {
        const model = modelLines(dir, file, PYODIDE_PROFILE);
        if ('skipped' in model) continue;
        const truth = lineTraceWithPyodide(pyodide, dir, file);
        if (JSON.stringify(model.lines) !== JSON.stringify(truth))
          problems.push(`${key}: model ${model.lines.join(' ')}\n   Pyodide ${truth.join(' ')}`);
      }
      expect(problems).toEqual([]);
    },
    LIVE_TIMEOUT_MS,
  );
});
