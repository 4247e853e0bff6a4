// ONEX003's fixes. A raw publish becomes the spec's pattern 2: publish_with_envelope with the
// original event type, payload, topic and correlation id, the class's node id and the metadata,
// guarded by the client's availability, inside a try that logs a failure and never raises it.
// An unguarded publish_with_envelope is wrapped in such a try.
import type { PyClass, PyFile } from '../../python/model';
import { type Node, callInfo, children, dottedName, field, isAsyncFunction, keywordArgument, positionalArguments, stringValue } from '../../python/syntax';
import { indentationAt } from '../../text';
import type { Fix, RawFinding, TextEdit } from '../../types';
import { enclosingFunctionOrLambda, judgedScope, statementOf } from '../pythonNodeClasses';
import {
  type Line, boundInFunction, endsLine, eventCategory, freshName, localUnit, loggingNames, mergeEdits, movedText,
  nodeIdOf, parameterAnnotation, render, selfName, startsLine,
} from '../pythonFixText';
import { dictText, metadataEntries } from '../onex008/metadata';

export interface Onex003Data {
  kind: 'raw' | 'unguarded';
  className: string;
}

const PAYLOAD_KEYWORDS = ['payload', 'data', 'value', 'event_data', 'message', 'msg', 'body', 'event'];
const TOPIC_KEYWORDS = ['topic', 'topic_name'];
const EVENT_TYPE_KEYWORDS = ['event_type', 'event_name'];
/** Methods whose first positional argument is the topic (kafka-python, aiokafka, confluent-kafka). */
const TOPIC_FIRST = new Set(['send', 'send_and_wait', 'produce']);

function callAt(file: PyFile, span: { start: number; end: number }): Node | null {
  for (let n: Node | null = file.root.descendantForIndex(span.start, span.end); n; n = n.parent) {
    if (n.type === 'call' && n.startIndex === span.start && n.endIndex === span.end) return n;
    if (n.startIndex < span.start) break;
  }
  return null;
}

function firstKeyword(call: Node, names: readonly string[]): Node | null {
  for (const name of names) {
    const value = keywordArgument(call, name);
    if (value) return value;
  }
  return null;
}

interface PublishArguments {
  eventType: Node | null;
  payload: Node | null;
  topic: Node | null;
  correlationId: Node | null;
}

/** Reads what the raw publish call says about topic, payload, event type and correlation id. */
function readPublishArguments(call: Node, method: string): PublishArguments {
  const positional = positionalArguments(call);
  let topic = firstKeyword(call, TOPIC_KEYWORDS);
  let payload = firstKeyword(call, PAYLOAD_KEYWORDS);
  if (TOPIC_FIRST.has(method) || positional.length >= 2) {
    topic ??= positional[0] ?? null;
    payload ??= positional[1] ?? null;
  } else if (positional.length === 1) {
    if (stringValue(positional[0]) !== null && !topic) topic = positional[0];
    else payload ??= positional[0];
  }
  return { eventType: firstKeyword(call, EVENT_TYPE_KEYWORDS), payload, topic, correlationId: keywordArgument(call, 'correlation_id') };
}

/** The statement the publish call is, when the call is its whole expression (`await` allowed). */
function publishStatement(call: Node): { stmt: Node; kind: 'expression' | 'assignment' | 'return'; target?: string } | null {
  const stmt = statementOf(call);
  const unwrap = (n: Node | null) => (n?.type === 'await' ? n.namedChild(0) : n);
  if (stmt.type === 'expression_statement') {
    const expr = stmt.namedChild(0);
    if (stmt.namedChildCount === 1 && unwrap(expr)?.id === call.id) return { stmt, kind: 'expression' };
    if (expr?.type === 'assignment' && unwrap(field(expr, 'right'))?.id === call.id && field(expr, 'left')?.type === 'identifier' && !field(expr, 'type')) {
      return { stmt, kind: 'assignment', target: field(expr, 'left')!.text };
    }
  }
  if (stmt.type === 'return_statement' && unwrap(children(stmt)[0] ?? null)?.id === call.id) return { stmt, kind: 'return' };
  return null;
}

/** Lines of the handler body: a WARNING log that names the error and never raises it. */
function warningLines(file: PyFile, cls: PyClass, anchor: Node, e: string, emit: string, level: string, what: string): Line[] {
  const q = (s: string) => file.quote + s + file.quote;
  const self = selfName(cls, anchor);
  const nodeId = self ? nodeIdOf(file, cls) : null;
  const context = nodeId ? `{${q('node_id')}: ${nodeId}, ${q('error')}: str(${e})}` : `{${q('error')}: str(${e})}`;
  return [
    [0, '# Log and go on: a publishing failure must not fail the workflow.'],
    [0, `${emit}(`],
    [1, `${level}.WARNING,`],
    [1, `f${q(`Failed to publish ${what}: {${e}}`)},`],
    [1, `${context},`],
    [0, ')'],
  ];
}

/** The `if <client>:` whose only statement is stmt (the template's guard), replaced together with it. */
function templateGuard(stmt: Node, client: string): Node | null {
  const block = stmt.parent;
  const ifStmt = block?.parent;
  if (block?.type !== 'block' || ifStmt?.type !== 'if_statement' || field(ifStmt, 'consequence')?.id !== block.id) return null;
  if (children(ifStmt).some((c) => c.type === 'elif_clause' || c.type === 'else_clause')) return null;
  if (children(block).length !== 1) return null;
  const test = field(ifStmt, 'condition')?.text.replace(/\s+/g, ' ');
  const accepted = [client, `${client} is not None`, `${client} and ${client}.is_connected`];
  return test && accepted.includes(test) ? ifStmt : null;
}

/**
 * Whether the receiver is a client that has publish_with_envelope: the bridge's KafkaClient (a name
 * with `kafka` and without `producer`), or any receiver the class already calls publish_with_envelope
 * on. An aiokafka producer or today's event bus has no such method: rewriting their calls would turn a
 * working publish into a logged AttributeError, so they get no rewrite.
 */
function hasEnvelopeMethod(cls: PyClass, client: string): boolean {
  const name = client.slice(client.lastIndexOf('.') + 1).toLowerCase();
  if (name.includes('kafka') && !name.includes('producer')) return true;
  return cls.node.descendantsOfType('call').some((c) => {
    const info = c ? callInfo(c) : null;
    return info?.name === 'publish_with_envelope' && !!info.receiver && dottedName(info.receiver) === client;
  });
}

function envelopeRewrite(file: PyFile, cls: PyClass, call: Node): Fix | null {
  const info = callInfo(call);
  const client = info?.receiver ? dottedName(info.receiver) : null;
  if (!client || !hasEnvelopeMethod(cls, client)) return null;
  const fn = enclosingFunctionOrLambda(call);
  const self = selfName(cls, call);
  const shape = publishStatement(call);
  if (!info || !client || !self || fn?.type !== 'function_definition' || !isAsyncFunction(fn) || shape?.kind !== 'expression') return null;
  const args = field(call, 'arguments');
  if (!args || children(args).some((a) => a.type === 'list_splat' || a.type === 'dictionary_splat')) return null;
  const target = templateGuard(shape.stmt, client) ?? shape.stmt;
  if (!startsLine(file.text, target) || !endsLine(file.text, target)) return null;

  const base = indentationAt(file.text, target.startIndex);
  const unit = localUnit(file, target);
  const argIndent = base + unit.repeat(3);
  const moved = (n: Node) => movedText(file, n, argIndent);
  const read = readPublishArguments(call, info.name);
  const category = eventCategory(cls);
  let eventType: string;
  if (read.eventType) eventType = moved(read.eventType);
  else if (parameterAnnotation(call, 'event_type') !== undefined) {
    eventType = /^Enum/.test(parameterAnnotation(call, 'event_type') ?? '') ? 'event_type.value' : 'event_type';
  } else if (read.topic && stringValue(read.topic) !== null) eventType = read.topic.text;
  else eventType = file.quote + `${category}.event` + file.quote;
  const argLines: Line[] = [
    [3, `event_type=${eventType},`],
    // The class's node id when it has one, else its name (generated code reads only what the class defines).
    [3, `source_node_id=${nodeIdOf(file, cls) ? `str(${nodeIdOf(file, cls)})` : 'type(self).__name__'},`],
    [3, `payload=${read.payload ? moved(read.payload) : '{}'},`],
  ];
  if (read.topic) argLines.push([3, `topic=${moved(read.topic)},`]);
  if (read.correlationId) argLines.push([3, `correlation_id=${moved(read.correlationId)},`]);
  else if (boundInFunction(call, 'correlation_id')) argLines.push([3, 'correlation_id=correlation_id,']);
  else if (read.payload?.type === 'identifier' && /^(dict|Dict|Mapping)\b/.test(parameterAnnotation(call, read.payload.text) ?? '')) {
    // The spec's pattern reads the correlation id from the event data when it is a dict.
    argLines.push([3, `correlation_id=${read.payload.text}.get(${file.quote}correlation_id${file.quote}),`]);
  }
  const metadata = dictText(metadataEntries(file, cls, call), { indent: argIndent, unit, eol: file.eol });
  argLines.push([3, `metadata=${metadata},`]);

  const logging = loggingNames(file);
  const e = freshName(judgedScope(call) ?? file.root);
  const lines: Line[] = [
    [0, 'try:'],
    [1, `if ${client} and ${client}.is_connected:`],
    [2, `await ${client}.publish_with_envelope(`],
    ...argLines,
    [2, ')'],
    [0, `except Exception as ${e}:`],
    ...warningLines(file, cls, call, e, logging.emit, logging.level, 'event').map(([d, t]): Line => [d + 1, t]),
  ];
  const edit: TextEdit = { start: target.startIndex, end: target.endIndex, newText: render(lines, base, unit, file.eol) };
  return {
    id: 'publish-with-envelope',
    title: `Publish with the OnexEnvelopeV1 envelope (${client}.publish_with_envelope)`,
    safety: 'unsafe',
    preferred: true,
    edits: mergeEdits([edit], logging.edits),
  };
}

function wrapInTry(file: PyFile, cls: PyClass, call: Node): Fix | null {
  const shape = publishStatement(call);
  if (!shape || !startsLine(file.text, shape.stmt) || !endsLine(file.text, shape.stmt)) return null;
  const stmt = shape.stmt;
  const base = indentationAt(file.text, stmt.startIndex);
  const unit = localUnit(file, stmt);
  const logging = loggingNames(file);
  const e = freshName(judgedScope(call) ?? file.root);
  const fallback: Line[] = shape.kind === 'assignment' ? [[1, `${shape.target} = False`]]
    : shape.kind === 'return' ? [[1, 'return False']] : [];
  const lines: Line[] = [
    [0, 'try:'],
    [1, movedText(file, stmt, base + unit)],
    [0, `except Exception as ${e}:`],
    ...warningLines(file, cls, call, e, logging.emit, logging.level, 'enveloped event').map(([d, t]): Line => [d + 1, t]),
    ...fallback,
  ];
  return {
    id: 'guard-publish',
    title: 'Catch and log a publishing failure (try/except Exception)',
    safety: 'unsafe',
    preferred: true,
    edits: mergeEdits([{ start: stmt.startIndex, end: stmt.endIndex, newText: render(lines, base, unit, file.eol) }], logging.edits),
  };
}

export function envelopeFixes(file: PyFile, finding: RawFinding): Fix[] {
  const data = finding.data as Onex003Data | undefined;
  const cls = data && file.classesByName.get(data.className);
  const call = callAt(file, finding.span);
  if (!data || !cls || !call) return [];
  const fix = data.kind === 'raw' ? envelopeRewrite(file, cls, call) : wrapInTry(file, cls, call);
  return fix ? [fix] : [];
}

