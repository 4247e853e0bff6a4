// ONEX008 event-metadata — see ./ONEX008.md and shared/spec/rules.md.
// Reports, inside node classes, a `publishWithEnvelope(...)` call without metadata, or whose metadata
// object literal lacks `event_category`, `node_type` or `namespace` (wire keys: snake_case as in the
// Python framework). Metadata built elsewhere (a variable, a spread) cannot be checked: no report.
// Fix (unsafe): add the missing keys (or a `metadata` object) with values taken from the node.
import type { ts } from 'ts-morph';
import { isCallExpression } from '../../typescript/api';
import { meta } from './meta';
import type { Fix, RawFinding, TextEdit } from '../../types';
import { indentAt } from '../../typescript/edits';
import type { TsClass, TsFile } from '../../typescript/model';
import { callLabel } from '../../typescript/syntax';
import { CALLS, atSpan, nodesInNodeClasses, scopeHasError } from '../typescriptNodeClasses';
import { metadataEntries } from '../typescriptFixText';
import { METADATA_KEYS, isEnvelopePublish, metadataOf } from '../typescriptPublishing';
import type { TypeScriptRule } from '../rule';

interface Onex008Data {
  className: string;
  missing: string[];
}

export const onex008: TypeScriptRule = {
  meta,

  check(file: TsFile): RawFinding[] {
    const findings: RawFinding[] = [];
    for (const { cls, node: call } of nodesInNodeClasses(file, isCallExpression, CALLS)) {
      if (!isEnvelopePublish(call) || scopeHasError(file, call, cls)) continue;
      const meta = metadataOf(call);
      let missing: string[];
      let message: string;
      if (meta.kind === 'unknown') continue;
      if (meta.kind === 'missing') {
        missing = [...METADATA_KEYS];
        message = `${callLabel(call, file.sf)} publishes without metadata: add event_category, node_type and namespace`;
      } else {
        missing = METADATA_KEYS.filter((k) => !meta.keys.has(k));
        if (missing.length === 0) continue;
        message = `${callLabel(call, file.sf)} metadata lacks ${missing.join(', ')}`;
      }
      const data: Onex008Data = { className: cls.name, missing };
      findings.push({ ruleId: 'ONEX008', message, span: { start: call.getStart(file.sf), end: call.end }, data });
    }
    return findings;
  },

  fixes(file: TsFile, finding: RawFinding): Fix[] {
    const data = finding.data as Onex008Data | undefined;
    const cls = file.nodeClasses.find((c) => c.name === data?.className);
    if (!data || !cls) return [];
    const call = atSpan(file, nodesInNodeClasses(file, isCallExpression, CALLS).filter((x) => x.cls === cls).map((x) => x.node), finding.span);
    if (!call) return [];
    const edit = metadataEdit(file, cls, call);
    return edit ? [{
      id: 'add-event-metadata',
      title: `Add ${data.missing.join(', ')} to the event metadata`,
      safety: 'unsafe',
      preferred: true,
      edits: [edit],
    }] : [];
  },
};

/** Adds properties to an object literal, following its layout (one line or one property per line). */
export function addProperties(file: TsFile, literal: ts.ObjectLiteralExpression, entries: string[]): TextEdit {
  const props = literal.properties;
  const last = props[props.length - 1];
  const oneLine = file.lines.positionAt(literal.getStart(file.sf)).line === file.lines.positionAt(literal.end).line;
  if (!last) {
    if (oneLine) return { start: literal.getStart(file.sf), end: literal.end, newText: `{ ${entries.join(', ')} }` };
    const indent = indentAt(file, literal.getStart(file.sf)) + file.indentUnit;
    const close = literal.end - 1;
    return { start: literal.getStart(file.sf) + 1, end: close, newText: entries.map((e) => `${file.eol}${indent}${e},`).join('') + file.eol + indentAt(file, close) };
  }
  if (oneLine) {
    if (props.hasTrailingComma) {
      const comma = file.text.indexOf(',', last.end);
      return { start: comma + 1, end: comma + 1, newText: ` ${entries.join(', ')},` };
    }
    return { start: last.end, end: last.end, newText: `, ${entries.join(', ')}` };
  }
  const indent = indentAt(file, last.getStart(file.sf));
  if (props.hasTrailingComma) {
    const comma = file.text.indexOf(',', last.end);
    return { start: comma + 1, end: comma + 1, newText: entries.map((e) => `${file.eol}${indent}${e},`).join('') };
  }
  return { start: last.end, end: last.end, newText: entries.map((e) => `,${file.eol}${indent}${e}`).join('') };
}

function metadataEdit(file: TsFile, cls: TsClass, call: ts.CallExpression): TextEdit | null {
  const meta = metadataOf(call);
  if (meta.kind === 'unknown') return null;
  if (meta.kind === 'literal') {
    const missing = METADATA_KEYS.filter((k) => !meta.keys.has(k));
    return missing.length ? addProperties(file, meta.literal, metadataEntries(file, cls, missing)) : null;
  }
  const entries = metadataEntries(file, cls, METADATA_KEYS);
  if (meta.options) {
    const oneLine = file.lines.positionAt(meta.options.getStart(file.sf)).line === file.lines.positionAt(meta.options.end).line;
    if (oneLine) return addProperties(file, meta.options, [`metadata: { ${entries.join(', ')} }`]);
    const last = meta.options.properties[meta.options.properties.length - 1];
    const indent = last ? indentAt(file, last.getStart(file.sf)) : indentAt(file, meta.options.getStart(file.sf)) + file.indentUnit;
    const inner = indent + file.indentUnit;
    const block = `metadata: {${entries.map((e) => `${file.eol}${inner}${e},`).join('')}${file.eol}${indent}}`;
    return addProperties(file, meta.options, [block]);
  }
  // Positional form: fill the missing arguments up to the sixth (metadata).
  const args = call.arguments;
  const fill = Array.from({ length: Math.max(0, 5 - args.length) }, () => 'undefined');
  const text = [...fill, `{ ${entries.join(', ')} }`].join(', ');
  if (args.length === 0) return null;
  const lastArg = args[args.length - 1];
  if (args.hasTrailingComma) {
    const comma = file.text.indexOf(',', lastArg.end);
    return { start: comma + 1, end: comma + 1, newText: ` ${text},` };
  }
  return { start: lastArg.end, end: lastArg.end, newText: `, ${text}` };
}
