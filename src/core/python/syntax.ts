// Small, typed helpers over tree-sitter-python nodes. Rules read the tree through these so that
// they stay short and so that "what is a call's receiver" has one answer everywhere.
import type { SyntaxNode } from './view';

export type Node = SyntaxNode;

/** Function and class definitions open a new scope: walks that stay in one function stop there. */
export const SCOPE_TYPES = new Set(['function_definition', 'class_definition', 'lambda']);

export function children(node: Node): Node[] {
  return node.namedChildren.slice();
}

export function field(node: Node, name: string): Node | null {
  return node.childForFieldName(name);
}

/** Depth-first walk (anonymous tokens included); `visit` returns false to skip a node's children. */
export function walk(node: Node, visit: (n: Node) => boolean | void): void {
  const stack: Node[] = [node];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (visit(n) === false) continue;
    const kids = n.children;
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
  }
}

/** Named descendants of the given types that belong to `scope` itself, not to nested functions/classes. */
export function descendantsInScope(scope: Node, types: ReadonlySet<string>): Node[] {
  const out: Node[] = [];
  walk(scope, (n) => {
    if (n.id !== scope.id && SCOPE_TYPES.has(n.type)) return false;
    if (types.has(n.type)) out.push(n);
    return true;
  });
  return out;
}

export function ancestors(node: Node): Node[] {
  const out: Node[] = [];
  for (let p = node.parent; p; p = p.parent) out.push(p);
  return out;
}

/** The innermost function definition that contains node, if any. */
export function enclosingFunction(node: Node): Node | null {
  for (let p = node.parent; p; p = p.parent) {
    if (p.type === 'function_definition') return p;
    if (p.type === 'class_definition') return null;
  }
  return null;
}

/** `a.b.c` for identifier/attribute chains; null for anything else. */
export function dottedName(node: Node | null): string | null {
  if (!node) return null;
  if (node.type === 'identifier') return node.text;
  if (node.type === 'attribute') {
    const object = dottedName(field(node, 'object'));
    const attr = field(node, 'attribute');
    return object && attr ? `${object}.${attr.text}` : null;
  }
  return null;
}

/** Last component of a dotted name: `omnibase.nodes.NodeEffect` → `NodeEffect`. */
export function lastName(dotted: string): string {
  const i = dotted.lastIndexOf('.');
  return i < 0 ? dotted : dotted.slice(i + 1);
}

export interface CallInfo {
  call: Node;
  /** The callee expression. */
  func: Node;
  /** The called name: `publish` for `self.kafka.publish(...)`, `KafkaClient` for `KafkaClient(...)`. */
  name: string;
  /** The receiver of a method call (`self.kafka` above), null for a plain function call. */
  receiver: Node | null;
  /** Source text of the receiver (may contain calls: `self.get_client().x`). */
  receiverText: string;
  args: Node | null;
}

export function callInfo(call: Node): CallInfo | null {
  const func = field(call, 'function');
  if (!func) return null;
  const args = field(call, 'arguments');
  if (func.type === 'identifier') return { call, func, name: func.text, receiver: null, receiverText: '', args };
  if (func.type === 'attribute') {
    const attr = field(func, 'attribute');
    const object = field(func, 'object');
    if (!attr || !object) return null;
    return { call, func, name: attr.text, receiver: object, receiverText: object.text, args };
  }
  return null;
}

/** The keyword argument `name=` of a call, or null. */
export function keywordArgument(call: Node, name: string): Node | null {
  const args = field(call, 'arguments');
  if (!args) return null;
  for (const arg of children(args)) {
    if (arg.type === 'keyword_argument' && field(arg, 'name')?.text === name) return field(arg, 'value');
  }
  return null;
}

export function positionalArguments(call: Node): Node[] {
  const args = field(call, 'arguments');
  if (!args) return [];
  return children(args).filter((a) => a.type !== 'keyword_argument' && a.type !== 'comment' &&
    a.type !== 'list_splat' && a.type !== 'dictionary_splat');
}

/** The string value of a plain string literal (no f-string interpolation), else null. */
export function stringValue(node: Node | null): string | null {
  if (!node || node.type !== 'string') return null;
  let value = '';
  for (const part of children(node)) {
    if (part.type === 'interpolation') return null;
    if (part.type === 'string_content') value += part.text;
  }
  return value;
}

/** Keys of a dict literal when every key is a plain string; null when a key is computed or `**spread`. */
export function dictLiteralKeys(node: Node): string[] | null {
  if (node.type !== 'dictionary') return null;
  const keys: string[] = [];
  for (const entry of children(node)) {
    if (entry.type === 'comment') continue;
    if (entry.type !== 'pair') return null;
    const key = stringValue(field(entry, 'key'));
    if (key === null) return null;
    keys.push(key);
  }
  return keys;
}

/** Exception type names an `except` clause catches: [] for a bare `except:`. */
export function exceptTypes(clause: Node): { names: string[]; alias: string | null; bare: boolean } {
  // tree-sitter-python: except_clause → [expression | as_pattern] block
  const first = children(clause).find((c) => c.type !== 'block' && c.type !== 'comment');
  if (!first) return { names: [], alias: null, bare: true };
  let typeExpr: Node = first;
  let alias: string | null = null;
  if (first.type === 'as_pattern') {
    const inner = children(first);
    typeExpr = inner[0];
    const target = field(first, 'alias') ?? inner[inner.length - 1];
    alias = target && target !== typeExpr ? target.text : null;
  }
  const names: string[] = [];
  const collect = (n: Node) => {
    if (n.type === 'tuple' || n.type === 'parenthesized_expression') children(n).forEach(collect);
    else {
      const d = dottedName(n);
      if (d) names.push(lastName(d));
    }
  };
  if (typeExpr) collect(typeExpr);
  return { names, alias, bare: false };
}

export function blockOf(node: Node): Node | null {
  return children(node).find((c) => c.type === 'block') ?? null;
}

/** Statements of a block, comments excluded. */
export function statements(block: Node | null): Node[] {
  return block ? children(block).filter((c) => c.type !== 'comment') : [];
}

/** The function definition inside a (possibly decorated) definition. */
export function unwrapDecorated(node: Node): Node {
  if (node.type === 'decorated_definition') return field(node, 'definition') ?? node;
  return node;
}

export function isAsyncFunction(fn: Node): boolean {
  const first = fn.child(0);
  return first?.type === 'async';
}

export function isDocstring(stmt: Node): boolean {
  return stmt.type === 'expression_statement' && stmt.namedChildCount === 1 && stmt.namedChild(0)?.type === 'string';
}

/** True when `node` lies within [outer.startIndex, outer.endIndex). */
export function contains(outer: Node, node: Node): boolean {
  return node.startIndex >= outer.startIndex && node.endIndex <= outer.endIndex;
}
