// Fix-safety checks shared by test/fixes/ONEX006, ONEX007 and ONEX010 (issue 4, "Fix safety, tested"):
// on a file and its tab / 2-space / CRLF variants, the rule's fixes applied until none is left must
// parse no worse, compile with python3, silence the rule, make no other rule fire more, be idempotent,
// touch only the places they mean to, and follow the file's indentation and line endings.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeText, fixesFor, getFrontEnd } from '../../src/core/engine';
import { applyEdits } from '../../src/core/text';
import type { EngineConfig, Finding, RuleId, TextEdit } from '../../src/core/types';
import { applyAllFixes, findingsOf } from '../helpers/ruleTester';
import { BRIDGE_PROJECT } from '../../src/core/rules/cases';

export const fixture = (name: string): string => readFileSync(join(__dirname, '..', 'fixtures', 'python', name), 'utf8');

export interface Variant {
  name: string;
  transform: (text: string) => string;
}

/** Leading groups of four spaces rewritten to `unit`; other whitespace kept. */
function reindent(text: string, unit: string): string {
  return text.split('\n').map((line) => {
    const m = /^((?: {4})*)/.exec(line)!;
    return unit.repeat(m[1].length / 4) + line.slice(m[1].length);
  }).join('\n');
}

export const VARIANTS: Variant[] = [
  { name: '4 spaces, LF', transform: (t) => t },
  { name: 'tabs', transform: (t) => reindent(t, '\t') },
  { name: '2 spaces', transform: (t) => reindent(t, '  ') },
  { name: 'CRLF', transform: (t) => t.replace(/\n/g, '\r\n') },
  { name: 'tabs and CRLF', transform: (t) => reindent(t, '\t').replace(/\n/g, '\r\n') },
];

/** Compiles the text with `python3 -m py_compile`; returns the error output, or null when it compiles. */
export function pyCompileError(text: string): string | null {
  const dir = mkdtempSync(join(tmpdir(), 'onex-dataflow-'));
  const path = join(dir, 'node_under_test.py');
  try {
    writeFileSync(path, text);
    execFileSync('python3', ['-m', 'py_compile', path], { stdio: 'pipe' });
    return null;
  } catch (error) {
    const e = error as { stderr?: Buffer; message: string };
    return e.stderr?.toString() || e.message;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function syntaxErrors(text: string): Promise<number> {
  return (await getFrontEnd('python')).syntaxErrorCount(text);
}

function countByRule(findings: Finding[]): Map<RuleId, number> {
  const counts = new Map<RuleId, number>();
  for (const f of findings) counts.set(f.ruleId, (counts.get(f.ruleId) ?? 0) + 1);
  return counts;
}

/**
 * Which edits a fix may make for a finding: a rule-specific predicate. The checker asserts every edit
 * of every applied fix satisfies it, so no byte outside the intended places changes.
 */
export type EditPolicy = (edit: TextEdit, finding: Finding, text: string) => boolean;

export const insideFinding: EditPolicy = (edit, finding) => edit.start >= finding.span.start && edit.end <= finding.span.end;
export const pureInsertion: EditPolicy = (edit) => edit.start === edit.end;

/** Applies the preferred fix of the first finding of the rule, checking its edits, until none is left. */
async function applyCheckedFixes(text: string, ruleId: RuleId, policy: EditPolicy, config?: Partial<EngineConfig>): Promise<string> {
  let current = text;
  for (let round = 0; round < 60; round++) {
    const findings = await findingsOf(current, ruleId, 'python', config);
    let applied = false;
    for (const finding of findings) {
      const { fixes, refused } = await fixesFor(current, finding, { language: 'python', config });
      assert.deepEqual(refused.map((r) => r.reason), [], 'a fix was refused by the engine');
      const fix = fixes.find((f) => f.preferred) ?? fixes[0];
      if (!fix) continue;
      for (const edit of fix.edits) {
        assert.ok(policy(edit, finding, current),
          `${ruleId} fix edit [${edit.start}, ${edit.end}) → ${JSON.stringify(edit.newText)} is outside what it may touch for the finding at ${finding.range.start.line + 1}:${finding.range.start.character + 1}`);
      }
      const next = applyEdits(current, fix.edits);
      if (next !== current) {
        current = next;
        applied = true;
        break;
      }
    }
    if (!applied) return current;
  }
  throw new Error(`${ruleId} fixes did not converge`);
}

export interface SafetyResult {
  fixed: string;
  before: Finding[];
  after: Finding[];
}

/** The whole checklist on one text; returns the fixed text for further assertions. */
export async function checkFixSafety(ruleId: RuleId, text: string, policy: EditPolicy, own?: Partial<EngineConfig>): Promise<SafetyResult> {
  // The code is a bridge project's unless the test says otherwise (ONEX006 applies in the bridge era only).
  const config = { ...BRIDGE_PROJECT, ...own };
  const beforeResult = await analyzeText(text, { language: 'python', config, fileName: 'node.py' });
  const before = beforeResult.findings;
  assert.ok(before.some((f) => f.ruleId === ruleId), `${ruleId} does not fire on the input: nothing to check`);
  assert.equal(pyCompileError(text), null, 'the input itself must compile');

  const fixed = await applyCheckedFixes(text, ruleId, policy, config);
  assert.notEqual(fixed, text);

  assert.ok(await syntaxErrors(fixed) <= beforeResult.syntaxErrors, 'the fixed file has more syntax errors');
  const compileError = pyCompileError(fixed);
  assert.equal(compileError, null, `python3 -m py_compile rejects the fixed file:\n${compileError}`);

  const afterResult = await analyzeText(fixed, { language: 'python', config, fileName: 'node.py' });
  const after = afterResult.findings;
  assert.deepEqual(after.filter((f) => f.ruleId === ruleId).map((f) => `${f.range.start.line + 1}:${f.range.start.character + 1} ${f.message}`), [],
    `${ruleId} still fires after its fixes`);
  const beforeCounts = countByRule(before);
  for (const [rule, n] of countByRule(after)) {
    assert.ok(n <= (beforeCounts.get(rule) ?? 0), `${rule} fires ${n} times after the ${ruleId} fixes, ${beforeCounts.get(rule) ?? 0} before`);
  }

  assert.equal(await applyAllFixes(fixed, ruleId, 'python', config), fixed, 'a second application changed the file');

  const crlf = text.includes('\r\n');
  if (crlf) assert.ok(!/[^\r]\n/.test(fixed), 'a bare LF was written into a CRLF file');
  else assert.ok(!fixed.includes('\r'), 'a CR was written into an LF file');
  return { fixed, before, after };
}
