// ONEX003 event-envelope on TypeScript node classes.
import type { RuleTable } from '../cases';
import { BROKEN_TAIL, at, nodeModule } from '../typescriptCaseSources';

const rawPublish = `
  async indexDocument(document: Item): Promise<void> {
    const payload = { ...document, indexedAt: new Date().toISOString() };
    await this.kafkaClient!.publish('catalogue.indexed', payload);
  }
`;
const rawPublishCode = nodeModule({ members: rawPublish });
const rawPublishFixed = rawPublishCode.replace(
  "await this.kafkaClient!.publish('catalogue.indexed', payload);",
  // The rewrite, then the second fix of the rule: the new publish is protected by try/catch.
  `try {
      await this.kafkaClient!.publishWithEnvelope({
        eventType: 'catalogue.indexed',
        sourceNodeId: this.nodeId,
        payload: payload,
        topic: 'catalogue.indexed',
        metadata: {
          event_category: 'catalogue',
          node_type: 'effect',
          namespace: this.defaultNamespace,
        },
      });
    } catch (error) {
      emitLogEvent(LogLevel.WARNING, 'Failed to publish event; continuing without it', { nodeId: this.nodeId, error: error instanceof Error ? error.message : String(error) });
    }`,
);

const producerSend = nodeModule({
  members: `
  private readonly producer = onex.createProducer();

  async flushEvents(events: Item[]): Promise<void> {
    await this.producer.send({ topic: 'catalogue.events', messages: events.map((e) => ({ value: JSON.stringify(e) })) });
  }
`,
  after: BROKEN_TAIL,
});

const unguarded = `
  async announce(document: Item): Promise<void> {
    await this.kafkaClient?.publishWithEnvelope({
      eventType: 'catalogue.announced',
      sourceNodeId: this.nodeId,
      payload: document,
      metadata: { event_category: 'catalogue', node_type: 'effect', namespace: this.defaultNamespace },
    });
  }
`;
const unguardedCode = nodeModule({ members: unguarded });
const unguardedFixed = unguardedCode.replace(`    await this.kafkaClient?.publishWithEnvelope({
      eventType: 'catalogue.announced',
      sourceNodeId: this.nodeId,
      payload: document,
      metadata: { event_category: 'catalogue', node_type: 'effect', namespace: this.defaultNamespace },
    });
`, `    try {
      await this.kafkaClient?.publishWithEnvelope({
        eventType: 'catalogue.announced',
        sourceNodeId: this.nodeId,
        payload: document,
        metadata: { event_category: 'catalogue', node_type: 'effect', namespace: this.defaultNamespace },
      });
    } catch (error) {
      emitLogEvent(LogLevel.WARNING, 'Failed to publish event; continuing without it', { nodeId: this.nodeId, error: error instanceof Error ? error.message : String(error) });
    }
`);

const helperCalledUnprotected = nodeModule({
  members: `
  async process(input: Item): Promise<Item> {
    try {
      await this.emitIndexed(input);
    } catch (error) {
      emitLogEvent(LogLevel.WARNING, 'publish failed', { error: String(error) });
    }
    await this.emitIndexed(input);
    return input;
  }

  private async emitIndexed(input: Item): Promise<void> {
    await this.kafkaClient?.publishWithEnvelope({ eventType: 'indexed', sourceNodeId: this.nodeId, payload: input });
  }
`,
});

export const ONEX003_TYPESCRIPT_CASES: RuleTable = {
  valid: [
    {
      name: 'publishWithEnvelope inside try/catch',
      code: nodeModule({
        members: `
  async announce(document: Item): Promise<void> {
    try {
      await this.kafkaClient?.publishWithEnvelope({ eventType: 'announced', sourceNodeId: this.nodeId, payload: document });
    } catch (error) {
      emitLogEvent(LogLevel.WARNING, 'publish failed', { error: String(error) });
    }
  }
`,
      }),
    },
    {
      name: 'a helper called only from protected places',
      code: nodeModule({
        members: `
  async process(input: Item): Promise<Item> {
    try {
      await this.emitIndexed(input);
    } catch (error) {
      emitLogEvent(LogLevel.WARNING, 'publish failed', { error: String(error) });
    }
    return input;
  }

  private async emitIndexed(input: Item): Promise<void> {
    await this.kafkaClient?.publishWithEnvelope({ eventType: 'indexed', sourceNodeId: this.nodeId, payload: input });
  }
`,
      }),
    },
    {
      name: 'a promise handled with .catch(...)',
      code: nodeModule({
        members: `
  announce(document: Item): void {
    void this.kafkaClient?.publishWithEnvelope({ eventType: 'announced', sourceNodeId: this.nodeId, payload: document })
      .then(() => undefined)
      .catch((error: unknown) => emitLogEvent(LogLevel.WARNING, 'publish failed', { error: String(error) }));
  }
`,
      }),
    },
    {
      name: 'Promise.allSettled never rejects',
      code: nodeModule({
        members: `
  async announceAll(documents: Item[]): Promise<void> {
    await Promise.allSettled(documents.map((d) => this.kafkaClient?.publishWithEnvelope({ eventType: 'announced', sourceNodeId: this.nodeId, payload: d })));
  }
`,
      }),
    },
    {
      name: 'send on a receiver that is not an event publisher',
      code: nodeModule({
        members: `
  private readonly mailer = { send: async (to: string, body: string) => ({ to, body }) };

  async notify(owner: string): Promise<void> {
    await this.mailer.send(owner, 'indexed');
  }
`,
      }),
    },
    {
      name: 'a raw send whose value already is an envelope',
      code: nodeModule({
        members: `
  private readonly producer = onex.createProducer();

  async forward(envelope: onex.OnexEnvelopeV1): Promise<void> {
    await this.producer.send({ topic: 'catalogue.events', messages: [{ value: JSON.stringify(envelope) }] });
  }
`,
      }),
    },
    {
      name: 'raw publishing outside node classes',
      code: `${nodeModule()}
export class CatalogueRelay {
  constructor(private readonly kafkaProducer: { send(x: unknown): Promise<void> }) {}
  async relay(event: Item): Promise<void> {
    await this.kafkaProducer.send({ topic: 'relay', messages: [{ value: JSON.stringify(event) }] });
  }
}
`,
    },
  ],
  invalid: [
    {
      name: 'publish(topic, data) on the Kafka client (fixed)',
      code: rawPublishCode,
      errors: [{ ...at(rawPublishCode, 'this.kafkaClient!.publish('), message: 'publishes without the OnexEnvelopeV1 envelope' }],
      output: rawPublishFixed,
    },
    {
      name: 'send on a kafkajs producer, with a syntax error elsewhere',
      code: producerSend,
      errors: [{ ...at(producerSend, 'this.producer.send('), message: 'this.producer.send(...)' }],
    },
    {
      name: 'publishWithEnvelope outside try/catch (fixed)',
      code: unguardedCode,
      errors: [{ ...at(unguardedCode, 'this.kafkaClient?.publishWithEnvelope('), message: 'not inside a try/catch' }],
      output: unguardedFixed,
    },
    {
      name: 'a helper also called from an unprotected place',
      code: helperCalledUnprotected,
      errors: [{ ...at(helperCalledUnprotected, 'this.kafkaClient?.publishWithEnvelope(') }],
    },
  ],
};
