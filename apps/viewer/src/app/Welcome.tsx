/**
 * What the page shows before a recording is open: how to open one and the keys.
 */
import type { JSX } from 'preact';

/** The empty-state panel. */
export function Welcome(): JSX.Element {
  return (
    <section class="welcome" data-testid="welcome">
      <h2>Open a recording</h2>
      <p>
        Drop a recording anywhere on this page, or use <em>Open a recording…</em>. The viewer reads
        text traces (<code>.pymem.txt</code>), binary traces (<code>.pmt</code>) and gzip-compressed
        ones; <code>pymem view FILE</code> opens any of them, brotli too.
      </p>
      <p>
        Record one with <code>pymem record --python 3.12 -o app.pymem.txt app.py</code>.
      </p>
      <h3>Keys</h3>
      <ul>
        <li>← / → step one event</li>
        <li>shift + ← / → jump to the previous / next mark</li>
        <li>space plays or pauses</li>
      </ul>
    </section>
  );
}
