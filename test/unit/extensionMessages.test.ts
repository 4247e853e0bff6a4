// What the extension tells the user when a command ends (src/extension/messages.ts, no vscode):
// Check Workspace's counts, cancellation and failure; what a scaffold created, its contract and its
// tests, whatever layout the plan has; the command that runs those tests; an analysis's log line.
import { strict as assert } from 'node:assert';
import { resolveEra } from '../../src/core/era';
import { analysisLine, checkWorkspaceMessage, commonFolder, createdSummary, eraReason, isTestFile, testCommand } from '../../src/extension/messages';

describe('extension messages', () => {
  const done = { checked: 19, total: 19, problems: 22, seconds: 0.84, cancelled: false, unreadable: 0 };

  it('Check Workspace ends with the counts and the time', () => {
    assert.equal(checkWorkspaceMessage(done), 'ONEX Check Workspace: 19 files, 22 problems in 0.8 s.');
    assert.equal(checkWorkspaceMessage({ ...done, checked: 1, total: 1, problems: 1 }), 'ONEX Check Workspace: 1 file, 1 problem in 0.8 s.');
    assert.equal(checkWorkspaceMessage({ ...done, problems: 0 }), 'ONEX Check Workspace: 19 files, no problems in 0.8 s.');
    assert.equal(checkWorkspaceMessage({ ...done, unreadable: 2 }),
      'ONEX Check Workspace: 19 files, 22 problems in 0.8 s. 2 files could not be checked (see the ONEX Forge output).');
  });

  it('a cancelled or failed Check Workspace says so, with how far it got', () => {
    assert.equal(checkWorkspaceMessage({ ...done, checked: 7, problems: 9, seconds: 0.31, cancelled: true }),
      'ONEX Check Workspace cancelled after 7 of 19 files: 9 problems so far (0.3 s).');
    assert.equal(checkWorkspaceMessage({ ...done, checked: 7, error: 'the scan worker stopped' }),
      'ONEX Check Workspace failed after 7 of 19 files: the scan worker stopped');
  });

  it('a scaffold says what it created, finds its contract and its tests in the bridge layout', () => {
    const files = ['nodes/payment_gateway/v1_0_0/__init__.py', 'nodes/payment_gateway/v1_0_0/node.py', 'nodes/payment_gateway/v1_0_0/contract.yaml',
      'nodes/payment_gateway/v1_0_0/models/model_payment_gateway_input.py', 'nodes/payment_gateway/v1_0_0/tests/__init__.py',
      'nodes/payment_gateway/v1_0_0/tests/test_node.py', 'nodes/payment_gateway/__init__.py'];
    assert.deepEqual(createdSummary('NodePaymentGatewayEffect', 'python', 'effect', files), {
      message: 'Created NodePaymentGatewayEffect (Python effect node): 7 files in nodes/payment_gateway.',
      contract: 'nodes/payment_gateway/v1_0_0/contract.yaml',
      testsFolder: 'nodes/payment_gateway/v1_0_0/tests',
    });
  });

  it('and in today\'s layout, with the tests beside the project\'s pyproject.toml, and TypeScript\'s', () => {
    const today = ['src/acme/nodes/node_x_effect/node.py', 'src/acme/nodes/node_x_effect/contract.yaml', 'src/acme/nodes/node_x_effect/handlers/handler_x.py',
      'tests/unit/nodes/node_x_effect/__init__.py', 'tests/unit/nodes/node_x_effect/test_handler_x.py', 'tests/unit/nodes/node_x_effect/test_contract.py'];
    assert.deepEqual(createdSummary('NodeXEffect', 'python', 'effect', today), {
      message: 'Created NodeXEffect (Python effect node): 6 files in src/acme/nodes/node_x_effect, tests in tests/unit/nodes/node_x_effect.',
      contract: 'src/acme/nodes/node_x_effect/contract.yaml',
      testsFolder: 'tests/unit/nodes/node_x_effect',
    });
    const ts = createdSummary('NodeProbeCompute', 'typescript', 'compute', ['gen/probe/node.ts', 'gen/probe/tests/node.test.ts', 'gen/probe/tsconfig.json']);
    assert.equal(ts.message, 'Created NodeProbeCompute (TypeScript compute node): 3 files in gen/probe.');
    assert.equal(ts.contract, undefined);
    assert.equal(ts.testsFolder, 'gen/probe/tests');
    assert.equal(createdSummary('NodeA', 'python', 'reducer', ['a/node.py']).testsFolder, undefined);
  });

  it('test files and common folders', () => {
    assert.deepEqual(['test_node.py', 'node_test.py', 'tests/node.test.ts', 'testing.py', 'tests/__init__.py', 'contest_x.py'].map(isTestFile),
      [true, true, true, false, false, false]);
    assert.equal(commonFolder(['a/b/c.py', 'a/b/d/e.py']), 'a/b');
    assert.equal(commonFolder(['a/x.py', 'b/y.py']), '');
    assert.equal(commonFolder([]), '');
  });

  it('the tests run with pytest or with mocha and tsx, the folder quoted when it needs it', () => {
    assert.equal(testCommand('python', 'nodes/payment_gateway/tests', 'linux'), 'python3 -m pytest nodes/payment_gateway/tests');
    assert.equal(testCommand('python', 'my nodes/x/tests', 'win32'), 'python -m pytest "my nodes/x/tests"');
    assert.equal(testCommand('typescript', 'gen/probe/tests', 'linux'), 'npx mocha --require tsx/cjs "gen/probe/tests/*.test.ts"');
  });

  it('an analysis is logged with its counts, times and place', () => {
    const result = { findings: [{}, {}], syntaxErrors: 1, parseMs: 3.14, rulesMs: 8, skipped: undefined } as never;
    assert.equal(analysisLine('nodes/a/node.py', 3, result, 12.44, 'extension host'),
      'nodes/a/node.py v3: 2 problems, 1 syntax error; 12.4 ms (parse 3.1 ms, rules 8.0 ms) on the extension host');
    const skipped = { findings: [], syntaxErrors: 0, parseMs: 0, rulesMs: 0, skipped: { kind: 'too-large', message: 'Skipped: too large.' } } as never;
    assert.equal(analysisLine('big.py', undefined, skipped, 0.2, 'worker'), 'big.py: Skipped: too large; 0.2 ms (parse 0.0 ms, rules 0.0 ms) on the worker');
  });

  it('the scaffold wizard says why the resolver chose its era', () => {
    const pin = { version: '0.46.8', spec: 'omnibase-core==0.46.8', file: '/ws/today/pyproject.toml' };
    const shown = (file: string) => file.replace('/ws/', '');
    assert.equal(eraReason(resolveEra({ language: 'python', pin }), pin, shown), 'the project pins omnibase-core 0.46.8 (today/pyproject.toml)');
    assert.equal(eraReason(resolveEra({ language: 'typescript', pin }), pin, shown),
      "TypeScript nodes take the bridge idiom (today's framework has no TypeScript runtime)");
    assert.equal(eraReason(resolveEra({ setting: 'bridge', settingSource: 'the onexForge.frameworkTarget setting', language: 'python', pin }), pin, shown),
      'set by the onexForge.frameworkTarget setting');
    assert.equal(eraReason(resolveEra({ language: 'python', pin: null }), null, shown), 'no project above the folder pins omnibase-core');
  });
});
