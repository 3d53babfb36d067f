export { ReplayDivergence, TraceFormatError } from './errors.ts';
export { type ReplayCounts, Replayer, type ReplayOptions } from './replay.ts';
export { parseTextTrace, TextTraceParser } from './text-reader.ts';
export { formatEvent, formatTextTrace } from './text-writer.ts';
export {
  DOMAIN_NAMES,
  Domain,
  type DomainCode,
  type Mark,
  Op,
  type OpCode,
  type Trace,
  TraceBuilder,
  type TraceComment,
  type TraceHeader,
} from './trace.ts';
