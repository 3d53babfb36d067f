/**
 * The objects of the heap snapshot at the current event: by type (what
 * `pymem objects` prints), a search by type name or address, the selected object
 * (type, size, refcount, generation, referents by edge, its pymalloc block), why it
 * is alive (what `pymem why` prints) and what the collector would find (what
 * `pymem gc` prints). Selecting an object selects its block in the heap map.
 */
import { hexAddress } from '@pymem/obmalloc';
import type { JSX } from 'preact';
import { useMemo, useState } from 'preact/hooks';
import { SEARCH_LIMIT, type SnapshotView } from '../model/snapshot-view.ts';
import { bytes, grouped } from './format.ts';

/** Referents listed for the selected object. */
const REFERENT_LIMIT = 200;

/** Props of {@link ObjectsPanel}. */
export interface ObjectsPanelProps {
  readonly view: SnapshotView;
  readonly selected: number | null;
  readonly onSelect: (object: number) => void;
}

/** A button naming one object: its type and address. */
function ObjectLink(props: {
  view: SnapshotView;
  object: number;
  onSelect: (object: number) => void;
  prefix?: string;
}): JSX.Element {
  const { view, object, onSelect, prefix } = props;
  const address = hexAddress(view.snapshot.address[object] as number);
  const label = view.label(object);
  return (
    <button
      type="button"
      class="object-link"
      data-address={address}
      onClick={() => onSelect(object)}
    >
      {prefix && <span class="edge">{prefix}</span>} {view.typeName(object)}
      {label !== null ? ` ${label}` : ''} <span class="address">{address}</span>
    </button>
  );
}

function TypesTable({
  view,
  onType,
}: {
  view: SnapshotView;
  onType: (type: string) => void;
}): JSX.Element {
  const result = view.objects();
  return (
    <div class="objects-types-box">
      <p data-testid="objects-summary">
        {grouped(result.objects)} objects, {grouped(result.bytes)} bytes: {grouped(result.linked)}{' '}
        in {grouped(result.blocks)} pymalloc blocks, {grouped(result.outside)} outside pymalloc,{' '}
        {grouped(result.unlinked)} unlinked
      </p>
      <table class="objects-types" data-testid="objects-types">
        <thead>
          <tr>
            <th>objects</th>
            <th>bytes</th>
            <th>in blocks</th>
            <th>type</th>
          </tr>
        </thead>
        <tbody>
          {result.types.map((row) => (
            <tr key={row.type} data-type={row.type} onClick={() => onType(row.type)}>
              <td>{grouped(row.objects)}</td>
              <td>{grouped(row.bytes)}</td>
              <td>{grouped(row.linked)}</td>
              <td>{row.type}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ObjectDetail({
  view,
  object,
  onSelect,
}: {
  view: SnapshotView;
  object: number;
  onSelect: (object: number) => void;
}): JSX.Element {
  const s = view.snapshot;
  const size = s.size[object] as number;
  const block = view.blockOf(object);
  const referents = view.referents(object);
  const chain = view.why(object);
  return (
    <div class="object-detail" data-testid="object-detail">
      <dl>
        <dt>type</dt>
        <dd data-testid="object-type">{view.typeName(object)}</dd>
        <dt>address</dt>
        <dd data-testid="object-address">{hexAddress(s.address[object] as number)}</dd>
        <dt>sys.getsizeof</dt>
        <dd data-testid="object-size">{size < 0 ? 'unknown' : `${grouped(size)} bytes`}</dd>
        <dt>refcount</dt>
        <dd data-testid="object-refcount">
          {view.immortal(object) ? 'immortal' : grouped(s.refcount[object] as number)}
        </dd>
        <dt>collector</dt>
        <dd data-testid="object-generation">{view.generation(object)}</dd>
        <dt>block</dt>
        <dd data-testid="object-block">
          {block
            ? `${hexAddress(block.address)} (${block.size}-byte block ${block.index} of pool ${block.pool}, arena #${block.arena})`
            : 'outside pymalloc (static, or from malloc)'}
        </dd>
      </dl>
      <h3>referents ({grouped(referents.length)})</h3>
      <ul class="referents" data-testid="object-referents">
        {referents.slice(0, REFERENT_LIMIT).map((referent, k) => (
          <li key={k}>
            <ObjectLink
              view={view}
              object={referent.object}
              onSelect={onSelect}
              prefix={referent.edge || '·'}
            />
          </li>
        ))}
        {referents.length > REFERENT_LIMIT && (
          <li>… {grouped(referents.length - REFERENT_LIMIT)} more</li>
        )}
      </ul>
      <h3>why alive</h3>
      <p class="why-text" data-testid="why-text">
        {chain.text}
      </p>
      <ol class="why-chain" data-testid="why-chain">
        {chain.path.map((step, k) => (
          <li key={step} data-root={k === 0 ? chain.root : undefined}>
            <ObjectLink view={view} object={step} onSelect={onSelect} />
            {chain.edges[k] !== undefined && <span class="edge">{chain.edges[k] || '→'}</span>}
          </li>
        ))}
      </ol>
    </div>
  );
}

/** Types named per arena. */
const ARENA_TYPES_SHOWN = 4;

function ArenaTable({ view }: { view: SnapshotView }): JSX.Element {
  const arenas = view.arenaObjects();
  return (
    <div class="arena-objects">
      <h3>what lives in each arena</h3>
      <table class="objects-arenas" data-testid="objects-arenas">
        <thead>
          <tr>
            <th>arena</th>
            <th>objects</th>
            <th>bytes</th>
            <th>types, most bytes first</th>
          </tr>
        </thead>
        <tbody>
          {arenas.map((row) => (
            <tr key={row.arena} data-arena={row.arena}>
              <td>#{row.arena}</td>
              <td>{grouped(row.objects)}</td>
              <td>{grouped(row.bytes)}</td>
              <td>
                {row.types
                  .slice(0, ARENA_TYPES_SHOWN)
                  .map((type) => `${type.type} ×${grouped(type.objects)}`)
                  .join(', ')}
                {row.types.length > ARENA_TYPES_SHOWN
                  ? `, … ${grouped(row.types.length - ARENA_TYPES_SHOWN)} more types`
                  : ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** What each phase's count is, in words (phases as @pymem/gc names them). */
const PHASE_WORDS: Readonly<Record<string, string>> = {
  'update-refs': 'gc_refs copied from the refcounts',
  'immortal-to-permanent': 'immortal objects moved to the permanent generation',
  'subtract-refs': 'internal references subtracted',
  'move-unreachable': 'tentatively unreachable',
  'untrack-tuples': 'tuples untracked',
  'untrack-dicts': 'dicts untracked',
  'move-legacy-finalizers': 'held by legacy finalizers (tp_del)',
  'handle-weakrefs': 'weakrefs cleared',
  'finalize-garbage': 'finalizers (__del__) called',
  resurrected: 'resurrected',
  'delete-garbage': 'cleared and freed (tp_clear)',
  'handle-legacy-finalizers': 'appended to gc.garbage',
};

function CollectorSummary({ view }: { view: SnapshotView }): JSX.Element {
  const result = view.collect();
  const phases = view.phases();
  return (
    <div class="collector" data-testid="collector">
      <h3>the collector at this snapshot</h3>
      <p data-testid="collector-summary">
        gc.collect({result.generation}) would return {grouped(result.unreachable)}:{' '}
        {grouped(result.collected)} collected, {grouped(result.uncollectable)} uncollectable,{' '}
        {grouped(result.bytes)} bytes given back
        {result.weakrefCallbacks > 0
          ? `; ${grouped(result.weakrefCallbacks)} weakref callbacks`
          : ''}
      </p>
      <ol class="collector-phases" data-testid="collector-phases">
        {phases.map((step, k) => (
          <li key={k} data-phase={step.phase}>
            <span class="phase">{step.phase}</span> {grouped(step.objects)}{' '}
            <span class="hint">{PHASE_WORDS[step.phase] ?? ''}</span>
          </li>
        ))}
      </ol>
      {result.groups.length > 0 && (
        <table class="collector-groups" data-testid="collector-groups">
          <thead>
            <tr>
              <th>cycles</th>
              <th>objects</th>
              <th>bytes</th>
              <th>composition</th>
            </tr>
          </thead>
          <tbody>
            {result.groups.map((group) => (
              <tr key={group.composition}>
                <td>{grouped(group.cycles)}</td>
                <td>{grouped(group.objects)}</td>
                <td>{grouped(group.bytes)}</td>
                <td>
                  {group.composition}
                  {group.finalizers > 0 ? ` (${grouped(group.finalizers)} with __del__)` : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

/** The objects panel of one heap snapshot. */
export function ObjectsPanel({ view, selected, onSelect }: ObjectsPanelProps): JSX.Element {
  const [query, setQuery] = useState('');
  const found = useMemo(() => view.search(query), [view, query]);
  const total = view.objects();
  return (
    <section
      class="panel objects"
      aria-label="Objects of the heap snapshot"
      data-testid="objects-panel"
    >
      <header>
        <h2>objects — heap snapshot "{view.snapshot.label}"</h2>
        <span class="hint">{bytes(total.bytes)}</span>
      </header>
      <TypesTable view={view} onType={setQuery} />
      <ArenaTable view={view} />
      <label class="objects-search">
        find by type or address{' '}
        <input
          type="search"
          data-testid="objects-search"
          placeholder="__main__.Leak or 0x7f…"
          value={query}
          onInput={(event) => setQuery((event.currentTarget as HTMLInputElement).value)}
        />
      </label>
      {query.trim() !== '' && (
        <ul class="objects-results" data-testid="objects-results">
          {found.length === 0 && <li class="hint">no object matches</li>}
          {found.map((object) => (
            <li key={object}>
              <ObjectLink view={view} object={object} onSelect={onSelect} />
            </li>
          ))}
          {found.length === SEARCH_LIMIT && <li class="hint">first {SEARCH_LIMIT} shown</li>}
        </ul>
      )}
      {selected !== null && <ObjectDetail view={view} object={selected} onSelect={onSelect} />}
      <CollectorSummary view={view} />
    </section>
  );
}
