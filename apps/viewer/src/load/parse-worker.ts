/**
 * The loading worker: fetches or reads the recording, parses it (text, .pmt, gzip),
 * replays it once (first-pass.ts: timeline, end state, and proof that the model can
 * follow it) and transfers it all to the page; then, while the page paints, works
 * out the block lifetimes the top-sites panel needs. Runs off the main thread so the page stays
 * responsive on large recordings.
 */
/// <reference lib="webworker" />

import { blockLifetimes } from '@pymem/analysis';
import { type PmtScan, scanIndex, type Trace } from '@pymem/tracing';
import { checkpointBuffers, firstPass } from '../model/first-pass.ts';
import { ViewerInputError } from './input-kind.ts';
import { preloadName } from './preload-url.ts';
import { isPmtBlob, scanBlob, wantsChunks } from './read-chunked.ts';
import { type ReadProgress, type ReadResult, readTraceStream } from './read-trace.ts';
import {
  errorLine,
  type OpenRequest,
  type TraceSource,
  timelineBuffers,
  transferList,
  type WorkerMessage,
} from './worker-protocol.ts';

const scope = self as unknown as DedicatedWorkerGlobalScope;

function post(message: WorkerMessage, transfer: Transferable[] = []): void {
  scope.postMessage(message, transfer);
}

/** The file name a Content-Disposition header gives, or null. */
function dispositionName(header: string | null): string | null {
  if (!header) return null;
  const star = /filename\*=UTF-8''([^;]+)/i.exec(header);
  if (star) {
    try {
      return decodeURIComponent(star[1]!);
    } catch {
      return null;
    }
  }
  const plain = /filename="([^"]*)"/i.exec(header);
  return plain ? plain[1]! : null;
}

/** A copy of the columns block lifetimes read (the originals are transferred away). */
function copyColumns(trace: Trace): Trace {
  return {
    ...trace,
    op: trace.op.slice(),
    domain: trace.domain.slice(),
    a: trace.a.slice(),
    b: trace.b.slice(),
    c: trace.c.slice(),
  };
}

async function open(source: TraceSource): Promise<{
  stream: ReadableStream<Uint8Array>;
  name: string;
  total: number | null;
  file?: File;
}> {
  if (source.kind === 'file') {
    const file = source.file;
    return { stream: file.stream(), name: file.name, total: file.size, file };
  }
  const url = new URL(source.url, scope.location.href);
  const name = preloadName(url);
  if (url.origin !== scope.location.origin) {
    throw new ViewerInputError(`${url.href}: refusing to load a trace from another origin`);
  }
  let response: Response;
  try {
    response = await fetch(url, { credentials: 'same-origin', cache: 'no-store' });
  } catch (error) {
    throw new ViewerInputError(`${name}: cannot fetch: ${(error as Error).message}`);
  }
  if (!response.ok || response.body === null) {
    throw new ViewerInputError(`${name}: cannot fetch: HTTP ${response.status}`);
  }
  const length = Number(response.headers.get('content-length'));
  return {
    stream: response.body,
    name: dispositionName(response.headers.get('content-disposition')) ?? name,
    total: Number.isFinite(length) && length > 0 ? length : null,
  };
}

/**
 * The first pass over a recording; when damaged chunks were skipped and the model then
 * cannot follow (a free of a block allocated in a lost chunk), the one-line error names
 * the damage first, since that is the cause.
 */
function replayOrExplain(trace: Trace, result: ReadResult): ReturnType<typeof firstPass> {
  try {
    return firstPass(trace);
  } catch (error) {
    if (!result.damaged) throw error;
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    const damage = result.warnings.find((warning) => / is damaged: /.test(warning)) ?? '';
    throw new ViewerInputError(`${damage}; what is left cannot be replayed (${reason})`);
  }
}

/** `stream`, reporting the bytes read so far. */
function counted(
  stream: ReadableStream<Uint8Array>,
  total: number | null,
  stage: ReadProgress['stage'],
  onProgress: (progress: ReadProgress) => void,
): ReadableStream<Uint8Array> {
  let loaded = 0;
  return stream.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        loaded += chunk.byteLength;
        onProgress({ stage, loaded, total });
        controller.enqueue(chunk);
      },
    }),
  );
}

/** A load's timings for the page: reading, the first replay, and when it was posted. */
function timings(start: number, read: number, replayed: number) {
  return {
    readMs: read - start,
    replayMs: replayed - read,
    startedAt: performance.timeOrigin + start,
    postedAt: performance.timeOrigin + performance.now(),
  };
}

/**
 * A scanned `.pmt` Blob: replayed once, its events decoded again chunk by chunk, and
 * handed to the page as the Blob, its chunk index and notes (no event columns).
 */
function openChunked(blob: Blob, scan: PmtScan, name: string, start: number): void {
  const read = performance.now();
  post({ type: 'progress', stage: 'replaying', loaded: 0, total: null });
  const pass = firstPass(scan.trace);
  const index = scanIndex(scan);
  const replayed = performance.now();
  post(
    {
      type: 'loaded',
      trace: index.notes,
      chunked: { blob, index },
      name,
      format: 'pmt',
      warnings: scan.warnings,
      timeline: pass.timeline,
      end: pass.end,
      timings: timings(start, read, replayed),
    },
    [...timelineBuffers(pass.timeline), ...checkpointBuffers(pass.end)],
  );
  post({ type: 'lifetimes', freedAt: null });
}

scope.onmessage = async (event: MessageEvent<OpenRequest>) => {
  const request = event.data;
  let name = request.source.kind === 'file' ? request.source.file.name : request.source.url;
  let lastPost = 0;
  const onProgress = (progress: ReadProgress) => {
    const now = performance.now();
    if (now - lastPost < 40 && progress.loaded !== progress.total) return;
    lastPost = now;
    post({ type: 'progress', ...progress });
  };
  try {
    const start = performance.now();
    const input = await open(request.source);
    name = input.name;
    const stage = request.source.kind === 'url' ? 'downloading' : 'reading';
    if (wantsChunks(request.chunked ?? 'auto', input.total)) {
      // Large: keep the bytes as a Blob (see read-chunked.ts) and scan it.
      const blob =
        input.file ??
        (await new Response(counted(input.stream, input.total, stage, onProgress)).blob());
      if (await isPmtBlob(blob, name)) {
        const scan = scanBlob(blob, (end) =>
          onProgress({ stage: 'reading', loaded: end, total: blob.size }),
        );
        if (scan) return openChunked(blob, scan, name, start);
      }
      input.stream = blob.stream();
    }
    const result = await readTraceStream(input.stream, {
      name,
      total: input.total,
      stage,
      onProgress,
    });
    const read = performance.now();
    post({ type: 'progress', stage: 'replaying', loaded: 0, total: null });
    const trace = result.trace;
    const pass = replayOrExplain(trace, result);
    // Lifetimes are computed after the hand-over, on copies of the columns they read.
    const columns = trace.tracebacks.length > 0 ? copyColumns(trace) : null;
    const replayed = performance.now();
    post(
      {
        type: 'loaded',
        trace: result.trace,
        name,
        format: result.format,
        warnings: result.warnings,
        timeline: pass.timeline,
        end: pass.end,
        timings: timings(start, read, replayed),
      },
      [...transferList(trace, pass.timeline), ...checkpointBuffers(pass.end)],
    );
    const freedAt = columns ? blockLifetimes(columns) : null;
    post({ type: 'lifetimes', freedAt }, freedAt ? [freedAt.buffer as ArrayBuffer] : []);
  } catch (error) {
    post({ type: 'error', message: errorLine(name, error) });
  }
};
