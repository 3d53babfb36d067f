/**
 * Records tests/fixtures/gc/tuple-tracking-3.14.2-pyodide.json: the output of
 * tuple_tracking_probe.py run inside Pyodide (CPython 3.14.2). Run from tests/:
 *   pnpm exec tsx --conditions=@pymem/source scripts/record-tuple-tracking-fixture.ts
 * Exits 1 (after the loud notice) when Pyodide cannot load.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInPyodide } from './pyodide-probe.ts';

const PROBE = join(import.meta.dirname, 'tuple_tracking_probe.py');
const FIXTURE = join(
  import.meta.dirname,
  '..',
  'fixtures',
  'gc',
  'tuple-tracking-3.14.2-pyodide.json',
);

const result = await runInPyodide<{ version: string }>(PROBE, {}, 'run()');
if (result === null) process.exit(1);
writeFileSync(FIXTURE, `${JSON.stringify(result, null, 1)}\n`);
process.stdout.write(`wrote ${FIXTURE} (CPython ${result.version})\n`);
