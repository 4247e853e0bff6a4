// The example workspace says which era each of its files shows: examples/pyproject.toml pins the bridge
// era (omnibase-core 0.1.0) for nodes/, examples/today/pyproject.toml pins today's framework
// (omnibase-core 0.46.8) for its package. The era resolver reads each Python file that way, and each
// example holds up against its own era's real framework: the bridge nodes import under omnibase_core
// 0.1.0 and the production node's tests pass there; today's package imports under 0.46.8 and its
// contract passes validate_yaml_file and omnibase_infra's ContractLinter. The framework runs on
// copies in a temporary folder, so nothing (no __pycache__, no .pytest_cache) lands in examples/.
import { strict as assert } from 'node:assert';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { resolveEra } from '../../src/core/era';
import { planScaffold } from '../../src/core/scaffold';
import { findProjectPin } from '../../src/core/projectPin';
import { importsOf } from '../../src/core/python/imports';
import { getPythonParser, parsePython } from '../../src/core/python/parser';
import { SyntaxTree } from '../../src/core/python/view';
import { frameworkAvailable, runFramework } from '../helpers/framework';

const EXAMPLES = join(__dirname, '..', '..', 'examples');
const TODAY_NODE = 'acme_billing.nodes.node_invoice_send_effect';

function pythonFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === '__pycache__' ? [] : pythonFiles(path);
    return e.name.endsWith('.py') ? [path] : [];
  });
}

/** The framework's output, for an assertion message. */
const shown = (run: { status: number | null; stdout: string; stderr: string }) => `exit ${run.status}\n${run.stdout}\n${run.stderr}`;

describe('example workspace: each example shows one era', function () {
  this.timeout(300_000);
  let tmp = '';

  before(() => {
    tmp = mkdtempSync(join(tmpdir(), 'onex-examples-'));
  });

  after(() => {
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('nodes/ledger_writer is exactly what the bridge scaffold writes for an effect node today (it cannot drift)', () => {
    const plan = planScaffold({ kind: 'effect', name: 'ledger_writer', language: 'python', layout: 'flat', frameworkTarget: 'bridge' });
    const stale = plan.files.filter((f) => readFileSync(join(EXAMPLES, 'nodes', f.path), 'utf8') !== f.content).map((f) => f.path);
    assert.deepEqual(stale, [], 'regenerate them with: node dist/cli.js new --target bridge --kind effect --name ledger_writer --out <tmp>, and copy');
  });

  it('the era resolver gives nodes/ the bridge era and today/ today\'s, from the pins and the imports', async () => {
    const parser = await getPythonParser();
    const eras = new Map<string, string>();
    for (const file of pythonFiles(EXAMPLES)) {
      const text = readFileSync(file, 'utf8');
      const tree = parsePython(parser, text);
      const decision = resolveEra({ language: 'python', imports: importsOf(new SyntaxTree(tree, text).rootNode), pin: findProjectPin(file) });
      tree.delete();
      eras.set(relative(EXAMPLES, file).split('\\').join('/'), `${decision.era} (${decision.step})`);
    }
    const wrong = [...eras].filter(([file, era]) => !era.startsWith(file.startsWith('today/') ? 'current' : 'bridge'));
    assert.deepEqual(wrong, []);
    // The pins decide where the imports say nothing, e.g. the two node.py files whose imports both eras have.
    assert.equal(eras.get('nodes/payment_gateway/v1_0_0/node.py'), 'bridge (project)');
    assert.equal(eras.get('today/src/acme_billing/nodes/node_invoice_send_effect/node.py'), 'current (project)');
    assert.equal(findProjectPin(join(EXAMPLES, 'nodes'))?.version, '0.1.0');
    assert.equal(findProjectPin(join(EXAMPLES, 'today', 'src'))?.version, '0.46.8');
  });

  it('the bridge-era nodes import under omnibase_core 0.1.0, and the production node\'s tests pass there', () => {
    frameworkAvailable('bridge');
    const nodes = join(tmp, 'bridge-nodes');
    cpSync(join(EXAMPLES, 'nodes'), nodes, { recursive: true });
    const env = { PYTHONDONTWRITEBYTECODE: '1' };
    const imported = runFramework('bridge', ['python', '-c',
      'import payment_gateway.v1_0_0.node as t, ledger_writer as p; print(t.NodePaymentGatewayEffect.__name__, p.NodeLedgerWriterEffect.__name__)',
    ], { cwd: nodes, env });
    assert.equal(imported.status, 0, shown(imported));
    assert.equal(imported.stdout.trim(), 'NodePaymentGatewayEffect NodeLedgerWriterEffect');
    const tests = runFramework('bridge', ['python', '-m', 'pytest', '-q', '-p', 'no:cacheprovider', 'ledger_writer/tests'], { cwd: nodes, env });
    assert.equal(tests.status, 0, shown(tests));
    assert.match(tests.stdout, /\b\d+ passed\b/);
    assert.doesNotMatch(tests.stdout, /failed|error/i);
  });

  it('today\'s package imports under omnibase-core 0.46.8 and its contract passes validate_yaml_file and the ContractLinter', () => {
    frameworkAvailable('today');
    const project = join(tmp, 'today');
    cpSync(join(EXAMPLES, 'today'), project, { recursive: true });
    const contract = join(project, 'src', ...TODAY_NODE.split('.'), 'contract.yaml');
    const script = `
import importlib, json, sys
from pathlib import Path
for module in ["${TODAY_NODE}", "${TODAY_NODE}.node", "${TODAY_NODE}.models", "${TODAY_NODE}.handlers.handler_invoice_send"]:
    importlib.import_module(module)
from omnibase_core.validation.validator_contracts import validate_yaml_file
from omnibase_infra.validation.linter_contract import ContractLinter
contract = Path(sys.argv[1])
lint = ContractLinter(check_imports=True).lint_file(contract)
print(json.dumps({
    "yaml_errors": validate_yaml_file(contract),
    "lint_valid": lint.is_valid,
    "lint_violations": [f"{v.severity}: {v.message}" for v in lint.violations],
}))
`;
    const run = runFramework('today', ['python', '-W', 'ignore', '-c', script, contract], {
      cwd: project, env: { PYTHONDONTWRITEBYTECODE: '1', PYTHONPATH: join(project, 'src') },
    });
    assert.equal(run.status, 0, shown(run));
    assert.deepEqual(JSON.parse(run.stdout.trim().split('\n').pop()!), { yaml_errors: [], lint_valid: true, lint_violations: [] });
  });
});
