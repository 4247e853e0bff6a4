// Bad input, class by class, through the command line (issue 8): `check` and `fix` never crash
// (exit 2 with "internal error"), report what they skipped, and never rewrite a file they must not
// (not valid UTF-8, binary, too large) or damage one they fix (CRLF, mixed endings, tabs, BOM).
import { strict as assert } from 'node:assert';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { minimalReplacement } from '../../src/extension/engineBridge';
import { cli, project } from '../cli/helpers';
import { steppingClock, stoppedClock } from '../helpers/clock';
import {
  CORPUS_DIR, EXAMPLES_DIR, type PythonFrontEnd, ROBUST_CONFIG, eolCounts, eolViolations, fixAllWith, pythonFrontEnd,
} from './support';

const EXAMPLE = readFileSync(join(EXAMPLES_DIR, 'nodes/payment_gateway/v1_0_0/node.py'), 'utf8');
const corpus = (name: string) => readFileSync(join(CORPUS_DIR, name), 'utf8');

function noCrash(run: { code: number; stderr: string }, what: string): void {
  assert.ok(!/internal error/.test(run.stderr), `${what}: ${run.stderr}`);
  assert.ok(run.code === 0 || run.code === 1, `${what}: exit ${run.code}: ${run.stderr}`);
}

interface JsonFinding { file: string; line: number; column: number; rule: string }

/** A Python file of about `bytes` bytes made of renamed copies of the example node. */
function bigFile(bytes: number): string {
  const parts: string[] = [];
  for (let i = 0, size = 0; size < bytes; i++) {
    parts.push(EXAMPLE.replace(/NodePaymentGatewayEffect/g, `NodePaymentGateway${i}Effect`));
    size += parts[parts.length - 1].length + 2;
  }
  return parts.join('\n\n');
}

describe('robustness: bad input on the command line', function () {
  this.timeout(90_000);
  let fe: PythonFrontEnd;

  before(async () => {
    fe = await pythonFrontEnd();
  });

  it('syntax errors: check reports the intact node class, fix repairs it without making the file worse', async () => {
    const broken = corpus('broken_helper_effect.py');
    const root = project({ 'broken.py': broken });
    const run = await cli(['check', '--format', 'json', 'broken.py'], root);
    noCrash(run, 'check');
    assert.equal(run.code, 1);
    const findings = JSON.parse(run.stdout) as JsonFinding[];
    assert.deepEqual(findings.filter((f) => f.rule === 'ONEX010').map((f) => f.line), [22, 25]);
    assert.ok(findings.every((f) => f.line < 30), 'nothing is reported in the broken helper');
    const fixed = await cli(['fix', '--unsafe', 'broken.py'], root);
    noCrash(fixed, 'fix --unsafe');
    const after = readFileSync(join(root, 'broken.py'), 'utf8');
    assert.notEqual(after, broken, 'fixes were applied');
    assert.ok(fe.syntaxErrorCount(after) <= fe.syntaxErrorCount(broken));
    assert.ok(after.endsWith(broken.slice(broken.indexOf('\ndef helper('))), 'the broken helper is left as it was');
  });

  it('empty, blank and BOM-only files: no problems, nothing to fix, nothing written', async () => {
    const files = { 'empty.py': '', 'blank.py': '\n\n\n', 'spaces.py': '   \t ', 'bom.py': '\ufeff', 'comment.py': '# just a comment' };
    const root = project(files);
    const run = await cli(['check', '.'], root);
    noCrash(run, 'check');
    assert.equal(run.code, 0);
    assert.match(run.stdout, /No ONEX problems in 5 files\./);
    const fixed = await cli(['fix', '--unsafe', '.'], root);
    assert.equal(fixed.code, 0, fixed.stderr);
    assert.match(fixed.stdout, /Nothing to fix\./);
    for (const [name, content] of Object.entries(files)) assert.equal(readFileSync(join(root, name), 'utf8'), content, name);
  });

  it('truncated files: check and fix --unsafe run over all of them; what fix writes parses no worse', async () => {
    const files: Record<string, string> = {};
    const lines = EXAMPLE.split('\n');
    for (let n = 3; n < lines.length; n += 4) files[`cut_${String(n).padStart(2, '0')}.py`] = lines.slice(0, n).join('\n');
    files['mid_token.py'] = EXAMPLE.slice(0, EXAMPLE.indexOf('time.time()') + 6);
    const root = project(files);
    noCrash(await cli(['check', '.'], root), 'check');
    const fixed = await cli(['fix', '--unsafe', '.'], root);
    noCrash(fixed, 'fix --unsafe');
    for (const [name, before] of Object.entries(files)) {
      const after = readFileSync(join(root, name), 'utf8');
      assert.ok(fe.syntaxErrorCount(after) <= fe.syntaxErrorCount(before), `${name}: the fixed file parses worse`);
    }
  });

  describe('a 5 MB file', () => {
    let root: string;
    let big: string;
    before(() => {
      big = bigFile(5.2 * 1024 * 1024);
      root = project({ 'big.py': big, 'small.py': EXAMPLE });
    });

    it('check prints one notice for it, checks the other files, and is quick', async () => {
      const t0 = performance.now();
      const run = await cli(['check', '.'], root);
      const ms = performance.now() - t0;
      noCrash(run, 'check');
      const notices = run.stdout.match(/Skipped: the file is 5\.\d MB, above the 1\.0 MB limit \(setting onexForge\.maxFileSize\)\./g) ?? [];
      assert.equal(notices.length, 1, run.stdout);
      assert.match(run.stdout, /^big\.py\n {2}Skipped/m);
      assert.match(run.stdout, /^small\.py\n/m);
      assert.ok(ms < 15_000, `${ms.toFixed(0)} ms`);
      const json = await cli(['check', '--format', 'json', 'big.py'], root);
      assert.deepEqual(JSON.parse(json.stdout), []);
      assert.equal(json.code, 0);
    });

    it('fix leaves it untouched', async () => {
      const run = await cli(['fix', '--unsafe', 'big.py'], root);
      assert.equal(run.code, 0, run.stderr);
      assert.equal(readFileSync(join(root, 'big.py'), 'utf8'), big);
    });

    it('with max-file-size raised in the project configuration, it is analysed (or stopped by the time budget, saying so)', async () => {
      const raised = project({ 'big.py': big, 'onex-forge.json': JSON.stringify({ maxFileSize: 16 * 1024 * 1024 }) });
      const run = await cli(['check', 'big.py'], raised);
      noCrash(run, 'check');
      assert.ok(!/above the/.test(run.stdout));
      assert.ok(run.code === 1 || /Stopped: (analysis|parsing) took longer than/.test(run.stdout), run.stdout.slice(0, 400));
    });
  });

  it('NUL bytes: skipped with a notice, never rewritten', async () => {
    const bytes = Buffer.concat([Buffer.from(EXAMPLE.slice(0, 200)), Buffer.from([0, 0, 1, 2, 0xff, 0]), Buffer.from(EXAMPLE.slice(200))]);
    const root = project({});
    writeFileSync(join(root, 'binary.py'), bytes);
    const run = await cli(['check', 'binary.py'], root);
    noCrash(run, 'check');
    assert.equal(run.code, 0);
    assert.match(run.stdout, /binary\.py\n {2}Skipped: the file contains NUL bytes/);
    const fixed = await cli(['fix', '--unsafe', 'binary.py'], root);
    noCrash(fixed, 'fix');
    assert.ok(readFileSync(join(root, 'binary.py')).equals(bytes), 'the bytes are unchanged');
  });

  it('invalid UTF-8: analysed, but fix never rewrites it and says so', async () => {
    const marker = '# Get services';
    const at = Buffer.byteLength(EXAMPLE.slice(0, EXAMPLE.indexOf(marker) + marker.length));
    const source = Buffer.from(EXAMPLE);
    const bytes = Buffer.concat([source.subarray(0, at), Buffer.from([0x20, 0xff, 0xfe, 0xc3, 0x28]), source.subarray(at)]);
    const root = project({});
    writeFileSync(join(root, 'latin.py'), bytes);
    const run = await cli(['check', '--format', 'json', 'latin.py'], root);
    noCrash(run, 'check');
    assert.equal(run.code, 1, 'the node is analysed');
    const plain = await cli(['check', '--format', 'json', '--stdin-filename', 'x.py'], root, EXAMPLE);
    const lines = (s: string) => (JSON.parse(s) as JsonFinding[]).map((f) => `${f.rule}@${f.line}:${f.column}`);
    assert.deepEqual(lines(run.stdout), lines(plain.stdout), 'the same findings as the clean file');
    for (const args of [['fix', '--unsafe', 'latin.py'], ['check', '--fix', 'latin.py'], ['check', '--unsafe-fixes', 'latin.py']]) {
      const fixed = await cli(args, root);
      noCrash(fixed, args.join(' '));
      assert.match(fixed.stderr, /latin\.py: not valid UTF-8; fixes were not written/);
      assert.ok(readFileSync(join(root, 'latin.py')).equals(bytes), `${args.join(' ')}: the bytes are unchanged`);
    }
  });

  it('CRLF: fix --unsafe writes CRLF only, writes what fix-all computes, and a second run changes nothing', async () => {
    const text = corpus('crlf_effect.py');
    const root = project({ 'crlf.py': text });
    const run = await cli(['fix', '--unsafe', 'crlf.py'], root);
    noCrash(run, 'fix');
    const after = readFileSync(join(root, 'crlf.py'), 'utf8');
    assert.notEqual(after, text);
    assert.deepEqual(eolViolations(text, after), []);
    assert.equal(eolCounts(after).lf, 0, 'no bare LF');
    assert.equal(after, fixAllWith(fe, text, ROBUST_CONFIG, { ruleIds: null, safeOnly: false }).text);
    const again = await cli(['fix', '--unsafe', 'crlf.py'], root);
    assert.match(again.stdout, /Nothing to fix\./);
    assert.equal(readFileSync(join(root, 'crlf.py'), 'utf8'), after);
  });

  it('mixed line endings and a BOM: fix keeps the BOM and every line ending outside the changed region', async () => {
    const text = corpus('mixed_endings_compute.py');
    const root = project({ 'mixed.py': '\ufeff' + text });
    const run = await cli(['fix', '--unsafe', 'mixed.py'], root);
    noCrash(run, 'fix');
    const raw = readFileSync(join(root, 'mixed.py'));
    assert.deepEqual([...raw.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'the BOM is kept');
    const after = raw.toString('utf8').slice(1);
    const change = minimalReplacement(text, after);
    assert.ok(change, 'something was fixed');
    assert.deepEqual(eolViolations(text, after), []);
    assert.equal(after.slice(0, change.start), text.slice(0, change.start));
    assert.equal(after.slice(change.start + change.newText.length), text.slice(change.end));
  });

  it('tabs: every line fix --unsafe adds to the tab-indented file is indented with tabs', async () => {
    const text = corpus('long_orchestrator_tabs.py');
    const root = project({ 'tabs.py': text });
    noCrash(await cli(['fix', '--unsafe', 'tabs.py'], root), 'fix');
    const after = readFileSync(join(root, 'tabs.py'), 'utf8');
    const before = new Set(text.split('\n'));
    const added = after.split('\n').filter((l) => !before.has(l) && l.trim() !== '');
    assert.ok(added.length > 5, 'fix added lines');
    const spaced = added.filter((l) => /^\t* +\S/.test(l) && !/^\s*["'#]/.test(l.trim()));
    assert.deepEqual(spaced, []);
  });

  it('a 100,000-character line and 5,000-deep nesting: checked and fixed without a crash', async () => {
    const longLine = EXAMPLE.replace('        start = time.time()\n', `        start = time.time(); blob = "${'y'.repeat(100_000)}"\n`);
    const deep = EXAMPLE.replace('        start = time.time()\n', `        start = time.time()\n        deep = ${'('.repeat(5000)}1${')'.repeat(5000)}\n`);
    const root = project({ 'long.py': longLine, 'deep.py': deep });
    const run = await cli(['check', '--format', 'json', '.'], root);
    noCrash(run, 'check');
    const findings = JSON.parse(run.stdout) as JsonFinding[];
    assert.ok(findings.some((f) => f.file === 'long.py' && f.rule === 'ONEX010'));
    noCrash(await cli(['fix', '.'], root), 'fix');
    assert.ok(readFileSync(join(root, 'long.py'), 'utf8').includes('y'.repeat(100_000)), 'the long line is kept');
  });

  it('a tiny time budget in the project configuration: the notice says analysis stopped, no crash', async () => {
    const root = project({ 'node.py': EXAMPLE, 'onex-forge.json': JSON.stringify({ timeBudgetMs: 1 }) });
    // Every reading of this clock is 1 ms later: the budget runs out on any machine, however fast.
    const run = await cli(['check', 'node.py'], root, '', false, steppingClock());
    noCrash(run, 'check');
    assert.match(run.stdout, /Stopped: (analysis|parsing) took longer than 1 ms \(setting onexForge\.timeBudgetMs\)/);
    // On a clock that never moves, the same budget never runs out: the findings are reported.
    const unhurried = await cli(['check', '--format', 'json', 'node.py'], root, '', false, stoppedClock);
    assert.equal(unhurried.code, 1);
    assert.ok((JSON.parse(unhurried.stdout) as JsonFinding[]).some((f) => f.rule === 'ONEX011'), unhurried.stdout);
  });
});
