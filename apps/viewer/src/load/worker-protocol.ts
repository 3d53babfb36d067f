/**
 * Messages between the page and the loading worker.
 *
 *   page ──{ open, source }──► worker
 *   page ◄──{ progress }────── worker   (many)
 *   page ◄──{ loaded, trace }─ worker   (typed-array columns transferred, not copied;
 *                                        a large .pmt: its notes, chunk index and Blob)
 *   page ◄──{ lifetimes }───── worker   (block lifetimes, last: the worker is done)
 *     or ◄──{ error, message }         (one line: what is wrong and where)
 */
import type { Trace, TraceNotes } from '@pymem/tracing';
import type { ReplayCheckpoint } from '../model/first-pass.ts';
import type { ChunkedRecording } from '../model/session.ts';
import type { TimelineColumns } from '../model/timeline.ts';
import type { ChunkedMode } from './read-chunked.ts';
import type { LoadStage } from './read-trace.ts';

/** Where a recording comes from. */
export type TraceSource =
  | { readonly kind: 'file'; readonly file: File }
  | { readonly kind: 'url'; readonly url: string };

/** page → worker: open a recording. */
export interface OpenRequest {
  readonly type: 'open';
  readonly source: TraceSource;
  /** When to read a `.pmt` chunk by chunk (default 'auto': by size). */
  readonly chunked?: ChunkedMode;
}

/** worker → page: how far the read is. */
export interface ProgressMessage {
  readonly type: 'progress';
  readonly stage: LoadStage;
  readonly loaded: number;
  readonly total: number | null;
}

/** worker → page: the recording, replayed once and sampled. */
export interface LoadedMessage {
  readonly type: 'loaded';
  /** The whole trace, or only its notes when `chunked`. */
  readonly trace: Trace | TraceNotes;
  /** Set for a `.pmt` read chunk by chunk: the file (a Blob) and its chunk index. */
  readonly chunked?: ChunkedRecording;
  readonly name: string;
  readonly format: 'text' | 'pmt';
  readonly warnings: readonly string[];
  readonly timeline: TimelineColumns;
  /** The replay state after the last event. */
  readonly end: ReplayCheckpoint;
  /** Worker timings: milliseconds reading/parsing and replaying, and epoch times. */
  readonly timings: {
    readonly readMs: number;
    readonly replayMs: number;
    /** When the worker began (ms since the epoch, `timeOrigin + now()`). */
    readonly startedAt: number;
    /** When it posted the recording (ms since the epoch). */
    readonly postedAt: number;
  };
}

/** worker → page, after `loaded`: block lifetimes (null when the recording names no sites). */
export interface LifetimesMessage {
  readonly type: 'lifetimes';
  readonly freedAt: Int32Array | null;
}

/** worker → page: the recording cannot be opened. */
export interface ErrorMessage {
  readonly type: 'error';
  /** One line naming the file and, for a malformed trace, the line or byte. */
  readonly message: string;
}

/** Anything the worker sends. */
export type WorkerMessage = ProgressMessage | LoadedMessage | LifetimesMessage | ErrorMessage;

/** The buffers of a trace's columns and timeline, each once, for `postMessage`'s transfer list. */
export function transferList(trace: Trace, timeline?: TimelineColumns): ArrayBuffer[] {
  const arrays: ArrayBufferView[] = [trace.op, trace.domain, trace.a, trace.b, trace.c];
  arrays.push(trace.site, trace.line);
  if (timeline)
    arrays.push(timeline.x, timeline.arenas, timeline.bytesInBlocks, timeline.utilisation);
  return buffersOf(arrays);
}

/** The buffers of a timeline's columns, each once, for `postMessage`'s transfer list. */
export function timelineBuffers(timeline: TimelineColumns): ArrayBuffer[] {
  return buffersOf([timeline.x, timeline.arenas, timeline.bytesInBlocks, timeline.utilisation]);
}

function buffersOf(arrays: readonly ArrayBufferView[]): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  for (const array of arrays) {
    if (array.buffer instanceof ArrayBuffer) buffers.add(array.buffer);
  }
  return [...buffers];
}

/** One line for an error (the first line of its message, with the file name). */
export function errorLine(name: string, error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const line = text.split('\n')[0]!.trim() || 'unknown error';
  return line.startsWith(name) ? line : `${name}: ${line}`;
}
