export { ReplayDivergence, TraceFormatError } from './errors.ts';
export { type Note, notesInOrder } from './notes.ts';
export {
  decodePmt,
  encodePmt,
  encodePmtBytes,
  isPmt,
  type PmtChunkEntry,
  type PmtFile,
  type PmtWriteOptions,
} from './pmt/index.ts';
export { type ReplayCounts, Replayer, type ReplayOptions } from './replay.ts';
export { type SeekOptions, TraceSeeker } from './seek.ts';
export { takeSnapshot } from './take-snapshot.ts';
export { parseTextTrace, TextTraceParser } from './text-reader.ts';
export { formatEvent, formatTextTrace } from './text-writer.ts';
export {
  DOMAIN_NAMES,
  Domain,
  type DomainCode,
  type FilenameDefinition,
  type GcCollection,
  type Mark,
  type NotePosition,
  Op,
  type OpCode,
  type SiteFrame,
  type Trace,
  TraceBuilder,
  type TracebackDefinition,
  type TraceComment,
  type TraceHeader,
} from './trace.ts';
export {
  BaseFilter,
  compareStatisticDiffsDescending,
  compareStatisticsDescending,
  DomainFilter,
  Filter,
  Frame,
  fnmatch,
  fnmatchcase,
  formatSize,
  type GetLine,
  KeyType,
  LiveTraces,
  type LiveTracesOptions,
  MAX_NFRAME,
  normalizeFilename,
  type RawFrame,
  type RawTrace,
  Snapshot,
  Statistic,
  StatisticDiff,
  Trace as TracemallocTrace,
  Traceback,
  TracedMemory,
  TracemallocError,
  TracemallocErrorCode,
  Traces as TracemallocTraces,
} from './tracemalloc/index.ts';
