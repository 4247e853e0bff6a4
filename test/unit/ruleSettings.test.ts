// The extension's setting onexForge.rules (package.json) offers every rule of the catalogue, each with the
// default the engine applies when nothing is configured (RULE_META[id].defaultSeverity, else warning).
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { severityOf, resolveConfig } from '../../src/core/engine';
import { RULE_META } from '../../src/core/rules/meta';
import { ALL_RULE_IDS } from '../../src/core/types';

interface RuleSetting {
  default: string;
  description: string;
}

describe('rule settings', () => {
  const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8'));
  const properties = manifest.contributes.configuration.properties['onexForge.rules'].properties as Record<string, RuleSetting>;

  it('onexForge.rules lists every rule, with the default severity the engine applies and the rule\'s name', () => {
    assert.deepEqual(Object.keys(properties), [...ALL_RULE_IDS]);
    for (const id of ALL_RULE_IDS) {
      assert.equal(properties[id].default, severityOf(resolveConfig({}), id), `${id}'s default`);
      assert.equal(properties[id].description, `${id} ${RULE_META[id].name}`);
    }
  });

  it("today's own rules take their gate's weight; a configured severity still wins", () => {
    assert.equal(severityOf(resolveConfig({}), 'ONEX012'), 'error');
    assert.equal(severityOf(resolveConfig({}), 'ONEX017'), 'information');
    assert.equal(severityOf(resolveConfig({}), 'ONEX001'), 'warning');
    assert.equal(severityOf(resolveConfig({ rules: { ONEX012: 'hint' } }), 'ONEX012'), 'hint');
  });
});
