// Building blocks for Python fixes: names the file already binds, imports merged into the file's
// own import statements, and code inserted into a class or after a statement with the file's
// indentation and line endings. Every helper returns plain TextEdits; nothing re-prints the file.
import { frameworkImports, type PythonImport } from '../framework';
import { adaptBlock, indentationAt } from '../text';
import type { TextEdit } from '../types';
import type { PyClass, PyFile, PyMethod } from './model';
import { type Node, callInfo, children, dottedName, field, isDocstring, statements } from './syntax';

interface ImportBinding {
  statement: Node;
  module: string | null; // null for `import x` statements
  name: string; // the imported name (for `import a.b`, the dotted module)
  local: string;
}

function moduleImports(file: PyFile): ImportBinding[] {
  const out: ImportBinding[] = [];
  for (const stmt of statements(file.root)) {
    if (stmt.type === 'import_from_statement') {
      const module = field(stmt, 'module_name')?.text ?? null;
      for (const c of stmt.childrenForFieldName('name')) {
        if (!c) continue;
        if (c.type === 'aliased_import') {
          const name = field(c, 'name')?.text;
          const alias = field(c, 'alias')?.text;
          if (name && alias) out.push({ statement: stmt, module, name, local: alias });
        } else out.push({ statement: stmt, module, name: c.text, local: c.text });
      }
    } else if (stmt.type === 'import_statement') {
      for (const c of children(stmt)) {
        if (c.type === 'aliased_import') {
          const name = field(c, 'name')?.text ?? ''; // a dotted_name node: `a.b`
          const alias = field(c, 'alias')?.text;
          if (alias) out.push({ statement: stmt, module: null, name, local: alias });
        } else if (c.type === 'dotted_name') out.push({ statement: stmt, module: null, name: c.text, local: c.text.split('.')[0] });
      }
    }
  }
  return out;
}

/** The local name under which the file already imports `name` from `module` (or from anywhere, when `anyModule`). */
export function boundImportName(file: PyFile, module: string | null, name: string, anyModule = false): string | null {
  for (const b of moduleImports(file)) {
    if (b.name === name && (anyModule || b.module === module)) return b.local;
  }
  return null;
}

/** Whether a module-level `import <module>` binds the module under some name; returns that name. */
export function boundModuleName(file: PyFile, module: string): string | null {
  for (const b of moduleImports(file)) if (b.module === null && b.name === module) return b.local;
  return null;
}

function importText(imp: PythonImport): string {
  return imp.alias && imp.alias !== imp.name ? `${imp.name} as ${imp.alias}` : imp.name;
}

/** Where a new import line goes: after the last module-level import, else after the module docstring. */
function newImportOffset(file: PyFile): { offset: number; before: string; after: string } {
  const stmts = statements(file.root);
  let last: Node | null = null;
  for (const s of stmts) {
    if (s.type === 'import_statement' || s.type === 'import_from_statement' || s.type === 'future_import_statement') last = s;
  }
  if (last) return { offset: last.endIndex, before: file.eol, after: '' };
  const first = stmts[0];
  if (first && isDocstring(first)) return { offset: first.endIndex, before: file.eol + file.eol, after: '' };
  return { offset: 0, before: '', after: file.eol + file.eol };
}

/**
 * Whether the file binds `local` at module level: an import, a class, a function or an assignment.
 * A name taken this way cannot be bound again by an added import without changing what it means.
 */
export function isNameBound(file: PyFile, local: string): boolean {
  if (moduleImports(file).some((b) => b.local === local)) return true;
  if (file.classesByName.has(local)) return true;
  for (const stmt of statements(file.root)) {
    const def = stmt.type === 'decorated_definition' ? field(stmt, 'definition') : stmt;
    if (def?.type === 'function_definition' && field(def, 'name')?.text === local) return true;
    const assign = stmt.type === 'expression_statement' ? stmt.namedChild(0) : null;
    if (assign?.type === 'assignment' && field(assign, 'left')?.text === local) return true;
  }
  return false;
}

/**
 * Edits that make every import available: names already bound are skipped, names from a module the
 * file already imports from are appended to that statement, the rest go in one new block of lines.
 * `modules` are plain `import x` statements, added (in the same block) unless the file binds `x`.
 */
export function importEdits(file: PyFile, imports: readonly PythonImport[], modules: readonly string[] = []): TextEdit[] {
  const bindings = moduleImports(file);
  const appendTo = new Map<number, { stmt: Node; names: string[] }>();
  const newLines = new Map<string, string[]>();
  for (const imp of imports) {
    const local = imp.alias ?? imp.name;
    if (bindings.some((b) => b.local === local && (b.name === imp.name || b.module === null))) continue;
    const existing = bindings.find((b) => b.module === imp.module && b.statement.type === 'import_from_statement' &&
      !b.statement.descendantsOfType('wildcard_import').length);
    const text = importText(imp);
    if (existing) {
      const entry = appendTo.get(existing.statement.id) ?? { stmt: existing.statement, names: [] };
      if (!entry.names.includes(text)) entry.names.push(text);
      appendTo.set(existing.statement.id, entry);
    } else {
      const list = newLines.get(imp.module) ?? [];
      if (!list.includes(text)) list.push(text);
      newLines.set(imp.module, list);
    }
  }
  const edits: TextEdit[] = [];
  for (const { stmt, names } of appendTo.values()) {
    const nameNodes = stmt.childrenForFieldName('name');
    const lastName = nameNodes[nameNodes.length - 1];
    if (!lastName) continue;
    edits.push({ start: lastName.endIndex, end: lastName.endIndex, newText: names.map((n) => `, ${n}`).join('') });
  }
  const newModules = [...new Set(modules)].filter((m) => !bindings.some((b) => b.module === null && b.name === m));
  if (newLines.size > 0 || newModules.length > 0) {
    const where = newImportOffset(file);
    const lines = [
      ...newModules.map((m) => `import ${m}`),
      ...[...newLines].map(([module, names]) => `from ${module} import ${names.join(', ')}`),
    ];
    const text = where.before + lines.join(file.eol) + where.after;
    // When the statement extended above is also the last import, both insertions share an offset:
    // one edit keeps their order (names appended first, new lines after).
    const same = edits.find((e) => e.start === where.offset && e.end === where.offset);
    if (same) same.newText += text;
    else edits.push({ start: where.offset, end: where.offset, newText: text });
  }
  return edits;
}

export type FrameworkName = keyof ReturnType<typeof frameworkImports>;

/**
 * The name to write for a framework symbol in this file, and the import edits needed for it.
 * A binding the file already has under any module (e.g. the bridge-era logging import) is reused.
 */
export function frameworkName(file: PyFile, key: FrameworkName): { name: string; imports: PythonImport[] } {
  const imp = frameworkImports(file.era.era)[key];
  const existing = boundImportName(file, imp.module, imp.name, true) ?? boundImportName(file, null, key, true);
  if (existing) return { name: existing, imports: [] };
  return { name: imp.alias ?? imp.name, imports: [imp] };
}

/** Resolves several framework names at once; `imports` is ready for importEdits. */
export function frameworkNames<K extends FrameworkName>(file: PyFile, keys: readonly K[]): { names: Record<K, string>; imports: PythonImport[] } {
  const names = {} as Record<K, string>;
  const imports: PythonImport[] = [];
  for (const key of keys) {
    const r = frameworkName(file, key);
    names[key] = r.name;
    imports.push(...r.imports);
  }
  return { names, imports };
}

/** Indentation of the statements inside a block (its first statement's line). */
export function blockIndent(file: PyFile, block: Node | null, fallbackParent: Node): string {
  const first = block ? children(block)[0] : null;
  if (first && first.startPosition.row !== fallbackParent.startPosition.row) return indentationAt(file.text, first.startIndex);
  return indentationAt(file.text, fallbackParent.startIndex) + file.indentUnit;
}

/** Re-indents a block written with 4-space indentation and '\n' for insertion at `baseIndent` in this file. */
export function adapt(file: PyFile, code: string, baseIndent: string): string {
  return adaptBlock(code, baseIndent, file.indentUnit, file.eol);
}

/**
 * The offset at the end of the line on which `node` ends, before the line ending: inserting there
 * never splits a line, keeps a trailing comment with its statement, and never splits a CRLF
 * (tree-sitter's comment token includes the '\r' of a CRLF line ending).
 */
export function endOfLastLine(text: string, node: Node): number {
  let i = node.endIndex;
  while (i > 0 && text[i - 1] === '\r' && text[i] === '\n') i--;
  while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
  return i;
}

/**
 * Inserts a member (method or statements written at depth 0 with 4-space indentation) at the end of
 * the class body, separated by a blank line.
 */
export function insertAtClassEnd(file: PyFile, cls: PyClass, code: string): TextEdit {
  const body = cls.body;
  const indent = blockIndent(file, body, cls.node);
  const last = body ? children(body).at(-1) ?? null : null;
  const at = endOfLastLine(file.text, last ?? cls.node);
  return { start: at, end: at, newText: file.eol + file.eol + adapt(file, code, indent) };
}

/** Inserts statements (depth 0, 4-space) on new lines right after `stmt`, at its indentation. */
export function insertAfterStatement(file: PyFile, stmt: Node, code: string): TextEdit {
  const indent = indentationAt(file.text, stmt.startIndex);
  const at = endOfLastLine(file.text, stmt);
  return { start: at, end: at, newText: file.eol + adapt(file, code, indent) };
}

/** Inserts statements on new lines before `stmt`, at its indentation. */
export function insertBeforeStatement(file: PyFile, stmt: Node, code: string): TextEdit {
  const indent = indentationAt(file.text, stmt.startIndex);
  let lineStart = stmt.startIndex;
  while (lineStart > 0 && file.text[lineStart - 1] !== '\n' && file.text[lineStart - 1] !== '\r') lineStart--;
  return { start: lineStart, end: lineStart, newText: adapt(file, code, indent) + file.eol };
}

/** The statement of a method body that calls `super().__init__(...)`, if any. */
export function superInitStatement(method: PyMethod): Node | null {
  for (const stmt of statements(method.body)) {
    const expr = stmt.type === 'expression_statement' ? stmt.namedChild(0) : null;
    const call = expr?.type === 'await' ? expr.namedChild(0) : expr;
    if (call?.type !== 'call') continue;
    const info = callInfo(call);
    if (info?.name === '__init__' && info.receiver?.type === 'call' && field(info.receiver, 'function')?.text === 'super') return stmt;
  }
  return null;
}

/** The last statement of a method body (comments excluded), if any. */
export function lastStatement(method: PyMethod): Node | null {
  return statements(method.body).at(-1) ?? null;
}

/** The attribute a node class keeps its id in (`self.node_id` by convention). */
export function nodeIdExpression(cls: PyClass): string {
  // Compares the attribute's own text: resolving every attribute of a long chain would be quadratic.
  for (const m of cls.methods.values()) {
    for (const attr of m.node.descendantsOfType('attribute')) {
      if (!attr || attr.endIndex - attr.startIndex > 13) continue;
      const t = attr.text;
      if (t === 'self.node_id' || t === 'self._node_id') return t;
    }
  }
  return 'self.node_id';
}

/** A string literal in the file's preferred quote style. */
export function quoted(file: Pick<PyFile, 'quote'>, value: string): string {
  const q = file.quote;
  return q + value.replace(/\\/g, '\\\\').replace(new RegExp(q, 'g'), `\\${q}`) + q;
}
