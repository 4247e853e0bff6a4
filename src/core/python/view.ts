// The view through which the rules read Python syntax: a tree-sitter tree copied, once, into flat
// arrays (one entry per visible node, in document order) and read from JavaScript from then on.
//
// web-tree-sitter's own Node API crosses into wasm for every property (type, end offset, children,
// fields, parent), marshals the node through a shared buffer each time and allocates a Node object for
// every node it returns; with eleven rules reading the same classes and methods, that glue, not
// tree-sitter itself, was most of the analysis time. Here one walk records each node's type, range,
// field, parent, first child, next sibling and last descendant: it reads the tree straight from the
// runtime's memory (memoryWalk.ts, once verifyMemoryWalk has seen it give the cursor's answers), or
// else moves tree-sitter's cursor through the parser's wasm exports (five calls a node, eight in a
// tree with syntax errors; no allocation). A node's descendants are then a contiguous
// range of indices, a type's nodes one sorted index list, and a SyntaxNode is a small object made
// the first time a node is reached. After an incremental re-parse, the subtrees tree-sitter reused are
// copied from the previous view instead of walked again (see the constructor).
import type { Language, Parser, Point, Node as RawNode, Tree } from 'web-tree-sitter';
import { walkTreeMemory } from './memoryWalk';

/** The wasm exports of web-tree-sitter's runtime this view calls (the cursor lives in its transfer buffer). */
interface TreeSitterWasm {
  _ts_tree_root_node_wasm(tree: number): void;
  _ts_node_descendant_count_wasm(tree: number): number;
  _ts_tree_cursor_new_wasm(tree: number): void;
  _ts_tree_cursor_delete_wasm(tree: number): void;
  _ts_tree_cursor_goto_first_child_wasm(tree: number): number;
  _ts_tree_cursor_goto_next_sibling_wasm(tree: number): number;
  _ts_tree_cursor_goto_parent_wasm(tree: number): number;
  _ts_tree_cursor_current_node_type_id_wasm(tree: number): number;
  _ts_tree_cursor_start_index_wasm(tree: number): number;
  _ts_tree_cursor_end_index_wasm(tree: number): number;
  _ts_tree_cursor_current_field_id_wasm(tree: number): number;
  _ts_tree_cursor_current_node_is_missing_wasm(tree: number): number;
  _ts_tree_cursor_current_node_id_wasm(tree: number): number;
  _ts_tree_cursor_current_node_wasm(tree: number): void;
  _ts_node_has_error_wasm(tree: number): number;
  _ts_init(): number;
  /** The runtime's memory as 32-bit words, little-endian like every host VS Code runs on (replaced when the memory grows: read it afresh). */
  HEAP32: Int32Array;
}

const WASM_EXPORTS: (keyof TreeSitterWasm)[] = [
  '_ts_tree_root_node_wasm', '_ts_node_descendant_count_wasm', '_ts_tree_cursor_new_wasm', '_ts_tree_cursor_delete_wasm',
  '_ts_tree_cursor_goto_first_child_wasm', '_ts_tree_cursor_goto_next_sibling_wasm', '_ts_tree_cursor_goto_parent_wasm',
  '_ts_tree_cursor_current_node_type_id_wasm', '_ts_tree_cursor_start_index_wasm', '_ts_tree_cursor_end_index_wasm',
  '_ts_tree_cursor_current_field_id_wasm', '_ts_tree_cursor_current_node_is_missing_wasm', '_ts_tree_cursor_current_node_id_wasm',
  '_ts_tree_cursor_current_node_wasm', '_ts_node_has_error_wasm', '_ts_init',
];

let wasm: TreeSitterWasm | undefined;
/** Whether the memory walk gave the cursor's answers on the samples (verifyMemoryWalk). */
let memoryWalkVerified = false;
/** Index in HEAP32 of the runtime's transfer buffer, where the cursor lives between calls. */
let transferWord = 0;

/**
 * Takes the module object that was passed to `Parser.init` (emscripten fills that very object with the
 * runtime's exports). Throws when an export is missing: web-tree-sitter is pinned, and an upgrade that
 * renames one must fail here, loudly, rather than analyse wrongly.
 */
export function bindTreeSitterModule(module: object): void {
  const m = module as Partial<Record<keyof TreeSitterWasm, unknown>>;
  const missing = WASM_EXPORTS.filter((name) => typeof m[name] !== 'function');
  if (missing.length > 0) throw new Error(`ONEX Forge: web-tree-sitter's runtime lacks ${missing.join(', ')} (was Parser.init called elsewhere first, or did the version change?)`);
  const w = module as TreeSitterWasm;
  if (!(w.HEAP32 instanceof Int32Array)) throw new Error("ONEX Forge: web-tree-sitter's runtime does not expose its memory (HEAP32)");
  // ts_init returns the transfer buffer's address (it only rewrites the two version words Parser.init read).
  transferWord = w._ts_init() >> 2;
  wasm = w;
}

/**
 * Python that exercises what the memory walk must get right: hidden rules whose children are hoisted,
 * aliases, fields given through hidden parents, extras (comments) between children, tokens the
 * grammar's external scanner makes (strings, indentation), non-ASCII text. Then a broken one: ERROR
 * and MISSING nodes.
 */
const MEMORY_WALK_SAMPLES = [
  `# -*- coding: utf-8 -*-
"""Module docstring: café, 東京, 🚀."""
from __future__ import annotations
import asyncio, os.path as osp
from typing import Any, Callable  # trailing comment

GLOBAL: dict[str, list[int]] = {"a": [1, 2], **{}}


@decorator(arg=1)
class NodeExample(NodeEffect, metaclass=Meta):
    """Doc."""
    x: int = 0

    def __init__(self, container: Any, *args: Any, key: str = "k", **kwargs: Any) -> None:
        super().__init__(container)  # comment
        self._x = lambda a, /, b=2, *, c: a if b else c
        self.items = [i * 2 for i in range(10) if i % 2 == 0]
        self.table = {k: v for k, v in kwargs.items()}

    async def run(self, data: bytes) -> int | None:
        global GLOBAL
        try:
            async with asyncio.timeout(1.0) as t, open(osp.join("a", "b")) as f:
                result = await self._call(f"value {data!r:>10} and {t}", *data[1:-1:2])
        except (ValueError, KeyError) as e:
            raise RuntimeError("failed") from e
        except* OSError:
            pass
        else:
            return (yield from range(3)) if False else None
        finally:
            del self._x
        match data:
            case [1, 2, *rest] if rest:
                return len(rest)
            case {"k": v, **others}:
                return v
            case Point(x=0) | None:
                return 0
        while (n := len(data)) > 10:
            data = data[:-1]; continue
        for i, (a, b) in enumerate(zip(data, data), start=1):
            print(i, a, b, sep="", end="\\n")
        assert n is not None, "message"
        return not n and ~n or -n ** 2 // 3 @ 4


def outer() -> Callable[..., Any]:
    value = 0
    def inner() -> None:
        nonlocal value
        value += 1
    return inner


type Alias[T] = list[T]
x = 1 if True else \\
    2
print(*[x], 'concatenated' "strings", b"bytes", r"raw\\d", sep=None)
total = compute(  # comments between children that have fields
    left,  # one
    key=value,  # two
)[  # three
    0  # four
] + (  # five
    first  # six
    *  # seven
    second
)
`,
  `class Broken(NodeCompute:
    def run(self, x) ->:
        y = self.
        if ready not a_rather_long_name_here:  # a MISSING "in" that lexing looked far past: not inline
            pass
        return [1, 2,
    def ok(self):
        if x
            pass
        y = (1 +
`,
  '',
  'x',
];

/**
 * Builds views of the samples with both walks and turns the memory walk on only when every array of
 * every sample is the same. A web-tree-sitter whose memory layout differs keeps the cursor walk.
 */
export function verifyMemoryWalk(parser: Parser, memoryWalk: typeof walkTreeMemory = walkTreeMemory): boolean {
  memoryWalkVerified = false;
  let agree = true;
  for (const text of MEMORY_WALK_SAMPLES) {
    const tree = parser.parse(text);
    if (!tree) return false;
    try {
      const byCursor = new SyntaxTree(tree, text, { keepIds: true, walk: 'cursor' });
      const byMemory = new SyntaxTree(tree, text, { keepIds: true, walk: memoryWalk });
      agree &&= viewDifference(byCursor, byMemory) === undefined;
    } catch {
      agree = false;
    } finally {
      tree.delete();
    }
  }
  memoryWalkVerified = agree;
  return agree;
}

/** Whether views are read by the memory walk (verifyMemoryWalk found it agrees with the cursor). */
export function usesMemoryWalk(): boolean {
  return memoryWalkVerified;
}

/** Every array a view records of its tree (ids only when kept). */
const VIEW_ARRAYS = ['typeIds', 'starts', 'ends', 'fieldIds', 'parents', 'firstChildren', 'nextSiblings', 'lastDescendants', 'flags', 'ids'] as const;

/** Where two views of the same text differ: the first differing entry of their arrays, or undefined when none does. */
export function viewDifference(a: SyntaxTree, b: SyntaxTree): string | undefined {
  for (const key of VIEW_ARRAYS) {
    const x = a[key];
    const y = b[key];
    if (!x || !y) {
      if (x !== y) return `${key}: kept by one view only`;
      continue;
    }
    if (x.length !== y.length) return `${key}: ${x.length} entries against ${y.length}`;
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return `${key}[${i}] (${a.grammar.name(a.typeIds[i])}): ${x[i]} against ${y[i]}`;
  }
  return undefined;
}

/**
 * Asks tree-sitter about the cursor's node through a node query (has-error, descendant count): the node
 * is put in the transfer buffer over the cursor, whose four words are saved and put back.
 */
function askAboutCursorNode(w: TreeSitterWasm, t: number, query: (tree: number) => number): number {
  const at = transferWord;
  let heap = w.HEAP32;
  const c0 = heap[at];
  const c1 = heap[at + 1];
  const c2 = heap[at + 2];
  const c3 = heap[at + 3];
  w._ts_tree_cursor_current_node_wasm(t);
  const result = query(t);
  heap = w.HEAP32;
  heap[at] = c0;
  heap[at + 1] = c1;
  heap[at + 2] = c2;
  heap[at + 3] = c3;
  return result;
}

const ERROR_TYPE_ID = 0xffff;
const MISSING = 1;
const HAS_ERROR = 2;

/** Per grammar: type names by id, named flags, field ids by name and the ids of each type name. */
class Grammar {
  private static readonly known = new WeakMap<Language, Grammar>();
  readonly names: string[];
  readonly named: Uint8Array;
  readonly fieldIds = new Map<string, number>();
  readonly idsOf = new Map<string, number[]>();

  static of(language: Language): Grammar {
    let g = Grammar.known.get(language);
    if (!g) Grammar.known.set(language, (g = new Grammar(language)));
    return g;
  }

  private constructor(language: Language) {
    const types = language.types;
    this.names = types.map((t) => t ?? 'ERROR');
    this.named = new Uint8Array(types.length);
    for (let id = 0; id < types.length; id++) {
      this.named[id] = language.nodeTypeIsNamed(id) ? 1 : 0;
      const name = types[id];
      if (name) (this.idsOf.get(name) ?? this.idsOf.set(name, []).get(name)!).push(id);
    }
    this.idsOf.set('ERROR', [ERROR_TYPE_ID]);
    language.fields.forEach((name, id) => {
      if (name) this.fieldIds.set(name, id);
    });
  }

  name(id: number): string {
    return id === ERROR_TYPE_ID ? 'ERROR' : this.names[id] ?? 'ERROR';
  }

  isNamed(id: number): boolean {
    return id === ERROR_TYPE_ID || this.named[id] === 1;
  }
}

const EMPTY: readonly SyntaxNode[] = Object.freeze([]);
let nextSerial = 0;

export class SyntaxTree {
  readonly rootNode: SyntaxNode;
  /** Number of nodes; a node's `id` is its index in document (pre-)order. */
  readonly count: number;
  readonly typeIds: Uint16Array;
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  readonly fieldIds: Uint16Array;
  readonly parents: Int32Array;
  readonly firstChildren: Int32Array;
  readonly nextSiblings: Int32Array;
  /** The index of each node's last descendant: its descendants are the indices after it up to this one. */
  readonly lastDescendants: Int32Array;
  /** MISSING and HAS_ERROR bits (all zero in a tree without errors). */
  readonly flags: Uint8Array;
  readonly grammar: Grammar;
  private readonly objects: (SyntaxNode | undefined)[];
  private readonly byType = new Map<string, readonly number[]>();
  private byTypeId: Map<number, number[]> | undefined;
  private lineStarts: number[] | undefined;
  private rawIds: Map<number, number> | undefined;

  /** Each node's tree-sitter id (the address of its subtree), when the view was asked to keep them. */
  readonly ids: Int32Array | undefined;
  /** Nodes copied from the previous view rather than walked (0 without one). */
  readonly reused: number = 0;
  /** Where this view's text differs from the previous view's (undefined without one). */
  readonly changed: ChangedSpan | undefined;
  /**
   * With a previous view: the nodes read from the tree rather than copied, in document order. The others
   * are copies of subtrees wholly before or after the changed span, so their text is unchanged.
   */
  readonly walked: readonly number[];
  /** Whether a subtree was copied from another index than its own (nodes were added or removed before it). */
  readonly copiesMoved: boolean;
  /** This view's serial number, and that of the previous view it copied from (-1 for none). */
  readonly serial = nextSerial++;
  readonly builtFrom: number;
  /**
   * While set, every read of a node's content through this view is recorded in it (see Observations):
   * what an analysis read is what its results depend on.
   */
  observer: Observations | undefined;

  /**
   * `source` is the text the tree was parsed from; node text is sliced from it.
   *
   * With `previous`, the view of the tree this one was re-parsed from (that tree `edit`ed and still
   * alive), each subtree tree-sitter reused unchanged is copied from it, positions shifted, instead of
   * walked: after a one-line edit only the path down to the edit and the children along it are read
   * from wasm. A subtree counts as reused only when it is the very same one (same id, found at the place
   * the text diff puts it, same type, length and node count); anything else is walked.
   */
  constructor(readonly raw: Tree, readonly source: string, options: ViewOptions = {}) {
    if (!wasm) throw new Error('ONEX Forge: the Python parser is not initialised (getPythonParser binds it)');
    const w = wasm;
    const t = (raw as unknown as { 0: number })[0];
    if (!t) throw new Error('ONEX Forge: the syntax tree was deleted before it was read');
    this.grammar = Grammar.of(raw.language);
    w._ts_tree_root_node_wasm(t);
    const total = w._ts_node_descendant_count_wasm(t);
    const withErrors = raw.rootNode.hasError;
    this.count = total;
    const type = (this.typeIds = new Uint16Array(total));
    const start = (this.starts = new Int32Array(total));
    const end = (this.ends = new Int32Array(total));
    const field = (this.fieldIds = new Uint16Array(total));
    const parent = (this.parents = new Int32Array(total));
    const first = (this.firstChildren = new Int32Array(total).fill(-1));
    const next = (this.nextSiblings = new Int32Array(total).fill(-1));
    const last = (this.lastDescendants = new Int32Array(total));
    const flags = (this.flags = new Uint8Array(total));
    const prev = options.previous?.ids ? options.previous : undefined;
    const ids = (this.ids = options.keepIds || prev ? new Int32Array(total) : undefined);
    const diff = prev ? changedSpan(prev.source, source) : undefined;
    let n = 0;
    let reused = 0;
    let moved = false;
    const walked: number[] = [];
    const record = (p: number): number => {
      if (n >= total) throw new Error('tree-sitter counted fewer nodes than its cursor visits');
      const i = n++;
      if (prev) walked.push(i);
      type[i] = w._ts_tree_cursor_current_node_type_id_wasm(t);
      start[i] = w._ts_tree_cursor_start_index_wasm(t);
      end[i] = w._ts_tree_cursor_end_index_wasm(t);
      field[i] = w._ts_tree_cursor_current_field_id_wasm(t);
      parent[i] = p;
      if (withErrors) {
        if (w._ts_tree_cursor_current_node_is_missing_wasm(t)) flags[i] = MISSING;
        // tree-sitter's own answer: its error cost, which hidden MISSING tokens raise and a lone ERROR token does not.
        if (askAboutCursorNode(w, t, w._ts_node_has_error_wasm)) flags[i] |= HAS_ERROR;
      }
      if (ids) ids[i] = w._ts_tree_cursor_current_node_id_wasm(t);
      return i;
    };
    /** Copies the cursor's node's subtree from the previous view when tree-sitter reused it; false to walk it. */
    const copied = (i: number): boolean => {
      if (!prev || !diff) return false;
      const o = prev.reusedAt(i, this, diff);
      if (o < 0) return false;
      const size = prev.lastDescendants[o] - o; // 0 for a leaf: nothing below it to copy
      if (size > 0 && (n + size > total || askAboutCursorNode(w, t, w._ts_node_descendant_count_wasm) !== size + 1)) return false;
      copySubtree(prev, o, this, i);
      if (o !== i) moved = true;
      n += size;
      reused += size + 1;
      return true;
    };
    const walk = options.walk ?? (memoryWalkVerified ? 'memory' : 'cursor');
    if (!prev && walk !== 'cursor') {
      n = (walk === 'memory' ? walkTreeMemory : walk)(w.HEAP32.buffer as ArrayBuffer, t, { type, start, end, field, parent, first, next, last, flags, ids }, total, withErrors);
    } else {
      w._ts_tree_root_node_wasm(t);
      w._ts_tree_cursor_new_wasm(t);
      try {
        let cur = record(-1);
        walk: for (;;) {
          if (!copied(cur) && w._ts_tree_cursor_goto_first_child_wasm(t)) {
            first[cur] = record(cur);
            cur = first[cur];
            continue;
          }
          for (;;) {
            last[cur] = n - 1;
            if (w._ts_tree_cursor_goto_next_sibling_wasm(t)) {
              next[cur] = record(parent[cur]);
              cur = next[cur];
              break;
            }
            if (!w._ts_tree_cursor_goto_parent_wasm(t)) break walk;
            cur = parent[cur];
          }
        }
      } finally {
        w._ts_tree_cursor_delete_wasm(t);
      }
    }
    if (n !== total) throw new Error(`tree-sitter counted ${total} nodes, the walk visited ${n}`);
    this.reused = reused;
    this.changed = diff;
    this.walked = walked;
    this.copiesMoved = moved;
    this.builtFrom = prev ? prev.serial : -1;
    this.objects = new Array(total);
    this.rootNode = this.at(0);
  }

  /**
   * The index in this (previous) view of the subtree that node `i` of `next` is, or -1: same tree-sitter
   * id, at the offset the text diff maps it back to, with the same type and length. Nodes that touch
   * the changed span are never looked up.
   */
  private reusedAt(i: number, next: SyntaxTree, diff: ChangedSpan): number {
    const s = next.starts[i];
    const e = next.ends[i];
    let shift: number;
    if (e < diff.start) shift = 0;
    else if (s > diff.newEnd) shift = diff.newEnd - diff.oldEnd;
    else return -1;
    const oldStart = s - shift;
    const starts = this.starts;
    const id = next.ids![i];
    // Starts never decrease in document order: the candidates are the nodes starting there.
    for (let o = lowerBound(starts, oldStart); o < this.count && starts[o] === oldStart; o++) {
      if (this.ids![o] === id) {
        return this.ends[o] - oldStart === e - s && this.typeIds[o] === next.typeIds[i] ? o : -1;
      }
    }
    return -1;
  }

  /**
   * Whether this view has the same nodes as `previous`, the view it was built from, node for node: same
   * count, types, fields, error flags, parents and extents in document order (so the same children and
   * siblings too). Offsets are not compared. Only the walked nodes are compared: the others are copies
   * of the same index's subtree. False against any other view, or when a subtree was copied to
   * another index.
   */
  sameShapeAs(previous: SyntaxTree): boolean {
    if (this.builtFrom !== previous.serial || this.copiesMoved || previous.count !== this.count) return false;
    for (const i of this.walked) {
      if (this.typeIds[i] !== previous.typeIds[i] || this.fieldIds[i] !== previous.fieldIds[i] || this.flags[i] !== previous.flags[i] ||
        this.parents[i] !== previous.parents[i] || this.lastDescendants[i] !== previous.lastDescendants[i]) return false;
    }
    return true;
  }

  /** Shares the type index of a view of the same shape (sameShapeAs), instead of building it again. */
  adoptTypeIndex(other: SyntaxTree): void {
    if (this.byTypeId || !other.byTypeId) return;
    this.byTypeId = other.byTypeId;
    for (const [type, list] of other.byType) this.byType.set(type, list);
  }

  /** The node at an index (made on first request). */
  at(index: number): SyntaxNode {
    return (this.objects[index] ??= new SyntaxNode(this, index));
  }

  /** The view's node for a web-tree-sitter node of the same tree. */
  nodeFor(raw: RawNode): SyntaxNode {
    if (!this.rawIds && this.ids) {
      this.rawIds = new Map();
      for (let i = 0; i < this.count; i++) this.rawIds.set(this.ids[i], i);
    }
    if (!this.rawIds) {
      // Node ids are only needed to map web-tree-sitter's answers back: a second walk, on demand.
      const w = wasm!;
      const t = (this.raw as unknown as { 0: number })[0];
      const ids = new Map<number, number>();
      let n = 0;
      w._ts_tree_root_node_wasm(t);
      w._ts_tree_cursor_new_wasm(t);
      try {
        ids.set(w._ts_tree_cursor_current_node_id_wasm(t), n++);
        walk: for (;;) {
          if (w._ts_tree_cursor_goto_first_child_wasm(t)) {
            ids.set(w._ts_tree_cursor_current_node_id_wasm(t), n++);
            continue;
          }
          while (!w._ts_tree_cursor_goto_next_sibling_wasm(t)) if (!w._ts_tree_cursor_goto_parent_wasm(t)) break walk;
          ids.set(w._ts_tree_cursor_current_node_id_wasm(t), n++);
        }
      } finally {
        w._ts_tree_cursor_delete_wasm(t);
      }
      this.rawIds = ids;
    }
    const index = this.rawIds.get(raw.id);
    if (index === undefined || this.starts[index] !== raw.startIndex) throw new Error('the node is not of this tree');
    return this.at(index);
  }

  /** Indices of every node of one type, in document order. */
  indicesOf(type: string): readonly number[] {
    let found = this.byType.get(type);
    if (found) return found;
    const buckets = (this.byTypeId ??= this.bucketByType());
    const lists = (this.grammar.idsOf.get(type) ?? []).map((id) => buckets.get(id)).filter((l): l is number[] => !!l);
    // Several symbols can share a name (aliases): their lists are merged.
    found = lists.length === 1 ? lists[0] : lists.flat().sort((a, b) => a - b);
    this.byType.set(type, found);
    return found;
  }

  /** Every node's index under its type id, in one pass the first time any type is asked for. */
  private bucketByType(): Map<number, number[]> {
    const lists: number[][] = [];
    const errors: number[] = [];
    const types = this.typeIds;
    for (let i = 0; i < this.count; i++) {
      const id = types[i];
      if (id === ERROR_TYPE_ID) errors.push(i);
      else (lists[id] ??= []).push(i);
    }
    const buckets = new Map<number, number[]>();
    lists.forEach((list, id) => buckets.set(id, list));
    if (errors.length > 0) buckets.set(ERROR_TYPE_ID, errors);
    return buckets;
  }

  /** Row and column (UTF-16 code units) of an offset, as tree-sitter counts them: rows end at "\n". */
  point(index: number): Point {
    if (this.observer) this.observer.untracked = true;
    return this.pointOf(index);
  }

  /** point() without recording: for callers that record what they read themselves. */
  pointOf(index: number): Point {
    const starts = (this.lineStarts ??= lineStartsOf(this.source));
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= index) lo = mid;
      else hi = mid - 1;
    }
    return { row: lo, column: index - starts[lo] };
  }
}

function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** The first position in a sorted list whose value is not below `value`. */
function lowerBound(sorted: ArrayLike<number>, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * What an analysis read of the file's content, recorded while it runs (SyntaxTree.observer). Structure
 * (types, fields, parents, children, error flags) and the order of offsets are not recorded: they are
 * compared when results are reused (see ./reuse.ts).
 */
export interface Observations {
  /**
   * Per node: 1 when its text was read; 2 when it was only looked up in one of `sets`
   * (descendantsOfTypeWithText, keyText), so that only its membership of each matters.
   */
  readonly texts: Uint8Array;
  /** The sets of texts nodes were looked up in. */
  readonly sets: ReadonlySet<string>[];
  /** The nodes whose row or column was read. */
  readonly positions: number[];
  /** Searches of the whole text (PyFile.textIncludes) and their answers. */
  readonly searches: { needle: string; found: boolean }[];
  /** Tests of a node's text whose answer alone was used (SyntaxNode.textMatches), by node. */
  readonly tests: Map<number, { test: (text: string) => boolean; answer: boolean }[]>;
  /** Set when the content was read some other way (the raw tree, an arbitrary offset's position). */
  untracked: boolean;
}

/** Nothing read yet, for an analysis of a view of `count` nodes. */
export function emptyObservations(count: number): Observations {
  return { texts: new Uint8Array(count), sets: [], tests: new Map(), positions: [], searches: [], untracked: false };
}

/** Records that nodes' texts are looked up in `set` (their marks say which nodes). */
function lookedUpIn(o: Observations, set: ReadonlySet<string>): void {
  if (!o.sets.includes(set)) o.sets.push(set);
}

export interface ViewOptions {
  /** Record each node's tree-sitter id, so the view of the next re-parse can copy from this one. */
  keepIds?: boolean;
  /** The view of the tree the new one was incrementally re-parsed from (see the constructor). */
  previous?: SyntaxTree;
  /**
   * How to read a tree without a previous view: tree-sitter's cursor, or its memory directly
   * (memoryWalk.ts). By default the memory, once verifyMemoryWalk has found both walks agree. (Tests
   * may pass a walk function of their own.)
   */
  walk?: 'cursor' | 'memory' | typeof walkTreeMemory;
}

/** The one span where two texts differ: common prefix and suffix excluded (several edits merge into one). */
export interface ChangedSpan {
  start: number;
  oldEnd: number;
  newEnd: number;
}

function changedSpan(before: string, after: string): ChangedSpan {
  const max = Math.min(before.length, after.length);
  // Whole chunks first (a string comparison is far cheaper than as many character reads), then characters.
  const CHUNK = 256;
  let start = 0;
  while (start + CHUNK <= max && before.slice(start, start + CHUNK) === after.slice(start, start + CHUNK)) start += CHUNK;
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let tail = 0;
  const room = max - start;
  while (tail + CHUNK <= room &&
    before.slice(before.length - tail - CHUNK, before.length - tail) === after.slice(after.length - tail - CHUNK, after.length - tail)) tail += CHUNK;
  while (tail < room && before.charCodeAt(before.length - 1 - tail) === after.charCodeAt(after.length - 1 - tail)) tail++;
  return { start, oldEnd: before.length - tail, newEnd: after.length - tail };
}

/** Copies the descendants of node `o` of `from` after node `i` of `to`, rebasing indices and offsets. */
function copySubtree(from: SyntaxTree, o: number, to: SyntaxTree, i: number): void {
  const lastOld = from.lastDescendants[o];
  const shift = to.starts[i] - from.starts[o];
  const rebase = i - o;
  to.typeIds.set(from.typeIds.subarray(o + 1, lastOld + 1), i + 1);
  to.fieldIds.set(from.fieldIds.subarray(o + 1, lastOld + 1), i + 1);
  to.flags.set(from.flags.subarray(o + 1, lastOld + 1), i + 1);
  to.ids!.set(from.ids!.subarray(o + 1, lastOld + 1), i + 1);
  const fc = from.firstChildren[o];
  to.firstChildren[i] = fc < 0 ? -1 : fc + rebase;
  if (rebase === 0) {
    // The subtree keeps its indices (everything before the edit, and after it when the edit adds or
    // removes no node): the links are copied as they are, and only offsets after the edit move.
    for (const key of ['parents', 'firstChildren', 'nextSiblings', 'lastDescendants'] as const) {
      to[key].set(from[key].subarray(o + 1, lastOld + 1), i + 1);
    }
    if (shift === 0) {
      to.starts.set(from.starts.subarray(o + 1, lastOld + 1), i + 1);
      to.ends.set(from.ends.subarray(o + 1, lastOld + 1), i + 1);
    } else {
      const fromStarts = from.starts;
      const fromEnds = from.ends;
      const toStarts = to.starts;
      const toEnds = to.ends;
      for (let k = o + 1; k <= lastOld; k++) {
        toStarts[k] = fromStarts[k] + shift;
        toEnds[k] = fromEnds[k] + shift;
      }
    }
    return;
  }
  for (let k = o + 1; k <= lastOld; k++) {
    const d = k + rebase;
    to.starts[d] = from.starts[k] + shift;
    to.ends[d] = from.ends[k] + shift;
    to.parents[d] = from.parents[k] + rebase;
    const c = from.firstChildren[k];
    to.firstChildren[d] = c < 0 ? -1 : c + rebase;
    const s = from.nextSiblings[k];
    to.nextSiblings[d] = s < 0 ? -1 : s + rebase;
    to.lastDescendants[d] = from.lastDescendants[k] + rebase;
  }
}

export class SyntaxNode {
  private textMemo: string | undefined;
  private childrenMemo: readonly SyntaxNode[] | undefined;
  private namedChildrenMemo: readonly SyntaxNode[] | undefined;

  /** `id` is the node's index in its tree, unique within the tree. */
  constructor(readonly tree: SyntaxTree, readonly id: number) {}

  get type(): string {
    return this.tree.grammar.name(this.tree.typeIds[this.id]);
  }

  get startIndex(): number {
    return this.tree.starts[this.id];
  }

  get endIndex(): number {
    return this.tree.ends[this.id];
  }

  get startPosition(): Point {
    this.tree.observer?.positions.push(this.id);
    return this.tree.pointOf(this.startIndex);
  }

  get endPosition(): Point {
    this.tree.observer?.positions.push(this.id);
    return this.tree.pointOf(this.endIndex);
  }

  get text(): string {
    const o = this.tree.observer;
    if (o) o.texts[this.id] = 1;
    return this.sourceText();
  }

  /** The text, sliced once, without recording the read. */
  private sourceText(): string {
    return (this.textMemo ??= this.tree.source.slice(this.startIndex, this.endIndex));
  }

  /**
   * The node's text, used only as a key looked up in `keys` (a set that may still grow while the
   * analysis runs): an analysis that reads it this way depends on whether the text is one of the keys,
   * not on the text (see Observations).
   */
  keyText(keys: ReadonlySet<string>): string {
    const o = this.tree.observer;
    if (o) {
      lookedUpIn(o, keys);
      if (o.texts[this.id] === 0) o.texts[this.id] = 2;
    }
    return this.sourceText();
  }

  /**
   * `test` applied to the node's text, when only the answer matters (a cheap first filter): an analysis
   * that reads the answer this way depends on the answer, not on the whole text (see Observations).
   */
  textMatches(test: (text: string) => boolean): boolean {
    const o = this.tree.observer;
    const text = this.sourceText();
    const answer = test(text);
    if (o && o.texts[this.id] !== 1) {
      const list = o.tests.get(this.id);
      if (list) list.push({ test, answer });
      else o.tests.set(this.id, [{ test, answer }]);
    }
    return answer;
  }

  get isNamed(): boolean {
    return this.tree.grammar.isNamed(this.tree.typeIds[this.id]);
  }

  get isMissing(): boolean {
    return (this.tree.flags[this.id] & MISSING) !== 0;
  }

  get isError(): boolean {
    return this.tree.typeIds[this.id] === ERROR_TYPE_ID;
  }

  get hasError(): boolean {
    return (this.tree.flags[this.id] & HAS_ERROR) !== 0;
  }

  get parent(): SyntaxNode | null {
    const p = this.tree.parents[this.id];
    return p < 0 ? null : this.tree.at(p);
  }

  /** All children, anonymous tokens included (the array is shared: do not modify it). */
  get children(): readonly SyntaxNode[] {
    if (!this.childrenMemo) {
      const t = this.tree;
      let c = t.firstChildren[this.id];
      if (c < 0) this.childrenMemo = EMPTY;
      else {
        const out: SyntaxNode[] = [];
        for (; c >= 0; c = t.nextSiblings[c]) out.push(t.at(c));
        this.childrenMemo = out;
      }
    }
    return this.childrenMemo;
  }

  /** Named children (the array is shared: do not modify it). */
  get namedChildren(): readonly SyntaxNode[] {
    return (this.namedChildrenMemo ??= this.children.filter((c) => c.isNamed));
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

  get lastChild(): SyntaxNode | null {
    return this.children[this.children.length - 1] ?? null;
  }

  childForFieldName(name: string): SyntaxNode | null {
    const t = this.tree;
    const fid = t.grammar.fieldIds.get(name);
    if (fid === undefined) return null;
    for (let c = t.firstChildren[this.id]; c >= 0; c = t.nextSiblings[c]) if (t.fieldIds[c] === fid) return t.at(c);
    return null;
  }

  childrenForFieldName(name: string): SyntaxNode[] {
    const t = this.tree;
    const fid = t.grammar.fieldIds.get(name);
    const out: SyntaxNode[] = [];
    if (fid === undefined) return out;
    for (let c = t.firstChildren[this.id]; c >= 0; c = t.nextSiblings[c]) if (t.fieldIds[c] === fid) out.push(t.at(c));
    return out;
  }

  get nextSibling(): SyntaxNode | null {
    const s = this.tree.nextSiblings[this.id];
    return s < 0 ? null : this.tree.at(s);
  }

  get previousSibling(): SyntaxNode | null {
    const t = this.tree;
    const p = t.parents[this.id];
    if (p < 0) return null;
    let prev = -1;
    for (let c = t.firstChildren[p]; c >= 0 && c !== this.id; c = t.nextSiblings[c]) prev = c;
    return prev < 0 ? null : t.at(prev);
  }

  /** Whether `other` is this node or one of its descendants. */
  contains(other: SyntaxNode): boolean {
    return other.tree === this.tree && other.id >= this.id && other.id <= this.tree.lastDescendants[this.id];
  }

  /** Descendants (this node included) of the given types, in document order (outer before inner). */
  descendantsOfType(types: string | readonly string[]): SyntaxNode[] {
    const t = this.tree;
    const first = this.id;
    const lastIndex = t.lastDescendants[this.id];
    const list = typeof types === 'string' ? [types] : types;
    const indices: number[] = [];
    for (const type of list) {
      const all = t.indicesOf(type);
      for (let i = lowerBound(all, first); i < all.length && all[i] <= lastIndex; i++) indices.push(all[i]);
    }
    if (list.length > 1) indices.sort((a, b) => a - b);
    return indices.map((i) => t.at(i));
  }

  /**
   * Descendants (this node included) of one type whose text is one of `texts`, in document order; only
   * nodes of a matching length are read, and no node object is made for the others.
   */
  descendantsOfTypeWithText(type: string, texts: ReadonlySet<string>): SyntaxNode[] {
    const t = this.tree;
    const lengths = new Set<number>();
    for (const text of texts) lengths.add(text.length);
    const all = t.indicesOf(type);
    const lastIndex = t.lastDescendants[this.id];
    const out: SyntaxNode[] = [];
    const o = t.observer;
    const seen = o?.texts;
    if (o) lookedUpIn(o, texts);
    for (let k = lowerBound(all, this.id); k < all.length && all[k] <= lastIndex; k++) {
      const i = all[k];
      if (seen && seen[i] === 0) seen[i] = 2; // looked up in `texts` (its text is read only by whoever reads it)
      const start = t.starts[i];
      const end = t.ends[i];
      if (lengths.has(end - start) && texts.has(t.source.slice(start, end))) out.push(t.at(i));
    }
    return out;
  }

  /**
   * The smallest node that spans the range, as tree-sitter answers for the whole tree; this node when
   * that answer lies outside it.
   */
  descendantForIndex(start: number, end?: number): SyntaxNode | null {
    if (this.tree.observer) this.tree.observer.untracked = true;
    const raw = this.tree.raw.rootNode.descendantForIndex(start, end ?? start);
    if (!raw) return null;
    const found = this.tree.nodeFor(raw);
    return this.contains(found) ? found : this;
  }
}
