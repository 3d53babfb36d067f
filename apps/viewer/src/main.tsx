/**
 * Entry point of the viewer page: mounts the app, and opens `?trace=<url>` or the
 * recording the served page names in a meta element (same origin only) — how
 * `pymem view FILE` preloads. `?run` opens the snippet view (Root.tsx).
 */
import { render } from 'preact';
import 'uplot/dist/uPlot.min.css';
import './styles.css';
import { Root } from './app/Root.tsx';
import { prepareLoader } from './load/open-trace.ts';
import { pagePreload } from './load/preload-url.ts';

prepareLoader();

const root = document.getElementById('app');
if (root)
  render(<Root preload={pagePreload(location.search, document)} search={location.search} />, root);
