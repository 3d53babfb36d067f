/**
 * Re-records the bundled example (`pnpm --filter tests record-example`):
 * apps/cli/examples/requests_app.py under CPython 3.12.1 with allocation sites (one
 * frame), as text, compressed with brotli to apps/cli/examples/requests.pymem.txt.br —
 * the recording `pnpm start` (`pymem report`) describes. It holds the marks the program
 * takes and one heap snapshot ("after-cleanup"), and is replayed with verification
 * before it is written. The program runs from a copy under <tmpdir>/pymem (as
 * `python -I -S apps/cli/examples/requests_app.py`), so that the sites name the same
 * path whichever checkout records it.
 */
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';
import { liveInterpreters } from '@pymem/cpython';
import { record } from '@pymem/recorder';
import { Replayer } from '@pymem/runtime';
import { parseTextTrace } from '@pymem/tracing';
import { TESTS_DIR } from '../support/fixtures.ts';

const EXAMPLES = join(TESTS_DIR, '..', 'apps', 'cli', 'examples');
const SCRIPT = 'apps/cli/examples/requests_app.py';

const interpreter = liveInterpreters().find((candidate) => candidate.version === '3.12.1');
if (!interpreter) {
  console.error('*** SKIPPED: CPython 3.12.1 not found; the example was kept as it is');
  process.exitCode = 1;
} else {
  const root = join(tmpdir(), 'pymem');
  rmSync(join(root, 'apps'), { recursive: true, force: true });
  mkdirSync(join(root, 'apps', 'cli', 'examples'), { recursive: true });
  copyFileSync(join(EXAMPLES, 'requests_app.py'), join(root, SCRIPT));
  process.chdir(root);
  const output = join(root, 'requests.pymem.txt');
  const run = await record({
    interpreter,
    args: ['-I', '-S', SCRIPT],
    output,
    overwrite: true,
    format: 'text',
    sites: 1,
    stdio: 'pipe',
  });
  if (run.status !== 0) throw new Error(`${SCRIPT} exited ${run.status}: ${run.stderr}`);
  const text = readFileSync(output, 'utf8');
  new Replayer(parseTextTrace(text), { verify: true }).runToEnd();
  const compressed = brotliCompressSync(text, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_LGWIN]: 24 },
  });
  const target = join(EXAMPLES, 'requests.pymem.txt.br');
  writeFileSync(target, compressed);
  console.log(`${target}: ${compressed.length.toLocaleString('en-US')} bytes`);
}
