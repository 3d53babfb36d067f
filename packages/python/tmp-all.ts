import { readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { runPython } from '@pymem/python';
const dir = process.argv[2]!;
mkdirSync('/tmp/pr/model', { recursive: true });
for (const v of ['3.8', '3.9', '3.10', '3.11', '3.12', '3.13'])
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.py'))) {
    const r = runPython(readFileSync(`${dir}/${f}`, 'utf8'), { python: v, filename: f });
    writeFileSync(`/tmp/pr/model/${f}.${v}`, r.stdout + (r.outcome === 'ok' ? '' : `<<${r.outcome}>> ${r.stderr}`));
  }
