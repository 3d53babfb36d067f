import { type Interpreter, liveInterpreters } from '@pymem/cpython';
import {
  type LayerVerification,
  PROFILE_NAMES,
  PROFILES,
  type ProfileName,
  VERIFIED_AGAINST,
} from '@pymem/versions';
import { colors, type Io, printJson } from '../io.ts';

/** How a profile is verified on this machine. */
type VerifiedBy = 'live + fixtures' | 'fixtures' | 'source only';

interface VersionRow {
  readonly name: ProfileName;
  readonly referenceRelease: string;
  readonly verification: 'recorded' | 'source';
  readonly verifiedBy: VerifiedBy;
  /** What each model layer is verified against (the layers' own tests). */
  readonly layers: readonly LayerVerification[];
  readonly interpreters: readonly { path: string; version: string; source: string }[];
}

/** Options of `pymem versions`. */
export interface VersionsOptions {
  readonly json?: boolean;
  /** Show only this profile's row (`--python 3.11`); absent: every profile. */
  readonly profile?: ProfileName;
}

/**
 * `pymem versions [--json] [--python X]`: the supported profiles (or only X's), what
 * each layer is verified against (`VERIFIED_AGAINST`), and the interpreters found here.
 */
export function versionsCommand(io: Io, options: VersionsOptions): number {
  const found = liveInterpreters();
  const names: readonly ProfileName[] = options.profile ? [options.profile] : PROFILE_NAMES;
  const rows: VersionRow[] = names.map((name) => {
    const profile = PROFILES[name];
    const interpreters = found
      .filter((interpreter) => interpreter.profile === name)
      .map(({ path, version, source }) => ({ path, version, source }));
    const verifiedBy: VerifiedBy =
      profile.verification === 'source'
        ? 'source only'
        : interpreters.length > 0
          ? 'live + fixtures'
          : 'fixtures';
    return {
      name,
      referenceRelease: profile.referenceRelease,
      verification: profile.verification,
      verifiedBy,
      layers: VERIFIED_AGAINST[name],
      interpreters,
    };
  });
  if (options.json) {
    const other = found.filter((interpreter: Interpreter) => interpreter.profile === null);
    printJson(io, {
      profiles: rows,
      unsupportedInterpreters: other.map(({ path, version }) => ({ path, version })),
    });
    return 0;
  }
  const c = colors(io);
  const lines = [c.bold('CPython version profiles modelled by pymem'), ''];
  const header = ['profile', 'reference', 'verified by', 'interpreters found here'];
  const table = rows.map((row) => [
    row.name,
    row.referenceRelease,
    row.verifiedBy,
    row.interpreters.length > 0
      ? row.interpreters.map((i) => `${i.path} (${i.version})`).join(', ')
      : row.verification === 'source'
        ? '- (modelled from CPython source; no binary run)'
        : '- (none: live checks skipped, fixtures still run)',
  ]);
  const widths = header.map((h, k) => Math.max(h.length, ...table.map((r) => r[k]!.length)));
  const format = (cells: string[]) =>
    cells.map((cell, k) => (k === cells.length - 1 ? cell : cell.padEnd(widths[k]!))).join('  ');
  lines.push(c.dim(format(header)));
  const layerWidth = Math.max(...rows.flatMap((row) => row.layers.map((l) => l.layer.length)));
  rows.forEach((row, k) => {
    lines.push(format(table[k]!));
    for (const layer of row.layers) {
      const against = layer.interpreter
        ? `${layer.against.filter((a) => a !== 'source').join(' + ')} ${layer.interpreter}`
        : 'source only';
      lines.push(c.dim(`    ${layer.layer.padEnd(layerWidth)}  ${against}: ${layer.checks}`));
    }
  });
  const recorded = rows.filter((row) => row.verification === 'recorded');
  const live = recorded.filter((row) => row.interpreters.length > 0).length;
  if (!options.profile) {
    lines.push(
      '',
      `${live} of ${recorded.length} recorded profiles have an interpreter here; ` +
        `3.14 is modelled from source.`,
    );
  }
  if (!options.profile || options.profile === '3.14')
    lines.push(
      '',
      'pymem run: 3.8 … 3.13 checked against CPython program by program; 3.14 against ' +
        "Pyodide's CPython 3.14.2 (wasm32, 4-byte pointers); `pymem run --python 3.14` uses the " +
        'native 64-bit layout, modelled from source.',
    );
  io.out(`${lines.join('\n')}\n`);
  return 0;
}
