export { cacheDirectory } from './cache-directory.ts';
export {
  describeInterpreter,
  type FindOptions,
  findInterpreters,
  type Interpreter,
  type InterpreterSource,
} from './find-interpreters.ts';
export { liveInterpreterFor, liveInterpreters } from './live.ts';
export { ProbeError, type ProbeOptions, runProbe } from './run-probe.ts';
