export {
  type LoadedTrace,
  type ReadTraceOptions,
  readTraceFile,
  TraceFileError,
} from './read-trace-file.ts';
export { openStreamedPmt } from './stream-trace-file.ts';
export { writeTraceFile } from './write-trace-file.ts';
