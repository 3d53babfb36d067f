/**
 * Vite build of the viewer app into dist/app/. The `@pymem/source` condition comes
 * first so the workspace packages are bundled from their TypeScript sources (no
 * build of them needed), as the root vitest.config.ts does for tests.
 */
import { fileURLToPath } from 'node:url';
import { defaultClientConditions, defineConfig, type Plugin, type UserConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * From file:// a page has an opaque origin, and Chromium refuses it module scripts
 * and `crossorigin` stylesheets read from files: the app is built as one classic
 * script (IIFE, its worker inlined) and loaded without CORS.
 */
const classicScript: Plugin = {
  name: 'pymem-classic-script',
  apply: 'build',
  transformIndexHtml: {
    order: 'post',
    handler: (html) =>
      html
        .replace(/<script type="module" crossorigin src=/g, '<script defer src=')
        .replace(/<link rel="stylesheet" crossorigin href=/g, '<link rel="stylesheet" href='),
  },
};

const config: UserConfig = defineConfig({
  root,
  base: './',
  resolve: { conditions: ['@pymem/source', ...defaultClientConditions] },
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  plugins: [classicScript],
  worker: { format: 'iife' },
  build: {
    outDir: 'dist/app',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    reportCompressedSize: false,
    rolldownOptions: { output: { format: 'iife' } },
  },
});

export default config;
