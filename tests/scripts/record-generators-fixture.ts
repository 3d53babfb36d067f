/**
 * Records tests/fixtures/objects/generators.json (`pnpm --filter @pymem/tests
 * generators-fixtures`): generators_probe.py's measurements on every
 * reference release of 3.8 … 3.13 found here and on Pyodide (CPython 3.14, wasm32),
 * and tests/fixtures/objects/generator-requests.json: the allocator calls of each step
 * recorded with `pymem record` on 3.8 … 3.13 (generator-requests.ts), and
 * tests/fixtures/objects/data-stack.json: the data-stack chunk calls of
 * programs/data_stack.py on 3.11 … 3.13 (data-stack-requests.ts).
 * Interpreters it cannot find keep their previous entry, loudly.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { liveInterpreters, runProbe } from '@pymem/cpython';
import { PROFILES, RECORDED_PROFILE_NAMES } from '@pymem/versions';
import {
  DATA_STACK_FIXTURE,
  type DataStackRecording,
  readDataStackFixture,
  recordDataStack,
} from './data-stack-requests.ts';
import {
  GENERATOR_REQUESTS_FIXTURE,
  type GeneratorRequests,
  readGeneratorRequestsFixture,
  recordGeneratorRequests,
} from './generator-requests.ts';
import {
  GENERATORS_FIXTURE,
  GENERATORS_PROBE,
  type GeneratorsMeasured,
  generatorSpec,
  readGeneratorsFixture,
} from './generators-steps.ts';
import { runInPyodide } from './pyodide-probe.ts';

/** Runs the probe in Pyodide; null when Pyodide cannot be loaded. */
export function probeGeneratorsInPyodide(): Promise<GeneratorsMeasured | null> {
  return runInPyodide<GeneratorsMeasured>(
    GENERATORS_PROBE,
    { SPEC: generatorSpec() },
    'measure(SPEC)',
  );
}

async function main(): Promise<void> {
  const fixture: Record<string, GeneratorsMeasured> = existsSync(GENERATORS_FIXTURE)
    ? readGeneratorsFixture()
    : {};
  const file = join(tmpdir(), `pymem-generators-${process.pid}.json`);
  writeFileSync(file, JSON.stringify(generatorSpec()));
  let missing = 0;
  for (const name of RECORDED_PROFILE_NAMES) {
    const release = PROFILES[name].referenceRelease;
    const interpreter = liveInterpreters().find((candidate) => candidate.version === release);
    if (!interpreter) {
      console.error(
        `*** SKIPPED ${release}: not found; ${fixture[release] ? 'kept its previous entry' : 'NO ENTRY'}`,
      );
      missing++;
      continue;
    }
    fixture[release] = runProbe<GeneratorsMeasured>(interpreter.path, GENERATORS_PROBE, {
      args: [file],
    });
    console.log(`${release}: measured`);
  }
  const pyodide = await probeGeneratorsInPyodide();
  if (pyodide) fixture[pyodide.version] = pyodide;
  else missing++;
  writeFileSync(GENERATORS_FIXTURE, `${JSON.stringify(fixture)}\n`);
  console.log(`wrote ${GENERATORS_FIXTURE}`);
  const requests: Record<string, GeneratorRequests> = existsSync(GENERATOR_REQUESTS_FIXTURE)
    ? readGeneratorRequestsFixture()
    : {};
  for (const name of RECORDED_PROFILE_NAMES) {
    const release = PROFILES[name].referenceRelease;
    const interpreter = liveInterpreters().find((candidate) => candidate.version === release);
    if (interpreter) requests[release] = await recordGeneratorRequests(interpreter);
  }
  writeFileSync(GENERATOR_REQUESTS_FIXTURE, `${JSON.stringify(requests, null, 1)}\n`);
  console.log(`wrote ${GENERATOR_REQUESTS_FIXTURE}`);
  const chunks: Record<string, DataStackRecording> = existsSync(DATA_STACK_FIXTURE)
    ? readDataStackFixture()
    : {};
  for (const name of RECORDED_PROFILE_NAMES) {
    const release = PROFILES[name].referenceRelease;
    const interpreter = liveInterpreters().find((candidate) => candidate.version === release);
    if (interpreter && PROFILES[name].minor >= 11)
      chunks[release] = await recordDataStack(interpreter, name);
  }
  writeFileSync(DATA_STACK_FIXTURE, `${JSON.stringify(chunks)}\n`);
  console.log(`wrote ${DATA_STACK_FIXTURE}`);
  process.exitCode = missing > 0 ? 1 : 0;
}

if (process.argv[1] === import.meta.filename) await main();
