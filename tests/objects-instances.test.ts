/**
 * Classes and instances against CPython 3.8–3.13, recorded (the committed fixture,
 * scripts/record-instances-fixture.ts) and live: the same steps run in the
 * interpreter (scripts/instances_objects_probe.py, tracemalloc per step) and on the
 * model — hand-written steps and a generated matrix of 300 attribute stores, deletes
 * and rebinds (scripts/instance-steps.ts; 3.8–3.10 split dicts turning combined,
 * classes re-sharing or dropping their keys; sys.intern, also on Pyodide 3.14). Per
 * step, the request sizes of the blocks it allocated that are still alive at the end
 * must be equal (objects, 3.11/3.12 values arrays, 3.13 inline values,
 * 3.8–3.10 split dicts' values arrays, list item arrays, weakrefs, closures: cell,
 * closure tuple, function; range, iterators; bound methods and 3.8's free list; 3.11+
 * `__dict__` materialised, written, outliving its object); per name, sys.getsizeof,
 * gc.is_tracked and sys.getrefcount. The model also validates its heap after every step.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { liveInterpreterFor } from '@pymem/cpython';
import { Heap, validateHeap } from '@pymem/objects';
import { PROFILES, type ProfileName, parseVersion, RECORDED_PROFILE_NAMES } from '@pymem/versions';
import { describe, expect, it } from 'vitest';
import {
  INSTANCES_PROBE,
  INTERN_STEPS,
  type Measured,
  NAMES,
  REPORT,
  runModel,
  type Step,
} from './scripts/instance-steps.ts';
import {
  instanceRuns,
  probeInstances,
  readInstancesFixture,
} from './scripts/record-instances-fixture.ts';

/** The model's run of `steps` against what CPython measured on them. */
function expectSameAsCPython(
  profile: ProfileName,
  steps: readonly Step[],
  measured: Measured,
): void {
  const model = runModel(profile, steps);
  expect(model.live.map((sizes, i) => [steps[i]!.python, ...sizes])).toEqual(
    measured.live.map((sizes, i) => [steps[i]!.python, ...sizes]),
  );
  expect(model.objects).toEqual(measured.objects);
}

describe('classes and instances, recorded', () => {
  const fixture = readInstancesFixture();

  it('holds both runs for 3.8 … 3.13, made from the current steps', () => {
    expect(Object.keys(fixture).sort()).toEqual(
      RECORDED_PROFILE_NAMES.map((name) => PROFILES[name].referenceRelease).sort(),
    );
    for (const [release, runs] of Object.entries(fixture)) {
      const current = instanceRuns(parseVersion(release).minor);
      expect(runs.hand.steps).toEqual(current.hand.map((s) => s.python));
      expect(runs.matrix.steps).toEqual(current.matrix.map((s) => s.python));
    }
  });

  for (const [release, runs] of Object.entries(fixture)) {
    const { name, minor } = parseVersion(release);
    it(`allocates, sizes and counts as CPython ${release} did (hand-written steps)`, () => {
      expectSameAsCPython(name, instanceRuns(minor).hand, runs.hand.measured);
    });
    it(`allocates, sizes and counts as CPython ${release} did (generated matrix)`, () => {
      expectSameAsCPython(name, instanceRuns(minor).matrix, runs.matrix.measured);
    });
  }
});

describe('classes and instances, live', () => {
  for (const profile of RECORDED_PROFILE_NAMES) {
    const interpreter = liveInterpreterFor(profile, 'instances');
    const runs = instanceRuns(Number(profile.split('.')[1]));
    it.skipIf(!interpreter)(`allocates, sizes and counts as CPython ${profile} does`, () => {
      expectSameAsCPython(profile, runs.hand, probeInstances(interpreter!.path, runs.hand));
    });
    it.skipIf(!interpreter)(`runs the generated matrix as CPython ${profile} does`, () => {
      expectSameAsCPython(profile, runs.matrix, probeInstances(interpreter!.path, runs.matrix));
    });
  }
});

describe('string interning, Pyodide (CPython 3.14, wasm32), live', () => {
  it('interns, counts and frees as Pyodide does, on the 32-bit 3.14 layout', async (context) => {
    const { runInPyodide } = await import('./scripts/pyodide-probe.ts');
    const spec = {
      steps: INTERN_STEPS.map((s) => s.python),
      names: NAMES,
      report: REPORT.filter((name) => /^[in]\d$/.test(name)),
    };
    // The probe reads its spec from argv; Pyodide runs it as a module with sys.argv set.
    const script = join(tmpdir(), `pymem-instances-probe-${process.pid}.py`);
    writeFileSync(
      script,
      `import sys\nsys.argv = ['probe', ${JSON.stringify(JSON.stringify(spec))}]\n${readFileSync(INSTANCES_PROBE, 'utf8')}`,
    );
    const measured = await runInPyodide<Measured>(
      script,
      {},
      "{'live': [sorted(sizes) for sizes in live], 'objects': objects}",
    );
    rmSync(script, { force: true });
    if (measured === null) return context.skip(); // announced loudly by runInPyodide
    const model = runModel('3.14', INTERN_STEPS, 4);
    const reported = new Set(spec.report);
    expect(
      Object.fromEntries(Object.entries(model.objects).filter(([name]) => reported.has(name))),
    ).toEqual(measured.objects);
    expect(model.live.map((sizes, i) => [INTERN_STEPS[i]!.python, ...sizes])).toEqual(
      measured.live.map((sizes, i) => [INTERN_STEPS[i]!.python, ...sizes]),
    );
  });
});

describe('instances, which objects exist', () => {
  it('has a separate __dict__ per instance on 3.8–3.10 and none on 3.11+', () => {
    for (const profile of ['3.10', '3.11', '3.13'] as const) {
      const heap = new Heap({ profile });
      const C = heap.newClass('C');
      const a = heap.newInstance(C);
      const b = heap.newInstance(C);
      heap.setAttr(a, 'other', b);
      heap.setAttr(b, 'other', a);
      const dicts = [heap.dictOf(a), heap.dictOf(b)].filter((d) => d !== 0);
      expect(dicts.length).toBe(profile === '3.10' ? 2 : 0);
      validateHeap(heap);
    }
  });
});
