/**
 * Vite build of the standalone flame-graph page's bundle into dist/flamegraph/: one
 * IIFE (flamegraph.js) and one stylesheet (flamegraph.css) that
 * src/server/flamegraph-page.ts inlines into the HTML `pymem flamegraph` writes.
 */
import { fileURLToPath } from 'node:url';
import { defaultClientConditions, defineConfig, type UserConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

const config: UserConfig = defineConfig({
  root,
  resolve: { conditions: ['@pymem/source', ...defaultClientConditions] },
  define: { 'process.env.NODE_ENV': '"production"' },
  build: {
    outDir: 'dist/flamegraph',
    emptyOutDir: true,
    target: 'es2022',
    reportCompressedSize: false,
    lib: {
      entry: 'src/flamegraph/standalone.ts',
      formats: ['iife'],
      name: 'pymemFlamegraph',
      fileName: () => 'flamegraph.js',
      cssFileName: 'flamegraph',
    },
  },
});

export default config;
