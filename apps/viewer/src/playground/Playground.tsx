/**
 * The snippet page: write or pick a program, choose the CPython version, run it on
 * the model in a worker, and step through it line by line — forward and back — with
 * the frames, objects and output of each step.
 *
 *   source ─► worker (run-snippet.ts) ─► steps[] ─► step index ─► code line, frames,
 *                                                               objects, output
 *
 * Invariant: a step shows the state before its line runs; the last step is the state
 * after the program ended. Editing the text or changing the version clears the run.
 */
import { RUN_PROFILES } from '@pymem/python';
import type { JSX } from 'preact';
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { ViewerSession } from '../model/session.ts';
import { CodePane } from './CodePane.tsx';
import { CollectionsPane } from './CollectionsPane.tsx';
import { type PlaygroundHook, publishPlaygroundHook } from './playground-hook.ts';
import type { RunMessage, RunReply, RunRequest } from './run-protocol.ts';
import RunWorker from './run-worker.ts?worker&inline';
import { SnippetHeap } from './SnippetHeap.tsx';
import { StepPane } from './StepPane.tsx';
import { SAMPLES } from './samples.ts';

/** The statement limit of a snippet run. */
const MAX_STEPS = 1_000_000;

/** Props of {@link Playground}. */
export interface PlaygroundProps {
  /** The sample to open with (`?sample=`), or null for the first. */
  readonly sample: string | null;
  /** A same-origin URL of a script to open instead (`pymem view SCRIPT.py`), or null. */
  readonly script?: string | null;
}

/** The snippet page. */
export function Playground({ sample, script = null }: PlaygroundProps): JSX.Element {
  const first = SAMPLES.find((s) => s.id === sample) ?? SAMPLES[0]!;
  const [initial, setInitial] = useState(first.source);
  const [sampleId, setSampleId] = useState(first.id);
  const text = useRef(first.source);
  const [python, setPython] = useState('3.12');
  const [run, setRun] = useState<RunMessage | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [running, setRunning] = useState(false);
  const [index, setIndex] = useState(0);
  const [selected, setSelected] = useState<number | null>(null);
  const worker = useRef<Worker | null>(null);

  useEffect(() => () => worker.current?.terminate(), []);
  const [scriptError, setScriptError] = useState<string | null>(null);
  useEffect(() => {
    if (script === null) return;
    fetch(script)
      .then((response) => {
        if (!response.ok) throw new Error(`${response.status} ${response.statusText}`);
        return response.text();
      })
      .then((source) => {
        setSampleId('');
        text.current = source;
        setInitial(source);
      })
      .catch((error: Error) => setScriptError(`cannot read the script: ${error.message}`));
  }, [script]);

  // Runs finished so far (a test waits for the next one, not a stale result).
  const [runs, setRuns] = useState(0);
  const start = useCallback(() => {
    worker.current?.terminate();
    const w = new RunWorker({ name: 'pymem-run' });
    worker.current = w;
    setRunning(true);
    setFailure(null);
    const request: RunRequest = { type: 'run', source: text.current, python, maxSteps: MAX_STEPS };
    w.onmessage = (event: MessageEvent<RunReply>) => {
      const reply = event.data;
      setRunning(false);
      setRuns((n) => n + 1);
      if (reply.type === 'failed') {
        setFailure(reply.message);
        setRun(null);
        return;
      }
      setRun(reply);
      setIndex(0);
      setSelected(null);
    };
    w.postMessage(request);
  }, [python]);

  const clear = () => {
    setRun(null);
    setIndex(0);
    setSelected(null);
  };
  const onChange = useCallback((next: string) => {
    text.current = next;
    setRun(null);
  }, []);

  const session = useMemo(
    () =>
      run === null
        ? null
        : new ViewerSession({
            trace: run.recording.trace,
            name: 'snippet.py',
            format: 'text',
            warnings: [],
            timeline: run.recording.timeline,
            end: run.recording.end,
          }),
    [run],
  );
  const steps = run?.steps ?? [];
  const step = steps[Math.min(index, steps.length - 1)] ?? null;
  const last = steps.length - 1;
  const go = useCallback(
    (to: number) => setIndex(Math.max(0, Math.min(to, steps.length - 1))),
    [steps.length],
  );

  const hook = useMemo<PlaygroundHook>(
    () => ({
      status: running ? 'running' : run ? 'ran' : 'idle',
      index,
      steps: steps.length,
      line: step?.line ?? null,
      outcome: run?.outcome ?? null,
      runs,
      go,
    }),
    [running, run, index, steps.length, step, go, runs],
  );
  publishPlaygroundHook(hook);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (target?.closest('.code-pane')) return;
      if (event.key === 'ArrowRight') go(index + 1);
      else if (event.key === 'ArrowLeft') go(index - 1);
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [go, index]);

  const output = run === null || step === null ? '' : run.stdout.slice(0, step.stdoutLength);
  const ended = step?.done === true;

  return (
    <div class="playground" data-testid="playground">
      <div class="playground-bar">
        <label>
          Sample{' '}
          <select
            data-testid="sample"
            value={sampleId}
            onChange={(e) => {
              const chosen = SAMPLES.find((s) => s.id === (e.target as HTMLSelectElement).value)!;
              setSampleId(chosen.id);
              text.current = chosen.source;
              setInitial(chosen.source);
              clear();
            }}
          >
            {sampleId === '' ? <option value="">the script</option> : null}
            {SAMPLES.map((s) => (
              <option key={s.id} value={s.id}>
                {s.title}
              </option>
            ))}
          </select>
        </label>
        <label>
          CPython{' '}
          <select
            data-testid="python"
            value={python}
            onChange={(e) => {
              setPython((e.target as HTMLSelectElement).value);
              clear();
            }}
          >
            {RUN_PROFILES.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
        </label>
        <button type="button" data-testid="run" onClick={start} disabled={running}>
          {running ? 'Running…' : 'Run'}
        </button>
        {run ? (
          <span class="muted" data-testid="run-summary">
            {run.executed.toLocaleString('en-US')} statements in {run.milliseconds.toFixed(0)} ms
            {run.executed > steps.length - 1
              ? ` (first ${steps.length - 1} kept for stepping)`
              : ''}
          </span>
        ) : null}
      </div>
      <div class="playground-main">
        <div class="playground-left">
          <CodePane
            initial={initial}
            stepLine={ended ? null : (step?.line ?? null)}
            onChange={onChange}
          />
          {run ? (
            <div class="stepper" data-testid="stepper">
              <button
                type="button"
                data-testid="step-first"
                onClick={() => go(0)}
                disabled={index === 0}
              >
                |◀ first
              </button>
              <button
                type="button"
                data-testid="step-back"
                onClick={() => go(index - 1)}
                disabled={index === 0}
              >
                ◀ back
              </button>
              <span data-testid="step-label">
                {ended ? 'ended' : `step ${index + 1} of ${last}, line ${step?.line}`}
              </span>
              <button
                type="button"
                data-testid="step-forward"
                onClick={() => go(index + 1)}
                disabled={index >= last}
              >
                forward ▶
              </button>
              <button
                type="button"
                data-testid="step-last"
                onClick={() => go(last)}
                disabled={index >= last}
              >
                last ▶|
              </button>
              <input
                type="range"
                min={0}
                max={last}
                value={index}
                data-testid="step-slider"
                onInput={(e) => go(Number((e.target as HTMLInputElement).value))}
              />
            </div>
          ) : null}
          <pre class="output" data-testid="output">
            {output}
            {ended && run && run.stderr !== '' ? <span class="stderr">{run.stderr}</span> : null}
          </pre>
          {session && run && step ? (
            <SnippetHeap
              session={session}
              position={run.stepEvents[Math.min(index, steps.length - 1)]!}
              step={step}
              selected={selected}
              onSelect={setSelected}
            />
          ) : null}
          {scriptError ? (
            <p class="error" role="alert" data-testid="script-error">
              {scriptError}
            </p>
          ) : null}
          {failure ? (
            <p class="error" role="alert" data-testid="run-error">
              {failure}
            </p>
          ) : null}
        </div>
        <div class="playground-right">
          {run && step ? (
            <CollectionsPane
              collections={run.collections}
              step={step.step}
              onSelect={setSelected}
              onShowAfter={(c) => {
                const at = steps.findIndex((s) => s.step > c.step || s.done);
                if (at >= 0) go(at);
              }}
            />
          ) : null}
          {step ? (
            <StepPane step={step} selected={selected} onSelect={setSelected} />
          ) : (
            <p class="muted">
              Run the program to see its frames and objects, then step through it with ◀ / ▶ (or the
              arrow keys).
            </p>
          )}
        </div>
      </div>
    </div>
  );
}
