// What the engine learns about a file's package from its contract.yaml, and the project folder.
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findPackageFacts, findProjectRoot, packageFactsOf } from '../../src/core/packageFacts';

const CONTRACT = `name: "node_x_effect"
node_type: "EFFECT_GENERIC"
contract_version: {major: 1, minor: 0, patch: 0}
handler_routing:
  routing_strategy: "operation_match"
  handlers:
    - operation: "x.write"
      handler: {name: "HandlerXWrite", module: "acme.nodes.node_x_effect.handlers.handler_x_write"}
    - operation: "x.read"
      handler: {name: "HandlerXRead", module: "acme.nodes.node_x_effect.handlers.handler_x_read"}
dependencies:
  - {name: "X_API_TOKEN", type: "environment"}
  - {name: "ProtocolXClient", type: "protocol"}
config:
  operational: {timeout_ms: 1000}
`;

describe('package facts: what contract.yaml tells the rules', () => {
  it('reads bound handlers, the archetype, declared environment names and config keys', () => {
    const facts = packageFactsOf(CONTRACT, '/p/contract.yaml')!;
    assert.deepEqual(facts.handlers.map((h) => h.name), ['HandlerXWrite', 'HandlerXRead']);
    assert.equal(facts.archetype, 'effect');
    assert.equal(facts.nodeType, 'EFFECT_GENERIC');
    assert.deepEqual(facts.declaredEnvironment, ['X_API_TOKEN']);
    assert.deepEqual(facts.configKeys, ['operational']);
  });
  it("declared environment: a dependency's env_var and name; config: upper-case keys and env_var values (as core's contract_config_compliance reads them)", () => {
    const facts = packageFactsOf([
      'node_type: EFFECT_GENERIC',
      'dependencies:',
      '  - {name: slack_bot_token, type: environment, env_var: SLACK_BOT_TOKEN}',
      '  - {name: LLM_CODER_URL, type: environment}',
      '  - {name: httpx, type: library}',
      'config:',
      '  QDRANT_URL: {required: true}',
      '  embedding_env_var: EMBEDDING_URL',
      '  operational: {timeout_ms: 1000}',
    ].join('\n') + '\n', '/p/contract.yaml')!;
    assert.deepEqual(facts.declaredEnvironment, ['SLACK_BOT_TOKEN', 'slack_bot_token', 'LLM_CODER_URL']);
    assert.deepEqual(facts.configEnvironment, ['QDRANT_URL', 'EMBEDDING_URL']);
    assert.deepEqual(facts.configKeys, ['QDRANT_URL', 'embedding_env_var', 'operational']);
  });
  it('descriptor.node_archetype wins over node_type; default_handler and a top-level handler count as bindings', () => {
    const facts = packageFactsOf('node_type: COMPUTE_GENERIC\ndescriptor: {node_archetype: reducer}\nhandler: {name: HandlerTop, module: a.b}\nhandler_routing: {default_handler: "a.c:HandlerDefault"}\n', 'c')!;
    assert.equal(facts.archetype, 'reducer');
    assert.deepEqual(facts.handlers, [{ name: 'HandlerTop', module: 'a.b' }, { name: 'HandlerDefault', module: 'a.c' }]);
  });
  it('a file that is not a contract, or does not parse, has no facts', () => {
    assert.equal(packageFactsOf('name: x\n', 'c'), null);
    assert.equal(packageFactsOf('node_type: [\n', 'c'), null);
    assert.equal(packageFactsOf('- a\n- b\n', 'c'), null);
  });
  it('a handler in handlers/ finds its package\'s contract; nothing is read past the project folder', () => {
    const root = mkdtempSync(join(tmpdir(), 'onex-facts-'));
    try {
      const pkg = join(root, 'repo', 'src', 'acme', 'nodes', 'node_x_effect');
      mkdirSync(join(pkg, 'handlers'), { recursive: true });
      writeFileSync(join(root, 'repo', 'pyproject.toml'), '[project]\nname = "acme"\n');
      writeFileSync(join(pkg, 'contract.yaml'), CONTRACT);
      assert.equal(findPackageFacts(join(pkg, 'handlers', 'handler_x_write.py'))?.contract, join(pkg, 'contract.yaml'));
      assert.equal(findPackageFacts(join(pkg, 'node.py'))?.archetype, 'effect');
      // A contract above the project folder is another project's.
      writeFileSync(join(root, 'contract.yaml'), CONTRACT);
      assert.equal(findPackageFacts(join(root, 'repo', 'tool.py')), null);
      assert.equal(findProjectRoot(join(pkg, 'handlers', 'handler_x_write.py')), join(root, 'repo'));
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
