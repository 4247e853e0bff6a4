// Helpers over the TypeScript syntax tree (raw compiler nodes of ts-morph's bundled TypeScript).
// Only the syntax tree is read: no program, no type checker.
import type { ts } from 'ts-morph';
import {
  SyntaxKind, canHaveModifiers, forEachChild, getModifiers, isAsExpression, isAwaitExpression, isBlock,
  isCallExpression, isCaseClause, isClassLike, isDefaultClause, isElementAccessExpression, isIdentifier,
  isModuleBlock, isNewExpression, isNoSubstitutionTemplateLiteral, isNonNullExpression, isNumericLiteral,
  isParenthesizedExpression, isPrivateIdentifier, isPropertyAccessExpression, isQualifiedName, isSatisfiesExpression, isSourceFile,
  isStringLiteral, isStringLiteralLike, isTypeAssertionExpression, isVoidExpression,
} from './api';
import { locate } from './tree';

export type Node = ts.Node;

const FUNCTION_KINDS = [
  SyntaxKind.FunctionDeclaration, SyntaxKind.FunctionExpression, SyntaxKind.ArrowFunction, SyntaxKind.MethodDeclaration,
  SyntaxKind.Constructor, SyntaxKind.GetAccessor, SyntaxKind.SetAccessor,
];
const IS_FUNCTION = new Uint8Array(SyntaxKind.Count + 1);
for (const kind of FUNCTION_KINDS) IS_FUNCTION[kind] = 1;

/** Function-like nodes that open a new scope of `this`/locals (signatures without bodies excluded). */
export function isFunctionNode(node: Node): node is ts.FunctionLikeDeclaration {
  return IS_FUNCTION[node.kind] === 1;
}

/** Kinds whose children `walk(..., { intoFunctions: false })` does not enter: functions and classes. */
const OPENS_SCOPE = new Uint8Array(SyntaxKind.Count + 1);
for (const kind of [...FUNCTION_KINDS, SyntaxKind.ClassDeclaration, SyntaxKind.ClassExpression]) OPENS_SCOPE[kind] = 1;

/**
 * Visits node's descendants (not node itself) depth-first in source order. The visitor returns
 * false to skip a node's children. With `intoFunctions: false` nested functions and classes are
 * visited themselves but not entered.
 */
export function walk(node: Node, visit: (n: Node) => boolean | void, options: { intoFunctions?: boolean } = {}): void {
  const into = options.intoFunctions ?? true;
  const found = locate(node);
  if (!found) {
    walkUnindexed(node, visit, into);
    return;
  }
  // The tree's index: the subtree is a range of its node list.
  const { nodes, kinds, ends } = found.index;
  const end = ends[found.at];
  for (let i = found.at + 1; i < end;) {
    if (visit(nodes[i]) === false || (!into && OPENS_SCOPE[kinds[i]] === 1)) i = ends[i];
    else i++;
  }
}

/** The same walk over a tree without an index (nodes made outside the front end's parse). */
function walkUnindexed(node: Node, visit: (n: Node) => boolean | void, into: boolean): void {
  // An explicit stack: trees of generated code can be thousands of levels deep.
  const stack: Node[] = [];
  const push = (child: Node): undefined => {
    stack.push(child);
    return undefined;
  };
  const pushChildren = (n: Node) => {
    const base = stack.length;
    forEachChild(n, push);
    for (let lo = base, hi = stack.length - 1; lo < hi; lo++, hi--) {
      const t = stack[lo];
      stack[lo] = stack[hi];
      stack[hi] = t;
    }
  };
  pushChildren(node);
  while (stack.length) {
    const child = stack.pop()!;
    if (visit(child) === false) continue;
    if (!into && OPENS_SCOPE[child.kind] === 1) continue;
    pushChildren(child);
  }
}

/** Every descendant of node satisfying the predicate (source order). */
export function descendants<T extends Node>(node: Node, predicate: (n: Node) => n is T, options: { intoFunctions?: boolean } = {}): T[] {
  const out: T[] = [];
  walk(node, (n) => {
    if (predicate(n)) out.push(n);
  }, options);
  return out;
}

/** Skips parentheses, type assertions, `as`/`satisfies`, non-null assertions (not `await`). */
export function unwrap(expr: ts.Expression): ts.Expression {
  let e = expr;
  for (;;) {
    if (isParenthesizedExpression(e) || isAsExpression(e) || isSatisfiesExpression(e) ||
      isNonNullExpression(e) || isTypeAssertionExpression(e)) e = e.expression;
    else return e;
  }
}

/** Like unwrap, and also skips `await`. */
export function unwrapAwait(expr: ts.Expression): ts.Expression {
  let e = unwrap(expr);
  while (isAwaitExpression(e)) e = unwrap(e.expression);
  return e;
}

/** The parent, skipping parentheses and type-only wrappers around node. */
export function outerParent(node: Node): { parent: Node; child: Node } {
  let child = node;
  let parent = node.parent;
  while (parent && (isParenthesizedExpression(parent) || isAsExpression(parent) || isSatisfiesExpression(parent) ||
    isNonNullExpression(parent) || isTypeAssertionExpression(parent))) {
    child = parent;
    parent = parent.parent;
  }
  return { parent, child };
}

/** Name text of an identifier, private identifier or literal property name; null for computed names. */
export function nameText(name: Node | undefined): string | null {
  if (!name) return null;
  if (isIdentifier(name) || isPrivateIdentifier(name)) return name.text;
  if (isStringLiteral(name) || isNumericLiteral(name) || isNoSubstitutionTemplateLiteral(name)) return name.text;
  return null;
}

/** The text of a qualified name (`a.b.c` in `import x = a.b.c` or a type reference), from its parts. */
export function entityText(name: ts.EntityName): string {
  const parts: string[] = [];
  let n: ts.EntityName = name;
  while (isQualifiedName(n)) {
    parts.push(n.right.text);
    n = n.left;
  }
  parts.push(n.text);
  return parts.reverse().join('.');
}

/**
 * Dotted text of `a.b.c`, `this.x`, `this.#x` and `a?.b` chains (and `a['b']` with a literal key);
 * null for anything else (calls, computed access).
 */
export function dottedName(expr: Node | undefined): string | null {
  const names: string[] = [];
  let e = expr;
  // A loop, not recursion: property chains can be thousands of links long.
  while (e) {
    if (isIdentifier(e) || isPrivateIdentifier(e)) {
      names.push(e.text);
      break;
    }
    if (e.kind === SyntaxKind.ThisKeyword || e.kind === SyntaxKind.SuperKeyword) {
      names.push(e.kind === SyntaxKind.ThisKeyword ? 'this' : 'super');
      break;
    }
    if (isParenthesizedExpression(e) || isNonNullExpression(e)) e = e.expression;
    else if (isPropertyAccessExpression(e)) {
      names.push(e.name.text);
      e = e.expression;
    } else if (isElementAccessExpression(e) && isStringLiteralLike(e.argumentExpression)) {
      names.push(e.argumentExpression.text);
      e = e.expression;
    } else return null;
  }
  return e ? names.reverse().join('.') : null;
}

export function lastName(dotted: string): string {
  const i = dotted.lastIndexOf('.');
  return i < 0 ? dotted : dotted.slice(i + 1);
}

export interface CallInfo {
  /** The method or function name: `publish` in `this.kafka.publish(...)`. */
  name: string;
  /** The receiver expression (`this.kafka`), or undefined for a plain function call. */
  receiver: ts.Expression | undefined;
  /** The name node (for spans). */
  nameNode: Node;
}

export function callInfo(call: ts.CallExpression | ts.NewExpression): CallInfo | null {
  const callee = unwrap(call.expression);
  if (isIdentifier(callee)) return { name: callee.text, receiver: undefined, nameNode: callee };
  if (isPropertyAccessExpression(callee)) return { name: callee.name.text, receiver: callee.expression, nameNode: callee.name };
  if (isElementAccessExpression(callee) && isStringLiteralLike(callee.argumentExpression)) {
    return { name: callee.argumentExpression.text, receiver: callee.expression, nameNode: callee.argumentExpression };
  }
  return null;
}

/** Whether `a?.b(...)`, `a.b?.(...)` or any link of the callee chain is optional. */
export function hasOptionalChain(expr: Node): boolean {
  let e: Node | undefined = expr;
  while (e && (isCallExpression(e) || isPropertyAccessExpression(e) || isElementAccessExpression(e) ||
    isNonNullExpression(e) || isParenthesizedExpression(e))) {
    if ((isCallExpression(e) || isPropertyAccessExpression(e) || isElementAccessExpression(e)) && e.questionDotToken) return true;
    e = e.expression;
  }
  return false;
}

/** The innermost function-like node around node (not node itself), or undefined at class/module level. */
export function enclosingFunction(node: Node): ts.FunctionLikeDeclaration | undefined {
  for (let p = node.parent; p; p = p.parent) {
    if (isFunctionNode(p)) return p;
    if (isClassLike(p) || isSourceFile(p)) return undefined;
  }
  return undefined;
}

export function hasModifier(node: Node, kind: ts.SyntaxKind): boolean {
  return canHaveModifiers(node) && !!getModifiers(node)?.some((m) => m.kind === kind);
}

/** Whether node lies within [outer.start, outer.end). */
export function contains(outer: Node, node: Node): boolean {
  return node.pos >= outer.pos && node.end <= outer.end;
}

/** Whether the name is a bare identifier `undefined`, `null` or `void 0`. */
export function isNullish(expr: ts.Expression): boolean {
  const e = unwrap(expr);
  return e.kind === SyntaxKind.NullKeyword || (isIdentifier(e) && e.text === 'undefined') || isVoidExpression(e);
}

/** Lower-case text without underscores: `success_rate`, `successRate` → `successrate`. */
export function normalizeName(name: string): string {
  return name.replace(/[_#$]/g, '').toLowerCase();
}

/** Words of a camelCase or snake_case name, lower-cased: `avgLatencyMs` → [avg, latency, ms]. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
}

/** The statement that directly contains node (itself when node is a statement). */
export function enclosingStatement(node: Node): ts.Statement | undefined {
  for (let p: Node | undefined = node; p; p = p.parent) {
    if (isBlock(p.parent) || isSourceFile(p.parent) || isModuleBlock(p.parent) || isCaseClause(p.parent) ||
      isDefaultClause(p.parent)) return p as ts.Statement;
    if (isFunctionNode(p) || isClassLike(p)) return undefined;
  }
  return undefined;
}

/** Text of a node on one line (whitespace runs collapsed), for messages. */
export function oneLine(node: Node, sf: ts.SourceFile): string {
  return node.getText(sf).replace(/\s+/g, ' ').replace(/\(\s+/g, '(').replace(/\s+\)/g, ')').replace(/\s*\.\s*/g, '.');
}

/** How a call is named in messages: `this.kafkaClient.publish(...)`. */
export function callLabel(call: ts.CallExpression | ts.NewExpression, sf: ts.SourceFile): string {
  const prefix = isNewExpression(call) ? 'new ' : '';
  return `${prefix}${oneLine(call.expression, sf)}(...)`;
}
