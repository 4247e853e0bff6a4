// contract.yaml as the `yaml` package parses it, read the way the framework's loaders read it:
// PyYAML's `yaml.safe_load` (YAML 1.1 scalars: `yes`/`on` are booleans; a repeated key keeps its
// last value; one document). Every node keeps its source range, so each problem points at its key
// or value; the comments come from the same token stream (for `# onex: ignore[...]`).
import { Composer, CST, isMap, isScalar, isSeq, Parser, type Document, type Node, type Pair, type ParsedNode, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';
import type { CommentInfo } from '../suppression';
import { LineIndex } from '../text';
import type { Span } from '../types';

export type YNode = ParsedNode;

export interface YamlSyntaxError {
  message: string;
  span: Span;
}

export interface ContractDocument {
  readonly text: string;
  readonly lines: LineIndex;
  /** The first document's top-level node (null for an empty file). */
  readonly root: YNode | null;
  readonly errors: YamlSyntaxError[];
  readonly comments: CommentInfo[];
}

/** Options that make the `yaml` package read as PyYAML's safe_load does. */
const PYYAML_LIKE = { version: '1.1', uniqueKeys: false, merge: true, keepSourceTokens: false } as const;

function collectComments(token: unknown, out: { offset: number; source: string }[]): void {
  if (!token || typeof token !== 'object') return;
  const t = token as Record<string, unknown>;
  if (t.type === 'comment' && typeof t.source === 'string' && typeof t.offset === 'number') {
    out.push({ offset: t.offset, source: t.source });
    return;
  }
  for (const key of ['start', 'sep', 'end', 'props', 'items']) {
    const list = t[key];
    if (Array.isArray(list)) for (const item of list) collectComments(item, out);
  }
  if (t.key) collectComments(t.key, out);
  if (t.value) collectComments(t.value, out);
}

export function parseContract(text: string): ContractDocument {
  const lines = new LineIndex(text);
  const tokens: CST.Token[] = [];
  for (const token of new Parser().parse(text)) tokens.push(token);
  const docs: Document.Parsed[] = [];
  const composer = new Composer(PYYAML_LIKE);
  for (const doc of composer.compose(tokens, true, text.length)) docs.push(doc);
  const errors: YamlSyntaxError[] = [];
  const span = (pos: [number, number]): Span => ({ start: pos[0], end: Math.max(pos[1], pos[0] + 1) });
  for (const doc of docs) {
    for (const e of doc.errors) errors.push({ message: e.message.split('\n')[0], span: span(e.pos) });
  }
  // safe_load reads exactly one document: a second one is an error there ("expected a single document").
  if (docs.length > 1) {
    const second = docs[1];
    const start = second.range?.[0] ?? text.length;
    errors.push({
      message: 'expected a single document in the stream, but found another document (yaml.safe_load reads one)',
      span: { start, end: Math.min(text.length, Math.max(start + 1, lines.lineEnd(lines.positionAt(start).line))) },
    });
  }
  // Comments matter only for `# onex: ignore[...]` directives: no "onex:" in the text, none to read.
  const raw: { offset: number; source: string }[] = [];
  if (text.includes('onex:')) for (const token of tokens) collectComments(token, raw);
  const comments = raw.map((c) => ({ body: c.source.replace(/^#/, ''), line: lines.positionAt(c.offset).line }));
  const first = docs[0];
  const root = (first?.contents ?? null) as YNode | null;
  return { text, lines, root, errors, comments };
}

// --- reading nodes ---------------------------------------------------------------------------------

export function isMapNode(node: unknown): node is YAMLMap.Parsed {
  return isMap(node);
}

export function isSeqNode(node: unknown): node is YAMLSeq.Parsed {
  return isSeq(node);
}

export function isScalarNode(node: unknown): node is Scalar.Parsed {
  return isScalar(node);
}

/** The key of a pair as text, when it is a plain scalar key. */
export function keyText(pair: Pair): string | null {
  const key = pair.key;
  if (isScalar(key) && (typeof key.value === 'string' || typeof key.value === 'number' || typeof key.value === 'boolean')) {
    return String(key.value);
  }
  return null;
}

/** The pair of `key` in a mapping: the last one, as PyYAML keeps the last of repeated keys. */
export function pairOf(map: unknown, key: string): Pair<YNode, YNode | null> | undefined {
  if (!isMap(map)) return undefined;
  let found: Pair | undefined;
  for (const pair of map.items) if (keyText(pair) === key) found = pair;
  return found as Pair<YNode, YNode | null> | undefined;
}

export function valueOf(map: unknown, key: string): YNode | null | undefined {
  const pair = pairOf(map, key);
  return pair ? (pair.value ?? null) : undefined;
}

/** A string scalar's value (null for anything else, including numbers and booleans). */
export function stringOf(node: unknown): string | null {
  return isScalar(node) && typeof node.value === 'string' ? node.value : null;
}

export function seqItems(node: unknown): YNode[] {
  return isSeq(node) ? (node.items as YNode[]) : [];
}

/** The source span of a node's value (a collection's whole extent). */
export function spanOf(node: Node | null | undefined, fallback: Span): Span {
  const range = node?.range;
  if (!range) return fallback;
  return { start: range[0], end: Math.max(range[1], range[0]) };
}

/** Where a key is written (the key token itself). */
export function keySpan(pair: Pair, fallback: Span): Span {
  return spanOf(pair.key as Node, fallback);
}

/** The plain JavaScript value of a node, as safe_load would give it. */
export function plain(node: Node | null | undefined): unknown {
  if (!node) return null;
  return (node as { toJSON?: () => unknown }).toJSON ? (node as { toJSON: () => unknown }).toJSON() : null;
}

/** The Python type name safe_load gives a value (for messages that read like the framework's). */
export function pythonTypeName(node: Node | null | undefined): string {
  if (!node) return 'NoneType';
  if (isMap(node)) return 'dict';
  if (isSeq(node)) return 'list';
  if (isScalar(node)) {
    const v = node.value;
    if (v === null || v === undefined) return 'NoneType';
    if (typeof v === 'boolean') return 'bool';
    if (typeof v === 'number') return Number.isInteger(v) && !String(node.source ?? '').includes('.') ? 'int' : 'float';
    if (typeof v === 'bigint') return 'int';
    if (v instanceof Date) return 'datetime';
    return 'str';
  }
  return 'object';
}
