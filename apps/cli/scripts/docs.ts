// Regenerates docs/cli-json.md from the zod schemas of every --json output.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cliJsonDocs } from '../src/json-schemas.ts';

writeFileSync(join(import.meta.dirname, '..', '..', '..', 'docs', 'cli-json.md'), cliJsonDocs());
