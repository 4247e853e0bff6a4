// ONEX008's reading of a publish_with_envelope call's metadata, and the metadata dict fixes write.
import { quoted } from '../../python/edits';
import type { PyClass, PyFile } from '../../python/model';
import { type Node, children, dictLiteralKeys, dottedName, field, keywordArgument, walk } from '../../python/syntax';
import { indentationAt } from '../../text';
import type { Fix, RawFinding, TextEdit } from '../../types';
import { boundInFunction, eventCategory, type Line, render, selfName } from '../pythonFixText';

export const METADATA_KEYS = ['event_category', 'node_type', 'namespace'] as const;
/** publish_with_envelope(event_type, source_node_id, payload, topic, correlation_id, metadata). */
const METADATA_POSITION = 5;

export interface Onex008Data {
  kind: 'missing' | 'none' | 'incomplete';
  className: string;
  missing: string[];
}

export type MetadataReading =
  | { kind: 'missing' }
  | { kind: 'none'; value: Node }
  | { kind: 'dict'; value: Node; missing: string[] }
  /** Passed by name, built by a call, spread from **kwargs...: cannot be checked. */
  | { kind: 'unknown' };

export function readMetadata(call: Node): MetadataReading {
  const args = field(call, 'arguments');
  if (!args || args.type !== 'argument_list') return { kind: 'unknown' };
  const items = children(args).filter((a) => a.type !== 'comment');
  if (items.some((a) => a.type === 'list_splat' || a.type === 'dictionary_splat')) return { kind: 'unknown' };
  const positional = items.filter((a) => a.type !== 'keyword_argument');
  const value = keywordArgument(call, 'metadata') ?? positional[METADATA_POSITION] ?? null;
  if (!value) return { kind: 'missing' };
  if (value.type === 'none') return { kind: 'none', value };
  if (value.type !== 'dictionary') return { kind: 'unknown' };
  const keys = dictLiteralKeys(value);
  if (keys === null) return { kind: 'unknown' };
  return { kind: 'dict', value, missing: METADATA_KEYS.filter((k) => !keys.includes(k)) };
}

/** The class's namespace attribute (`self.default_namespace`, `self.namespace`...), if it has one. */
function namespaceAttribute(cls: PyClass): string | null {
  const found: string[] = [];
  walk(cls.node, (n) => {
    if (n.type !== 'attribute') return true;
    const d = dottedName(n);
    if (d && /^self\.\w*namespace$/.test(d) && !found.includes(d)) found.push(d);
    return true;
  });
  return found.find((d) => d === 'self.default_namespace') ?? found.find((d) => d === 'self.namespace') ?? found[0] ?? null;
}

/** Key and value text of each metadata entry a fix writes for a publish call in this class. */
export function metadataEntries(file: PyFile, cls: PyClass, call: Node, keys: readonly string[] = METADATA_KEYS,
  quote: '"' | "'" = file.quote): [string, string][] {
  const q = (value: string) => quoted({ quote }, value);
  const self = selfName(cls, call);
  const values: Record<string, string> = {
    event_category: q(eventCategory(cls)),
    node_type: q(cls.kind ?? 'effect'),
    namespace: boundInFunction(call, 'namespace') ? 'namespace'
      : (self && namespaceAttribute(cls)) || q('default'),
  };
  return keys.map((k) => [q(k), values[k]]);
}

/** The quote the dict's own string keys use, so appended keys look like their neighbours. */
function dictQuote(file: PyFile, dict: Node): '"' | "'" {
  for (const pair of children(dict)) {
    const start = field(pair, 'key')?.child(0);
    if (start?.type === 'string_start') return start.text.replace(/^[rbuf]+/i, '').startsWith("'") ? "'" : '"';
  }
  return file.quote;
}

/** A dict literal holding the entries: on one line, or one entry a line below `indent` (closing brace at `indent`). */
export function dictText(entries: readonly [string, string][], multiline: { indent: string; unit: string; eol: string } | null): string {
  if (!multiline) return `{${entries.map(([k, v]) => `${k}: ${v}`).join(', ')}}`;
  const lines: Line[] = [[0, '{'], ...entries.map(([k, v]): Line => [1, `${k}: ${v},`]), [0, '}']];
  return render(lines, multiline.indent, multiline.unit, multiline.eol);
}

function nonComment(node: Node): Node[] {
  return children(node).filter((c) => c.type !== 'comment');
}

/** The comma token right after `node` among its siblings, if any. */
function commaAfter(node: Node): Node | null {
  const next = node.nextSibling;
  return next?.type === ',' ? next : null;
}

/**
 * Edits that append entries to a container (`(`...`)` arguments or `{`...`}` dict): on their own lines
 * when the container already spreads its items over lines, else inline.
 */
export function appendItems(file: PyFile, container: Node, items: readonly string[]): TextEdit[] {
  const existing = nonComment(container);
  const open = container.child(0)!;
  const last = existing.at(-1) ?? null;
  if (!last) {
    const close = container.child(container.childCount - 1)!;
    return [{ start: open.endIndex, end: close.startIndex, newText: items.join(', ') }];
  }
  const trailing = commaAfter(last);
  if (last.startPosition.row === open.startPosition.row) {
    const at = trailing ? trailing.endIndex : last.endIndex;
    return [{ start: at, end: at, newText: (trailing ? ' ' : ', ') + items.join(', ') + (trailing ? ',' : '') }];
  }
  const indent = indentationAt(file.text, last.startIndex);
  // A comment after the last item stays with it: the new items go on the lines below the comment.
  const after = trailing ?? last;
  const comment = after.nextSibling?.type === 'comment' && after.nextSibling.startPosition.row === after.endPosition.row
    ? after.nextSibling : null;
  const at = comment ? comment.endIndex : after.endIndex;
  if (trailing) {
    return [{ start: at, end: at, newText: items.map((i) => file.eol + indent + i + ',').join('') }];
  }
  const lines = items.map((i) => file.eol + indent + i).join(',');
  if (!comment) return [{ start: at, end: at, newText: ',' + lines }];
  return [{ start: last.endIndex, end: last.endIndex, newText: ',' }, { start: at, end: at, newText: lines }];
}

export function metadataFixes(file: PyFile, finding: RawFinding): Fix[] {
  const data = finding.data as Onex008Data | undefined;
  const cls = data && file.classesByName.get(data.className);
  const call = file.root.descendantForIndex(finding.span.start, finding.span.end);
  if (!data || !cls || call?.type !== 'call' || call.startIndex !== finding.span.start || call.endIndex !== finding.span.end) return [];
  const reading = readMetadata(call);
  const args = field(call, 'arguments')!;
  const multiline = args.startPosition.row !== args.endPosition.row;
  const unit = file.indentUnit;
  let edits: TextEdit[];
  if (reading.kind === 'missing') {
    const argIndent = (() => {
      const last = nonComment(args).at(-1);
      return last && last.startPosition.row !== args.startPosition.row
        ? indentationAt(file.text, last.startIndex) : indentationAt(file.text, call.startIndex) + unit;
    })();
    const lastArg = nonComment(args).at(-1);
    const spread = multiline && !!lastArg && lastArg.startPosition.row !== args.startPosition.row;
    const dict = dictText(metadataEntries(file, cls, call), spread ? { indent: argIndent, unit, eol: file.eol } : null);
    edits = appendItems(file, args, [`metadata=${dict}`]);
  } else if (reading.kind === 'none') {
    const indent = indentationAt(file.text, reading.value.startIndex);
    const spread = reading.value.startPosition.row !== args.startPosition.row;
    const dict = dictText(metadataEntries(file, cls, call), spread ? { indent, unit, eol: file.eol } : null);
    edits = [{ start: reading.value.startIndex, end: reading.value.endIndex, newText: dict }];
  } else if (reading.kind === 'dict' && reading.missing.length > 0) {
    const items = metadataEntries(file, cls, call, reading.missing, dictQuote(file, reading.value)).map(([k, v]) => `${k}: ${v}`);
    edits = appendItems(file, reading.value, items);
  } else return [];
  return [{
    id: 'add-metadata',
    title: reading.kind === 'dict' ? `Add ${reading.missing.join(', ')} to the event metadata` : 'Add event metadata (event_category, node_type, namespace)',
    safety: 'unsafe',
    preferred: true,
    edits,
  }];
}
