export { adoptCollector } from './adopt-collector.ts';
export { ReplayDivergence } from './errors.ts';
export {
  type ChannelActivation,
  EventBus,
  type Subscriber,
  type Unsubscribe,
} from './event-bus.ts';
export { type ModelGcState, modelHeapSnapshot } from './model-heap-snapshot.ts';
export {
  type LiveBlock,
  type ReplayCheckpoint,
  type ReplayCounts,
  Replayer,
  type ReplayOptions,
} from './replay.ts';
export { createRuntime, type Runtime, type RuntimeEvents, type RuntimeOptions } from './runtime.ts';
export { type SeekOptions, TraceSeeker } from './seek.ts';
export {
  type SyntheticOptions,
  synthesizeTrace,
  writeSyntheticPmt,
} from './synthesize-trace.ts';
export { takeSnapshot } from './take-snapshot.ts';
export {
  TraceRecorder,
  TraceRecorderError,
  type TraceRecorderOptions,
} from './trace-recorder.ts';
