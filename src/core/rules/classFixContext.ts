// What a class-level fix needs to know about the class it writes for: the class of the finding,
// the names the file uses for the logging call and level enum (imported when missing), the
// class's node-id and container attributes, its Kafka client, and its service name.
import { frameworkNames, importEdits } from '../python/edits';
import type { PyClass, PyFile } from '../python/model';
import type { RawFinding } from '../types';
import { field } from '../python/syntax';
import { productionNodeClasses } from './classRoles';
import { assignedSelfAttributes, classChain, nodesSkippingClasses, selfParameter } from './classAnalysis';
import { type EditBuilder, containerAttribute } from './classEdits';
import { definesAttribute, knownNodeId } from './knownAttributes';
import type { NodeNames } from './classTemplates';

/** The data every class-level finding carries. */
export interface ClassFindingData {
  className: string;
}

/**
 * The node class a finding was reported on, if the file still has it intact: the class whose name
 * is at the finding's span (a file may define the same class twice, e.g. in try/except ImportError),
 * else the only class of that name.
 */
export function findingClass(file: PyFile, finding: RawFinding): PyClass | null {
  const data = finding.data as Partial<ClassFindingData> | undefined;
  if (!data?.className) return null;
  const named = productionNodeClasses(file).filter((c) => c.name === data.className);
  return named.find((c) => c.nameNode.startIndex === finding.span.start) ?? (named.length === 1 ? named[0] : null);
}

/** The class's container attribute when a constructed instance has it, else a read that cannot fail. */
function knownContainer(file: PyFile, cls: PyClass): string {
  const attribute = containerAttribute(file, cls);
  const name = attribute.startsWith('self.') ? attribute.slice('self.'.length) : null;
  return name && definesAttribute(file, cls, name) ? attribute : `getattr(self, "${name ?? 'container'}", None)`;
}

/** Names for generated code; adds the logging imports to the builder when the file lacks them. */
export function nodeNames(file: PyFile, cls: PyClass, builder: EditBuilder): NodeNames {
  const { names, imports } = frameworkNames(file, ['emit_log_event', 'LogLevel'] as const);
  builder.add(importEdits(file, imports));
  return {
    className: cls.name,
    log: names.emit_log_event,
    level: names.LogLevel,
    nodeId: nodeIdAttribute(file, cls),
    container: knownContainer(file, cls),
  };
}

/**
 * The attribute the class keeps its node id in — `self._node_id` when the class uses that, else `self.node_id`
 * (NodeCoreBase's) — when a constructed instance has it (knownAttributes.ts); null otherwise. Linear in the
 * class's size (edits.ts's nodeIdExpression calls dottedName on every attribute, quadratic on long chains).
 */
export function nodeIdAttribute(file: PyFile, cls: PyClass): string | null {
  for (const c of classChain(file, cls)) {
    for (const m of c.methods.values()) {
      const self = selfParameter(m);
      if (!self) continue;
      for (const n of nodesSkippingClasses(m.node, ['attribute'])) {
        const attr = field(n, 'attribute')?.text;
        if (attr !== 'node_id' && attr !== '_node_id') continue;
        const object = field(n, 'object');
        if (object?.type === 'identifier' && object.text === self) return knownNodeId(file, cls, attr);
      }
    }
  }
  return knownNodeId(file, cls);
}

/** `self.kafka_client` (or the class's own Kafka client attribute), when the class keeps one from its `__init__` on. */
export function kafkaClientAttribute(file: PyFile, cls: PyClass): string | null {
  const attrs = [...assignedSelfAttributes(file, cls)].filter((a) => /kafka/i.test(a) && /client/i.test(a) && definesAttribute(file, cls, a));
  if (attrs.length === 0) return null;
  return `self.${attrs.includes('kafka_client') ? 'kafka_client' : attrs[0]}`;
}

/** `NodePaymentGatewayEffect` → ['payment', 'gateway', 'effect']. */
function words(className: string): string[] {
  const name = className.replace(/^Node(?=[A-Z0-9])/, '');
  return name.split(/(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])|_/).filter(Boolean).map((w) => w.toLowerCase());
}

export function kebabName(className: string): string {
  return words(className).join('-') || className.toLowerCase();
}

export function snakeName(className: string): string {
  return words(className).join('_') || className.toLowerCase();
}
