// One pass over a file's syntax tree, shared by the model and every rule. It lists the nodes in
// source order (depth first, exactly the nodes `ts.forEachChild` reaches), with where each subtree
// ends, so that walking any subtree — however often the rules do it — is a scan over an array, and
// the nodes of one kind are a filter over a compact array of kinds. The same pass sets the parent
// pointers, so the file is parsed without TypeScript's own parent pass (`setParentNodes`), which
// costs several times more than this whole pass.
import type { ts } from 'ts-morph';
import { SyntaxKind, forEachChild } from './api';

type Node = ts.Node;

/** Nesting depth up to which the index is built recursively; deeper subtrees use an explicit stack. */
const RECURSION_LIMIT = 256;
/** Nodes at one position (`a.b.c()` and its parts) searched one by one before a map is built. */
const RUN_LIMIT = 64;

export class SyntaxIndex {
  /** Every node of the tree in source order (depth first); nodes[0] is the source file. */
  readonly nodes: readonly Node[];
  /** kinds[i] = nodes[i].kind. */
  readonly kinds: Uint16Array;
  /** ends[i]: the index just past the last descendant of nodes[i] (its subtree is [i, ends[i])). */
  readonly ends: Int32Array;
  /** starts[i] = nodes[i].pos: non-decreasing in source order, so a node is found by binary search. */
  private readonly starts: Int32Array;
  /** Node → index, built only if positions are out of order or one position holds many nodes. */
  private positions: Map<Node, number> | undefined;
  private readonly byKind = new Map<number, Node[]>();

  constructor(readonly sf: ts.SourceFile) {
    const nodes: Node[] = [sf];
    // Typed arrays sized from the text (about five characters per node in real code), doubled when
    // short: growing plain arrays of numbers and then copying them cost as much garbage as the tree.
    let capacity = Math.max(64, (sf.text.length >> 2) + 16);
    let kinds = new Uint16Array(capacity);
    let starts = new Int32Array(capacity);
    let ends = new Int32Array(capacity);
    kinds[0] = sf.kind;
    starts[0] = sf.pos;
    let count = 1;
    let parent: Node = sf;
    let depth = 0;
    let sorted = true;
    let lastPos = sf.pos;
    const grow = () => {
      capacity *= 2;
      const k = new Uint16Array(capacity);
      k.set(kinds);
      kinds = k;
      const s = new Int32Array(capacity);
      s.set(starts);
      starts = s;
      const e = new Int32Array(capacity);
      e.set(ends);
      ends = e;
    };
    /** Appends a node (its parent already set); returns its index. */
    const add = (node: Node): number => {
      const pos = node.pos;
      if (pos < lastPos) sorted = false;
      lastPos = pos;
      if (count === capacity) grow();
      kinds[count] = node.kind;
      starts[count] = pos;
      nodes.push(node);
      return count++;
    };
    // Subtrees nested deeper than the recursion limit: an explicit stack (generated code can nest
    // thousands of levels). A number on the stack marks the end of that node's subtree.
    const stack: (Node | number)[] = [];
    const pushChild = (child: Node): undefined => {
      (child as { parent: Node }).parent = parent;
      stack.push(child);
      return undefined;
    };
    const deep = (root: Node) => {
      stack.push(root);
      while (stack.length) {
        const top = stack.pop()!;
        if (typeof top === 'number') {
          ends[top] = count;
          continue;
        }
        stack.push(add(top));
        const base = stack.length;
        parent = top;
        forEachChild(top, pushChild);
        for (let lo = base, hi = stack.length - 1; lo < hi; lo++, hi--) {
          const t = stack[lo];
          stack[lo] = stack[hi];
          stack[hi] = t;
        }
      }
    };
    const visit = (child: Node): undefined => {
      (child as { parent: Node }).parent = parent;
      const saved = parent;
      if (depth >= RECURSION_LIMIT) {
        deep(child);
      } else {
        const i = add(child);
        parent = child;
        depth++;
        forEachChild(child, visit);
        depth--;
        ends[i] = count;
      }
      parent = saved;
      return undefined;
    };
    forEachChild(sf, visit);
    ends[0] = count;
    this.nodes = nodes;
    this.kinds = kinds.subarray(0, count);
    this.starts = starts.subarray(0, count);
    this.ends = ends.subarray(0, count);
    if (!sorted) this.positions = this.positionMap();
  }

  private positionMap(): Map<Node, number> {
    const map = new Map<Node, number>();
    this.nodes.forEach((node, i) => map.set(node, i));
    return map;
  }

  /** The index of a node of this tree, or -1. */
  indexOf(node: Node): number {
    if (this.positions) return this.positions.get(node) ?? -1;
    const { starts, nodes } = this;
    const pos = node.pos;
    let lo = 0;
    let hi = starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (starts[mid] < pos) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo, run = 0; i < starts.length && starts[i] === pos; i++, run++) {
      if (nodes[i] === node) return i;
      if (run === RUN_LIMIT) {
        this.positions = this.positionMap();
        return this.positions.get(node) ?? -1;
      }
    }
    return -1;
  }

  /** The nodes of one kind, in source order. */
  ofKind<T extends Node = Node>(kind: ts.SyntaxKind): readonly T[] {
    let list = this.byKind.get(kind);
    if (!list) {
      list = [];
      const { kinds, nodes } = this;
      for (let i = 0; i < kinds.length; i++) if (kinds[i] === kind) list.push(nodes[i]);
      this.byKind.set(kind, list);
    }
    return list as readonly Node[] as readonly T[];
  }
}

const indexes = new WeakMap<ts.SourceFile, SyntaxIndex>();
/** The index used last: the usual answer to "which tree is this node in", without climbing to the root. */
let recent: SyntaxIndex | undefined;

/** The index of a source file's tree, built on first use (which also sets the tree's parent pointers). */
export function indexTree(sf: ts.SourceFile): SyntaxIndex {
  let index = indexes.get(sf);
  if (!index) {
    index = new SyntaxIndex(sf);
    indexes.set(sf, index);
  }
  recent = index;
  return index;
}

/** Lets go of the index used last (so that its tree can be collected once nothing else holds it). */
export function forgetRecentIndex(): void {
  recent = undefined;
}

/** The index holding node and node's position in it, when node's tree has been indexed. */
export function locate(node: Node): { index: SyntaxIndex; at: number } | undefined {
  if (recent) {
    const at = recent.indexOf(node);
    if (at >= 0) return { index: recent, at };
  }
  let root = node;
  for (let p = node.parent; p; p = p.parent) root = p;
  if (root.kind !== SyntaxKind.SourceFile) return undefined;
  const index = indexes.get(root as ts.SourceFile);
  if (!index) return undefined;
  const at = index.indexOf(node);
  if (at < 0) return undefined;
  recent = index;
  return { index, at };
}
