/**
 * Re-records the heap snapshot fixture (`pnpm snapshot-fixture`): tests/programs/
 * heap_snapshot.py under CPython 3.12.1, replayed with verification before it is
 * written. One version only, to keep the repository small: the live suite
 * (heap-snapshot.live.test.ts) covers 3.8-3.13.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { liveInterpreters } from '@pymem/cpython';
import { Replayer } from '@pymem/runtime';
import { decodePmt } from '@pymem/tracing';
import { compressTrace, FIXTURES_DIR, recordScript, TESTS_DIR } from '../support/fixtures.ts';

// Where the fixture lives (tests/heap-snapshot.test.ts reads it).
const SNAPSHOT_FIXTURE: string = join(FIXTURES_DIR, 'snapshots', '3.12.1', 'heap_snapshot.pmt.br');

const interpreter = liveInterpreters().find((candidate) => candidate.version === '3.12.1');
if (!interpreter) {
  console.error('*** SKIPPED: CPython 3.12.1 not found; the fixture was kept as it is');
  process.exitCode = 1;
} else {
  const bytes = await recordScript(interpreter, join(TESTS_DIR, 'programs', 'heap_snapshot.py'));
  new Replayer(decodePmt(bytes).trace, { verify: true }).runToEnd();
  const compressed = compressTrace(bytes);
  mkdirSync(dirname(SNAPSHOT_FIXTURE), { recursive: true });
  writeFileSync(SNAPSHOT_FIXTURE, compressed);
  console.log(`${SNAPSHOT_FIXTURE}: ${compressed.length.toLocaleString('en-US')} bytes`);
}
