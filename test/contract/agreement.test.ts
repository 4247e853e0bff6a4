// Over every real contract of omnibase-infra's node packages (the installed package, located
// through today's framework environment), the contract rules agree with the framework's own
// validators run on the same files (test/contract/framework/verdict.py): nothing where they find
// nothing, the same findings where they find some, at information severity where the framework
// keeps a baseline of known violations.
import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ContractFinding } from '../../src/core/contract/check';
import { contractRuleMeta, type ContractRuleId } from '../../src/core/contract/meta';
import { checkPackage } from './fixturePackage';
import { frameworkAvailable } from '../helpers/framework';
import { frameworkVerdict, installedPackageDir, ruleFor, topicOf, type FrameworkFinding, type Verdict } from './verdict';

interface Ours {
  contract: ContractFinding[];
  /** Findings in the package's Python files. */
  python: ContractFinding[];
}

/** The rule's findings as comparable keys: topics for topic names, else one key per finding. */
function frameworkKeys(findings: FrameworkFinding[], rule: ContractRuleId): string[] {
  const mine = findings.filter((f) => f.severity !== 'info' && ruleFor(f) === rule);
  if (rule === 'ONEX027') return [...new Set(mine.map(topicOf))].sort();
  return mine.map((f) => f.check).sort();
}

function ourKeys(ours: Ours, rule: ContractRuleId): string[] {
  const mine = [...ours.contract, ...ours.python].filter((f) => f.ruleId === rule);
  if (rule === 'ONEX027') return [...new Set(mine.map((f) => /^Topic '([^']+)'/.exec(f.message)![1]))].sort();
  return mine.map(() => '').sort();
}

describe('contract rules: agreement with the framework over omnibase-infra\'s own contracts', function () {
  this.timeout(900_000);
  let files: string[] = [];
  let verdict: Verdict;
  const ours = new Map<string, Ours>();

  before(async () => {
    frameworkAvailable('today');
    const nodes = join(installedPackageDir('today', 'omnibase_infra'), 'nodes');
    files = readdirSync(nodes).map((d) => join(nodes, d, 'contract.yaml')).filter((p) => existsSync(p)).sort();
    verdict = frameworkVerdict(files);
    for (const file of files) {
      const result = await checkPackage(file, readFileSync(file, 'utf8'), { era: 'today' });
      ours.set(file, { contract: result.findings, python: [...result.otherFiles.values()].flat() });
    }
  });

  it('reads every contract of the installed package (as the framework\'s gates guard against a vacuous scan)', () => {
    assert.ok(files.length >= 100, `only ${files.length} contracts found`);
    assert.equal(Object.keys(verdict.files).length, files.length);
    assert.match(verdict.versions['omnibase-infra'], /^0\.38\./);
  });

  it('reports nothing on a contract where the framework finds nothing', () => {
    const clean = files.filter((f) => verdict.files[f].every((x) => x.severity === 'info'));
    assert.ok(clean.length >= 40, `${clean.length} clean contracts`);
    const noisy = clean.filter((f) => ours.get(f)!.contract.length + ours.get(f)!.python.length > 0)
      .map((f) => `${f}: ${[...ours.get(f)!.contract, ...ours.get(f)!.python].map((x) => `${x.ruleId} ${x.message}`).join('; ')}`);
    assert.deepEqual(noisy, []);
  });

  for (const rule of ['ONEX021', 'ONEX022', 'ONEX023', 'ONEX024', 'ONEX025', 'ONEX026', 'ONEX027', 'ONEX028', 'ONEX030'] as ContractRuleId[]) {
    it(`${rule} (${contractRuleMeta(rule).name}) finds, file by file, what ${contractRuleMeta(rule).mirrors} finds`, () => {
      const differences: string[] = [];
      let total = 0;
      for (const file of files) {
        const theirs = frameworkKeys(verdict.files[file], rule);
        const mine = ourKeys(ours.get(file)!, rule);
        total += theirs.length;
        if (theirs.length !== mine.length || (rule === 'ONEX027' && theirs.join() !== mine.join())) {
          differences.push(`${file}: framework ${JSON.stringify(theirs)}, ours ${JSON.stringify(mine)}`);
        }
      }
      assert.deepEqual(differences, []);
      // The rules the framework exercises on its own contracts must be exercised here, not vacuously equal.
      if (['ONEX022', 'ONEX025', 'ONEX027', 'ONEX028', 'ONEX030'].includes(rule)) assert.ok(total > 0, `${rule}: the framework reports none`);
    });
  }

  it('the rules no framework gate mirrors (ONEX029 in the workspace, ONEX031, ONEX032, ONEX033) report only the known case', () => {
    const found = files.flatMap((file) => [...ours.get(file)!.contract, ...ours.get(file)!.python]
      .filter((f) => ['ONEX029', 'ONEX031', 'ONEX032', 'ONEX033'].includes(f.ruleId))
      .map((f) => `${file.split('/').slice(-2)[0]} ${f.ruleId} ${f.message.slice(0, 60)}`));
    // node_runner_health_snapshot_effect declares two publish topics; its one handler returns a
    // ModelRunnerFleetSnapshot, which no published_events entry names, so the runtime publishes it to
    // publish_topics[0]: nothing the handler returns goes to network-pool-status.
    assert.deepEqual(found, [
      "node_runner_health_snapshot_effect ONEX033 No handler's output goes to 'onex.evt.omnibase-infra.network",
    ]);
  });

  it('reports what the framework keeps in a baseline at information, and the linter\'s warnings as warnings', () => {
    const all = [...ours.values()].flatMap((o) => [...o.contract, ...o.python]);
    for (const rule of ['ONEX025', 'ONEX027', 'ONEX028', 'ONEX030']) {
      const found = all.filter((f) => f.ruleId === rule);
      assert.ok(found.length > 0 && found.every((f) => f.severity === 'information'), rule);
    }
    const baselined = Object.values(verdict.files).flat().filter((f) => ['L5', 'L6', 'L8', 'L11'].includes(f.check));
    assert.ok(baselined.length > 0 && baselined.every((f) => f.baselined), 'every L5/L6/L8/L11 finding on infra is in its baseline');
    const warnings = all.filter((f) => f.ruleId === 'ONEX022');
    assert.ok(warnings.length > 0 && warnings.every((f) => f.severity === 'warning'));
  });

  it('puts each finding on its key or value: the line the framework names, or the value it quotes', () => {
    for (const file of files) {
      const text = readFileSync(file, 'utf8').split('\n');
      for (const f of ours.get(file)!.contract) {
        const line = text[f.range.start.line];
        if (f.ruleId === 'ONEX022') assert.match(line, new RegExp(`^${/Unknown field '([^']+)'/.exec(f.message)![1]}:`), `${file}: ${f.message}`);
        if (f.ruleId === 'ONEX027') assert.ok(line.includes(/^Topic '([^']+)'/.exec(f.message)![1]), `${file}:${f.range.start.line + 1} ${f.message}`);
      }
      // The linter names the line of each unknown field: the same line.
      for (const x of verdict.files[file].filter((v) => /^Unknown field '.*' at line \d+/.test(v.message))) {
        const [, key, line] = /^Unknown field '(.*)' at line (\d+)/.exec(x.message)!;
        const mine = ours.get(file)!.contract.find((f) => f.ruleId === 'ONEX022' && f.message.includes(`'${key}'`));
        assert.equal(mine?.range.start.line, Number(line) - 1, `${file}: ${key}`);
      }
    }
  });
});
