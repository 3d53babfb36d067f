/**
 * Classes and instances against live CPython 3.8–3.13: the same steps run in the
 * interpreter (scripts/instances_objects_probe.py, tracemalloc per step) and on the
 * model. Per step, the request sizes of the blocks it allocated that are still alive
 * at the end must be equal (objects, 3.11/3.12 values arrays, 3.13 inline values,
 * 3.8–3.10 split dicts' values arrays, list item arrays, weakrefs, closures: cell,
 * closure tuple, function; range, iterators; bound methods and 3.8's free list; 3.11+
 * `__dict__` materialised, written, outliving its object); per name, sys.getsizeof,
 * gc.is_tracked and sys.getrefcount. The model also validates its heap after every step.
 */
import { liveInterpreterFor, runProbe } from '@pymem/cpython';
import { Heap, validateHeap } from '@pymem/objects';
import { RECORDED_PROFILE_NAMES } from '@pymem/versions';
import { describe, expect, it } from 'vitest';
import {
  INSTANCES_PROBE,
  MATRIX_SEED,
  MATRIX_STEPS,
  type Measured,
  matrixSteps,
  NAMES,
  REPORT,
  runModel,
  STEPS,
} from './scripts/instance-steps.ts';

describe('classes and instances, live', () => {
  for (const profile of RECORDED_PROFILE_NAMES) {
    it(`allocates, sizes and counts as CPython ${profile} does`, () => {
      const interpreter = liveInterpreterFor(profile, 'instances');
      if (!interpreter) return;
      const minor = Number(profile.split('.')[1]);
      const steps = STEPS.filter((step) => step.minors?.(minor) ?? true);
      const measured = runProbe<Measured>(interpreter.path, INSTANCES_PROBE, {
        args: [JSON.stringify({ steps: steps.map((s) => s.python), names: NAMES, report: REPORT })],
      });
      const model = runModel(profile, steps);
      expect(model.live.map((sizes, i) => [steps[i]!.python, ...sizes])).toEqual(
        measured.live.map((sizes, i) => [steps[i]!.python, ...sizes]),
      );
      expect(model.objects).toEqual(measured.objects);
    });
  }
});

describe('generated attribute stores and deletes, live', () => {
  const matrix = matrixSteps(MATRIX_SEED, MATRIX_STEPS);
  for (const profile of RECORDED_PROFILE_NAMES) {
    it(`allocates, sizes and counts as CPython ${profile} does`, () => {
      const interpreter = liveInterpreterFor(profile, 'instances (generated)');
      if (!interpreter) return;
      const minor = Number(profile.split('.')[1]);
      const steps = matrix.filter((step) => step.minors?.(minor) ?? true);
      const measured = runProbe<Measured>(interpreter.path, INSTANCES_PROBE, {
        args: [JSON.stringify({ steps: steps.map((s) => s.python), names: NAMES, report: REPORT })],
      });
      const model = runModel(profile, steps);
      expect(model.live.map((sizes, i) => [steps[i]!.python, ...sizes])).toEqual(
        measured.live.map((sizes, i) => [steps[i]!.python, ...sizes]),
      );
      expect(model.objects).toEqual(measured.objects);
    });
  }
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
