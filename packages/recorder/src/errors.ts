/**
 * Why a recording could not start. Each carries a stable `code`:
 *   no-interpreter  the --python given is missing, not CPython, or unsupported
 *   no-compiler     no C compiler (gcc/cc) on PATH
 *   build-failed    the headers or libpython are missing, or compiling failed
 *   bad-input       e.g. the output file exists already
 */
export class RecorderError extends Error {
  /** Stable error code. */
  readonly code: 'no-interpreter' | 'no-compiler' | 'build-failed' | 'bad-input';
  constructor(code: RecorderError['code'], message: string) {
    super(message);
    this.name = 'RecorderError';
    this.code = code;
  }
}
