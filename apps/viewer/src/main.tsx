/**
 * Entry point of the viewer page: mounts the app, and opens `?trace=<url>` or the
 * recording the served page names in a meta element (same origin only) — how
 * `pymem view FILE` preloads.
 */
import { render } from 'preact';
import 'uplot/dist/uPlot.min.css';
import './styles.css';
import { App } from './app/App.tsx';
import { prepareLoader } from './load/open-trace.ts';
import { pagePreload } from './load/preload-url.ts';

prepareLoader();

const root = document.getElementById('app');
if (root) render(<App preload={pagePreload(location.search, document)} />, root);
