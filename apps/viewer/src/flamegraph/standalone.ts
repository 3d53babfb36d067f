/**
 * The page `pymem flamegraph` writes (see server/flamegraph-page.ts): reads the tree
 * from its JSON script element and draws it full width, with a search box. Built as
 * one IIFE by vite.flamegraph.config.ts.
 */

import { bytes, grouped } from '../panels/format.ts';
import type { FlameGraphPageData } from '../server/flamegraph-page.ts';
import { type FlameGraphHandle, mountFlameGraph } from './flame-graph.ts';
import './standalone.css';

const data = JSON.parse(
  document.getElementById('pymem-flamegraph-data')?.textContent ?? 'null',
) as FlameGraphPageData | null;
const app = document.getElementById('pymem-flamegraph');
if (data && app) {
  const heading = document.createElement('h1');
  heading.textContent = data.title;
  const subtitle = document.createElement('p');
  subtitle.textContent = `${data.subtitle}: ${bytes(data.root.bytes)} requested in ${grouped(data.root.blocks)} blocks. Click a frame to zoom in, the root to zoom out.`;
  const search = document.createElement('input');
  search.type = 'search';
  search.placeholder = 'highlight file or file:line';
  search.setAttribute('aria-label', 'highlight frames');
  const details = document.createElement('div');
  details.className = 'details';
  const chart = document.createElement('div');
  chart.className = 'chart';
  chart.dataset.testid = 'flamegraph';
  app.append(heading, subtitle, search, details, chart);
  let handle: FlameGraphHandle = mountFlameGraph(chart, data.root, chart.clientWidth, details);
  search.addEventListener('input', () => handle.search(search.value));
  let timer: ReturnType<typeof setTimeout> | undefined;
  window.addEventListener('resize', () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      handle.destroy();
      handle = mountFlameGraph(chart, data.root, chart.clientWidth, details);
    }, 150);
  });
}
