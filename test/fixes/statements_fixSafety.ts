// Fix-safety checks shared by test/fixes/ONEX003, ONEX004, ONEX008 and ONEX011 (issue 4, "Fix safety,
// tested"): on a file and its tab / 2-space / CRLF variants, the rule's fixes applied until none is left
// must parse no worse, compile with python3, silence the rule, make no other rule fire more, be
// idempotent, touch only the places they mean to, and write the file's indentation and line endings.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Node, Parser } from 'web-tree-sitter';
import { analyzeText, fixesFor, getFrontEnd } from '../../src/core/engine';
import { getPythonParser } from '../../src/core/python/parser';
import { applyEdits } from '../../src/core/text';
import type { Finding, Fix, RuleId, TextEdit } from '../../src/core/types';
import { applyAllFixes, findingsOf, testConfig } from '../helpers/ruleTester';
import { type FrameworkEra, runFramework } from '../helpers/framework';

export const fixture = (name: string): string => readFileSync(join(__dirname, '..', 'fixtures', 'python', name), 'utf8');

/** Leading groups of four spaces rewritten to `unit`; other whitespace kept. */
function reindent(text: string, unit: string): string {
  return text.split('\n').map((line) => {
    const m = /^((?: {4})*)/.exec(line)!;
    return unit.repeat(m[1].length / 4) + line.slice(m[1].length);
  }).join('\n');
}

export interface Variant {
  name: string;
  /** The indentation unit the variant uses (what generated lines must be made of). */
  unit: string;
  transform: (text: string) => string;
}

export const VARIANTS: Variant[] = [
  { name: '4 spaces, LF', unit: '    ', transform: (t) => t },
  { name: 'tabs', unit: '\t', transform: (t) => reindent(t, '\t') },
  { name: '2 spaces', unit: '  ', transform: (t) => reindent(t, '  ') },
  { name: 'CRLF', unit: '    ', transform: (t) => t.replace(/\n/g, '\r\n') },
  { name: '2 spaces and CRLF', unit: '  ', transform: (t) => reindent(t, '  ').replace(/\n/g, '\r\n') },
  { name: 'tabs and CRLF', unit: '\t', transform: (t) => reindent(t, '\t').replace(/\n/g, '\r\n') },
];

/** Compiles the text with `python3 -m py_compile`; returns the error output, or null when it compiles. */
export function pyCompileError(text: string): string | null {
  const dir = mkdtempSync(join(tmpdir(), 'onex-statements-'));
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

/**
 * Runs a Python script (module text plus a driver) in the real framework of an era (the bridge era's omnibase_core
 * 0.1.0 by default, as the fix tests' code is); returns stdout, or fails with the script's stderr.
 */
export function runPython(module: string, driver: string, era: FrameworkEra = 'bridge'): string {
  const dir = mkdtempSync(join(tmpdir(), 'onex-statements-run-'));
  try {
    writeFileSync(join(dir, 'node_under_test.py'), module);
    writeFileSync(join(dir, 'driver.py'), driver);
    const run = runFramework(era, ['python', 'driver.py'], { cwd: dir, env: { PYTHONDONTWRITEBYTECODE: '1' } });
    assert.equal(run.status, 0, `the driver failed in the ${era} framework:\n${run.stderr.slice(-3000)}`);
    return run.stdout;
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

/** Which edits a fix may make for a finding; every edit of every applied fix must satisfy it. */
export type EditPolicy = (edit: TextEdit, finding: Finding, text: string) => boolean;

/** A pure insertion of import lines before the first class of the file. */
export function importInsertion(edit: TextEdit, text: string): boolean {
  if (edit.start !== edit.end) return false;
  const firstClass = text.search(/^class [A-Za-z_]\w*\s*[(:]/m);
  if (firstClass >= 0 && edit.start > firstClass) return false;
  const lines = edit.newText.split(/\r?\n/).filter((l) => l.trim() !== '');
  // Either whole import lines, or names appended to an existing `from x import a` line.
  return lines.every((l) => /^(from \S+ import |import )\S/.test(l)) || /^(, [\w.]+( as \w+)?)+$/.test(edit.newText);
}

/**
 * The range of the innermost node of `type` around a span (e.g. the function or try statement a fix
 * must stay within), read from the syntax tree; null when there is none.
 */
export function enclosingRange(text: string, span: { start: number; end: number }, type: string): { start: number; end: number } | null {
  assert.ok(parser, 'call loadParser() in a before hook');
  const tree = parser.parse(text)!;
  try {
    for (let n: Node | null = tree.rootNode.descendantForIndex(span.start, span.end); n; n = n.parent) {
      if (n.type === type) return { start: n.startIndex, end: n.endIndex };
    }
    return null;
  } finally {
    tree.delete();
  }
}

let parser: Parser | undefined;

export async function loadParser(): Promise<void> {
  parser ??= await getPythonParser();
}

/** An edit that stays within the innermost `type` node around the finding. */
export const within = (type: string): EditPolicy => (edit, finding, text) => {
  const range = enclosingRange(text, finding.span, type);
  return !!range && edit.start >= range.start && edit.end <= range.end;
};

/** Lines a fix generated (not found verbatim in the original text) must be indented with the file's unit. */
function checkGeneratedIndentation(original: string, fix: Fix, unit: string): void {
  const originalLines = new Set(original.split(/\r?\n/));
  for (const edit of fix.edits) {
    const lines = edit.newText.split(/\r?\n/).slice(1);
    for (const line of lines) {
      if (line.trim() === '' || originalLines.has(line)) continue;
      const indent = /^[ \t]*/.exec(line)![0];
      const ok = unit === '\t' ? /^\t*$/.test(indent) : /^ *$/.test(indent) && indent.length % unit.length === 0;
      assert.ok(ok, `generated line ${JSON.stringify(line)} is not indented with ${JSON.stringify(unit)}`);
    }
  }
}

/** Applies the preferred fix of the first fixable finding of the rule, checking its edits, until none is left. */
async function applyCheckedFixes(text: string, ruleId: RuleId, policy: EditPolicy, unit: string): Promise<string> {
  let current = text;
  for (let round = 0; round < 80; round++) {
    const findings = await findingsOf(current, ruleId);
    let applied = false;
    for (const finding of findings) {
      const { fixes, refused } = await fixesFor(current, finding, { language: 'python', config: testConfig('python') });
      assert.deepEqual(refused.map((r) => r.reason), [], 'a fix was refused by the engine');
      const fix = fixes.find((f) => f.preferred) ?? fixes[0];
      if (!fix) continue;
      for (const edit of fix.edits) {
        assert.ok(policy(edit, finding, current),
          `${ruleId} fix edit [${edit.start}, ${edit.end}) → ${JSON.stringify(edit.newText)} is outside what it may touch for the finding at ${finding.range.start.line + 1}:${finding.range.start.character + 1}`);
      }
      checkGeneratedIndentation(current, fix, unit);
      const eol = current.includes('\r\n') ? '\r\n' : '\n';
      for (const edit of fix.edits) {
        if (eol === '\r\n') assert.ok(!/[^\r]\n|^\n/.test(edit.newText), `a bare LF in an edit of a CRLF file: ${JSON.stringify(edit.newText)}`);
        else assert.ok(!edit.newText.includes('\r'), 'a CR in an edit of an LF file');
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
export async function checkFixSafety(ruleId: RuleId, text: string, policy: EditPolicy, unit: string,
  options: { unfixable?: number } = {}): Promise<SafetyResult> {
  const beforeResult = await analyzeText(text, { language: 'python', config: testConfig('python'), fileName: 'node.py' });
  const before = beforeResult.findings;
  assert.ok(before.some((f) => f.ruleId === ruleId), `${ruleId} does not fire on the input: nothing to check`);
  const compiles = pyCompileError(text) === null;

  const fixed = await applyCheckedFixes(text, ruleId, policy, unit);
  assert.notEqual(fixed, text);

  assert.ok(await syntaxErrors(fixed) <= beforeResult.syntaxErrors, 'the fixed file has more syntax errors');
  if (compiles) {
    const compileError = pyCompileError(fixed);
    assert.equal(compileError, null, `python3 -m py_compile rejects the fixed file:\n${compileError}`);
  }

  const afterResult = await analyzeText(fixed, { language: 'python', config: testConfig('python'), fileName: 'node.py' });
  const after = afterResult.findings;
  const left = after.filter((f) => f.ruleId === ruleId);
  if (options.unfixable) {
    // Findings the rule offers no fix for may stay; nothing else may.
    assert.equal(left.length, options.unfixable, `${ruleId} findings left after its fixes`);
    for (const f of left) assert.deepEqual((await fixesFor(fixed, f, { language: 'python', config: testConfig('python') })).fixes, [], `a fix is offered but was not applied: ${f.message}`);
  } else {
    assert.deepEqual(left.map((f) => `${f.range.start.line + 1}:${f.range.start.character + 1} ${f.message}`), [],
      `${ruleId} still fires after its fixes`);
  }
  const beforeCounts = countByRule(before);
  for (const [rule, n] of countByRule(after)) {
    assert.ok(n <= (beforeCounts.get(rule) ?? 0), `${rule} fires ${n} times after the ${ruleId} fixes, ${beforeCounts.get(rule) ?? 0} before`);
  }

  assert.equal(await applyAllFixes(fixed, ruleId), fixed, 'a second application changed the file');

  if (text.includes('\r\n')) assert.ok(!/[^\r]\n/.test(fixed), 'a bare LF was written into a CRLF file');
  else assert.ok(!fixed.includes('\r'), 'a CR was written into an LF file');
  return { fixed, before, after };
}

/** The fixes of the index-th finding of the rule in code. */
export async function fixesOf(code: string, ruleId: RuleId, index = 0): Promise<{ finding: Finding; fixes: Fix[] }> {
  const findings = await findingsOf(code, ruleId);
  assert.ok(findings[index], `expected a ${ruleId} finding #${index}`);
  const { fixes, refused } = await fixesFor(code, findings[index], { language: 'python', config: testConfig('python') });
  assert.deepEqual(refused, []);
  return { finding: findings[index], fixes };
}

/** Applies the fix with the given id of the index-th finding. */
export async function applyFix(code: string, ruleId: RuleId, fixId: string, index = 0): Promise<string> {
  const { fixes } = await fixesOf(code, ruleId, index);
  const fix = fixes.find((f) => f.id === fixId);
  assert.ok(fix, `no fix "${fixId}" among ${fixes.map((f) => f.id).join(', ') || '(none)'}`);
  return applyEdits(code, fix.edits);
}
