// ONEX008 fix: the metadata dict added (event_category, node_type, namespace) or completed (unsafe).
import { strict as assert } from 'node:assert';
import { applyAllFixes, dedent, findingsOf } from '../helpers/ruleTester';
import { type EditPolicy, VARIANTS, checkFixSafety, fixesOf, fixture, loadParser } from './statements_fixSafety';

/** Edits stay inside the publish_with_envelope call. */
const policy: EditPolicy = (edit, finding) => edit.start >= finding.span.start && edit.end <= finding.span.end;

describe('ONEX008 fixes', () => {
  before(loadParser);

  it('is one unsafe, preferred fix', async () => {
    const { fixes } = await fixesOf(dedent(`
      class NodeCodegenOrchestrator(NodeOrchestrator):
          async def a(self, p):
              await self.kafka_client.publish_with_envelope(event_type="a", source_node_id="n", payload=p)
    `), 'ONEX008');
    assert.deepEqual(fixes.map((f) => [f.id, f.safety, f.preferred, f.title]),
      [['add-metadata', 'unsafe', true, 'Add event metadata (event_category, node_type, namespace)']]);
  });

  it('adds the dict: one line in a one-line call, one entry a line in a spread call, with the class\'s kind and namespace', async () => {
    const code = dedent(`
      class NodeCodegenOrchestrator(NodeOrchestrator):
          def __init__(self, container):
              super().__init__(container)
              self.default_namespace = container.config.get("namespace")

          async def a(self, p):
              await self.kafka_client.publish_with_envelope(event_type="a", source_node_id="n", payload=p)

          async def b(self, p):
              await self.kafka_client.publish_with_envelope(
                  event_type="b",
                  source_node_id=str(self.node_id),
                  payload=p
              )

          async def c(self, p):
              await self.kafka_client.publish_with_envelope(
                  event_type="c",
                  source_node_id=str(self.node_id),
                  payload=p,  # the event data
              )

          async def d(self, p):
              await self.kafka_client.publish_with_envelope(
                  event_type="d", source_node_id="n", payload=p, metadata=None)

          async def d2(self, p):
              await self.kafka_client.publish_with_envelope(
                  event_type="d2",
                  payload=p  # no trailing comma
              )

          async def e(self):
              await self.kafka_client.publish_with_envelope()
    `);
    assert.equal(await applyAllFixes(code, 'ONEX008'), dedent(`
      class NodeCodegenOrchestrator(NodeOrchestrator):
          def __init__(self, container):
              super().__init__(container)
              self.default_namespace = container.config.get("namespace")

          async def a(self, p):
              await self.kafka_client.publish_with_envelope(event_type="a", source_node_id="n", payload=p, metadata={"event_category": "codegen", "node_type": "orchestrator", "namespace": self.default_namespace})

          async def b(self, p):
              await self.kafka_client.publish_with_envelope(
                  event_type="b",
                  source_node_id=str(self.node_id),
                  payload=p,
                  metadata={
                      "event_category": "codegen",
                      "node_type": "orchestrator",
                      "namespace": self.default_namespace,
                  }
              )

          async def c(self, p):
              await self.kafka_client.publish_with_envelope(
                  event_type="c",
                  source_node_id=str(self.node_id),
                  payload=p,  # the event data
                  metadata={
                      "event_category": "codegen",
                      "node_type": "orchestrator",
                      "namespace": self.default_namespace,
                  },
              )

          async def d(self, p):
              await self.kafka_client.publish_with_envelope(
                  event_type="d", source_node_id="n", payload=p, metadata={
                      "event_category": "codegen",
                      "node_type": "orchestrator",
                      "namespace": self.default_namespace,
                  })

          async def d2(self, p):
              await self.kafka_client.publish_with_envelope(
                  event_type="d2",
                  payload=p,  # no trailing comma
                  metadata={
                      "event_category": "codegen",
                      "node_type": "orchestrator",
                      "namespace": self.default_namespace,
                  }
              )

          async def e(self):
              await self.kafka_client.publish_with_envelope(metadata={"event_category": "codegen", "node_type": "orchestrator", "namespace": self.default_namespace})
    `));
  });

  it('completes a dict literal in its own layout and quotes, and takes a namespace parameter over a default', async () => {
    const code = dedent(`
      class NodeKafkaEventPublisherEffect(NodeEffect):
          async def a(self, p, namespace):
              await self.kafka_client.publish_with_envelope(
                  event_type='a',
                  source_node_id='n',
                  payload=p,
                  metadata={
                      'event_category': 'publishing',
                      'consul_service_id': self._sid
                  },
              )

          async def b(self, p):
              await self.bus.publish_with_envelope('b', 'n', p, None, None, {'node_type': 'effect',})

          @staticmethod
          async def c(client, p):
              await client.publish_with_envelope("c", "n", p, metadata={})
    `);
    assert.equal(await applyAllFixes(code, 'ONEX008'), dedent(`
      class NodeKafkaEventPublisherEffect(NodeEffect):
          async def a(self, p, namespace):
              await self.kafka_client.publish_with_envelope(
                  event_type='a',
                  source_node_id='n',
                  payload=p,
                  metadata={
                      'event_category': 'publishing',
                      'consul_service_id': self._sid,
                      'node_type': 'effect',
                      'namespace': namespace
                  },
              )

          async def b(self, p):
              await self.bus.publish_with_envelope('b', 'n', p, None, None, {'node_type': 'effect', 'event_category': 'kafka_event_publisher', 'namespace': 'default',})

          @staticmethod
          async def c(client, p):
              await client.publish_with_envelope("c", "n", p, metadata={'event_category': 'kafka_event_publisher', 'node_type': 'effect', 'namespace': 'default'})
    `));
  });

  it('leaves the spec production snippet alone: its metadata is passed by name', async () => {
    const production = fixture('statements_spec_production.py');
    assert.deepEqual(await findingsOf(production, 'ONEX008'), []);
  });

  for (const variant of VARIANTS) {
    it(`fix safety on the fix corpus (${variant.name})`, async () => {
      const text = variant.transform(fixture('statements_fix_corpus.py'));
      const { fixed, before } = await checkFixSafety('ONEX008', text, policy, variant.unit);
      assert.equal(before.filter((f) => f.ruleId === 'ONEX008').length, 3);
      assert.ok(fixed.includes('"namespace": self.default_namespace'));
    });
  }

  it('fix safety on the long effect node with a syntax error elsewhere', async () => {
    await checkFixSafety('ONEX008', fixture('statements_long_effect.py'), policy, '    ');
  });
});
