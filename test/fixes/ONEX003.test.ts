// ONEX003 fixes: a raw publish rewritten as the spec's enveloped, guarded, failure-logging publish;
// an unguarded publish_with_envelope wrapped in try/except Exception that logs (both unsafe).
import { strict as assert } from 'node:assert';
import { applyAllFixes, dedent, findingsOf } from '../helpers/ruleTester';
import {
  type EditPolicy, VARIANTS, applyFix, checkFixSafety, fixesOf, fixture, importInsertion, loadParser, pyCompileError,
  runPython, within,
} from './statements_fixSafety';

const HEADER = dedent(`
  from typing import Any

  from omnibase_core.enums.enum_log_level import EnumLogLevel as LogLevel
  from omnibase_core.logging.structured import emit_log_event_sync as emit_log_event
  from omnibase_core.nodes.node_orchestrator import NodeOrchestrator
`);

/** Edits stay inside the function of the finding, or add imports. */
const policy: EditPolicy = (edit, finding, text) => within('function_definition')(edit, finding, text) || importInsertion(edit, text);

describe('ONEX003 fixes', () => {
  before(loadParser);

  it('rewrites the spec template into the spec production pattern (unsafe, preferred), replacing the template guard', async () => {
    const code = HEADER + dedent(`


      class NodeCodegenOrchestrator(NodeOrchestrator):
          def __init__(self, container):
              super().__init__(container)
              self.kafka_client = container.get_service("kafka_client")
              self.default_namespace = "dev"

          async def _publish_event(self, event_type: str, data: dict):
              """Publish event to Kafka."""
              if self.kafka_client:
                  await self.kafka_client.publish(
                      topic="events",
                      data=data,
                  )
    `);
    const { fixes } = await fixesOf(code, 'ONEX003');
    assert.deepEqual(fixes.map((f) => [f.id, f.safety, f.preferred]), [['publish-with-envelope', 'unsafe', true]]);
    assert.equal(await applyAllFixes(code, 'ONEX003'), HEADER + dedent(`


      class NodeCodegenOrchestrator(NodeOrchestrator):
          def __init__(self, container):
              super().__init__(container)
              self.kafka_client = container.get_service("kafka_client")
              self.default_namespace = "dev"

          async def _publish_event(self, event_type: str, data: dict):
              """Publish event to Kafka."""
              try:
                  if self.kafka_client and self.kafka_client.is_connected:
                      await self.kafka_client.publish_with_envelope(
                          event_type=event_type,
                          source_node_id=str(self.node_id),
                          payload=data,
                          topic="events",
                          correlation_id=data.get("correlation_id"),
                          metadata={
                              "event_category": "codegen",
                              "node_type": "orchestrator",
                              "namespace": self.default_namespace,
                          },
                      )
              except Exception as e:
                  # Log and go on: a publishing failure must not fail the workflow.
                  emit_log_event(
                      LogLevel.WARNING,
                      f"Failed to publish event: {e}",
                      {"node_id": self.node_id, "error": str(e)},
                  )
    `));
  });

  it('maps positional topic and value, an enum event type, a correlation id in scope; imports what the file lacks, merged', async () => {
    const code = dedent(`
      from omnibase_core.logging.structured import emit_log_event_async


      class NodeReportEffect(NodeEffect):
          async def report(self, event_type: EnumReportEvent, correlation_id, rows):
              for row in rows:
                  await self.kafka.send_and_wait('reports.v1', {'row': row}, key=row.id)
    `);
    assert.equal(await applyFix(code, 'ONEX003', 'publish-with-envelope'), dedent(`
      from omnibase_core.logging.structured import emit_log_event_async, emit_log_event_sync as emit_log_event
      from omnibase_core.enums.enum_log_level import EnumLogLevel as LogLevel


      class NodeReportEffect(NodeEffect):
          async def report(self, event_type: EnumReportEvent, correlation_id, rows):
              for row in rows:
                  try:
                      if self.kafka and self.kafka.is_connected:
                          await self.kafka.publish_with_envelope(
                              event_type=event_type.value,
                              source_node_id=str(self.node_id),
                              payload={'row': row},
                              topic='reports.v1',
                              correlation_id=correlation_id,
                              metadata={
                                  'event_category': 'report',
                                  'node_type': 'effect',
                                  'namespace': 'default',
                              },
                          )
                  except Exception as e:
                      # Log and go on: a publishing failure must not fail the workflow.
                      emit_log_event(
                          LogLevel.WARNING,
                          f'Failed to publish event: {e}',
                          {'node_id': self.node_id, 'error': str(e)},
                      )
    `));
  });

  it('offers no rewrite where it cannot keep the program right', async () => {
    const code = dedent(`
      class NodeOddEffect(NodeEffect):
          def sync_method(self, data):
              self.kafka_client.publish(topic="x", data=data)

          async def value_used(self, data):
              ok = await self.kafka_client.publish(topic="x", data=data)
              return ok

          async def call_receiver(self, data):
              await self.get_kafka_client().publish(topic="x", data=data)

          async def spread(self, data, **kwargs):
              await self.kafka_client.publish(topic="x", data=data, **kwargs)

          @staticmethod
          async def static(kafka_client, data):
              await kafka_client.publish(topic="x", data=data)

          async def inline(self, data):
              if data: await self.kafka_client.publish(topic="x", data=data)

          async def producer(self, data):
              await self.kafka_producer.send("x", data)
              await self.event_bus.publish(data)
    `);
    const findings = await findingsOf(code, 'ONEX003');
    assert.equal(findings.length, 8);
    for (let i = 0; i < findings.length; i++) {
      const { fixes } = await fixesOf(code, 'ONEX003', i);
      assert.deepEqual(fixes, [], `finding at line ${findings[i].range.start.line + 1} got a fix`);
    }
  });

  it('rewrites a producer or event bus call only when the class already publishes with the envelope through it', async () => {
    const code = dedent(`
      class NodeBusEffect(NodeEffect):
          async def a(self, data):
              await self.event_bus.publish_event(data)

          async def b(self, data):
              try:
                  await self.event_bus.publish_with_envelope(event_type="b", source_node_id="n", payload=data)
              except Exception:
                  pass
    `);
    const fixed = await applyFix(code, 'ONEX003', 'publish-with-envelope');
    assert.ok(fixed.includes('            if self.event_bus and self.event_bus.is_connected:\n                await self.event_bus.publish_with_envelope(\n'));
  });

  it('wraps an unguarded publish_with_envelope; an assigned or returned result gets False on failure', async () => {
    const code = dedent(`
      class NodeEventsEffect(NodeEffect):
          async def a(self, p):
              await self.kafka_client.publish_with_envelope(event_type="a", source_node_id="n", payload=p, metadata=self.meta)
              return None

          async def b(self, p):
              ok = await self.kafka_client.publish_with_envelope(event_type="b", source_node_id="n", payload=p, metadata=self.meta)
              return ok

          async def c(self, p, e):
              return await self.kafka_client.publish_with_envelope(
                  event_type="c", source_node_id="n", payload=p, metadata=self.meta,
                  note="""two
        lines""",
              )
    `);
    const { fixes } = await fixesOf(code, 'ONEX003');
    assert.deepEqual(fixes.map((f) => [f.id, f.safety, f.preferred]), [['guard-publish', 'unsafe', true]]);
    assert.equal(await applyAllFixes(code, 'ONEX003'), dedent(`
      from omnibase_core.logging.structured import emit_log_event_sync as emit_log_event
      from omnibase_core.enums.enum_log_level import EnumLogLevel as LogLevel

      class NodeEventsEffect(NodeEffect):
          async def a(self, p):
              try:
                  await self.kafka_client.publish_with_envelope(event_type="a", source_node_id="n", payload=p, metadata=self.meta)
              except Exception as e:
                  # Log and go on: a publishing failure must not fail the workflow.
                  emit_log_event(
                      LogLevel.WARNING,
                      f"Failed to publish enveloped event: {e}",
                      {"node_id": self.node_id, "error": str(e)},
                  )
              return None

          async def b(self, p):
              try:
                  ok = await self.kafka_client.publish_with_envelope(event_type="b", source_node_id="n", payload=p, metadata=self.meta)
              except Exception as e:
                  # Log and go on: a publishing failure must not fail the workflow.
                  emit_log_event(
                      LogLevel.WARNING,
                      f"Failed to publish enveloped event: {e}",
                      {"node_id": self.node_id, "error": str(e)},
                  )
                  ok = False
              return ok

          async def c(self, p, e):
              try:
                  return await self.kafka_client.publish_with_envelope(
                      event_type="c", source_node_id="n", payload=p, metadata=self.meta,
                      note="""two
        lines""",
                  )
              except Exception as exc:
                  # Log and go on: a publishing failure must not fail the workflow.
                  emit_log_event(
                      LogLevel.WARNING,
                      f"Failed to publish enveloped event: {exc}",
                      {"node_id": self.node_id, "error": str(exc)},
                  )
                  return False
    `));
  });

  it('the rewritten publish runs: enveloped when connected, skipped when absent, a failure logged and swallowed', async () => {
    const code = HEADER + dedent(`


      class NodeCodegenOrchestrator(NodeOrchestrator):
          def __init__(self, container, kafka_client):
              super().__init__(container)
              self.kafka_client = kafka_client
              self.default_namespace = "dev"

          async def _publish_event(self, event_type: str, data: dict):
              if self.kafka_client:
                  await self.kafka_client.publish(topic="events", data=data)
    `);
    const fixed = await applyAllFixes(code, 'ONEX003');
    assert.equal(pyCompileError(fixed), null);
    const driver = dedent(`
      import asyncio
      import logging
      from node_under_test import NodeCodegenOrchestrator

      logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(message)s", stream=__import__("sys").stdout)

      class FakeKafka:
          def __init__(self, fail=False):
              self.is_connected = True
              self.fail = fail
              self.calls = []
          async def publish_with_envelope(self, **kwargs):
              if self.fail:
                  raise ConnectionError("broker down")
              self.calls.append(kwargs)
              return True

      client = FakeKafka()
      node = NodeCodegenOrchestrator(object(), client)
      asyncio.run(node._publish_event("codegen.started", {"correlation_id": "c-1", "x": 1}))
      call = client.calls[0]
      print(call["event_type"], call["topic"], call["correlation_id"], call["payload"], call["source_node_id"] == str(node.node_id))
      print(sorted(call["metadata"].items()))
      asyncio.run(NodeCodegenOrchestrator(object(), None)._publish_event("x", {}))
      print("absent: ok")
      asyncio.run(NodeCodegenOrchestrator(object(), FakeKafka(fail=True))._publish_event("x", {}))
      print("failure swallowed")
    `);
    const out = runPython(fixed, driver).trim().split('\n');
    assert.deepEqual([...out.slice(0, 3), out[4]], [
      "codegen.started events c-1 {'correlation_id': 'c-1', 'x': 1} True",
      "[('event_category', 'codegen'), ('namespace', 'dev'), ('node_type', 'orchestrator')]",
      'absent: ok',
      'failure swallowed',
    ]);
    // omnibase_core 0.1.0's emit_log_event_sync logs one JSON object: the warning names the error and the node.
    assert.match(out[3], /^WARNING \{/);
    const logged = JSON.parse(out[3].slice('WARNING '.length)) as { level: string; message: string; context: Record<string, string> };
    assert.equal(logged.message, 'Failed to publish event: broker down');
    assert.equal(logged.context.error, 'broker down');
    assert.match(logged.context.node_id, /^[0-9a-f-]{36}$/);
  });

  for (const variant of VARIANTS) {
    it(`fix safety on the fix corpus (${variant.name})`, async () => {
      const text = variant.transform(fixture('statements_fix_corpus.py'));
      const { fixed, before } = await checkFixSafety('ONEX003', text, policy, variant.unit);
      assert.equal(before.filter((f) => f.ruleId === 'ONEX003').length, 5);
      // The multi-line strings the fixes moved are byte-for-byte what they were.
      const eol = variant.name.includes('CRLF') ? '\r\n' : '\n';
      assert.ok(fixed.includes(`"""multi-line${eol}   note kept as written"""`));
      assert.ok(fixed.includes(`"""synced${eol}  invoice"""`));
    });
  }

  it('fix safety on the spec template and on the long effect node with a syntax error elsewhere', async () => {
    await checkFixSafety('ONEX003', fixture('statements_spec_template.py'), policy, '    ');
    // self.event_bus.publish_event(...) stays: nothing shows the event bus has publish_with_envelope.
    const { after } = await checkFixSafety('ONEX003', fixture('statements_long_effect.py'), policy, '    ', { unfixable: 1 });
    assert.match(after.find((f) => f.ruleId === 'ONEX003')!.message, /^self\.event_bus\.publish_event\(\.\.\.\)/);
  });
});
