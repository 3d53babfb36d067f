/**
 * The page's side of loading: one worker per recording (booted ahead of time by
 * {@link prepareLoader}), its progress forwarded, and the transferred trace (or the
 * worker's one-line message) as the outcome. Cancelling terminates the worker.
 */
import ParseWorker from './parse-worker.ts?worker&inline';
import { chunkedMode } from './read-chunked.ts';
import type {
  LifetimesMessage,
  LoadedMessage,
  OpenRequest,
  ProgressMessage,
  TraceSource,
  WorkerMessage,
} from './worker-protocol.ts';

/** A load in progress. */
export interface OpenHandle {
  /** Resolves with the loaded recording; rejects with a one-line Error. */
  readonly done: Promise<LoadedMessage>;
  /** Resolves, after `done`, with the block lifetimes (null without sites). */
  readonly lifetimes: Promise<LifetimesMessage['freedAt']>;
  /** Stops the load (the promise then never settles). */
  cancel(): void;
}

let spare: Worker | null = null;

// Inlined (a blob: URL) so the static build also runs from file://, where a worker
// script loaded from a file is refused to the page's opaque origin.
function startWorker(): Worker {
  return new ParseWorker({ name: 'pymem-loader' });
}

/**
 * Starts a loading worker ahead of need, so the next {@link openTrace} does not wait
 * for a worker to boot (a few hundred milliseconds in a cold browser).
 */
export function prepareLoader(): void {
  spare ??= startWorker();
}

/** Opens a recording in a fresh worker (the prepared one when there is one). */
export function openTrace(
  source: TraceSource,
  onProgress: (progress: ProgressMessage) => void,
): OpenHandle {
  const worker = spare ?? startWorker();
  spare = null;
  let resolveLifetimes: (freedAt: LifetimesMessage['freedAt']) => void = () => {};
  const lifetimes = new Promise<LifetimesMessage['freedAt']>((resolve) => {
    resolveLifetimes = resolve;
  });
  const finish = () => {
    worker.terminate();
    setTimeout(prepareLoader, 250);
  };
  const done = new Promise<LoadedMessage>((resolve, reject) => {
    worker.onmessage = (event: MessageEvent<WorkerMessage>) => {
      const message = event.data;
      switch (message.type) {
        case 'progress':
          return onProgress(message);
        case 'loaded':
          return resolve(message);
        case 'lifetimes':
          finish();
          return resolveLifetimes(message.freedAt);
        default:
          finish();
          return reject(new Error(message.message));
      }
    };
    worker.onerror = (event) => {
      finish();
      reject(new Error(`the loading worker failed: ${event.message || 'unknown error'}`));
    };
  });
  const request: OpenRequest = { type: 'open', source, chunked: chunkedMode(location.search) };
  worker.postMessage(request);
  return { done, lifetimes, cancel: () => worker.terminate() };
}
