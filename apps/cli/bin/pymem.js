#!/usr/bin/env node
import { main } from '../dist/bin/main.js';

// Run as `pnpm pymem …` from a workspace script, the working directory is the
// package's; the user's own directory (where relative paths are meant) is INIT_CWD.
if (process.env.npm_lifecycle_event === 'pymem' && process.env.INIT_CWD) {
  process.chdir(process.env.INIT_CWD);
}
process.exitCode = await main(process.argv.slice(2));
