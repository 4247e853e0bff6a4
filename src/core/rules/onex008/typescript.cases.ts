// ONEX008 event-metadata on TypeScript node classes.
import type { RuleTable } from '../cases';
import { BROKEN_TAIL, at, nodeModule } from '../typescriptCaseSources';

function publishing(args: string): string {
  return `
  async announce(document: Item): Promise<void> {
    try {
      await this.kafkaClient?.publishWithEnvelope(${args});
    } catch (error) {
      emitLogEvent(LogLevel.WARNING, 'publish failed', { error: String(error) });
    }
  }
`;
}

const missing = nodeModule({
  members: publishing(`{
        eventType: 'catalogue.announced',
        sourceNodeId: this.nodeId,
        payload: document,
      }`),
});
const missingFixed = missing.replace(`        payload: document,
      });`, `        payload: document,
        metadata: {
          event_category: 'catalogue',
          node_type: 'effect',
          namespace: this.defaultNamespace,
        },
      });`);

const partial = nodeModule({
  members: publishing(`{ eventType: 'announced', sourceNodeId: this.nodeId, payload: document, metadata: { eventCategory: 'catalogue', node_type: 'effect' } }`),
  after: BROKEN_TAIL,
});
const positional = nodeModule({ members: publishing("'announced', this.nodeId, document, 'catalogue.events'") });

export const ONEX008_TYPESCRIPT_CASES: RuleTable = {
  valid: [
    {
      name: 'metadata with event_category, node_type and namespace (and more)',
      code: nodeModule({
        members: publishing(`{
        eventType: 'announced',
        sourceNodeId: this.nodeId,
        payload: document,
        metadata: { event_category: 'catalogue', 'node_type': 'effect', namespace: this.defaultNamespace, consul_service_id: this.consulServiceId ?? null },
      }`),
      }),
    },
    {
      name: 'metadata built elsewhere cannot be checked',
      code: nodeModule({ members: publishing("{ eventType: 'announced', sourceNodeId: this.nodeId, payload: document, metadata: this.eventMetadata() }") }),
    },
    {
      name: 'metadata with a spread cannot be checked',
      code: nodeModule({ members: publishing("{ eventType: 'announced', sourceNodeId: this.nodeId, payload: document, metadata: { ...BASE_METADATA, node_type: 'effect' } }") }),
    },
    {
      name: 'options built elsewhere cannot be checked',
      code: nodeModule({ members: publishing('options') }),
    },
    {
      name: 'positional metadata with the three keys',
      code: nodeModule({ members: publishing("'announced', this.nodeId, document, 'catalogue.events', undefined, { event_category: 'catalogue', node_type: 'effect', namespace: 'catalogue' }") }),
    },
  ],
  invalid: [
    {
      name: 'no metadata in the options object (fixed)',
      code: missing,
      errors: [{ ...at(missing, 'this.kafkaClient?.publishWithEnvelope('), message: 'publishes without metadata' }],
      output: missingFixed,
    },
    {
      name: 'camelCase or missing keys, with a syntax error elsewhere (fixed)',
      code: partial,
      errors: [{ ...at(partial, 'this.kafkaClient?.publishWithEnvelope('), message: 'metadata lacks event_category, namespace' }],
      output: partial.replace("metadata: { eventCategory: 'catalogue', node_type: 'effect' }", "metadata: { eventCategory: 'catalogue', node_type: 'effect', event_category: 'catalogue', namespace: this.defaultNamespace }"),
    },
    {
      name: 'positional arguments without metadata (fixed)',
      code: positional,
      errors: [{ ...at(positional, 'this.kafkaClient?.publishWithEnvelope('), message: 'publishes without metadata' }],
      output: positional.replace(
        "publishWithEnvelope('announced', this.nodeId, document, 'catalogue.events')",
        "publishWithEnvelope('announced', this.nodeId, document, 'catalogue.events', undefined, { event_category: 'catalogue', node_type: 'effect', namespace: this.defaultNamespace })",
      ),
    },
  ],
};
