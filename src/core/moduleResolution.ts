// Whether a bare module name (`@omninode/onex-runtime`) resolves to typed code from a folder, the way
// the TypeScript compiler resolves it for a file in that folder: first the `paths` (and `baseUrl`) of
// the nearest tsconfig.json (following its `extends`), then node_modules folders walking up to the
// file system's root, each with its @types package. Used by the scaffold (CLI and editor) to decide
// whether a TypeScript node can import the runtime module by name or needs the small runtime module
// written next to it. All file access goes through a ResolutionHost; no compiler is loaded.
import { readFile, stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';

/** The file access resolution needs; tests (and other file systems) supply their own. */
export interface ResolutionHost {
  /** Whether `path` is an existing file (not a folder). */
  fileExists(path: string): Promise<boolean>;
  /** The text of a file, or undefined when it cannot be read. */
  readFile(path: string): Promise<string | undefined>;
}

export const nodeResolutionHost: ResolutionHost = {
  async fileExists(path) {
    try {
      return (await stat(path)).isFile();
    } catch {
      return false;
    }
  },
  async readFile(path) {
    try {
      return await readFile(path, 'utf8');
    } catch {
      return undefined;
    }
  },
};

export interface ModuleResolution {
  /** The typed file the module name resolves to. */
  file: string;
  /** How: a `paths` mapping or `baseUrl` of this tsconfig.json, or a node_modules folder. */
  via: { kind: 'paths' | 'baseUrl'; tsconfig: string } | { kind: 'node_modules' };
}

// What TypeScript tries for a module path without a usable extension (no allowJs: typed files only).
const EXTENSIONS = ['.ts', '.tsx', '.d.ts'];

/**
 * Where `moduleName` resolves from a file in `folder`, or null when TypeScript would report
 * "Cannot find module" (or, for a package without types, "Could not find a declaration file").
 * Relative names (`./x`) resolve against the folder alone.
 */
export async function resolveModuleFrom(
  moduleName: string, folder: string, host: ResolutionHost = nodeResolutionHost,
): Promise<ModuleResolution | null> {
  const from = resolve(folder);
  if (moduleName.startsWith('./') || moduleName.startsWith('../') || isAbsolute(moduleName)) {
    const file = await fileOrDirectory(resolve(from, moduleName), host);
    return file ? { file, via: { kind: 'node_modules' } } : null;
  }
  const config = await compilerPathsFor(from, host);
  if (config?.paths) {
    for (const candidate of pathCandidates(moduleName, config.paths.mapping)) {
      const file = await fileOrDirectory(resolve(config.paths.base, candidate), host);
      if (file) return { file, via: { kind: 'paths', tsconfig: config.paths.tsconfig } };
    }
  }
  if (config?.baseUrl) {
    const file = await fileOrDirectory(resolve(config.baseUrl.dir, moduleName), host);
    if (file) return { file, via: { kind: 'baseUrl', tsconfig: config.baseUrl.tsconfig } };
  }
  const typesName = moduleName.startsWith('@') ? moduleName.slice(1).replace('/', '__') : moduleName;
  for (let dir = from; ; dir = dirname(dir)) {
    if (basename(dir) !== 'node_modules') { // as TypeScript: no node_modules/node_modules
      const nodeModules = join(dir, 'node_modules');
      const file = await fileOrDirectory(join(nodeModules, moduleName), host)
        ?? await fileOrDirectory(join(nodeModules, '@types', typesName), host);
      if (file) return { file, via: { kind: 'node_modules' } };
    }
    if (dirname(dir) === dir) return null;
  }
}

/** A path as TypeScript loads it: the file with a typed extension, or the folder's package or index. */
async function fileOrDirectory(path: string, host: ResolutionHost): Promise<string | null> {
  return await typedFile(path, host) ?? await packageFolder(path, host);
}

async function typedFile(path: string, host: ResolutionHost): Promise<string | null> {
  if (/\.(d\.)?tsx?$/.test(path) && await host.fileExists(path)) return path;
  // `./runtime.js` names the TypeScript source `./runtime.ts` (the import's emitted form).
  const stem = path.replace(/\.(c|m)?jsx?$/, '');
  for (const ext of EXTENSIONS) {
    if (await host.fileExists(stem + ext)) return stem + ext;
  }
  return null;
}

async function packageFolder(dir: string, host: ResolutionHost): Promise<string | null> {
  const manifestText = await host.readFile(join(dir, 'package.json'));
  if (manifestText !== undefined) {
    let manifest: Record<string, unknown> = {};
    try {
      const parsed: unknown = JSON.parse(manifestText);
      if (parsed && typeof parsed === 'object') manifest = parsed as Record<string, unknown>;
    } catch {
      // A broken package.json: TypeScript falls back to the index file, as below.
    }
    for (const key of ['types', 'typings', 'main']) {
      const entry = manifest[key];
      if (typeof entry !== 'string' || entry === '') continue;
      const target = resolve(dir, entry);
      const file = await typedFile(target, host) ?? await indexFile(target, host);
      if (file) return file;
    }
  }
  return indexFile(dir, host);
}

async function indexFile(dir: string, host: ResolutionHost): Promise<string | null> {
  for (const ext of EXTENSIONS) {
    const index = join(dir, `index${ext}`);
    if (await host.fileExists(index)) return index;
  }
  return null;
}

/** The substitutions to try for a module name: the exact pattern's, else the longest-prefix wildcard's. */
function pathCandidates(moduleName: string, mapping: Record<string, unknown>): string[] {
  const substitutions = (value: unknown) => (Array.isArray(value) ? value.filter((s): s is string => typeof s === 'string') : []);
  if (Object.prototype.hasOwnProperty.call(mapping, moduleName)) return substitutions(mapping[moduleName]);
  let best: { prefix: string; captured: string; value: unknown } | undefined;
  for (const [pattern, value] of Object.entries(mapping)) {
    const star = pattern.indexOf('*');
    if (star < 0 || pattern.indexOf('*', star + 1) >= 0) continue;
    const prefix = pattern.slice(0, star);
    const suffix = pattern.slice(star + 1);
    if (moduleName.length < prefix.length + suffix.length || !moduleName.startsWith(prefix) || !moduleName.endsWith(suffix)) continue;
    if (!best || prefix.length > best.prefix.length) {
      best = { prefix, captured: moduleName.slice(prefix.length, moduleName.length - suffix.length), value };
    }
  }
  return best ? substitutions(best.value).map((s) => s.replace('*', best.captured)) : [];
}

interface CompilerPaths {
  /** `paths` and the folder its substitutions are relative to (baseUrl, else the defining tsconfig's folder). */
  paths?: { mapping: Record<string, unknown>; base: string; tsconfig: string };
  baseUrl?: { dir: string; tsconfig: string };
}

/**
 * The tsconfig.json that governs a file in `folder`: the nearest at or above it (as the editor's
 * TypeScript finds a file's project; a config whose `include` leaves the folder out is not detected).
 */
export async function nearestTsconfig(folder: string, host: ResolutionHost = nodeResolutionHost): Promise<string | null> {
  for (let dir = resolve(folder); ; dir = dirname(dir)) {
    const tsconfig = join(dir, 'tsconfig.json');
    if (await host.fileExists(tsconfig)) return tsconfig;
    if (dirname(dir) === dir) return null;
  }
}

/** `paths` and `baseUrl` of the nearest tsconfig.json at or above `folder`, with what it extends. */
async function compilerPathsFor(folder: string, host: ResolutionHost): Promise<CompilerPaths | null> {
  const tsconfig = await nearestTsconfig(folder, host);
  return tsconfig ? readCompilerPaths(tsconfig, host, new Set()) : null;
}

async function readCompilerPaths(tsconfig: string, host: ResolutionHost, seen: Set<string>): Promise<CompilerPaths> {
  if (seen.has(tsconfig)) return {};
  seen.add(tsconfig);
  const text = await host.readFile(tsconfig);
  const config = text === undefined ? undefined : parseJsonc(text);
  if (!config || typeof config !== 'object') return {};
  const dir = dirname(tsconfig);
  // What a config extends comes first; its own options override (an array: later entries win).
  let result: CompilerPaths = {};
  const extended = (config as { extends?: unknown }).extends;
  for (const base of typeof extended === 'string' ? [extended] : Array.isArray(extended) ? extended : []) {
    if (typeof base !== 'string') continue;
    const file = await extendedConfig(base, dir, host);
    if (file) result = { ...result, ...definedOnly(await readCompilerPaths(file, host, seen)) };
  }
  const options = (config as { compilerOptions?: unknown }).compilerOptions;
  if (options && typeof options === 'object') {
    const { baseUrl, paths } = options as { baseUrl?: unknown; paths?: unknown };
    if (typeof baseUrl === 'string') {
      result.baseUrl = { dir: resolve(dir, baseUrl), tsconfig };
      if (result.paths) result.paths = { ...result.paths, base: result.baseUrl.dir };
    }
    if (paths && typeof paths === 'object' && !Array.isArray(paths)) {
      result.paths = { mapping: paths as Record<string, unknown>, base: result.baseUrl?.dir ?? dir, tsconfig };
    }
  }
  return result;
}

function definedOnly(paths: CompilerPaths): CompilerPaths {
  const out: CompilerPaths = {};
  if (paths.paths) out.paths = paths.paths;
  if (paths.baseUrl) out.baseUrl = paths.baseUrl;
  return out;
}

/** The file an `extends` entry names: a path, or a package's tsconfig in node_modules. */
async function extendedConfig(name: string, dir: string, host: ResolutionHost): Promise<string | null> {
  const candidates = (path: string) => (path.endsWith('.json') ? [path] : [path, `${path}.json`, join(path, 'tsconfig.json')]);
  if (name.startsWith('.') || isAbsolute(name)) {
    for (const file of candidates(resolve(dir, name))) if (await host.fileExists(file)) return file;
    return null;
  }
  for (let at = dir; ; at = dirname(at)) {
    for (const file of candidates(join(at, 'node_modules', name))) if (await host.fileExists(file)) return file;
    if (dirname(at) === at) return null;
  }
}

/**
 * JSON with comments and trailing commas (tsconfig.json's dialect) parsed into a value; undefined
 * when it is not valid even so. Comments and trailing commas are dropped outside strings only.
 */
export function parseJsonc(text: string): unknown {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j + 1;
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 2;
      out += ' ';
    } else if (c === ',') {
      // A comma followed (after blanks and comments) by a closing bracket is a trailing comma.
      let j = i + 1;
      for (;;) {
        while (j < text.length && /\s/.test(text[j])) j++;
        if (text.startsWith('//', j)) {
          while (j < text.length && text[j] !== '\n') j++;
        } else if (text.startsWith('/*', j)) {
          const end = text.indexOf('*/', j + 2);
          j = end < 0 ? text.length : end + 2;
        } else break;
      }
      if (text[j] !== '}' && text[j] !== ']') out += c;
      i++;
    } else {
      out += c;
      i++;
    }
  }
  try {
    return JSON.parse(out.replace(/^\uFEFF/, ''));
  } catch {
    return undefined;
  }
}
