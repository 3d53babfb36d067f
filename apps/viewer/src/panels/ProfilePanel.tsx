/**
 * The CPython version profile the recording is modelled with: the version, how pymem
 * knows that version behaves as modelled, and pymalloc's constants for it.
 */
import { Fragment, type JSX } from 'preact';
import type { ViewerSession } from '../model/session.ts';
import { bytes, grouped } from './format.ts';

/** Props of {@link ProfilePanel}. */
export interface ProfilePanelProps {
  readonly session: ViewerSession;
}

function metadataText(value: unknown): string {
  if (Array.isArray(value)) return value.map(String).join(' ');
  if (typeof value === 'object' && value !== null) return JSON.stringify(value);
  return String(value);
}

/** The profile panel. */
export function ProfilePanel({ session }: ProfilePanelProps): JSX.Element {
  const profile = session.profile;
  const c = session.constants;
  const header = session.trace.header;
  const argvComment = session.trace.comments.find((comment) => comment.text.startsWith(' argv '));
  const argv = 'argv' in header.metadata || !argvComment ? null : argvComment.text.slice(6);
  return (
    <section class="panel" aria-label="CPython version profile" data-testid="profile">
      <header>
        <h2>CPython {header.python}</h2>
      </header>
      <dl class="facts">
        <dt>profile</dt>
        <dd>
          {profile.name}:{' '}
          {profile.verification === 'recorded'
            ? `verified against recordings of CPython ${profile.referenceRelease}`
            : `modelled from CPython ${profile.referenceRelease}'s source (no binary run)`}
        </dd>
        <dt>pools and arenas</dt>
        <dd>
          POOL_SIZE {bytes(c.poolSize)}, ARENA_SIZE {bytes(c.arenaSize)}, {c.maxPoolsInArena} pools
          per arena
        </dd>
        <dt>size classes</dt>
        <dd>
          {c.numSizeClasses} classes of {c.alignment} bytes up to {c.smallRequestThreshold} bytes;
          pool header {c.poolOverhead} bytes
        </dd>
        <dt>arena release</dt>
        <dd>
          {c.keepLastFreeArena
            ? 'a wholly free arena is released unless it is the last usable one (3.9+)'
            : 'every wholly free arena is released'}
        </dd>
        <dt>address_in_range</dt>
        <dd>{c.radixTree ? 'arena map (radix tree)' : 'reads the pool header'}</dd>
        <dt>recording</dt>
        <dd>
          {session.name}: {grouped(session.length)} events,{' '}
          {session.format === 'pmt' ? '.pmt' : 'text'}, {grouped(session.trace.marks.length)} marks,{' '}
          {grouped(session.trace.gcCollections.length)} GC collections, arena addresses{' '}
          {session.addressMode === 'recorded' ? 'from the recording' : 'modelled'}
        </dd>
        {Object.entries(header.metadata).map(([key, value]) => (
          <Fragment key={key}>
            <dt>{key}</dt>
            <dd class="metadata">{metadataText(value)}</dd>
          </Fragment>
        ))}
        {argv !== null && (
          <>
            <dt>argv</dt>
            <dd class="metadata">{argv}</dd>
          </>
        )}
      </dl>
      {session.warnings.length > 0 && (
        <div role="alert" data-testid="load-warnings">
          <h3>
            {session.warnings.some((warning) => / is damaged: /.test(warning))
              ? 'Damaged recording: chunks were skipped'
              : 'Read with warnings'}
          </h3>
          {session.warnings.map((warning) => (
            <p class="hint" key={warning}>
              {warning}
            </p>
          ))}
        </div>
      )}
    </section>
  );
}
