// Python's import system over the files the workspace index holds, by path: which file a module name
// stands for, seen from an importing file. Relative imports walk up from the importer's package;
// absolute ones are looked for below each folder above the importer (nearest first) and below its
// `src/` (src layouts), as a module (`a/b.py`), a package (`a/b/__init__.py`) or, failing both, a
// namespace package (a folder `a/b/` that holds indexed files).
import { posix } from 'node:path';

/** A module the index holds: a file, or a namespace package (a folder without `__init__.py`). */
export type PythonModule = { kind: 'file'; path: string } | { kind: 'namespace'; dir: string };

/** What module lookups may ask of the index; every question is a dependency of the answer. */
export interface ModuleLookup {
  /** Whether the index holds this file (the question is recorded: the answer changes when it appears or goes). */
  hasFile(path: string): boolean;
  /** Whether the index holds files below this folder (recorded likewise). */
  hasDir(dir: string): boolean;
}

/** `a.b.c` below `dir`: `dir/a/b/c.py`, else `dir/a/b/c/__init__.py`; the folder itself for []. */
function moduleFileBelow(lookup: ModuleLookup, dir: string, parts: readonly string[]): PythonModule | null {
  const base = posix.join(dir, ...parts);
  if (parts.length > 0 && lookup.hasFile(`${base}.py`)) return { kind: 'file', path: `${base}.py` };
  const init = posix.join(base, '__init__.py');
  if (lookup.hasFile(init)) return { kind: 'file', path: init };
  return null;
}

function namespaceBelow(lookup: ModuleLookup, dir: string, parts: readonly string[]): PythonModule | null {
  const base = posix.join(dir, ...parts);
  return parts.length > 0 && lookup.hasDir(base) ? { kind: 'namespace', dir: base } : null;
}

/** Folders from `dir` up to the root, nearest first. */
function foldersUp(dir: string): string[] {
  const out: string[] = [];
  for (let d = dir; ; d = posix.dirname(d)) {
    out.push(d);
    if (posix.dirname(d) === d) return out;
  }
}

/**
 * The module `module` (dotted; '' for `from . import x`) names in `importer` at `level` (the number of
 * leading dots), or null when the workspace does not hold it (a framework or third-party module).
 */
export function resolveModule(lookup: ModuleLookup, importer: string, module: string, level: number): PythonModule | null {
  const parts = module ? module.split('.') : [];
  if (level > 0) {
    let dir = posix.dirname(importer);
    for (let i = 1; i < level; i++) dir = posix.dirname(dir);
    return moduleFileBelow(lookup, dir, parts) ?? (parts.length === 0 ? { kind: 'namespace', dir } : namespaceBelow(lookup, dir, parts));
  }
  if (parts.length === 0) return null;
  // Only the folders that hold something named like the top package are looked into: most absolute
  // imports are the framework's or a third party's, and they cost two questions a folder.
  const roots = foldersUp(posix.dirname(importer)).flatMap((d) => [d, posix.join(d, 'src')])
    .filter((root) => lookup.hasDir(posix.join(root, parts[0])) || (parts.length === 1 && lookup.hasFile(posix.join(root, `${parts[0]}.py`))));
  for (const root of roots) {
    const found = moduleFileBelow(lookup, root, parts);
    if (found) return found;
  }
  for (const root of roots) {
    const found = namespaceBelow(lookup, root, parts);
    if (found) return found;
  }
  return null;
}

/** A submodule `name` of a package (the folder of its `__init__.py`, or a namespace folder). */
export function submodule(lookup: ModuleLookup, parent: PythonModule, name: string): PythonModule | null {
  const dir = parent.kind === 'namespace' ? parent.dir : posix.basename(parent.path) === '__init__.py' ? posix.dirname(parent.path) : null;
  if (dir === null) return null;
  return moduleFileBelow(lookup, dir, [name]) ?? namespaceBelow(lookup, dir, [name]);
}
