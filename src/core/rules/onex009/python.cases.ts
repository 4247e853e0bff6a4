// ONEX009 metrics: a non-declarative node class with no get_metrics, or whose get_metrics returns
// dict literals without success-rate, failure and average-duration keys (rules.md).
// Run by test/rules/tables.test.ts; the table is shared with test/fixes/ONEX009.test.ts, which applies
// the fix to every invalid case.
import { BRIDGE_PROJECT, type RuleTable, dedent, pythonFixture } from '../cases';

const HEADER = dedent(`
  from typing import Any

  from omnibase_core.nodes.node_reducer import NodeReducer
`);

export const ONEX009_PYTHON_CASES: RuleTable = {
  config: BRIDGE_PROJECT,
  valid: [
    {
      name: 'the spec\'s get_metrics with derived figures',
      code: HEADER + dedent(`
        class NodeTotalsReducer(NodeReducer):
            def get_metrics(self) -> dict[str, Any]:
                avg_duration_ms = self._total_duration_ms / self._total_operations if self._total_operations else 0
                return {
                    "total_operations": self._total_operations,
                    "failed_operations": self._failed_operations,
                    "success_rate": round(self._success_rate(), 4),
                    "avg_duration_ms": round(avg_duration_ms, 2),
                }
      `),
    },
    {
      name: 'other key spellings: failure_count, avg_latency_ms, success_rate_pct',
      code: HEADER + dedent(`
        class NodeTotalsReducer(NodeReducer):
            def get_metrics(self):
                return {"failure_count": 1, "avg_latency_ms": 2.0, "success_rate_pct": 99.0}
      `),
    },
    {
      name: 'keys in nested dict literals',
      code: HEADER + dedent(`
        class NodeTotalsReducer(NodeReducer):
            def get_metrics(self):
                return {
                    "operations": {"total": self._total, "failed": self._failed, "success_rate": self._rate},
                    "latency": {"avg_duration_ms": self._avg},
                }
      `),
    },
    {
      name: 'a return that is not a dict literal cannot be judged',
      code: HEADER + dedent(`
        class NodeTotalsReducer(NodeReducer):
            def get_metrics(self):
                metrics = {"total_operations": self._total}
                return metrics
      `),
    },
    {
      name: 'a ** spread cannot be judged',
      code: HEADER + dedent(`
        class NodeTotalsReducer(NodeReducer):
            def get_metrics(self):
                return {**super().get_metrics(), "total_operations": self._total}
      `),
    },
    {
      name: 'a computed key cannot be judged',
      code: HEADER + dedent(`
        class NodeTotalsReducer(NodeReducer):
            async def get_metrics(self):
                return {f"{self.prefix}_total": self._total}
      `),
    },
    {
      name: 'one complete return among early ones',
      code: HEADER + dedent(`
        class NodeTotalsReducer(NodeReducer):
            def get_metrics(self):
                if not self._enabled:
                    return {"enabled": False}
                return {"failed": self._failed, "success_rate": self._rate, "avg_duration_ms": self._avg}
      `),
    },
    {
      name: 'a base whose name contains Metrics',
      code: HEADER + dedent(`
        from omnibase_core.mixins.mixin_metrics import MixinMetrics

        class NodeTotalsReducer(NodeReducer, MixinMetrics):
            async def execute_reduction(self, contract):
                return contract
      `),
    },
    {
      name: 'a pre-composed ModelService node (it mixes in MixinMetrics)',
      code: dedent(`
        from omnibase_core.nodes.node_service_reducer import ModelServiceReducer

        class NodeTotalsReducer(ModelServiceReducer):
            async def execute_reduction(self, contract):
                return contract
      `),
    },
    {
      name: 'get_metrics of a base class in the same file',
      code: HEADER + dedent(`
        class MeasuredReducer(NodeReducer):
            def get_metrics(self):
                return {"failed": 0, "success_rate": 1.0, "avg_duration_ms": 0.0}


        class NodeTotalsReducer(MeasuredReducer):
            async def execute_reduction(self, contract):
                return contract
      `),
    },
    {
      name: 'declarative node',
      code: HEADER + dedent(`
        class NodeTotalsReducer(NodeReducer):
            def __init__(self, container):
                super().__init__(container)
      `),
    },
    {
      name: 'a class with a syntax error inside is skipped',
      code: HEADER + dedent(`
        class NodeTotalsReducer(NodeReducer):
            async def execute_reduction(self, contract):
                return {contract
      `),
    },
    {
      name: 'suppressed on the class line',
      code: HEADER + dedent(`
        class NodeTotalsReducer(NodeReducer):  # onex: ignore[ONEX009]
            async def execute_reduction(self, contract):
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
      name: 'no get_metrics',
      code: HEADER + dedent(`
        class NodeTotalsReducer(NodeReducer):
            async def execute_reduction(self, contract):
                return contract
      `),
      errors: [{
        line: 4, column: 7, endLine: 4, endColumn: 24,
        message: 'NodeTotalsReducer has no get_metrics() method: no operation counts, success rate or durations to monitor',
      }],
    },
    {
      name: 'the spec\'s template: total operations only',
      code: HEADER + dedent(`
        class NodeTotalsReducer(NodeReducer):
            def __init__(self, container):
                super().__init__(container)
                self._total_operations = 0

            def get_metrics(self) -> dict:
                """Get metrics."""
                return {"total_operations": self._total_operations}
      `),
      errors: [{
        line: 4, column: 7,
        message: 'NodeTotalsReducer.get_metrics() lacks a success rate (success_rate), a failure count (failed_operations) and an average duration (avg_duration_ms)',
      }],
    },
    {
      name: 'no average duration (average_duration does not say avg)',
      code: HEADER + dedent(`
        class NodeTotalsReducer(NodeReducer):
            def get_metrics(self):
                return {"failed_operations": 1, "success_rate": 0.5, "average_duration": 3.0}
      `),
      errors: [{ line: 4, column: 7, message: 'NodeTotalsReducer.get_metrics() lacks an average duration (avg_duration_ms)' }],
    },
    {
      name: 'module alias, decorators and a syntax error elsewhere in the file',
      code: HEADER + dedent(`
        import functools

        ReducerBase = NodeReducer

        class TotalsNode(ReducerBase):
            @functools.cached_property
            def settings(self):
                return {}

            async def execute_reduction(self, contract):
                async def step(x):
                    return x
                return await step(contract)

        print(
      `),
      errors: [{ line: 8, column: 7, message: 'TotalsNode has no get_metrics()' }],
    },
    {
      name: 'the template-style payment gateway (long fixture)',
      code: pythonFixture('classlevel_template_effect.py'),
      errors: [{ line: 39, column: 7, message: 'NodePaymentGatewayEffect.get_metrics() lacks a success rate' }],
    },
    {
      name: 'bridge reducers: only the node written without the shared base (long fixture)',
      code: pythonFixture('classlevel_bridge_reducer.py'),
      errors: [{ line: 118, column: 7, message: 'NodeInventoryReducer has no get_metrics()' }],
    },
    {
      name: 'fix: the missing keys added to the returned dict, counters already tracked',
      code: HEADER + dedent(`
        class NodeTotalsReducer(NodeReducer):
            def __init__(self, container):
                super().__init__(container)
                self._total_operations = 0
                self._failed_operations = 0
                self._total_duration_ms = 0.0

            def _track(self, ok):
                self._total_operations += 1

            def get_metrics(self):
                return {"total_operations": self._total_operations}
      `),
      errors: [{ line: 4, column: 7 }],
      output: HEADER + dedent(`
        class NodeTotalsReducer(NodeReducer):
            def __init__(self, container):
                super().__init__(container)
                self._total_operations = 0
                self._failed_operations = 0
                self._total_duration_ms = 0.0

            def _track(self, ok):
                self._total_operations += 1

            def get_metrics(self):
                return {"total_operations": self._total_operations, "success_rate": round((self._total_operations - self._failed_operations) / self._total_operations, 4) if self._total_operations > 0 else 1.0, "failed_operations": self._failed_operations, "avg_duration_ms": round(self._total_duration_ms / self._total_operations, 2) if self._total_operations > 0 else 0.0}
      `),
    },
  ],
};
