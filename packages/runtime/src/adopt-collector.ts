/**
 * A collector that joins a runtime after it was built: a program run on the runtime's
 * heap (`pymem run`) attaches its cycle collector only when it imports gc, after the
 * recorder subscribed. Adopting it carries its events on the runtime's `gc` channel
 * from then on, exactly as a collector given to `createRuntime` would.
 *
 * Invariant: a runtime has at most one collector on its `gc` channel.
 */
import type { Collector } from '@pymem/gc';
import type { Runtime } from './runtime.ts';

/**
 * Publishes `collector`'s events on `runtime.events`' `gc` channel (its hook becomes the
 * runtime's). @throws Error when the runtime was built with a collector
 */
export function adoptCollector(runtime: Runtime, collector: Collector): void {
  if (runtime.collector !== null)
    throw new Error('adoptCollector: the runtime has a collector already');
  runtime.events.onActivate('gc', () => {
    collector.hook = (event) => runtime.events.emit('gc', event);
    return () => {
      collector.hook = undefined;
    };
  });
}
