// planScaffold for the bridge era's target, every kind × layout: the files of each layout, node.py
// that compiles, has all ten patterns' names, raises no ONEX diagnostic and imports only what
// onex-facts.md lists; contract.yaml that parses with the required fields. Today's target has its
// own planner and tests (today-plan.test.ts), and the real framework judges it (test/conformance/).
import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { analyzeText } from '../../src/core/engine';
import { entryPointName } from '../../src/core/framework';
import {
  NODE_KINDS, SCAFFOLD_LAYOUTS, ScaffoldError, planScaffold,
  type FrameworkTarget, type NodeKind, type ScaffoldLayout, type ScaffoldPlan,
} from '../../src/core/scaffold';
import { disallowedImports, factsText, FIXTURE_FACTS, pyCompile, pythonImports, SHARED_FACTS, writePlanFiles } from './helpers';
import { existsSync } from 'node:fs';

function fileOf(plan: ScaffoldPlan, suffix: string): string {
  const file = plan.files.find((f) => f.path.endsWith(suffix));
  assert.ok(file, `the plan has no ${suffix}: ${plan.files.map((f) => f.path).join(', ')}`);
  return file.content;
}

/**
 * What the bridge era's generated tests import beyond onex-facts.md, to build the framework's real
 * contract from contract.yaml: PyYAML (a dependency of omnibase_core 0.1.0), the framework's node type
 * enum and version model, and (compute) ModelSchemaValue. The conformance suite
 * (test/conformance/bridge.test.ts) imports these files in omnibase_core 0.1.0 itself.
 */
const BRIDGE_TEST_IMPORTS = [
  'import yaml:',
  'from omnibase_core.enums import EnumNodeType:',
  'from omnibase_core.primitives.model_semver import ModelSemVer:',
  'from omnibase_core.models.common.model_schema_value import ModelSchemaValue:',
];

const EXPECTED_FILES: Record<ScaffoldLayout, string[]> = {
  flat: [
    'payment_gateway/__init__.py',
    'payment_gateway/node.py',
    'payment_gateway/contract.yaml',
    'payment_gateway/models/__init__.py',
    'payment_gateway/models/model_payment_gateway_input.py',
    'payment_gateway/models/model_payment_gateway_output.py',
    'payment_gateway/tests/__init__.py',
    'payment_gateway/tests/test_node.py',
  ],
  versioned: [
    'payment_gateway/__init__.py',
    'payment_gateway/v1_0_0/__init__.py',
    'payment_gateway/v1_0_0/node.py',
    'payment_gateway/v1_0_0/contract.yaml',
    'payment_gateway/v1_0_0/models/__init__.py',
    'payment_gateway/v1_0_0/models/model_payment_gateway_input.py',
    'payment_gateway/v1_0_0/models/model_payment_gateway_output.py',
    'payment_gateway/v1_0_0/tests/__init__.py',
    'payment_gateway/v1_0_0/tests/test_node.py',
  ],
};

describe('scaffold: planScaffold (Python)', () => {
  let tmp: string;
  before(() => {
    tmp = mkdtempSync(join(tmpdir(), 'onex-plan-'));
  });
  after(() => rmSync(tmp, { recursive: true, force: true }));

  it('uses the shared onex-facts.md, and the committed copy matches it', () => {
    const facts = factsText();
    assert.match(facts, /ModelONEXContainer/);
    if (existsSync(SHARED_FACTS)) {
      assert.equal(readFileSync(FIXTURE_FACTS, 'utf8'), readFileSync(SHARED_FACTS, 'utf8'),
        'test/fixtures/onex-facts.md is out of date: copy /work/shared/spec/onex-facts.md over it');
    }
  });

  for (const layout of SCAFFOLD_LAYOUTS) {
    it(`lays out the ${layout} package`, () => {
      const plan = planScaffold({ kind: 'effect', name: 'payment_gateway', language: 'python', layout, frameworkTarget: 'bridge' });
      assert.deepEqual(plan.files.map((f) => f.path).sort(), [...EXPECTED_FILES[layout]].sort());
      assert.equal(plan.root, layout === 'flat' ? 'payment_gateway' : 'payment_gateway/v1_0_0');
      assert.equal(plan.mainFile, `${plan.root}/node.py`);
      const test = fileOf(plan, 'tests/test_node.py');
      if (layout === 'flat') assert.match(test, /tests\/unit\/nodes\/payment_gateway\//, 'says where today\'s repos keep tests');
      else assert.doesNotMatch(test, /tests\/unit\/nodes/);
    });
  }

  it('rejects bad options with a ScaffoldError that explains', () => {
    const base = { kind: 'effect' as NodeKind, name: 'payment_gateway', language: 'python' as const, layout: 'flat' as ScaffoldLayout, frameworkTarget: 'current' as FrameworkTarget };
    assert.throws(() => planScaffold({ ...base, name: 'PaymentGateway' }), (e: unknown) => e instanceof ScaffoldError && /snake_case/.test(e.message));
    assert.throws(() => planScaffold({ ...base, kind: 'gateway' as NodeKind }), (e: unknown) => e instanceof ScaffoldError && /effect, compute, reducer, orchestrator/.test(e.message));
    assert.throws(() => planScaffold({ ...base, layout: 'nested' as ScaffoldLayout }), (e: unknown) => e instanceof ScaffoldError && /flat, versioned/.test(e.message));
    assert.throws(() => planScaffold({ ...base, frameworkTarget: 'future' as FrameworkTarget }), (e: unknown) => e instanceof ScaffoldError && /current, bridge/.test(e.message));
  });

  for (const kind of NODE_KINDS) {
    for (const layout of SCAFFOLD_LAYOUTS) {
      for (const target of ['bridge'] as FrameworkTarget[]) {
        describe(`${kind} / ${layout} / ${target}`, () => {
          const plan = planScaffold({ kind, name: 'payment_gateway', language: 'python', layout, frameworkTarget: target });
          const node = fileOf(plan, 'node.py');
          const className = `NodePaymentGateway${kind.charAt(0).toUpperCase()}${kind.slice(1)}`;

          it('every .py file compiles with python3 -m py_compile', () => {
            const files = writePlanFiles(join(tmp, `${kind}-${layout}-${target}`), plan).filter((f) => f.endsWith('.py'));
            assert.equal(pyCompile(files), '');
          });

          it('node.py raises no ONEX diagnostic and parses cleanly', async () => {
            const result = await analyzeText(node, { language: 'python', fileName: 'node.py', config: { frameworkTarget: target, timeBudgetMs: 60_000 } });
            assert.equal(result.skipped, undefined);
            assert.equal(result.syntaxErrors, 0);
            assert.deepEqual(result.findings.map((f) => `${f.ruleId} line ${f.range.start.line + 1}: ${f.message}`), []);
          });

          it('every generated file imports only modules and names listed in onex-facts.md', async () => {
            for (const file of plan.files.filter((f) => f.path.endsWith('.py'))) {
              const problems = await disallowedImports(file.content);
              const allowed = target === 'bridge' && file.path.endsWith('tests/test_node.py') ? BRIDGE_TEST_IMPORTS : [];
              assert.deepEqual(problems.filter((p) => !allowed.some((a) => p.includes(a))), [], file.path);
            }
          });

          it('node.py imports the era\'s framework names and defines the kind\'s entry point', async () => {
            const imports = await pythonImports(node);
            const fromModule = (name: string) => imports.find((i) => (i.alias ?? i.name) === name)?.module;
            assert.equal(fromModule('emit_log_event'), target === 'current' ? 'omnibase_core.logging.logging_structured' : 'omnibase_core.logging.structured');
            assert.equal(fromModule('LogLevel'), 'omnibase_core.enums.enum_log_level');
            assert.equal(fromModule('ModelOnexError'), 'omnibase_core.errors');
            assert.equal(fromModule('ModelONEXContainer'), 'omnibase_core.models.container.model_onex_container');
            assert.equal(fromModule(`Node${kind.charAt(0).toUpperCase()}${kind.slice(1)}`), `omnibase_core.nodes.node_${kind}`);
            assert.ok(node.includes(`class ${className}(Node`), className);
            assert.ok(node.includes(`    async def ${entryPointName(kind, target)}(`), `entry point ${entryPointName(kind, target)}`);
          });

          it('node.py carries the ten patterns with the real framework names', () => {
            const expectations: [string, RegExp][] = [
              ['health check mode', /"health_check_mode"/],
              ['Consul registration', /consul_client\.agent\.service\.register\(/],
              ['Consul deregistration', /consul_client\.agent\.service\.deregister\(/],
              ['envelope publishing', /await self\.kafka_client\.publish_with_envelope\(/],
              ['event metadata', /"event_category": EVENT_CATEGORY,\s+"node_type": NODE_TYPE,\s+"namespace": self\.default_namespace,/],
              ['OnexError first in the ladder', /try:\n(\s+\w+ = .*\n)*\s+result = [^]*?\n\s+except ModelOnexError:\n(\s+#.*\n)?\s+raise\n/],
              ['network errors', /EnumCoreErrorCode\.NETWORK_ERROR/],
              ['lifecycle', /async def startup\(self\) -> None:[^]*async def shutdown\(self\) -> None:/],
              ['defensive config', /if hasattr\(self\.container\.config, "get"\)/],
              ['service resolution', target === 'bridge'
                ? /self\.container\.get_service\(protocol_type\)[^]*if service is None:/
                : /self\.container\.get_service\(service_name\)[^]*if service is None:/],
              ['metrics', /"success_rate": round\(success_rate, 4\),[^]*"avg_duration_ms"/],
              ['precise timing', /time\.perf_counter\(\)/],
            ];
            for (const [pattern, re] of expectations) assert.match(node, re, pattern);
            // Names that never existed, and defaults today's checks reject, never appear.
            assert.doesNotMatch(node, /CONNECTION_ERROR|EXECUTION_ERROR|time\.time\(\)|os\.getenv|localhost|\bcause=/);
            // Every ModelOnexError raised inside an except block is chained (the bridge era's entry
            // point also raises one outside any: the contract type check).
            const raises = node.match(/raise ModelOnexError\([^]*?\n\s+\)( from e)?\n/g) ?? [];
            const unchained = raises.filter((r) => !/ from e\n$/.test(r));
            if (target === 'bridge') {
              assert.equal(raises.length, 5);
              assert.equal(unchained.length, 1);
              assert.match(unchained[0], /Invalid contract type/);
            } else {
              assert.equal(raises.length, 4);
              assert.deepEqual(unchained, []);
            }
          });

          it('the models package exports the input and output models', () => {
            const init = fileOf(plan, 'models/__init__.py');
            assert.match(init, /from \.model_payment_gateway_input import ModelPaymentGatewayInput/);
            assert.match(init, /from \.model_payment_gateway_output import ModelPaymentGatewayOutput/);
          });

          if (target === 'bridge') {
            it('contract.yaml has the shape of the kind\'s ModelContract at omnibase_core 0.1.0', () => {
              const contract = parseYaml(fileOf(plan, 'contract.yaml')) as Record<string, unknown>;
              assert.equal(contract.name, 'payment_gateway');
              assert.deepEqual(contract.version, { major: 1, minor: 0, patch: 0 });
              assert.equal(contract.node_type, kind.toUpperCase());
              assert.equal(typeof contract.description, 'string');
              assert.equal(contract.input_model, 'ModelPaymentGatewayInput');
              assert.equal(contract.output_model, 'ModelPaymentGatewayOutput');
              assert.deepEqual(contract.performance, { single_operation_max_ms: 30000 });
              assert.deepEqual((contract.dependencies as { name: string }[]).map((d) => d.name), ['KafkaClientProtocol']);
              // The generic YAML loaders' keys, except where ModelContractOrchestrator forbids them.
              if (kind === 'orchestrator') {
                assert.equal(contract.contract_version, undefined);
                assert.equal(contract.node_name, undefined);
              } else {
                assert.deepEqual(contract.contract_version, { major: 1, minor: 0, patch: 0 });
                assert.equal(contract.node_name, 'payment_gateway');
              }
              // The events it lists are the ones node.py publishes.
              const published = kind === 'orchestrator'
                ? (contract.published_events as { event_name: string }[]).map((e) => e.event_name)
                : (contract.event_type as { primary_events: string[] }).primary_events;
              assert.deepEqual(published, ['payment_gateway.completed', 'payment_gateway.failed']);
              assert.match(node, /EVENT_COMPLETED = f"\{NODE_NAME\}\.completed"/);
              assert.match(node, /EVENT_FAILED = f"\{NODE_NAME\}\.failed"/);
              assert.match(node, /topic_name = f"\{self\.default_namespace\}\.\{event_type\}\.v1"/);
              // What the kind's contract model requires of it.
              if (kind === 'effect') assert.equal((contract.io_operations as unknown[]).length, 1);
              if (kind === 'compute') assert.ok(Object.keys((contract.algorithm as { factors: object }).factors).length > 0);
              // The entry point takes that contract.
              const contractClass = `ModelContract${kind.charAt(0).toUpperCase()}${kind.slice(1)}`;
              assert.ok(node.includes(`async def ${entryPointName(kind, target)}(\n        self, contract: ${contractClass}\n    )`));
            });
            return;
          }

          it('contract.yaml is valid YAML with the required fields', () => {
            const contract = parseYaml(fileOf(plan, 'contract.yaml')) as Record<string, unknown>;
            assert.equal(contract.name, 'payment_gateway');
            assert.equal(contract.node_type, kind.toUpperCase());
            assert.equal(contract.version, '1.0.0');
            assert.equal(typeof contract.description, 'string');
            assert.equal(contract.node_class, className);
            assert.equal(contract.entry_point, entryPointName(kind, target));
            assert.deepEqual(contract.input_model, { name: 'ModelPaymentGatewayInput', module: 'models.model_payment_gateway_input' });
            assert.deepEqual(contract.output_model, { name: 'ModelPaymentGatewayOutput', module: 'models.model_payment_gateway_output' });
            const topics = contract.event_topics as { publishes: { event_type: string; topic: string }[] };
            assert.deepEqual(topics.publishes.map((t) => t.topic), ['onex.payment_gateway.completed.v1', 'onex.payment_gateway.failed.v1']);
            // The topics the contract lists are the ones node.py publishes.
            assert.match(node, /EVENT_COMPLETED = f"\{NODE_NAME\}\.completed"/);
            assert.match(node, /topic_name = f"\{self\.default_namespace\}\.\{event_type\}\.v1"/);
            assert.match(node, /DEFAULT_NAMESPACE = "onex"/);
          });

        });
      }
    }
  }

  it('derives every name from the node name (a long name, digits, a kind suffix)', () => {
    const plan = planScaffold({ kind: 'effect', name: 'database_adapter_v2_effect', language: 'python', layout: 'flat', frameworkTarget: 'bridge' });
    const node = fileOf(plan, 'node.py');
    assert.match(node, /class NodeDatabaseAdapterV2Effect\(NodeEffect\):/);
    assert.match(node, /NODE_NAME = "database_adapter_v2_effect"/);
    assert.ok(plan.files.some((f) => f.path === 'database_adapter_v2_effect/models/model_database_adapter_v2_effect_input.py'));
    assert.match(fileOf(plan, 'models/__init__.py'), /ModelDatabaseAdapterV2Input/);
  });
});
