// The bridge era (omnibase_core 0.1.0) validates a node's contract.yaml with its own
// ModelYamlContract (validate_yaml_file): contract_version a mapping, node_type any EnumNodeType
// name in any case, other keys ignored. The contract rules in that era report what it reports.
import { strict as assert } from 'node:assert';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkContractText } from '../../src/core/contract/check';
import { tempRoot } from './fixturePackage';
import { frameworkAvailable, runFramework } from '../helpers/framework';

const VALID = 'name: "node_x_effect"\nnode_type: "EFFECT"\ncontract_version: {major: 1, minor: 0, patch: 0}\nversion: "1.0.0"\ndescription: "x"\nevent_topics: {publishes: []}\n';

const ROWS: { name: string; text: string; ours: string[] }[] = [
  { name: 'a bridge-era contract (version, lower-case kinds and any other key are fine)', text: VALID, ours: [] },
  { name: 'node_type in lower case', text: VALID.replace('"EFFECT"', '"effect"'), ours: [] },
  { name: 'node_type EFFECT_GENERIC (not in 0.1.0)', text: VALID.replace('"EFFECT"', '"EFFECT_GENERIC"'), ours: ['ONEX021'] },
  { name: 'contract_version as a string', text: VALID.replace('{major: 1, minor: 0, patch: 0}', '"1.0.0"'), ours: ['ONEX021'] },
  { name: 'contract_version without patch', text: VALID.replace(', patch: 0}', '}'), ours: ['ONEX021'] },
  { name: 'node_type missing', text: VALID.replace('node_type: "EFFECT"\n', ''), ours: ['ONEX021'] },
  { name: 'a YAML syntax error', text: VALID.replace('description: "x"', 'description: "x\n  y: ['), ours: ['ONEX020'] },
];

describe('contract rules in the bridge era: checked against omnibase_core 0.1.0', function () {
  this.timeout(120_000);
  const verdict = new Map<string, string[]>();
  const paths: string[] = [];

  before(() => {
    frameworkAvailable('bridge');
    const root = tempRoot('onex-contract-bridge-');
    ROWS.forEach((row, i) => {
      const dir = join(root, `row${i}`);
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'contract.yaml'), row.text);
      paths.push(join(dir, 'contract.yaml'));
    });
    const r = runFramework('bridge', ['python', join(__dirname, 'framework', 'bridge_verdict.py'), ...paths]);
    assert.equal(r.status, 0, r.stderr);
    const parsed = JSON.parse(r.stdout) as { versions: Record<string, string>; files: Record<string, string[]> };
    assert.match(parsed.versions.omnibase_core, /^0\.1\./);
    for (const [p, errors] of Object.entries(parsed.files)) verdict.set(p, errors);
  });

  ROWS.forEach((row, i) => {
    it(`${row.name}: ${row.ours.join(', ') || 'nothing'}, as validate_yaml_file says`, () => {
      const ours = checkContractText(row.text, { era: 'bridge', nextToNode: true }).findings;
      assert.deepEqual(ours.map((f) => f.ruleId), row.ours, ours.map((f) => f.message).join('\n'));
      assert.equal(verdict.get(paths[i])!.length > 0, row.ours.length > 0, JSON.stringify(verdict.get(paths[i])));
    });
  });
});
