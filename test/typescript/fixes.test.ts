// Fix safety for the TypeScript rules, on template-style node files in three styles (2 spaces /
// single quotes / semicolons, 4 spaces / double quotes, tabs / no semicolons), each also with CRLF
// line endings. For every fix of every finding: the file parses no worse, the finding is gone, the
// edits follow the file's line endings, indentation, quotes and semicolons. Per rule, fix-all
// converges and a second run changes nothing; the fixed file type-checks no worse than the original,
// and once every rule is fixed the file has no findings and no type errors.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { analyzeText, fixesFor } from '../../src/core/engine';
import { applyEdits } from '../../src/core/text';
import { ALL_RULE_IDS, type Finding, type Fix, type RuleId } from '../../src/core/types';
import { applyAllFixes } from '../helpers/ruleTester';
import { NodeTypeChecker } from './typecheck';

interface Style {
  file: string;
  indent: string;
  quote: '"' | "'";
  semicolons: boolean;
}

const STYLES: Style[] = [
  { file: 'template_effect.ts.fixture', indent: '  ', quote: "'", semicolons: true },
  { file: 'four_space_compute.ts.fixture', indent: '    ', quote: '"', semicolons: true },
  { file: 'tabs_orchestrator.ts.fixture', indent: '\t', quote: "'", semicolons: false },
];

function load(style: Style): string {
  return readFileSync(join(__dirname, 'corpus', style.file), 'utf8');
}

const FILE_NAME = '/workspace/nodes/node.ts';

async function findings(text: string, ruleId?: RuleId): Promise<Finding[]> {
  const result = await analyzeText(text, { language: 'typescript', fileName: FILE_NAME });
  assert.equal(result.skipped, undefined, result.skipped?.message);
  return ruleId ? result.findings.filter((f) => f.ruleId === ruleId) : result.findings;
}

function syntaxErrors(text: string): number {
  const sf = ts.createSourceFile('x.ts', text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  return (sf as unknown as { parseDiagnostics: unknown[] }).parseDiagnostics.length;
}

/** Where an offset of the original text lands after the edits. */
function mapOffset(offset: number, fix: Fix): number {
  let delta = 0;
  for (const e of fix.edits) {
    if (e.end <= offset && !(e.start === e.end && e.start === offset)) delta += e.newText.length - (e.end - e.start);
    else if (e.start <= offset && offset < e.end) return e.start + delta;
  }
  return offset + delta;
}

/** String literals the fix writes must use the file's quote. */
function literalQuotes(newText: string): string[] {
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, true, ts.LanguageVariant.Standard, newText);
  const quotes: string[] = [];
  for (let token = scanner.scan(); token !== ts.SyntaxKind.EndOfFileToken; token = scanner.scan()) {
    if (token === ts.SyntaxKind.StringLiteral) quotes.push(scanner.getTokenText()[0]);
  }
  return quotes;
}

function checkConventions(style: Style, crlf: boolean, fix: Fix, label: string): void {
  for (const edit of fix.edits) {
    const text = edit.newText;
    if (crlf) assert.ok(!/(^|[^\r])\n/.test(text), `${label}: an edit has a bare \\n in a CRLF file: ${JSON.stringify(text)}`);
    else assert.ok(!text.includes('\r'), `${label}: an edit has \\r in an LF file`);
    for (const q of literalQuotes(text)) assert.equal(q, style.quote, `${label}: string literal quoted with ${q}: ${JSON.stringify(text)}`);
    const lines = text.split(/\r?\n/).slice(1);
    for (const line of lines) {
      if (line.trim() === '') continue;
      const lead = /^[ \t]*/.exec(line)![0];
      if (style.indent === '\t') assert.ok(!lead.includes(' '), `${label}: space indentation in a tab file: ${JSON.stringify(line)}`);
      else {
        assert.ok(!lead.includes('\t'), `${label}: tab indentation in a space file: ${JSON.stringify(line)}`);
        assert.equal(lead.length % style.indent.length, 0, `${label}: indentation not a multiple of ${style.indent.length}: ${JSON.stringify(line)}`);
      }
      if (!style.semicolons) assert.ok(!/;\s*$/.test(line), `${label}: a semicolon in a file without them: ${JSON.stringify(line)}`);
    }
  }
}

describe('TypeScript fix safety', function () {
  this.timeout(600_000);
  const checker = new NodeTypeChecker();

  for (const style of STYLES) {
    for (const crlf of [false, true]) {
      const label = `${style.file}${crlf ? ' (CRLF)' : ''}`;

      it(`${label}: every fix of every finding parses no worse, removes its finding and follows the file`, async () => {
        const original = crlf ? load(style).replace(/\n/g, '\r\n') : load(style);
        const all = await findings(original);
        assert.ok(all.length >= 8, `the corpus file should show most gaps, got ${all.length}`);
        const before = syntaxErrors(original);
        let fixesSeen = 0;
        for (const finding of all) {
          const { fixes, refused } = await fixesFor(original, finding, { language: 'typescript', fileName: FILE_NAME });
          assert.deepEqual(refused.map((r) => r.reason), [], `${finding.ruleId} at ${finding.range.start.line + 1}: refused fixes`);
          for (const fix of fixes) {
            fixesSeen++;
            const where = `${finding.ruleId} ${fix.id} at ${finding.range.start.line + 1}`;
            const fixed = applyEdits(original, fix.edits);
            assert.notEqual(fixed, original, `${where}: the fix changes nothing`);
            assert.ok(syntaxErrors(fixed) <= before, `${where}: the fix adds syntax errors`);
            checkConventions(style, crlf, fix, where);
            const mapped = mapOffset(finding.span.start, fix);
            const still = (await findings(fixed, finding.ruleId)).find((f) => f.span.start === mapped && f.message === finding.message);
            assert.equal(still, undefined, `${where}: the finding still fires after its fix`);
          }
        }
        assert.ok(fixesSeen >= all.length - 2, `most findings have a fix (${fixesSeen} fixes for ${all.length} findings)`);
      });

      if (crlf) continue;

      it(`${label}: per rule, fix-all converges, is idempotent and type-checks no worse`, async () => {
        const original = load(style);
        const typeErrors = checker.check(original).length;
        for (const ruleId of ALL_RULE_IDS) {
          if ((await findings(original, ruleId)).length === 0) continue;
          const fixed = await applyAllFixes(original, ruleId, 'typescript');
          const again = await applyAllFixes(fixed, ruleId, 'typescript');
          assert.equal(again, fixed, `${ruleId}: a second fix-all changes the file`);
          const left = await findings(fixed, ruleId);
          assert.deepEqual(left.map((f) => f.message), [], `${ruleId}: findings left after fix-all`);
          const after = checker.check(fixed);
          assert.ok(after.length <= typeErrors, `${ruleId}: fix-all adds type errors:\n${after.join('\n')}`);
        }
      });

      it(`${label}: fixing every rule leaves no finding and no type error`, async () => {
        let text = load(style);
        for (let round = 0; round < 3; round++) {
          for (const ruleId of ALL_RULE_IDS) text = await applyAllFixes(text, ruleId, 'typescript');
        }
        assert.deepEqual((await findings(text)).map((f) => `${f.ruleId} ${f.message}`), []);
        assert.deepEqual(checker.check(text), []);
        assert.equal(syntaxErrors(text), 0);
      });
    }
  }
});
