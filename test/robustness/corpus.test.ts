// The corpus test (issue 8): analysis and every fix of every finding, and fix-all (safe and unsafe),
// over every node file of examples/ and of test/fixtures/corpus/ (plus CRLF and tab re-encodings of
// a few), with the fix-safety invariants of issue 4: the output parses no worse and python3 compiles
// it when the input compiled; the fixed rule no longer fires there and no other rule fires more; a
// second fix-all changes nothing; no byte outside the edits changes; line endings and indentation
// follow the file. On valid code, a fix the engine refuses is a rule bug and fails the test too.
import { strict as assert } from 'node:assert';
import {
  type PythonFrontEnd, type SourceFile, ROBUST_CONFIG, analyzeWith, checkFixAll, checkText, corpusSources, pyCompile, pythonFrontEnd,
} from './support';

/** The same file saved with CRLF line endings. */
function toCrlf(text: string): string {
  return text.replace(/\r?\n/g, '\r\n');
}

/** The same file indented with tabs (each leading group of four spaces becomes a tab). */
function toTabs(text: string): string {
  return text.split('\n').map((line) => {
    const m = /^( {4})+/.exec(line);
    return m ? '\t'.repeat(m[0].length / 4) + line.slice(m[0].length) : line;
  }).join('\n');
}

const sources = corpusSources();
const derived: SourceFile[] = [];
for (const s of sources) {
  if (s.rel.endsWith('payment_gateway/v1_0_0/node.py')) {
    derived.push({ rel: `${s.rel} (CRLF)`, text: toCrlf(s.text) });
    derived.push({ rel: `${s.rel} (tabs)`, text: toTabs(s.text) });
  }
  if (s.rel.endsWith('two_space_reducer.py')) derived.push({ rel: `${s.rel} (CRLF)`, text: toCrlf(s.text) });
}

describe('robustness: corpus (every fix of every finding, fix-all, with the fix-safety invariants)', function () {
  this.timeout(120_000);
  let fe: PythonFrontEnd;

  before(async () => {
    fe = await pythonFrontEnd();
  });

  it('the corpus holds the example node and varied node files', () => {
    assert.ok(sources.some((s) => s.rel.startsWith('examples/')), 'examples/ has node files');
    assert.ok(sources.filter((s) => s.rel.startsWith('test/fixtures/corpus/')).length >= 10, 'test/fixtures/corpus/ has at least ten files');
    assert.ok(sources.some((s) => s.text.includes('\r\n')), 'a CRLF file');
    assert.ok(sources.some((s) => /\n\t+\S/.test(s.text)), 'a tab-indented file');
    assert.ok(sources.some((s) => s.text.split('\n').some((l) => l.length > 10_000)), 'a file with a very long line');
  });

  for (const source of [...sources, ...derived]) {
    it(`${source.rel}: analysis, each fix and fix-all keep the invariants`, () => {
      const text = source.text;
      const before = analyzeWith(fe, text, ROBUST_CONFIG);
      assert.equal(before.skipped, undefined, `analysed in full: ${before.skipped?.message}`);
      const compiles = pyCompile({ input: text }).input === null;

      const check = checkText(fe, text, { full: true });
      const violations = [...check.violations];
      for (const r of check.refusals) violations.push(`${r.rule}: a fix was refused on ${compiles ? 'valid' : 'this'} code: ${r.reason}`);

      const outputs: Record<string, string> = {};
      for (const safeOnly of [true, false]) {
        const all = checkFixAll(fe, text, before, safeOnly);
        violations.push(...all.violations.map((v) => `fix-all (${safeOnly ? 'safe' : 'unsafe'}): ${v}`));
        if (all.applied > 0) outputs[`fix-all ${safeOnly ? 'safe' : 'unsafe'}`] = all.after;
      }
      if (compiles) {
        for (const [label, error] of Object.entries(pyCompile(outputs))) {
          if (error !== null) violations.push(`${label}: python3 no longer compiles the file: ${error}`);
        }
      }
      assert.deepEqual(violations, [], `${source.rel}: ${violations.length} violation(s)`);
      // The corpus is built to exercise fixes: a node file with findings must get fixes to check.
      if (before.findings.length > 0 && check.fixes === 0) assert.fail(`${source.rel}: ${before.findings.length} findings but not one fix was offered`);
    });
  }
});
