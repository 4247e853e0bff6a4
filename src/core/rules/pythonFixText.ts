// Text building for the statement-level fixes: the local indentation unit, original code moved to a
// new indentation (multi-line strings left byte-for-byte), fresh names, and the logging and error
// names a fix writes (reusing what the file binds, importing what it lacks).
import { frameworkNames, importEdits, nodeIdExpression } from '../python/edits';
import { knownNodeId } from './knownAttributes';
import type { PyClass, PyFile } from '../python/model';
import { resolveName } from '../python/model';
import { type Node, children, field, statements, unwrapDecorated, walk } from '../python/syntax';
import { indentationAt } from '../text';
import type { TextEdit } from '../types';

export function lineStart(text: string, offset: number): number {
  let start = offset;
  while (start > 0 && text[start - 1] !== '\n' && text[start - 1] !== '\r') start--;
  return start;
}

/** Whether node is the first thing on its line (only indentation before it). */
export function startsLine(text: string, node: Node): boolean {
  return /^[ \t]*$/.test(text.slice(lineStart(text, node.startIndex), node.startIndex));
}

/** Whether only whitespace or a comment follows node on its line. */
export function endsLine(text: string, node: Node): boolean {
  let i = node.endIndex;
  while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
  return i >= text.length || text[i] === '\n' || text[i] === '\r' || text[i] === '#';
}

/**
 * The indentation unit where `stmt` sits: its indentation minus that of the statement owning its
 * block (so a 2-space file, or a tab-indented class in a space-indented file, is followed locally).
 */
export function localUnit(file: PyFile, stmt: Node): string {
  const indent = indentationAt(file.text, stmt.startIndex);
  const owner = stmt.parent?.type === 'block' ? stmt.parent.parent : null;
  if (owner) {
    const outer = indentationAt(file.text, owner.startIndex);
    if (indent.length > outer.length && indent.startsWith(outer)) return indent.slice(outer.length);
  }
  return file.indentUnit;
}

/** Rows (0-based) that begin inside a multi-line string of `node`: their leading whitespace is string content. */
function rowsInsideStrings(node: Node): Set<number> {
  const rows = new Set<number>();
  walk(node, (n) => {
    if (n.type === 'string' && n.endPosition.row > n.startPosition.row) {
      for (let r = n.startPosition.row + 1; r <= n.endPosition.row; r++) rows.add(r);
      return false;
    }
    return true;
  });
  return rows;
}

/**
 * The text of `node` for a place whose first line is indented `newBase` instead of the node's own
 * line indentation: each continuation line moves by the same amount; lines inside multi-line strings stay.
 */
export function movedText(file: PyFile, node: Node, newBase: string): string {
  const oldBase = indentationAt(file.text, node.startIndex);
  const text = node.text;
  if (oldBase === newBase || !/[\r\n]/.test(text)) return text;
  const keep = rowsInsideStrings(node);
  const parts = text.split(/(\r\n|\n|\r)/);
  let row = node.startPosition.row;
  let out = parts[0];
  for (let i = 1; i < parts.length; i += 2) {
    row++;
    let line = parts[i + 1];
    if (!keep.has(row) && line.trim() !== '') {
      if (newBase.startsWith(oldBase)) line = newBase.slice(oldBase.length) + line;
      else if (line.startsWith(oldBase)) line = newBase + line.slice(oldBase.length);
    }
    out += parts[i] + line;
  }
  return out;
}

/** A line of generated code: depth in local units below the base, and its text (may hold embedded line breaks). */
export type Line = [depth: number, text: string];

/** Joins generated lines at `base` indentation; the first line gets no indentation (it replaces text in place). */
export function render(lines: readonly Line[], base: string, unit: string, eol: string, indentFirst = false): string {
  return lines.map(([depth, text], i) => (i === 0 && !indentFirst ? '' : text === '' ? '' : base + unit.repeat(depth)) + text).join(eol);
}

/** Identifiers used anywhere in `scope` (parameters, locals, globals it reads). */
export function identifiersIn(scope: Node): Set<string> {
  const names = new Set<string>();
  walk(scope, (n) => {
    if (n.type === 'identifier') names.add(n.text);
  });
  return names;
}

/** The first candidate not used in `scope`: a new `except ... as x` must not unbind a name still in use. */
export function freshName(scope: Node, candidates: readonly string[] = ['e', 'exc', 'err', 'error', 'caught']): string {
  const used = identifiersIn(scope);
  for (const c of candidates) if (!used.has(c)) return c;
  for (let i = 2; ; i++) if (!used.has(`exc${i}`)) return `exc${i}`;
}

/** The outermost function around node that is a method of the class (nested functions see its `self`). */
export function enclosingMethod(cls: PyClass, node: Node): Node | null {
  let found: Node | null = null;
  for (let p = node.parent; p && p.id !== cls.node.id; p = p.parent) {
    if (p.type === 'function_definition' && [...cls.methods.values()].some((m) => m.node.id === p!.id)) found = p;
  }
  return found;
}

/** The instance parameter of the method around node (`self`), or null for static/class methods and module code. */
export function selfName(cls: PyClass, node: Node): string | null {
  const method = enclosingMethod(cls, node);
  if (!method) return null;
  const outer = method.parent?.type === 'decorated_definition' ? method.parent : null;
  if (outer && children(outer).some((d) => d.type === 'decorator' && /^@(staticmethod|classmethod)\b/.test(d.text))) return null;
  const first = children(field(method, 'parameters') ?? method)[0];
  const name = first?.type === 'identifier' ? first.text : first?.type === 'typed_parameter' ? children(first)[0]?.text : null;
  return name === 'self' ? name : null;
}

/**
 * The class's node id expression (`self.node_id`, or `self._node_id` where the class uses that), when a
 * constructed instance has it (knownAttributes.ts); null when it is not known to (generated code then does without).
 */
export function nodeIdOf(file: PyFile, cls: PyClass): string | null {
  return knownNodeId(file, cls, nodeIdExpression(cls) === 'self._node_id' ? '_node_id' : 'node_id');
}

/** A name bound in the function (parameter or local) around node, looked up through enclosing functions. */
export function boundInFunction(node: Node, name: string): boolean {
  for (let p = node.parent; p; p = p.parent) {
    if (p.type === 'class_definition') return false;
    if (p.type !== 'function_definition') continue;
    let found = false;
    walk(field(p, 'parameters') ?? p, (n) => {
      if (n.type === 'identifier' && n.text === name) found = true;
    });
    if (found) return true;
    walk(field(p, 'body') ?? p, (n) => {
      if (found) return false;
      if (n.id !== p!.id && (n.type === 'function_definition' || n.type === 'class_definition')) return false;
      if (n.type === 'assignment' || n.type === 'augmented_assignment' || n.type === 'for_statement' || n.type === 'with_item' || n.type === 'named_expression') {
        const target = field(n, 'left') ?? field(n, 'name') ?? field(n, 'value');
        if (target) walk(target, (t) => {
          if (t.type === 'identifier' && t.text === name) found = true;
        });
      }
      return true;
    });
    if (found) return true;
  }
  return false;
}

/** Annotation text of a parameter `name` of the function around node, if any. */
export function parameterAnnotation(node: Node, name: string): string | null | undefined {
  for (let p = node.parent; p; p = p.parent) {
    if (p.type === 'class_definition') return undefined;
    if (p.type !== 'function_definition') continue;
    for (const param of children(field(p, 'parameters') ?? p)) {
      const id = param.type === 'identifier' ? param : children(param)[0];
      if (id?.text !== name) continue;
      return field(param, 'type')?.text ?? null;
    }
  }
  return undefined;
}

/** The module-level name of a `logging.getLogger(...)` logger, if the file has one. */
export function moduleLogger(file: PyFile): string | null {
  for (const stmt of statements(file.root)) {
    const assign = stmt.type === 'expression_statement' ? stmt.namedChild(0) : null;
    if (assign?.type !== 'assignment') continue;
    const left = field(assign, 'left');
    const right = field(assign, 'right');
    if (left?.type === 'identifier' && right?.type === 'call' && /(^|\.)getLogger$/.test(field(right, 'function')?.text ?? '')) return left.text;
  }
  return null;
}

/** Whether a module-level name is bound (import, assignment, def, class) — wildcard imports count as "maybe". */
export function moduleBinds(file: PyFile, name: string): boolean | 'maybe' {
  let maybe = false;
  for (const stmt of statements(file.root)) {
    const def = unwrapDecorated(stmt);
    if ((def.type === 'function_definition' || def.type === 'class_definition') && field(def, 'name')?.text === name) return true;
    if (stmt.type === 'import_from_statement') {
      if (stmt.descendantsOfType('wildcard_import').length) maybe = true;
      for (const c of stmt.childrenForFieldName('name')) {
        if (!c) continue;
        const local = c.type === 'aliased_import' ? field(c, 'alias')?.text : c.text;
        if (local === name) return true;
      }
    } else if (stmt.type === 'import_statement') {
      for (const c of children(stmt)) {
        const local = c.type === 'aliased_import' ? field(c, 'alias')?.text : c.text.split('.')[0];
        if (local === name) return true;
      }
    }
  }
  if (file.aliases.has(name)) return true;
  return maybe ? 'maybe' : false;
}

/** An edit adding `import <module>` with the file's other imports (after the last module-level import). */
export function plainImportEdit(file: PyFile, module: string): TextEdit {
  const stmts = statements(file.root);
  let last: Node | null = null;
  for (const s of stmts) if (/^(import_statement|import_from_statement|future_import_statement)$/.test(s.type)) last = s;
  if (last) return { start: last.endIndex, end: last.endIndex, newText: file.eol + `import ${module}` };
  const first = stmts[0];
  if (first && first.type === 'expression_statement' && first.namedChild(0)?.type === 'string') {
    return { start: first.endIndex, end: first.endIndex, newText: file.eol + file.eol + `import ${module}` };
  }
  return { start: 0, end: 0, newText: `import ${module}` + file.eol + file.eol };
}

export interface LoggingNames {
  emit: string;
  level: string;
  edits: TextEdit[];
}

/** emit_log_event and LogLevel as this file names them, with the import edits they need. */
export function loggingNames(file: PyFile): LoggingNames {
  const { names, imports } = frameworkNames(file, ['emit_log_event', 'LogLevel']);
  return { emit: names.emit_log_event, level: names.LogLevel, edits: importEdits(file, imports) };
}

/** The name of EnumCoreErrorCode in this file (an alias it binds wins), with the imports it needs. */
export function errorCodeName(file: PyFile): { name: string; edits: TextEdit[] } {
  for (const local of file.errorCodeEnumNames) {
    if (local !== 'EnumCoreErrorCode' && resolveName(file.aliases, local) === 'EnumCoreErrorCode' && moduleBinds(file, local) === true) {
      return { name: local, edits: [] };
    }
  }
  const { names, imports } = frameworkNames(file, ['EnumCoreErrorCode']);
  if (moduleBinds(file, names.EnumCoreErrorCode) === true) return { name: names.EnumCoreErrorCode, edits: [] };
  return { name: names.EnumCoreErrorCode, edits: importEdits(file, imports) };
}

/**
 * Concatenates edit lists, dropping exact duplicates (two parts of a fix asking for the same import)
 * and joining insertions at the same offset into one, in list order: applied separately, their order
 * would depend on the applier (importEdits appends names and adds lines at the same offset when the
 * statement it extends is the last import).
 */
export function mergeEdits(...lists: TextEdit[][]): TextEdit[] {
  const out: TextEdit[] = [];
  for (const e of lists.flat()) {
    if (out.some((o) => o.start === e.start && o.end === e.end && o.newText === e.newText)) continue;
    const insertion = e.start === e.end ? out.find((o) => o.start === e.start && o.end === e.start) : undefined;
    if (insertion) insertion.newText += e.newText;
    else out.push({ ...e });
  }
  return out;
}

/** snake_case of a class name without its `Node` prefix and kind suffix: NodeCodegenOrchestrator → codegen. */
export function eventCategory(cls: PyClass): string {
  let core = cls.name.replace(/^Node(?=[A-Z0-9_])/, '').replace(/(Effect|Compute|Reducer|Orchestrator)$/, '');
  if (!core) core = cls.kind ?? 'node';
  return core.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2').replace(/^_+|_+$/g, '').toLowerCase() || 'node';
}
