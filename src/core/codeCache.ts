// Loads a large CommonJS bundle with a V8 code cache kept in a per-user cache folder, the way Node 22's
// module.enableCompileCache does (Node 20, which VS Code and our CLI run on, lacks it). The TypeScript
// front end's bundle (ts-morph and its compiler, 13 MB) takes about 0.55 s to compile on every first
// TypeScript analysis of a process; with its code cache, about 0.2 s.
//
// The cache is an optimisation only: a missing, stale, corrupt or rejected cache, or a folder that cannot
// be written, loads the bundle as `require` would, and nothing is reported.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { Script } from 'node:vm';

const CACHE_SUFFIX = '.v8cache';

/** What happened to the code cache on one load (for tests and the benchmark). */
export interface CodeCacheOutcome {
  /** The cache file for this bundle, V8 and architecture (undefined without a cache folder). */
  file: string | undefined;
  /** A cache was read and V8 accepted it. */
  used: boolean;
  /** A new cache was written (there was none, or V8 rejected it). */
  written: boolean;
}

let lastOutcome: CodeCacheOutcome | undefined;

/** The outcome of the last requireWithCodeCache call in this process. */
export function lastCodeCacheOutcome(): CodeCacheOutcome | undefined {
  return lastOutcome;
}

/**
 * The folder for ONEX Forge's caches: $ONEX_FORGE_CACHE_DIR when set; otherwise the user's cache folder
 * ($XDG_CACHE_HOME or ~/.cache on Linux, ~/Library/Caches on macOS, %LOCALAPPDATA% on Windows).
 * Undefined, so no cache, when $ONEX_FORGE_DISABLE_CODE_CACHE is set (to anything but "" or "0") or
 * no home folder is known. The two variables are named after Node.js's NODE_COMPILE_CACHE and
 * NODE_DISABLE_COMPILE_CACHE.
 */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string | undefined {
  const disabled = env.ONEX_FORGE_DISABLE_CODE_CACHE;
  if (disabled && disabled !== '0') return undefined;
  if (env.ONEX_FORGE_CACHE_DIR) return env.ONEX_FORGE_CACHE_DIR;
  let home: string;
  try {
    home = homedir();
  } catch {
    return undefined;
  }
  if (platform === 'win32') return join(env.LOCALAPPDATA || join(home, 'AppData', 'Local'), 'onex-forge', 'Cache');
  if (platform === 'darwin') return join(home, 'Library', 'Caches', 'onex-forge');
  return join(env.XDG_CACHE_HOME || join(home, '.cache'), 'onex-forge');
}

/**
 * Runs the CommonJS file `file` as `require(file)` would the first time, and returns its exports. With
 * a cache folder, compiles it from the code cache kept there when V8 accepts it, and writes one
 * (after `warm` has run, so that the functions it compiled are in it) when there was none to accept.
 */
export function requireWithCodeCache(file: string, cacheDir: string | undefined, warm?: (exports: unknown) => void): unknown {
  const bytes = readFileSync(file);
  const source = bytes.toString('utf8');
  // A cache belongs to one V8 and architecture (VS Code's Electron and the CLI's Node.js each keep
  // theirs) and to this exact text, hashed as read (hashing the decoded string would encode it again,
  // three times the cost); V8 also checks its own flags and rejects a mismatch.
  const runtime = `${basename(file).replace(/\.[cm]?js$/, '')}-v8-${process.versions.v8.replace(/[^\w.]/g, '_')}-${process.arch}-`;
  const cacheFile = cacheDir ? join(cacheDir, `${runtime}${createHash('sha256').update(bytes).digest('hex').slice(0, 16)}${CACHE_SUFFIX}`) : undefined;
  let cachedData: Buffer | undefined;
  if (cacheFile) {
    try {
      cachedData = readFileSync(cacheFile);
    } catch {
      cachedData = undefined;
    }
  }
  // The wrapper stays on the first line, so that line numbers in stack traces match the file's; a
  // shebang line, which require skips, becomes a comment.
  const body = source.startsWith('#!') ? `//${source}` : source;
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${body}\n})`, { filename: file, cachedData });
  const module = { exports: {} as unknown, filename: file, id: file, loaded: false };
  (script.runInThisContext() as (...args: unknown[]) => void).call(module.exports, module.exports, createRequire(file), module, file, dirname(file));
  module.loaded = true;
  const used = cachedData !== undefined && !script.cachedDataRejected;
  let written = false;
  if (cacheFile && !used) {
    warm?.(module.exports);
    written = writeCache(cacheFile, runtime, script.createCachedData());
  }
  lastOutcome = { file: cacheFile, used, written };
  return module.exports;
}

/**
 * Writes the cache atomically (another process may be writing the same one) and drops the caches of
 * other versions of the bundle for the same runtime (`runtime`: the name's start up to the text's hash).
 */
function writeCache(cacheFile: string, runtime: string, data: Buffer): boolean {
  const dir = dirname(cacheFile);
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const temporary = `${cacheFile}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    writeFileSync(temporary, data, { mode: 0o600 });
    renameSync(temporary, cacheFile);
  } catch {
    return false;
  }
  try {
    for (const name of readdirSync(dir)) {
      const other = join(dir, name);
      if (other !== cacheFile && name.startsWith(runtime) && name.endsWith(CACHE_SUFFIX) && statSync(other).isFile()) rmSync(other, { force: true });
    }
  } catch {
    // (Old caches only take room.)
  }
  return true;
}
