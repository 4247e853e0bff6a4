// ONEX008 event-metadata: publish_with_envelope without event_category, node_type and namespace (rules.md).
import { BRIDGE_PROJECT, type RuleTable, dedent, pythonFixture } from '../cases';

export const ONEX008_PYTHON_CASES: RuleTable = {
  config: BRIDGE_PROJECT,
  valid: [
    { name: 'the spec production snippets assembled into one class (metadata passed by name)', code: pythonFixture('statements_spec_production.py') },
    { name: 'the spec template snippets (no enveloped publish at all)', code: pythonFixture('statements_spec_template.py') },
    {
      name: 'complete dict literals, positional metadata, extra keys, single quotes',
      code: dedent(`
        class NodeEventsOrchestrator(NodeOrchestrator):
            async def a(self, p):
                await self.kafka_client.publish_with_envelope(
                    event_type="a",
                    source_node_id=str(self.node_id),
                    payload=p,
                    metadata={
                        "event_category": "codegen",
                        "node_type": "orchestrator",
                        "namespace": self.default_namespace,
                        "consul_service_id": self._consul_service_id,
                    },
                )

            async def b(self, p):
                await self.kafka_client.publish_with_envelope("b", "n", p, "topic", None,
                    {'event_category': 'codegen', 'node_type': 'orchestrator', 'namespace': 'dev'})
      `),
    },
    {
      name: 'metadata that cannot be checked: a name, a call, a spread, computed keys, **kwargs',
      code: dedent(`
        class NodeEventsOrchestrator(NodeOrchestrator):
            async def a(self, p, **kwargs):
                meta = self._metadata()
                await self.kafka_client.publish_with_envelope(event_type="a", source_node_id="n", payload=p, metadata=meta)
                await self.kafka_client.publish_with_envelope(event_type="b", source_node_id="n", payload=p, metadata=self._metadata())
                await self.kafka_client.publish_with_envelope(event_type="c", source_node_id="n", payload=p, metadata={**self.base, "namespace": "x"})
                await self.kafka_client.publish_with_envelope(event_type="d", source_node_id="n", payload=p, metadata={KEY: 1})
                await self.kafka_client.publish_with_envelope(event_type="e", source_node_id="n", payload=p, **kwargs)
                await self.kafka_client.publish_with_envelope(*self.args)
      `),
    },
    {
      name: 'outside node classes',
      code: dedent(`
        class Relay:
            async def a(self, p):
                await self.kafka_client.publish_with_envelope(event_type="a", source_node_id="n", payload=p)

        async def b(kafka_client, p):
            await kafka_client.publish_with_envelope(event_type="b", source_node_id="n", payload=p)
      `),
    },
    {
      name: 'a syntax error inside the call, and suppression comments',
      code: dedent(`
        class NodeEventsEffect(NodeEffect):
            async def a(self, p):
                await self.kafka_client.publish_with_envelope(event_type="a", payload=p, metadata={"event_category": })

            async def b(self, p):
                await self.kafka_client.publish_with_envelope(event_type="b", payload=p)  # onex: ignore[ONEX003, ONEX008]
      `),
    },
  ],
  invalid: [
    {
      name: 'no metadata, metadata=None, dict literals missing keys',
      code: dedent(`
        class NodeEventsEffect(NodeEffect):
            async def a(self, p):
                await self.kafka_client.publish_with_envelope(event_type="a", source_node_id="n", payload=p)

            async def b(self, p):
                await self.kafka_client.publish_with_envelope(event_type="b", source_node_id="n", payload=p, metadata=None)

            async def c(self, p):
                await self.kafka_client.publish_with_envelope(
                    event_type="c",
                    source_node_id="n",
                    payload=p,
                    metadata={"event_category": "events", "consul_service_id": self.sid},
                )

            async def d(self, p):
                await self.kafka_client.publish_with_envelope("d", "n", p, None, None, {})
      `),
      errors: [
        { line: 3, column: 15, endLine: 3, endColumn: 101, message: 'self.kafka_client.publish_with_envelope(...) publishes without metadata (event_category, node_type, namespace)' },
        { line: 6, column: 15, message: 'publishes with metadata=None instead of event_category, node_type, namespace' },
        { line: 9, column: 15, endLine: 14, endColumn: 10, message: 'self.kafka_client.publish_with_envelope(...) metadata lacks node_type, namespace' },
        { line: 17, column: 15, message: 'metadata lacks event_category, node_type, namespace' },
      ],
    },
    {
      name: 'any receiver, nested functions, decorators, aliased bases',
      code: dedent(`
        from omnibase_core.nodes.node_reducer import NodeReducer as Base

        class Aggregator(Base):
            @traced
            async def flush(self, items):
                async def send(item):
                    await self.bus_client.publish_with_envelope(event_type="x", source_node_id="n", payload=item,
                                                                metadata={"namespace": self.ns})
                for item in items:
                    await send(item)
      `),
      errors: [{ line: 7, column: 19, endLine: 8, endColumn: 89, message: 'self.bus_client.publish_with_envelope(...) metadata lacks event_category, node_type' }],
    },
    {
      name: 'a syntax error elsewhere in the file does not hide the finding',
      code: dedent(`
        class NodeEventsEffect(NodeEffect):
            def broken(self):
                return {"a": 1 +}

            async def a(self, p):
                await self.kafka_client.publish_with_envelope(event_type="a", source_node_id="n", payload=p)
      `),
      errors: [{ line: 6, column: 15 }],
    },
    {
      name: 'a long effect node with helpers, aliases, decorators and nested functions',
      code: pythonFixture('statements_long_effect.py'),
      errors: [{ line: 124, column: 22, endLine: 129, endColumn: 10, message: 'metadata lacks namespace' }],
    },
  ],
};
