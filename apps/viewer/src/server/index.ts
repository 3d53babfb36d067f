/**
 * The viewer's Node side, `@pymem/viewer/server`: the server behind `pymem view`
 * (serve-viewer.ts) and the self-contained flame-graph page `pymem flamegraph`
 * writes (flamegraph-page.ts).
 */
export {
  FLAMEGRAPH_DATA_ID,
  type FlameGraphPageData,
  FlameGraphPageError,
  flamegraphBundleDir,
  flamegraphPage,
} from './flamegraph-page.ts';
export {
  defaultAppDir,
  type ServeViewerOptions,
  serveViewer,
  staticPath,
  TRACE_PATH,
  type ViewerServer,
  ViewerServerError,
} from './serve-viewer.ts';
