/**
 * The notes of a trace (marks, comments, GC collections, site definitions, object and
 * collector records, heap snapshots) merged into stream order, for writers: sorted by
 * (eventIndex, seq).
 */
import type { HeapSnapshot } from './heap-snapshot.ts';
import type { CollectorRecord, ObjectRecord } from './model-records.ts';
import type {
  FilenameDefinition,
  GcCollection,
  Mark,
  TracebackDefinition,
  TraceComment,
  TraceNotes,
} from './trace.ts';

/** One note, tagged with its kind. */
export type Note =
  | { readonly kind: 'mark'; readonly note: Mark }
  | { readonly kind: 'comment'; readonly note: TraceComment }
  | { readonly kind: 'gc'; readonly note: GcCollection }
  | { readonly kind: 'filename'; readonly note: FilenameDefinition }
  | { readonly kind: 'traceback'; readonly note: TracebackDefinition }
  | { readonly kind: 'object'; readonly note: ObjectRecord }
  | { readonly kind: 'collector'; readonly note: CollectorRecord }
  | { readonly kind: 'heapSnapshot'; readonly note: HeapSnapshot };

/** Every note of `trace` in stream order. */
export function notesInOrder(trace: TraceNotes): Note[] {
  const notes: Note[] = [
    ...trace.marks.map((note) => ({ kind: 'mark' as const, note })),
    ...trace.comments.map((note) => ({ kind: 'comment' as const, note })),
    ...trace.gcCollections.map((note) => ({ kind: 'gc' as const, note })),
    ...trace.filenames.map((note) => ({ kind: 'filename' as const, note })),
    ...trace.tracebacks.map((note) => ({ kind: 'traceback' as const, note })),
    ...trace.objectRecords.map((note) => ({ kind: 'object' as const, note })),
    ...trace.collectorRecords.map((note) => ({ kind: 'collector' as const, note })),
    ...(trace.heapSnapshots ?? []).map((note) => ({ kind: 'heapSnapshot' as const, note })),
  ];
  return notes.sort((x, y) => x.note.eventIndex - y.note.eventIndex || x.note.seq - y.note.seq);
}
