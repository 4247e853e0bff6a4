// The package checks read the workspace's files, never run them, and never fail on bad input.
import { strict as assert } from 'node:assert';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkContractText } from '../../src/core/contract/check';
import { CachedReader, diskReader, projectProducers, suggestedTopic } from '../../src/core/contract/package';
import { CONTRACT, checkPackage, edit, HANDLER_PY, tempRoot, writePackage } from './fixturePackage';

describe('contract package checks', () => {
  it('leave alone a YAML file that is not a contract: no node_type and no node.py beside it', async () => {
    const dir = join(tempRoot('onex-contract-other-'), 'config');
    mkdirSync(dir, { recursive: true });
    const path = join(dir, 'contract.yaml');
    writeFileSync(path, 'services:\n  - name: a\n    port: [\n');
    const result = await checkPackage(path, readFileSync(path, 'utf8'), { era: 'today' });
    assert.equal(result.isContract, false);
    assert.deepEqual(result.findings, []);
    // The same file beside a node.py is a contract: its syntax error is reported as such.
    writeFileSync(join(dir, 'node.py'), 'class NodeX(NodeEffect):\n    pass\n');
    const beside = await checkPackage(path, readFileSync(path, 'utf8'), { era: 'today' });
    assert.deepEqual(beside.findings.map((f) => f.ruleId), ['ONEX020']);
    assert.match(beside.findings[0].message, /^YAML syntax error: /);
  });

  it('survive Python files that do not parse, and say nothing they cannot know', async () => {
    const path = writePackage(tempRoot('onex-contract-badpy-'), { handler: 'class HandlerSpecdemoWrite(:\n  def handle(self\n\u0000', nodePy: 'def (((' });
    const result = await checkPackage(path, readFileSync(path, 'utf8'), { era: 'today' });
    assert.deepEqual([...result.otherFiles.keys()], []);
    assert.ok(result.findings.every((f) => f.ruleId !== 'ONEX030'));
  });

  it('do not judge modules outside the workspace (an installed package) nor classes a module may bind dynamically', async () => {
    const outside = edit(CONTRACT, 'module: "omnimarket.nodes.node_specdemo_write_effect.models.model_specdemo_written"', 'module: "somewhere_else.models"');
    const dynamic = `${HANDLER_PY}\n\ndef __getattr__(name):\n    raise AttributeError(name)\n`;
    const root = tempRoot('onex-contract-outside-');
    const a = writePackage(join(root, 'a'), { contract: outside });
    const b = writePackage(join(root, 'b'), { contract: edit(CONTRACT, 'name: "HandlerSpecdemoWrite"', 'name: "HandlerElsewhere"'), handler: dynamic });
    assert.deepEqual((await checkPackage(a, outside, { era: 'today' })).findings, []);
    assert.deepEqual((await checkPackage(b, readFileSync(b, 'utf8'), { era: 'today' })).findings, []);
  });

  it('report a handler without an entrypoint in its own file, pointing back at the contract, and honour its suppression comment', async () => {
    const root = tempRoot('onex-contract-entry-');
    const path = writePackage(join(root, 'a'), { handler: edit(HANDLER_PY, 'async def handle(', 'async def run(') });
    const result = await checkPackage(path, readFileSync(path, 'utf8'), { era: 'today' });
    const [[file, findings]] = [...result.otherFiles];
    assert.match(file, /handler_specdemo_write_effect\.py$/);
    assert.equal(findings[0].ruleId, 'ONEX030');
    assert.equal(findings[0].severity, 'information');
    assert.equal(readFileSync(file, 'utf8').split('\n')[findings[0].range.start.line].trim(), 'class HandlerSpecdemoWrite:');
    assert.equal(findings[0].related![0].path, path);
    const suppressed = writePackage(join(root, 'b'), { handler: edit(HANDLER_PY, 'class HandlerSpecdemoWrite:', 'class HandlerSpecdemoWrite:  # onex: ignore[ONEX030]').replace('async def handle(', 'async def run(') });
    assert.equal((await checkPackage(suppressed, readFileSync(suppressed, 'utf8'), { era: 'today' })).otherFiles.size, 0);
  });

  it('severities are configurable: off removes a rule, error raises one', () => {
    const text = edit(CONTRACT, 'description:', 'node_typ: "x"\ndescription:');
    assert.deepEqual(checkContractText(text, { era: 'today', nextToNode: true, severities: { ONEX022: 'off' } }).findings, []);
    assert.equal(checkContractText(text, { era: 'today', nextToNode: true, severities: { ONEX022: 'error' } }).findings[0].severity, 'error');
  });

  it('suggest topics in the framework\'s format for an event class', () => {
    assert.equal(suggestedTopic('ModelSpecdemoWritten', 'omnimarket'), 'onex.evt.omnimarket.specdemo-written.v1');
    assert.equal(suggestedTopic('ModelRRHToolchainVersions', 'omnibase-infra'), 'onex.evt.omnibase-infra.rrh-toolchain-versions.v1');
  });

  it('with a cached reader, see a changed handler only once told (a warm check reads nothing from disk)', async () => {
    const path = writePackage(tempRoot('onex-contract-cache-'));
    const text = readFileSync(path, 'utf8');
    const reader = new CachedReader();
    assert.equal((await checkPackage(path, text, { era: 'today' }, reader)).otherFiles.size, 0);
    const handler = join(path, '..', 'handlers', 'handler_specdemo_write_effect.py');
    writeFileSync(handler, edit(HANDLER_PY, 'async def handle(', 'async def run('));
    assert.equal((await checkPackage(path, text, { era: 'today' }, reader)).otherFiles.size, 0, 'still the cached text');
    reader.invalidate(handler);
    assert.equal((await checkPackage(path, text, { era: 'today' }, reader)).otherFiles.size, 1);
  });
});

describe("the project's own topic producers (as today's scaffold names topics)", () => {
  const TOPIC = 'onex.evt.omnimarket.specdemo-written.v1';

  it("are its pyproject.toml's name, else the folder its packages are imported from, besides its top-level package", async () => {
    const root = tempRoot('onex-contract-producer-');
    const contract = (producer: string) => CONTRACT.split(TOPIC).join(TOPIC.replace('omnimarket', producer))
      .split('onex.cmd.omnimarket.').join(`onex.cmd.${producer}.`);
    const topicFindings = async (path: string, text: string) => (await checkPackage(path, text, { era: 'today' })).findings.filter((f) => f.ruleId === 'ONEX027');
    // No project: the folder the package is imported from (the scaffold's choice for a bare folder).
    const bare = writePackage(join(root, 'acme_bare'), { contract: contract('acme-bare') });
    assert.deepEqual(await topicFindings(bare, readFileSync(bare, 'utf8')), []);
    assert.deepEqual(projectProducers(join(bare, '..'), diskReader), ['acme-bare']);
    // A project: its name, not its folder's.
    const inProject = writePackage(join(root, 'proj'), { contract: contract('acme-labs') });
    writeFileSync(join(root, 'proj', 'pyproject.toml'), '[project]\nname = "Acme_Labs"\n');
    assert.deepEqual(await topicFindings(inProject, readFileSync(inProject, 'utf8')), []);
    writeFileSync(join(root, 'proj', 'pyproject.toml'), '[project]\nname = "other"\n');
    const other = await topicFindings(inProject, readFileSync(inProject, 'utf8'));
    assert.ok(other.length > 0 && other.every((f) => /unknown producer 'acme-labs'; must be this project's \('other' or 'omnimarket'\)/.test(f.message)), other.map((f) => f.message).join('\n'));
  });
});
