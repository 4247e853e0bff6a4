// Tree helpers shared by the TypeScript rules: where they look, and when a syntax error makes a
// construct too uncertain to judge.
import type { ts } from 'ts-morph';
import { SyntaxKind, isIdentifier, isPropertyAccessExpression } from '../typescript/api';
import type { Span } from '../types';
import { ONEX_ERROR_NAMES, type TsClass, type TsFile, hasErrorWithin } from '../typescript/model';
import { type Node, dottedName, enclosingFunction, lastName, unwrap } from '../typescript/syntax';

/** The kinds `isCallExpression` accepts, for nodesInNodeClasses. */
export const CALLS: readonly ts.SyntaxKind[] = [SyntaxKind.CallExpression];

const inNodeClassesCache = new WeakMap<TsFile, Map<(n: Node) => boolean, { cls: TsClass; node: Node }[]>>();

/**
 * Every node satisfying the predicate inside the file's node classes (nested node classes are their
 * own), in class order then source order. `kinds`, when given, are the only kinds the predicate can
 * accept: other nodes are passed over without a call. Results for the same predicate function are
 * shared by the rules that ask (the list is read-only).
 */
export function nodesInNodeClasses<T extends Node>(
  file: TsFile, predicate: (n: Node) => n is T, kinds?: readonly ts.SyntaxKind[],
): { cls: TsClass; node: T }[] {
  let cache = inNodeClassesCache.get(file);
  if (!cache) {
    cache = new Map();
    inNodeClassesCache.set(file, cache);
  }
  const cached = cache.get(predicate);
  if (cached) return cached as { cls: TsClass; node: T }[];
  const out: { cls: TsClass; node: T }[] = [];
  const nodeClassNodes = new Set<Node>(file.nodeClasses.map((c) => c.node));
  const wanted = new Uint8Array(SyntaxKind.Count + 1).fill(kinds ? 0 : 1);
  for (const k of kinds ?? []) wanted[k] = 1;
  const tree = file.tree;
  const { nodes, ends } = tree;
  const kindAt = tree.kinds;
  for (const cls of file.nodeClasses) {
    const at = tree.indexOf(cls.node);
    const end = ends[at];
    for (let i = at + 1; i < end;) {
      const kind = kindAt[i];
      if ((kind === SyntaxKind.ClassDeclaration || kind === SyntaxKind.ClassExpression) && nodeClassNodes.has(nodes[i])) {
        i = ends[i];
        continue;
      }
      if (wanted[kind] === 1 && predicate(nodes[i])) out.push({ cls, node: nodes[i] as T });
      i++;
    }
  }
  cache.set(predicate, out);
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
  if (isIdentifier(e)) return file.onexErrorNames.has(e.text);
  if (isPropertyAccessExpression(e)) {
    const d = dottedName(e);
    return !!d && ONEX_ERROR_NAMES.includes(lastName(d));
  }
  return false;
}

/** The node at exactly this span among candidates (fixes find their finding's node again). */
export function atSpan<T extends Node>(file: TsFile, candidates: readonly T[], span: Span): T | undefined {
  return candidates.find((n) => n.getStart(file.sf) === span.start && n.end === span.end);
}
