/**
 * Free-list capacities and the struct sizes CPython prints for them: a probe
 * (scripts/freelists_probe.py) overfills the float, list, dict, dict-keys and tuple
 * free lists and reads `sys._debugmallocstats`' "N free PyXObjects * B bytes each"
 * lines; the model does the same and must hold as many objects on each list, of the
 * same sizes, with the same tuple lengths cached. From the committed fixture
 * (3.8.18 … 3.13.0, Pyodide 3.14.2 on wasm32), then live.
 */
import { readFileSync } from 'node:fs';
import { liveInterpreterFor, runProbe } from '@pymem/cpython';
import { Heap, type ObjectHandle } from '@pymem/objects';
import { type ProfileName, parseVersion, RECORDED_PROFILE_NAMES } from '@pymem/versions';
import { describe, expect, it } from 'vitest';
import {
  FREELISTS_FIXTURE,
  FREELISTS_PROBE,
  type FreeListStats,
  probeFreeListsInPyodide,
} from './scripts/record-objects-fixtures.ts';

/** One parsed stats line: `80 free PyDictObjects * 48 bytes each`. */
interface FreeLine {
  readonly kind: string;
  readonly count: number;
  readonly bytesEach: number;
}

const MODELLED = ['PyDictObjects', 'PyDictKeysObjects', 'PyFloatObjects', 'PyListObjects'];

function parse(lines: readonly string[]): FreeLine[] {
  return lines.flatMap((line) => {
    const match = /^\s*(\d+) free (?:(\d+)-sized )?(\w+) \* (\d+) bytes each/.exec(line);
    if (!match) return [];
    const kind = match[2] ? `${match[3]}[${match[2]}]` : match[3]!;
    if (!match[2] && !MODELLED.includes(kind)) return []; // frames, methods … (not modelled)
    return [{ kind, count: Number(match[1]), bytesEach: Number(match[4]) }];
  });
}

/** The model's lines after the probe's fill(), for the kinds CPython printed. */
function modelLines(
  profile: ProfileName,
  pointerSize: 4 | 8,
  printed: readonly FreeLine[],
): FreeLine[] {
  const heap = new Heap({ profile, pointerSize });
  const keep: ObjectHandle[] = [];
  for (let i = 0; i < 300; i++) keep.push(heap.newFloat(i + 0.5));
  for (let i = 0; i < 300; i++) {
    const item = heap.newInt(i);
    keep.push(heap.newList([item]));
    heap.decref(item);
  }
  for (let i = 0; i < 300; i++) {
    const d = heap.newDictPresized(1, true);
    const k = heap.newStr(`k${i}`);
    const v = heap.newInt(i);
    heap.dictSetItem(d, k, v);
    heap.decref(k);
    heap.decref(v);
    keep.push(d);
  }
  for (let n = 1; n <= 20; n++) {
    const items = Array.from({ length: n }, (_, i) => heap.newInt(i));
    for (let copy = 0; copy < 2100; copy++) keep.push(heap.newTuple(items));
    for (const item of items) heap.decref(item);
  }
  for (const o of keep) heap.decref(o);
  const counts = heap.freeListCounts();
  const L = heap.layout;
  const lines: FreeLine[] = [
    { kind: 'PyDictObjects', count: counts.dict, bytesEach: L.dictBasic },
    { kind: 'PyDictKeysObjects', count: counts.dictKeys, bytesEach: L.dictKeysHeader },
    { kind: 'PyFloatObjects', count: counts.float, bytesEach: L.floatSize },
    { kind: 'PyListObjects', count: counts.list, bytesEach: L.listBasic },
  ].filter((line) => printed.some((p) => p.kind === line.kind));
  counts.tuple.forEach((count, length) => {
    if (length > 0) {
      lines.push({
        kind: `PyTupleObjects[${length}]`,
        count,
        bytesEach: L.tupleBasic + L.pointerSize * length,
      });
    }
  });
  return lines;
}

function check(version: string, stats: FreeListStats): void {
  const printed = parse(stats.lines);
  expect(printed.length).toBeGreaterThanOrEqual(22);
  const byKind = (lines: FreeLine[]) => [...lines].sort((a, b) => a.kind.localeCompare(b.kind));
  expect(byKind(modelLines(parseVersion(version).name, stats.pointer, printed))).toEqual(
    byKind(printed),
  );
}

describe('free lists, recorded', () => {
  const fixture = JSON.parse(readFileSync(FREELISTS_FIXTURE, 'utf8')) as Record<
    string,
    FreeListStats
  >;
  it('holds 3.8 … 3.13 and Pyodide 3.14', () => {
    expect(Object.keys(fixture).sort()).toEqual([
      '3.10.13',
      '3.11.7',
      '3.12.1',
      '3.13.0',
      '3.14.2',
      '3.8.18',
      '3.9.18',
    ]);
  });
  for (const [version, stats] of Object.entries(fixture)) {
    it(`holds what CPython ${version} holds, of the same sizes`, () => check(version, stats));
  }
});

describe('free lists, live', () => {
  for (const profile of RECORDED_PROFILE_NAMES) {
    const interpreter = liveInterpreterFor(profile, 'free lists');
    it.skipIf(!interpreter)(`holds what a fresh CPython ${profile} run holds`, () => {
      const { lines } = runProbe<{ lines: string[] }>(interpreter!.path, FREELISTS_PROBE);
      check(interpreter!.version, { pointer: 8, lines });
    });
  }

  it('holds what Pyodide (CPython 3.14, wasm32) holds', async (context) => {
    const stats = await probeFreeListsInPyodide();
    if (stats === null) return context.skip();
    check('3.14', stats);
  });
});
