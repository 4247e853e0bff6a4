// Every contract.yaml the scaffold writes, judged twice: by our contract rules (`onex-forge check`) and by the
// framework's own validators of its era. Both eras, every kind, both places or layouts the era has, all
// scaffolded through the built CLI (`node dist/cli.js new …`):
//   today (omnibase-core 0.46.8, omnibase-infra 0.38.x): in a pyproject project (src/<pkg>/nodes/) and in a
//     bare folder; judged by test/contract/framework/verdict.py (every loader and gate of current-era.md §2.1);
//   the bridge era (omnibase_core 0.1.0): the flat and the versioned layout, in a project pinning 0.1.0 (the
//     contract takes its era from the pin); judged by 0.1.0's validate_yaml_file (bridge_verdict.py).
// A mutant per era (one planted defect) shows both judges reject what they should.
// Also the built bundles: the contract checks are a bundle of their own, without a second tree-sitter, and
// the extension ships today's schema where package.json's yamlValidation points.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { CONTRACT_RULE_IDS } from '../../src/core/contract/meta';
import { NODE_KINDS } from '../../src/core/scaffold';
import { frameworkAvailable, runFramework } from '../helpers/framework';

const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'cli.js');
const VERDICT = join(ROOT, 'test', 'contract', 'framework', 'verdict.py');
const BRIDGE_VERDICT = join(ROOT, 'test', 'contract', 'framework', 'bridge_verdict.py');

interface Contract {
  id: string;
  era: 'today' | 'bridge';
  kind: string;
  path: string;
  /** The topics' producer the scaffold chose (today). */
  producer?: string;
}

interface JsonFinding { file: string; rule: string; message: string }

function cli(args: string[], cwd: string): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: 120_000 });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function scaffold(args: string[], cwd: string): void {
  const r = cli(['new', ...args], cwd);
  assert.equal(r.code, 0, `onex-forge new ${args.join(' ')}: ${r.stderr}${r.stdout}`);
}

/** Our contract rules' findings over the given folders, by absolute file. */
function ourFindings(folders: string[], cwd: string): Map<string, JsonFinding[]> {
  const r = cli(['check', '--format', 'json', '--fail-on', 'never', ...folders], cwd);
  assert.equal(r.code, 0, r.stderr);
  const out = new Map<string, JsonFinding[]>();
  for (const f of JSON.parse(r.stdout) as JsonFinding[]) {
    if (!(CONTRACT_RULE_IDS as readonly string[]).includes(f.rule)) continue;
    const file = join(cwd, f.file);
    out.set(file, [...(out.get(file) ?? []), f]);
  }
  return out;
}

describe('conformance: every contract.yaml the scaffold writes, by our rules and by the framework of its era', function () {
  this.timeout(600_000);
  let tmp = '';
  const contracts: Contract[] = [];
  let ours = new Map<string, JsonFinding[]>();
  let today: Record<string, { check: string; severity: string; message: string }[]> = {};
  let bridge: Record<string, string[]> = {};

  before(() => {
    assert.ok(existsSync(CLI), `${CLI} is missing: the conformance stage runs after npm run build`);
    frameworkAvailable('today');
    frameworkAvailable('bridge');
    tmp = realpathSync(mkdtempSync(join(tmpdir(), 'onex-contracts-')));

    // Today's target, in a project…
    const project = join(tmp, 'project');
    mkdirSync(join(project, 'src', 'acme_nodes'), { recursive: true });
    writeFileSync(join(project, 'pyproject.toml'), '[project]\nname = "acme-nodes"\nversion = "0.1.0"\ndependencies = ["omnibase-core>=0.46.8"]\n');
    writeFileSync(join(project, 'src', 'acme_nodes', '__init__.py'), '"""Acme\'s ONEX nodes."""\n');
    // …and in a bare folder (no project: the topics' producer is the folder's name).
    const bare = join(tmp, 'bare_nodes');
    for (const kind of NODE_KINDS) {
      scaffold(['--target', 'current', '--kind', kind, '--name', `${kind}_node`, '--out', 'src/acme_nodes/nodes'], project);
      contracts.push({ id: `today/${kind}/project`, era: 'today', kind, path: join(project, 'src', 'acme_nodes', 'nodes', `${kind}_node`, 'contract.yaml'), producer: 'acme-nodes' });
      scaffold(['--target', 'current', '--kind', kind, '--name', `inventory_${kind}`, '--out', bare], tmp);
      contracts.push({ id: `today/${kind}/bare`, era: 'today', kind, path: join(bare, `inventory_${kind}`, 'contract.yaml'), producer: 'bare-nodes' });
    }
    // The bridge era's target, both layouts, in a project that pins omnibase-core 0.1.0.
    const legacy = join(tmp, 'legacy');
    mkdirSync(legacy, { recursive: true });
    writeFileSync(join(legacy, 'pyproject.toml'), '[project]\nname = "legacy-nodes"\nversion = "0.1.0"\ndependencies = ["omnibase-core==0.1.0"]\n');
    for (const kind of NODE_KINDS) {
      for (const layout of ['flat', 'versioned']) {
        scaffold(['--target', 'bridge', '--kind', kind, '--name', `${kind}_${layout}`, '--layout', layout, '--out', 'nodes'], legacy);
        contracts.push({ id: `bridge/${kind}/${layout}`, era: 'bridge', kind, path: join(legacy, 'nodes', `${kind}_${layout}`, ...(layout === 'versioned' ? ['v1_0_0'] : []), 'contract.yaml') });
      }
    }
    for (const c of contracts) assert.ok(existsSync(c.path), `${c.id}: no contract at ${c.path}`);

    // One mutant per era: a defect both judges must see.
    const mutantToday = join(tmp, 'mutants', 'today');
    scaffold(['--target', 'current', '--kind', 'effect', '--name', 'mutant_effect', '--out', mutantToday], tmp);
    const todayMutant = join(mutantToday, 'mutant_effect', 'contract.yaml');
    writeFileSync(todayMutant, readFileSync(todayMutant, 'utf8').replace('node_type: "EFFECT_GENERIC"', 'node_type: "EFFECT"'));
    contracts.push({ id: 'mutant/today', era: 'today', kind: 'effect', path: todayMutant, producer: 'today' });
    const mutantBridge = join(legacy, 'mutants');
    scaffold(['--target', 'bridge', '--kind', 'effect', '--name', 'mutant_effect', '--out', 'mutants'], legacy);
    const bridgeMutant = join(mutantBridge, 'mutant_effect', 'contract.yaml');
    const text = readFileSync(bridgeMutant, 'utf8');
    assert.match(text, /^contract_version:\n {2}major: 1\n {2}minor: 0\n {2}patch: 0\n/m);
    writeFileSync(bridgeMutant, text.replace(/^contract_version:\n {2}major: 1\n {2}minor: 0\n {2}patch: 0\n/m, 'contract_version: "1.0.0"\n'));
    contracts.push({ id: 'mutant/bridge', era: 'bridge', kind: 'effect', path: bridgeMutant });

    // Our verdict: one check per place, over the whole packages (findings a contract makes in a handler count).
    ours = new Map([
      ...ourFindings(['src'], project), ...ourFindings([bare, join(tmp, 'mutants')], tmp), ...ourFindings(['nodes', 'mutants'], legacy),
    ]);
    // The framework's.
    const t = runFramework('today', ['python', VERDICT, ...contracts.filter((c) => c.era === 'today').map((c) => c.path)], { timeoutMs: 300_000 });
    assert.equal(t.status, 0, t.stderr.slice(-3000));
    today = (JSON.parse(t.stdout) as { files: typeof today }).files;
    const b = runFramework('bridge', ['python', BRIDGE_VERDICT, ...contracts.filter((c) => c.era === 'bridge').map((c) => c.path)], { timeoutMs: 300_000 });
    assert.equal(b.status, 0, b.stderr.slice(-3000));
    const parsed = JSON.parse(b.stdout) as { versions: Record<string, string>; files: typeof bridge };
    assert.match(parsed.versions.omnibase_core, /^0\.1\./);
    bridge = parsed.files;
  });

  after(() => {
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  const findingsIn = (c: Contract) => [...ours.entries()].filter(([file]) => file === c.path || file.startsWith(join(c.path, '..') + '/')).flatMap(([file, list]) => list.map((f) => `${relative(tmp, file)}: ${f.rule} ${f.message}`));

  it('scaffolds what the eras have: today 4 kinds × 2 places, the bridge era 4 kinds × 2 layouts', () => {
    assert.equal(contracts.filter((c) => !c.id.startsWith('mutant/')).length, 16);
  });

  /**
   * The framework's today findings that judge the file. Left out: lint_topic_names' producer allow-list (L8
   * "unknown producer"), infra's own policy for its repositories, where our ONEX027 also knows the project's
   * own producer (the scaffold's: its pyproject's name, or its folder's); today's conformance leaves it out too.
   */
  const judged = (c: Contract) => (today[c.path] ?? []).filter((f) => f.severity !== 'info' && !(f.check === 'L8' && f.message.startsWith(`unknown producer '${c.producer}' `)));

  for (const era of ['today', 'bridge'] as const) {
    for (const kind of NODE_KINDS) {
      for (const place of era === 'today' ? ['project', 'bare'] : ['flat', 'versioned']) {
        const id = `${era}/${kind}/${place}`;
        const contractOf = () => contracts.find((c) => c.id === id)!;
        if (era === 'today') {
          it(`${id}: no contract finding from us, and every loader and gate of today's framework accepts it`, () => {
            const c = contractOf();
            assert.deepEqual(findingsIn(c), []);
            assert.ok(today[c.path], `the framework did not judge ${c.path}`);
            assert.deepEqual(judged(c), []);
            // What was left out is only the project's own producer, which the scaffold chose.
            for (const f of today[c.path].filter((x) => x.check === 'L8')) assert.match(f.message, new RegExp(`^unknown producer '${c.producer}' `));
          });
        } else if (kind !== 'orchestrator') {
          it(`${id}: no contract finding from us, and omnibase_core 0.1.0's validate_yaml_file accepts it`, () => {
            const c = contractOf();
            assert.deepEqual(findingsIn(c), []);
            assert.deepEqual(bridge[c.path], []);
          });
        } else {
          // 0.1.0 contradicts itself on orchestrators (test/conformance/bridge.test.ts, check 2): its typed
          // ModelContractOrchestrator forbids contract_version, which ModelYamlContract (validate_yaml_file)
          // requires. The scaffold follows the typed model; we report what validate_yaml_file reports.
          it(`${id}: 0.1.0's own contradiction — validate_yaml_file's one error (contract_version required) is our one finding`, () => {
            const c = contractOf();
            assert.equal(bridge[c.path].length, 1, bridge[c.path].join('\n'));
            assert.match(bridge[c.path][0], /ModelYamlContract\ncontract_version\n\s+Field required/);
            assert.deepEqual(findingsIn(c), [`${relative(tmp, c.path)}: ONEX021 Required field 'contract_version' is missing`]);
          });
        }
      }
    }
  }

  it('a mutant of each era is rejected by its framework and by us, for the same defect', () => {
    const t = contracts.find((c) => c.id === 'mutant/today')!;
    assert.ok(judged(t).some((f) => /node_type/i.test(f.message)), JSON.stringify(today[t.path]));
    assert.ok(findingsIn(t).some((f) => /ONEX021 Invalid node_type 'EFFECT'/.test(f)), findingsIn(t).join('\n'));
    const b = contracts.find((c) => c.id === 'mutant/bridge')!;
    assert.ok(bridge[b.path].length > 0 && bridge[b.path].every((e) => /contract_version/.test(e)), bridge[b.path].join('\n'));
    assert.ok(findingsIn(b).length > 0 && findingsIn(b).every((f) => / ONEX021 .*contract_version/.test(f)), findingsIn(b).join('\n'));
  });
});

describe('the built contract bundle', () => {
  const dist = (name: string) => readFileSync(join(ROOT, 'dist', name), 'utf8');

  it('holds the contract checks apart: the schemas and rules are in dist/contract.js only, which loads no tree-sitter of its own', () => {
    const contract = dist('contract.js');
    // Markers: the generated schema's title, and a message of the unknown-key rule.
    for (const marker of ["ONEX contract.yaml (today's framework", 'not a field the infra ContractLinter knows']) {
      assert.ok(contract.includes(marker), `dist/contract.js lacks ${marker}`);
      for (const other of ['extension.js', 'cli.js', 'worker.js']) assert.ok(!dist(other).includes(marker), `dist/${other} holds ${marker}`);
    }
    assert.ok(!/tree-sitter\.wasm|web-tree-sitter/.test(contract), 'dist/contract.js bundles web-tree-sitter');
    for (const host of ['extension.js', 'cli.js']) assert.match(dist(host), /require\("\.\/contract\.js"\)/, `dist/${host} loads dist/contract.js`);
  });

  it("ships today's schema where package.json's yamlValidation points", () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { contributes: { yamlValidation: { fileMatch: string; url: string }[] } };
    assert.deepEqual(manifest.contributes.yamlValidation.map((v) => v.fileMatch), ['contract.yaml']);
    const shipped = join(ROOT, manifest.contributes.yamlValidation[0].url);
    assert.equal(readFileSync(shipped, 'utf8'), readFileSync(join(ROOT, 'src', 'core', 'contract', 'schema', 'today.json'), 'utf8'));
  });
});
