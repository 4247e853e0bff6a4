// The bridge era's judge: every kind × layout of `onex-forge new --target bridge`, scaffolded through the
// CLI, run by the real omnibase_core 0.1.0 (the `bridge` framework environment). Six checks per node:
//   1. every file imports; the node class constructs with the real ModelONEXContainer, health check
//      mode on and off (and inside an event loop);
//   2. contract.yaml through the contract loaders and validators 0.1.0 has for a node's contract:
//      ProtocolContractValidator (validation/contract_validator.py, the kind's ModelContract),
//      ModelContract<Kind>.from_yaml, validation.contracts.validate_yaml_file (ModelYamlContract, the
//      validation CLI's contract check) and ProtocolContractLoader (utils/util_contract_loader.py);
//   3. the node's 0.1.0 entry point, called with a real ModelContract<Kind> built from contract.yaml,
//      returns the kind's output;
//   4. the generated tests pass with pytest in the bridge environment;
//   5. omnibase_core.validation's own suite (architecture, union-usage, contracts, patterns), strict;
//   6. `onex-forge check` with framework-target "bridge" reports nothing.
// Where 0.1.0 cannot accept any contract of a kind (its own defects, named below), the check asserts
// that the framework's defect is the only thing it reports, and that the same contract passes the
// model's own validation of every field. The Python side (bridge_harness.py) runs one process per
// check family over all packages. A mutant package shows that every check can fail.
//
// Run: npx mocha --no-config --require tsx/cjs --extension ts --timeout 180000 test/conformance/bridge.test.ts
import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { classNameFor, domainNameFor, NODE_KINDS, SCAFFOLD_LAYOUTS, type NodeKind, type ScaffoldLayout } from '../../src/core/scaffold';
import { cli } from '../cli/helpers';
import { frameworkAvailable, runFramework } from '../helpers/framework';
import { junitCases, type CaseResult } from '../scaffold/helpers';

const HARNESS = join(__dirname, 'bridge_harness.py');
const FAMILIES = ['imports', 'contracts', 'entry', 'checks'] as const;
type Family = typeof FAMILIES[number];

/** The generated tests per node (tests/test_node.py of the bridge target, parametrized cases counted). */
const GENERATED_TESTS_PER_NODE = 21;

/** What a run of each kind is given (the contract's input_state; the orchestrator's contract has none) and returns. */
const RUNS: Record<NodeKind, { inputState: Record<string, unknown> | null; result: (correlationId: string | null) => unknown }> = {
  effect: {
    inputState: { operation: 'charge', payload: { amount: 42, currency: 'EUR' } },
    result: () => ({ operation: 'charge', accepted: true, payload: { amount: 42, currency: 'EUR' } }),
  },
  compute: { inputState: { values: [2, 4, 9] }, result: () => ({ count: 3, total: 15, mean: 5 }) },
  reducer: {
    inputState: { items: [{ kind: 'x' }, { kind: 'y' }, { kind: 'x' }, { kind: 'x' }], group_by: 'kind' },
    result: () => ({ total_items: 4, groups: { x: 3, y: 1 } }),
  },
  orchestrator: {
    inputState: null,
    result: (correlationId) => ({
      workflow_id: correlationId,
      completed_steps: [{ step: 'validate', status: 'completed' }, { step: 'persist', status: 'completed' }],
    }),
  },
};

interface Attempt<T = unknown> {
  ok: boolean;
  value?: T;
  error?: string;
  trace?: string;
}

interface Package {
  kind: NodeKind;
  layout: ScaffoldLayout;
  name: string;
  /** The Python module of the node's package, e.g. `effect_versioned.v1_0_0`. */
  module: string;
  /** Its folder below the scaffold folder. */
  dir: string;
}

function packageOf(kind: NodeKind, layout: ScaffoldLayout, name = `${kind}_${layout}`): Package {
  const dir = layout === 'versioned' ? `${name}/v1_0_0` : name;
  return { kind, layout, name, module: dir.replace('/', '.'), dir };
}

const PACKAGES: Package[] = NODE_KINDS.flatMap((kind) => SCAFFOLD_LAYOUTS.map((layout) => packageOf(kind, layout)));
/** A node with one fault per check (see mutate()): every check must report it. */
const MUTANT = packageOf('effect', 'flat', 'mutant_effect');


function edit(path: string, from: string | RegExp, to: string): void {
  const text = readFileSync(path, 'utf8');
  const changed = text.replace(from, to);
  assert.notEqual(changed, text, `the mutant's edit of ${path} found nothing to change: ${from}`);
  writeFileSync(path, changed);
}

/**
 * One fault per check in the mutant: the old contract shape (`version: "1.0.0"`), a container API
 * 0.1.0 lacks (`register_service`) called unguarded in __init__, a `str | None` (0.1.0's strict union
 * check), and a `time.time()` duration (ONEX010).
 */
function mutate(root: string): void {
  const dir = join(root, MUTANT.dir);
  edit(join(dir, 'contract.yaml'), /^version:\n(  .*\n){3}/m, 'version: "1.0.0"\n');
  edit(join(dir, 'node.py'), '        super().__init__(container)\n',
    '        super().__init__(container)\n        container.register_service("kafka_client", None)\n'
    + '        self._built_in = time.time() - time.time()\n');
  edit(join(dir, 'node.py'), 'self.consul_host: Optional[str]', 'self.consul_host: str | None');
}

describe('conformance: the bridge target on omnibase_core 0.1.0', function () {
  this.timeout(180_000);
  let tmp: string;
  const results = {} as Record<Family, Record<string, Attempt<Record<string, unknown>>>>;
  const harnessOutput: Record<string, string> = {};
  let tests = new Map<string, CaseResult[]>();
  let pytestOutput = '';
  let findings: { file: string; rule: string; message: string }[] = [];
  let checkRun = { code: -1, stdout: '', stderr: '' };

  before(async () => {
    frameworkAvailable('bridge');
    tmp = mkdtempSync(join(tmpdir(), 'onex-conformance-bridge-'));
    for (const p of [...PACKAGES, MUTANT]) {
      const r = await cli(['new', '--kind', p.kind, '--name', p.name, '--out', tmp, '--layout', p.layout, '--target', 'bridge'], tmp);
      assert.equal(r.code, 0, `onex-forge new failed for ${p.name}: ${r.stderr}`);
    }
    mutate(tmp);

    const spec = join(tmp, 'packages.json');
    writeFileSync(spec, JSON.stringify([...PACKAGES, MUTANT].map((p) => ({
      module: p.module, dir: p.dir, kind: p.kind, input_state: RUNS[p.kind].inputState,
    }))));
    for (const family of FAMILIES) {
      const out = join(tmp, `${family}.json`);
      const run = runFramework('bridge', ['python', HARNESS, family, tmp, out, spec], { cwd: tmp, timeoutMs: 120_000 });
      harnessOutput[family] = `${run.stdout}${run.stderr}`;
      assert.equal(run.status, 0, `the ${family} harness failed:\n${harnessOutput[family]}`);
      results[family] = JSON.parse(readFileSync(out, 'utf8'));
    }

    const report = join(tmp, 'pytest.xml');
    const pytest = runFramework('bridge', ['python', '-m', 'pytest', '-q', '-p', 'no:cacheprovider', `--junitxml=${report}`, '.'], {
      cwd: tmp, env: { PYTHONDONTWRITEBYTECODE: '1' }, timeoutMs: 120_000,
    });
    pytestOutput = `${pytest.stdout}${pytest.stderr}`;
    tests = junitCases(readFileSync(report, 'utf8'));

    const config = join(tmp, 'onex-forge.json');
    writeFileSync(config, JSON.stringify({ 'framework-target': 'bridge' }));
    checkRun = await cli(['check', '--config', config, '--format', 'json', '--fail-on', 'hint', tmp], tmp);
    findings = JSON.parse(checkRun.stdout) as typeof findings;
  });

  after(() => {
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  /** A package's result of a family, which the harness itself completed. */
  function resultOf(family: Family, p: Package): Record<string, unknown> {
    const r = results[family][p.module];
    assert.ok(r, `no ${family} result for ${p.module}:\n${harnessOutput[family]}`);
    assert.ok(r.ok, `the ${family} harness failed on ${p.module}: ${r.error}\n${r.trace}`);
    return r.value!;
  }

  function ok<T>(what: string, a: Attempt<T> | undefined): T {
    assert.ok(a, `${what}: no result`);
    assert.ok(a.ok, `${what}: ${a.error}\n${a.trace ?? ''}`);
    return a.value as T;
  }

  function failure(what: string, a: Attempt | undefined): string {
    assert.ok(a, `${what}: no result`);
    assert.equal(a.ok, false, `${what} passed where omnibase_core 0.1.0 cannot: ${JSON.stringify(a.value)}`);
    return a.error!;
  }

  function findingsIn(p: Package): string[] {
    const dir = join(tmp, p.dir);
    return findings.filter((f) => f.file.startsWith(`${dir}/`) || f.file.startsWith(`${p.dir}/`))
      .map((f) => `${f.file} ${f.rule}: ${f.message}`);
  }

  for (const p of PACKAGES) {
    const className = classNameFor(p.name, p.kind);
    describe(`${p.kind} × ${p.layout}`, () => {
      it('1. every file imports, and the node constructs with the real ModelONEXContainer, health check mode on and off', () => {
        const r = resultOf('imports', p) as { modules: Record<string, Attempt>; class: Attempt<string>; construct: Record<string, Attempt<Record<string, unknown>>> };
        assert.equal(Object.keys(r.modules).length, 7, Object.keys(r.modules).join(', '));
        for (const [module, attempt] of Object.entries(r.modules)) ok(`import ${module}`, attempt);
        assert.equal(ok('the node class', r.class), className);
        const on = ok('health check mode on', r.construct.health_check_on);
        assert.deepEqual([on.health_check_mode, on.kafka_client, on.consul_service_id], [true, null, null]);
        // Configured for Kafka and Consul, in an environment with neither omninode_bridge nor
        // python-consul: the node degrades (events logged, no registration) instead of failing.
        const off = ok('health check mode off', r.construct.health_check_off);
        assert.deepEqual([off.health_check_mode, off.kafka_client, off.consul_service_id, off.pending], [false, null, null, false]);
        ok('an unconfigured container', r.construct.unconfigured);
        assert.equal(ok('health check mode on, inside an event loop', r.construct.health_check_on_in_loop).pending, false);
        // Inside an event loop the container's get_service cannot run: startup() resolves the client.
        assert.equal(ok('health check mode off, inside an event loop', r.construct.health_check_off_in_loop).pending, true);
      });

      it('2. contract.yaml passes the contract loaders and validators of omnibase_core 0.1.0', () => {
        const loaders = (resultOf('contracts', p) as { loaders: Record<string, Attempt> }).loaders;
        const validator = ok('ProtocolContractValidator', loaders['ProtocolContractValidator.validate_contract_file']) as {
          is_valid: boolean; violations: string[]; warnings: string[];
        };
        // Every field of the kind's ModelContract validates (pydantic's own validation of the model).
        ok('ModelContract all-field validation', loaders.all_fields);
        if (p.kind === 'compute') {
          // 0.1.0 defect: ModelContractCompute.__init__ passes only the base contract's fields on, so
          // `algorithm` (required) never arrives and no compute contract validates through it.
          assert.deepEqual([validator.is_valid, validator.violations, validator.warnings], [false, ['algorithm: Field required'], []]);
          assert.match(failure('ModelContractCompute.model_validate', loaders.model_validate), /algorithm\n\s+Field required/);
          // ...and from_yaml hands its __init__ the YAML's version dict, which it asserts is a ModelSemVer.
          assert.match(failure('ModelContractCompute.from_yaml', loaders.from_yaml), /version must be ModelSemVer, got <class 'dict'>/);
        } else {
          assert.deepEqual([validator.is_valid, validator.violations, validator.warnings], [true, [], []]);
          ok('ModelContract.model_validate', loaders.model_validate);
        }
        if (p.kind === 'effect') {
          // 0.1.0 defect: ModelContractEffect's node_type validator rejects every string, so from_yaml
          // loads no effect contract; the validator's conversion to EnumNodeType (above) passes.
          assert.match(failure('ModelContractEffect.from_yaml', loaders.from_yaml), /Invalid node_type: EFFECT/);
        }
        if (p.kind === 'reducer') ok('ModelContractReducer.from_yaml', loaders.from_yaml);
        if (p.kind === 'orchestrator') {
          // 0.1.0 contradiction: ModelContractOrchestrator forbids unknown keys, and the generic
          // loaders require two it does not know (contract_version, node_name).
          assert.match(failure('ModelContractOrchestrator with contract_version and node_name', loaders.model_validate_with_contract_version),
            /contract_version\n\s+Extra inputs are not permitted/);
          const yamlErrors = ok('validate_yaml_file', loaders['validation.contracts.validate_yaml_file']) as string[];
          assert.equal(yamlErrors.length, 1, yamlErrors.join('\n'));
          assert.match(yamlErrors[0], /ModelYamlContract\ncontract_version\n\s+Field required/);
          assert.match(failure('ProtocolContractLoader', loaders['ProtocolContractLoader.load_contract']), /Contract missing required node_name field/);
        } else {
          assert.deepEqual(ok('validate_yaml_file', loaders['validation.contracts.validate_yaml_file']), []);
          assert.equal(ok('ProtocolContractLoader', loaders['ProtocolContractLoader.load_contract']), p.name);
        }
      });

      it('3. the 0.1.0 entry point, given a real ModelContract built from contract.yaml, returns the kind\'s output', () => {
        const r = resultOf('entry', p) as {
          contract: Attempt<{ class: string; correlation_id: string | null }>;
          call: Attempt<{ output_class: string; output: { success: boolean; correlation_id: string; result: unknown; duration_ms: number }; metrics: Record<string, number> }>;
        };
        const contract = ok('the contract', r.contract);
        assert.equal(contract.class, `ModelContract${p.kind.charAt(0).toUpperCase()}${p.kind.slice(1)}`);
        const call = ok('the entry point', r.call);
        assert.equal(call.output_class, `Model${domainNameFor(p.name, p.kind)}Output`);
        assert.equal(call.output.success, true);
        // ModelContractCompute has no correlation_id; the other kinds' runs carry the contract's.
        if (p.kind !== 'compute') assert.equal(call.output.correlation_id, contract.correlation_id);
        assert.deepEqual(call.output.result, RUNS[p.kind].result(contract.correlation_id));
        assert.ok(call.output.duration_ms >= 0);
        assert.deepEqual([call.metrics.total_operations, call.metrics.successful_operations, call.metrics.success_rate], [1, 1, 1]);
      });

      it('4. the generated tests pass with pytest in the bridge environment', () => {
        const cases = tests.get(p.name) ?? [];
        assert.equal(cases.length, GENERATED_TESTS_PER_NODE, `pytest ran ${cases.length} tests of ${p.name}:\n${pytestOutput.slice(-3000)}`);
        assert.deepEqual(cases.filter((c) => c.outcome !== 'passed').map((c) => `${c.name} ${c.outcome}\n${c.detail}`), []);
      });

      it('5. omnibase_core.validation\'s own checks pass, strict (architecture, union-usage, contracts, patterns)', () => {
        const r = resultOf('checks', p) as Record<string, { success: boolean; errors: string[]; files_checked: number }>;
        assert.deepEqual(Object.keys(r).sort(), ['architecture', 'contracts', 'patterns', 'union-usage']);
        for (const check of ['architecture', 'union-usage', 'patterns']) {
          assert.deepEqual([r[check].success, r[check].errors], [true, []], check);
          assert.ok(r[check].files_checked > 0, check);
        }
        if (p.kind === 'orchestrator') {
          // The contradiction of check 2: ModelYamlContract requires what ModelContractOrchestrator forbids.
          assert.equal(r.contracts.errors.length, 1, r.contracts.errors.join('\n'));
          assert.match(r.contracts.errors[0], /contract\.yaml: Contract validation failed: .*ModelYamlContract\ncontract_version\n\s+Field required/);
        } else {
          assert.deepEqual([r.contracts.success, r.contracts.errors, r.contracts.files_checked], [true, [], 1]);
        }
      });

      it('6. onex-forge check (framework-target "bridge") reports nothing but 0.1.0\'s own contradiction', () => {
        assert.ok(checkRun.code === 0 || checkRun.code === 1, `onex-forge check failed (exit ${checkRun.code}): ${checkRun.stderr}`);
        // The contract rules report what validate_yaml_file reports (check 2): on an orchestrator, the
        // contract_version ModelYamlContract requires and ModelContractOrchestrator forbids.
        const contradiction = p.kind === 'orchestrator'
          ? [`${p.dir}/contract.yaml ONEX021: Required field 'contract_version' is missing`] : [];
        assert.deepEqual(findingsIn(p), contradiction);
        assert.equal(checkRun.stderr, '');
      });
    });
  }

  it('every check reports a mutant with one fault per check (the checks are not vacuous)', () => {
    const imports = resultOf('imports', MUTANT) as { construct: Record<string, Attempt> };
    assert.match(failure('constructing the mutant', imports.construct.health_check_off), /'ModelONEXContainer' object has no attribute 'register_service'/);
    const loaders = (resultOf('contracts', MUTANT) as { loaders: Record<string, Attempt> }).loaders;
    const validator = ok('ProtocolContractValidator', loaders['ProtocolContractValidator.validate_contract_file']) as { is_valid: boolean; violations: string[] };
    assert.equal(validator.is_valid, false);
    assert.ok(validator.violations.some((v) => /version/.test(v)), validator.violations.join('\n'));
    const entry = resultOf('entry', MUTANT) as { contract: Attempt };
    failure('the mutant\'s contract', entry.contract);
    const mutantTests = tests.get(MUTANT.name) ?? [];
    assert.equal(mutantTests.length, GENERATED_TESTS_PER_NODE, pytestOutput.slice(-3000));
    assert.ok(mutantTests.every((c) => c.outcome !== 'passed'), 'every generated test of the mutant fails');
    const checks = resultOf('checks', MUTANT) as Record<string, { success: boolean; errors: string[] }>;
    assert.equal(checks['union-usage'].success, false);
    assert.ok(checks['union-usage'].errors.some((e) => /node\.py: Line \d+: Use Optional\[str\]/.test(e)), checks['union-usage'].errors.join('\n'));
    assert.equal(checkRun.code, 1, 'onex-forge check exits 1 on the mutant\'s finding');
    assert.ok(findingsIn(MUTANT).some((f) => / ONEX010: /.test(f)), findingsIn(MUTANT).join('\n'));
  });
});
