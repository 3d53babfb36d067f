/**
 * `pymem flamegraph FILE` and `pymem export FILE --to speedscope`: the allocation
 * stacks of a recording with sites (`allocation-stacks.ts` of @pymem/analysis) as a
 * self-contained HTML flame graph, as JSON (`--json`), or as a speedscope file.
 *
 * Which blocks (one of, default --peak):
 *   --at N | --mark L     live after N events / at the mark
 *   --peak                live at the peak of live requested bytes (livePeak)
 *   --from A --to B       allocated in [A, B), whatever became of them
 *                         (`export` spells the end --until: its --to is the format)
 *
 * Output goes to -o FILE ("-": standard output), by default to `<stem>.flamegraph.html`
 * or `<stem>.speedscope.json` in the current directory, where stem is the recording's
 * name without its extensions; an existing file is kept unless --force.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import {
  allocatedStacks,
  blockLifetimes,
  type LivePeak,
  livePeak,
  liveStacks,
  type StackNode,
} from '@pymem/analysis';
import type { Trace } from '@pymem/tracing';
import { FlameGraphPageError, flamegraphPage } from '@pymem/viewer/server';
import { CliError } from '../exit-codes.ts';
import { count } from '../format.ts';
import type { Io } from '../io.ts';
import { printJson } from '../io.ts';
import { loadTrace, type ReadOptions, resolvePoint } from '../load.ts';
import { packageFile } from '../package-file.ts';
import { speedscopeFile } from '../speedscope.ts';

/** The options choosing which blocks the tree counts. */
export interface StackSelectionOptions extends ReadOptions {
  readonly at?: string;
  readonly mark?: string;
  readonly peak?: boolean;
  readonly from?: string;
  /** The window's end (`flamegraph --to`, `export --until`). */
  readonly until?: string;
  /** Where to write ("-": standard output). */
  readonly output?: string;
  readonly force?: boolean;
}

/** Options of `pymem flamegraph`. */
export interface FlamegraphOptions extends Omit<StackSelectionOptions, 'until'> {
  readonly to?: string;
  readonly json?: boolean;
}

/** Options of `pymem export`. */
export interface ExportOptions extends StackSelectionOptions {
  /** The format: speedscope. */
  readonly to: string;
}

/** Which blocks a tree counts, resolved. */
export type StackSelection =
  | {
      readonly mode: 'live';
      readonly eventIndex: number;
      readonly mark: string | null;
      readonly peak: LivePeak | null;
    }
  | { readonly mode: 'allocated'; readonly from: number; readonly to: number };

/** A recording's tree for the options given. */
interface Stacks {
  readonly trace: Trace;
  readonly warnings: readonly string[];
  readonly selection: StackSelection;
  readonly root: StackNode;
}

async function loadStacks(
  io: Io,
  file: string,
  options: StackSelectionOptions,
  endFlag: string,
): Promise<Stacks> {
  const window = options.from !== undefined || options.until !== undefined;
  const point = options.at !== undefined || options.mark !== undefined;
  const given = [point, options.peak === true, window].filter(Boolean).length;
  if (given > 1) {
    throw new CliError('usage', `give one of --at, --mark, --peak or --from/${endFlag}`);
  }
  const { trace, warnings } = await loadTrace(io, file, options);
  if (trace.tracebacks.length === 0) {
    throw new CliError(
      'bad-input',
      `${file} has no allocation sites: record it with pymem record --sites N (e.g. --sites 8)`,
    );
  }
  if (window) {
    const from = resolvePoint(trace, { at: options.from ?? '0' }, '--from').eventIndex;
    const to = resolvePoint(
      trace,
      { at: options.until ?? String(trace.length) },
      endFlag,
    ).eventIndex;
    if (from > to) {
      throw new CliError(
        'bad-input',
        `--from (event ${from}) comes after ${endFlag} (event ${to})`,
      );
    }
    return {
      trace,
      warnings,
      selection: { mode: 'allocated', from, to },
      root: allocatedStacks(trace, from, to),
    };
  }
  const freedAt = blockLifetimes(trace);
  if (point) {
    const { eventIndex, mark } = resolvePoint(trace, options);
    return {
      trace,
      warnings,
      selection: { mode: 'live', eventIndex, mark, peak: null },
      root: liveStacks(trace, eventIndex, freedAt),
    };
  }
  const peak = livePeak(trace, freedAt);
  return {
    trace,
    warnings,
    selection: { mode: 'live', eventIndex: peak.eventIndex, mark: null, peak },
    root: liveStacks(trace, peak.eventIndex, freedAt),
  };
}

/** One line saying which blocks are counted. */
export function describeSelection(selection: StackSelection): string {
  if (selection.mode === 'allocated') {
    return `allocated in events ${count(selection.from)} … ${count(selection.to)} (freed or not)`;
  }
  const at = `after ${count(selection.eventIndex)} events`;
  if (selection.peak) return `live at the peak of live bytes (${at})`;
  return selection.mark !== null ? `live at mark "${selection.mark}" (${at})` : `live ${at}`;
}

/** The recording's name without its extensions (`app.pymem.txt.br` → `app`). */
function stemOf(file: string): string {
  if (file === '-') return 'stdin';
  return basename(file)
    .replace(/\.(br|gz)$/, '')
    .replace(/\.(pmt|txt)$/, '')
    .replace(/\.pymem$/, '');
}

/** Writes `text` to `output` ("-": standard output), never over a file without `force`. */
async function writeOutput(io: Io, output: string, text: string, force: boolean): Promise<void> {
  if (output === '-') {
    io.out(text);
    return;
  }
  try {
    await writeFile(output, text, { flag: force ? 'w' : 'wx' });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST')
      throw new CliError('bad-input', `${output} exists already: give --force or another -o`);
    if (code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR')
      throw new CliError('bad-input', `cannot write ${output}: ${code}`);
    throw error;
  }
}

/** Counts the nodes of a tree (frames the flame graph can draw, the root included). */
function nodeCount(node: StackNode): number {
  let n = 1;
  for (const child of node.children) n += nodeCount(child);
  return n;
}

/** `pymem flamegraph`: returns the exit status. */
export async function flamegraphCommand(
  io: Io,
  file: string,
  options: FlamegraphOptions,
): Promise<number> {
  const { to, ...rest } = options;
  const { trace, warnings, selection, root } = await loadStacks(
    io,
    file,
    { ...rest, ...(to !== undefined ? { until: to } : {}) },
    '--to',
  );
  if (options.json) {
    printJson(io, {
      file,
      python: trace.header.python,
      events: trace.length,
      selection,
      frames: nodeCount(root) - 1,
      root,
      warnings,
    });
    return 0;
  }
  const output = options.output ?? `${stemOf(file)}.flamegraph.html`;
  let html: string;
  try {
    html = await flamegraphPage({
      title: basename(file),
      subtitle: describeSelection(selection),
      root,
    });
  } catch (error) {
    if (error instanceof FlameGraphPageError) throw new CliError('bad-input', error.message);
    throw error;
  }
  await writeOutput(io, output, html, options.force ?? false);
  if (output !== '-') {
    io.err(
      `pymem: wrote the flame graph of ${count(root.blocks)} blocks (${count(root.bytes)} bytes, ${count(nodeCount(root) - 1)} frames) ${describeSelection(selection)} to ${output}\n`,
    );
  }
  return 0;
}

/** `pymem export --to speedscope`: returns the exit status. */
export async function exportCommand(io: Io, file: string, options: ExportOptions): Promise<number> {
  if (options.to !== 'speedscope') {
    throw new CliError('usage', `--to takes speedscope, not "${options.to}"`);
  }
  const { selection, root } = await loadStacks(io, file, options, '--until');
  const output = options.output ?? `${stemOf(file)}.speedscope.json`;
  const version = await cliVersion();
  const profile = speedscopeFile(
    root,
    `${basename(file)}: ${describeSelection(selection)}`,
    `pymem ${version}`,
  );
  await writeOutput(io, output, `${JSON.stringify(profile)}\n`, options.force ?? false);
  if (output !== '-') {
    io.err(
      `pymem: wrote a speedscope profile of ${count(root.blocks)} blocks (${count(root.bytes)} bytes) ${describeSelection(selection)} to ${output}\n`,
    );
  }
  return 0;
}

async function cliVersion(): Promise<string> {
  const pkg = JSON.parse(await readFile(packageFile('package.json'), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}
