/**
 * `pymem why FILE [--mark L] (ADDRESS | --type T) [--json]`: the shortest chain of
 * references that keeps an object of a heap snapshot alive, named edge by edge,
 * from a module (else from a reference from outside the snapshot: a frame, C code).
 * With `--type`, one chain for each of the first objects of that type.
 */
import { heapTypeName, type ReferenceChain, ReferenceChains } from '@pymem/analysis';
import { CliError } from '../exit-codes.ts';
import { count } from '../format.ts';
import { colors, type Io, printJson } from '../io.ts';
import { loadTrace, type ReadOptions } from '../load.ts';
import { findSnapshot } from './gc.ts';

/** Options of `pymem why`. */
export interface WhyOptions extends ReadOptions {
  /** The snapshot's label (default: the last snapshot). */
  readonly mark?: string;
  /** `module.qualname` (or a builtin's name): explain objects of this type. */
  readonly type?: string;
  /** Objects explained with `--type` (default 3). */
  readonly top?: number;
  readonly json?: boolean;
}

/** Runs the command; returns the exit status. */
export async function whyCommand(
  io: Io,
  file: string,
  address: string | undefined,
  options: WhyOptions,
): Promise<number> {
  if ((address === undefined) === (options.type === undefined))
    throw new CliError('usage', 'give an object address or --type, not both and not neither');
  const { trace, warnings } = await loadTrace(io, file, options);
  const snapshot = findSnapshot(trace, options.mark);
  const chains = new ReferenceChains(snapshot);
  const targets: number[] = [];
  if (address !== undefined) {
    const value = /^(0x)?[0-9a-f]+$/i.test(address)
      ? Number.parseInt(address.replace(/^0x/i, ''), 16)
      : Number.NaN;
    const target = Number.isNaN(value) ? -1 : chains.objectAt(value);
    if (target < 0)
      throw new CliError(
        'bad-input',
        `${address} is no object of heap snapshot "${snapshot.label}" (${count(snapshot.length)} objects; pymem objects lists their types)`,
      );
    targets.push(target);
  } else {
    const top = options.top ?? 3;
    for (let i = 0; i < snapshot.length && targets.length < top; i++)
      if (heapTypeName(snapshot, i) === options.type) targets.push(i);
    if (targets.length === 0)
      throw new CliError(
        'bad-input',
        `no object of type ${options.type} in heap snapshot "${snapshot.label}" (pymem objects lists the types it holds)`,
      );
  }
  const found: ReferenceChain[] = targets.map((target) => chains.chainTo(target));
  if (options.json) {
    const hex = (i: number) => `0x${(snapshot.address[i] as number).toString(16)}`;
    printJson(io, {
      python: trace.header.python,
      mark: snapshot.label,
      chains: found.map((chain) => ({
        root: chain.root,
        text: chain.text,
        path: chain.path.map((i, k) => ({
          address: hex(i),
          type: heapTypeName(snapshot, i),
          edge: chain.edges[k] ?? '',
        })),
      })),
      warnings,
    });
    return 0;
  }
  const c = colors(io);
  const lines = [
    `${c.bold('pymem why')}  ${file}: CPython ${trace.header.python}, heap snapshot "${snapshot.label}"`,
    ...found.map((chain) => `  ${chain.text}`),
  ];
  io.out(`${lines.join('\n')}\n`);
  return 0;
}
