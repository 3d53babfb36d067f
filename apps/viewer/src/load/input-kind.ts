/**
 * What the viewer says about an input it cannot read as a recording (the kind of an
 * input comes from `sniffTrace` of `@pymem/tracing`).
 */

/** A problem with the input that is not a malformed trace (wrong compression, HTTP …). */
export class ViewerInputError extends Error {
  override readonly name = 'ViewerInputError';
}

/** The message for a brotli file, which browsers cannot decompress. */
export function brotliMessage(name: string): string {
  return (
    `${name} is brotli-compressed (.br), which the browser cannot decompress: ` +
    `open it with "pymem view ${name}" (it decompresses for you), or decompress it ` +
    `first (brotli -d, or pymem convert to .pmt)`
  );
}
