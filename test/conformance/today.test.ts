// Conformance of today's scaffold with the real framework (omnibase-core 0.46.8, omnibase-infra 0.38.x):
// every kind, scaffolded through the CLI (`onex-forge new --target current`) into (a) a small pyproject
// project (the package under src/<pkg>/nodes/) and (b) a bare folder with no project, must pass:
//   1. every module imports; the node class constructs with the real ModelONEXContainer();
//   2. every contract loader and validator of current-era.md §2.1 that applies (not the typed
//      ModelContract* dialect, nor infra's own producer/node allow-lists and topic enums);
//   3. wire_from_manifest with the real MessageDispatchEngine and a stand-in bus: no failure, and a
//      message on the node's topic reaches its handler and returns the kind's output;
//   4. the generated tests, with pytest in the framework's environment;
//   5. the framework's own checks on node code (declarative nodes, canonical handler shape, the
//      env / Consul / I/O-outside-effects gates and the other hooks omnibase_core exports, handler
//      Any signatures, SPDX headers, ruff and mypy --strict with omnibase_infra's configuration);
//   6. `onex-forge check` reports nothing.
// Checks 1-5 run in test/conformance/today_conformance.py, inside the framework's environment: one
// process per family of checks over every package, the families side by side.
//   npx mocha test/conformance/today.test.ts
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NODE_KINDS, type NodeKind } from '../../src/core/scaffold';
import { cli } from '../cli/helpers';
import { frameworkAvailable, frameworkState, runFramework } from '../helpers/framework';

type Layout = 'project' | 'bare';
const LAYOUTS: Layout[] = ['project', 'bare'];
const YEAR = new Date().getFullYear();

/** The project's metadata: the producer of its topics, and the holder of its SPDX lines. */
const PYPROJECT = `[project]
name = "acme-nodes"
version = "0.1.0"
authors = [{ name = "Acme Labs", email = "dev@acme.example" }]
license = "MIT"

[tool.pytest.ini_options]
pythonpath = ["src"]
`;

/** The checks the harness runs per package (its families: checks, lint, pytest). */
const HARNESS_CHECKS = [
  'imports', 'constructs',
  'contract:validate_yaml_file', 'contract:ContractLinter', 'contract:discover_contracts_from_paths',
  'contract:handler_routing_schema', 'contract:mixed_category_routing', 'contract:handler_dispatch_entrypoint',
  'contract:published_events_consistency', 'contract:validate_topic_suffix', 'contract:ValidatorRuntimeProfiles',
  'contract:operation_match_requires_operation', 'contract:command_category_requires_event_model',
  'contract:batch_validate_node_contracts',
  'runtime:wire_and_dispatch',
  'pytest',
  'gate:declarative_nodes', 'gate:canonical_handler_shape', 'gate:handler_any_signature',
  'gate:validate_no_env_fallbacks', 'gate:pydantic_extra_forbid', 'gate:no-consul-references', 'gate:no-onex-env-reads',
  'gate:spdx_validate(project header)', 'gate:spdx_validate(as shipped)',
  'hook:check-no-io-outside-effects', 'hook:check-no-env-fallbacks', 'hook:no-new-os-environ', 'hook:check-no-utcnow',
  'hook:check-no-hardcoded-ip', 'hook:check-no-direct-kafka-producer', 'hook:check-no-raw-sqlite3',
  'hook:check-localhost-url-compute', 'hook:check-private-ip-compute', 'hook:check-hardcoded-topics-v2',
  'hook:handler-di-gate', 'hook:no-noncanonical-lifecycle-classes', 'hook:no-plugin-daemon-classes',
  'hook:check-stub-implementations', 'hook:check-todo-fixme-marker-compute', 'hook:dispatched-contract-operation',
  'lint:ruff check', 'lint:ruff format --check', 'lint:mypy --strict',
];
const FAMILIES = ['checks', 'lint', 'pytest'];

const MUTANT = 'mutant/bare';

/** Defects planted in the mutant's files: [file, what, replacement]. */
const MUTATIONS: [string, RegExp, string][] = [
  ['contract.yaml', /node_type: "EFFECT_GENERIC"/, 'node_type: "EFFECT"'],
  ['contract.yaml', /(published_events:\n {2}- topic: )"[^"]+"/, '$1"onex.evt.mutant-written.v1"'],
  ['node.py', /(\n {8}super\(\)\.__init__\(container\)\n)/, '$1\n    async def process(self) -> None:\n        """Not allowed in a declarative node."""\n'],
  ['handlers/handler_mutant.py', /\nclass HandlerMutant:/, '\n# Unwraps the ModelEventEnvelope itself.\nclass HandlerMutant:'],
  ['models/model_mutant_written.py', /^# SPDX-FileCopyrightText: [^\n]*\n/, ''],
  ['protocols/protocol_mutant_client.py', /\nclass ProtocolMutantClient/, '\nSTORE_URL = os.getenv("STORE_URL", "http://localhost:8080")\n\n\nclass ProtocolMutantClient'],
  ['protocols/protocol_mutant_client.py', /\nfrom typing import Protocol\n/, '\nimport os\nfrom typing import Protocol\n'],
];

/** What each defect must make fail (check → a line of its report). */
const MUTANT_FAILS: [string, RegExp][] = [
  ['contract:ContractLinter', /node_type/],
  ['contract:validate_topic_suffix', /onex\.evt\.mutant-written\.v1/],
  ['contract:published_events_consistency', /onex\.evt\.mutant-written\.v1/],
  ['gate:declarative_nodes', /process|DECL-001|method/i],
  ['gate:canonical_handler_shape', /envelope_in_core/],
  ['pytest', /test_the_handler_module_leaves_envelopes_to_the_runtime/],
  ['gate:spdx_validate(project header)', /model_mutant_written\.py/],
  ['gate:validate_no_env_fallbacks', /localhost/],
  ['hook:check-no-env-fallbacks', /protocol_mutant_client\.py/],
  ['hook:no-new-os-environ', /STORE_URL|os\.getenv/],
  ['gate:no-onex-env-reads', /os\.getenv/],
];

interface Scaffolded {
  id: string;
  kind: NodeKind;
  layout: Layout;
  node: string;
  root: string;
  src: string;
  packageDir: string;
  module: string;
  testsDir: string;
  holder: string;
  /** What `onex-forge new` printed, and its exit status. */
  code: number;
  stdout: string;
  stderr: string;
}

interface CheckResult {
  ok: boolean;
  detail: string;
  seconds?: number;
}

describe('conformance: today\'s scaffold against the real framework', function () {
  this.timeout(240_000);
  let tmp = '';
  let packages: Scaffolded[] = [];
  let results: Record<string, Record<string, CheckResult>> = {};
  let findings: { file: string; ruleId: string; message: string }[] = [];
  let harnessOutput = '';
  let pyprojectAfter = '';
  let timing = '';

  before(async () => {
    const started = Date.now();
    frameworkAvailable('today');
    tmp = realpathSync(mkdtempSync(join(tmpdir(), 'onex-conformance-')));
    const project = join(tmp, 'project');
    mkdirSync(join(project, 'src', 'acme_nodes'), { recursive: true });
    writeFileSync(join(project, 'pyproject.toml'), PYPROJECT);
    writeFileSync(join(project, 'src', 'acme_nodes', '__init__.py'), '# SPDX-FileCopyrightText: 2026 Acme Labs\n# SPDX-License-Identifier: MIT\n"""Acme\'s ONEX nodes."""\n');
    const bare = join(tmp, 'bare_nodes');

    for (const kind of NODE_KINDS) {
      for (const layout of LAYOUTS) {
        // The bare folder's nodes have longer names: generated lines must still fit ruff's 88 columns.
        const node = layout === 'project' ? `${kind}_node` : `inventory_reconciliation_${kind}`;
        const out = layout === 'project' ? join(project, 'src', 'acme_nodes', 'nodes') : bare;
        const run = await cli(['new', '--target', 'current', '--kind', kind, '--name', node, '--out', out], tmp);
        const inProject = layout === 'project';
        packages.push({
          id: `${kind}/${layout}`, kind, layout, node, ...run,
          root: inProject ? project : bare,
          src: inProject ? join(project, 'src') : bare,
          packageDir: join(out, node),
          module: inProject ? `acme_nodes.nodes.${node}` : node,
          testsDir: inProject ? join(project, 'tests', 'unit', 'nodes', node) : join(bare, node, 'tests'),
          holder: inProject ? 'Acme Labs' : 'The bare-nodes authors',
        });
      }
    }
    pyprojectAfter = readFileSync(join(project, 'pyproject.toml'), 'utf8');

    // A mutant: an effect node with one defect per check below, to show those checks do reject.
    const mutant = await cli(['new', '--target', 'current', '--kind', 'effect', '--name', 'mutant_effect', '--out', bare], tmp);
    assert.equal(mutant.code, 0, mutant.stderr);
    const dir = join(bare, 'mutant_effect');
    for (const [path, from, to] of MUTATIONS) {
      const text = readFileSync(join(dir, path), 'utf8');
      assert.ok(from.test(text), `the mutation ${from} of ${path} applies`);
      writeFileSync(join(dir, path), text.replace(from, to));
    }
    packages.push({
      id: MUTANT, kind: 'effect', layout: 'bare', node: 'mutant_effect', ...mutant, root: bare, src: bare, packageDir: dir,
      module: 'mutant_effect', testsDir: join(dir, 'tests'), holder: 'The bare-nodes authors',
    });

    // Check 6: one `onex-forge check` over every package and its tests; nothing at any severity.
    const check = await cli(['check', '--format', 'json', '--fail-on', 'hint', ...packages.flatMap((p) => [p.packageDir, p.testsDir])], tmp);
    assert.ok(check.code === 0 || check.code === 1, `onex-forge check failed to run: ${check.stderr}`);
    findings = JSON.parse(check.stdout) as typeof findings;

    // Checks 1-5: the harness, inside the framework's environment.
    const state = frameworkState();
    const spec = {
      packages: packages.map((p) => ({
        id: p.id, kind: p.kind, node: p.node, root: p.root, src: p.src, package_dir: p.packageDir, module: p.module,
        tests_dir: p.testsDir, spdx: { holder: p.holder, license: 'MIT', year: YEAR },
      })),
      sdist: { core: `${state.today.sdist}/omnibase_core-${state.today.versions['omnibase-core']}`, infra: `${state.today.sdist}/omnibase_infra-${state.today.versions['omnibase-infra']}` },
      out: join(tmp, 'results.json'),
      mypy_cache: state.today.mypyCache,
    };
    writeFileSync(join(tmp, 'spec.json'), JSON.stringify(spec));
    const run = runFramework('today', ['python', join(__dirname, 'today_conformance.py'), 'all', join(tmp, 'spec.json')], { cwd: tmp, timeoutMs: 200_000 });
    harnessOutput = `${run.stdout}${run.stderr}`;
    assert.equal(run.status, 0, `the conformance harness did not run:\n${harnessOutput}`);
    results = (JSON.parse(readFileSync(join(tmp, 'results.json'), 'utf8')) as { results: typeof results }).results;
    const families = FAMILIES.map((f) => `${f} ${results[packages[0].id]?.[`family:${f}`]?.seconds ?? '?'} s`).join(', ');
    timing = `today's conformance: ${packages.length} packages (one a mutant) in ${((Date.now() - started) / 1000).toFixed(1)} s (${families})`;
  });

  after(() => {
    if (timing) console.log(`      ${timing}`);
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  const resultOf = (id: string, check: string): CheckResult => {
    const result = results[id]?.[check];
    assert.ok(result, `no result for ${check} (harness output:\n${harnessOutput.slice(-3000)})`);
    return result;
  };

  it('onex-forge new registered every project node as an onex.nodes entry point, keeping the file', () => {
    assert.ok(pyprojectAfter.startsWith(PYPROJECT), pyprojectAfter);
    const table = pyprojectAfter.slice(PYPROJECT.length);
    const lines = NODE_KINDS.map((kind) => `${kind}_node = "acme_nodes.nodes.${kind}_node"`);
    assert.equal(table, `\n[project.entry-points."onex.nodes"]\n${lines.join('\n')}\n`);
  });

  describe('the checks are not vacuous: a mutant with planted defects', () => {
    for (const [check, report] of MUTANT_FAILS) {
      it(`${check} rejects it`, () => {
        const result = resultOf(MUTANT, check);
        assert.equal(result.ok, false, `${check} accepted the mutant: ${result.detail}`);
        assert.match(result.detail, report);
      });
    }
  });

  for (const kind of NODE_KINDS) {
    for (const layout of LAYOUTS) {
      const id = `${kind}/${layout}`;
      describe(id, () => {
        const pkg = () => packages.find((p) => p.id === id)!;

        it('onex-forge new --target current writes the package and says where', () => {
          const p = pkg();
          assert.equal(p.code, 0, p.stderr);
          assert.match(p.stdout, /\(python [a-z]+ node, flat layout, current framework\)/);
          assert.match(p.stdout, /^ {2}.*\/handlers\/handler_[a-z_]+\.py$/m);
          if (layout === 'project') {
            assert.match(p.stdout, new RegExp(`^ {2}tests/unit/nodes/${p.node}/test_${p.node}_wiring\\.py$`, 'm'));
            assert.match(p.stdout, /^Changed .*pyproject\.toml: registered .* as an onex\.nodes entry point/m);
          } else {
            assert.match(p.stdout, new RegExp(`^ {2}${p.node}/tests/test_${p.node}_handler\\.py$`, 'm'));
            assert.match(p.stdout, /No pyproject\.toml at or above the folder: the tests are in/);
          }
        });

        for (const check of HARNESS_CHECKS) {
          it(check, () => {
            const result = resultOf(id, check);
            assert.ok(result.ok, `${check} failed:\n${result.detail}`);
          });
        }

        it('the harness ran every family and exactly the listed checks', () => {
          for (const family of FAMILIES) assert.ok(resultOf(id, `family:${family}`).ok, resultOf(id, `family:${family}`).detail);
          const ran = Object.keys(results[id] ?? {}).filter((c) => !c.startsWith('family:')).sort();
          assert.deepEqual(ran, [...HARNESS_CHECKS].sort());
        });

        it('onex-forge check reports nothing', () => {
          const p = pkg();
          const mine = findings.filter((f) => f.file.startsWith(p.packageDir) || f.file.startsWith(p.testsDir));
          assert.deepEqual(mine.map((f) => `${f.file}: ${f.ruleId} ${f.message}`), []);
        });
      });
    }
  }
});
