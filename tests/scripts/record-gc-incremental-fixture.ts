/**
 * Records tests/fixtures/gc/gc-incremental-3.14.2-pyodide.json: the output of
 * gc_incremental_probe.py run inside Pyodide (CPython 3.14.2, which runs the
 * 3.14.0–3.14.4 incremental collector). Run from tests/:
 *   pnpm exec tsx --conditions=@pymem/source scripts/record-gc-incremental-fixture.ts
 * Exits 1 (after the loud notice) when Pyodide cannot load.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInPyodide } from './pyodide-probe.ts';

const PROBE = join(import.meta.dirname, 'gc_incremental_probe.py');
const FIXTURE = join(
  import.meta.dirname,
  '..',
  'fixtures',
  'gc',
  'gc-incremental-3.14.2-pyodide.json',
);

const result = await runInPyodide<{ version: string }>(PROBE, {}, 'run()');
if (result === null) process.exit(1);
writeFileSync(FIXTURE, `${JSON.stringify(result)}\n`);
process.stdout.write(`wrote ${FIXTURE} (CPython ${result.version})\n`);
