/**
 * Entry point of the viewer page: mounts the app, and opens `?trace=<url>` or the
 * recording the served page names in a meta element (same origin only) — how
 * `pymem view FILE` preloads. `?run` opens the snippet view (Root.tsx), as does the
 * meta element `pymem view SCRIPT.py` writes, with the script loaded in the editor.
 */
import { render } from 'preact';
import 'uplot/dist/uPlot.min.css';
import './styles.css';
import { Root } from './app/Root.tsx';
import { prepareLoader } from './load/open-trace.ts';
import { pagePreload } from './load/preload-url.ts';
import { SNIPPET_META_NAME } from './server/preload-meta.ts';

prepareLoader();

const root = document.getElementById('app');
const snippet =
  document.querySelector(`meta[name="${SNIPPET_META_NAME}"]`)?.getAttribute('content') || null;
if (root)
  render(
    <Root
      preload={snippet === null ? pagePreload(location.search, document) : null}
      snippet={snippet}
      search={location.search}
    />,
    root,
  );
