// Expands the paths given on the command line into the Python, TypeScript and contract.yaml files to check:
// folders are walked (skipping VCS, virtualenv and dependency folders and .gitignore'd paths).
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { GitIgnore } from '../core/gitignore';
import { fileKindOfPath } from '../core/types';
import { UsageError } from './io';

const SKIPPED_DIRS = new Set(['.git', '.hg', '.svn', 'node_modules', '.venv', 'venv', '__pycache__', '.mypy_cache', '.pytest_cache', '.ruff_cache', '.tox', '.cache']);

export interface CollectedFiles {
  files: string[];
  /** The folders among the paths given (their files are checked as one workspace). */
  folders: string[];
  /** Paths that could not be read, with the reason. */
  unreadable: { path: string; reason: string }[];
}

export function collectFiles(paths: readonly string[], cwd: string): CollectedFiles {
  const out: CollectedFiles = { files: [], folders: [], unreadable: [] };
  const seen = new Set<string>();
  for (const given of paths) {
    const abs = resolve(cwd, given);
    let stat;
    try {
      stat = statSync(abs);
    } catch {
      throw new UsageError(`no such file or folder: ${given}`);
    }
    if (stat.isFile()) {
      if (!seen.has(abs)) out.files.push(abs);
      seen.add(abs);
      continue;
    }
    out.folders.push(abs);
    const git = new GitIgnore(abs);
    const walk = (dir: string) => {
      let entries;
      try {
        entries = readdirSync(dir, { withFileTypes: true });
      } catch (error) {
        out.unreadable.push({ path: dir, reason: (error as Error).message });
        return;
      }
      entries.sort((a, b) => a.name.localeCompare(b.name));
      for (const entry of entries) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) {
          if (SKIPPED_DIRS.has(entry.name) || git.ignores(path, true)) continue;
          walk(path);
        } else if (entry.isFile() && fileKindOfPath(entry.name) && !git.ignores(path) && !seen.has(path)) {
          seen.add(path);
          out.files.push(path);
        }
      }
    };
    walk(abs);
  }
  return out;
}
