/**
 * speedscope's file format (https://www.speedscope.app/file-format-schema.json), the
 * parts `pymem export --to speedscope` writes: one "sampled" profile whose samples
 * are the allocation stacks of a tree (one sample per stack, root frame first) and
 * whose weights are their requested bytes (unit "bytes").
 *
 *   tree:  all ─ app.py:40 ─ lib.py:7 (self 160 B)      frames: [app.py:40, lib.py:7]
 *                           └ lib.py:9 (self 1 B)   ─►  samples: [[0, 1], [0, 2]]
 *                                                        weights: [160, 1]
 *
 * The tree's root (`all`) is not a frame: speedscope draws its own root.
 */
import type { StackNode } from '@pymem/analysis';
import { z } from 'zod';

/** The JSON Schema speedscope files name. */
export const SPEEDSCOPE_SCHEMA_URL = 'https://www.speedscope.app/file-format-schema.json';

/** One frame of speedscope's `shared.frames`. */
export interface SpeedscopeFrame {
  readonly name: string;
  readonly file?: string;
  readonly line?: number;
}

const frameSchema: z.ZodType<SpeedscopeFrame> = z.strictObject({
  name: z.string(),
  file: z.string().optional(),
  line: z.number().int().nonnegative().optional(),
});

/** The speedscope file `pymem export` writes (a subset of speedscope's schema). */
export const speedscopeSchema: z.ZodType = z.strictObject({
  $schema: z.literal(SPEEDSCOPE_SCHEMA_URL),
  shared: z.strictObject({ frames: z.array(frameSchema) }),
  profiles: z.array(
    z.strictObject({
      type: z.literal('sampled'),
      name: z.string(),
      unit: z.literal('bytes'),
      startValue: z.literal(0),
      endValue: z.number().nonnegative().describe('the sum of the weights'),
      samples: z.array(z.array(z.number().int().nonnegative())).describe('root frame first'),
      weights: z.array(z.number().nonnegative()),
    }),
  ),
  name: z.string(),
  activeProfileIndex: z.literal(0),
  exporter: z.string(),
});

/** The file (see {@link speedscopeSchema}). */
export interface SpeedscopeFile {
  readonly $schema: typeof SPEEDSCOPE_SCHEMA_URL;
  readonly shared: { readonly frames: readonly SpeedscopeFrame[] };
  readonly profiles: readonly {
    readonly type: 'sampled';
    readonly name: string;
    readonly unit: 'bytes';
    readonly startValue: 0;
    readonly endValue: number;
    readonly samples: readonly (readonly number[])[];
    readonly weights: readonly number[];
  }[];
  readonly name: string;
  readonly activeProfileIndex: 0;
  readonly exporter: string;
}

/** `file:line` split for speedscope; other names (`<unknown>` …) are names alone. */
function frameOf(name: string): SpeedscopeFrame {
  const match = /^(.*):(\d+)$/.exec(name);
  return match ? { name, file: match[1]!, line: Number(match[2]) } : { name };
}

/** The speedscope file of `root`: one sample per stack with blocks allocated at its leaf. */
export function speedscopeFile(root: StackNode, name: string, exporter: string): SpeedscopeFile {
  const frames: SpeedscopeFrame[] = [];
  const frameIds = new Map<string, number>();
  const samples: number[][] = [];
  const weights: number[] = [];
  const visit = (node: StackNode, stack: number[]): void => {
    let id = frameIds.get(node.frame);
    if (id === undefined) {
      id = frames.length;
      frames.push(frameOf(node.frame));
      frameIds.set(node.frame, id);
    }
    const here = [...stack, id];
    if (node.selfBlocks > 0) {
      samples.push(here);
      weights.push(node.selfBytes);
    }
    for (const child of node.children) visit(child, here);
  };
  for (const child of root.children) visit(child, []);
  return {
    $schema: SPEEDSCOPE_SCHEMA_URL,
    shared: { frames },
    profiles: [
      {
        type: 'sampled',
        name,
        unit: 'bytes',
        startValue: 0,
        endValue: root.bytes,
        samples,
        weights,
      },
    ],
    name,
    activeProfileIndex: 0,
    exporter,
  };
}
