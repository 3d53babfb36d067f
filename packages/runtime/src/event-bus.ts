/**
 * The runtime's event bus: every layer publishes on its own channel, any number of
 * subscribers listen, each with its own unsubscribe.
 *
 *   layer (fast hook) ──► bus.emit(channel, event) ──► subscriber 1
 *                                                  ├─► subscriber 2
 *                                                  └─► …
 *
 * Each channel carries one discriminated union (the layer's event type, e.g.
 * `ObmallocEvent`). A layer keeps a single private fast hook; the bus installs it
 * when a channel gets its first subscriber and removes it when the last one leaves,
 * so a replay nobody listens to pays nothing per event.
 *
 * Invariants:
 *   1. `listenerCount(c) > 0` ⇔ channel c's activation hook has run more recently
 *      than its deactivation hook.
 *   2. Subscribers of a channel are called in subscription order; one that
 *      unsubscribes (itself or another) during an emit does not disturb that emit.
 *   3. Unsubscribing twice is harmless.
 */

/** A subscriber of one channel. */
export type Subscriber<E> = (event: E) => void;

/** Removes the subscription it was returned for. Calling it again does nothing. */
export type Unsubscribe = () => void;

/** Called when a channel gets its first subscriber; returns the matching deactivation. */
export type ChannelActivation = () => () => void;

/**
 * A set of named channels, `Events[channel]` being the event union each carries.
 * Emitting on a channel with no subscribers is a no-op.
 */
export class EventBus<Events extends object> {
  private readonly subscribers = new Map<keyof Events, Subscriber<never>[]>();
  private readonly activations = new Map<keyof Events, ChannelActivation>();
  private readonly deactivations = new Map<keyof Events, () => void>();

  /**
   * Registers what to do when `channel` gains its first subscriber (install a layer's
   * fast hook) and, through the returned function, when it loses its last one.
   * Runs at once if the channel already has subscribers.
   */
  onActivate<C extends keyof Events>(channel: C, activation: ChannelActivation): void {
    this.activations.set(channel, activation);
    if (this.listenerCount(channel) > 0) this.deactivations.set(channel, activation());
  }

  /** Subscribes to `channel`; the result unsubscribes. */
  subscribe<C extends keyof Events>(channel: C, subscriber: Subscriber<Events[C]>): Unsubscribe {
    const current = this.subscribers.get(channel) ?? [];
    // Copy on write so an emit in progress keeps iterating its own array (invariant 2).
    this.subscribers.set(channel, [...current, subscriber as Subscriber<never>]);
    if (current.length === 0) {
      const activation = this.activations.get(channel);
      if (activation) this.deactivations.set(channel, activation());
    }
    let subscribed = true;
    return () => {
      if (!subscribed) return;
      subscribed = false;
      const remaining = (this.subscribers.get(channel) ?? []).filter(
        (candidate) => candidate !== (subscriber as Subscriber<never>),
      );
      this.subscribers.set(channel, remaining);
      if (remaining.length === 0) {
        this.deactivations.get(channel)?.();
        this.deactivations.delete(channel);
      }
    };
  }

  /** Number of subscribers of `channel`. */
  listenerCount<C extends keyof Events>(channel: C): number {
    return this.subscribers.get(channel)?.length ?? 0;
  }

  /** Calls every subscriber of `channel` with `event`, in subscription order. */
  emit<C extends keyof Events>(channel: C, event: Events[C]): void {
    const list = this.subscribers.get(channel);
    if (list === undefined) return;
    for (const subscriber of list) (subscriber as Subscriber<Events[C]>)(event);
  }
}
