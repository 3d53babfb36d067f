/**
 * The viewer's fragmentation panel and `pymem fragmentation --json` say the same thing
 * about the bundled example at every mark: the same arenas, each with the same pools,
 * bytes, live blocks, status and pinning size classes, and the same nearly-empty
 * summary. The viewer side goes through its own code path — the worker's first pass,
 * a `ViewerSession` seeking to the mark, the panel's data function — reached by path,
 * as the viewer is an app with no library surface.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliDecompressSync } from 'node:zlib';
import { reportArenaRow } from '@pymem/analysis';
import { parseTextTrace } from '@pymem/tracing';
import { describe, expect, it } from 'vitest';
import { firstPass } from '../apps/viewer/src/model/first-pass.ts';
import { fragmentationPanelData } from '../apps/viewer/src/model/fragmentation.ts';
import { ViewerSession } from '../apps/viewer/src/model/session.ts';
import { ROOT } from './support/packages.ts';
import { runCli } from './support/run-cli.ts';

const EXAMPLE = 'apps/cli/examples/requests.pymem.txt.br';

function openInViewer(): ViewerSession {
  // `pymem view` serves a .br recording decompressed; the page's worker parses that
  // text (with the streaming TextTraceParser), replays it once (firstPass) and hands
  // the result to a ViewerSession, which restores the end state it was given.
  const text = brotliDecompressSync(readFileSync(join(ROOT, EXAMPLE))).toString('utf8');
  const trace = parseTextTrace(text);
  const pass = firstPass(trace);
  return new ViewerSession({
    trace,
    name: 'requests.pymem.txt',
    format: 'text',
    warnings: [],
    timeline: pass.timeline,
    end: structuredClone(pass.end),
  });
}

describe('fragmentation: the viewer panel and pymem fragmentation --json', () => {
  it('agree on every arena and on the nearly-empty arenas at every mark', async () => {
    const session = openInViewer();
    const marks = session.trace.marks;
    expect(marks.length).toBeGreaterThanOrEqual(3);
    let nearlyEmptySeen = 0;
    for (const mark of marks) {
      const { status, stdout } = await runCli([
        'fragmentation',
        EXAMPLE,
        '--mark',
        mark.label,
        '--json',
      ]);
      expect(status).toBe(0);
      const cli = JSON.parse(stdout);
      expect(cli.point).toEqual({ eventIndex: mark.eventIndex, mark: mark.label });

      const panel = fragmentationPanelData(session, mark.eventIndex);
      const viewerRows = panel.arenas.map(reportArenaRow);
      const cliRows = cli.arenas.map(({ sites: _, ...row }: { sites: unknown }) => row);
      expect(viewerRows, `arenas at mark "${mark.label}"`).toEqual(cliRows);
      expect(panel.nearlyEmpty, `nearly empty at mark "${mark.label}"`).toEqual(cli.nearlyEmpty);
      expect({
        arenas: panel.arenas.length,
        bytesInArenas: panel.bytesInArenas,
        bytesInBlocks: panel.bytesInBlocks,
        utilisation: panel.utilisation,
        freeArenas: panel.freeArenas,
        outsidePymalloc: panel.outsidePymalloc,
      }).toEqual(cli.now);
      // The panel lists the emptiest nearly-empty arenas, all of them CLI rows so marked.
      for (const arena of panel.worst)
        expect(cli.arenas[panel.arenas.indexOf(arena)].status).toBe('nearly-empty');
      nearlyEmptySeen += panel.nearlyEmpty.arenas;
    }
    expect(nearlyEmptySeen).toBeGreaterThan(0);
  });
});
