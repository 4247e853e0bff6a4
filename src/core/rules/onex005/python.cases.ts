// ONEX005 lifecycle: a non-declarative node class without an `async def` start method or an
// `async def` stop method (configurable names), in the class or a same-file base (rules.md).
// Run by test/rules/tables.test.ts; the table is shared with test/fixes/ONEX005.test.ts, which applies
// the fix to every invalid case.
import { BRIDGE_PROJECT, type RuleTable, dedent, pythonFixture } from '../cases';

const HEADER = dedent(`
  from omnibase_core.nodes.node_compute import NodeCompute
`);

export const ONEX005_PYTHON_CASES: RuleTable = {
  config: BRIDGE_PROJECT,
  valid: [
    {
      name: 'async startup() and shutdown()',
      code: HEADER + dedent(`
        class NodeScoreCompute(NodeCompute):
            async def startup(self) -> None:
                await self.container.initialize()

            async def shutdown(self) -> None:
                await self.container.cleanup()

            async def execute_compute(self, contract):
                return contract
      `),
    },
    {
      name: 'async initialize() and cleanup()',
      code: HEADER + dedent(`
        class NodeScoreCompute(NodeCompute):
            async def initialize(self):
                self.ready = True

            async def cleanup(self):
                self.ready = False
      `),
    },
    {
      name: 'decorated lifecycle methods',
      code: HEADER + dedent(`
        import functools

        def traced(fn):
            @functools.wraps(fn)
            async def wrapper(*a, **k):
                return await fn(*a, **k)
            return wrapper

        class NodeScoreCompute(NodeCompute):
            @traced
            async def on_startup(self):
                self.ready = True

            @traced
            async def on_shutdown(self):
                self.ready = False
      `),
    },
    {
      name: 'lifecycle inherited from a base class in the same file (through an alias)',
      code: HEADER + dedent(`
        Base = NodeCompute

        class LifecycleNode(Base):
            async def startup(self):
                self.ready = True

            async def shutdown(self):
                self.ready = False


        class NodeScoreCompute(LifecycleNode):
            async def execute_compute(self, contract):
                return contract
      `),
    },
    {
      name: 'configured lifecycle names',
      config: { startMethods: ['start'], stopMethods: ['stop'] },
      code: HEADER + dedent(`
        class NodeScoreCompute(NodeCompute):
            async def start(self):
                self.ready = True

            async def stop(self):
                self.ready = False
      `),
    },
    {
      name: 'declarative node',
      code: HEADER + dedent(`
        class NodeScoreCompute(NodeCompute):
            """Behaviour lives in contract.yaml and the handlers."""

            def __init__(self, container) -> None:
                """Initialise."""
                super().__init__(container)
      `),
    },
    {
      name: 'a class with a syntax error inside is skipped',
      code: HEADER + dedent(`
        class NodeScoreCompute(NodeCompute):
            def execute_compute(self, contract)
                return contract
      `),
    },
    {
      name: 'not a node class',
      code: dedent(`
        class ScoreCalculator:
            def compute(self):
                return 1
      `),
    },
    {
      name: 'suppressed for the file',
      code: '# onex: ignore-file[ONEX005]\n' + HEADER + dedent(`
        class NodeScoreCompute(NodeCompute):
            def execute_compute(self, contract):
                return contract
      `),
    },
    {
      name: 'the spec\'s production snippets assembled (long fixture)',
      code: pythonFixture('classlevel_production_orchestrator.py'),
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
      name: 'no lifecycle methods at all',
      code: HEADER + dedent(`
        class NodeScoreCompute(NodeCompute):
            async def execute_compute(self, contract):
                return contract
      `),
      errors: [{
        line: 2, column: 7, endLine: 2, endColumn: 23,
        message: 'NodeScoreCompute has no async lifecycle methods: no async startup() to start and no async shutdown() to stop',
      }],
    },
    {
      name: 'start without stop',
      code: HEADER + dedent(`
        class NodeScoreCompute(NodeCompute):
            async def startup(self):
                self.ready = True
      `),
      errors: [{ line: 2, column: 7, message: 'NodeScoreCompute has no async stop lifecycle method (shutdown(), cleanup() or on_shutdown())' }],
    },
    {
      name: 'stop without start',
      code: HEADER + dedent(`
        class NodeScoreCompute(NodeCompute):
            async def shutdown(self):
                self.ready = False
      `),
      errors: [{ line: 2, column: 7, message: 'has no async start lifecycle method (startup(), initialize() or on_startup())' }],
    },
    {
      name: 'synchronous lifecycle methods do not count',
      code: HEADER + dedent(`
        class NodeScoreCompute(NodeCompute):
            def startup(self):
                self.ready = True

            def shutdown(self):
                self.ready = False
      `),
      errors: [{ line: 2, column: 7, message: 'no async startup() to start and no async shutdown() to stop' }],
    },
    {
      name: 'names outside the configured lifecycle names do not count',
      config: { startMethods: ['start'], stopMethods: ['stop'] },
      code: HEADER + dedent(`
        class NodeScoreCompute(NodeCompute):
            async def startup(self):
                self.ready = True

            async def shutdown(self):
                self.ready = False
      `),
      errors: [{ line: 2, column: 7, message: 'no async start() to start and no async stop() to stop' }],
    },
    {
      name: 'import alias, nested functions and a syntax error elsewhere in the file',
      code: dedent(`
        from omnibase_core.nodes.node_compute import NodeCompute as ComputeBase

        class ScoreNode(ComputeBase):
            async def execute_compute(self, contract):
                def weight(x):
                    return x * 2

                return [weight(v) for v in contract.values]

        def broken(
      `),
      errors: [{ line: 3, column: 7, message: 'ScoreNode has no async lifecycle methods' }],
    },
    {
      name: 'the template-style payment gateway (long fixture)',
      code: pythonFixture('classlevel_template_effect.py'),
      errors: [{ line: 39, column: 7, message: 'NodePaymentGatewayEffect has no async lifecycle methods' }],
    },
    {
      name: 'bridge reducers: only the node written without the shared base (long fixture)',
      code: pythonFixture('classlevel_bridge_reducer.py'),
      errors: [{ line: 118, column: 7, message: 'NodeInventoryReducer has no async lifecycle methods' }],
    },
    {
      name: 'fix: only the missing shutdown(), deregistering through the existing method',
      code: HEADER + dedent(`
        from omnibase_core.enums.enum_log_level import EnumLogLevel as LogLevel
        from omnibase_core.logging.structured import emit_log_event_sync as emit_log_event


        class NodeScoreCompute(NodeCompute):
            async def startup(self):
                self.ready = True

            def _deregister_from_consul(self):
                self.consul.agent.service.deregister(self._consul_service_id)
      `),
      errors: [{ line: 6, column: 7, message: 'has no async stop lifecycle method' }],
      output: HEADER + dedent(`
        from omnibase_core.enums.enum_log_level import EnumLogLevel as LogLevel
        from omnibase_core.logging.structured import emit_log_event_sync as emit_log_event


        class NodeScoreCompute(NodeCompute):
            async def startup(self):
                self.ready = True

            def _deregister_from_consul(self):
                self.consul.agent.service.deregister(self._consul_service_id)

            async def shutdown(self) -> None:
                """
                Node shutdown lifecycle hook.

                Cleans up container services and deregisters from Consul;
                failures are logged, never raised.
                """
                emit_log_event(
                    LogLevel.INFO,
                    "NodeScoreCompute shutting down",
                    {"node_id": self.node_id},
                )

                # Cleanup container services
                if hasattr(self.container, "cleanup"):
                    try:
                        await self.container.cleanup()
                        emit_log_event(
                            LogLevel.INFO,
                            "Container services cleaned up successfully",
                            {"node_id": self.node_id},
                        )
                    except Exception as e:
                        emit_log_event(
                            LogLevel.WARNING,
                            f"Container cleanup failed: {e}",
                            {
                                "node_id": self.node_id,
                                "error": str(e),
                                "error_type": type(e).__name__,
                            },
                        )

                # Deregister from Consul for clean service discovery
                self._deregister_from_consul()

                emit_log_event(
                    LogLevel.INFO,
                    "NodeScoreCompute shutdown complete",
                    {"node_id": self.node_id},
                )
      `),
    },
  ],
};
