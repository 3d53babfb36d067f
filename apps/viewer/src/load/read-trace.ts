/**
 * Reads a recording from a byte stream, in a worker: sniffs the first bytes, inflates
 * gzip with `DecompressionStream`, decodes `.pmt` whole, and streams text through
 * `TextTraceParser` chunk by chunk, reporting the bytes read as it goes.
 *
 *   bytes ──► count ──► sniff ─┬─ pmt ───────────► decodePmt
 *                              ├─ gzip ─► inflate ─► sniff again (pmt or text)
 *                              ├─ brotli ─► ViewerInputError (no browser support)
 *                              └─ text ─► TextDecoder ─► TextTraceParser
 *
 * Malformed input throws the reader's TraceFormatError (it names the line or byte).
 * A damaged `.pmt` (a checksum fails) is read with salvage: the damaged chunks are
 * skipped and `warnings` says, in the CLI's words, where and how many events were lost.
 */
import {
  decodePmt,
  SNIFF_BYTES,
  sniffTrace,
  TextTraceParser,
  type Trace,
  TraceFormatError,
} from '@pymem/tracing';
import { brotliMessage, ViewerInputError } from './input-kind.ts';

/** A loading stage, for the progress bar. */
export type LoadStage = 'downloading' | 'reading' | 'replaying';

/** Progress of a read: bytes of the input consumed so far. */
export interface ReadProgress {
  readonly stage: LoadStage;
  readonly loaded: number;
  /** Input size, when known. */
  readonly total: number | null;
}

/** What a read produced. */
export interface ReadResult {
  readonly trace: Trace;
  readonly format: 'text' | 'pmt';
  /** True when the input was gzip-compressed. */
  readonly gzip: boolean;
  /** Non-fatal problems (a torn `.pmt` tail, damaged chunks skipped), one line each. */
  readonly warnings: readonly string[];
  /** True when damaged `.pmt` chunks were skipped (events are missing, not just cut off). */
  readonly damaged: boolean;
}

/** Options of {@link readTraceStream}. */
export interface ReadOptions {
  /** Shown in messages; `.br` names are recognised as brotli. */
  readonly name: string;
  /** Input size in bytes, when known. */
  readonly total?: number | null;
  readonly stage?: LoadStage;
  readonly onProgress?: (progress: ReadProgress) => void;
}

/** Reads a whole recording from `stream`. */
export async function readTraceStream(
  stream: ReadableStream<Uint8Array>,
  options: ReadOptions,
): Promise<ReadResult> {
  let loaded = 0;
  const total = options.total ?? null;
  const stage = options.stage ?? 'reading';
  const counted = stream.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        loaded += chunk.byteLength;
        options.onProgress?.({ stage, loaded, total });
        controller.enqueue(chunk);
      },
    }),
  );
  return readSniffed(counted, options.name, false);
}

async function readSniffed(
  stream: ReadableStream<Uint8Array>,
  name: string,
  gzip: boolean,
): Promise<ReadResult> {
  const reader = stream.getReader();
  const head: Uint8Array[] = [];
  let headBytes = 0;
  let done = false;
  while (headBytes < SNIFF_BYTES) {
    const next = await readOrExplain(reader, name, gzip);
    if (next.done) {
      done = true;
      break;
    }
    head.push(next.value);
    headBytes += next.value.byteLength;
  }
  const kind = sniffTrace(concat(head, Math.min(headBytes, SNIFF_BYTES)), name);
  const chunks = async function* (): AsyncGenerator<Uint8Array> {
    yield* head;
    if (done) return;
    for (;;) {
      const next = await readOrExplain(reader, name, gzip);
      if (next.done) return;
      yield next.value;
    }
  };
  switch (kind) {
    case 'brotli':
      await reader.cancel();
      throw new ViewerInputError(brotliMessage(name));
    case 'gzip': {
      if (gzip) throw new ViewerInputError(`${name}: gzip inside gzip is not a trace`);
      const inflated = toStream(chunks()).pipeThrough(
        new DecompressionStream('gzip') as unknown as TransformStream<Uint8Array, Uint8Array>,
      );
      return readSniffed(inflated, name.replace(/\.gz$/i, ''), true);
    }
    case 'pmt': {
      const parts: Uint8Array[] = [];
      let size = 0;
      for await (const chunk of chunks()) {
        parts.push(chunk);
        size += chunk.byteLength;
      }
      const { trace, warnings, damage } = decodePmt(concat(parts, size), { salvage: true });
      return { trace, format: 'pmt', gzip, warnings, damaged: damage.length > 0 };
    }
    default: {
      const parser = new TextTraceParser();
      const decoder = new TextDecoder('utf-8');
      for await (const chunk of chunks()) parser.push(decoder.decode(chunk, { stream: true }));
      parser.push(decoder.decode());
      const trace = parser.finish();
      return { trace, format: 'text', gzip, warnings: parser.warnings, damaged: false };
    }
  }
}

async function readOrExplain(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  name: string,
  gzip: boolean,
): Promise<ReadableStreamReadResult<Uint8Array>> {
  try {
    return await reader.read();
  } catch (error) {
    if (error instanceof TraceFormatError || error instanceof ViewerInputError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new ViewerInputError(
      gzip ? `${name}: cannot decompress gzip: ${reason}` : `${name}: cannot read: ${reason}`,
    );
  }
}

function toStream(chunks: AsyncGenerator<Uint8Array>): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(next.value);
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
}

/** The first `size` bytes of `parts` as one array. */
function concat(parts: readonly Uint8Array[], size: number): Uint8Array {
  if (parts.length === 1 && parts[0]!.byteLength === size) return parts[0]!;
  const out = new Uint8Array(size);
  let at = 0;
  for (const part of parts) {
    if (at >= size) break;
    const take = Math.min(part.byteLength, size - at);
    out.set(part.subarray(0, take), at);
    at += take;
  }
  return out;
}
