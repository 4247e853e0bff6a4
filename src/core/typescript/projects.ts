// One long-lived in-memory ts-morph Project per workspace folder, holding a bounded number of
// source files (least recently used ones are removed). Nothing is read from disk by ts-morph:
// files come from the editor's text, no lib files are loaded and no imports are resolved.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Project, ts, type SourceFile } from 'ts-morph';

export const MAX_SOURCE_FILES = 200;
export const MAX_PROJECTS = 32;
const UNTITLED = '/untitled/node.ts';

/** An in-memory path for a file name: forward slashes, a leading slash for drive letters. */
export function memoryPath(fileName: string | undefined): string {
  if (!fileName) return UNTITLED;
  let p = fileName.replace(/\\/g, '/');
  if (/^[A-Za-z]:\//.test(p)) p = `/${p[0].toLowerCase()}${p.slice(2)}`;
  if (!p.startsWith('/')) p = `/${p}`;
  return p;
}

export function scriptKindOf(fileName: string): ts.ScriptKind {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.tsx')) return ts.ScriptKind.TSX;
  if (lower.endsWith('.jsx')) return ts.ScriptKind.JSX;
  if (lower.endsWith('.js') || lower.endsWith('.mjs') || lower.endsWith('.cjs')) return ts.ScriptKind.JS;
  return ts.ScriptKind.TS;
}

/** Parses text on its own, outside any project (for counting syntax errors of candidate fixes). */
export function parseStandalone(text: string, fileName?: string): ts.SourceFile {
  const path = memoryPath(fileName);
  return ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, scriptKindOf(path));
}

interface Entry {
  project: Project;
  folder: string;
}

export class ProjectPool {
  /** Workspace folder → project, in least-recently-used order (Map keeps insertion order). */
  private readonly projects = new Map<string, Entry>();
  /** In-memory path → its folder, in least-recently-used order. */
  private readonly files = new Map<string, string>();
  private readonly folderOfDir = new Map<string, string>();

  constructor(
    private readonly maxFiles = MAX_SOURCE_FILES,
    private readonly maxProjects = MAX_PROJECTS,
    private readonly fileExists: (path: string) => boolean = existsSync,
  ) {}

  get projectCount(): number {
    return this.projects.size;
  }

  get sourceFileCount(): number {
    let n = 0;
    for (const e of this.projects.values()) n += e.project.getSourceFiles().length;
    return n;
  }

  /**
   * The workspace folder of a file: the nearest ancestor directory with a package.json or
   * tsconfig.json, else the file's own directory. Untitled files share one folder.
   */
  folderOf(fileName: string | undefined): string {
    if (!fileName) return '<untitled>';
    const dir = dirname(fileName);
    const cached = this.folderOfDir.get(dir);
    if (cached) return cached;
    let folder = dir;
    for (let d = dir, i = 0; i < 64; i++) {
      let found = false;
      try {
        found = this.fileExists(join(d, 'package.json')) || this.fileExists(join(d, 'tsconfig.json'));
      } catch {
        found = false;
      }
      if (found) {
        folder = d;
        break;
      }
      const up = dirname(d);
      if (up === d) break;
      d = up;
    }
    if (this.folderOfDir.size > 1000) this.folderOfDir.clear();
    this.folderOfDir.set(dir, folder);
    return folder;
  }

  private projectFor(folder: string): Project {
    const existing = this.projects.get(folder);
    if (existing) {
      this.projects.delete(folder);
      this.projects.set(folder, existing);
      return existing.project;
    }
    const project = new Project({
      useInMemoryFileSystem: true,
      skipLoadingLibFiles: true,
      skipFileDependencyResolution: true,
      skipAddingFilesFromTsConfig: true,
      compilerOptions: { target: ts.ScriptTarget.Latest, allowJs: true, jsx: ts.JsxEmit.Preserve, noLib: true },
    });
    this.projects.set(folder, { project, folder });
    while (this.projects.size > this.maxProjects) {
      const [oldest, entry] = this.projects.entries().next().value as [string, Entry];
      for (const sf of entry.project.getSourceFiles()) this.files.delete(sf.getFilePath());
      this.projects.delete(oldest);
    }
    return project;
  }

  /** The source file for a file name with exactly this text (re-parsed only when the text changed). */
  sourceFile(text: string, fileName: string | undefined): SourceFile {
    const folder = this.folderOf(fileName);
    const project = this.projectFor(folder);
    const path = memoryPath(fileName);
    let sf = project.getSourceFile(path);
    if (!sf || sf.getFullText() !== text) {
      sf = project.createSourceFile(path, text, { overwrite: true, scriptKind: scriptKindOf(path) });
    }
    const key = sf.getFilePath();
    this.files.delete(key);
    this.files.set(key, folder);
    this.evict();
    return sf;
  }

  private evict(): void {
    while (this.files.size > this.maxFiles) {
      const [path, folder] = this.files.entries().next().value as [string, string];
      this.files.delete(path);
      const entry = this.projects.get(folder);
      const sf = entry?.project.getSourceFile(path);
      if (entry && sf) entry.project.removeSourceFile(sf);
    }
  }
}
