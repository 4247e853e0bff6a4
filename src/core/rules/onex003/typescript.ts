// ONEX003 event-envelope — see ./ONEX003.md and shared/spec/rules.md.
// Reports, inside node classes, events published without the OnexEnvelopeV1 wrapping
// (`this.kafkaClient.publish(...)`, `this.producer.send(...)`) and `publishWithEnvelope(...)` calls
// whose failure no try/catch (or promise handler) catches: a publishing failure would fail the workflow.
// Fixes (unsafe): rewrite a raw `publish` on a Kafka client to `publishWithEnvelope({...})`; wrap an
// unprotected publishing statement in try/catch that logs a warning.
import type { ts } from 'ts-morph';
import {
  isCallExpression, isExpressionStatement, isIdentifier, isObjectLiteralExpression, isPropertyAssignment,
  isShorthandPropertyAssignment, isSpreadElement, isVoidExpression,
} from '../../typescript/api';
import { meta } from './meta';
import type { Fix, RawFinding } from '../../types';
import { ensureRuntimeNames, indentAt, nodeIdExpression } from '../../typescript/edits';
import type { TsClass, TsFile } from '../../typescript/model';
import { callInfo, callLabel, enclosingFunction, enclosingStatement, nameText, normalizeName, unwrap, unwrapAwait } from '../../typescript/syntax';
import { CALLS, atSpan, nodesInNodeClasses, scopeHasError } from '../typescriptNodeClasses';
import { metadataEntries, wrapInTryCatch } from '../typescriptFixText';
import { METADATA_KEYS, isEnvelopePublish, isProtected, isRawPublish, receiverName } from '../typescriptPublishing';
import type { TypeScriptRule } from '../rule';

interface Onex003Data {
  kind: 'raw' | 'unguarded';
  className: string;
}

export const onex003: TypeScriptRule = {
  meta,

  check(file: TsFile): RawFinding[] {
    const findings: RawFinding[] = [];
    const today = file.era.era === 'current';
    for (const { cls, node: call } of nodesInNodeClasses(file, isCallExpression, CALLS)) {
      if (today) {
        // Today's form (rules.md, "Eras"): any publishing of the node's own, enveloped or not.
        if ((isRawPublish(call) || isEnvelopePublish(call)) && !scopeHasError(file, call, cls)) {
          findings.push({
            ruleId: 'ONEX003',
            message: `${callLabel(call, file.sf)} publishes from node ${cls.name} itself; in today's framework a handler returns its events ` +
              '(ModelHandlerOutput.for_effect(events=…)) and the runtime publishes them to the topics the contract declares ' +
              '(event_bus.publish_topics and published_events)',
            span: { start: call.getStart(file.sf), end: call.end },
            data: { kind: 'self-publish', className: cls.name },
          });
        }
        continue;
      }
      if (isRawPublish(call)) {
        if (scopeHasError(file, call, cls)) continue;
        const data: Onex003Data = { kind: 'raw', className: cls.name };
        findings.push({
          ruleId: 'ONEX003',
          message: `${callLabel(call, file.sf)} publishes without the OnexEnvelopeV1 envelope; use publishWithEnvelope`,
          span: { start: call.getStart(file.sf), end: call.end },
          data,
        });
      } else if (isEnvelopePublish(call)) {
        if (scopeHasError(file, call, cls) || isProtected(cls, call)) continue;
        const data: Onex003Data = { kind: 'unguarded', className: cls.name };
        findings.push({
          ruleId: 'ONEX003',
          message: `${callLabel(call, file.sf)} is not inside a try/catch: a publishing failure would fail the workflow`,
          span: { start: call.getStart(file.sf), end: call.end },
          data,
        });
      }
    }
    return findings;
  },

  fixes(file: TsFile, finding: RawFinding): Fix[] {
    // Today's findings have no fix: no bridge-era envelope is written into today's code.
    if (file.era.era === 'current') return [];
    const data = finding.data as Onex003Data | undefined;
    const cls = file.nodeClasses.find((c) => c.name === data?.className);
    if (!data || !cls) return [];
    const calls = nodesInNodeClasses(file, isCallExpression, CALLS).filter((x) => x.cls === cls).map((x) => x.node);
    const call = atSpan(file, calls, finding.span);
    if (!call) return [];
    return data.kind === 'raw' ? envelopeRewrite(file, cls, call) : guardFix(file, cls, call);
  },
};

const DATA_NAMES = ['payload', 'data', 'message', 'value', 'event', 'body'];
const TYPE_NAMES = ['eventType', 'event_type', 'type'];

/** `this.kafkaClient.publish(topic, data)` / `.publish({ topic, data })` → `.publishWithEnvelope({...})`. */
function envelopeRewrite(file: TsFile, cls: TsClass, call: ts.CallExpression): Fix[] {
  const info = callInfo(call);
  if (!info?.receiver || !['publish', 'publishEvent', 'publishMessage', 'publishRawEvent'].includes(info.name)) return [];
  const receiver = normalizeName(receiverName(info.receiver) ?? '');
  // Producers (kafkajs) have no publishWithEnvelope: only Kafka clients and event buses are rewritten.
  if (!receiver.includes('kafka') && !receiver.includes('eventbus')) return [];
  let topic: string | undefined;
  let payload: string | undefined;
  let eventType: string | undefined;
  const args = call.arguments;
  const first = args[0] ? unwrap(args[0]) : undefined;
  if (args.length === 1 && first && isObjectLiteralExpression(first)) {
    for (const p of first.properties) {
      const name = p.name ? nameText(p.name) : null;
      if (!name) return [];
      const value = isPropertyAssignment(p) ? p.initializer.getText(file.sf) : isShorthandPropertyAssignment(p) ? p.name.text : null;
      if (value === null) return [];
      if (name === 'topic') topic = value;
      else if (DATA_NAMES.includes(name)) payload = value;
      else if (TYPE_NAMES.includes(name)) eventType = value;
      else return []; // keys, headers, partitions...: no faithful rewrite
    }
  } else if (args.length === 2 && !args.some(isSpreadElement)) {
    topic = args[0].getText(file.sf);
    payload = args[1].getText(file.sf);
  } else {
    return [];
  }
  if (!topic || !payload || [topic, payload, eventType].some((t) => t?.includes('\n'))) return [];
  // An `eventType` parameter of the publishing helper names the event better than the topic does.
  const fn = enclosingFunction(call);
  const eventParam = fn?.parameters.map((p) => (isIdentifier(p.name) ? p.name.text : '')).find((n) => TYPE_NAMES.includes(n) || n === 'eventName');
  eventType ??= eventParam;
  const indent = indentAt(file, call.getStart(file.sf));
  const inner = indent + file.indentUnit;
  const meta = metadataEntries(file, cls, METADATA_KEYS);
  const lines = [
    `eventType: ${eventType ?? topic},`,
    `sourceNodeId: ${nodeIdExpression(file, cls)},`,
    `payload: ${payload},`,
    `topic: ${topic},`,
    `metadata: {`,
    ...meta.map((m) => `${file.indentUnit}${m},`),
    `},`,
  ];
  const receiverText = info.receiver.getText(file.sf);
  const newText = `${receiverText}.publishWithEnvelope({${file.eol}${lines.map((l) => `${inner}${l}`).join(file.eol)}${file.eol}${indent}})`;
  return [{
    id: 'publish-with-envelope',
    title: `Publish with the OnexEnvelopeV1 envelope (${receiverText}.publishWithEnvelope)`,
    safety: 'unsafe',
    preferred: true,
    edits: [{ start: call.getStart(file.sf), end: call.end, newText }],
  }];
}

/** Wraps the publishing statement in try/catch that logs the failure. */
function guardFix(file: TsFile, cls: TsClass, call: ts.CallExpression): Fix[] {
  const stmt = enclosingStatement(call);
  if (!stmt || !isExpressionStatement(stmt)) return [];
  // Only when the statement is the publish itself (`await x.publishWithEnvelope(...)`): others may need the value.
  const expr = unwrapAwait(stmt.expression);
  const inner = isVoidExpression(expr) ? unwrapAwait(expr.expression) : expr;
  if (inner !== call) return [];
  const rt = ensureRuntimeNames(file, ['emitLogEvent', 'LogLevel']);
  const edit = wrapInTryCatch(file, cls, stmt, rt, 'Failed to publish event; continuing without it');
  return [{
    id: 'catch-publish-failure',
    title: 'Catch and log a publishing failure (try/catch)',
    safety: 'unsafe',
    preferred: true,
    edits: [edit, ...(rt?.edits ?? [])],
  }];
}
