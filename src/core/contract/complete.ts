// Completion and hover in contract.yaml from the era's schema, as pure functions (text and offset
// in, items out): keys of the mapping under the cursor with their descriptions from the
// framework's models, values of enums and the framework's known values (runtime profiles, routing
// strategies, message categories, node types), and the same descriptions on hover. Where the
// cursor is comes from the YAML tree: the pairs and list items before it and their columns.
import type { Pair } from 'yaml';
import type { Span } from '../types';
import { isMapNode, isSeqNode, keyText, parseContract, type ContractDocument, type YNode } from './document';
import { childSchema, contractSchema, resolveRef, schemaAt, type ContractEra, type JsonSchema } from './schema';

export interface ContractCompletionItem {
  label: string;
  kind: 'key' | 'value';
  /** Text to insert in place of `replace`. */
  insertText: string;
  replace: Span;
  /** The framework's description (markdown). */
  documentation?: string;
  detail?: string;
  deprecated?: boolean;
  /** Required keys sort first. */
  sortText: string;
}

export interface ContractHover {
  span: Span;
  markdown: string;
}

type Path = (string | number)[];

interface Entry {
  path: Path;
  /** Offset and column of the key (or of the item's content, for a list item). */
  start: number;
  line: number;
  column: number;
  /** The path of the mapping or list holding it. */
  parent: Path;
  pair?: Pair;
}

function index(doc: ContractDocument): Entry[] {
  const out: Entry[] = [];
  const visit = (node: YNode | null | undefined, path: Path) => {
    if (isMapNode(node)) {
      for (const pair of node.items as Pair<YNode, YNode | null>[]) {
        const key = keyText(pair);
        const keyNode = pair.key as YNode | null;
        if (key === null || !keyNode?.range) continue;
        const pos = doc.lines.positionAt(keyNode.range[0]);
        out.push({ path: [...path, key], start: keyNode.range[0], line: pos.line, column: pos.character, parent: path, pair });
        visit(pair.value, [...path, key]);
      }
    } else if (isSeqNode(node)) {
      (node.items as YNode[]).forEach((item, i) => {
        if (!item?.range) return;
        const pos = doc.lines.positionAt(item.range[0]);
        out.push({ path: [...path, i], start: item.range[0], line: pos.line, column: pos.character, parent: path });
        visit(item, [...path, i]);
      });
    }
  };
  visit(doc.root, []);
  return out;
}

function describe(schema: JsonSchema | undefined): string | undefined {
  if (!schema) return undefined;
  const parts: string[] = [];
  if (schema.description) parts.push(schema.description);
  const values = schema.enum ?? schema.examples;
  if (values?.length) parts.push(`${schema.enum ? 'One of' : 'Known values'}: ${values.map((v) => `\`${String(v)}\``).join(', ')}`);
  return parts.length ? parts.join('\n\n') : undefined;
}

function typeWord(root: JsonSchema, schema: JsonSchema | undefined): string | undefined {
  if (!schema) return undefined;
  const s = resolveRef(root, schema);
  if (typeof s.type === 'string') return s.type === 'object' ? 'mapping' : s.type === 'array' ? 'list' : s.type;
  const branches = (s.anyOf ?? []).map((b) => typeWord(root, b)).filter((t): t is string => !!t && t !== 'null');
  return branches.length ? [...new Set(branches)].join(' | ') : s.properties ? 'mapping' : undefined;
}

/** The keys a schema admits at a path (anyOf branches merged). */
function propertiesOf(root: JsonSchema, schema: JsonSchema | undefined): Record<string, JsonSchema> {
  if (!schema) return {};
  const s = resolveRef(root, schema);
  const out: Record<string, JsonSchema> = { ...(s.properties ?? {}) };
  for (const b of s.anyOf ?? []) Object.assign(out, propertiesOf(root, b));
  return out;
}

function requiredOf(root: JsonSchema, schema: JsonSchema | undefined): Set<string> {
  const s = schema ? resolveRef(root, schema) : undefined;
  return new Set(s?.required ?? []);
}

function valuesOf(root: JsonSchema, schema: JsonSchema | undefined): { values: string[]; isEnum: boolean } {
  if (!schema) return { values: [], isEnum: false };
  const s = resolveRef(root, schema);
  if (s.enum) return { values: s.enum.map(String), isEnum: true };
  if (s.type === 'boolean') return { values: ['true', 'false'], isEnum: true };
  const out = (s.examples ?? []).map(String);
  for (const b of s.anyOf ?? []) {
    const inner = valuesOf(root, b);
    out.push(...inner.values);
    // A list of known values (runtime_profiles): offer its items' values too.
    const items = resolveRef(root, b).items;
    if (items) out.push(...valuesOf(root, items).values);
  }
  return { values: [...new Set(out)], isEnum: false };
}

/** The path of the mapping a key typed at `column` on `line` would belong to. */
function containerAt(entries: Entry[], line: number, column: number): Path | null {
  // The nearest entry above the cursor whose column is at most the cursor's: a sibling (same
  // column) or the parent (smaller column). Entries are in document order.
  for (let i = entries.length - 1; i >= 0; i--) {
    const e = entries[i];
    if (e.line >= line) continue;
    // A list item's content column is its keys' column: a key there belongs to the item's mapping.
    if (e.column === column) return typeof e.path[e.path.length - 1] === 'number' ? e.path : e.parent;
    if (e.column < column) return e.path;
  }
  return column === 0 ? [] : null;
}

function existingKeys(doc: ContractDocument, path: Path): Set<string> {
  let node: YNode | null | undefined = doc.root;
  for (const step of path) {
    if (typeof step === 'number') node = isSeqNode(node) ? (node.items[step] as YNode) : undefined;
    else if (isMapNode(node)) node = (node.items as Pair<YNode, YNode | null>[]).find((p) => keyText(p) === step)?.value;
    else node = undefined;
  }
  const out = new Set<string>();
  if (isMapNode(node)) for (const p of node.items as Pair[]) { const k = keyText(p); if (k !== null) out.add(k); }
  return out;
}

/** Completion items at `offset`. */
export function contractCompletions(text: string, offset: number, era: ContractEra): ContractCompletionItem[] {
  const doc = parseContract(text);
  const root = contractSchema(era);
  const pos = doc.lines.positionAt(offset);
  const lineStart = doc.lines.lineStart(pos.line);
  const before = text.slice(lineStart, offset);
  const entries = index(doc);
  // Inside a comment: nothing.
  if (before.includes('#')) return [];
  const keyMatch = /^(\s*)(-\s+)?([\w.-]*)$/.exec(before);
  if (keyMatch) {
    const column = keyMatch[1].length + (keyMatch[2]?.length ?? 0);
    const word = keyMatch[3];
    const replace = { start: offset - word.length, end: offset };
    let path = containerAt(entries.filter((e) => e.line !== pos.line), pos.line, column);
    if (path === null) return [];
    if (keyMatch[2]) {
      // `- ` starts a new list item: scalar items get values, mapping items get the item's keys.
      const list = schemaAt(root, path);
      const { values } = valuesOf(root, list);
      if (values.length) {
        return values.map((v, i) => ({ label: v, kind: 'value' as const, insertText: JSON.stringify(v), replace, sortText: String(i).padStart(3, '0') }));
      }
      if (list && childSchema(root, list, 0)) path = [...path, 0];
    }
    const schema = schemaAt(root, path);
    const props = propertiesOf(root, schema);
    const required = requiredOf(root, schema);
    const present = existingKeys(doc, path);
    return Object.entries(props)
      .filter(([key]) => !present.has(key) || key === word)
      .map(([key, prop]) => {
        const resolved = resolveRef(root, prop);
        const type = typeWord(root, prop);
        const container = type === 'mapping' || type === 'list';
        return {
          label: key,
          kind: 'key' as const,
          insertText: container ? `${key}:` : `${key}: `,
          replace,
          documentation: describe(resolved),
          detail: type,
          deprecated: resolved.deprecated === true,
          sortText: `${resolved.deprecated ? '2' : required.has(key) ? '0' : '1'}${key}`,
        };
      });
  }
  const valueMatch = /^(\s*)(-\s+)?([\w.-]+):\s+(["']?)([^"'#]*)$/.exec(before);
  if (valueMatch) {
    const column = valueMatch[1].length + (valueMatch[2]?.length ?? 0);
    const key = valueMatch[3];
    const quote = valueMatch[4];
    const word = valueMatch[5];
    let parent = containerAt(entries.filter((e) => e.line !== pos.line), pos.line, column);
    const onLine = entries.find((e) => e.line === pos.line && e.column === column && e.pair);
    if (onLine) parent = onLine.parent;
    if (parent === null) return [];
    const parentSchema = schemaAt(root, parent);
    const schema = parentSchema ? childSchema(root, parentSchema, key) : undefined;
    const { values } = valuesOf(root, schema);
    const replace = { start: offset - word.length - quote.length, end: offset };
    return values.map((v, i) => ({
      label: v, kind: 'value' as const, insertText: schema && resolveRef(root, schema).type === 'boolean' ? v : JSON.stringify(v),
      replace, documentation: describe(schema ? resolveRef(root, schema) : undefined), sortText: String(i).padStart(3, '0'),
    }));
  }
  return [];
}

/** Hover text for the key (or value) at `offset`. */
export function contractHover(text: string, offset: number, era: ContractEra): ContractHover | null {
  const doc = parseContract(text);
  const root = contractSchema(era);
  for (const e of index(doc)) {
    if (!e.pair) continue;
    const keyNode = e.pair.key as YNode;
    const value = e.pair.value as YNode | null;
    const onKey = offset >= keyNode.range[0] && offset <= keyNode.range[1];
    const onScalar = value && !isMapNode(value) && !isSeqNode(value) && offset >= value.range[0] && offset <= value.range[1];
    if (!onKey && !onScalar) continue;
    const schema = schemaAt(root, e.path);
    if (!schema) return null;
    const resolved = resolveRef(root, schema);
    const type = typeWord(root, schema);
    const name = e.path.filter((s) => typeof s === 'string').join('.');
    const lines = [`**${name}**${type ? ` (${type})` : ''}${resolved.deprecated ? ' — deprecated' : ''}`];
    const doc2 = describe(resolved);
    if (doc2) lines.push(doc2);
    const required = requiredOf(root, schemaAt(root, e.parent));
    if (required.has(String(e.path[e.path.length - 1]))) lines.push('Required.');
    const from = contractSchema(era)['x-onex'].generatedFrom;
    lines.push(`_From omnibase-core ${from['omnibase-core']}${from['omnibase-infra'] ? `, omnibase-infra ${from['omnibase-infra']}` : ''}._`);
    const span = onKey ? { start: keyNode.range[0], end: keyNode.range[1] } : { start: value!.range[0], end: value!.range[1] };
    return { span, markdown: lines.join('\n\n') };
  }
  return null;
}
