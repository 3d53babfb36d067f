/**
 * Where pymem keeps what it computes once per machine (built launchers, interpreter
 * identities): `$PYMEM_CACHE_DIR`, else `$XDG_CACHE_HOME/pymem`, else `~/.cache/pymem`.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';

/** The cache directory for `env` (it may not exist yet). */
export function cacheDirectory(env: NodeJS.ProcessEnv = process.env): string {
  return env.PYMEM_CACHE_DIR || join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'pymem');
}
