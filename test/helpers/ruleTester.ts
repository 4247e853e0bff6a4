// Runs a rule's tables of cases (their shape: src/core/rules/cases.ts) the way typescript-eslint's
// RuleTester does: `valid` code stays silent, `invalid` code reports exactly the expected findings (rule,
// line, column, and optionally message text and end position), and `output` is what its fixes make.
import { strict as assert } from 'node:assert';
import { analyzeText, fixesFor } from '../../src/core/engine';
import { applyEdits } from '../../src/core/text';
import { BRIDGE_PROJECT, type RuleTable, dedent } from '../../src/core/rules/cases';
import type { EngineConfig, Finding, LanguageId, RuleId } from '../../src/core/types';

export { dedent };
export type { ExpectedFinding, ValidCase, InvalidCase, RuleTable } from '../../src/core/rules/cases';

/**
 * The settings a test's code is analysed with: Python code is a bridge-era project's file (BRIDGE_PROJECT: it
 * pins omnibase_core 0.1.0) unless the test's own settings or the file's imports say otherwise, since the
 * tests of the rules' patterns were written for that era; today's cases pass TODAY_PROJECT or today's imports.
 */
export function testConfig(language: LanguageId, config?: Partial<EngineConfig>): Partial<EngineConfig> | undefined {
  return language === 'python' ? { ...BRIDGE_PROJECT, ...config } : config;
}

export async function findingsOf(code: string, ruleId: RuleId | null, language: LanguageId = 'python',
  config?: Partial<EngineConfig>, fileName = language === 'python' ? 'node.py' : 'node.ts'): Promise<Finding[]> {
  const result = await analyzeText(code, { language, config: testConfig(language, config), fileName });
  assert.equal(result.skipped, undefined, `analysis was skipped: ${result.skipped?.message}`);
  return ruleId ? result.findings.filter((f) => f.ruleId === ruleId) : result.findings;
}

function describeFindings(findings: Finding[]): string {
  return findings.map((f) => `  ${f.ruleId} ${f.range.start.line + 1}:${f.range.start.character + 1}-${f.range.end.line + 1}:${f.range.end.character + 1} ${f.message}`).join('\n') || '  (none)';
}

/** Applies the first fix (preferred first) of the first finding of the rule, until none is left or 20 rounds pass. */
export async function applyAllFixes(code: string, ruleId: RuleId, language: LanguageId = 'python',
  config?: Partial<EngineConfig>, fileName?: string): Promise<string> {
  let text = code;
  for (let round = 0; round < 20; round++) {
    const findings = await findingsOf(text, ruleId, language, config, fileName);
    let changed = false;
    for (const finding of findings) {
      const { fixes } = await fixesFor(text, finding, { language, config: testConfig(language, config), fileName });
      const fix = fixes.find((f) => f.preferred) ?? fixes[0];
      if (!fix || fix.edits.length === 0) continue;
      const next = applyEdits(text, fix.edits);
      if (next !== text) {
        text = next;
        changed = true;
        break;
      }
    }
    if (!changed) return text;
  }
  throw new Error(`fixes for ${ruleId} did not converge after 20 rounds`);
}

/** A case's settings: its table's, with its own laid over them. */
function caseConfig(table: RuleTable, own: Partial<EngineConfig> | undefined): Partial<EngineConfig> | undefined {
  return table.config || own ? { ...table.config, ...own, rules: { ...table.config?.rules, ...own?.rules } } : undefined;
}

export function ruleTester(ruleId: RuleId, table: RuleTable, language: LanguageId = 'python'): void {
  describe(`${ruleId} (${language})`, () => {
    describe('valid', () => {
      for (const c of table.valid) {
        it(c.name, async () => {
          const findings = await findingsOf(c.code, ruleId, language, caseConfig(table, c.config), c.fileName);
          assert.equal(findings.length, 0, `expected no ${ruleId} findings, got:\n${describeFindings(findings)}`);
        });
      }
    });
    describe('invalid', () => {
      for (const c of table.invalid) {
        it(c.name, async () => {
          const findings = await findingsOf(c.code, ruleId, language, caseConfig(table, c.config), c.fileName);
          const actual = describeFindings(findings);
          assert.equal(findings.length, c.errors.length, `expected ${c.errors.length} ${ruleId} findings, got:\n${actual}`);
          c.errors.forEach((expected, i) => {
            const f = findings[i];
            assert.equal(f.range.start.line + 1, expected.line, `finding ${i} line; got:\n${actual}`);
            if (expected.column !== undefined) assert.equal(f.range.start.character + 1, expected.column, `finding ${i} column; got:\n${actual}`);
            if (expected.endLine !== undefined) assert.equal(f.range.end.line + 1, expected.endLine, `finding ${i} end line; got:\n${actual}`);
            if (expected.endColumn !== undefined) assert.equal(f.range.end.character + 1, expected.endColumn, `finding ${i} end column; got:\n${actual}`);
            if (expected.message !== undefined) {
              if (typeof expected.message === 'string') assert.ok(f.message.includes(expected.message), `message "${f.message}" lacks "${expected.message}"`);
              else assert.match(f.message, expected.message);
            }
          });
          if (c.output !== undefined) {
            const fixed = await applyAllFixes(c.code, ruleId, language, caseConfig(table, c.config), c.fileName);
            assert.equal(fixed, c.output);
          }
        });
      }
    });
  });
}
