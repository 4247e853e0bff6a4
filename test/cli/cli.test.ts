import { strict as assert } from 'node:assert';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { QUICK_START_MAX_CHARS } from '../../src/cli/io';
import { ALL_RULE_IDS } from '../../src/core/types';
import { BAD_PY, CLEAN_PY, cli, project } from './helpers';

describe('cli: check', () => {
  it('exits 0 on a clean file and 1 with findings, 2 on usage errors', async () => {
    const root = project({ 'clean.py': CLEAN_PY, 'bad.py': BAD_PY });
    assert.equal((await cli(['check', 'clean.py'], root)).code, 0);
    assert.equal((await cli(['check', 'bad.py'], root)).code, 1);
    const usage = await cli(['check', '--format', 'xml', 'bad.py'], root);
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /--format must be one of text, json, sarif, github/);
    assert.equal((await cli(['check'], root)).code, 2);
    assert.equal((await cli(['check', 'missing.py'], root)).code, 2);
    assert.equal((await cli(['frobnicate'], root)).code, 2);
  });

  it('prints the JSON contract with 1-based positions', async () => {
    const root = project({ 'bad.py': BAD_PY });
    const run = await cli(['check', '--format', 'json', '.'], root);
    assert.equal(run.code, 1);
    const findings = JSON.parse(run.stdout) as Record<string, unknown>[];
    const onex011 = findings.find((f) => f.rule === 'ONEX011');
    assert.deepEqual(Object.keys(onex011!).sort(), ['column', 'endColumn', 'endLine', 'file', 'line', 'message', 'rule', 'severity']);
    assert.equal(onex011!.file, 'bad.py');
    assert.equal(onex011!.line, 4);
    assert.equal(onex011!.column, 26);
    assert.equal(onex011!.severity, 'warning');
    assert.deepEqual(findings.filter((f) => f.rule === 'ONEX010').map((f) => f.line), [7, 9]);
  });

  it('--fail-on decides the exit status', async () => {
    const root = project({ 'bad.py': BAD_PY });
    assert.equal((await cli(['check', '--fail-on', 'error', 'bad.py'], root)).code, 0);
    assert.equal((await cli(['check', '--fail-on', 'hint', 'bad.py'], root)).code, 1);
    assert.equal((await cli(['check', '--fail-on', 'never', 'bad.py'], root)).code, 0);
  });

  it('groups text output by file with a summary line and no colours off a TTY', async () => {
    const root = project({ 'a/bad.py': BAD_PY, 'b/clean.py': CLEAN_PY });
    const run = await cli(['check', '.'], root);
    assert.match(run.stdout, /^a\/bad\.py\n {2}4:26 {2}warning {2}.*ONEX011/m);
    // The project pins no framework: today's era, where ONEX010 is advice (information).
    assert.match(run.stdout, /3 problems \(1 warning, 2 information\) in 1 of 2 files\.\n$/);
    assert.ok(!run.stdout.includes('\x1b['));
    const tty = await cli(['check', '.'], root, '', true);
    assert.ok(tty.stdout.includes('\x1b['));
  });

  it('writes SARIF 2.1.0 that validates against the SARIF schema, with rule metadata and help links', async () => {
    const root = project({ 'bad.py': BAD_PY });
    const run = await cli(['check', '--format', 'sarif', 'bad.py'], root);
    const sarif = JSON.parse(run.stdout);
    const schema = JSON.parse(readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'));
    const ajv = new Ajv({ schemaId: 'id', allErrors: true });
    ajv.addMetaSchema(require('ajv/lib/refs/json-schema-draft-04.json'));
    const valid = ajv.validate(schema, sarif);
    assert.ok(valid, ajv.errorsText());
    const run0 = sarif.runs[0];
    assert.equal(sarif.version, '2.1.0');
    assert.deepEqual(run0.tool.driver.rules.map((r: { id: string }) => r.id), [...ALL_RULE_IDS]);
    assert.match(run0.tool.driver.rules[10].helpUri, /ONEX011\.md$/);
    // Each rule's default level is its default severity: a contract's syntax error is an error, a baselined topic name a note.
    const level = (id: string) => run0.tool.driver.rules.find((r: { id: string }) => r.id === id).defaultConfiguration.level;
    assert.deepEqual(['ONEX011', 'ONEX020', 'ONEX022', 'ONEX027'].map(level), ['warning', 'error', 'warning', 'note']);
    const result = run0.results.find((r: { ruleId: string }) => r.ruleId === 'ONEX011');
    assert.equal(result.locations[0].physicalLocation.artifactLocation.uri, 'bad.py');
    assert.equal(result.locations[0].physicalLocation.region.startLine, 4);
    assert.equal(run0.tool.driver.rules[result.ruleIndex].id, 'ONEX011');
  });

  it('writes GitHub workflow annotations with escaped properties', async () => {
    const root = project({ 'dir,x/bad.py': BAD_PY });
    const run = await cli(['check', '--format', 'github', '.'], root);
    const lines = run.stdout.trim().split('\n');
    assert.equal(lines.length, 3);
    assert.match(lines[0], /^::warning file=dir%2Cx\/bad\.py,line=4,col=26,endLine=4,endColumn=\d+,title=ONEX011 unknown-error-code::/);
  });

  it('--stats counts findings per rule', async () => {
    const root = project({ 'bad.py': BAD_PY });
    const run = await cli(['check', '--stats', 'bad.py'], root);
    assert.match(run.stdout, /^\s+2 {2}ONEX010 {2}precise-timing$/m);
    assert.match(run.stdout, /^\s+1 {2}ONEX011 {2}unknown-error-code$/m);
  });

  it('checks standard input under --stdin-filename', async () => {
    const root = project({});
    const run = await cli(['check', '--format', 'json', '--stdin-filename', 'src/node.py'], root, BAD_PY);
    assert.equal(run.code, 1);
    const findings = JSON.parse(run.stdout) as { file: string }[];
    assert.ok(findings.length >= 3);
    assert.equal(findings[0].file, 'src/node.py');
    assert.equal((await cli(['check', '--stdin-filename', 'x.txt'], root, 'x')).code, 2);
  });

  it('asks for a quick start (baseline-compiled parser) only for a short Python run analysed in-process', async () => {
    const big = `${CLEAN_PY}\n${'x_value = compute_something(1, 2, 3)  # filler line for a long module\n'.repeat(4000)}`;
    const root = project({ 'small.py': BAD_PY, 'big.py': big, 'node.ts': 'export const x = 1;\n' });
    assert.ok(big.length > QUICK_START_MAX_CHARS);
    assert.equal((await cli(['check', 'small.py'], root)).quickStart, true);
    assert.equal((await cli(['check', 'big.py'], root)).quickStart, false, 'a long file: the optimising compiler pays off');
    assert.equal((await cli(['check', 'node.ts'], root)).quickStart, false, 'no Python: nothing to compile');
    const many = project(Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`m${i}.py`, BAD_PY])));
    const run = await cli(['check', '.'], many);
    assert.equal(run.code, 1);
    // Eight files use the worker pool when the bundle is built (dist/worker.js); the sources run in-process.
    assert.equal(run.quickStart, !existsSync(join(__dirname, '..', '..', 'src', 'cli', 'worker.js')));
  });

  it('reports unreadable files without failing the run', async () => {
    const root = project({ 'clean.py': CLEAN_PY, 'blob.py': '' });
    writeFileSync(join(root, 'blob.py'), Buffer.from([0x00, 0xff, 0xfe, 0x00]));
    const run = await cli(['check', '--format', 'text', '.'], root);
    assert.equal(run.code, 0);
    assert.match(run.stdout, /blob\.py\n {2}Skipped: the file contains NUL bytes/);
  });
});

describe('cli: configuration', () => {
  it('reads [tool.onex-forge] from the nearest pyproject.toml, nested projects override', async () => {
    const root = project({
      'pyproject.toml': '[tool.onex-forge]\nrules = { ONEX010 = "off" }\n',
      'bad.py': BAD_PY,
      'inner/onex-forge.json': JSON.stringify({ rules: { ONEX011: 'off', ONEX010: 'error' } }),
      'inner/bad.py': BAD_PY,
    });
    const run = await cli(['check', '--format', 'json', '.'], root);
    const findings = JSON.parse(run.stdout) as { file: string; rule: string; severity: string }[];
    assert.deepEqual(findings.filter((f) => f.file === 'bad.py').map((f) => f.rule), ['ONEX011']);
    assert.deepEqual(findings.filter((f) => f.file === 'inner/bad.py').map((f) => `${f.rule}:${f.severity}`), ['ONEX010:error', 'ONEX010:error']);
  });

  it('--config overrides discovery; exclude skips paths', async () => {
    const root = project({
      'pyproject.toml': '[tool.onex-forge]\nrules = { ONEX010 = "off" }\nexclude = ["legacy/"]\n',
      'legacy/bad.py': BAD_PY,
      'bad.py': BAD_PY,
      'strict.json': JSON.stringify({ rules: { ONEX011: 'error' } }),
    });
    const discovered = JSON.parse((await cli(['check', '--format', 'json', '.'], root)).stdout) as { file: string }[];
    assert.ok(discovered.every((f) => f.file === 'bad.py'));
    const overridden = JSON.parse((await cli(['check', '--format', 'json', '--config', 'strict.json', 'bad.py'], root)).stdout) as { rule: string; severity: string }[];
    assert.ok(overridden.some((f) => f.rule === 'ONEX010'));
    assert.equal(overridden.find((f) => f.rule === 'ONEX011')!.severity, 'error');
  });

  it('exits 2 and says what is wrong for a bad configuration', async () => {
    const root = project({ 'pyproject.toml': '[tool.onex-forge]\nrules = { ONEX099 = "off" }\n', 'bad.py': BAD_PY });
    const run = await cli(['check', 'bad.py'], root);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /unknown rule "ONEX099"/);
    const root2 = project({ 'onex-forge.json': '{"rules": {"ONEX001": "loud"}}', 'bad.py': BAD_PY });
    assert.match((await cli(['check', 'bad.py'], root2)).stderr, /"loud" is not one of off, hint, information, warning, error/);
  });

  it('fix writes nothing when any folder of the run has a bad configuration', async () => {
    const root = project({ 'bad.py': BAD_PY, 'inner/onex-forge.json': '{"rules": {"ONEX010": "loud"}}', 'inner/bad.py': BAD_PY });
    const run = await cli(['fix', '.'], root);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /configuration error: .*"loud"/);
    assert.equal(readFileSync(join(root, 'bad.py'), 'utf8'), BAD_PY, 'bad.py was planned before the error and left alone');
  });

  it('init writes a configuration that loads, and never overwrites', async () => {
    const root = project({ 'pyproject.toml': '[project]\nname = "x"\n' });
    const first = await cli(['init'], root);
    assert.equal(first.code, 0, first.stderr);
    assert.match(readFileSync(join(root, 'pyproject.toml'), 'utf8'), /\[tool\.onex-forge\]/);
    assert.equal((await cli(['init'], root)).code, 2);
    const empty = project({});
    assert.equal((await cli(['init'], empty)).code, 0);
    const json = JSON.parse(readFileSync(join(empty, 'onex-forge.json'), 'utf8'));
    assert.equal(json.frameworkTarget, 'auto');
    // No severity is pinned: each rule keeps its default for the file's era (ONEX003 is information today).
    assert.deepEqual(json.rules, {});
  });
});

describe('cli: fix', () => {
  it('fix applies safe fixes in place, says what changed, and check then reports none of them', async () => {
    const root = project({ 'bad.py': BAD_PY });
    const run = await cli(['fix', 'bad.py'], root);
    assert.equal(run.code, 0, run.stderr);
    // One ONEX010 fix rewrites both ends of the duration, so two fixes clear three findings.
    assert.match(run.stdout, /^bad\.py: fixed 2 \((ONEX011 ×1, ONEX010 ×1|ONEX010 ×1, ONEX011 ×1)\)$/m);
    const after = readFileSync(join(root, 'bad.py'), 'utf8');
    assert.ok(after.includes('time.perf_counter()') && after.includes('NETWORK_ERROR'));
    assert.equal((await cli(['check', 'bad.py'], root)).code, 0);
    const again = await cli(['fix', 'bad.py'], root);
    assert.match(again.stdout, /Nothing to fix/);
    assert.equal(readFileSync(join(root, 'bad.py'), 'utf8'), after);
  });

  it('--diff prints a unified diff and writes nothing', async () => {
    const root = project({ 'bad.py': BAD_PY });
    const run = await cli(['check', '--diff', 'bad.py'], root);
    assert.equal(run.code, 0);
    assert.match(run.stdout, /^--- a\/bad\.py/m);
    assert.match(run.stdout, /^-CODE = EnumCoreErrorCode\.CONNECTION_ERROR$/m);
    assert.match(run.stdout, /^\+CODE = EnumCoreErrorCode\.NETWORK_ERROR$/m);
    assert.equal(readFileSync(join(root, 'bad.py'), 'utf8'), BAD_PY);
    const fixDiff = await cli(['fix', '--diff', 'bad.py'], root);
    assert.match(fixDiff.stdout, /^\+\+\+ b\/bad\.py/m);
    assert.equal(readFileSync(join(root, 'bad.py'), 'utf8'), BAD_PY);
  });

  it('--rules limits fixing to the named rules; an unknown rule is a usage error', async () => {
    const root = project({ 'bad.py': BAD_PY });
    await cli(['fix', '--rules', 'ONEX011', 'bad.py'], root);
    const after = readFileSync(join(root, 'bad.py'), 'utf8');
    assert.ok(after.includes('NETWORK_ERROR') && after.includes('time.time()'));
    assert.equal((await cli(['fix', '--rules', 'ONEX123', 'bad.py'], root)).code, 2);
  });
});
