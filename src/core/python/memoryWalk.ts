// The syntax view's fast walk: reads a tree-sitter tree straight out of the wasm runtime's memory, with
// no call into wasm per node, and records the same nodes, in the same order, with the same answers as
// tree-sitter's own cursor (lib/tree_cursor.c: visible nodes, hidden nodes' children hoisted, aliases,
// fields looked up through hidden parents, extras without fields).
//
// It depends on the memory layout of web-tree-sitter 0.25.10's wasm32 build (the C sources ship in
// node_modules/web-tree-sitter/lib: subtree.h, tree.h, parser.h). That version is pinned, and the
// layout is checked on a sample before this walk is ever used: the view keeps the cursor walk
// otherwise (see verifyMemoryWalk in view.ts).

/** The arrays a walk fills, one entry per visible node in document (pre-)order. */
export interface WalkArrays {
  type: Uint16Array;
  start: Int32Array;
  end: Int32Array;
  field: Uint16Array;
  parent: Int32Array;
  first: Int32Array;
  next: Int32Array;
  last: Int32Array;
  flags: Uint8Array;
  ids: Int32Array | undefined;
}

// struct TSTree (tree.h): Subtree root (8 bytes); const TSLanguage *language.
const TREE_LANGUAGE = 8;
// SubtreeHeapData (subtree.h), wasm32.
const HEAP_PADDING_BYTES = 4;
const HEAP_SIZE_BYTES = 16;
const HEAP_ERROR_COST = 32;
const HEAP_CHILD_COUNT = 36;
const HEAP_SYMBOL = 40;
/** Bit field byte: visible 1, named 2, extra 4 ... ; the next byte holds depends_on_column 1, is_missing 2. */
const HEAP_BITS = 44;
const HEAP_BITS_2 = 45;
const HEAP_VISIBLE_CHILD_COUNT = 48;
const HEAP_PRODUCTION_ID = 66;
// SubtreeInlineData (little-endian): byte 0 is_inline 1, visible 2, named 4, extra 8, has_changes 16,
// is_missing 32; byte 1 symbol; byte 6 padding_bytes; byte 7 size_bytes.
const INLINE_SYMBOL = 1;
const INLINE_PADDING_BYTES = 6;
const INLINE_SIZE_BYTES = 7;
/** A Subtree (a pointer or the inline data) takes 8 bytes; a node's children precede its heap data. */
const SUBTREE_SIZE = 8;
// struct TSLanguage (parser.h), wasm32.
const LANGUAGE_PRODUCTION_ID_COUNT = 28;
const LANGUAGE_FIELD_COUNT = 32;
const LANGUAGE_MAX_ALIAS_SEQUENCE_LENGTH = 36;
const LANGUAGE_FIELD_MAP_SLICES = 64;
const LANGUAGE_FIELD_MAP_ENTRIES = 68;
const LANGUAGE_PUBLIC_SYMBOL_MAP = 76;
const LANGUAGE_ALIAS_SEQUENCES = 84;
/** ts_builtin_sym_error: its own public symbol. */
const SYMBOL_ERROR = 0xffff;
/** The view's flag bits (view.ts). */
const MISSING = 1;
const HAS_ERROR = 2;

// The walk's stack: one level per subtree whose children are being read, LEVEL_SIZE words each. A
// visible level is a node of the view; a hidden level is a hidden node whose visible children are
// hoisted into its nearest visible ancestor. The level above a level is the one before it.
const PTR = 0; // address of the subtree's heap data; its children are the SUBTREE_SIZE-byte slots before it
const CHILD_COUNT = 1;
const CHILD_INDEX = 2;
const STRUCTURAL_INDEX = 3;
const POSITION = 4; // byte offset where the next child starts
const PRODUCTION_ID = 5;
const ALIASES = 6; // byte address of the production's alias sequence, or 0
const VISIBLE_INDEX = 7; // the view index of the nearest visible node: the level's own node when visible
const KIND = 8; // VISIBLE, or HIDDEN (| HIDDEN_EXTRA)
const STRUCTURAL_INDEX_ABOVE = 9; // a hidden level's structural index among the children of the level above
const LEVEL_SIZE = 10;
const VISIBLE = 1;
const HIDDEN = 2;
const HIDDEN_EXTRA = 4;
let levels = new Int32Array(64 * LEVEL_SIZE);

/**
 * Walks the tree at `treeAddress` in `memory` (the runtime's whole memory) into `out`; returns the
 * number of nodes recorded, at most `capacity`. With `withErrors`, records MISSING and HAS_ERROR as
 * tree-sitter answers them (a MISSING leaf, or a subtree whose error cost is not 0).
 */
export function walkTreeMemory(memory: ArrayBuffer, treeAddress: number, out: WalkArrays, capacity: number, withErrors: boolean): number {
  const u8 = new Uint8Array(memory);
  const u16 = new Uint16Array(memory);
  const u32 = new Uint32Array(memory);
  const language = u32[(treeAddress + TREE_LANGUAGE) >> 2];
  const maxAliasLength = u16[(language + LANGUAGE_MAX_ALIAS_SEQUENCE_LENGTH) >> 1];
  const publicSymbols = u32[(language + LANGUAGE_PUBLIC_SYMBOL_MAP) >> 2];
  const aliasSequences = u32[(language + LANGUAGE_ALIAS_SEQUENCES) >> 2];
  const { type, start, end, field, parent, first, next, last, flags, ids } = out;

  const fields = fieldTable(u8, u16, u32, language);
  /** ts_tree_cursor_current_field_id: the child's own field, else a hidden parent's, up to the visible one. */
  const fieldOf = (level: number, structuralIndex: number): number => {
    const { starts, lengths, table } = fields;
    let at = level;
    let index = structuralIndex;
    for (;;) {
      const production = levels[at + PRODUCTION_ID];
      if (index < lengths[production]) {
        const id = table[starts[production] + index];
        if (id !== 0) return id;
      }
      if (levels[at + KIND] !== HIDDEN) return 0;
      index = levels[at + STRUCTURAL_INDEX_ABOVE];
      at -= LEVEL_SIZE;
    }
  };
  const publicSymbol = (symbol: number): number => (symbol === SYMBOL_ERROR ? symbol : u16[(publicSymbols + symbol * 2) >> 1]);
  /** Opens a level for the children of the heap subtree at `ptr`; returns its offset in `levels`. */
  const push = (top: number, ptr: number, position: number, visibleIndex: number, kind: number, structuralIndexAbove: number): number => {
    const at = top + LEVEL_SIZE;
    if (at + LEVEL_SIZE > levels.length) {
      const grown = new Int32Array(levels.length * 2);
      grown.set(levels);
      levels = grown;
    }
    const productionId = u16[(ptr + HEAP_PRODUCTION_ID) >> 1];
    levels[at + PTR] = ptr;
    levels[at + CHILD_COUNT] = u32[(ptr + HEAP_CHILD_COUNT) >> 2];
    levels[at + CHILD_INDEX] = 0;
    levels[at + STRUCTURAL_INDEX] = 0;
    levels[at + POSITION] = position;
    levels[at + PRODUCTION_ID] = productionId;
    levels[at + ALIASES] = productionId ? aliasSequences + productionId * maxAliasLength * 2 : 0;
    levels[at + VISIBLE_INDEX] = visibleIndex;
    levels[at + KIND] = kind;
    levels[at + STRUCTURAL_INDEX_ABOVE] = structuralIndexAbove;
    return at;
  };

  // The root: tree-sitter's root node starts after its padding, has no alias and no field.
  const rootSlot = treeAddress;
  field[0] = 0;
  parent[0] = -1;
  last[0] = 0;
  if (ids) ids[0] = rootSlot;
  if (u8[rootSlot] & 1) {
    // An inline root (a file that is a single token): a leaf.
    const pad = u8[rootSlot + INLINE_PADDING_BYTES];
    type[0] = publicSymbol(u8[rootSlot + INLINE_SYMBOL]);
    start[0] = pad >> 1;
    end[0] = (pad + u8[rootSlot + INLINE_SIZE_BYTES]) >> 1;
    if (withErrors) flags[0] = u8[rootSlot] & 32 ? MISSING | HAS_ERROR : 0;
    return 1;
  }
  const rootPtr = u32[rootSlot >> 2];
  const rootStart = u32[(rootPtr + HEAP_PADDING_BYTES) >> 2];
  type[0] = publicSymbol(u16[(rootPtr + HEAP_SYMBOL) >> 1]);
  start[0] = rootStart >> 1;
  end[0] = (rootStart + u32[(rootPtr + HEAP_SIZE_BYTES) >> 2]) >> 1;
  if (withErrors) flags[0] = heapFlags(u8, u32, rootPtr);
  let n = 1;
  if (u32[(rootPtr + HEAP_CHILD_COUNT) >> 2] === 0) return n;

  let top = push(-LEVEL_SIZE, rootPtr, rootStart, 0, VISIBLE, 0);
  while (top >= 0) {
    const childIndex = levels[top + CHILD_INDEX];
    const childCount = levels[top + CHILD_COUNT];
    if (childIndex === childCount) {
      if (levels[top + KIND] === VISIBLE) last[levels[top + VISIBLE_INDEX]] = n - 1;
      top -= LEVEL_SIZE;
      continue;
    }
    const slot = levels[top + PTR] - (childCount - childIndex) * SUBTREE_SIZE;
    levels[top + CHILD_INDEX] = childIndex + 1;
    const childStart = levels[top + POSITION];
    let symbol: number;
    let size: number;
    let visible: boolean;
    let extra: boolean;
    let ptr = 0;
    let grandchildren = 0;
    let childFlags = 0;
    const bits = u8[slot];
    if (bits & 1) {
      symbol = u8[slot + INLINE_SYMBOL];
      size = u8[slot + INLINE_SIZE_BYTES];
      visible = (bits & 2) !== 0;
      extra = (bits & 8) !== 0;
      if (withErrors && bits & 32) childFlags = MISSING | HAS_ERROR;
    } else {
      ptr = u32[slot >> 2];
      symbol = u16[(ptr + HEAP_SYMBOL) >> 1];
      size = u32[(ptr + HEAP_SIZE_BYTES) >> 2];
      const heapBits = u8[ptr + HEAP_BITS];
      visible = (heapBits & 1) !== 0;
      extra = (heapBits & 4) !== 0;
      // Only a subtree with children has a visible child count (the word holds other data otherwise).
      if (u32[(ptr + HEAP_CHILD_COUNT) >> 2] > 0) grandchildren = u32[(ptr + HEAP_VISIBLE_CHILD_COUNT) >> 2];
      if (withErrors) childFlags = heapFlags(u8, u32, ptr);
    }
    const structuralIndex = levels[top + STRUCTURAL_INDEX];
    let alias = 0;
    if (!extra) {
      const aliases = levels[top + ALIASES];
      if (aliases) {
        alias = u16[(aliases + structuralIndex * 2) >> 1];
        if (alias) visible = true;
      }
      levels[top + STRUCTURAL_INDEX] = structuralIndex + 1;
    }
    levels[top + POSITION] = childIndex + 1 < childCount ? childStart + size + paddingOf(u8, u32, slot + SUBTREE_SIZE) : childStart + size;
    if (visible) {
      if (n >= capacity) throw new Error('tree-sitter counted fewer nodes than the memory walk visits');
      const i = n++;
      type[i] = publicSymbol(alias || symbol);
      start[i] = childStart >> 1;
      end[i] = (childStart + size) >> 1;
      field[i] = extra ? 0 : fieldOf(top, structuralIndex);
      const p = levels[top + VISIBLE_INDEX];
      parent[i] = p;
      // While a node's children are being recorded, `last` holds its last child so far.
      if (last[p] === p) first[p] = i;
      else next[last[p]] = i;
      last[p] = i;
      last[i] = i;
      if (withErrors) flags[i] = childFlags;
      if (ids) ids[i] = slot;
      if (grandchildren > 0) top = push(top, ptr, childStart, i, VISIBLE, structuralIndex);
    } else if (grandchildren > 0) {
      top = push(top, ptr, childStart, levels[top + VISIBLE_INDEX], extra ? HIDDEN | HIDDEN_EXTRA : HIDDEN, structuralIndex);
    }
  }
  return n;
}

/**
 * Each production's fields by structural child index (non-inherited entries of the language's field
 * map), flattened: production p's are table[starts[p] .. starts[p] + lengths[p]), 0 for no field.
 */
interface FieldTable {
  starts: Int32Array;
  lengths: Uint16Array;
  table: Uint16Array;
}
/** By the language's address: a grammar, once loaded, stays loaded (and unchanged) for the life of the runtime. */
const fieldTables = new Map<number, FieldTable>();

function fieldTable(u8: Uint8Array, u16: Uint16Array, u32: Uint32Array, language: number): FieldTable {
  const known = fieldTables.get(language);
  if (known) return known;
  const productions = u32[(language + LANGUAGE_PRODUCTION_ID_COUNT) >> 2];
  const fieldCount = u32[(language + LANGUAGE_FIELD_COUNT) >> 2];
  const slices = u32[(language + LANGUAGE_FIELD_MAP_SLICES) >> 2];
  const entries = u32[(language + LANGUAGE_FIELD_MAP_ENTRIES) >> 2];
  const starts = new Int32Array(productions);
  const lengths = new Uint16Array(productions);
  const values: number[] = [];
  for (let p = 0; fieldCount > 0 && p < productions; p++) {
    const slice = slices + p * 4;
    const from = entries + u16[slice >> 1] * 4;
    const to = from + u16[(slice + 2) >> 1] * 4;
    const byChild: number[] = [];
    // ts_tree_cursor_current_field_id takes the first non-inherited entry for the child.
    for (let e = from; e < to; e += 4) {
      if (u8[e + 3] === 0 && !byChild[u8[e + 2]]) byChild[u8[e + 2]] = u16[e >> 1];
    }
    starts[p] = values.length;
    lengths[p] = byChild.length;
    for (let c = 0; c < byChild.length; c++) values.push(byChild[c] ?? 0);
  }
  const table = { starts, lengths, table: Uint16Array.from(values) };
  fieldTables.set(language, table);
  return table;
}

/** A subtree's padding in bytes (ts_subtree_padding). */
function paddingOf(u8: Uint8Array, u32: Uint32Array, slot: number): number {
  return u8[slot] & 1 ? u8[slot + INLINE_PADDING_BYTES] : u32[(u32[slot >> 2] + HEAP_PADDING_BYTES) >> 2];
}

/** MISSING and HAS_ERROR of a heap subtree (ts_subtree_missing; ts_subtree_error_cost > 0). */
function heapFlags(u8: Uint8Array, u32: Uint32Array, ptr: number): number {
  if (u8[ptr + HEAP_BITS_2] & 2) return MISSING | HAS_ERROR;
  return u32[(ptr + HEAP_ERROR_COST) >> 2] !== 0 ? HAS_ERROR : 0;
}
