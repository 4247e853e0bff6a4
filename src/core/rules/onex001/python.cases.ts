// ONEX001 health-check-mode: a node class whose __init__ does expensive initialisation and never
// reads a health-check-mode flag (rules.md). Reported on the class name.
// Run by test/rules/tables.test.ts; the table is shared with test/fixes/ONEX001.test.ts, which applies
// the fix to every invalid case.
import { BRIDGE_PROJECT, type RuleTable, dedent, pythonFixture } from '../cases';

const HEADER = dedent(`
  from omnibase_core.nodes.node_effect import NodeEffect
  from omnibase_core.models.container.model_onex_container import ModelONEXContainer
`);

export const ONEX001_PYTHON_CASES: RuleTable = {
  config: BRIDGE_PROJECT,
  valid: [
    {
      name: '__init__ that only assigns plain values',
      code: HEADER + dedent(`
        class NodePricingEffect(NodeEffect):
            def __init__(self, container: ModelONEXContainer):
                super().__init__(container)
                self.timeout = 30
                self._total_operations = 0
                self.name = "pricing"
      `),
    },
    {
      name: 'the spec\'s defensive detection before the expensive initialisation',
      code: HEADER + dedent(`
        class NodePricingEffect(NodeEffect):
            def __init__(self, container: ModelONEXContainer):
                super().__init__(container)
                try:
                    health_check_mode = (
                        container.config.get("health_check_mode", False)
                        if hasattr(container.config, "get")
                        else False
                    )
                except Exception:
                    health_check_mode = False
                self.kafka_client = container.get_service("kafka_client")
                if self.kafka_client is None and not health_check_mode:
                    self.kafka_client = KafkaClient(bootstrap_servers="kafka:9092")
      `),
    },
    {
      name: 'flag kept in an attribute of its own name',
      code: HEADER + dedent(`
        class NodePricingEffect(NodeEffect):
            def __init__(self, container):
                super().__init__(container)
                self._is_health_check_mode = bool(container.config.get("probe", False))
                if not self._is_health_check_mode:
                    self.kafka_client = container.get_service("kafka_client")
      `),
    },
    {
      name: 'flag read only as a configuration string',
      code: HEADER + dedent(`
        class NodePricingEffect(NodeEffect):
            def __init__(self, container):
                super().__init__(container)
                if container.config.get("health_check_mode"):
                    return
                self.kafka_client = container.get_service("kafka_client")
      `),
    },
    {
      name: 'flag as an __init__ parameter',
      code: HEADER + dedent(`
        class NodePricingEffect(NodeEffect):
            def __init__(self, container, health_check_mode: bool = False):
                super().__init__(container)
                self.consul = None if health_check_mode else consul.Consul(host=container.config.get("consul_host"))
      `),
    },
    {
      name: 'HEALTH_CHECK_MODE environment variable',
      code: HEADER + dedent(`
        import os

        class NodePricingEffect(NodeEffect):
            def __init__(self, container):
                super().__init__(container)
                probing = os.environ.get("HEALTH_CHECK_MODE") == "1"
                self.kafka_client = None if probing else container.get_service("kafka_client")
      `),
    },
    {
      name: 'flag read by a helper that __init__ calls',
      code: HEADER + dedent(`
        class NodePricingEffect(NodeEffect):
            def __init__(self, container):
                super().__init__(container)
                self._probing = self._detect_probe(container)
                self.kafka_client = container.get_service("kafka_client")

            @staticmethod
            def _helper():
                return 1

            def _detect_probe(self, container) -> bool:
                try:
                    return bool(container.config.get("health_check_mode", False))
                except Exception:
                    return False
      `),
    },
    {
      name: 'expensive call inside a nested factory function is not run by __init__',
      code: HEADER + dedent(`
        class NodePricingEffect(NodeEffect):
            def __init__(self, container):
                super().__init__(container)

                def make_client():
                    return KafkaClient(bootstrap_servers="kafka:9092")

                self._client_factory = make_client
                self._lazy = lambda: container.get_service("kafka_client")
      `),
    },
    {
      name: 'registering health checks and services in process is not expensive',
      code: HEADER + dedent(`
        class NodePricingEffect(NodeEffect):
            def __init__(self, container):
                super().__init__(container)
                self.register_health_check("kafka", self._check_kafka)
                container.register_service("pricing", self)
                self.client = self.create_client()
                self.registry = ServiceRegistry()

            def _check_kafka(self):
                return True

            def create_client(self):
                return object()
      `),
    },
    {
      name: 'not a node class',
      code: dedent(`
        class PricingService:
            def __init__(self, container):
                self.kafka_client = container.get_service("kafka_client")
      `),
    },
    {
      name: 'a custom base that is not configured does not make a node',
      code: dedent(`
        from platform.base import PlatformNode

        class PricingWorker(PlatformNode):
            def __init__(self, container):
                super().__init__(container)
                self.kafka_client = container.get_service("kafka_client")
      `),
    },
    {
      name: 'a class with a syntax error inside is skipped',
      code: HEADER + dedent(`
        class NodePricingEffect(NodeEffect):
            def __init__(self, container):
                super().__init__(container)
                self.kafka_client = container.get_service("kafka_client"

            def execute_effect(self, contract):
                return contract
      `),
    },
    {
      name: 'declarative node',
      code: HEADER + dedent(`
        class NodePricingEffect(NodeEffect):
            """Behaviour lives in contract.yaml."""

            def __init__(self, container: ModelONEXContainer) -> None:
                super().__init__(container)
      `),
    },
    {
      name: 'suppressed on the class line',
      code: HEADER + dedent(`
        class NodePricingEffect(NodeEffect):  # onex: ignore[ONEX001]
            def __init__(self, container):
                super().__init__(container)
                self.kafka_client = container.get_service("kafka_client")
      `),
    },
    {
      name: 'suppressed for the file',
      code: '# onex: ignore-file[ONEX001]\n' + HEADER + dedent(`
        class NodePricingEffect(NodeEffect):
            def __init__(self, container):
                super().__init__(container)
                self.kafka_client = container.get_service("kafka_client")
      `),
    },
    {
      name: 'rule switched off',
      config: { rules: { ONEX001: 'off' } },
      code: HEADER + dedent(`
        class NodePricingEffect(NodeEffect):
            def __init__(self, container):
                super().__init__(container)
                self.kafka_client = container.get_service("kafka_client")
      `),
    },
    {
      name: 'the spec\'s production snippets assembled (long fixture)',
      code: pythonFixture('classlevel_production_orchestrator.py'),
    },
    {
      name: 'bridge reducers: helper reads the flag, subclasses inherit (long fixture, syntax error at the end)',
      code: pythonFixture('classlevel_bridge_reducer.py'),
    },
  ],
  invalid: [
    {
      // rules.md v4 / issue 19: statements that read what the guard leaves None in health-check mode are guarded
      // too (a None test that raises, a helper method reading it through another helper, a constructor argument).
      name: 'fix: every statement of __init__ that reads a guarded service is guarded too; unrelated statements are not',
      code: `from omnibase_core.errors import EnumCoreErrorCode, OnexError
from omnibase_core.nodes.node_effect import NodeEffect


class NodeLedgerSyncEffect(NodeEffect):
    """Keeps the ledger replica in sync with the journal topic."""

    def __init__(self, container):
        super().__init__(container)
        self.batch_size = 100
        self.kafka_client = container.get_service("kafka_client")
        if self.kafka_client is None:
            raise OnexError("kafka_client is required", error_code=EnumCoreErrorCode.DEPENDENCY_UNAVAILABLE)
        self.topic = f"ledger.journal.{self.batch_size}"
        self._subscribe()
        self.replica = LedgerReplica(self.kafka_client, batch_size=self.batch_size)
        self._synced = 0

    def _subscribe(self):
        self._subscription = self._client().subscribe(self.topic)

    def _client(self):
        return self.kafka_client

    async def execute_effect(self, contract):
        self._synced += await self.replica.sync(contract.input_state["entries"])
        return {"synced": self._synced}
`,
      errors: [{ line: 5, column: 7, message: 'never detects health-check mode' }],
      output: `from omnibase_core.errors import EnumCoreErrorCode, OnexError
from omnibase_core.nodes.node_effect import NodeEffect


class NodeLedgerSyncEffect(NodeEffect):
    """Keeps the ledger replica in sync with the journal topic."""

    def __init__(self, container):
        super().__init__(container)

        # Health check mode detection: skip expensive initialisation in health checks
        try:
            health_check_mode = (
                container.config.get("health_check_mode", False)
                if hasattr(container.config, "get")
                else False
            )
        except Exception:
            health_check_mode = False

        self.batch_size = 100
        if not health_check_mode:
            self.kafka_client = container.get_service("kafka_client")
            if self.kafka_client is None:
                raise OnexError("kafka_client is required", error_code=EnumCoreErrorCode.DEPENDENCY_UNAVAILABLE)
        else:
            self.kafka_client = None
        self.topic = f"ledger.journal.{self.batch_size}"
        if not health_check_mode:
            self._subscribe()
            self.replica = LedgerReplica(self.kafka_client, batch_size=self.batch_size)
        else:
            self.replica = None
        self._synced = 0

    def _subscribe(self):
        self._subscription = self._client().subscribe(self.topic)

    def _client(self):
        return self.kafka_client

    async def execute_effect(self, contract):
        self._synced += await self.replica.sync(contract.input_state["entries"])
        return {"synced": self._synced}
`,
    },
    {
      name: 'fix: not offered when super().__init__ itself needs the guarded service',
      code: dedent(`
        class NodeMirrorEffect(NodeEffect):
            def __init__(self, container):
                store = container.get_service("mirror_store")
                super().__init__(container, on_rollback_failure=store.record_rollback_failure)
                self.mirrors = []
      `),
      errors: [{ line: 1, column: 7, message: 'never detects health-check mode' }],
      output: dedent(`
        class NodeMirrorEffect(NodeEffect):
            def __init__(self, container):
                store = container.get_service("mirror_store")
                super().__init__(container, on_rollback_failure=store.record_rollback_failure)
                self.mirrors = []
      `),
    },
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
      name: 'the spec\'s template: get_service without health-check mode',
      code: HEADER + dedent(`
        class NodePricingEffect(NodeEffect):
            def __init__(self, container: ModelONEXContainer):
                """Initialize node."""
                super().__init__(container)

                # Get services
                self.kafka_client = container.get_service("kafka_client")

                # Initialize metrics
                self._total_operations = 0
      `),
      errors: [{
        line: 3, column: 7, endLine: 3, endColumn: 24,
        message: 'NodePricingEffect does expensive initialisation in __init__ (get_service) but never detects health-check mode',
      }],
    },
    {
      name: 'a *Client constructed under an import alias',
      code: HEADER + dedent(`
        from omninode_bridge.services.kafka_client import KafkaClient as KC

        class NodePricingEffect(NodeEffect):
            def __init__(self, container):
                super().__init__(container)
                self.kafka = KC(bootstrap_servers=container.config.get("kafka"))
      `),
      errors: [{ line: 5, column: 7, message: '(KafkaClient)' }],
    },
    {
      name: 'consul.Consul(...) constructed in __init__',
      code: HEADER + dedent(`
        import consul

        class NodePricingEffect(NodeEffect):
            def __init__(self, container):
                super().__init__(container)
                self.consul = consul.Consul(host=container.config.get("consul_host"))
      `),
      errors: [{ line: 5, column: 7, message: '(Consul)' }],
    },
    {
      name: 'an httpx.AsyncClient constructed in __init__',
      code: HEADER + dedent(`
        import httpx

        class NodePricingEffect(NodeEffect):
            def __init__(self, container):
                super().__init__(container)
                self.http = httpx.AsyncClient(timeout=10)
      `),
      errors: [{ line: 5, column: 7, message: '(AsyncClient)' }],
    },
    {
      name: 'registration with Consul called from __init__',
      code: HEADER + dedent(`
        class NodePricingEffect(NodeEffect):
            def __init__(self, container):
                super().__init__(container)
                self._register_with_consul_sync()

            def _register_with_consul_sync(self) -> None:
                pass
      `),
      errors: [{ line: 3, column: 7, message: '(_register_with_consul_sync)' }],
    },
    {
      name: 'a helper called from __init__ does the expensive work',
      code: HEADER + dedent(`
        class NodePricingEffect(NodeEffect):
            def __init__(self, container):
                super().__init__(container)
                self.timeout = 30
                self._init_services(container)

            def _init_services(self, container):
                self._wire_kafka(container)

            def _wire_kafka(self, container):
                self.kafka_client = container.get_service("kafka_client")
      `),
      errors: [{ line: 3, column: 7, message: '(_init_services)' }],
    },
    {
      name: 'module-level alias NodeBase = NodeEffect and a class not named Node*',
      code: HEADER + dedent(`
        NodeBase = NodeEffect

        class PricingNode(NodeBase):
            def __init__(self, container):
                super().__init__(container)
                self.kafka_client = container.get_service("kafka_client")
      `),
      errors: [{ line: 5, column: 7, message: 'PricingNode does expensive' }],
    },
    {
      name: 'a configured base class makes a node',
      config: { nodeBaseClasses: ['PlatformNode'] },
      code: dedent(`
        from platform.base import PlatformNode

        class PricingWorker(PlatformNode):
            def __init__(self, container):
                super().__init__(container)
                self.kafka_client = container.get_service("kafka_client")
      `),
      errors: [{ line: 3, column: 7 }],
    },
    {
      name: 'flag read only in startup(), not in __init__',
      code: HEADER + dedent(`
        class NodePricingEffect(NodeEffect):
            def __init__(self, container):
                super().__init__(container)
                self.kafka_client = container.get_service("kafka_client")

            async def startup(self):
                if self.container.config.get("health_check_mode"):
                    return
                await self.kafka_client.connect()
      `),
      errors: [{ line: 3, column: 7 }],
    },
    {
      name: 'decorated class, async methods and a syntax error elsewhere in the file',
      code: HEADER + dedent(`
        import functools

        def registered(cls):
            return cls

        @registered
        class NodePricingEffect(NodeEffect):
            def __init__(self, container):
                super().__init__(container)
                self.kafka_client = container.get_service("kafka_client")

            @functools.lru_cache(maxsize=None)
            def _rates(self):
                return {}

            async def execute_effect(self, contract):
                async with self.kafka_client.session() as session:
                    return await session.send(contract)

        def broken(:
            pass
      `),
      errors: [{ line: 9, column: 7 }],
    },
    {
      name: 'only the class without the flag is reported',
      code: HEADER + dedent(`
        class NodeGoodEffect(NodeEffect):
            def __init__(self, container):
                super().__init__(container)
                health_check_mode = container.config.get("health_check_mode", False)
                self.kafka_client = None if health_check_mode else container.get_service("kafka_client")


        class NodeBadEffect(NodeEffect):
            def __init__(self, container):
                super().__init__(container)
                self.kafka_client = container.get_service("kafka_client")
      `),
      errors: [{ line: 10, column: 7, message: 'NodeBadEffect' }],
    },
    {
      name: 'the template-style payment gateway (long fixture)',
      code: pythonFixture('classlevel_template_effect.py'),
      errors: [{ line: 39, column: 7, message: 'NodePaymentGatewayEffect does expensive initialisation in __init__ (get_service)' }],
    },
    {
      name: 'fix: detection after super().__init__ and the expensive statements guarded',
      code: HEADER + dedent(`
        class NodePricingEffect(NodeEffect):
            def __init__(self, container: ModelONEXContainer):
                super().__init__(container)
                self.kafka_client = container.get_service("kafka_client")
                self.timeout = 30
      `),
      errors: [{ line: 3, column: 7 }],
      output: HEADER + dedent(`
        class NodePricingEffect(NodeEffect):
            def __init__(self, container: ModelONEXContainer):
                super().__init__(container)

                # Health check mode detection: skip expensive initialisation in health checks
                try:
                    health_check_mode = (
                        container.config.get("health_check_mode", False)
                        if hasattr(container.config, "get")
                        else False
                    )
                except Exception:
                    health_check_mode = False

                if not health_check_mode:
                    self.kafka_client = container.get_service("kafka_client")
                else:
                    self.kafka_client = None
                self.timeout = 30
      `),
    },
  ],
};
