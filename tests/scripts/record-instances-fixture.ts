/**
 * Records the classes-and-instances truth (`pnpm --filter @pymem/tests
 * instances-fixture`): runs instances_objects_probe.py with the hand-written steps
 * and with the generated matrix (instance-steps.ts) on every reference release of
 * 3.8 … 3.13 found here, and writes tests/fixtures/objects/instances.json.br — per
 * release and run, the steps' source and what the probe measured. Interpreters it
 * cannot find keep their previous entry, loudly.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync } from 'node:zlib';
import { liveInterpreters, runProbe } from '@pymem/cpython';
import { PROFILES, RECORDED_PROFILE_NAMES } from '@pymem/versions';
import {
  INSTANCES_PROBE,
  MATRIX_SEED,
  MATRIX_STEPS,
  type Measured,
  matrixSteps,
  NAMES,
  REPORT,
  STEPS,
  type Step,
} from './instance-steps.ts';

/** Where the fixture lives. */
export const INSTANCES_FIXTURE: string = join(
  import.meta.dirname,
  '..',
  'fixtures',
  'objects',
  'instances.json.br',
);

/** One probe run: the steps' source and what CPython measured. */
export interface InstancesRun {
  /** The steps run, in order. */
  readonly steps: readonly string[];
  /** The probe's output. */
  readonly measured: Measured;
}

/** Per release, the hand-written run and the generated matrix run. */
export type InstancesFixture = Record<string, { hand: InstancesRun; matrix: InstancesRun }>;

/** The runs for a minor version: its hand-written steps and its matrix steps. */
export function instanceRuns(minor: number): { hand: Step[]; matrix: Step[] } {
  const keep = (step: Step): boolean => step.minors?.(minor) ?? true;
  return {
    hand: STEPS.filter(keep),
    matrix: matrixSteps(MATRIX_SEED, MATRIX_STEPS).filter(keep),
  };
}

/** Runs the probe on `steps` with `python`. */
export function probeInstances(python: string, steps: readonly Step[]): Measured {
  return runProbe<Measured>(python, INSTANCES_PROBE, {
    args: [JSON.stringify({ steps: steps.map((s) => s.python), names: NAMES, report: REPORT })],
  });
}

/** Reads the committed fixture. */
export function readInstancesFixture(): InstancesFixture {
  return JSON.parse(
    brotliDecompressSync(readFileSync(INSTANCES_FIXTURE)).toString('utf8'),
  ) as InstancesFixture;
}

function main(): void {
  const fixture: InstancesFixture = existsSync(INSTANCES_FIXTURE) ? readInstancesFixture() : {};
  let missing = 0;
  for (const name of RECORDED_PROFILE_NAMES) {
    const release = PROFILES[name].referenceRelease;
    const interpreter = liveInterpreters().find((candidate) => candidate.version === release);
    if (!interpreter) {
      console.error(`*** SKIPPED ${release}: not found; kept its previous entry if any`);
      missing++;
      continue;
    }
    const runs = instanceRuns(Number(name.split('.')[1]));
    const run = (steps: Step[]): InstancesRun => ({
      steps: steps.map((s) => s.python),
      measured: probeInstances(interpreter.path, steps),
    });
    fixture[release] = { hand: run(runs.hand), matrix: run(runs.matrix) };
    console.log(`${release}: ${runs.hand.length} + ${runs.matrix.length} steps`);
  }
  const bytes = brotliCompressSync(JSON.stringify(fixture));
  writeFileSync(INSTANCES_FIXTURE, bytes);
  console.log(`wrote ${INSTANCES_FIXTURE} (${bytes.length.toLocaleString('en-US')} bytes)`);
  process.exitCode = missing > 0 ? 1 : 0;
}

if (process.argv[1] === import.meta.filename) main();
