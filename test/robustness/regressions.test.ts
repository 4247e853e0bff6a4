// Regression cases: texts on which the fuzz test (or a corpus or unit check) once found a crash, a
// hang, an unsafe fix or a refused fix, kept in test/fixtures/regressions/*.json (minimised) and
// re-checked here with the same checks: analysis does not throw and stays within the budget, every
// fix is computed without throwing, has sane edits and parses no worse; on code python3 compiles the
// full fix invariants hold, python3 compiles every fix's output, and no fix is refused (a refusal on
// valid code is a rule bug).
import { strict as assert } from 'node:assert';
import { readdirSync } from 'node:fs';
import { ALL_RULE_IDS } from '../../src/core/types';
import { type PythonFrontEnd, REGRESSIONS_DIR, checkText, pythonFrontEnd, regressionCases } from './support';

const cases = regressionCases();

describe('robustness: regression cases (test/fixtures/regressions)', function () {
  this.timeout(120_000);
  let fe: PythonFrontEnd;

  before(async () => {
    fe = await pythonFrontEnd();
  });

  it('every case is well-formed: named after its file, with a kind, a description and a text', () => {
    const files = readdirSync(REGRESSIONS_DIR).filter((f) => f.endsWith('.json')).sort();
    assert.ok(files.length > 0, 'there are regression cases');
    assert.deepEqual(cases.map((c) => `${c.id}.json`), files);
    for (const c of cases) {
      assert.ok(['fuzz', 'corpus', 'unit'].includes(c.origin), `${c.id}: origin`);
      assert.ok(c.kind && c.description && typeof c.text === 'string', `${c.id}: kind, description, text`);
      if (c.rule) assert.ok(ALL_RULE_IDS.includes(c.rule), `${c.id}: rule ${c.rule}`);
    }
  });

  for (const c of cases) {
    it(`${c.id} (${c.kind}${c.rule ? ` ${c.rule}` : ''}): ${c.description.slice(0, 100)}`, () => {
      const check = checkText(fe, c.text, c.scope === 'analysis' ? { sample: () => [] } : {});
      const violations = [...check.violations];
      // A refused fix on code python3 compiles is a rule bug (on broken code it may be the parser's recovery).
      if (check.compiles) for (const r of check.refusals) violations.push(`${r.rule}: a fix was refused on valid code: ${r.reason}`);
      assert.deepEqual(violations, []);
    });
  }
});
