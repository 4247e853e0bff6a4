// .gitignore matching for workspace checks and the CLI's folder walk (nested .gitignore files apply
// below their own folder, as git does).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';

/** The enclosing git work tree (a folder holding `.git`), else the folder itself. */
function repositoryRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, '.git'))) return dir;
    if (dirname(dir) === dir) return start;
  }
}

export class GitIgnore {
  private readonly perDir = new Map<string, Ignore | null>();
  private readonly root: string;

  /** `start` is the folder being walked; .gitignore files from its repository's root down apply. */
  constructor(start: string) {
    this.root = repositoryRoot(start);
  }

  private matcher(dir: string): Ignore | null {
    if (this.perDir.has(dir)) return this.perDir.get(dir)!;
    const file = join(dir, '.gitignore');
    let m: Ignore | null = null;
    if (existsSync(file)) {
      try {
        m = ignore().add(readFileSync(file, 'utf8'));
      } catch {
        m = null;
      }
    }
    this.perDir.set(dir, m);
    return m;
  }

  /** Whether a path below the root is ignored by a .gitignore at the root or in a folder above the path. */
  ignores(path: string, isDirectory = false): boolean {
    const rel = relative(this.root, path);
    if (!rel || rel.startsWith('..')) return false;
    const parts = rel.split(sep);
    let dir = this.root;
    for (let i = 0; i < parts.length; i++) {
      const m = this.matcher(dir);
      if (m) {
        const sub = parts.slice(i).join('/') + (isDirectory && i === parts.length - 1 ? '/' : '');
        if (sub && m.ignores(sub)) return true;
      }
      dir = join(dir, parts[i]);
    }
    return false;
  }
}
