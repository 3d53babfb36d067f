/**
 * The snippet runner's worker: runs each request off the page's thread
 * (run-snippet.ts) and posts back the whole run.
 */
import type { RunRequest } from './run-protocol.ts';
import { runSnippet } from './run-snippet.ts';

const scope = self as unknown as DedicatedWorkerGlobalScope;
scope.onmessage = (event: MessageEvent<RunRequest>) => scope.postMessage(runSnippet(event.data));
