// Scaffolding of production ONEX nodes: the language-neutral API shared by the VS Code commands and
// the CLI. Planning is pure (names and file contents, no file system); writing is a separate step so
// the extension can turn a plan into one WorkspaceEdit and the CLI can write it to disk.
import { lstat, mkdir, readFile, rm, rmdir, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import {
  FRAMEWORK_TARGETS, NODE_KINDS, SCAFFOLD_LANGUAGES, SCAFFOLD_LAYOUTS, ScaffoldError, validateNodeName,
  type PythonPlacement, type ScaffoldOptions, type ScaffoldPlan,
} from './naming';
import { planPythonScaffold } from './python';

export * from './naming';
export { DEFAULT_RUNTIME_MODULE, typeScriptTargetFor, type TypeScriptTarget } from './typescriptTarget';

function checkOptions(options: ScaffoldOptions): void {
  const problem = validateNodeName(options.name);
  if (problem) throw new ScaffoldError(problem);
  if (!NODE_KINDS.includes(options.kind)) {
    throw new ScaffoldError(`Unknown node kind "${options.kind}": use one of ${NODE_KINDS.join(', ')}.`);
  }
  if (!SCAFFOLD_LAYOUTS.includes(options.layout)) {
    throw new ScaffoldError(`Unknown layout "${options.layout}": use one of ${SCAFFOLD_LAYOUTS.join(', ')}.`);
  }
  if (!SCAFFOLD_LANGUAGES.includes(options.language)) {
    throw new ScaffoldError(`Unknown language "${options.language}": use one of ${SCAFFOLD_LANGUAGES.join(', ')}.`);
  }
  if (!FRAMEWORK_TARGETS.includes(options.frameworkTarget)) {
    throw new ScaffoldError(`Unknown framework target "${options.frameworkTarget}": use one of ${FRAMEWORK_TARGETS.join(', ')}.`);
  }
}

/** Plans a whole node package: every file's relative path and content. Throws ScaffoldError on bad options. */
export function planScaffold(options: ScaffoldOptions): ScaffoldPlan {
  checkOptions(options);
  if (options.language === 'typescript') {
    let typescript: { planTypeScriptScaffold(options: ScaffoldOptions): ScaffoldPlan };
    try {
      // Loaded on demand, like the TypeScript front end: Python-only users never load it.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      typescript = require('./typescript') as typeof typescript;
    } catch (error) {
      throw new ScaffoldError(`TypeScript scaffolding is not available: ${(error as Error).message}`);
    }
    return typescript.planTypeScriptScaffold(options);
  }
  return planPythonScaffold(options);
}

/**
 * Every path the plan would create, relative to the parent folder: the node's root folder first,
 * then each file. Used to refuse a scaffold over anything that exists.
 */
export function plannedTargets(plan: ScaffoldPlan): string[] {
  return [plan.root, ...plan.files.map((f) => f.path)];
}

/** Absolute target of a planned relative path; refuses paths that would escape the parent folder. */
export function targetPath(parentDir: string, relativePath: string): string {
  const base = resolve(parentDir);
  const target = resolve(base, ...relativePath.split('/'));
  const rel = relative(base, target);
  if (rel === '' || isAbsolute(rel) || rel.split(sep).includes('..')) {
    throw new ScaffoldError(`Refusing to write outside ${base}: ${relativePath}`);
  }
  return target;
}

async function exists(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}

/** File-system operations writeScaffold uses; tests inject failures through it. */
export interface ScaffoldFileSystem {
  mkdir(path: string): Promise<void>;
  /** Must fail when the file exists (never overwrite). */
  writeNewFile(path: string, content: string): Promise<void>;
  /** Reads an existing file (a plan's edit); default: node's readFile. */
  readText?(path: string): Promise<string>;
  /** Replaces an existing file's content (a plan's edit, or undoing one); default: node's writeFile. */
  replaceFile?(path: string, content: string): Promise<void>;
}

const nodeFileSystem: ScaffoldFileSystem = {
  async mkdir(path) {
    await mkdir(path);
  },
  async writeNewFile(path, content) {
    await writeFile(path, content, { encoding: 'utf8', flag: 'wx' });
  },
};

const readText = (path: string) => readFile(path, 'utf8');
const replaceFile = (path: string, content: string) => writeFile(path, content, 'utf8');

/** The text of a plan's edited file after the edit. */
export function editedText(edit: { original: string; offset: number; text: string }): string {
  return `${edit.original.slice(0, edit.offset)}${edit.text}${edit.original.slice(edit.offset)}`;
}

/**
 * Where a Python node for today's framework goes when created in `folder`: the nearest
 * pyproject.toml at or above it (its text and the folder's path from it), and the folder that
 * the plan's paths are relative to (ScaffoldPlan.base): the project's folder, else `folder`.
 */
export async function findPythonPlacement(
  folder: string, read: (path: string) => Promise<string | undefined> = readIfExists,
): Promise<{ placement: PythonPlacement; projectDir?: string }> {
  const start = resolve(folder);
  for (let dir = start; ; dir = dirname(dir)) {
    const pyproject = await read(join(dir, 'pyproject.toml'));
    if (pyproject !== undefined) {
      const folderFromProject = relative(dir, start).split(sep).join('/');
      return { placement: { folderName: basenameOf(start), project: { pyproject, folderFromProject } }, projectDir: dir };
    }
    if (dirname(dir) === dir) return { placement: { folderName: basenameOf(start) } };
  }
}

function basenameOf(path: string): string {
  return path.split(sep).filter(Boolean).pop() ?? '';
}

async function readIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR') return undefined;
    throw error;
  }
}

/**
 * Writes a plan under parentDir (its base folder; created when missing), then applies its edits,
 * and returns the absolute paths written. Never overwrites: when any new file's target exists,
 * or an edited file no longer holds the text the edit was planned on, it throws ScaffoldError and
 * writes nothing. When a write fails part-way, everything it created (files and folders) is
 * removed again and every edited file gets its original text back.
 */
export async function writeScaffold(parentDir: string, plan: ScaffoldPlan, fs: ScaffoldFileSystem = nodeFileSystem): Promise<string[]> {
  const targets = plannedTargets(plan).map((p) => targetPath(parentDir, p));
  for (const target of targets) {
    if (await exists(target)) {
      throw new ScaffoldError(`${target} already exists; nothing was written. Choose another name or folder.`);
    }
  }
  const read = fs.readText ?? readText;
  const replace = fs.replaceFile ?? replaceFile;
  const edits = (plan.edits ?? []).map((edit) => ({ edit, target: targetPath(parentDir, edit.path) }));
  for (const { edit, target } of edits) {
    let current: string | undefined;
    try {
      current = await read(target);
    } catch {
      current = undefined;
    }
    if (current !== edit.original) {
      throw new ScaffoldError(`${target} ${current === undefined ? 'cannot be read' : 'changed since the node was planned'}; nothing was written. Try again.`);
    }
  }

  const createdDirs: string[] = [];
  const createdFiles: string[] = [];
  const editedFiles: { target: string; original: string }[] = [];
  const ensureDir = async (dir: string): Promise<void> => {
    if (await exists(dir)) return;
    await ensureDir(dirname(dir));
    await fs.mkdir(dir);
    createdDirs.push(dir);
  };

  try {
    await ensureDir(targetPath(parentDir, plan.root));
    for (const file of plan.files) {
      const target = targetPath(parentDir, file.path);
      await ensureDir(dirname(target));
      await fs.writeNewFile(target, file.content);
      createdFiles.push(target);
    }
    for (const { edit, target } of edits) {
      editedFiles.push({ target, original: edit.original });
      await replace(target, editedText(edit));
    }
  } catch (error) {
    // Undo in reverse order: edits first, then files, then folders from the deepest.
    for (const { target, original } of editedFiles.reverse()) await replace(target, original).catch(() => undefined);
    for (const file of createdFiles.reverse()) await rm(file, { force: true });
    for (const dir of createdDirs.reverse()) await rmdir(dir).catch(() => undefined);
    const reason = (error as Error).message;
    const restored = editedFiles.length > 0 ? ' and the edited files have their text back' : '';
    throw new ScaffoldError(`Writing the node failed (${reason}); everything created was removed again${restored}.`);
  }
  return createdFiles;
}
