export {
  Collector,
  type CollectorOptions,
  CollectorUsageError,
  CollectorVariantError,
  type GcCallback,
  type GcCallbackInfo,
  type GcGenerationStats,
} from './collector.ts';
export {
  type CollectorVariant,
  collectorVariant,
  DEBUG_FLAGS,
  type GcConstants,
  gcConstants,
  INCREMENTAL,
  type IntConversionStyle,
  NUM_GENERATIONS,
} from './constants.ts';
export type { GcEvent, GcListener, GcPhase, GcReason } from './events.ts';
export { GcModule, type PyInt } from './gc-module.ts';
export type { GcGraph, GcKind, Visit } from './graph.ts';
export {
  type FinalizerBody,
  HeapCollector,
  type HeapCollectorOptions,
  HeapGcGraph,
  type WeakrefCallbackBody,
} from './heap-collector.ts';
export {
  IncrementalCollector,
  type IncrementalCollectorOptions,
  type IncrementalPhase,
  type IncrementalSpace,
} from './incremental.ts';
export {
  type IntConverter,
  PythonError,
  type PythonExceptionType,
  toCInt,
} from './python-error.ts';
export {
  BUILTIN_TYPES,
  TestGraph,
  type TestGraphOptions,
  type TestType,
  type TestTypeSpec,
  validateTestGraph,
} from './test-graph.ts';
