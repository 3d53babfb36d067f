/**
 * The self-contained HTML page `pymem flamegraph` writes: the flame-graph bundle
 * (src/flamegraph/standalone.ts with d3-flame-graph, built by vite.flamegraph.config.ts
 * into dist/flamegraph/) and the tree, inlined into one file that opens from disk
 * with no network at all.
 *
 *   <style> flamegraph.css </style>
 *   <script type="application/json" id="pymem-flamegraph-data"> FlameGraphPageData </script>
 *   <script> flamegraph.js (IIFE: reads the data, draws) </script>
 *
 * `<` is written as `\u003c` in the data, so no frame name can close its script.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { StackNode } from '@pymem/analysis';

/** What the page shows. */
export interface FlameGraphPageData {
  /** The page's title and heading (the recording's name). */
  readonly title: string;
  /** One line saying which blocks are counted, and where. */
  readonly subtitle: string;
  /** The allocation-stack tree. */
  readonly root: StackNode;
}

/** The id of the data's script element. */
export const FLAMEGRAPH_DATA_ID = 'pymem-flamegraph-data';

/** Why the page cannot be made (the bundle is not built). */
export class FlameGraphPageError extends Error {
  override readonly name = 'FlameGraphPageError';
}

/** The built bundle: this package's dist/flamegraph, from src/server or dist/server. */
export function flamegraphBundleDir(): string {
  const here = fileURLToPath(new URL('.', import.meta.url));
  const candidates = [join(here, '..', 'flamegraph'), join(here, '..', '..', 'dist', 'flamegraph')];
  return candidates.find((dir) => existsSync(join(dir, 'flamegraph.js'))) ?? candidates[1]!;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * The page for `data`.
 *
 * @throws FlameGraphPageError when the bundle is missing (build the viewer first).
 */
export async function flamegraphPage(
  data: FlameGraphPageData,
  bundleDir: string = flamegraphBundleDir(),
): Promise<string> {
  const script = join(bundleDir, 'flamegraph.js');
  if (!existsSync(script)) {
    throw new FlameGraphPageError(
      `the flame-graph page is not built (${script} is missing): run pnpm build`,
    );
  }
  const [js, css] = await Promise.all([
    readFile(script, 'utf8'),
    readFile(join(bundleDir, 'flamegraph.css'), 'utf8'),
  ]);
  const json = JSON.stringify(data).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(data.title)} — pymem flame graph</title>
<style>${css.replace(/<\/style/gi, '<\\/style')}</style>
</head>
<body>
<div id="pymem-flamegraph"></div>
<script type="application/json" id="${FLAMEGRAPH_DATA_ID}">${json}</script>
<script>${js.replace(/<\/script/gi, '<\\/script')}</script>
</body>
</html>
`;
}
