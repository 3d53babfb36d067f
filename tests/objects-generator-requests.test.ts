/**
 * What generators, frames and exceptions ask the allocator for, step by step, against
 * `pymem record` recordings of CPython (scripts/generator-requests.ts: the steps of
 * generators-steps.ts that close no live generator, as one module-level program):
 * per step the sequence of malloc/realloc/free calls with sizes and which block each
 * touches, normalized (`m obj 112 #1`, `r obj p1 456 #1`, `f obj p1`). From the
 * committed fixture (3.8.18 … 3.13.0), then live. At most one free of a block that
 * none of the model's calls in that step touch is set aside per run, and named: the
 * interpreter now and then frees a block of its own (seen on 3.8, as in
 * objects-requests.test.ts).
 */
import { liveInterpreterFor } from '@pymem/cpython';
import { parseVersion, RECORDED_PROFILE_NAMES } from '@pymem/versions';
import { describe, expect, it } from 'vitest';
import {
  type GeneratorRequests,
  readGeneratorRequestsFixture,
  recordGeneratorRequests,
  runGeneratorSections,
  SEQUENCE_STEPS,
  stepLabel,
} from './scripts/generator-requests.ts';

function expectSameCalls(release: string, truth: GeneratorRequests): void {
  const model = runGeneratorSections(parseVersion(release).name, truth.shapes);
  const foreign: string[] = [];
  for (const step of SEQUENCE_STEPS) {
    const label = stepLabel(step.python);
    const calls = model[label] ?? [];
    const touched = new Set(
      calls.flatMap((line) => line.split(' ').filter((w) => w.startsWith('p'))),
    );
    const cpython = (truth.sections[label] ?? []).filter((line) => {
      const block = line.split(' ').at(-1)!;
      const own = !line.startsWith('f ') || !block.startsWith('p') || touched.has(block);
      if (!own) foreign.push(`${label}: ${line}`);
      return own;
    });
    expect({ step: label, calls }).toEqual({ step: label, calls: cpython });
  }
  expect(foreign.length, `frees set aside: ${foreign.join('; ')}`).toBeLessThanOrEqual(1);
}

describe('allocator requests of generators, frames and exceptions, recorded', () => {
  const fixture = readGeneratorRequestsFixture();
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
  for (const [release, truth] of Object.entries(fixture)) {
    it(`makes CPython ${release}'s calls in every step`, () => expectSameCalls(release, truth));
  }
});

describe('allocator requests of generators, frames and exceptions, live', () => {
  for (const profile of RECORDED_PROFILE_NAMES) {
    const interpreter = liveInterpreterFor(profile, 'generator allocator requests');
    it.skipIf(!interpreter)(`makes a fresh CPython ${profile} run's calls`, async () => {
      expectSameCalls(interpreter!.version, await recordGeneratorRequests(interpreter!));
    });
  }
});
