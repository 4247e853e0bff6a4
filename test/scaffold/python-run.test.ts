// Runs the generated tests/test_node.py of the bridge era's nodes (every kind × layout) with pytest
// against the real omnibase_core 0.1.0 (the `bridge` framework environment): the generated node really
// does what its tests say (health check mode, registration, metrics, the error ladder, publishing
// failures). Today's target is judged by the real framework in test/conformance/today.test.ts. Never
// skipped.
import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NODE_KINDS, planScaffold, SCAFFOLD_LAYOUTS, writeScaffold } from '../../src/core/scaffold';
import { frameworkAvailable, runFramework } from '../helpers/framework';
import { junitCases, type CaseResult, type PythonRun } from './helpers';

/** The generated test functions per node (test_node.py), counting parametrized cases. */
const EXPECTED_CASES_PER_NODE = 21;

/** pytest over `dir` in the bridge era's real framework. */
function runPytest(dir: string, args: string[], timeoutMs = 280_000): PythonRun {
  return runFramework('bridge', ['python', '-m', 'pytest', '-q', '-p', 'no:cacheprovider', ...args, '.'], { cwd: dir, env: { PYTHONDONTWRITEBYTECODE: '1' }, timeoutMs });
}

describe('scaffold: generated pytest suites of the bridge era run green on omnibase_core 0.1.0', function () {
  this.timeout(300_000);
  let tmp: string;
  const cases = new Map<string, CaseResult[]>();
  let pytestOutput = '';

  before(async () => {
    frameworkAvailable('bridge');
    tmp = mkdtempSync(join(tmpdir(), 'onex-pytest-'));
    const dir = join(tmp, 'bridge');
    for (const kind of NODE_KINDS) {
      for (const layout of SCAFFOLD_LAYOUTS) {
        const plan = planScaffold({ kind, name: `${kind}_${layout}_bridge`, language: 'python', layout, frameworkTarget: 'bridge' });
        await writeScaffold(dir, plan);
      }
    }
    const report = join(tmp, 'report-bridge.xml');
    const run = runPytest(dir, [`--junitxml=${report}`]);
    pytestOutput += `${run.stdout}${run.stderr}`;
    let xml = '';
    try {
      xml = readFileSync(report, 'utf8');
    } catch {
      assert.fail(`pytest wrote no report (exit ${run.status}):\n${pytestOutput}`);
    }
    for (const [pkg, list] of junitCases(xml)) cases.set(pkg, list);
  });
  after(() => {
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  for (const kind of NODE_KINDS) {
    for (const layout of SCAFFOLD_LAYOUTS) {
      it(`${kind} / ${layout} / bridge: every generated test passes`, () => {
        const results = cases.get(`${kind}_${layout}_bridge`) ?? [];
        assert.equal(results.length, EXPECTED_CASES_PER_NODE, `pytest collected ${results.length} tests for this node:\n${pytestOutput.slice(-3000)}`);
        const bad = results.filter((r) => r.outcome !== 'passed');
        assert.deepEqual(bad.map((r) => `${r.name} ${r.outcome}\n${r.detail}`), []);
        // The behaviours the issue asks the generated tests to cover are among them.
        const names = results.map((r) => r.name).join('\n');
        for (const behaviour of [
          'TestHealthCheckMode::test_skips_client_creation_and_consul_registration',
          'TestMetrics::test_after_a_success',
          'TestMetrics::test_after_a_failure',
          'TestEventPublishing::test_a_publishing_failure_does_not_fail_the_operation',
          'TestErrorHandling::test_an_onex_error_passes_through_unchanged',
        ]) assert.ok(names.includes(behaviour), behaviour);
      });
    }
  }

  it('a generated test fails when the node loses a pattern (the suite is not vacuous)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'onex-pytest-mutant-'));
    try {
      const plan = planScaffold({ kind: 'effect', name: 'mutant', language: 'python', layout: 'flat', frameworkTarget: 'bridge' });
      // Drop the OnexError pass-through rung: the ModelOnexError gets wrapped by the broad handler.
      const node = plan.files.find((f) => f.path === 'mutant/node.py')!;
      const rung = /\n {8}except ModelOnexError:\n(?: {12}#.*\n)? {12}raise\n/;
      assert.match(node.content, rung);
      node.content = node.content.replace(rung, '\n');
      await writeScaffold(dir, plan);
      const run = runPytest(dir, [], 120_000);
      assert.equal(run.status, 1, run.stdout);
      // The bridge era's entry point also raises a ModelOnexError of its own (a contract of the
      // wrong type), which the broad handler now wraps as well.
      const failing = ['test_an_onex_error_passes_through_unchanged', 'test_rejects_what_is_not_a_contract'];
      for (const test of failing) assert.match(run.stdout, new RegExp(`FAILED .*${test}`));
      assert.match(run.stdout, new RegExp(`${failing.length} failed, ${EXPECTED_CASES_PER_NODE - failing.length} passed`));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
