// Quick fixes on contract findings: each fix's text parses, its finding is gone, a second round
// finds nothing to fix the same way, and the fixed contract passes the framework's check of that
// problem (the table at the end runs the framework on the fixed files).
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkContractText, type ContractFinding } from '../../src/core/contract/check';
import { contractFixes, rewriteTopic, type FixContext } from '../../src/core/contract/fixes';
import type { ContractRuleId } from '../../src/core/contract/meta';
import { applyEdits } from '../../src/core/text';
import { CONTRACT, checkPackage, edit, tempRoot, writePackage } from './fixturePackage';
import { frameworkAvailable } from '../helpers/framework';
import { frameworkVerdict, ruleFor } from './verdict';

const CTX: FixContext = { era: 'today', nodeKind: 'effect', packageName: 'node_specdemo_write_effect', producer: 'omnimarket' };

function findings(text: string): ContractFinding[] {
  return checkContractText(text, { era: 'today', nextToNode: true }).findings;
}

interface Case {
  name: string;
  text: string;
  rule: ContractRuleId;
  /** Picks the finding (by its message). */
  message: RegExp;
  /** The fixed text must contain this. */
  expect: string;
}

const CASES: Case[] = [
  { name: 'a missing contract_version (no version string either): 1.0.0', text: edit(CONTRACT, 'contract_version: {major: 1, minor: 0, patch: 0}\n', ''), rule: 'ONEX021', message: /'contract_version' is missing/, expect: 'contract_version: {major: 1, minor: 0, patch: 0}\nname:' },
  { name: "the deprecated 'version', renamed with its value as a mapping", text: edit(CONTRACT, 'contract_version: {major: 1, minor: 0, patch: 0}\n', 'version: "2.3.4"\n'), rule: 'ONEX021', message: /must use 'contract_version'/, expect: 'contract_version: {major: 2, minor: 3, patch: 4}' },
  { name: "the deprecated 'version' beside contract_version, removed", text: edit(CONTRACT, 'node_version: "1.0.0"\n', 'node_version: "1.0.0"\nversion: "1.0.0"\n'), rule: 'ONEX021', message: /must use 'contract_version'/, expect: 'node_version: "1.0.0"\ndescription:' },
  { name: "a missing node_type, from node.py's kind", text: edit(CONTRACT, 'node_type: "EFFECT_GENERIC"\n', ''), rule: 'ONEX021', message: /'node_type' is missing/, expect: 'node_type: "EFFECT_GENERIC"' },
  { name: 'a missing name, from the package', text: edit(CONTRACT, 'name: "node_specdemo_write_effect"\n', ''), rule: 'ONEX021', message: /'name' is missing/, expect: 'name: "node_specdemo_write_effect"' },
  { name: 'node_type in the wrong spelling', text: edit(CONTRACT, '"EFFECT_GENERIC"', '"effect"'), rule: 'ONEX021', message: /Invalid node_type/, expect: 'node_type: "EFFECT_GENERIC"' },
  { name: 'contract_version without patch (flow)', text: edit(CONTRACT, 'minor: 0, patch: 0}', 'minor: 0}'), rule: 'ONEX021', message: /missing required field 'patch'/, expect: '{major: 1, minor: 0, patch: 0}' },
  { name: 'contract_version without patch (block)', text: edit(CONTRACT, 'contract_version: {major: 1, minor: 0, patch: 0}', 'contract_version:\n  major: 1\n  minor: 0'), rule: 'ONEX021', message: /missing required field 'patch'/, expect: '  minor: 0\n  patch: 0\n' },
  { name: 'an unknown key near a known one', text: edit(CONTRACT, 'description:', 'descripton:'), rule: 'ONEX022', message: /Did you mean 'description'/, expect: '\ndescription: "Minimal' },
  { name: 'a topic in the wrong format, everywhere it is written', text: CONTRACT.replace(/onex\.cmd\.omnimarket\.specdemo-write\.v1/g, 'dev.onex.cmd.omnimarket.specdemo_write'), rule: 'ONEX027', message: /specdemo_write/, expect: '    - "onex.cmd.omnimarket.specdemo-write.v1"\n' },
  { name: 'a routing entry without operation', text: edit(CONTRACT, '    - operation: "specdemo.write"\n      topic:', '    - topic:'), rule: 'ONEX024', message: /missing 'operation'/, expect: '    - operation: "specdemo_write"\n      topic:' },
  { name: 'a published topic missing from a block list', text: edit(CONTRACT, '  - topic: "onex.evt.omnimarket.specdemo-written.v1"', '  - topic: "onex.evt.omnimarket.specdemo-other.v1"'), rule: 'ONEX026', message: /specdemo-other/, expect: '    - "onex.evt.omnimarket.specdemo-written.v1"\n    - "onex.evt.omnimarket.specdemo-other.v1"\n' },
  { name: 'a published topic missing from a flow list', text: edit(edit(CONTRACT, '  publish_topics:\n    - "onex.evt.omnimarket.specdemo-written.v1"', '  publish_topics: ["onex.evt.omnimarket.specdemo-written.v1"]'), '  - topic: "onex.evt.omnimarket.specdemo-written.v1"', '  - topic: "onex.evt.omnimarket.specdemo-other.v1"'), rule: 'ONEX026', message: /specdemo-other/, expect: '["onex.evt.omnimarket.specdemo-written.v1", "onex.evt.omnimarket.specdemo-other.v1"]' },
  { name: 'a published topic with no publish_topics list', text: edit(CONTRACT, '  publish_topics:\n    - "onex.evt.omnimarket.specdemo-written.v1"\n', ''), rule: 'ONEX026', message: /specdemo-written/, expect: '  publish_topics: ["onex.evt.omnimarket.specdemo-written.v1"]\n' },
];

function fixOnce(text: string, c: Case): { fixed: string; before: ContractFinding } {
  const before = findings(text).find((f) => f.ruleId === c.rule && c.message.test(f.message));
  assert.ok(before, `no ${c.rule} finding matching ${c.message}: ${findings(text).map((f) => f.message).join('; ')}`);
  const fixes = contractFixes(text, before, CTX);
  assert.equal(fixes.length, 1, `fixes: ${JSON.stringify(fixes)}`);
  return { fixed: applyEdits(text, fixes[0].edits), before };
}

describe('contract quick fixes', () => {
  for (const c of CASES) {
    it(`${c.name}: fixed, parses, gone, and not fixable again`, () => {
      const { fixed } = fixOnce(c.text, c);
      assert.ok(fixed.includes(c.expect), fixed);
      const after = findings(fixed);
      assert.deepEqual(after.filter((f) => f.ruleId === 'ONEX020'), []);
      assert.ok(!after.some((f) => f.ruleId === c.rule && c.message.test(f.message)), after.map((f) => f.message).join('\n'));
      // Nothing left that the same fix would change again.
      for (const f of after.filter((x) => x.ruleId === c.rule)) {
        for (const fix of contractFixes(fixed, f, CTX)) assert.notEqual(applyEdits(fixed, fix.edits), fixed.replace(c.expect, c.expect), `${f.message}`);
      }
    });
  }

  it("beside the deprecated 'version', the missing contract_version comes from renaming it: one fix, not two", () => {
    const text = edit(CONTRACT, 'contract_version: {major: 1, minor: 0, patch: 0}\n', 'version: "2.3.4"\n');
    const missing = findings(text).find((f) => /'contract_version' is missing/.test(f.message))!;
    assert.deepEqual(contractFixes(text, missing, CTX), []);
    const { fixed } = fixOnce(text, { name: '', text, rule: 'ONEX021', message: /must use 'contract_version'/, expect: '' });
    assert.equal(fixed.match(/^contract_version:/gm)?.length, 1);
    assert.deepEqual(findings(fixed), []);
  });

  it('offers no fix it cannot derive: a missing node_type without node.py, a rename onto a declared key', () => {
    const noType = edit(CONTRACT, 'node_type: "EFFECT_GENERIC"\n', '');
    const f = findings(noType).find((x) => /'node_type' is missing/.test(x.message))!;
    assert.deepEqual(contractFixes(noType, f, { era: 'today' }), []);
    const twice = edit(CONTRACT, 'description:', 'descripton: "x"\ndescription:');
    const u = findings(twice).find((x) => x.ruleId === 'ONEX022')!;
    assert.deepEqual(contractFixes(twice, u, CTX), []);
  });

  it('rewrites topics into the framework\'s format with the project\'s producer', () => {
    assert.equal(rewriteTopic('onex.evt.platform.validation_run_completed.v1', 'platform'), 'onex.evt.platform.validation-run-completed.v1');
    assert.equal(rewriteTopic('staging.onex.cmd.acme.DoThing', 'acme-nodes'), 'onex.cmd.acme-nodes.do-thing.v1');
    assert.equal(rewriteTopic('onex.contract.resolve.completed', 'omnibase-infra'), 'onex.evt.omnibase-infra.resolve-completed.v1');
    assert.equal(rewriteTopic('onex.evt.omnimarket.specdemo-written.v1', 'omnimarket'), null, 'already right: no rewrite');
  });

  it("sets node_type from node.py's kind (ONEX031), and the package is then consistent", async () => {
    const path = writePackage(tempRoot('onex-contract-fix-kind-'), { contract: edit(CONTRACT, '"EFFECT_GENERIC"', '"COMPUTE_GENERIC"') });
    const text = readFileSync(path, 'utf8');
    const result = await checkPackage(path, text, { era: 'today' });
    const f = result.findings.find((x) => x.ruleId === 'ONEX031')!;
    const [fix] = contractFixes(text, f, CTX);
    const fixed = applyEdits(text, fix.edits);
    assert.ok(fixed.includes('node_type: "EFFECT_GENERIC"'));
    assert.deepEqual((await checkPackage(path, fixed, { era: 'today' })).findings, []);
  });

  describe('against the framework: the fixed contracts pass the checks that failed', function () {
    this.timeout(300_000);
    it('on every fixed contract the framework reports the fixed rule exactly when we still do (another problem of that family)', () => {
      frameworkAvailable('today');
      const root = tempRoot('onex-contract-fixed-');
      const fixed = CASES.map((c) => fixOnce(c.text, c).fixed);
      const paths = fixed.map((text, i) => writePackage(join(root, `case${i}`), { contract: text }));
      const verdict = frameworkVerdict(paths);
      CASES.forEach((c, i) => {
        const theirs = verdict.files[paths[i]].filter((f) => f.severity !== 'info' && ruleFor(f) === c.rule).map((f) => f.message);
        const ours = findings(fixed[i]).filter((f) => f.ruleId === c.rule).map((f) => f.message);
        assert.equal(theirs.length > 0, ours.length > 0, `${c.name}: framework ${JSON.stringify(theirs)}, ours ${JSON.stringify(ours)}`);
      });
    });
  });
});
