// Insertion points for generated code that never split a line (see endOfLastLine in edits.ts),
// with an anchor of the rule's choosing.
import type { PyClass, PyFile } from '../python/model';
import { adapt, blockIndent, endOfLastLine } from '../python/edits';

export { endOfLastLine };
import { type Node, children } from '../python/syntax';
import type { TextEdit } from '../types';

/** Whether `stmt` starts its line (only indentation before it) and nothing but a comment follows it on its last line. */
export function ownsItsLines(text: string, stmt: Node): boolean {
  let i = stmt.startIndex;
  while (i > 0 && text[i - 1] !== '\n' && text[i - 1] !== '\r') {
    if (text[i - 1] !== ' ' && text[i - 1] !== '\t') return false;
    i--;
  }
  const rest = text.slice(stmt.endIndex, endOfLastLine(text, stmt)).trim();
  return rest === '' || rest.startsWith('#');
}

/** Inserts lines (written at depth 0 with 4-space indentation) after the statement, at `indent`. */
export function insertLinesAfter(file: PyFile, stmt: Node, code: string, indent: string): TextEdit {
  const at = endOfLastLine(file.text, stmt);
  return { start: at, end: at, newText: file.eol + adapt(file, code, indent) };
}

/**
 * Inserts a method (written at depth 0 with 4-space indentation) into the class, after the member
 * `after` when given (else after the last member), separated by one blank line.
 */
export function insertMethod(file: PyFile, cls: PyClass, code: string, after: Node | null): TextEdit | null {
  const body = cls.body;
  if (!body) return null;
  const members = children(body);
  const anchor = after ?? members[members.length - 1];
  if (!anchor || anchor.startPosition.row === cls.node.startPosition.row) return null; // one-line class body
  const indent = blockIndent(file, body, cls.node);
  const at = endOfLastLine(file.text, anchor);
  return { start: at, end: at, newText: file.eol + file.eol + adapt(file, code, indent) };
}
