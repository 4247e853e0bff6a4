// Text edits for the fixes: generated code follows the file's quotes, semicolons, indentation and
// line endings, and lands at places computed from the syntax tree.
import type { ts } from 'ts-morph';
import {
  SyntaxKind, getTrailingCommentRanges, isBindingElement, isBlock, isClassLike, isFunctionDeclaration, isIdentifier,
  isImportDeclaration, isNamedImports, isParameter, isStringLiteral, isVariableDeclaration,
} from './api';
import { adaptBlock } from '../text';
import type { TextEdit } from '../types';
import type { TsClass, TsFile } from './model';
import { walk } from './syntax';

/** A string literal in the file's quote style. */
export function str(file: TsFile, value: string): string {
  const q = file.quote;
  const escaped = value.replace(/\\/g, '\\\\').replace(new RegExp(q, 'g'), `\\${q}`).replace(/\n/g, '\\n');
  return `${q}${escaped}${q}`;
}

/**
 * Adapts generated code written with '\n', 4-space indentation and `;` after statements to the
 * file: indentation unit, base indentation, line ending, and semicolons (dropped at line ends when
 * the file does not use them).
 */
export function adapt(file: TsFile, code: string, baseIndent: string): string {
  const lines = code.split('\n').map((l) => (file.semicolons ? l : l.replace(/;$/, '')));
  return adaptBlock(lines.join('\n'), baseIndent, file.indentUnit, file.eol);
}

/** Leading whitespace of the line holding offset. */
export function indentAt(file: TsFile, offset: number): string {
  const line = file.lines.positionAt(offset).line;
  const start = file.lines.lineStart(line);
  let end = start;
  while (end < file.text.length && (file.text[end] === ' ' || file.text[end] === '\t')) end++;
  return file.text.slice(start, end);
}

function lineOf(file: TsFile, offset: number): number {
  return file.lines.positionAt(offset).line;
}

/** Inserts statements on new lines after a statement, at its indentation. */
export function insertAfterStatement(file: TsFile, stmt: ts.Node, code: string): TextEdit {
  const indent = indentAt(file, stmt.getStart(file.sf));
  // After any trailing comment on the statement's last line.
  const at = endOfLineAfter(file, stmt.end);
  return { start: at, end: at, newText: file.eol + adapt(file, code, indent) };
}

/** The offset at the end of the line holding offset, when only trivia (spaces, a comment) follow. */
function endOfLineAfter(file: TsFile, offset: number): number {
  const comments = getTrailingCommentRanges(file.text, offset) ?? [];
  let end = offset;
  for (const c of comments) if (c.kind === SyntaxKind.SingleLineCommentTrivia || !c.hasTrailingNewLine) end = Math.max(end, c.end);
  const lineEnd = file.lines.lineEnd(lineOf(file, offset));
  return file.text.slice(end, lineEnd).trim() === '' ? lineEnd : offset;
}

/** Whether only spaces or comments follow offset on its line. */
function restOfLineIsTrivia(file: TsFile, offset: number): boolean {
  const lineEnd = file.lines.lineEnd(lineOf(file, offset));
  return endOfLineAfter(file, offset) === lineEnd || file.text.slice(offset, lineEnd).trim() === '';
}

/** The indentation of statements inside a block. */
export function blockIndent(file: TsFile, block: ts.Block | ts.ClassLikeDeclaration | ts.ObjectLiteralExpression): string {
  const items: readonly ts.Node[] = isBlock(block) ? block.statements : isClassLike(block) ? block.members : block.properties;
  const first = items.find((n) => lineOf(file, n.getStart(file.sf)) !== lineOf(file, openBrace(file, block)));
  if (first) return indentAt(file, first.getStart(file.sf));
  return indentAt(file, block.getStart(file.sf)) + file.indentUnit;
}

function openBrace(file: TsFile, node: ts.Node): number {
  if (isClassLike(node)) {
    // The `{` that opens the members: the first one after the heritage clauses / name.
    const from = node.heritageClauses?.[node.heritageClauses.length - 1]?.end ?? node.name?.end ?? node.getStart(file.sf);
    return file.text.indexOf('{', from);
  }
  return node.getStart(file.sf);
}

function closeBrace(node: ts.Node): number {
  return node.end - 1;
}

/** Inserts statements at the start of a block (after its `{` line). */
export function insertAtBlockStart(file: TsFile, block: ts.Block, code: string): TextEdit {
  const open = openBrace(file, block);
  if (lineOf(file, open) === lineOf(file, closeBrace(block))) return rewriteSingleLineBlock(file, block, code, 'start');
  const indent = blockIndent(file, block);
  const at = endOfLineAfter(file, open + 1);
  if (!restOfLineIsTrivia(file, open + 1)) {
    // A statement follows `{` on its line: the code goes between them, the statement on a line of its own.
    let next = at;
    while (file.text[next] === ' ' || file.text[next] === '\t') next++;
    return { start: at, end: next, newText: file.eol + adapt(file, code, indent) + file.eol + indent };
  }
  return { start: at, end: at, newText: file.eol + adapt(file, code, indent) };
}

/** Inserts statements at the end of a block (before its `}`). */
export function insertAtBlockEnd(file: TsFile, block: ts.Block, code: string): TextEdit {
  const open = openBrace(file, block);
  const close = closeBrace(block);
  if (lineOf(file, open) === lineOf(file, close)) return rewriteSingleLineBlock(file, block, code, 'end');
  const indent = blockIndent(file, block);
  const last = block.statements[block.statements.length - 1];
  const at = last ? endOfLineAfter(file, last.end) : endOfLineAfter(file, open + 1);
  return { start: at, end: at, newText: file.eol + adapt(file, code, indent) };
}

/** `{ a(); }` written on one line: rewrite it over several lines with the code added. */
function rewriteSingleLineBlock(file: TsFile, block: ts.Block, code: string, where: 'start' | 'end'): TextEdit {
  const open = openBrace(file, block);
  const close = closeBrace(block);
  const outer = indentAt(file, open);
  const inner = outer + file.indentUnit;
  const existing = block.statements.map((s) => inner + s.getText(file.sf));
  const added = adapt(file, code, inner);
  const body = where === 'start' ? [added, ...existing] : [...existing, added];
  return { start: open + 1, end: close, newText: file.eol + body.join(file.eol) + file.eol + outer };
}

/** Inserts a class member (method or property) at the end of the class body, after a blank line. */
export function insertClassMember(file: TsFile, cls: TsClass, code: string, where: 'end' | 'start' = 'end'): TextEdit {
  const node = cls.node;
  const open = openBrace(file, node);
  const close = closeBrace(node);
  const classIndent = indentAt(file, node.getStart(file.sf));
  if (node.members.length === 0 || lineOf(file, open) === lineOf(file, close)) {
    const inner = classIndent + file.indentUnit;
    const existing = node.members.map((m) => inner + m.getText(file.sf));
    const added = adapt(file, code, inner);
    const body = where === 'start' ? [added, ...existing] : [...existing, added];
    return { start: open + 1, end: close, newText: file.eol + body.join(file.eol + file.eol) + file.eol + classIndent };
  }
  const indent = blockIndent(file, node);
  if (where === 'start') {
    const at = endOfLineAfter(file, open + 1);
    return { start: at, end: at, newText: file.eol + adapt(file, code, indent) + file.eol };
  }
  const last = node.members[node.members.length - 1];
  const at = endOfLineAfter(file, last.end);
  return { start: at, end: at, newText: file.eol + file.eol + adapt(file, code, indent) };
}

export interface RuntimeNames {
  edits: TextEdit[];
  /** How the file refers to a runtime name after the edits (`emitLogEvent`, an alias, or `onex.emitLogEvent`). */
  ref(name: string): string;
}

/**
 * Makes runtime names available through the file's runtime import (the one that brings the node base
 * class): adds the missing ones to its named imports. Null when the file has no runtime import.
 */
export function ensureRuntimeNames(file: TsFile, names: readonly string[], typeNames: readonly string[] = []): RuntimeNames | null {
  const rt = file.runtimeImport;
  if (!rt) return null;
  if (rt.namespace !== null) {
    const ns = rt.namespace;
    return { edits: [], ref: (name) => `${ns}.${name}` };
  }
  const bindings = rt.namedBindings!;
  const available = new Map(rt.named);
  const typeOnly = new Map(rt.typeNamed);
  // Other imports of the same module (`import type { ConsulClient } from ...`) bring names too.
  const moduleName = (rt.declaration.moduleSpecifier as ts.StringLiteral).text;
  for (const s of file.sf.statements) {
    if (!isImportDeclaration(s) || s === rt.declaration || !isStringLiteral(s.moduleSpecifier) || s.moduleSpecifier.text !== moduleName) continue;
    const b = s.importClause?.namedBindings;
    if (!b || !isNamedImports(b)) continue;
    for (const el of b.elements) {
      const original = el.propertyName ? (el.propertyName as ts.Identifier).text : el.name.text;
      if (s.importClause!.isTypeOnly || el.isTypeOnly) typeOnly.set(original, el.name.text);
      else available.set(original, el.name.text);
    }
  }
  // Names bound elsewhere in the file (another import, a local alias) count as available too.
  for (const name of [...names, ...typeNames]) {
    if (available.has(name)) continue;
    for (const [local, original] of file.aliases) if (original === name) available.set(name, local);
  }
  const typeAvailable = new Map([...typeOnly, ...available]);
  const missing = [...names.filter((n) => !available.has(n)), ...typeNames.filter((n) => !typeAvailable.has(n)).map((n) => `type ${n}`)];
  const unique = [...new Set(missing)];
  const edits: TextEdit[] = [];
  if (unique.length > 0) {
    const elements = bindings.elements;
    const last = elements[elements.length - 1];
    if (!last) {
      edits.push({ start: bindings.getStart(file.sf), end: bindings.end, newText: `{ ${unique.join(', ')} }` });
    } else {
      const multiline = lineOf(file, bindings.getStart(file.sf)) !== lineOf(file, last.getStart(file.sf));
      if (multiline) {
        const indent = indentAt(file, last.getStart(file.sf));
        if (elements.hasTrailingComma) {
          const comma = file.text.indexOf(',', last.end);
          edits.push({ start: comma + 1, end: comma + 1, newText: unique.map((n) => `${file.eol}${indent}${n},`).join('') });
        } else {
          edits.push({ start: last.end, end: last.end, newText: unique.map((n) => `,${file.eol}${indent}${n}`).join('') });
        }
      } else {
        edits.push({ start: last.end, end: last.end, newText: unique.map((n) => `, ${n}`).join('') });
      }
    }
  }
  return { edits, ref: (name) => available.get(name) ?? typeAvailable.get(name) ?? name };
}

/** `this.nodeId` when the node has one (the runtime base class provides it), else the class name. */
export function nodeIdExpression(file: TsFile, cls: TsClass): string {
  if (file.runtimeImport || cls.members.has('nodeId')) return 'this.nodeId';
  return str(file, cls.name);
}

/**
 * A log statement: the runtime's `emitLogEvent(LogLevel.X, message, context)` when the file has a
 * runtime import, else `console.<level>(message, context)`.
 */
export function logStatement(
  rt: RuntimeNames | null, level: 'DEBUG' | 'INFO' | 'WARNING' | 'ERROR', message: string, context: string,
): string {
  if (rt) return `${rt.ref('emitLogEvent')}(${rt.ref('LogLevel')}.${level}, ${message}, ${context});`;
  const method = level === 'WARNING' ? 'warn' : level === 'ERROR' ? 'error' : level === 'DEBUG' ? 'debug' : 'info';
  return `console.${method}(${message}, ${context});`;
}

/** Whether a name is free for a new local in the function (no parameter, local or catch binding of that name). */
export function isNameFree(fn: ts.Node, name: string): boolean {
  let free = true;
  walk(fn, (n) => {
    if (!free) return false;
    if ((isVariableDeclaration(n) || isParameter(n) || isBindingElement(n) || isFunctionDeclaration(n)) &&
      n.name && isIdentifier(n.name) && n.name.text === name) free = false;
    return free;
  });
  return free;
}

/** Kebab-case service name from a class name: NodeCodegenOrchestrator → codegen-orchestrator. */
export function serviceName(className: string): string {
  return className.replace(/^Node/, '').replace(/([a-z0-9])([A-Z])/g, '$1-$2').replace(/([A-Z])([A-Z][a-z])/g, '$1-$2').toLowerCase() || 'node';
}

/** Inserts a class member after another member (after a blank line), at the members' indentation. */
export function insertClassMemberAfter(file: TsFile, cls: TsClass, after: ts.ClassElement, code: string): TextEdit {
  const open = openBrace(file, cls.node);
  if (lineOf(file, open) === lineOf(file, closeBrace(cls.node))) return insertClassMember(file, cls, code, 'end');
  const indent = blockIndent(file, cls.node);
  const at = endOfLineAfter(file, after.end);
  return { start: at, end: at, newText: file.eol + file.eol + adapt(file, code, indent) };
}

/** Columns a line takes (a tab counts 4). */
function columns(line: string): number {
  let n = 0;
  for (const c of line) n += c === '\t' ? 4 - (n % 4) : 1;
  return n;
}

/**
 * How wide a line written by a fix may be: the file's own longest line, kept between 100 and 120 columns
 * (TypeScript's formatter never breaks a long line; 100 to 120 is where Prettier and ESLint's max-len are set).
 */
export function lineWidth(file: TsFile): number {
  let longest = 0;
  for (let line = 0; line < file.lines.lineCount; line++) {
    longest = Math.max(longest, columns(file.text.slice(file.lines.lineStart(line), file.lines.lineEnd(line))));
  }
  return Math.max(100, Math.min(120, longest));
}

/**
 * `condition ? whenTrue : whenFalse` as the text replacing `span` of the file: on one line when that line
 * stays within lineWidth(file), else broken before `?` and `:` as Prettier breaks a long conditional. In
 * parentheses (`parenthesize`) the condition and the branches go on lines of their own, one indentation
 * unit deeper than the line (the branches one more) and the closing parenthesis back at the line's
 * indentation; bare, the branches go on lines one unit deeper. `lead` goes before it all (a `;` guard).
 */
export function conditionalText(file: TsFile, span: { start: number; end: number },
  parts: { condition: string; whenTrue: string; whenFalse: string }, parenthesize: boolean, lead = ''): string {
  const { condition, whenTrue, whenFalse } = parts;
  const oneLine = `${condition} ? ${whenTrue} : ${whenFalse}`;
  const flat = parenthesize ? `${lead}(${oneLine})` : `${lead}${oneLine}`;
  const line = file.lines.positionAt(span.start).line;
  const before = file.text.slice(file.lines.lineStart(line), span.start);
  const after = file.text.slice(span.end, file.lines.lineEnd(file.lines.positionAt(span.end).line));
  if (oneLine.includes('\n') || columns(before + flat + after) <= lineWidth(file)) return flat;
  const indent = indentAt(file, span.start);
  const unit = file.indentUnit;
  const eol = file.eol;
  if (!parenthesize) return `${lead}${condition}${eol}${indent}${unit}? ${whenTrue}${eol}${indent}${unit}: ${whenFalse}`;
  const inner = indent + unit;
  return `${lead}(${eol}${inner}${condition}${eol}${inner}${unit}? ${whenTrue}${eol}${inner}${unit}: ${whenFalse}${eol}${indent})`;
}
