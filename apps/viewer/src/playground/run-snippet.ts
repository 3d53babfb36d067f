/**
 * Runs a snippet on the model (@pymem/python) and keeps the view of every step
 * (run-protocol.ts): what the worker does, callable anywhere (tests, the bench).
 */
import { type CollectionView, runPython, type StepView } from '@pymem/python';
import { MAX_CAPTURED_STEPS, type RunReply, type RunRequest } from './run-protocol.ts';

/** Runs one request: the views of its first steps and of its end. */
export function runSnippet(request: RunRequest): RunReply {
  const steps: StepView[] = [];
  const collections: CollectionView[] = [];
  const started = performance.now();
  try {
    const result = runPython(request.source, {
      python: request.python,
      filename: 'snippet.py',
      maxSteps: request.maxSteps,
      onStep: (capture, done) => {
        if (done || steps.length < MAX_CAPTURED_STEPS) steps.push(capture());
      },
      onCollection: (c) => collections.push(c),
    });
    return {
      type: 'ran',
      outcome: result.outcome,
      stdout: result.stdout,
      stderr: result.stderr,
      steps,
      collections,
      executed: result.steps,
      milliseconds: performance.now() - started,
    };
  } catch (error) {
    return { type: 'failed', message: (error as Error).message };
  }
}
