/**
 * Generators, coroutines and frames against CPython: the steps of
 * scripts/generators-steps.ts (generators made, resumed, exhausted, closed and
 * dropped; gi_frame; sys._getframe kept past its call; a cell; 3.8–3.10's zombie
 * frames and frame free list) run in the interpreter (tracemalloc per step) and on the
 * model. Per step the request sizes of its blocks still alive at the end must be
 * equal; per name sys.getsizeof, gc.is_tracked and sys.getrefcount. From the
 * committed fixture (3.8.18 … 3.13.0, Pyodide's 3.14.2 on wasm32), then live.
 */

import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { liveInterpreterFor, runProbe } from '@pymem/cpython';
import { parseVersion, RECORDED_PROFILE_NAMES } from '@pymem/versions';
import { describe, expect, it } from 'vitest';
import {
  GENERATOR_STEPS,
  GENERATORS_PROBE,
  type GeneratorsMeasured,
  generatorSpec,
  readGeneratorsFixture,
  runGeneratorSteps,
} from './scripts/generators-steps.ts';
import { probeGeneratorsInPyodide } from './scripts/record-generators-fixture.ts';

function expectSame(truth: GeneratorsMeasured): void {
  const model = runGeneratorSteps(parseVersion(truth.version).name, truth);
  const label = (sizes: number[], i: number) => [GENERATOR_STEPS[i]!.python, ...sizes];
  expect(model.live.map(label)).toEqual(truth.live.map(label));
  expect(model.objects).toEqual(truth.objects);
}

describe('generators and frames, recorded', () => {
  const fixture = readGeneratorsFixture();
  it('holds 3.8 … 3.13 on 64-bit and 3.14 on wasm32', () => {
    expect(
      Object.values(fixture)
        .map((t) => `${t.version}/${t.pointer}`)
        .sort(),
    ).toEqual([
      '3.10.13/8',
      '3.11.7/8',
      '3.12.1/8',
      '3.13.0/8',
      '3.14.2/4',
      '3.8.18/8',
      '3.9.18/8',
    ]);
  });
  for (const truth of Object.values(fixture)) {
    it(`allocates, sizes and counts as CPython ${truth.version} (${truth.pointer * 8}-bit)`, () => {
      expect(truth.live).toHaveLength(GENERATOR_STEPS.length);
      expectSame(truth);
    });
  }
});

describe('generators and frames, live', () => {
  for (const profile of RECORDED_PROFILE_NAMES) {
    const interpreter = liveInterpreterFor(profile, 'generators and frames');
    it.skipIf(!interpreter)(`matches a fresh run of CPython ${profile}`, () => {
      const file = join(tmpdir(), `pymem-generators-${process.pid}.json`);
      writeFileSync(file, JSON.stringify(generatorSpec()));
      expectSame(
        runProbe<GeneratorsMeasured>(interpreter!.path, GENERATORS_PROBE, { args: [file] }),
      );
    });
  }
  it('matches a fresh run of Pyodide (CPython 3.14, wasm32)', async (context) => {
    const truth = await probeGeneratorsInPyodide();
    if (truth === null) return context.skip(); // announced loudly by runInPyodide
    expect(truth.pointer).toBe(4);
    expectSame(truth);
  });
});
