/**
 * The 3.11+ data stack's chunks against CPython: programs/data_stack.py recorded with
 * `pymem record` (its `A`/`F` arena-allocator calls that are not pymalloc arenas).
 * The calibrating section tells how much of the root chunk is free at module level;
 * from that the model must predict the other sections exactly: how many 16 KiB
 * chunks a 901-deep recursion takes and frees (in reverse order), that a frame of
 * 2,100 words gets a 32 KiB chunk of its own, and a second recursion. From the
 * committed fixture (3.11.7 … 3.13.0), then live.
 */
import { liveInterpreterFor } from '@pymem/cpython';
import { PROFILES, parseVersion, RECORDED_PROFILE_NAMES } from '@pymem/versions';
import { describe, expect, it } from 'vitest';
import {
  type DataStackRecording,
  readDataStackFixture,
  recordDataStack,
  runDataStackSections,
} from './scripts/data-stack-requests.ts';

function expectSameChunks(release: string, truth: DataStackRecording): void {
  const model = runDataStackSections(parseVersion(release).name, truth);
  expect(model).toEqual(truth.sections);
  // The heap's default root-chunk space (DEFAULT_ROOT_FREE_WORDS) is in the calibrated range.
  expect(runDataStackSections(parseVersion(release).name, truth, false)).toEqual(truth.sections);
  // Not a vacuous check: the deep recursion did take several chunks.
  expect(truth.sections.deep!.filter((c) => c === 'A 16384').length).toBeGreaterThan(3);
}

describe('data stack chunks, recorded', () => {
  const fixture = readDataStackFixture();
  it('holds 3.11 … 3.13', () => {
    expect(Object.keys(fixture).sort()).toEqual(['3.11.7', '3.12.1', '3.13.0']);
  });
  for (const [release, truth] of Object.entries(fixture)) {
    it(`takes and frees CPython ${release}'s chunks`, () => expectSameChunks(release, truth));
  }
});

describe('data stack chunks, live', () => {
  for (const profile of RECORDED_PROFILE_NAMES.filter((p) => PROFILES[p].minor >= 11)) {
    const interpreter = liveInterpreterFor(profile, 'data stack chunks');
    it.skipIf(!interpreter)(`takes and frees a fresh CPython ${profile} run's chunks`, async () => {
      expectSameChunks(interpreter!.version, await recordDataStack(interpreter!, profile));
    });
  }
});
