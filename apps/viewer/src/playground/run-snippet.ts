/**
 * Runs a snippet on the model (@pymem/python) and keeps the view of every step
 * (run-protocol.ts): what the worker does, callable anywhere (tests, the bench).
 *
 * The program runs on a runtime's heap with a trace recorder on it (as `pymem run
 * --trace` records), so the page can draw the allocator under each step: a step's
 * `eventIndex` is the number of allocator events recorded before its line ran.
 */
import { type CollectionView, runPython, type StepView } from '@pymem/python';
import { adoptCollector, createRuntime, TraceRecorder } from '@pymem/runtime';
import { parseVersion } from '@pymem/versions';
import { firstPass } from '../model/first-pass.ts';
import { MAX_CAPTURED_STEPS, type RunReply, type RunRequest } from './run-protocol.ts';

/** Runs one request: the views of its first steps and of its end, and its trace. */
export function runSnippet(request: RunRequest): RunReply {
  const steps: StepView[] = [];
  const stepEvents: number[] = [];
  const collections: CollectionView[] = [];
  const started = performance.now();
  try {
    const profile = parseVersion(request.python).name;
    const runtime = createRuntime({ profile, objects: true });
    const recorder = new TraceRecorder(runtime);
    const result = runPython(request.source, {
      python: request.python,
      filename: 'snippet.py',
      maxSteps: request.maxSteps,
      heap: runtime.heap!,
      onCollector: (collector) => adoptCollector(runtime, collector.collector),
      onStep: (capture, done) => {
        if (done || steps.length < MAX_CAPTURED_STEPS) {
          steps.push(capture());
          stepEvents.push(recorder.eventCount);
        }
      },
      onCollection: (c) => collections.push(c),
    });
    const trace = recorder.stop('end');
    const pass = firstPass(trace);
    return {
      type: 'ran',
      outcome: result.outcome,
      stdout: result.stdout,
      stderr: result.stderr,
      steps,
      stepEvents: Int32Array.from(stepEvents),
      collections,
      executed: result.steps,
      milliseconds: performance.now() - started,
      recording: { trace, timeline: pass.timeline, end: pass.end },
    };
  } catch (error) {
    return { type: 'failed', message: (error as Error).message };
  }
}
