export {
  type CollectionView,
  MAX_PHASE_OBJECTS,
  type PhaseObject,
  type PhaseView,
} from './collection-view.ts';
export { PythonError, type SourcePosition, StepLimit, Unsupported } from './errors.ts';
export {
  DEFAULT_MAX_STEPS,
  RUN_PROFILES,
  type RunOptions,
  type RunResult,
  runPython,
} from './run.ts';
export {
  type EdgeView,
  type FrameView,
  MAX_EDGES,
  MAX_OBJECTS,
  type ObjectView,
  type StepView,
} from './step-state.ts';
