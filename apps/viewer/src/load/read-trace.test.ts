import { gzipSync } from 'node:zlib';
import { synthesizeTrace } from '@pymem/runtime';
import { encodePmtBytes, formatTextTrace, type Trace, TraceFormatError } from '@pymem/tracing';
import { describe, expect, it } from 'vitest';
import { brotliMessage, ViewerInputError } from './input-kind.ts';
import { type ReadProgress, readTraceStream } from './read-trace.ts';
import { errorLine, transferList } from './worker-protocol.ts';

const trace = synthesizeTrace({ events: 3000, seed: 9, sites: 4 });
const text = new TextEncoder().encode([...formatTextTrace(trace)].join(''));
const pmt = encodePmtBytes(trace);

/** A stream of `bytes` in chunks of `size` (to cross every boundary). */
function streamOf(bytes: Uint8Array, size = 1000): ReadableStream<Uint8Array> {
  let at = 0;
  return new ReadableStream({
    pull(controller) {
      if (at >= bytes.length) return controller.close();
      controller.enqueue(bytes.slice(at, at + size));
      at += size;
    },
  });
}

function same(actual: Trace, expected: Trace): void {
  expect(actual.length).toBe(expected.length);
  expect(actual.header.python).toBe(expected.header.python);
  expect([...actual.b]).toEqual([...expected.b]);
  expect([...actual.site]).toEqual([...expected.site]);
  expect(actual.marks.map((mark) => mark.stats)).toEqual(expected.marks.map((mark) => mark.stats));
  expect(actual.tracebacks.length).toBe(expected.tracebacks.length);
}

describe('readTraceStream', () => {
  it('reads a text trace in chunks, reporting progress', async () => {
    const seen: ReadProgress[] = [];
    const result = await readTraceStream(streamOf(text, 777), {
      name: 'a.pymem.txt',
      total: text.length,
      onProgress: (progress) => seen.push(progress),
    });
    expect(result.format).toBe('text');
    expect(result.gzip).toBe(false);
    same(result.trace, trace);
    expect(seen.at(-1)).toEqual({ stage: 'reading', loaded: text.length, total: text.length });
  });

  it('reads .pmt, gzip text and gzip .pmt', async () => {
    const binary = await readTraceStream(streamOf(pmt, 5), { name: 'a.pmt' });
    expect(binary.format).toBe('pmt');
    same(binary.trace, trace);
    const gzText = await readTraceStream(streamOf(gzipSync(text)), { name: 'a.pymem.txt.gz' });
    expect(gzText).toMatchObject({ format: 'text', gzip: true });
    same(gzText.trace, trace);
    const gzPmt = await readTraceStream(streamOf(gzipSync(pmt)), { name: 'a.pmt.gz' });
    expect(gzPmt).toMatchObject({ format: 'pmt', gzip: true });
    same(gzPmt.trace, trace);
  });

  it('refuses brotli with a clear message', async () => {
    const fake = Uint8Array.of(0x1b, 0x2a, 0x00, 0x10, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13);
    await expect(readTraceStream(streamOf(fake), { name: 'x.pymem.txt.br' })).rejects.toThrow(
      new ViewerInputError(brotliMessage('x.pymem.txt.br')),
    );
  });

  it('names the line of a malformed text trace and the byte of a malformed .pmt', async () => {
    const bad = new TextEncoder().encode('pymem-trace 1\npython 3.12.1\nm obj 16 zz\n');
    await expect(readTraceStream(streamOf(bad, 4), { name: 'bad.txt' })).rejects.toThrow(
      /^line 3: bad address "zz"/,
    );
    const wrongVersion = pmt.slice();
    wrongVersion[8] = 9;
    const error = await readTraceStream(streamOf(wrongVersion), { name: 'bad.pmt' }).catch(
      (e) => e,
    );
    expect(error).toBeInstanceOf(TraceFormatError);
    expect(error.message).toMatch(/^byte 8: unsupported \.pmt format version 9/);
    // A torn tail is not an error: the complete chunks are kept, with warnings.
    const torn = await readTraceStream(streamOf(pmt.slice(0, pmt.length - 30)), { name: 't.pmt' });
    expect(torn.warnings.length).toBeGreaterThan(0);
    await expect(
      readTraceStream(streamOf(new Uint8Array(0)), { name: 'empty.txt' }),
    ).rejects.toThrow(/^line 1: empty file/);
    const junk = new TextEncoder().encode('hello world\n');
    await expect(readTraceStream(streamOf(junk), { name: 'junk.txt' })).rejects.toThrow(
      /^line 1: expected "pymem-trace 1", found "hello world"/,
    );
  });

  it('explains a broken gzip stream', async () => {
    const broken = gzipSync(text).slice(0, 200);
    await expect(readTraceStream(streamOf(broken), { name: 'a.gz' })).rejects.toThrow(
      ViewerInputError,
    );
  });
});

describe('worker protocol helpers', () => {
  it('lists each transferable buffer once', () => {
    const shared = new ArrayBuffer(64);
    const views = {
      ...trace,
      op: new Uint8Array(shared, 0, 8),
      domain: new Uint8Array(shared, 8, 8),
    };
    const buffers = transferList(views);
    expect(new Set(buffers).size).toBe(buffers.length);
    expect(buffers).toContain(shared);
    expect(buffers.length).toBe(6);
  });

  it('makes one line naming the file', () => {
    expect(errorLine('a.txt', new TraceFormatError('bad', 3))).toBe('a.txt: line 3: bad');
    expect(errorLine('a.txt', new Error('a.txt: gone\nmore'))).toBe('a.txt: gone');
    expect(errorLine('a.txt', 'weird')).toBe('a.txt: weird');
  });
});
