/**
 * What the allocator model publishes while it runs. A listener sees every decision
 * pymalloc makes, in order; with no listener attached nothing is built or called.
 *
 *   block-alloc    a block was handed out            (address, sizeClass, nbytes)
 *   block-free     a block went back to its pool     (address, sizeClass)
 *   pool-init      a pool was (re)initialised for a class  (pool address, sizeClass)
 *   pool-empty     a pool's last block was freed: the pool joins its arena's freepools
 *   arena-new      new_arena() got an arena from the arena allocator
 *   arena-release  a wholly free arena went back to the arena allocator
 *   raw-alloc      pymalloc declined (0 or > 512 bytes): the raw allocator answered
 *   raw-free       a block pymalloc does not own was freed through the object allocator
 */

/** One allocator event. Addresses are numbers (exact below 2**53). */
export type ObmallocEvent =
  | {
      readonly type: 'block-alloc';
      readonly address: number;
      readonly sizeClass: number;
      readonly nbytes: number;
    }
  | { readonly type: 'block-free'; readonly address: number; readonly sizeClass: number }
  | { readonly type: 'pool-init'; readonly pool: number; readonly sizeClass: number }
  | { readonly type: 'pool-empty'; readonly pool: number; readonly sizeClass: number }
  | { readonly type: 'arena-new'; readonly arenaIndex: number; readonly address: number }
  | { readonly type: 'arena-release'; readonly arenaIndex: number; readonly address: number }
  | { readonly type: 'raw-alloc'; readonly address: number; readonly nbytes: number }
  | { readonly type: 'raw-free'; readonly address: number };

/** Receives every {@link ObmallocEvent} synchronously, in the order pymalloc acts. */
export type ObmallocListener = (event: ObmallocEvent) => void;
