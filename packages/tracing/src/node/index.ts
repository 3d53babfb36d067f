export { readTraceFile, TraceFileError } from './read-trace-file.ts';
