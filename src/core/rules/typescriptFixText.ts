// Pieces of generated code shared by several fixes (metadata entries, log calls, wrapping statements).
import type { ts } from 'ts-morph';
import { isNoSubstitutionTemplateLiteral, isTemplateExpression } from '../typescript/api';
import type { TextEdit } from '../types';
import { adapt, indentAt, logStatement, nodeIdExpression, str, type RuntimeNames } from '../typescript/edits';
import { type TsClass, type TsFile, classChain } from '../typescript/model';
import { normalizeName, walk } from '../typescript/syntax';

/** `this.defaultNamespace` (or another namespace member the node has), else a literal. */
export function namespaceExpression(file: TsFile, cls: TsClass): string {
  for (const c of classChain(file, cls)) {
    for (const m of c.members.values()) {
      if (m.isStatic || m.kind === 'method' || m.kind === 'set') continue;
      const n = normalizeName(m.name);
      if (n === 'defaultnamespace' || n === 'namespace') return `this.${m.name}`;
    }
  }
  return str(file, 'onex');
}

/** The envelope metadata entries (wire keys, snake_case as in the Python framework). */
export function metadataEntries(file: TsFile, cls: TsClass, keys: readonly string[]): string[] {
  const domain = cls.name.replace(/^Node/, '').replace(/(Effect|Compute|Reducer|Orchestrator)$/, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase() || (cls.kind ?? 'node');
  const values: Record<string, string> = {
    event_category: str(file, domain),
    node_type: str(file, cls.kind ?? 'node'),
    namespace: namespaceExpression(file, cls),
  };
  return keys.map((k) => `${k}: ${values[k]}`);
}

/** Whether a statement's text holds a template literal spanning lines (re-indenting would change it). */
export function hasMultilineTemplate(file: TsFile, node: ts.Node): boolean {
  const isMultiline = (n: ts.Node) => (isTemplateExpression(n) || isNoSubstitutionTemplateLiteral(n)) &&
    file.lines.positionAt(n.getStart(file.sf)).line !== file.lines.positionAt(n.end).line;
  let found = isMultiline(node);
  walk(node, (n) => {
    if (found) return false;
    found = isMultiline(n);
    return !found;
  });
  return found;
}

/** The text of statements [first, last] re-indented one unit deeper (their first line without indentation). */
function deeperText(file: TsFile, first: ts.Node, last: ts.Node): string {
  const text = file.text.slice(first.getStart(file.sf), last.end);
  return text.split(/\r?\n/).map((l, i) => (i === 0 || l.trim() === '' ? l : file.indentUnit + l)).join(file.eol);
}

/** Wraps statements [first..last] of one block in `<head> { ... }`. */
export function wrapStatements(file: TsFile, first: ts.Statement, last: ts.Statement, head: string): TextEdit {
  const indent = indentAt(file, first.getStart(file.sf));
  const inner = indent + file.indentUnit;
  return {
    start: first.getStart(file.sf),
    end: last.end,
    newText: `${head} {${file.eol}${inner}${deeperText(file, first, last)}${file.eol}${indent}}`,
  };
}

/** `try { <statement> } catch (error) { <log warning> }` around one statement. */
export function wrapInTryCatch(file: TsFile, cls: TsClass, stmt: ts.Statement, rt: RuntimeNames | null, message: string): TextEdit {
  const indent = indentAt(file, stmt.getStart(file.sf));
  const inner = indent + file.indentUnit;
  const log = logStatement(rt, 'WARNING', str(file, message),
    `{ nodeId: ${nodeIdExpression(file, cls)}, error: error instanceof Error ? error.message : String(error) }`);
  const body = deeperText(file, stmt, stmt);
  return {
    start: stmt.getStart(file.sf),
    end: stmt.end,
    newText: `try {${file.eol}${inner}${body}${file.eol}${indent}} catch (error) {${file.eol}${adapt(file, log, inner)}${file.eol}${indent}}`,
  };
}
