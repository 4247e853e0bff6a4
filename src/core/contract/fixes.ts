// Quick fixes for contract findings, as pure functions: the contract's text and a finding in,
// minimal edits out, computed from the YAML tree (the extension and the tests share them). After
// a fix the file still parses, the finding is gone, and applying the fix again changes nothing.
import type { Pair } from 'yaml';
import type { Fix, TextEdit } from '../types';
import {
  isMapNode, isSeqNode, pairOf, parseContract, stringOf, valueOf, type ContractDocument, type YNode,
} from './document';
import type { ContractRawFinding, ContractFixData } from './rules';
import { contractSchema, type ContractEra } from './schema';

export interface FixContext {
  era: ContractEra;
  /** The node class's kind from node.py ('effect', …), for a missing node_type. */
  nodeKind?: string | null;
  /** The package folder's name, for a missing name. */
  packageName?: string | null;
  /** The project's topic producer (kebab-case), for rewritten and added topics. */
  producer?: string | null;
}

const q = (text: string) => JSON.stringify(text);

function eolOf(doc: ContractDocument): string {
  return doc.text.includes('\r\n') ? '\r\n' : '\n';
}

function column(doc: ContractDocument, offset: number): number {
  return doc.lines.positionAt(offset).character;
}

/** Offset just past the end of the line holding `offset` (after its line break). */
function afterLine(doc: ContractDocument, offset: number): number {
  const line = doc.lines.positionAt(offset).line;
  return line + 1 < doc.lines.lineCount ? doc.lines.lineStart(line + 1) : doc.text.length;
}

/** The last offset a node's content occupies (trailing comments and blank lines excluded). */
function contentEnd(node: YNode): number {
  return node.range[1];
}

/** Edits that add `key: value` (value already YAML text, one line) to a mapping node. */
function addToMap(doc: ContractDocument, map: YNode | null, key: string, value: string): TextEdit | null {
  if (!isMapNode(map)) return null;
  const items = map.items as Pair<YNode, YNode | null>[];
  if (map.flow) {
    // `{major: 1, minor: 0}` → `{major: 1, minor: 0, patch: 0}`
    const close = doc.text.lastIndexOf('}', map.range[1]);
    if (close < 0) return null;
    const sep = items.length ? ', ' : '';
    return { start: close, end: close, newText: `${sep}${key}: ${value}` };
  }
  if (!items.length) return null;
  const last = items[items.length - 1];
  const indent = ' '.repeat(column(doc, (items[0].key as YNode).range[0]));
  const end = last.value ? contentEnd(last.value) : (last.key as YNode).range[1];
  const at = afterLine(doc, Math.max(end - 1, (last.key as YNode).range[0]));
  const eol = eolOf(doc);
  const needsBreak = at === doc.text.length && !doc.text.endsWith('\n');
  return { start: at, end: at, newText: `${needsBreak ? eol : ''}${indent}${key}: ${value}${eol}` };
}

/** Adds a top-level key before the first one (after the header comments). */
function addTopLevel(doc: ContractDocument, key: string, value: string): TextEdit | null {
  const root = doc.root;
  if (!isMapNode(root) || root.flow || !root.items.length) return null;
  const first = (root.items[0].key as YNode).range[0];
  const start = doc.lines.lineStart(doc.lines.positionAt(first).line);
  return { start, end: start, newText: `${key}: ${value}${eolOf(doc)}` };
}

function nodeAt(root: YNode | null, path: readonly (string | number)[]): YNode | null | undefined {
  let node: YNode | null | undefined = root;
  for (const step of path) {
    if (typeof step === 'number') node = isSeqNode(node) ? (node.items[step] as YNode) : undefined;
    else node = valueOf(node, step);
  }
  return node;
}

/** contract_version from a `version: "1.2.3"` string when there is one (the key it replaces). */
function semverMapping(text: string | null): string {
  const m = text ? /^\s*(\d+)\.(\d+)\.(\d+)/.exec(text) : null;
  return m ? `{major: ${Number(m[1])}, minor: ${Number(m[2])}, patch: ${Number(m[3])}}` : '{major: 1, minor: 0, patch: 0}';
}

function derivedValue(doc: ContractDocument, path: readonly (string | number)[], key: string, ctx: FixContext): string | null {
  if (path.length === 0) {
    if (key === 'contract_version') return semverMapping(stringOf(valueOf(doc.root, 'version')));
    if (key === 'node_type') return ctx.nodeKind ? q(`${ctx.nodeKind.toUpperCase()}_GENERIC`) : null;
    if (key === 'name') return ctx.packageName ? q(ctx.packageName) : null;
    return null;
  }
  const parent = path[path.length - 1];
  if ((parent === 'contract_version' || parent === 'node_version') && ['major', 'minor', 'patch'].includes(key)) return key === 'major' ? '1' : '0';
  return null;
}

/** The topic in the framework's format: onex.<kind>.<producer>.<kebab-event>.v<n>. */
export function rewriteTopic(topic: string, producer: string | null, era: ContractEra = 'today'): string | null {
  const rules = contractSchema(era)['x-onex'].topics;
  if (!rules) return null;
  const kebab = (s: string) => s.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  let parts = topic.trim().split('.').filter((p) => p !== '');
  if (parts.length && rules.envPrefixes.includes(parts[0].toLowerCase())) parts = parts.slice(1);
  if (parts[0]?.toLowerCase() === rules.prefix) parts = parts.slice(1);
  const KIND_WORDS: Record<string, string> = { event: 'evt', events: 'evt', evt: 'evt', command: 'cmd', commands: 'cmd', cmd: 'cmd', int: 'intent', intent: 'intent', intents: 'intent', dlq: 'dlq', snapshot: 'snapshot' };
  let kind = 'evt';
  if (parts.length && KIND_WORDS[parts[0].toLowerCase()]) kind = KIND_WORDS[parts.shift()!.toLowerCase()];
  let version = 'v1';
  const last = parts[parts.length - 1];
  const vm = last ? /^v(\d+)$/i.exec(last) : null;
  if (vm) {
    parts.pop();
    if (Number(vm[1]) >= 1) version = `v${Number(vm[1])}`;
  }
  let p = producer;
  if (parts.length >= 2) {
    const written = kebab(parts.shift()!);
    p ??= written;
  }
  const event = kebab(parts.join('-'));
  if (!p || !event || !/^[a-z]/.test(p) || !/^[a-z]/.test(event)) return null;
  const result = `${rules.prefix}.${kind}.${p}.${event}.${version}`;
  return result === topic ? null : result;
}

function scalarNodesWithValue(node: YNode | null | undefined, value: string, out: YNode[]): void {
  if (!node) return;
  if (isMapNode(node)) for (const pair of node.items as Pair<YNode, YNode | null>[]) scalarNodesWithValue(pair.value, value, out);
  else if (isSeqNode(node)) for (const item of node.items as YNode[]) scalarNodesWithValue(item, value, out);
  else if (stringOf(node) === value) out.push(node);
}

/** Adds a topic to event_bus.publish_topics (creating the list, or event_bus, when missing). */
function addPublishTopic(doc: ContractDocument, topic: string): TextEdit | null {
  const eol = eolOf(doc);
  const bus = valueOf(doc.root, 'event_bus');
  if (bus === undefined) {
    const root = doc.root;
    if (!isMapNode(root) || root.flow) return null;
    const at = doc.text.length;
    const lead = doc.text.endsWith('\n') || !doc.text ? '' : eol;
    return { start: at, end: at, newText: `${lead}event_bus:${eol}  publish_topics:${eol}    - ${q(topic)}${eol}` };
  }
  if (!isMapNode(bus)) return null;
  const list = valueOf(bus, 'publish_topics');
  if (list === undefined) return addToMap(doc, bus, 'publish_topics', `[${q(topic)}]`);
  if (!isSeqNode(list)) return null;
  if (list.items.some((i) => stringOf(i) === topic)) return null;
  if (list.flow) {
    const close = doc.text.lastIndexOf(']', list.range[1]);
    return close < 0 ? null : { start: close, end: close, newText: `${list.items.length ? ', ' : ''}${q(topic)}` };
  }
  const items = list.items as YNode[];
  if (!items.length) return null;
  const last = items[items.length - 1];
  const dash = doc.text.lastIndexOf('-', items[0].range[0]);
  const indent = ' '.repeat(column(doc, dash));
  const at = afterLine(doc, Math.max(last.range[0], contentEnd(last) - 1));
  const needsBreak = at === doc.text.length && !doc.text.endsWith('\n');
  return { start: at, end: at, newText: `${needsBreak ? eol : ''}${indent}- ${q(topic)}${eol}` };
}

function operationFor(entry: YNode): string {
  const handler = stringOf(valueOf(valueOf(entry, 'handler'), 'name')) ?? 'handle';
  const words = handler.replace(/^Handler/, '').replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
  return words || 'handle';
}

/** Inserts `operation:` as the entry's first key, at its keys' column. */
function addOperation(doc: ContractDocument, entry: YNode): TextEdit | null {
  if (!isMapNode(entry) || entry.flow || !entry.items.length) return null;
  const firstKey = entry.items[0].key as YNode;
  const col = column(doc, firstKey.range[0]);
  const eol = eolOf(doc);
  return { start: firstKey.range[0], end: firstKey.range[0], newText: `operation: ${q(operationFor(entry))}${eol}${' '.repeat(col)}` };
}

function edits(doc: ContractDocument, data: ContractFixData, ctx: FixContext): { title: string; edits: TextEdit[]; safety: Fix['safety'] } | null {
  switch (data.fix) {
    case 'add-key': {
      // A contract_version missing beside the deprecated `version` comes from renaming it (ONEX021's other
      // finding): adding one too would declare it twice.
      if (data.path.length === 0 && data.key === 'contract_version' && pairOf(doc.root, 'version')) return null;
      const value = derivedValue(doc, data.path, data.key, ctx);
      if (value === null) return null;
      const edit = data.path.length === 0 ? addTopLevel(doc, data.key, value) : addToMap(doc, nodeAt(doc.root, data.path) ?? null, data.key, value);
      return edit && { title: `Add ${data.key}: ${value}`, edits: [edit], safety: 'safe' };
    }
    case 'rename-key': {
      const pair = pairOf(doc.root, data.from);
      if (!pair) return null;
      const key = pair.key as YNode;
      if (data.to === 'contract_version') {
        if (pairOf(doc.root, 'contract_version')) {
          // contract_version is there already: the deprecated key only goes.
          const start = doc.lines.lineStart(doc.lines.positionAt(key.range[0]).line);
          const end = afterLine(doc, pair.value ? Math.max(key.range[0], pair.value.range[1] - 1) : key.range[1]);
          return { title: `Remove '${data.from}' (contract_version is declared)`, edits: [{ start, end, newText: '' }], safety: 'safe' };
        }
        const value = pair.value;
        const out: TextEdit[] = [{ start: key.range[0], end: key.range[1], newText: 'contract_version' }];
        if (value && !isMapNode(value)) out.push({ start: value.range[0], end: value.range[1], newText: semverMapping(stringOf(value)) });
        return { title: `Rename '${data.from}' to 'contract_version'`, edits: out, safety: 'safe' };
      }
      if (pairOf(doc.root, data.to)) return null;
      return { title: `Rename '${data.from}' to '${data.to}'`, edits: [{ start: key.range[0], end: key.range[1], newText: data.to }], safety: 'unsafe' };
    }
    case 'replace-value':
      return null; // (handled in contractFixes: it needs only the finding's span)
    case 'rewrite-topic': {
      const topic = rewriteTopic(data.topic, ctx.producer ?? null, ctx.era);
      if (!topic) return null;
      const nodes: YNode[] = [];
      scalarNodesWithValue(doc.root, data.topic, nodes);
      if (!nodes.length) return null;
      return {
        title: `Rename the topic to ${topic}${nodes.length > 1 ? ` (${nodes.length} places)` : ''}`,
        edits: nodes.map((n) => ({ start: n.range[0], end: n.range[1], newText: q(topic) })),
        safety: 'unsafe',
      };
    }
    case 'add-operation': {
      const routing = valueOf(doc.root, 'handler_routing');
      const entry = nodeAt(routing ?? null, ['handlers', data.entry]);
      if (!entry || valueOf(entry, 'operation') !== undefined && stringOf(valueOf(entry, 'operation'))?.trim()) return null;
      const edit = addOperation(doc, entry);
      return edit && { title: `Add operation: ${q(operationFor(entry))}`, edits: [edit], safety: 'unsafe' };
    }
    case 'add-publish-topic': {
      const edit = addPublishTopic(doc, data.topic);
      return edit && { title: `Add ${data.topic} to event_bus.publish_topics`, edits: [edit], safety: 'safe' };
    }
  }
}

/** The fixes of one finding (its `data` says which). */
export function contractFixes(text: string, finding: Pick<ContractRawFinding, 'data' | 'span' | 'ruleId'>, ctx: FixContext): Fix[] {
  const data = finding.data;
  if (!data) return [];
  const doc = parseContract(text);
  if (doc.errors.length || !isMapNode(doc.root)) return [];
  if (data.fix === 'replace-value') {
    // Replaces the value the finding is on: node_type's spelling (safe: the same kind), or node_type with
    // node.py's kind (unsafe: which of the two files is wrong is the user's call).
    const safety = finding.ruleId === 'ONEX031' ? 'unsafe' : 'safe';
    return [{ id: 'replace-value', title: data.title, safety, preferred: true, edits: [{ start: finding.span.start, end: finding.span.end, newText: q(data.value) }] }];
  }
  const made = edits(doc, data, ctx);
  if (!made) return [];
  // A topic for an event that had none (ONEX032) is a name we made up: other services subscribe by it.
  const safety = data.fix === 'add-publish-topic' && finding.ruleId === 'ONEX032' ? 'unsafe' : made.safety;
  return [{ id: data.fix, title: made.title, safety, edits: made.edits, preferred: true }];
}
