// Scaffolding of production ONEX nodes: the language-neutral API shared by the VS Code commands and
// the CLI. Planning is pure (names and file contents, no file system); writing is a separate step so
// the extension can turn a plan into one WorkspaceEdit and the CLI can write it to disk.
import { lstat, mkdir, rm, rmdir, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import {
  FRAMEWORK_TARGETS, NODE_KINDS, SCAFFOLD_LANGUAGES, SCAFFOLD_LAYOUTS, ScaffoldError, validateNodeName,
  type ScaffoldOptions, type ScaffoldPlan,
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
}

const nodeFileSystem: ScaffoldFileSystem = {
  async mkdir(path) {
    await mkdir(path);
  },
  async writeNewFile(path, content) {
    await writeFile(path, content, { encoding: 'utf8', flag: 'wx' });
  },
};

/**
 * Writes a plan under parentDir (created when missing) and returns the absolute paths written.
 * Never overwrites: when any target exists it throws ScaffoldError naming it and writes nothing.
 * When a write fails part-way, everything it created (files and folders) is removed again.
 */
export async function writeScaffold(parentDir: string, plan: ScaffoldPlan, fs: ScaffoldFileSystem = nodeFileSystem): Promise<string[]> {
  const targets = plannedTargets(plan).map((p) => targetPath(parentDir, p));
  for (const target of targets) {
    if (await exists(target)) {
      throw new ScaffoldError(`${target} already exists; nothing was written. Choose another name or folder.`);
    }
  }

  const createdDirs: string[] = [];
  const createdFiles: string[] = [];
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
  } catch (error) {
    // Undo in reverse order: files first, then folders from the deepest.
    for (const file of createdFiles.reverse()) await rm(file, { force: true });
    for (const dir of createdDirs.reverse()) await rmdir(dir).catch(() => undefined);
    const reason = (error as Error).message;
    throw new ScaffoldError(`Writing the node failed (${reason}); everything created was removed again.`);
  }
  return createdFiles;
}
