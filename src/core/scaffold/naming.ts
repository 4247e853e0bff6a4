// Names and options of a scaffold: the vocabulary shared by the planner, the language templates,
// the CLI and the VS Code commands. No file system, no vscode.

export type NodeKind = 'effect' | 'compute' | 'reducer' | 'orchestrator';
export type ScaffoldLanguage = 'python' | 'typescript';
export type ScaffoldLayout = 'versioned' | 'flat';
export type FrameworkTarget = 'current' | 'bridge';

export const NODE_KINDS: readonly NodeKind[] = ['effect', 'compute', 'reducer', 'orchestrator'];
export const SCAFFOLD_LAYOUTS: readonly ScaffoldLayout[] = ['flat', 'versioned'];
export const SCAFFOLD_LANGUAGES: readonly ScaffoldLanguage[] = ['python', 'typescript'];
export const FRAMEWORK_TARGETS: readonly FrameworkTarget[] = ['current', 'bridge'];

/** The version folder of the bridge era's `<name>/v1_0_0/` layout. */
export const VERSION_FOLDER = 'v1_0_0';

export interface ScaffoldOptions {
  kind: NodeKind;
  /** The node's snake_case package name, e.g. `payment_gateway` (see validateNodeName). */
  name: string;
  language: ScaffoldLanguage;
  layout: ScaffoldLayout;
  frameworkTarget: FrameworkTarget;
  /** TypeScript only: whether a tsconfig.json governs the target folder (false: the plan writes one). */
  tsconfigFound?: boolean;
  /** TypeScript only: the module the node imports its framework types from. */
  runtimeModule?: string;
  /** TypeScript only: whether runtimeModule resolves in the workspace (else a small runtime is written). */
  runtimeResolves?: boolean;
  /**
   * Python, today's framework: where the node goes (see PythonPlacement). When missing, the node
   * is planned as if its folder belonged to no project.
   */
  placement?: PythonPlacement;
}

/**
 * Where a Python node for today's framework is scaffolded, as the caller found it on disk: the
 * nearest pyproject.toml at or above the chosen folder decides the package path, the tests folder,
 * the topics' producer, the copyright holder and the entry point the plan adds.
 */
export interface PythonPlacement {
  /** The chosen folder's own name (the producer when there is no project), e.g. `acme_nodes`. */
  folderName: string;
  /** The nearest pyproject.toml above (or in) the chosen folder, when there is one. */
  project?: {
    /** Its text (the editor's buffer when open): the plan's edit applies to exactly this text. */
    pyproject: string;
    /** The chosen folder relative to the pyproject's folder, `/`-separated; '' for the same folder. */
    folderFromProject: string;
  };
  /** The year of the SPDX copyright line (default: the current year). */
  year?: number;
}

/** A change to an existing file: insert `text` at `offset` of `original` (which must still be the file's text). */
export interface ScaffoldEdit {
  /** Relative to the plan's base folder, with `/` separators, e.g. `pyproject.toml`. */
  path: string;
  original: string;
  offset: number;
  text: string;
  /** What the edit does, for the user, e.g. `registered node_x as an onex.nodes entry point`. */
  summary: string;
}

export interface ScaffoldFile {
  /** Relative to the chosen parent folder, with `/` separators, e.g. `payment_gateway/node.py`. */
  path: string;
  content: string;
}

export interface ScaffoldPlan {
  /** The node's own folder relative to the base folder: `payment_gateway` or `payment_gateway/v1_0_0`. */
  root: string;
  files: ScaffoldFile[];
  /** The file to open when done (one of files' paths). */
  mainFile: string;
  /**
   * The folder every path of the plan is relative to: the chosen folder ('folder', the default) or,
   * for a Python node inside a project, the folder of its pyproject.toml ('project').
   */
  base?: 'folder' | 'project';
  /** Changes to existing files (the pyproject's entry point), applied with the new files. */
  edits?: ScaffoldEdit[];
  /** What the user should know about the plan (where the tests went and why), one sentence each. */
  notes?: string[];
}

/** A scaffold that cannot be planned or written; the message is meant for the user as is. */
export class ScaffoldError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ScaffoldError';
  }
}

// Python keywords (3.12, `keyword.kwlist`): a package with such a name cannot be imported.
export const PYTHON_KEYWORDS: ReadonlySet<string> = new Set([
  'False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue',
  'def', 'del', 'elif', 'else', 'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in',
  'is', 'lambda', 'nonlocal', 'not', 'or', 'pass', 'raise', 'return', 'try', 'while', 'with', 'yield',
]);

export const MAX_NODE_NAME_LENGTH = 64;

const VALID_NAME_HELP = 'A node name is a snake_case Python package name: lower-case letters, digits and single '
  + 'underscores, starting with a letter and not ending with an underscore (e.g. payment_gateway).';

/** Null when `name` is a valid node name; otherwise a message saying what is wrong and what is valid. */
export function validateNodeName(name: string): string | null {
  if (name.length === 0) return `Enter a node name. ${VALID_NAME_HELP}`;
  if (name !== name.trim()) return `The name has leading or trailing spaces. ${VALID_NAME_HELP}`;
  if (name.length > MAX_NODE_NAME_LENGTH) return `The name is ${name.length} characters long; the limit is ${MAX_NODE_NAME_LENGTH}.`;
  if (/[A-Z]/.test(name)) return `"${name}" has upper-case letters. ${VALID_NAME_HELP}`;
  if (/[-\s.]/.test(name)) return `"${name}" has hyphens, spaces or dots. ${VALID_NAME_HELP}`;
  if (!/^[a-z0-9_]+$/.test(name)) return `"${name}" has characters other than a-z, 0-9 and _. ${VALID_NAME_HELP}`;
  if (!/^[a-z]/.test(name)) return `"${name}" does not start with a letter. ${VALID_NAME_HELP}`;
  if (name.endsWith('_')) return `"${name}" ends with an underscore. ${VALID_NAME_HELP}`;
  if (name.includes('__')) return `"${name}" has a double underscore. ${VALID_NAME_HELP}`;
  if (PYTHON_KEYWORDS.has(name)) return `"${name}" is a Python keyword and cannot name a package. ${VALID_NAME_HELP}`;
  return null;
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/**
 * The PascalCase domain part of a node name: `payment_gateway` → `PaymentGateway`. A trailing
 * `_<kind>` and a leading `node_` are dropped so `database_adapter_effect` does not become
 * `NodeDatabaseAdapterEffectEffect` (when something is left).
 */
export function domainNameFor(name: string, kind: NodeKind): string {
  return domainWordsFor(name, kind).map(capitalize).join('');
}

/** The lower-case words of domainNameFor: `node_payment_gateway_effect` → ['payment', 'gateway']. */
export function domainWordsFor(name: string, kind: NodeKind): string[] {
  let words = name.split('_').filter(Boolean);
  if (words.length > 1 && words[words.length - 1] === kind) words = words.slice(0, -1);
  if (words.length > 1 && words[0] === 'node') words = words.slice(1);
  return words;
}

/** `payment_gateway` + `effect` → `NodePaymentGatewayEffect`. */
export function classNameFor(name: string, kind: NodeKind): string {
  return `Node${domainNameFor(name, kind)}${capitalize(kind)}`;
}

/** The node's folder relative to the parent folder. */
export function rootFor(name: string, layout: ScaffoldLayout): string {
  return layout === 'versioned' ? `${name}/${VERSION_FOLDER}` : name;
}
