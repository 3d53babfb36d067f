/**
 * The trashcan against CPython: dropping a 12,000-deep nested list
 * (tests/programs/deep_list.py) frees its levels in an order set by when the trashcan
 * defers and drains — 50 levels at a time on 3.8–3.12, at the C recursion budget on
 * 3.13. The model must free the item arrays in exactly that order: from the
 * committed fixture (scripts/record-objects-fixtures.ts), then from a fresh
 * recording on every interpreter found here.
 */
import { readFileSync } from 'node:fs';
import { liveInterpreterFor } from '@pymem/cpython';
import { Heap, validateHeap } from '@pymem/objects';
import { parseVersion, RECORDED_PROFILE_NAMES } from '@pymem/versions';
import { describe, expect, it } from 'vitest';
import {
  DEEP_LIST_DEPTH,
  DEEP_LIST_PROGRAM,
  modelFreeOrder,
  recordedFreeOrder,
} from './scripts/object-requests.ts';
import { recordObjectRequests, TRASHCAN_FIXTURE } from './scripts/record-objects-fixtures.ts';

const total = (runs: number[][]): number => runs.reduce((sum, [, count]) => sum + count!, 0);

describe('trashcan order, recorded', () => {
  const fixture = JSON.parse(readFileSync(TRASHCAN_FIXTURE, 'utf8')) as Record<string, number[][]>;
  it('holds 3.8 … 3.13', () => {
    expect(Object.keys(fixture).sort()).toEqual([
      '3.10.13',
      '3.11.7',
      '3.12.1',
      '3.13.0',
      '3.8.18',
      '3.9.18',
    ]);
  });
  for (const [release, order] of Object.entries(fixture)) {
    it(`frees a ${DEEP_LIST_DEPTH}-deep list in CPython ${release}'s order`, () => {
      expect(total(order)).toBe(DEEP_LIST_DEPTH);
      const heap = new Heap({ profile: parseVersion(release).name });
      expect(modelFreeOrder(heap)).toEqual(order);
      validateHeap(heap);
    });
  }
});

describe('trashcan order, live', () => {
  for (const profile of RECORDED_PROFILE_NAMES) {
    const interpreter = liveInterpreterFor(profile, 'trashcan order');
    it.skipIf(!interpreter)(`frees in the order a fresh CPython ${profile} run does`, async () => {
      const recorded = recordedFreeOrder(
        await recordObjectRequests(interpreter!, DEEP_LIST_PROGRAM),
      );
      expect(total(recorded)).toBe(DEEP_LIST_DEPTH);
      expect(modelFreeOrder(new Heap({ profile }))).toEqual(recorded);
    });
  }
});
