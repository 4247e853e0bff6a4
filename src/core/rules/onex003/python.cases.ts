// ONEX003 event-envelope: events published without the OnexEnvelopeV1 wrapping, and enveloped
// publishes whose failure is not caught by a broad try (rules.md).
import { BRIDGE_PROJECT, TODAY_PROJECT, type RuleTable, dedent, pythonFixture } from '../cases';

const RAW = 'publishes without the OnexEnvelopeV1 envelope; use publish_with_envelope';
const UNGUARDED = 'is not inside a try/except Exception: a publishing failure would fail the workflow';
/** Today's form names today's means, never publish_with_envelope. */
const TODAY = /publishes from (handler|node) \w+ itself; in today's framework return the events as ModelHandlerOutput\.for_\w+\(events=.*event_bus\.publish_topics and published_events/;
/** A bridge-era node that publishes itself twice, in a project on today's framework. */
const RECEIPT = dedent(`
  class NodeReceiptEffect(NodeEffect):
      async def execute_effect(self, contract):
          try:
              await self.kafka_client.publish_with_envelope(event_type="receipt", source_node_id="n", payload={})
          except Exception:
              pass
          await self.kafka_client.publish(topic="receipts", data={})
`);
const TODAY_TOPIC = /names a topic in handler \w+; in today's framework declare the topic in the contract/;

export const ONEX003_PYTHON_CASES: RuleTable = {
  config: BRIDGE_PROJECT,
  valid: [
    { name: 'the spec production snippets assembled into one class (pattern 2 among them)', code: pythonFixture('statements_spec_production.py') },
    {
      name: 'receivers not named kafka, producer or event_bus',
      code: dedent(`
        class NodeMailEffect(NodeEffect):
            async def process(self, data):
                await self.mailer.send(to="ops@example.org", body=str(data))
                await self.http.send(data)
                await self.queue.publish(data)
                self.socket.send(b"ping")
                await self.notifier.publish_event(data)
      `),
    },
    {
      name: 'other methods of a Kafka client',
      code: dedent(`
        class NodeKafkaEffect(NodeEffect):
            async def startup(self):
                await self.kafka_client.connect()
                await self.kafka_producer.flush()
                self.kafka_client.publisher = None
                topics = await self.kafka_client.list_topics()
                return self.kafka_client.publish_count, topics
      `),
    },
    {
      name: 'publish_with_envelope inside try with a broad handler (Exception, BaseException, bare, tuple)',
      code: dedent(`
        class NodeEventsEffect(NodeEffect):
            async def a(self, payload):
                try:
                    await self.kafka_client.publish_with_envelope(event_type="a", source_node_id=str(self.node_id), payload=payload)
                except Exception as e:
                    emit_log_event(LogLevel.WARNING, f"publish failed: {e}", {"node_id": self.node_id})

            async def b(self, payload):
                try:
                    if self.kafka_client and self.kafka_client.is_connected:
                        for item in payload:
                            ok = await self.kafka_client.publish_with_envelope(event_type="b", source_node_id="n", payload=item)
                except BaseException:
                    pass

            async def c(self, payload):
                try:
                    await self.kafka_client.publish_with_envelope(event_type="c", source_node_id="n", payload=payload)
                except KafkaError:
                    pass
                except:
                    pass

            async def d(self, payload):
                try:
                    await self.kafka_client.publish_with_envelope(event_type="d", source_node_id="n", payload=payload)
                except (ValueError, Exception):
                    pass
      `),
    },
    {
      name: 'a helper whose every call in the class is inside a broad try (through two levels)',
      code: dedent(`
        class NodeRelayOrchestrator(NodeOrchestrator):
            async def _send(self, event_type, payload):
                return await self.kafka_client.publish_with_envelope(
                    event_type=event_type, source_node_id=str(self.node_id), payload=payload,
                )

            async def _send_started(self, payload):
                await self._send("started", payload)

            async def execute_orchestration(self, contract):
                try:
                    await self._send_started({"id": contract.id})
                    await self._send("running", {"id": contract.id})
                except Exception as e:
                    logger.warning("publish failed: %s", e)
      `),
    },
    {
      name: 'arguments that already carry an envelope',
      code: dedent(`
        class NodeForwardEffect(NodeEffect):
            async def forward(self, envelope, topic):
                await self.event_bus.publish(envelope)
                await self.kafka_producer.send(topic, value=envelope.model_dump_json().encode())
                await self.event_bus.publish_message(ModelOnexEnvelopeV1(payload={}, event_type="x"))
      `),
    },
    {
      name: 'raw publishes outside node classes',
      code: dedent(`
        class KafkaHelper:
            async def push(self, data):
                await self.kafka_client.publish(topic="x", data=data)
                await self.kafka_client.publish_with_envelope(event_type="x", source_node_id="n", payload=data)

        async def module_level(kafka_producer):
            await kafka_producer.send("topic", b"x")
      `),
    },
    {
      name: 'a syntax error inside the publish call itself',
      code: dedent(`
        class NodeBrokenEffect(NodeEffect):
            async def process(self, data):
                await self.kafka_client.publish(topic="x", data=)
      `),
    },
    {
      name: 'a syntax error in the try around publish_with_envelope',
      code: dedent(`
        class NodeBrokenEffect(NodeEffect):
            async def process(self, data):
                try
                    await self.kafka_client.publish_with_envelope(event_type="x", source_node_id="n", payload=data)
                except Exception:
                    pass
      `),
    },
    {
      name: 'suppression comments',
      code: dedent(`
        # onex: ignore-file[ONEX008]
        class NodeLegacyEffect(NodeEffect):
            async def process(self, data):
                await self.kafka_client.publish(topic="legacy", data=data)  # onex: ignore[ONEX003]
                await self.kafka_client.publish_with_envelope(event_type="x", source_node_id="n", payload=data)  # onex: ignore
      `),
    },
    {
      name: 'today: a canonical def-B handler returns its events, raises typed errors and names no topic',
      code: pythonFixture('today_handler_clean.py'),
    },
    {
      name: 'today: publishing outside node and handler classes is not judged',
      config: TODAY_PROJECT,
      code: dedent(`
        class Formatter:
            """Not a node or handler class: nothing here is judged."""

            def send(self, kafka_producer, topic):
                kafka_producer.send("onex.evt.omninode.formatted.v1", b"{}")
      `),
    },
  ],
  invalid: [
    {
      name: 'today: a handler that publishes on its bus and its producer, names a topic and builds a producer (aliased); the admin client and the module constant are no finding',
      code: pythonFixture('today_handler_publishing.py'),
      errors: [
        { line: 59, column: 19, message: TODAY },
        { line: 59, column: 43, message: TODAY_TOPIC },
        { line: 61, column: 30, message: /Producer\(\.\.\.\) creates a Kafka client in handler HandlerInvoiceSettle/ },
        { line: 63, column: 15, message: TODAY },
      ],
    },
    {
      name: 'today: a bridge-era node in a project on today\'s framework gets today\'s message, never publish_with_envelope, and no fix',
      config: TODAY_PROJECT,
      code: RECEIPT,
      errors: [
        { line: 4, column: 19, message: 'publishes from node NodeReceiptEffect itself' },
        { line: 7, column: 15, message: 'publishes from node NodeReceiptEffect itself' },
      ],
      output: RECEIPT,
    },
    {
      name: 'the spec template snippets: the old publish() call',
      code: pythonFixture('statements_spec_template.py'),
      errors: [{ line: 28, column: 19, endLine: 31, endColumn: 14, message: `self.kafka_client.publish(...) ${RAW}` }],
    },
    {
      name: 'every raw publishing method on kafka, producer and event_bus receivers',
      code: dedent(`
        class NodeFanoutEffect(NodeEffect):
            async def process(self, data, topic):
                await self.kafka_client.publish_event(data)
                await self.kafka_client.publish_raw_event(topic, data)
                await self.event_bus.publish_message(data)
                self._producer.send(topic, data)
                await self.aio_producer.send_and_wait(topic, data)
                self.confluent_producer.produce(topic, value=data)
                await kafka.publish(topic=topic, data=data)
                await self.get_kafka_client().publish(topic=topic, data=data)
      `),
      errors: [
        { line: 3, column: 15, message: `self.kafka_client.publish_event(...) ${RAW}` },
        { line: 4, column: 15, message: 'self.kafka_client.publish_raw_event(...)' },
        { line: 5, column: 15, message: 'self.event_bus.publish_message(...)' },
        { line: 6, column: 9, endLine: 6, endColumn: 41, message: 'self._producer.send(...)' },
        { line: 7, column: 15, message: 'self.aio_producer.send_and_wait(...)' },
        { line: 8, column: 9, message: 'self.confluent_producer.produce(...)' },
        { line: 9, column: 15, message: 'kafka.publish(...)' },
        { line: 10, column: 15, message: 'self.get_kafka_client().publish(...)' },
      ],
    },
    {
      name: 'aliased and configured base classes, name-pattern node classes',
      code: dedent(`
        from omnibase_core.nodes import NodeEffect as Base
        from acme.nodes import AcmeNode
        Effect = Base

        class Publisher(Effect):
            async def a(self, d):
                await self.kafka_client.publish(topic="a", data=d)

        class Other(AcmeNode):
            async def b(self, d):
                await self.kafka_client.publish(topic="b", data=d)

        class NodeMetricsReducer(ReducerTools):
            async def c(self, d):
                await self.kafka_client.publish(topic="c", data=d)
      `),
      config: { nodeBaseClasses: ['AcmeNode'] },
      errors: [{ line: 7, column: 15 }, { line: 11, column: 15 }, { line: 15, column: 15 }],
    },
    {
      name: 'nested functions, decorators, lambdas and sync methods',
      code: dedent(`
        class NodeJobsEffect(NodeEffect):
            @traced("jobs")
            @staticmethod
            def static(producer, job):
                producer.send("jobs", job)

            async def process(self, jobs):
                async def emit(job):
                    await self.kafka_client.publish(topic="jobs", data=job)

                callback = lambda j: self.event_bus.publish(j)
                for job in jobs:
                    await emit(job)
                    callback(job)
      `),
      errors: [
        { line: 5, column: 9, message: 'producer.send(...)' },
        { line: 9, column: 19, message: 'self.kafka_client.publish(...)' },
        { line: 11, column: 30, message: 'self.event_bus.publish(...)' },
      ],
    },
    {
      name: 'publish_with_envelope outside a broad try: narrow handler, in a handler, in finally, in a nested function',
      code: dedent(`
        class NodeEventsEffect(NodeEffect):
            async def a(self, p):
                await self.kafka_client.publish_with_envelope(event_type="a", source_node_id="n", payload=p)

            async def b(self, p):
                try:
                    await self.kafka_client.publish_with_envelope(event_type="b", source_node_id="n", payload=p)
                except KafkaError:
                    pass

            async def c(self, p):
                try:
                    await self.work()
                except Exception:
                    await self.kafka_client.publish_with_envelope(event_type="c", source_node_id="n", payload=p)
                finally:
                    await self.kafka_client.publish_with_envelope(event_type="c2", source_node_id="n", payload=p)

            async def d(self, p):
                try:
                    async def later():
                        await self.kafka_client.publish_with_envelope(event_type="d", source_node_id="n", payload=p)
                    self.tasks.append(later)
                except Exception:
                    pass
      `),
      errors: [
        { line: 3, column: 15, endLine: 3, endColumn: 101, message: `self.kafka_client.publish_with_envelope(...) ${UNGUARDED}` },
        { line: 7, column: 19 },
        { line: 15, column: 19 },
        { line: 17, column: 19 },
        { line: 22, column: 23 },
      ],
    },
    {
      name: 'a helper called once unprotected, or passed as a callback',
      code: dedent(`
        class NodeRelayOrchestrator(NodeOrchestrator):
            async def _send(self, payload):
                await self.kafka_client.publish_with_envelope(event_type="x", source_node_id="n", payload=payload)

            async def _send_later(self, payload):
                await self.kafka_client.publish_with_envelope(event_type="y", source_node_id="n", payload=payload)

            async def execute_orchestration(self, contract):
                try:
                    await self._send({"id": 1})
                except Exception:
                    pass
                await self._send({"id": 2})
                try:
                    self.scheduler.add(self._send_later)
                except Exception:
                    pass
      `),
      errors: [{ line: 3, column: 15 }, { line: 6, column: 15 }],
    },
    {
      name: 'a syntax error elsewhere in the file does not hide the finding',
      code: dedent(`
        class NodeIngestEffect(NodeEffect):
            def broken(self):
                return 1 +

            async def process(self, data):
                await self.kafka_client.publish(topic="x", data=data)

        def also_broken(:
            pass
      `),
      errors: [{ line: 6, column: 15 }],
    },
    {
      name: 'a long effect node with helpers, aliases, decorators and nested functions',
      code: pythonFixture('statements_long_effect.py'),
      errors: [
        { line: 108, column: 19, message: 'self.kafka_client.publish(...)' },
        { line: 112, column: 19, message: 'self.event_bus.publish_event(...)' },
        { line: 124, column: 22, endLine: 129, endColumn: 10, message: UNGUARDED },
      ],
    },
  ],
};
