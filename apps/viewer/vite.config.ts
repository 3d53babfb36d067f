/**
 * Vite build of the viewer app into dist/app/. The `@pymem/source` condition comes
 * first so the workspace packages are bundled from their TypeScript sources (no
 * build of them needed), as the root vitest.config.ts does for tests.
 */
import { fileURLToPath } from 'node:url';
import { defaultClientConditions, defineConfig, type UserConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

const config: UserConfig = defineConfig({
  root,
  base: './',
  resolve: { conditions: ['@pymem/source', ...defaultClientConditions] },
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  worker: { format: 'es' },
  build: {
    outDir: 'dist/app',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    reportCompressedSize: false,
  },
});

export default config;
