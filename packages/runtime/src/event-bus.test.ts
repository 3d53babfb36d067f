import { describe, expect, it } from 'vitest';
import { EventBus } from './event-bus.ts';

interface Channels {
  readonly a: { readonly type: 'x'; readonly n: number } | { readonly type: 'y' };
  readonly b: number;
}

describe('EventBus', () => {
  it('delivers to every subscriber in order, each with its own unsubscribe', () => {
    const bus = new EventBus<Channels>();
    const seen: string[] = [];
    const first = bus.subscribe('a', (event) => seen.push(`1:${event.type}`));
    bus.subscribe('a', (event) => seen.push(`2:${event.type}`));
    bus.emit('a', { type: 'x', n: 1 });
    first();
    first();
    bus.emit('a', { type: 'y' });
    expect(seen).toEqual(['1:x', '2:x', '2:y']);
    expect(bus.listenerCount('a')).toBe(1);
  });

  it('activates a channel on its first subscriber and deactivates it after its last', () => {
    const bus = new EventBus<Channels>();
    const log: string[] = [];
    bus.onActivate('b', () => {
      log.push('on');
      return () => log.push('off');
    });
    const one = bus.subscribe('b', () => {});
    const two = bus.subscribe('b', () => {});
    expect(log).toEqual(['on']);
    one();
    expect(log).toEqual(['on']);
    two();
    expect(log).toEqual(['on', 'off']);
    bus.subscribe('b', () => {});
    expect(log).toEqual(['on', 'off', 'on']);
  });

  it('lets a subscriber unsubscribe during an emit without disturbing it', () => {
    const bus = new EventBus<Channels>();
    const seen: number[] = [];
    let second = (): void => {};
    bus.subscribe('b', (n) => {
      seen.push(n);
      second();
    });
    second = bus.subscribe('b', (n) => seen.push(-n));
    bus.emit('b', 5);
    bus.emit('b', 6);
    expect(seen).toEqual([5, -5, 6]);
  });

  it('activates at once when registered on a channel that has subscribers', () => {
    const bus = new EventBus<Channels>();
    bus.subscribe('a', () => {});
    let active = false;
    bus.onActivate('a', () => {
      active = true;
      return () => {
        active = false;
      };
    });
    expect(active).toBe(true);
  });
});
