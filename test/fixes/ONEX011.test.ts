// ONEX011 fix: the existing EnumCoreErrorCode member that replaces the missing one (safe); no fix
// when no replacement is certain enough to be written unattended.
import { strict as assert } from 'node:assert';
import { ERROR_CODES } from '../../src/core/framework';
import { confidentReplacement } from '../../src/core/rules/onex011/python';
import { applyAllFixes, dedent, findingsOf } from '../helpers/ruleTester';
import { type EditPolicy, VARIANTS, applyFix, checkFixSafety, fixesOf, fixture, runPython } from './statements_fixSafety';

/** The only edit: the member name itself, replaced by an existing member. */
const policy: EditPolicy = (edit, finding) =>
  edit.start === finding.span.start && edit.end === finding.span.end && ERROR_CODES.has(edit.newText);

describe('ONEX011 fixes', () => {
  it('replaces the member as a safe, preferred fix, through aliases and dotted paths', async () => {
    const code = dedent(`
      import omnibase_core.errors as errs
      from omnibase_core.errors import EnumCoreErrorCode as Codes
      CoreErrorCode = Codes

      a = CoreErrorCode.CONNECTION_ERROR
      b = Codes.EXECUTION_ERROR.value
      c = errs.EnumCoreErrorCode.STARTUP_ERROR
      d = CoreErrorCode.TIMEOUT_EROR
    `);
    const { fixes } = await fixesOf(code, 'ONEX011');
    assert.deepEqual(fixes.map((f) => [f.id, f.safety, f.preferred, f.title]),
      [['replace-error-code', 'safe', true, 'Replace CONNECTION_ERROR with NETWORK_ERROR']]);
    assert.equal(await applyAllFixes(code, 'ONEX011'), dedent(`
      import omnibase_core.errors as errs
      from omnibase_core.errors import EnumCoreErrorCode as Codes
      CoreErrorCode = Codes

      a = CoreErrorCode.NETWORK_ERROR
      b = Codes.OPERATION_FAILED.value
      c = errs.EnumCoreErrorCode.SERVICE_START_FAILED
      d = CoreErrorCode.TIMEOUT_ERROR
    `));
  });

  it('fixes the spec production snippet: CONNECTION_ERROR becomes NETWORK_ERROR and nothing else changes', async () => {
    const code = fixture('statements_spec_production.py');
    const fixed = await applyFix(code, 'ONEX011', 'replace-error-code');
    assert.equal(fixed, code.replace('error_code=EnumCoreErrorCode.CONNECTION_ERROR', 'error_code=EnumCoreErrorCode.NETWORK_ERROR'));
    assert.deepEqual(await findingsOf(fixed, 'ONEX011'), []);
  });

  it('offers no fix when no replacement is certain', async () => {
    for (const member of ['FLUX_CAPACITOR_MELTDOWN', 'CONNECTION_FAILED', 'DB_DOWN', 'ERR']) {
      const { fixes, finding } = await fixesOf(`x = EnumCoreErrorCode.${member}\n`, 'ONEX011');
      assert.deepEqual(fixes, [], `${member} got a fix`);
      assert.ok(!finding.message.includes('; use '), `${member}: ${finding.message}`);
    }
  });

  it('accepts only replacements that are real members, from the table or a near-certain typo', () => {
    assert.equal(confidentReplacement('CONNECTION_ERROR'), 'NETWORK_ERROR');
    // suggestErrorCode alone would say CONVERSION_ERROR, three edits away: a typo of a name that never existed wins.
    assert.equal(confidentReplacement('CONECTION_ERROR'), 'NETWORK_ERROR');
    assert.equal(confidentReplacement('VALIDATON_ERROR'), 'VALIDATION_ERROR');
    assert.equal(confidentReplacement('SERVICE_UNAVAILABLE_ERR'), 'SERVICE_UNAVAILABLE');
    assert.equal(confidentReplacement('TIMEOUT_ERRO'), 'TIMEOUT_ERROR');
    // Too far from any member: no fix.
    assert.equal(confidentReplacement('FILE_ERROR'), null);
    assert.equal(confidentReplacement('FILE_READ_WRITE_ERROR'), null);
    assert.equal(confidentReplacement('CONNECTION_FAILED'), null);
    for (const name of ['CONNECTION_ERROR', 'CONECTION_ERROR', 'VALIDATON_ERROR', 'TIMEOUT_ERRO']) {
      assert.ok(ERROR_CODES.has(confidentReplacement(name)!), name);
    }
  });

  it('the fixed code runs: the replacements exist in the real framework of each era', () => {
    for (const era of ['bridge', 'today'] as const) {
      const fixed = 'from omnibase_core.errors import EnumCoreErrorCode\ncode = EnumCoreErrorCode.NETWORK_ERROR\n';
      assert.equal(runPython(fixed, 'import node_under_test\nprint(node_under_test.code.name)\n', era).trim(), 'NETWORK_ERROR');
    }
  });

  for (const variant of VARIANTS) {
    it(`fix safety on the fix corpus (${variant.name})`, async () => {
      const text = variant.transform(fixture('statements_fix_corpus.py'));
      const { fixed, before } = await checkFixSafety('ONEX011', text, policy, variant.unit);
      assert.equal(before.filter((f) => f.ruleId === 'ONEX011').length, 4);
      assert.ok(fixed.includes('CoreErrorCode.SERVICE_STOP_FAILED'));
    });
  }

  it('fix safety on the long effect node with a syntax error elsewhere', async () => {
    await checkFixSafety('ONEX011', fixture('statements_long_effect.py'), policy, '    ');
  });
});
