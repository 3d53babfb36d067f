/**
 * Entry point of the viewer page: mounts the app, and opens `?trace=<url>` (same
 * origin only) when the page was opened with one — how `pymem view FILE` preloads.
 */
import { render } from 'preact';
import 'uplot/dist/uPlot.min.css';
import './styles.css';
import { App } from './app/App.tsx';
import { prepareLoader } from './load/open-trace.ts';

prepareLoader();

const root = document.getElementById('app');
if (root) render(<App preload={new URLSearchParams(location.search).get('trace')} />, root);
