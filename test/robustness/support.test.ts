// The robustness suite's own checks must catch what they claim to catch: each invariant checker
// is shown a violation it has to report and a clean case it has to accept.
import { strict as assert } from 'node:assert';
import {
  type PythonFrontEnd, Rng, checkFix, corpusSources, editViolations, eolViolations, indentationViolations, leavesOf, makeMutant,
  indentStyle, mapOffset, mutantSeed, newRegionsOf, outsideBytesViolations, pyCompile, pythonFrontEnd, stringRanges, analyzeWith, ROBUST_CONFIG,
} from './support';

describe('robustness: the suite\'s own invariant checks', () => {
  let fe: PythonFrontEnd;

  before(async () => {
    fe = await pythonFrontEnd();
  });

  it('line endings: a bare LF in a CRLF file, a CRLF in an LF file, and a new lone CR are reported', () => {
    assert.deepEqual(eolViolations('a\r\nb\r\n', 'a\r\nx\r\nb\r\n'), []);
    assert.match(eolViolations('a\r\nb\r\n', 'a\r\nx\nb\r\n').join(), /bare LF/);
    assert.match(eolViolations('a\nb\n', 'a\r\nb\n').join(), /CRLF/);
    assert.match(eolViolations('a\nb\n', 'a\rb\n').join(), /bare CR/);
  });

  it('indentation: spaces in a tab file, tabs in a space file and a block one unit too deep are reported; strings are left alone', () => {
    const tabs = { kind: 'tab' as const, units: [1], mixed: false };
    const twoSpaces = { kind: 'space' as const, units: [2], mixed: false };
    const after = 'class A:\n\tdef f(self):\n\t\tpass\n\tdef g(self):\n    \treturn 1\n';
    const region = [{ start: after.indexOf('\tdef g'), end: after.length }];
    assert.match(indentationViolations(after, region, tabs).join(), /space indentation/);
    const good = 'class A:\n  def f(self):\n    pass\n';
    assert.deepEqual(indentationViolations(good, [{ start: good.indexOf('  def'), end: good.length }], twoSpaces), []);
    const deep = 'class A:\n  def f(self):\n      pass\n';
    assert.match(indentationViolations(deep, [{ start: deep.indexOf('  def'), end: deep.length }], twoSpaces).join(), /indented by 4, the file indents blocks by 2/);
    assert.deepEqual(indentationViolations(after, region, { ...tabs, mixed: true }), [], 'a file that mixes tabs and spaces is not judged');
    assert.match(indentationViolations('x = 1\n\ty = 2\n', [{ start: 5, end: 13 }], twoSpaces).join(), /tab indentation/);
    const doc = 'def f():\n  """Args:\n        x: a value\n  """\n';
    assert.deepEqual(indentationViolations(doc, [{ start: 0, end: doc.length }], twoSpaces, stringRanges(fe, doc)), []);
  });

  it('indentation style: tabs, the block steps a file uses, and mixed files are recognised', () => {
    assert.deepEqual(indentStyle(fe, 'class A:\n\tdef f(self):\n\t\tpass\n'), { kind: 'tab', units: [1], mixed: false });
    assert.deepEqual(indentStyle(fe, 'class A:\n  def f(self):\n      pass\n'), { kind: 'space', units: [2, 4], mixed: false });
    assert.equal(indentStyle(fe, 'class A:\n    def f(self):\n    \tpass\n').mixed, true);
    assert.deepEqual(indentStyle(fe, 'x = 1\ny = """\n:\n        z\n"""\n').units, [], 'string contents do not count');
  });

  it('edits: out of range, overlapping, and splitting a CRLF or a surrogate pair are reported', () => {
    const text = 'ab\r\ncd🚀e';
    assert.deepEqual(editViolations(text, [{ start: 0, end: 1, newText: 'x' }, { start: 4, end: 6, newText: '' }]), []);
    assert.match(editViolations(text, [{ start: 5, end: 99, newText: '' }]).join(), /outside/);
    assert.match(editViolations(text, [{ start: 0, end: 3, newText: '' }, { start: 2, end: 4, newText: '' }]).join(), /overlap/);
    assert.match(editViolations(text, [{ start: 3, end: 3, newText: 'x' }]).join(), /CRLF/);
    assert.match(editViolations(text, [{ start: 7, end: 7, newText: 'x' }]).join(), /surrogate/);
  });

  it('untouched bytes: a change outside the edits is reported; offsets map across edits', () => {
    const text = 'aaaa bbbb cccc';
    const edits = [{ start: 5, end: 9, newText: 'XX' }];
    assert.deepEqual(newRegionsOf(edits), [{ start: 5, end: 7 }]);
    assert.deepEqual(outsideBytesViolations(text, 'aaaa XX cccc', edits), []);
    assert.match(outsideBytesViolations(text, 'aaaa XX ccc!', edits).join(), /after the last edit/);
    assert.match(outsideBytesViolations(text, 'aaa! XX cccc', edits).join(), /before the edit/);
    assert.equal(mapOffset(10, edits), 8);
    assert.equal(mapOffset(6, edits), 5);
    assert.equal(mapOffset(2, edits), 2);
  });

  it('checkFix reports a fix that breaks parsing, and one after which the rule still fires', () => {
    const text = 'import time\n\ndef work():\n    start = time.time()\n    return time.time() - start\n';
    const before = analyzeWith(fe, text, ROBUST_CONFIG);
    const finding = before.findings.find((f) => f.ruleId === 'ONEX010');
    assert.ok(finding, 'ONEX010 fires on the sample');
    const breaking = checkFix(fe, text, before, finding, { id: 'bad', title: 'bad', safety: 'safe', edits: [{ start: finding.span.start, end: finding.span.start, newText: '(' }] }, { full: true });
    assert.match(breaking.violations.join(), /syntax errors/);
    const useless = checkFix(fe, text, before, finding, { id: 'noop', title: 'noop', safety: 'safe', edits: [{ start: 0, end: 0, newText: '# x\n' }] }, { full: true });
    assert.match(useless.violations.join(), /still fires/);
  });

  it('python3 compile: accepts valid code, reports invalid code and NUL bytes', () => {
    const result = pyCompile({ ok: 'x = 1\n', bad: 'def f(:\n', nul: 'x = 1\u0000\n' });
    assert.equal(result.ok, null);
    assert.match(result.bad!, /SyntaxError/);
    assert.ok(result.nul !== null);
  });

  it('mutants are deterministic per (seed, index), tokenised with tree-sitter leaves', () => {
    const sources = corpusSources();
    const a = makeMutant(fe, sources, 7, 3);
    const b = makeMutant(fe, sources, 7, 3);
    assert.equal(a.text, b.text);
    assert.deepEqual(a.notes, b.notes);
    assert.notEqual(mutantSeed(7, 3), mutantSeed(7, 4));
    const rng = new Rng(1);
    assert.ok(Array.from({ length: 100 }, () => rng.next()).every((x) => x >= 0 && x < 1));
    const text = sources[0].text;
    for (const leaf of leavesOf(fe, text)) assert.ok(leaf.end > leaf.start && leaf.end <= text.length);
  });
});
