// Where today's era's own rules (ONEX012–ONEX019) look, and what they share: the era test, the file's place
// in a node package (its contract's folder, node.py, test files), comments on a line (the framework's gates
// are silenced by markers such as `# io-ok:` or `# fallback-ok` on the flagged line), and the dotted name
// an expression stands for once the file's imports are followed (`_os.environ.get` is `os.environ.get`
// after `import os as _os`; `dt.utcnow` is `datetime.datetime.utcnow` after `from datetime import datetime
// as dt`). Class roles (node, handler, test double) come from ./classRoles.ts; this module only adds what
// today's rules need beside them.
import { dirname } from 'node:path';
import type { PyClass, PyFile } from '../python/model';
import { type Node, field } from '../python/syntax';
import { isTestFile, roleOf } from './classRoles';
import { BindingIndex, allImports, enclosingFunctionScopes, importedNames, scopeOf } from './pythonScope';

/** Today's rules judge files of today's era only (bridge-era files have the spec's hand-written patterns). */
export function inTodaysEra(file: PyFile): boolean {
  return file.era.era === 'current';
}

/** The file's own name (`node.py`), or '' when the file has none. */
export function baseName(file: PyFile): string {
  return file.fileName?.split(/[\\/]/).pop() ?? '';
}

/** The folders of the file's path (`/src/pkg/nodes/node_x/handlers`), outermost first. */
export function folderParts(file: PyFile): string[] {
  const parts = file.fileName?.split(/[\\/]/) ?? [];
  return parts.slice(0, -1);
}

/** Whether the file is a test file (test-files patterns relative to its project; the framework's gates skip tests too). */
export function inTestFile(file: PyFile): boolean {
  return isTestFile(file.fileName, file.config.projectRoot, file.config.testFiles);
}

/** Whether the file sits in the folder of its package's contract.yaml itself (not a sub-folder such as handlers/). */
export function besideContract(file: PyFile): boolean {
  const facts = file.config.packageFacts;
  if (!facts || !file.fileName) return false;
  return normalise(dirname(file.fileName)) === normalise(dirname(facts.contract));
}

function normalise(path: string): string {
  return path.replace(/\\/g, '/').replace(/\/+$/, '');
}

/** Whether the file belongs to a node package: its contract.yaml governs it (packageFacts) and it is no test file. */
export function inNodePackage(file: PyFile): boolean {
  return !!file.config.packageFacts && !inTestFile(file);
}

const commentIndexes = new WeakMap<PyFile, Map<number, Node[]>>();

/** The comments of the file by 0-based row. */
function commentsByRow(file: PyFile): Map<number, Node[]> {
  let index = commentIndexes.get(file);
  if (index) return index;
  index = new Map();
  for (const comment of file.root.descendantsOfType('comment')) {
    const row = comment.startPosition.row;
    const list = index.get(row);
    if (list) list.push(comment);
    else index.set(row, [comment]);
  }
  commentIndexes.set(file, index);
  return index;
}

/** The comment nodes on a 0-based row. */
export function commentsOnRow(file: PyFile, row: number): Node[] {
  return commentsByRow(file).get(row) ?? [];
}

/** Whether a comment on one of the rows passes `test` (its text, `#` included). */
export function commentOnRows(file: PyFile, rows: Iterable<number>, test: (text: string) => boolean): boolean {
  for (const row of rows) {
    for (const comment of commentsOnRow(file, row)) if (comment.textMatches(test)) return true;
  }
  return false;
}

/** Whether a comment on the row contains one of the markers (as the framework's gates look for them in the line). */
export function markerOnRow(file: PyFile, row: number, markers: readonly string[], ignoreCase = false): boolean {
  return commentOnRows(file, [row], (text) => {
    const t = ignoreCase ? text.toLowerCase() : text;
    return markers.some((m) => t.includes(ignoreCase ? m.toLowerCase() : m));
  });
}

/** What the file's imports bind: local name → dotted name (`np` → `numpy`, `env` → `os.getenv`). */
interface ImportMap {
  /** Imports at module level (also inside module-level `if`/`try`). */
  module: Map<string, string>;
  /** Imports inside functions, by the function's node id. */
  functions: Map<number, Map<string, string>>;
}

const importMaps = new WeakMap<PyFile, { imports: ImportMap; bindings: BindingIndex }>();

function importMapOf(file: PyFile): { imports: ImportMap; bindings: BindingIndex } {
  let found = importMaps.get(file);
  if (found) return found;
  const imports: ImportMap = { module: new Map(), functions: new Map() };
  for (const stmt of allImports(file.root)) {
    // Relative imports are the project's own modules.
    const moduleNode = stmt.type === 'import_from_statement' ? field(stmt, 'module_name') : null;
    if (moduleNode?.type === 'relative_import') continue;
    const scope = scopeOf(stmt);
    let target: Map<string, string> | undefined;
    if (scope.type === 'module') target = imports.module;
    else if (scope.type === 'function_definition') {
      target = imports.functions.get(scope.id);
      if (!target) imports.functions.set(scope.id, (target = new Map()));
    } else continue;
    for (const imported of importedNames(stmt)) {
      if (imported.name === '*') continue;
      // `import a.b` binds `a` (to the package a); `import a.b as c` binds c to a.b.
      const dotted = imported.name === null
        ? (imported.local === imported.module.split('.')[0] ? imported.local : imported.module)
        : `${imported.module}.${imported.name}`;
      target.set(imported.local, dotted);
    }
  }
  found = { imports, bindings: new BindingIndex() };
  importMaps.set(file, found);
  return found;
}

/**
 * The dotted name an identifier stands for at its place: what an import binds it to (nearest function
 * first, then the module), or null when it is not imported there or something else binds it in between
 * (a parameter named `os`, `datetime = ...` in the function).
 */
function resolveIdentifier(file: PyFile, id: Node): string | null {
  const { imports, bindings } = importMapOf(file);
  const name = id.text;
  for (const fn of enclosingFunctionScopes(id)) {
    const local = bindings.get(fn, name);
    if (!local) continue;
    if (local.every((b) => b.kind === 'import')) return imports.functions.get(fn.id)?.get(name) ?? null;
    return null;
  }
  const moduleBindings = bindings.get(file.root, name);
  if (moduleBindings && !moduleBindings.every((b) => b.kind === 'import')) return null;
  return imports.module.get(name) ?? null;
}

/**
 * The dotted name of an identifier or attribute chain after following the file's imports: `_os.environ.get`
 * → `os.environ.get`; null when its first name is not imported (a local, a parameter, `self`).
 */
export function qualifiedName(file: PyFile, node: Node | null): string | null {
  if (!node) return null;
  if (node.type === 'identifier') return resolveIdentifier(file, node);
  if (node.type === 'attribute') {
    const object = qualifiedName(file, field(node, 'object'));
    const attr = field(node, 'attribute');
    return object && attr ? `${object}.${attr.text}` : null;
  }
  return null;
}

/**
 * A name the module's own imports bind to exactly `dotted` (`_os` for `import os as _os` and `os`), usable at
 * `at`: bound by nothing else at module level, not shadowed in a function around `at`; null when there is none.
 */
export function importedNameFor(file: PyFile, dotted: string, at: Node): string | null {
  const { imports, bindings } = importMapOf(file);
  for (const [local, target] of imports.module) {
    if (target !== dotted) continue;
    const moduleBindings = bindings.get(file.root, local) ?? [];
    if (!moduleBindings.every((b) => b.kind === 'import') || bindings.shadowedAt(local, at)) continue;
    return local;
  }
  return null;
}

/** The node or handler class (by ./classRoles.ts) a node lies in, innermost first; null outside one. */
export function enclosingNodeOrHandlerClass(file: PyFile, node: Node): PyClass | null {
  for (const cls of file.classes) {
    if (node.startIndex < cls.node.startIndex || node.endIndex > cls.node.endIndex) continue;
    const role = roleOf(file, cls).role;
    if (role === 'handler' || role === 'production-node' || role === 'declarative-node' || role === 'base') return cls;
  }
  return null;
}

/** Where the logic of a node belongs, for messages: the handler(s) the contract binds, or a handler to write. */
export function whereLogicBelongs(file: PyFile): string {
  const handlers = file.config.packageFacts?.handlers ?? [];
  if (handlers.length === 0) {
    return 'a handler class (handlers/handler_<name>.py with a def-B handle(request)) that contract.yaml binds in handler_routing';
  }
  const named = handlers.slice(0, 3).map((h) => (h.module ? `${h.name} (${h.module})` : h.name));
  return `the handler the contract binds: ${named.join(', ')}${handlers.length > 3 ? ', …' : ''}`;
}
