// The rule catalogue is one list: the rule ids, their entries (src/core/rules/onexNNN/meta.ts), the settings
// the extension contributes (package.json onexForge.rules), the configuration's known ids and each rule's
// default severity agree.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { STARTING_TOML, startingJson } from '../../src/cli/init';
import { CONTRACT_RULE_IDS } from '../../src/core/contract/meta';
import { resolveConfig, severityOf } from '../../src/core/engine';
import { ConfigError, validateConfigTable } from '../../src/core/projectConfig';
import { RULE_META, defaultSeverityOf } from '../../src/core/rules/meta';
import { ALL_RULE_IDS, describeRuleIds } from '../../src/core/types';

type RuleSetting = { default: string; description: string; enum: string[] };
const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as {
  contributes: { configuration: { properties: Record<string, { properties?: Record<string, RuleSetting> }> }[] };
};

describe('rule catalogue', () => {
  it('lists the ids in order, each with its entry', () => {
    assert.deepEqual([...ALL_RULE_IDS], [...ALL_RULE_IDS].sort());
    assert.deepEqual(Object.keys(RULE_META).sort(), [...ALL_RULE_IDS]);
    for (const id of ALL_RULE_IDS) assert.equal(RULE_META[id].id, id);
  });

  it('the contract rules are ONEX020 to ONEX033, with the framework check each mirrors', () => {
    assert.equal(describeRuleIds(CONTRACT_RULE_IDS), 'ONEX020 to ONEX033');
    for (const id of CONTRACT_RULE_IDS) assert.ok(RULE_META[id].mirrors, id);
    assert.equal(ALL_RULE_IDS.filter((id) => RULE_META[id].appliesTo === undefined).length, ALL_RULE_IDS.length - CONTRACT_RULE_IDS.length);
  });

  it("package.json's onexForge.rules offers every rule, with its default severity", () => {
    const rules = manifest.contributes.configuration.find((s) => s.properties['onexForge.rules'])!.properties['onexForge.rules'].properties!;
    assert.deepEqual(Object.keys(rules), [...ALL_RULE_IDS]);
    for (const id of ALL_RULE_IDS) {
      assert.equal(rules[id].default, defaultSeverityOf(id), id);
      assert.ok(rules[id].description.startsWith(`${id} ${RULE_META[id].name}`), rules[id].description);
      assert.deepEqual(rules[id].enum, ['off', 'hint', 'information', 'warning', 'error']);
    }
  });

  it('a rule the configuration does not set has its default severity', () => {
    const config = resolveConfig({});
    assert.equal(severityOf(config, 'ONEX001'), 'warning');
    assert.equal(severityOf(config, 'ONEX020'), 'error');
    assert.equal(severityOf(config, 'ONEX027'), 'information');
    assert.equal(severityOf(resolveConfig({ rules: { ONEX027: 'error' } }), 'ONEX027'), 'error');
    // Today's own rules take the weight of the gate they mirror.
    assert.equal(severityOf(config, 'ONEX012'), 'error');
    assert.equal(severityOf(config, 'ONEX017'), 'information');
    assert.equal(severityOf(resolveConfig({ rules: { ONEX012: 'hint' } }), 'ONEX012'), 'hint');
  });

  it('the configuration accepts every id and names the known ones when it meets another', () => {
    assert.deepEqual(validateConfigTable({ rules: { onex033: 'off' } }, 'x').config.rules, { ONEX033: 'off' });
    assert.throws(() => validateConfigTable({ rules: { ONEX034: 'off' } }, 'x'),
      (e: Error) => e instanceof ConfigError && e.message.includes('(known: ONEX001 to ONEX033)'));
    assert.equal(describeRuleIds(['ONEX003', 'ONEX001', 'ONEX002', 'ONEX005']), 'ONEX001 to ONEX003, ONEX005');
  });

  it("init's starting configuration leaves every rule at its default, which may depend on the file's era", () => {
    assert.match(STARTING_TOML, /^rules = \{\}$/m);
    assert.deepEqual(JSON.parse(startingJson()).rules, {});
  });
});
