// `check` and `fix` on contract.yaml: found in folders and given as files, in every output format, from
// standard input; safe contract fixes applied by `fix`; the contract judged in its package's era; the node ↔
// contract findings in a Python file reported when that file is checked.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONTRACT, HANDLER_PY, edit, tempRoot, writePackage } from '../contract/fixturePackage';
import { BAD_PY, CLEAN_PY, cli, project } from './helpers';

const REPO = join(__dirname, '..', '..');
const HANDLER = 'omnimarket/nodes/node_specdemo_write_effect/handlers/handler_specdemo_write_effect.py';
const CONTRACT_PATH = 'omnimarket/nodes/node_specdemo_write_effect/contract.yaml';

/** A project holding the verified package with the given mistakes; returns its folder. */
function packageWith(files: { contract?: string; handler?: string }, pyproject?: string): string {
  const root = tempRoot('onex-cli-contract-');
  writePackage(root, files);
  if (pyproject !== undefined) writeFileSync(join(root, 'pyproject.toml'), pyproject);
  return root;
}

const TYPO = edit(CONTRACT, 'description: "Minimal', 'descripton: "Minimal');
/**
 * A handler without handle() is today's canonical-handler rule's finding (ONEX019, error) in the handler's own
 * analysis; the contract's ONEX030 says the same from the contract's side only where ONEX019 is off. The tests
 * of how contract findings in other files are printed switch ONEX019 off to see them.
 */
const ONEX019_OFF = '[tool.onex-forge]\nrules = { ONEX019 = "off" }\n';
const NO_HANDLE = edit(HANDLER_PY, 'async def handle(', 'async def process(');

interface Json {
  file: string; line: number; column: number; endLine: number; endColumn: number; rule: string; severity: string; message: string;
  related?: { file: string; line: number; column: number; message: string }[];
}

describe('cli: contract.yaml', function () {
  this.timeout(60_000);

  it('a handler without handle() gets one finding, ONEX019 (today\'s canonical-handler rule), not ONEX030 beside it', async () => {
    const root = packageWith({ contract: TYPO, handler: NO_HANDLE });
    const json = JSON.parse((await cli(['check', '--format', 'json', '.'], root)).stdout) as Json[];
    assert.deepEqual(json.map((f) => [f.file, f.rule, f.severity]), [[CONTRACT_PATH, 'ONEX022', 'warning'], [HANDLER, 'ONEX019', 'error']]);
  });

  it('check walks folders into contract.yaml and reports its findings with the other files, in the text format', async () => {
    const root = packageWith({ contract: TYPO, handler: NO_HANDLE }, ONEX019_OFF);
    const run = await cli(['check', '.'], root);
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stdout, new RegExp(`${CONTRACT_PATH}\\n  7:1  warning  Unknown field 'descripton'. Did you mean 'description'\\? \\(infra ContractLinter\\)  ONEX022\\n`));
    // The handler's mistake is in the handler's file, with the place in the contract that binds it.
    assert.match(run.stdout, new RegExp(`${HANDLER}\\n  16:7  information  HandlerSpecdemoWrite has neither handle nor handle_async[^\\n]*ONEX030\\n      ${CONTRACT_PATH}:31:15  bound in contract.yaml \\(handler_routing.handlers\\[0\\].handler\\)\\n`));
    assert.match(run.stdout, /2 problems \(1 warning, 1 information\) in 2 of 10 files\./);
  });

  it('JSON keeps its shape (one more optional field, related) and SARIF and GitHub annotations cover contracts', async () => {
    const root = packageWith({ contract: TYPO, handler: NO_HANDLE }, ONEX019_OFF);
    const json = JSON.parse((await cli(['check', '--format', 'json', '.'], root)).stdout) as Json[];
    assert.deepEqual(json.map((f) => [f.file, f.rule, f.severity]), [[CONTRACT_PATH, 'ONEX022', 'warning'], [HANDLER, 'ONEX030', 'information']]);
    assert.deepEqual(Object.keys(json[0]), ['file', 'line', 'column', 'endLine', 'endColumn', 'rule', 'severity', 'message']);
    assert.deepEqual(Object.keys(json[1]), ['file', 'line', 'column', 'endLine', 'endColumn', 'rule', 'severity', 'message', 'related']);
    assert.deepEqual(json[1].related, [{ file: CONTRACT_PATH, line: 31, column: 15, endLine: 31, endColumn: 37, message: 'bound in contract.yaml (handler_routing.handlers[0].handler)' }]);

    const sarif = JSON.parse((await cli(['check', '--format', 'sarif', '.'], root)).stdout);
    const results = sarif.runs[0].results as { ruleId: string; ruleIndex: number; level: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[]; relatedLocations?: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[];
    assert.deepEqual(results.map((r) => [r.ruleId, r.level, r.locations[0].physicalLocation.artifactLocation.uri]), [['ONEX022', 'warning', CONTRACT_PATH], ['ONEX030', 'note', HANDLER]]);
    assert.equal(sarif.runs[0].tool.driver.rules[results[0].ruleIndex].id, 'ONEX022');
    assert.equal(results[1].relatedLocations![0].physicalLocation.artifactLocation.uri, CONTRACT_PATH);
    assert.equal(results[1].relatedLocations![0].physicalLocation.region.startLine, 31);

    const github = (await cli(['check', '--format', 'github', '.'], root)).stdout.trim().split('\n');
    assert.match(github[0], /^::warning file=omnimarket\/nodes\/node_specdemo_write_effect\/contract\.yaml,line=7,col=1,endLine=7,endColumn=11,title=ONEX022 contract-unknown-key::Unknown field 'descripton'/);
    assert.match(github[1], /^::notice file=omnimarket\/nodes\/node_specdemo_write_effect\/handlers\/handler_specdemo_write_effect\.py,line=16,.*title=ONEX030 handler-entrypoint::/);
  });

  it('a contract given as a file is checked; a Python file checked alone gets its node ↔ contract findings from its package', async () => {
    const root = packageWith({ contract: TYPO, handler: NO_HANDLE }, ONEX019_OFF);
    const contract = JSON.parse((await cli(['check', '--format', 'json', CONTRACT_PATH], root)).stdout) as Json[];
    assert.deepEqual(contract.map((f) => f.rule), ['ONEX022']);
    const handler = JSON.parse((await cli(['check', '--format', 'json', HANDLER], root)).stdout) as Json[];
    assert.deepEqual(handler.map((f) => [f.file, f.rule]), [[HANDLER, 'ONEX030']]);
    // --rules filters them too.
    assert.deepEqual(JSON.parse((await cli(['check', '--format', 'json', '--rules', 'ONEX022', '.'], root)).stdout).map((f: Json) => f.rule), ['ONEX022']);
  });

  it('--stdin-filename contract.yaml checks standard input as that contract, reading its package from disk', async () => {
    const root = packageWith({});
    const clean = await cli(['check', '--stdin-filename', CONTRACT_PATH], root, CONTRACT);
    assert.equal(clean.code, 0, clean.stdout);
    const typo = await cli(['check', '--format', 'json', '--stdin-filename', CONTRACT_PATH], root, TYPO);
    assert.deepEqual(JSON.parse(typo.stdout).map((f: Json) => [f.file, f.rule, f.line]), [[CONTRACT_PATH, 'ONEX022', 7]]);
    // A node package beside it: a class the contract names that is not in its module is found (ONEX029).
    const missing = await cli(['check', '--format', 'json', '--stdin-filename', CONTRACT_PATH], root, edit(CONTRACT, 'name: "HandlerSpecdemoWrite"', 'name: "HandlerGone"'));
    assert.deepEqual(JSON.parse(missing.stdout).map((f: Json) => f.rule), ['ONEX029']);
    const other = await cli(['check', '--stdin-filename', 'config.yaml'], root, 'a: 1\n');
    assert.equal(other.code, 2);
    assert.match(other.stderr, /not a \.py, \.ts or contract\.yaml file name/);
  });

  it('fix applies the safe contract fixes and leaves the unsafe ones to --unsafe; --diff shows them', async () => {
    const deprecated = edit(TYPO, 'contract_version: {major: 1, minor: 0, patch: 0}', 'version: "2.3.4"');
    const root = packageWith({ contract: deprecated });
    const diff = await cli(['fix', '--diff', CONTRACT_PATH], root);
    assert.match(diff.stdout, /^-version: "2\.3\.4"\n\+contract_version: \{major: 2, minor: 3, patch: 4\}$/m);
    assert.equal(readFileSync(join(root, CONTRACT_PATH), 'utf8'), deprecated, '--diff writes nothing');
    const fixed = await cli(['fix', '.'], root);
    assert.match(fixed.stdout, new RegExp(`${CONTRACT_PATH}: fixed 1 \\(ONEX021 ×1\\)`));
    assert.match(fixed.stdout, /1 problem left/);
    const text = readFileSync(join(root, CONTRACT_PATH), 'utf8');
    assert.equal(text, edit(TYPO, 'contract_version: {major: 1, minor: 0, patch: 0}', 'contract_version: {major: 2, minor: 3, patch: 4}'));
    // The unsafe rename of the unknown key only on request; then the package is clean.
    assert.match((await cli(['fix', '--unsafe', CONTRACT_PATH], root)).stdout, /fixed 1 \(ONEX022 ×1\)/);
    assert.equal((await cli(['check', '.'], root)).code, 0);
    assert.match((await cli(['fix', '.'], root)).stdout, /^Nothing to fix\.$/m);
    // From standard input the fixed text goes to standard output.
    const piped = await cli(['fix', '--stdin-filename', CONTRACT_PATH], root, deprecated);
    assert.ok(piped.stdout.includes('contract_version: {major: 2, minor: 3, patch: 4}\n'), piped.stdout);
  });

  it("judges a contract in its package's era: the project's pin, else an explicit framework-target", async () => {
    // omnibase_core 0.1.0's ModelYamlContract: node_type any EnumNodeType name in any case, other keys ignored.
    const bridgeContract = 'name: "node_x_effect"\nnode_type: "EFFECT"\ncontract_version: {major: 1, minor: 0, patch: 0}\nversion: "1.0.0"\ndescription: "x"\n';
    const pinned = packageWith({ contract: bridgeContract }, '[project]\nname = "omnimarket"\ndependencies = ["omnibase-core==0.1.0"]\n');
    assert.equal((await cli(['check', CONTRACT_PATH], pinned)).code, 0);
    // The same file in today's era breaks ModelYamlContract (version) and the linter (node_type).
    const today = JSON.parse((await cli(['check', '--format', 'json', '--fail-on', 'never', CONTRACT_PATH], packageWith({ contract: bridgeContract }))).stdout) as Json[];
    assert.ok(today.some((f) => f.rule === 'ONEX021' && /node_type/i.test(f.message)), JSON.stringify(today));
    // The project's framework-target setting comes before its pin.
    writeFileSync(join(pinned, 'pyproject.toml'), '[project]\nname = "omnimarket"\ndependencies = ["omnibase-core==0.1.0"]\n\n[tool.onex-forge]\nframework-target = "current"\n');
    assert.equal((await cli(['check', CONTRACT_PATH], pinned)).code, 1);
  });

  it('leaves alone a contract.yaml that is not a node contract (no node_type, no node.py beside it)', async () => {
    const root = tempRoot('onex-cli-other-');
    writeFileSync(join(root, 'contract.yaml'), 'services:\n  - name: a\n    port: [\n');
    const run = await cli(['check', '.'], root);
    assert.equal(run.code, 0, run.stdout);
    assert.match(run.stdout, /No ONEX problems in 1 file\./);
  });

  it("loads the contract checks only for a run that meets a contract, or a Python file of a today's-era package with one", () => {
    const bridgePackage = packageWith({ handler: NO_HANDLE }, '[project]\nname = "omnimarket"\ndependencies = ["omnibase-core==0.1.0"]\n');
    // In a child process: this process's module cache holds them already.
    const script = `
      const { runCli } = require('./src/cli/cli');
      const { isContractServiceLoaded } = require('./src/core/contracts');
      const io = (cwd) => ({ stdout() {}, stderr() {}, readStdin: async () => '', isTTY: false, cwd });
      (async () => {
        const out = {};
        await runCli(['check', '.'], io(${JSON.stringify(project({ 'pkg/node.py': BAD_PY, 'pkg/handlers/handler.py': CLEAN_PY }))}));
        out.python = isContractServiceLoaded();
        // A bridge-era package's contract makes no findings in its Python files (no node ↔ contract checks there).
        await runCli(['check', ${JSON.stringify(HANDLER)}], io(${JSON.stringify(bridgePackage)}));
        out.bridgePython = isContractServiceLoaded();
        await runCli(['check', ${JSON.stringify(CONTRACT_PATH)}], io(${JSON.stringify(packageWith({}))}));
        out.contract = isContractServiceLoaded();
        process.stdout.write(JSON.stringify(out));
      })().catch((e) => { console.error(e); process.exit(1); });`;
    const out = JSON.parse(execFileSync(process.execPath, ['--require', 'tsx/cjs', '-e', script], { cwd: REPO, encoding: 'utf8' }));
    assert.deepEqual(out, { python: false, bridgePython: false, contract: true });
  });
});
