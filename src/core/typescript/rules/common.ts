// Tree helpers shared by the TypeScript rules: where they look, and when a syntax error makes a
// construct too uncertain to judge.
import { ts } from 'ts-morph';
import type { Span } from '../../types';
import { ONEX_ERROR_NAMES, type TsClass, type TsFile, hasErrorWithin } from '../model';
import { type Node, dottedName, enclosingFunction, lastName, unwrap, walk } from '../syntax';

/** Every node satisfying the predicate inside the file's node classes (nested node classes are their own). */
export function nodesInNodeClasses<T extends Node>(file: TsFile, predicate: (n: Node) => n is T): { cls: TsClass; node: T }[] {
  const out: { cls: TsClass; node: T }[] = [];
  const nodeClassNodes = new Set<Node>(file.nodeClasses.map((c) => c.node));
  for (const cls of file.nodeClasses) {
    walk(cls.node, (child) => {
      if (nodeClassNodes.has(child)) return false;
      if (predicate(child)) out.push({ cls, node: child });
      return true;
    });
  }
  return out;
}

/** Whether the scope that judges node (its function, else its class) holds a syntax error. */
export function scopeHasError(file: TsFile, node: Node, cls?: TsClass): boolean {
  if (file.errorOffsets.length === 0) return false;
  const scope = enclosingFunction(node) ?? cls?.node;
  return scope ? hasErrorWithin(file, scope) : hasErrorWithin(file, node);
}

/** Whether an expression names one of the OnexError classes (`OnexError`, an alias, `errors.ModelOnexError`). */
export function isOnexErrorName(file: TsFile, expr: ts.Expression | undefined): boolean {
  if (!expr) return false;
  const e = unwrap(expr);
  if (ts.isIdentifier(e)) return file.onexErrorNames.has(e.text);
  if (ts.isPropertyAccessExpression(e)) {
    const d = dottedName(e);
    return !!d && ONEX_ERROR_NAMES.includes(lastName(d));
  }
  return false;
}

/** The node at exactly this span among candidates (fixes find their finding's node again). */
export function atSpan<T extends Node>(file: TsFile, candidates: readonly T[], span: Span): T | undefined {
  return candidates.find((n) => n.getStart(file.sf) === span.start && n.end === span.end);
}
