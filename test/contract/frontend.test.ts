// The contract front end under the engine: the engine's analyzeWith, fixesWith and fixAllWith give contracts
// the same severities, suppression comments and fix checks as node code; a contract's era is its package's.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { ContractFrontEnd, contractEraOf } from '../../src/core/contract/frontend';
import { diskReader, overlayReader } from '../../src/core/contract/package';
import { loadPythonSource } from '../../src/core/contract/python';
import { analyzeWith, fixesWith, resolveConfig } from '../../src/core/engine';
import { fixAllWith } from '../../src/core/fixAll';
import { CONTRACT, HANDLER_PY, edit, tempRoot, writePackage } from './fixturePackage';

async function frontEnd(): Promise<ContractFrontEnd> {
  return new ContractFrontEnd(diskReader, await loadPythonSource());
}

const PIN_010 = { version: '0.1.0', spec: 'omnibase-core==0.1.0', file: '/p/pyproject.toml' };

describe('contract front end', () => {
  it("takes its package's era: an explicit setting, else the project's pin, else today", () => {
    assert.deepEqual(contractEraOf(resolveConfig({})).decision.step, 'default');
    assert.equal(contractEraOf(resolveConfig({})).era, 'today');
    const pinned = contractEraOf(resolveConfig({ projectPin: PIN_010 }));
    assert.deepEqual([pinned.era, pinned.decision.step], ['bridge', 'project']);
    const explicit = contractEraOf(resolveConfig({ projectPin: PIN_010, frameworkTarget: 'current' }));
    assert.deepEqual([explicit.era, explicit.decision.step], ['today', 'explicit']);
  });

  it('findings carry default severities, the era and where else they point; a handler\'s mistake is reported in its file', async () => {
    const path = writePackage(tempRoot('onex-contract-fe-'), {
      contract: edit(edit(CONTRACT, 'description: "Minimal', 'descripton: "Minimal'), 'name: "ModelSpecdemoWritten"', 'name: "ModelSpecdemoGone"'),
      handler: edit(HANDLER_PY, 'async def handle(', 'async def process('),
    });
    // ONEX030 shows only where ONEX019 (which reports a handler without handle() in its own file) is off.
    assert.equal(analyzeWith(await frontEnd(), readFileSync(path, 'utf8'), resolveConfig({}), path).otherFiles, undefined);
    const result = analyzeWith(await frontEnd(), readFileSync(path, 'utf8'), resolveConfig({ rules: { ONEX019: 'off' } }), path);
    assert.deepEqual(result.findings.map((f) => [f.ruleId, f.severity]), [['ONEX022', 'warning'], ['ONEX029', 'error']]);
    assert.match(result.findings[1].related![0].path!, /model_specdemo_written\.py$/);
    assert.equal(result.era?.step, 'default');
    const [[handler, found]] = Object.entries(result.otherFiles!);
    assert.match(handler, /handler_specdemo_write_effect\.py$/);
    assert.deepEqual(found.map((f) => [f.ruleId, f.severity, f.related![0].path]), [['ONEX030', 'information', path]]);
  });

  it("honours `# onex: ignore[...]` comments and the configuration's severities", async () => {
    const fe = await frontEnd();
    const text = edit(CONTRACT, 'description: "Minimal effect node used to verify the ONEX contract loaders."', 'descripton: "x"  # onex: ignore[ONEX022]');
    assert.deepEqual(analyzeWith(fe, text, resolveConfig({})).findings, []);
    const typo = edit(CONTRACT, 'description:', 'descripton:');
    assert.equal(analyzeWith(fe, typo, resolveConfig({ rules: { ONEX022: 'error' } })).findings[0].severity, 'error');
    assert.deepEqual(analyzeWith(fe, typo, resolveConfig({ rules: { ONEX022: 'off' } })).findings, []);
  });

  it('fix-all applies the safe fixes only unless asked, and each fix leaves a file that parses', async () => {
    const path = writePackage(tempRoot('onex-contract-fixall-'), {});
    const fe = await frontEnd();
    const broken = edit(edit(edit(CONTRACT, 'contract_version: {major: 1, minor: 0, patch: 0}', 'version: "1.2.0"'), 'description:', 'descripton:'), '"EFFECT_GENERIC"', '"effect"');
    const config = resolveConfig({});
    const safe = fixAllWith(fe, broken, config, { fileName: path, ruleIds: null, safeOnly: true });
    assert.deepEqual(safe.perRule, { ONEX021: 2 });
    assert.deepEqual(analyzeWith(fe, safe.text, config, path).findings.map((f) => f.ruleId), ['ONEX022']);
    const all = fixAllWith(fe, broken, config, { fileName: path, ruleIds: null, safeOnly: false });
    assert.equal(all.text, edit(CONTRACT, 'contract_version: {major: 1, minor: 0, patch: 0}', 'contract_version: {major: 1, minor: 2, patch: 0}'));
    // fixesWith checks each fix as the engine checks every front end's: no more YAML errors after than before.
    const finding = analyzeWith(fe, broken, config, path).findings.find((f) => f.ruleId === 'ONEX022')!;
    const { fixes, refused } = fixesWith(fe, broken, finding, config, path);
    assert.deepEqual([fixes.map((f) => [f.title, f.safety]), refused], [[["Rename 'descripton' to 'description'", 'unsafe']], []]);
  });

  it("derives a fix's values from the package it reads through its reader: node.py's kind, the folder's name", async () => {
    const path = writePackage(tempRoot('onex-contract-derive-'), {});
    const text = edit(edit(CONTRACT, 'node_type: "EFFECT_GENERIC"\n', ''), 'name: "node_specdemo_write_effect"\n', '');
    // The reader answers node.py from an unsaved editor: a compute node there.
    const nodePy = path.replace(/contract\.yaml$/, 'node.py');
    const reader = overlayReader((p) => (p === nodePy ? readFileSync(nodePy, 'utf8').replace(/NodeEffect/g, 'NodeCompute') : undefined), diskReader);
    const fe = new ContractFrontEnd(reader, await loadPythonSource());
    const fixed = fixAllWith(fe, text, resolveConfig({}), { fileName: path, ruleIds: null, safeOnly: true }).text;
    assert.ok(fixed.includes('node_type: "COMPUTE_GENERIC"\n'), fixed);
    assert.ok(fixed.includes('name: "node_specdemo_write_effect"\n'), fixed);
  });
});
