// A memoising view over a web-tree-sitter tree, the only way the rules read Python syntax.
//
// In web-tree-sitter a node is a small JavaScript object over the parser's wasm memory: every
// property read (type, end offset, children, fields, parent) is a call into wasm, a new Node object
// is made for every node returned, and `parent` searches down from the root. Eleven rules read the
// same classes and methods many times over. Here each node of a tree is one object, created the first
// time it is reached, and each of its properties is read from wasm at most once; a node reached
// through its parent's children knows its parent without asking wasm.
import type { Point, Node as RawNode, Tree } from 'web-tree-sitter';

export class SyntaxTree {
  readonly rootNode: SyntaxNode;
  private readonly nodes = new Map<number, SyntaxNode>();
  private readonly byType = new Map<string, SyntaxNode[]>();

  /** `source` is the text the tree was parsed from; node text is sliced from it. */
  constructor(readonly raw: Tree, readonly source: string) {
    this.rootNode = this.node(raw.rootNode, null);
  }

  /** The view's node for a raw node, created on first sight. */
  node(raw: RawNode, parent: SyntaxNode | null | undefined): SyntaxNode {
    const known = this.nodes.get(raw.id);
    if (known && known.startIndex === raw.startIndex) {
      if (known.parentKnown === undefined && parent !== undefined) known.parentKnown = parent;
      return known;
    }
    const made = new SyntaxNode(this, raw, parent);
    if (!known) this.nodes.set(raw.id, made);
    return made;
  }

  /**
   * Every node of one type in the tree, in source order. The first request searches the tree once in
   * wasm for every type asked of any tree so far (see WANTED), so that later requests cost nothing.
   */
  ofType(type: string): SyntaxNode[] {
    const found = this.byType.get(type);
    if (found) return found;
    WANTED.add(type);
    const missing = [...WANTED].filter((t) => !this.byType.has(t) && t !== 'ERROR');
    for (const t of missing) this.byType.set(t, []);
    if (missing.length > 0) {
      for (const raw of this.raw.rootNode.descendantsOfType(missing)) {
        if (!raw) continue;
        const n = this.node(raw, undefined);
        this.byType.get(n.type)?.push(n);
      }
    }
    if (type === 'ERROR') {
      // ('ERROR' cannot be mixed with other types in one search.)
      this.byType.set(type, this.raw.rootNode.hasError ? this.list(this.raw.rootNode.descendantsOfType('ERROR')) : []);
    }
    return this.byType.get(type)!;
  }

  nodeOrNull(raw: RawNode | null, parent?: SyntaxNode | null): SyntaxNode | null {
    return raw ? this.node(raw, parent) : null;
  }

  list(raws: (RawNode | null)[], parent?: SyntaxNode): SyntaxNode[] {
    const out: SyntaxNode[] = [];
    for (const r of raws) if (r) out.push(this.node(r, parent));
    return out;
  }
}

/**
 * Node types searched for together in one pass over each new tree: those the rules and the suppression
 * comments ask for, and every other type asked of an earlier tree in this process (one search in wasm
 * costs about as much for twenty types as for one).
 */
const WANTED = new Set<string>([
  'class_definition', 'function_definition', 'lambda', 'decorated_definition',
  'assignment', 'augmented_assignment', 'for_statement', 'for_in_clause', 'as_pattern', 'named_expression',
  'global_statement', 'nonlocal_statement', 'import_statement', 'import_from_statement', 'delete_statement',
  'call', 'binary_operator', 'attribute', 'identifier', 'keyword_argument', 'string',
  'try_statement', 'except_clause', 'raise_statement', 'return_statement', 'await', 'with_statement', 'block', 'comment',
]);

const NO_FIELD = null;

export class SyntaxNode {
  readonly id: number;
  readonly startIndex: number;
  readonly startPosition: Point;
  /** undefined until known; null for the root. */
  parentKnown: SyntaxNode | null | undefined;
  private typeMemo: string | undefined;
  private endIndexMemo: number | undefined;
  private endPositionMemo: Point | undefined;
  private textMemo: string | undefined;
  private flags: number | undefined;
  private childrenMemo: SyntaxNode[] | undefined;
  private namedChildrenMemo: SyntaxNode[] | undefined;
  private fieldsMemo: Map<string, SyntaxNode | null> | undefined;
  private fieldListsMemo: Map<string, SyntaxNode[]> | undefined;

  constructor(readonly tree: SyntaxTree, private readonly raw: RawNode, parent: SyntaxNode | null | undefined) {
    this.id = raw.id;
    this.startIndex = raw.startIndex;
    this.startPosition = raw.startPosition;
    this.parentKnown = parent;
  }

  get type(): string {
    return (this.typeMemo ??= this.raw.type);
  }

  get endIndex(): number {
    return (this.endIndexMemo ??= this.raw.endIndex);
  }

  get endPosition(): Point {
    return (this.endPositionMemo ??= this.raw.endPosition);
  }

  get text(): string {
    return (this.textMemo ??= this.tree.source.slice(this.startIndex, this.endIndex));
  }

  private flag(bit: number): boolean {
    if (this.flags === undefined) {
      const r = this.raw;
      this.flags = (r.isNamed ? 1 : 0) | (r.isMissing ? 2 : 0) | (r.isError ? 4 : 0) | (r.hasError ? 8 : 0) | (r.isExtra ? 16 : 0);
    }
    return (this.flags & bit) !== 0;
  }

  get isNamed(): boolean {
    return this.flag(1);
  }

  get isMissing(): boolean {
    return this.flag(2);
  }

  get isError(): boolean {
    return this.flag(4);
  }

  get hasError(): boolean {
    return this.flag(8);
  }

  get isExtra(): boolean {
    return this.flag(16);
  }

  get parent(): SyntaxNode | null {
    if (this.parentKnown === undefined) this.parentKnown = this.tree.nodeOrNull(this.raw.parent);
    return this.parentKnown;
  }

  /** All children, anonymous tokens included (the array is shared: do not modify it). */
  get children(): readonly SyntaxNode[] {
    return (this.childrenMemo ??= this.tree.list(this.raw.children, this));
  }

  /** Named children (the array is shared: do not modify it). */
  get namedChildren(): readonly SyntaxNode[] {
    if (!this.namedChildrenMemo) {
      this.namedChildrenMemo = this.childrenMemo
        ? this.childrenMemo.filter((c) => c.isNamed)
        : this.tree.list(this.raw.namedChildren, this);
    }
    return this.namedChildrenMemo;
  }

  get childCount(): number {
    return this.children.length;
  }

  get namedChildCount(): number {
    return this.namedChildren.length;
  }

  child(index: number): SyntaxNode | null {
    return this.children[index] ?? null;
  }

  namedChild(index: number): SyntaxNode | null {
    return this.namedChildren[index] ?? null;
  }

  get firstChild(): SyntaxNode | null {
    return this.child(0);
  }

  get lastChild(): SyntaxNode | null {
    return this.children[this.children.length - 1] ?? null;
  }

  childForFieldName(name: string): SyntaxNode | null {
    this.fieldsMemo ??= new Map();
    let found = this.fieldsMemo.get(name);
    if (found === undefined) {
      found = this.tree.nodeOrNull(this.raw.childForFieldName(name), this) ?? NO_FIELD;
      this.fieldsMemo.set(name, found);
    }
    return found;
  }

  childrenForFieldName(name: string): SyntaxNode[] {
    this.fieldListsMemo ??= new Map();
    let found = this.fieldListsMemo.get(name);
    if (!found) {
      found = this.tree.list(this.raw.childrenForFieldName(name), this);
      this.fieldListsMemo.set(name, found);
    }
    return [...found];
  }

  private sibling(offset: number): SyntaxNode | null {
    const parent = this.parent;
    if (!parent) return null;
    const siblings = parent.children;
    const i = siblings.indexOf(this);
    return i < 0 ? null : siblings[i + offset] ?? null;
  }

  get nextSibling(): SyntaxNode | null {
    return this.sibling(1);
  }

  get previousSibling(): SyntaxNode | null {
    return this.sibling(-1);
  }

  /**
   * Descendants (this node included) of the given types, in source order (outer before inner), like
   * web-tree-sitter's descendantsOfType; answered from the tree's per-type lists by binary search.
   */
  descendantsOfType(types: string | readonly string[]): SyntaxNode[] {
    const list = typeof types === 'string' ? [types] : types;
    const start = this.startIndex;
    const end = this.endIndex;
    const out: SyntaxNode[] = [];
    for (const type of list) {
      const all = this.tree.ofType(type);
      let lo = 0;
      let hi = all.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (all[mid].startIndex < start) lo = mid + 1;
        else hi = mid;
      }
      for (let i = lo; i < all.length; i++) {
        const n = all[i];
        if (n.startIndex >= end && !(n === this && start === end)) break;
        // Nodes nest without overlapping: one starting strictly inside this node ends inside it. One
        // starting where this node starts is inside it when it ends sooner, or, with the same range,
        // when this node is among its ancestors (a wrapper with the same range is not a descendant).
        if (n.startIndex > start || n === this || (n.endIndex < end) || (n.endIndex === end && this.isAncestorOf(n))) out.push(n);
      }
    }
    if (list.length > 1) out.sort((a, b) => a.startIndex - b.startIndex || b.endIndex - a.endIndex);
    return out;
  }

  private isAncestorOf(n: SyntaxNode): boolean {
    for (let p = n.parent; p && p.startIndex === this.startIndex; p = p.parent) if (p === this) return true;
    return false;
  }

  /** The smallest node that spans the given range. */
  descendantForIndex(start: number, end?: number): SyntaxNode | null {
    return this.tree.nodeOrNull(this.raw.descendantForIndex(start, end ?? start));
  }

  namedDescendantForIndex(start: number, end?: number): SyntaxNode | null {
    return this.tree.nodeOrNull(this.raw.namedDescendantForIndex(start, end ?? start));
  }

  toString(): string {
    return this.raw.toString();
  }
}
