// ONEX002 service-registration: no Consul registration reachable from the entry points, or
// registration without a deregistration reachable from the stop method (rules.md).
// Run by test/rules/tables.test.ts; the table is shared with test/fixes/ONEX002.test.ts, which applies
// the fix to every invalid case.
import { BRIDGE_PROJECT, type RuleTable, dedent, pythonFixture } from '../cases';

const HEADER = dedent(`
  import asyncio

  import consul

  from omnibase_core.nodes.node_effect import NodeEffect
`);

export const ONEX002_PYTHON_CASES: RuleTable = {
  config: BRIDGE_PROJECT,
  valid: [
    {
      name: 'registration and deregistration through a consul-named client attribute',
      code: HEADER + dedent(`
        class NodeLedgerEffect(NodeEffect):
            def __init__(self, container):
                super().__init__(container)
                self.consul_client = None

            async def startup(self):
                await self.consul_client.register_service(name="ledger", service_id=self.node_id)

            async def shutdown(self):
                await self.consul_client.deregister_service(self.node_id)
      `),
    },
    {
      name: 'registration in a closure of startup(), deregistration in cleanup()',
      code: HEADER + dedent(`
        class NodeLedgerEffect(NodeEffect):
            async def startup(self):
                def register():
                    client = consul.Consul()
                    client.agent.service.register("ledger", service_id=str(self.node_id))

                await asyncio.to_thread(register)

            async def cleanup(self):
                await asyncio.to_thread(lambda: consul.Consul().agent.service.deregister(str(self.node_id)))
      `),
    },
    {
      name: 'methods passed as references (self.method) are reachable',
      code: HEADER + dedent(`
        class NodeLedgerEffect(NodeEffect):
            def __init__(self, container):
                super().__init__(container)
                self._on_ready = self._announce

            async def startup(self):
                loop = asyncio.get_running_loop()
                await loop.run_in_executor(None, self._on_ready)

            async def shutdown(self):
                await asyncio.to_thread(self._withdraw)

            def _announce(self):
                self._consul().agent.service.register("ledger")

            def _withdraw(self):
                self._consul().agent.service.deregister("ledger")

            def _consul(self):
                return consul.Consul()
      `),
    },
    {
      name: 'registration in a same-file base reached through super()',
      code: HEADER + dedent(`
        class DiscoverableNode(NodeEffect):
            async def startup(self):
                consul.Consul().agent.service.register("node")

            async def shutdown(self):
                consul.Consul().agent.service.deregister("node")


        class NodeLedgerEffect(DiscoverableNode):
            async def startup(self):
                await super().startup()
                self.ready = True

            async def execute_effect(self, contract):
                return contract
      `),
    },
    {
      name: 'configured stop method name',
      config: { stopMethods: ['stop'] },
      code: HEADER + dedent(`
        class NodeLedgerEffect(NodeEffect):
            def __init__(self, container):
                super().__init__(container)
                consul.Consul().agent.service.register("ledger")

            async def stop(self):
                consul.Consul().agent.service.deregister("ledger")
      `),
    },
    {
      name: 'the spec\'s production snippets assembled (long fixture)',
      code: pythonFixture('classlevel_production_orchestrator.py'),
    },
    {
      name: 'declarative node',
      code: HEADER + dedent(`
        class NodeLedgerEffect(NodeEffect):
            """Behaviour lives in contract.yaml and the handlers."""

            def __init__(self, container) -> None:
                super().__init__(container)
      `),
    },
    {
      name: 'not a node class',
      code: HEADER + dedent(`
        class LedgerClient:
            async def execute(self):
                return 1
      `),
    },
    {
      name: 'a class with a syntax error inside is skipped',
      code: HEADER + dedent(`
        class NodeLedgerEffect(NodeEffect):
            async def execute_effect(self, contract:
                return contract
      `),
    },
    {
      name: 'suppressed on the class line',
      code: HEADER + dedent(`
        class NodeLedgerEffect(NodeEffect):  # onex: ignore[ONEX002, ONEX005]
            async def execute_effect(self, contract):
                return contract
      `),
    },
  ],
  invalid: [
    {
      name: 'the same class defined twice (try/except ImportError fallback): both definitions reported',
      code: dedent(`
        from omnibase_core.nodes.node_effect import NodeEffect

        try:
            import orjson as json_impl

            class NodeCacheEffect(NodeEffect):
                def __init__(self, container):
                    super().__init__(container)
                    self.kafka_client = container.get_service("kafka_client")

                async def execute_effect(self, contract):
                    return json_impl.dumps(contract)

        except ImportError:
            import json as json_impl

            class NodeCacheEffect(NodeEffect):
                def __init__(self, container):
                    super().__init__(container)
                    self.kafka_client = container.get_service("kafka_client")

                async def execute_effect(self, contract):
                    return json_impl.dumps(contract)
      `),
      errors: [{ line: 6, column: 11, message: 'NodeCacheEffect' }, { line: 17, column: 11, message: 'NodeCacheEffect' }],
    },
    {
      name: 'template: no registration at all',
      code: HEADER + dedent(`
        class NodeLedgerEffect(NodeEffect):
            def __init__(self, container):
                super().__init__(container)
                self.kafka_client = container.get_service("kafka_client")

            async def execute_effect(self, contract):
                return contract
      `),
      errors: [{
        line: 6, column: 7, endLine: 6, endColumn: 23,
        message: 'NodeLedgerEffect never registers with service discovery: no Consul registration is reachable from __init__ or its lifecycle methods',
      }],
    },
    {
      name: 'registration in a method nothing calls',
      code: HEADER + dedent(`
        class NodeLedgerEffect(NodeEffect):
            def __init__(self, container):
                super().__init__(container)

            def register(self):
                consul.Consul().agent.service.register("ledger")

            async def shutdown(self):
                consul.Consul().agent.service.deregister("ledger")
      `),
      errors: [{ line: 6, column: 7, message: 'never registers' }],
    },
    {
      name: 'a registry without consul in its name is not service discovery',
      code: HEADER + dedent(`
        class NodeLedgerEffect(NodeEffect):
            async def startup(self):
                self.service_registry.register("ledger", self)

            async def shutdown(self):
                self.service_registry.unregister("ledger")
      `),
      errors: [{ line: 6, column: 7, message: 'never registers' }],
    },
    {
      name: 'deregistration exists but the stop method never reaches it',
      code: HEADER + dedent(`
        class NodeLedgerEffect(NodeEffect):
            def __init__(self, container):
                super().__init__(container)
                self._register_with_consul_sync()

            async def shutdown(self):
                await self.kafka_client.disconnect()

            def _register_with_consul_sync(self):
                consul.Consul().agent.service.register("ledger", service_id="ledger-1")

            def _deregister_from_consul(self):
                consul.Consul().agent.service.deregister("ledger-1")
      `),
      errors: [{
        line: 6, column: 7,
        message: 'NodeLedgerEffect registers with Consul but never deregisters: no deregistration is reachable from its stop method',
      }],
    },
    {
      name: 'registration without any stop method',
      code: HEADER + dedent(`
        class NodeLedgerEffect(NodeEffect):
            async def startup(self):
                consul.Consul().agent.service.register("ledger")
      `),
      errors: [{ line: 6, column: 7, message: 'it has no stop method (shutdown, cleanup, on_shutdown) that deregisters' }],
    },
    {
      name: 'deregistration in a method that is not a configured stop method',
      config: { stopMethods: ['stop'] },
      code: HEADER + dedent(`
        class NodeLedgerEffect(NodeEffect):
            async def startup(self):
                consul.Consul().agent.service.register("ledger")

            async def shutdown(self):
                consul.Consul().agent.service.deregister("ledger")
      `),
      errors: [{ line: 6, column: 7, message: 'it has no stop method (stop)' }],
    },
    {
      name: 'async everywhere, decorators, and a syntax error elsewhere in the file',
      code: HEADER + dedent(`
        import functools

        def traced(fn):
            @functools.wraps(fn)
            async def wrapper(*args, **kwargs):
                return await fn(*args, **kwargs)
            return wrapper

        class NodeLedgerEffect(NodeEffect):
            @traced
            async def startup(self):
                await self._connect()

            @traced
            async def shutdown(self):
                await self._disconnect()

            async def _connect(self):
                self.connected = True

            async def _disconnect(self):
                self.connected = False

        x = [1, 2
      `),
      errors: [{ line: 14, column: 7 }],
    },
    {
      name: 'the template-style payment gateway (long fixture)',
      code: pythonFixture('classlevel_template_effect.py'),
      errors: [{ line: 39, column: 7, message: 'NodePaymentGatewayEffect never registers' }],
    },
    {
      name: 'bridge reducers: only the node written without the shared base (long fixture)',
      code: pythonFixture('classlevel_bridge_reducer.py'),
      errors: [{ line: 118, column: 7, message: 'NodeInventoryReducer never registers' }],
    },
    {
      name: 'fix: deregistration of the existing registration, called from shutdown()',
      code: HEADER + dedent(`
        class NodeLedgerEffect(NodeEffect):
            def __init__(self, container):
                super().__init__(container)
                self._register()

            def _register(self):
                client = consul.Consul(host=self.consul_host)
                service_id = f"ledger-{self.node_id}"
                client.agent.service.register("ledger", service_id=service_id)

            async def shutdown(self):
                self.running = False
      `),
      errors: [{ line: 6, column: 7, message: 'never deregisters' }],
      output: HEADER.replace('from omnibase_core.nodes.node_effect import NodeEffect', [
        'from omnibase_core.nodes.node_effect import NodeEffect',
        'from omnibase_core.logging.structured import emit_log_event_sync as emit_log_event',
        'from omnibase_core.enums.enum_log_level import EnumLogLevel as LogLevel',
      ].join('\n')) + dedent(`
        class NodeLedgerEffect(NodeEffect):
            def __init__(self, container):
                super().__init__(container)
                self._register()

            def _register(self):
                client = consul.Consul(host=self.consul_host)
                service_id = f"ledger-{self.node_id}"
                client.agent.service.register("ledger", service_id=service_id)
                self._consul_service_id = service_id

            async def shutdown(self):
                self.running = False

                # Deregister from Consul for clean service discovery
                self._deregister_from_consul()

            def _deregister_from_consul(self) -> None:
                """
                Deregister the node from Consul on shutdown (synchronous).

                Removes the service registration so the catalog keeps no stale entry.
                """
                if not hasattr(self, "_consul_service_id"):
                    return

                try:
                    consul_client = consul.Consul(host=self.consul_host)
                    consul_client.agent.service.deregister(self._consul_service_id)

                    emit_log_event(
                        LogLevel.INFO,
                        "Deregistered from Consul successfully",
                        {
                            "node_id": self.node_id,
                            "service_id": self._consul_service_id,
                        },
                    )

                except ImportError:
                    pass
                except Exception as e:
                    emit_log_event(
                        LogLevel.WARNING,
                        "Failed to deregister from Consul",
                        {
                            "node_id": self.node_id,
                            "error": str(e),
                            "error_type": type(e).__name__,
                        },
                    )
      `),
    },
  ],
};
