/**
 * Bundles the `pymem` command (src/main.ts and the commands it loads on demand) into
 * dist/bin/: one module for start-up, one chunk per lazily loaded command. Start-up
 * then reads one file instead of the two dozen modules of commander, picocolors and
 * this package (issue #16: `pymem --help` within 150 ms). The @pymem packages stay
 * external, so every layer is loaded once, from its own dist/.
 */
import { build } from 'esbuild';

await build({
  entryPoints: { main: 'src/main.ts' },
  outdir: 'dist/bin',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20.19',
  external: ['@pymem/*'],
  // commander and cli-progress are CommonJS: their require() of Node's modules needs one.
  banner: {
    js: "import { createRequire as __pymemRequire } from 'node:module'; const require = __pymemRequire(import.meta.url);",
  },
  logLevel: 'warning',
});
