// ONEX003 in today's era (rules.md, "Eras"): a handler or node that publishes itself — a publishing call on a
// Kafka client, a producer, a bus or a legacy event_publisher; a Kafka client or producer it constructs — or that
// names a topic string literal. Today a handler returns its events (ModelHandlerOutput.for_<kind>(events=…)) and
// the runtime wraps them in envelopes and publishes them to the topics the contract declares
// (current-era.md §4.3, §5 pattern 3). No fix: what to return instead is the handler's design, not an edit.
import { type NodeKind, type PyClass, type PyFile, resolveName } from '../../python/model';
import { type Node, callInfo, isDocstring, lastName, dottedName, field, stringValue } from '../../python/syntax';
import type { RawFinding } from '../../types';
import { roleOf } from '../classRoles';
import { callLabel, callsNamedInNodeClasses, insideError, nodesInNodeClasses, receiverName } from '../pythonNodeClasses';
import { ENVELOPE_METHOD, RAW_PUBLISH_METHODS } from '../pythonPublishing';

export interface SelfPublishingData {
  kind: 'self-publish' | 'client' | 'topic';
  className: string;
}

/** Publishing methods: the raw ones, the bridge's publish_with_envelope and the runtime publisher's publish_envelope. */
const PUBLISHING: ReadonlySet<string> = new Set([...RAW_PUBLISH_METHODS, ENVELOPE_METHOD, 'publish_envelope']);

/** A receiver that publishes: a Kafka client or producer, a bus, a (legacy) event publisher. */
function isPublisher(receiver: Node | null): boolean {
  const name = receiverName(receiver)?.toLowerCase();
  return !!name && ['kafka', 'producer', 'bus', 'publisher'].some((word) => name.includes(word));
}

/** A Kafka producer or the bridge's publishing client: KafkaProducer, AIOKafkaProducer, KafkaClient (not admin or consumer clients). */
const KAFKA_CLASS = /^(AIO)?Kafka(Producer|Client)$/;

/** A topic name: `onex.evt.<producer>.<event>.v1`, also with the bridge era's environment prefix. */
const TOPIC = /^(?:[a-z0-9_-]+\.)*(?:evt|cmd|dlq|intent|snapshot)\.[a-z0-9_-]+(?:\.[a-z0-9_-]+)*\.v\d+$/;

/**
 * Whether a string literal's source text may hold a topic: a topic has a dot, a `v` and a digit, and every
 * character of the literal's value stands in its source text (stringValue joins its string_content parts).
 */
function mayHoldTopic(text: string): boolean {
  return text.includes('.') && text.includes('v') && /\d/.test(text);
}

/** What today's framework has a handler of this kind return instead of publishing. */
function returnInstead(kind: NodeKind | undefined): string {
  switch (kind) {
    case 'compute':
      return 'return the event as ModelHandlerOutput.for_compute(result=…) (the runtime publishes a model result as an event)';
    case 'reducer':
      return 'a reducer emits no events: return ModelHandlerOutput.for_reducer(projections=…) and leave publishing to an effect or orchestrator';
    case 'orchestrator':
      return 'return the events as ModelHandlerOutput.for_orchestrator(events=(…,))';
    default:
      return 'return the events as ModelHandlerOutput.for_effect(events=(…,))';
  }
}

function describe(file: PyFile, cls: PyClass): { what: string; kind: NodeKind | undefined } {
  const handler = roleOf(file, cls).role === 'handler';
  return { what: handler ? `handler ${cls.name}` : `node ${cls.name}`, kind: handler ? file.config.packageFacts?.archetype : cls.kind ?? undefined };
}

const TOPICS_IN_CONTRACT = 'declare the topic in the contract (event_bus.publish_topics and published_events), where the runtime picks it up';

export function selfPublishingFindings(file: PyFile): RawFinding[] {
  const findings: RawFinding[] = [];
  const report = (cls: PyClass, node: Node, kind: SelfPublishingData['kind'], message: string) => {
    const data: SelfPublishingData = { kind, className: cls.name };
    findings.push({ ruleId: 'ONEX003', message, span: { start: node.startIndex, end: node.endIndex }, data });
  };
  for (const { cls, node: call } of callsNamedInNodeClasses(file, PUBLISHING)) {
    const info = callInfo(call);
    if (!info || !isPublisher(info.receiver) || call.hasError || insideError(call, cls.node)) continue;
    const { what, kind } = describe(file, cls);
    report(cls, call, 'self-publish', `${callLabel(call)} publishes from ${what} itself; in today's framework ${returnInstead(kind)} ` +
      `and ${TOPICS_IN_CONTRACT}: the runtime wraps and publishes them`);
  }
  for (const { cls, node: call } of nodesInNodeClasses(file, new Set(['call']))) {
    const func = field(call, 'function');
    const name = func ? dottedName(func) : null;
    // Through the file's aliases: `from aiokafka import AIOKafkaProducer as Producer`.
    if (!name || !KAFKA_CLASS.test(resolveName(file.aliases, lastName(name))) || call.hasError || insideError(call, cls.node)) continue;
    const { what, kind } = describe(file, cls);
    report(cls, call, 'client', `${callLabel(call)} creates a Kafka client in ${what}; in today's framework the runtime owns the bus: ` +
      `${returnInstead(kind)} and ${TOPICS_IN_CONTRACT}`);
  }
  for (const { cls, node: string } of nodesInNodeClasses(file, new Set(['string']))) {
    // Only strings that can hold a topic are read (an edit in any other string then leaves the findings).
    if (!string.textMatches(mayHoldTopic)) continue;
    const value = stringValue(string);
    if (value === null || !TOPIC.test(value) || isDocstring(string.parent ?? string) || insideError(string, cls.node)) continue;
    const { what } = describe(file, cls);
    report(cls, string, 'topic', `${string.text} names a topic in ${what}; in today's framework ${TOPICS_IN_CONTRACT}`);
  }
  return findings.sort((a, b) => a.span.start - b.span.start);
}
