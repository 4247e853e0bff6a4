// Step 3 of the era resolver (era.ts): the omnibase-core version a project pins, read from its files by
// walking up from a file or folder. In each folder a lock file (uv.lock, poetry.lock) wins over
// pyproject.toml; a range, caret or tilde stands for its lower bound; a git source for its tag.
import { readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { FileCache, fileStamp } from './fileCache';
import { resolveEra, type EraDecision, type EraSetting, type ProjectPin } from './era';

const PACKAGE = 'omnibase-core';

/** PEP 503 name normalisation: `omnibase_core`, `Omnibase.Core` and `omnibase-core` are one package. */
export function normalizePackageName(name: string): string {
  return name.trim().toLowerCase().replace(/[-_.]+/g, '-');
}

const VERSION = String.raw`v?(\d+(?:\.\d+)*)`;

/** The version a git reference stands for (`v0.1.0`, `0.46.8`), or null for a branch or a commit. */
export function versionOfTag(tag: string): string | null {
  const m = new RegExp(`^${VERSION}$`).exec(tag.trim());
  return m ? m[1] : null;
}

/**
 * The lower bound of a version constraint, in PEP 440 (`>=0.46,<0.47`, `==0.1.0`, `~=0.46.8`) or Poetry's
 * (`^0.1.0`, `~0.1`, `0.1.0`) syntax; null when it has none (`*`, `<0.5` alone).
 */
export function lowerBound(constraint: string): string | null {
  let best: string | null = null;
  for (const clause of constraint.split(/[,|]/)) {
    const m = new RegExp(String.raw`^\s*(===|==|>=|~=|\^|~|>)?\s*${VERSION}(?:\.\*)?\s*$`).exec(clause);
    if (!m) continue;
    const version = m[2];
    if (best === null || compare(version, best) > 0) best = version;
  }
  return best;
}

function compare(a: string, b: string): number {
  const x = a.split('.').map(Number);
  const y = b.split('.').map(Number);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** A PEP 508 requirement on omnibase-core: its version (lower bound or git tag) and spec; else null. */
export function pinOfRequirement(requirement: string): { version: string; spec: string } | null {
  const m = /^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(\[[^\]]*\])?\s*(.*)$/.exec(requirement);
  if (!m || normalizePackageName(m[1]) !== PACKAGE) return null;
  const rest = m[3].split(';')[0].trim();
  if (rest.startsWith('@')) {
    // A direct reference: `@ git+https://…/omnibase_core.git@v0.1.0`.
    const ref = /@([^@/#]+?)(?:#.*)?$/.exec(rest.slice(1));
    const version = ref ? versionOfTag(ref[1]) : null;
    return version ? { version, spec: requirement.trim() } : null;
  }
  const version = lowerBound(rest.replace(/^\(|\)$/g, ''));
  return version ? { version, spec: requirement.trim() } : null;
}

type Table = Record<string, unknown>;
const isTable = (v: unknown): v is Table => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A Poetry or uv dependency value (`"^0.1.0"`, `{version = …}`, `{git = …, tag = "v0.1.0"}`). */
function pinOfDependencyValue(value: unknown): { version: string; spec: string } | null {
  if (typeof value === 'string') {
    const version = lowerBound(value);
    return version ? { version, spec: `${PACKAGE} = "${value}"` } : null;
  }
  if (!isTable(value)) return null;
  if (typeof value.tag === 'string') {
    const version = versionOfTag(value.tag);
    return version ? { version, spec: `${PACKAGE} = { tag = "${value.tag}" }` } : null;
  }
  if (typeof value.version === 'string') return pinOfDependencyValue(value.version);
  return null;
}

function findInTable(table: Table | undefined): unknown {
  if (!table) return undefined;
  for (const [name, value] of Object.entries(table)) if (normalizePackageName(name) === PACKAGE) return value;
  return undefined;
}

/** The pin in a pyproject.toml's text; null when it names none. */
export function pinInPyproject(text: string): { version: string; spec: string } | null {
  const toml = parseToml(text) as Table;
  const tool = isTable(toml.tool) ? toml.tool : {};
  // A uv source (git tag) decides the version the requirement resolves to.
  const uvSources = isTable(tool.uv) && isTable(tool.uv.sources) ? tool.uv.sources : undefined;
  const fromSource = pinOfDependencyValue(findInTable(uvSources));
  if (fromSource) return fromSource;
  const project = isTable(toml.project) ? toml.project : {};
  const lists: unknown[] = [project.dependencies];
  if (isTable(project['optional-dependencies'])) lists.push(...Object.values(project['optional-dependencies']));
  if (isTable(toml['dependency-groups'])) lists.push(...Object.values(toml['dependency-groups']));
  for (const list of lists) {
    if (!Array.isArray(list)) continue;
    for (const item of list) {
      const pin = typeof item === 'string' ? pinOfRequirement(item) : null;
      if (pin) return pin;
    }
  }
  const poetry = isTable(tool.poetry) ? tool.poetry : undefined;
  if (poetry) {
    const tables: unknown[] = [poetry.dependencies, poetry['dev-dependencies']];
    if (isTable(poetry.group)) for (const group of Object.values(poetry.group)) if (isTable(group)) tables.push(group.dependencies);
    for (const table of tables) {
      const pin = pinOfDependencyValue(findInTable(isTable(table) ? table : undefined));
      if (pin) return pin;
    }
  }
  return null;
}

/** The locked version in uv.lock or poetry.lock text; null when the package is not in it. */
export function pinInLockFile(text: string): { version: string; spec: string } | null {
  const toml = parseToml(text) as Table;
  const packages = Array.isArray(toml.package) ? toml.package : [];
  for (const entry of packages) {
    if (isTable(entry) && typeof entry.name === 'string' && normalizePackageName(entry.name) === PACKAGE && typeof entry.version === 'string') {
      return { version: entry.version, spec: `${entry.version} (locked)` };
    }
  }
  return null;
}

const cache = new FileCache<{ version: string; spec: string } | null>();

/** The pin in one file (cached until it changes); null when it has none, cannot be read or is not there. */
function pinInFile(path: string): { version: string; spec: string } | null {
  return cache.get(path, (file) => {
    try {
      const text = readFileSync(file, 'utf8');
      return basename(file) === 'pyproject.toml' ? pinInPyproject(text) : pinInLockFile(text);
    } catch {
      // An unreadable or malformed file pins nothing (the configuration loader reports bad TOML).
      return null;
    }
  }) ?? null;
}

/** The omnibase-core pin of one folder's own uv.lock, poetry.lock or pyproject.toml (in that order), if any. */
export function pinInFolder(dir: string): ProjectPin | null {
  for (const name of ['uv.lock', 'poetry.lock', 'pyproject.toml']) {
    const file = join(dir, name);
    const pin = pinInFile(file);
    if (pin) return { ...pin, file };
  }
  return null;
}

/**
 * The omnibase-core pin that governs `start` (a file or a folder): the nearest folder, walking up, whose
 * uv.lock, poetry.lock or pyproject.toml (in that order) names omnibase-core.
 */
export function findProjectPin(start: string): ProjectPin | null {
  let dir = resolve(start);
  if (fileStamp(dir) !== null) dir = dirname(dir);
  for (;;) {
    const pin = pinInFolder(dir);
    if (pin) return pin;
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

/**
 * The era of a new file or node under `path` (a folder or file), which has no imports of its own yet: an
 * explicit setting, else the project's pin, else today (era.ts's steps 1, 3, 4).
 */
export function resolveProjectEra(setting: EraSetting | undefined, path: string, settingSource?: string): EraDecision {
  return resolveEra({ setting, settingSource, pin: findProjectPin(path) });
}
