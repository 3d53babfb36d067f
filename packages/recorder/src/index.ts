export {
  buildLauncher,
  findPythonConfig,
  LAUNCHER_SOURCE,
} from './build-launcher.ts';
export { RecorderError } from './errors.ts';
export { type RecordOptions, type RecordResult, record } from './record.ts';
export { selectInterpreter } from './select-interpreter.ts';
