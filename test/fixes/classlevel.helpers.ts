// Fix-safety checks shared by the class-level fix tests (ONEX001, ONEX002, ONEX005, ONEX009),
// as issue 4 states them: the fixed file parses no worse and py_compile accepts it, the rule no
// longer fires and no other rule fires more, a second application changes nothing, every edit
// only inserts text (no byte of the original changes), and the inserted text follows the file's
// line endings and indentation.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeText, fixesFor } from '../../src/core/engine';
import { applyEdits } from '../../src/core/text';
import type { EngineConfig, Fix, RuleId } from '../../src/core/types';
import { applyAllFixes } from '../helpers/ruleTester';
import { BRIDGE_PROJECT } from '../../src/core/rules/cases';

// py_compile for several files in one interpreter (starting python3 is the slow part).
const PY_COMPILE = [
  'import py_compile, sys',
  'for path in sys.argv[1:]:',
  '    try:',
  '        py_compile.compile(path, cfile=path + "c", doraise=True)',
  '        print("ok")',
  '    except py_compile.PyCompileError as e:',
  '        print("error")',
  '        sys.stderr.write(str(e) + "\\n")',
].join('\n');

/** Whether `python3 -m py_compile` accepts each text. */
export function pyCompiles(...texts: string[]): { ok: boolean[]; stderr: string } {
  const dir = mkdtempSync(join(tmpdir(), 'onex-classlevel-'));
  try {
    const files = texts.map((text, i) => {
      const file = join(dir, `node_${i}.py`);
      writeFileSync(file, text);
      return file;
    });
    const r = spawnSync('python3', ['-S', '-c', PY_COMPILE, ...files], { encoding: 'utf8' });
    assert.equal(r.status, 0, `python3 failed: ${r.stderr}`);
    return { ok: r.stdout.trim().split('\n').map((l) => l === 'ok'), stderr: r.stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function countByRule(findings: { ruleId: RuleId }[]): Map<RuleId, number> {
  const out = new Map<RuleId, number>();
  for (const f of findings) out.set(f.ruleId, (out.get(f.ruleId) ?? 0) + 1);
  return out;
}

export type IndentStyle = 'tab' | 2 | 4;

/** The line-ending and indentation checks on one fix's inserted text. */
function checkInsertedText(fix: Fix, eol: '\n' | '\r\n', indent: IndentStyle): void {
  for (const edit of fix.edits) {
    assert.equal(edit.start, edit.end, `"${fix.title}" replaces original text at ${edit.start}-${edit.end}; class-level fixes only insert`);
    const text = edit.newText;
    if (eol === '\r\n') assert.ok(!/(^|[^\r])\n/.test(text), `"${fix.title}" inserts a bare LF into a CRLF file`);
    else assert.ok(!text.includes('\r'), `"${fix.title}" inserts a CR into an LF file`);
    // Every line the edit starts (after one of its line endings) is indented in the file's style.
    // (The last one may continue into the original text: `if ...:` + EOL + indentation + original statement.)
    const lines = text.split(eol).slice(1);
    for (const [i, line] of lines.entries()) {
      if (line.trim() === '' && i < lines.length - 1) {
        assert.equal(line, '', `"${fix.title}" inserts a whitespace-only line`);
        continue;
      }
      const lead = /^[ \t]*/.exec(line)![0];
      if (indent === 'tab') assert.match(lead, /^\t*$/, `"${fix.title}" indents with spaces in a tab-indented file: ${JSON.stringify(line)}`);
      else {
        assert.match(lead, /^ *$/, `"${fix.title}" indents with tabs in a space-indented file: ${JSON.stringify(line)}`);
        assert.equal(lead.length % indent, 0, `"${fix.title}" indentation is not a multiple of ${indent}: ${JSON.stringify(line)}`);
      }
    }
  }
}

export interface FixCheck {
  /** The text after every fix of the rule was applied. */
  fixed: string;
  /** The fixes applied, one per round. */
  applied: Fix[];
}

export interface FixCheckOptions {
  config?: Partial<EngineConfig>;
  eol?: '\n' | '\r\n';
  indent?: IndentStyle;
}

/**
 * Applies the preferred fix of the rule's first finding, re-analysing between rounds, until the
 * rule no longer fires; checks every property of issue 4 on the way and on the result.
 */
export async function checkRuleFix(ruleId: RuleId, code: string, options: FixCheckOptions = {}): Promise<FixCheck> {
  // The class-level rules apply in the bridge era (rules.md, "Eras"): the code is a bridge project's.
  const config = { ...BRIDGE_PROJECT, ...options.config };
  const eol = options.eol ?? (code.includes('\r\n') ? '\r\n' : '\n');
  const indent = options.indent ?? 4;
  const before = await analyzeText(code, { language: 'python', config });
  assert.equal(before.skipped, undefined, `analysis skipped: ${before.skipped?.message}`);
  const beforeCounts = countByRule(before.findings);
  assert.ok((beforeCounts.get(ruleId) ?? 0) > 0, `${ruleId} does not fire on the input`);

  let text = code;
  const applied: Fix[] = [];
  for (let round = 0; round < 10; round++) {
    const current = round === 0 ? before : await analyzeText(text, { language: 'python', config });
    const finding = current.findings.find((f) => f.ruleId === ruleId);
    if (!finding) break;
    const { fixes, refused } = await fixesFor(text, finding, { language: 'python', config });
    assert.deepEqual(refused, [], `fixes refused: ${refused.map((r) => r.reason).join('; ')}`);
    const fix = fixes.find((f) => f.preferred);
    assert.ok(fix, `no preferred fix for: ${finding.message}`);
    assert.equal(fix.safety, 'unsafe', 'class-level fixes generate code: unsafe');
    assert.ok(fix.edits.length > 0, 'the fix has no edits');
    checkInsertedText(fix, eol, indent);
    applied.push(fix);
    text = applyEdits(text, fix.edits);
  }

  const after = await analyzeText(text, { language: 'python', config });
  assert.equal(after.skipped, undefined, `analysis of the fixed text skipped: ${after.skipped?.message}`);
  assert.ok(after.syntaxErrors <= before.syntaxErrors, `syntax errors: ${before.syntaxErrors} before, ${after.syntaxErrors} after\n${text}`);
  const afterCounts = countByRule(after.findings);
  assert.equal(afterCounts.get(ruleId) ?? 0, 0, `${ruleId} still fires after the fix:\n${after.findings.filter((f) => f.ruleId === ruleId).map((f) => f.message).join('\n')}\n${text}`);
  for (const [rule, count] of afterCounts) {
    assert.ok(count <= (beforeCounts.get(rule) ?? 0),
      `${rule} fires more after the ${ruleId} fix (${beforeCounts.get(rule) ?? 0} → ${count}):\n${after.findings.filter((f) => f.ruleId === rule).map((f) => `${f.range.start.line + 1}: ${f.message}`).join('\n')}`);
  }
  const compiled = pyCompiles(code, text);
  if (compiled.ok[0]) assert.ok(compiled.ok[1], `py_compile rejects the fixed file:\n${compiled.stderr}\n${text}`);
  if (eol === '\r\n') assert.ok(!/(^|[^\r])\n/.test(text), 'the fixed CRLF file has bare LF line endings');

  // A second application changes nothing.
  assert.equal(await applyAllFixes(text, ruleId, 'python', config), text, 'a second application changed the text');
  return { fixed: text, applied };
}

/** Leading groups of four spaces become tabs (continuation lines keep their extra spaces). */
export function withTabs(code: string): string {
  return code.replace(/^((?: {4})+)/gm, (m) => '\t'.repeat(m.length / 4));
}

/** Leading groups of four spaces become two. */
export function withTwoSpaces(code: string): string {
  return code.replace(/^((?: {4})+)/gm, (m) => '  '.repeat(m.length / 4));
}

export function withCrlf(code: string): string {
  return code.replace(/\r?\n/g, '\r\n');
}

/** Double-quoted plain strings become single-quoted (docstrings and strings holding a quote keep theirs). */
export function withSingleQuotes(code: string): string {
  return code.replace(/(?<![\w"])"([^"'\\\n]*)"(?!")/g, "'$1'");
}

/**
 * The text with the insertions of the applied fixes removed again, last fix first: equal to the
 * original exactly when no byte outside the insertions changed.
 */
export function withoutInsertions(fixed: string, applied: readonly Fix[]): string {
  let text = fixed;
  for (const fix of [...applied].reverse()) {
    // A fix's offsets refer to the text before it; in the text after it, each insertion sits
    // shifted by the lengths of the insertions before it.
    let shift = 0;
    const spans = [...fix.edits].sort((a, b) => a.start - b.start).map((e) => {
      const at = e.start + shift;
      shift += e.newText.length;
      return { at, length: e.newText.length };
    });
    for (const span of spans.reverse()) text = text.slice(0, span.at) + text.slice(span.at + span.length);
  }
  return text;
}
