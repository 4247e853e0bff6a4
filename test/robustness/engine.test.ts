// Bad input, class by class, through the engine (issue 8): syntax errors (the intact node class is
// still analysed), truncated and empty files, files above the size limit, NUL bytes and text decoded
// from invalid UTF-8, CRLF / mixed line endings and tabs, very long lines, deeply nested expressions,
// and the per-file time budget. Analysis never throws; what it cannot do it says in `skipped`.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeText, analyzeWith, fixesWith, getFrontEnd, precheck, resolveConfig } from '../../src/core/engine';
import type { FrontEnd } from '../../src/core/frontend';
import { steppingClock, stoppedClock } from '../helpers/clock';
import { fixAllWith } from '../../src/core/fixAll';
import type { AnalysisResult, EngineConfig, Finding } from '../../src/core/types';
import {
  CORPUS_DIR, DEFAULT_CONFIG, EXAMPLES_DIR, type PythonFrontEnd, ROBUST_CONFIG, budgetLimitMs, checkText, leavesOf, pythonFrontEnd, timed,
} from './support';

const EXAMPLE = readFileSync(join(EXAMPLES_DIR, 'nodes/payment_gateway/v1_0_0/node.py'), 'utf8');
const corpus = (name: string) => readFileSync(join(CORPUS_DIR, name), 'utf8');

/** rule@line:column of each finding (1-based), the way a user sees them. */
function where(findings: readonly Finding[]): string[] {
  return findings.map((f) => `${f.ruleId}@${f.range.start.line + 1}:${f.range.start.character + 1}`);
}

function assertAnalysed(result: AnalysisResult, what: string): void {
  assert.notEqual(result.skipped?.kind, 'parse-failure', `${what}: the engine failed: ${result.skipped?.message}`);
}

/** The example node with its class renamed so many copies can share one file. */
function exampleCopy(i: number): string {
  return EXAMPLE.replace(/NodePaymentGatewayEffect/g, `NodePaymentGateway${i}Effect`);
}

/** A node class whose methods hold `expr`, with two ONEX010 findings around it. */
function nodeWith(expr: string): string {
  return [
    'import time',
    'from omnibase_core.nodes.node_effect import NodeEffect',
    '',
    '',
    'class NodeDeepEffect(NodeEffect):',
    '    def __init__(self, container):',
    '        super().__init__(container)',
    '        self.kafka_client = container.get_service("kafka_client")',
    `        self.x = ${expr}`,
    '',
    '    async def execute_effect(self, contract):',
    '        start = time.time()',
    `        y = ${expr}`,
    '        return time.time() - start',
    '',
  ].join('\n');
}

const NESTED: Record<string, (n: number) => string> = {
  parentheses: (n) => '('.repeat(n) + '1' + ')'.repeat(n),
  lists: (n) => '['.repeat(n) + ']'.repeat(n),
  calls: (n) => 'f('.repeat(n) + 'x' + ')'.repeat(n),
  'binary operators': (n) => Array.from({ length: n }, (_, i) => `a${i % 10}`).join(' + '),
  'unary not': (n) => 'not '.repeat(n) + 'x',
  lambdas: (n) => 'lambda: '.repeat(n) + '0',
  subscripts: (n) => 'x' + '[0]'.repeat(n),
  dicts: (n) => '{"k": '.repeat(n) + '0' + '}'.repeat(n),
};

describe('robustness: bad input in the engine', function () {
  this.timeout(60_000);
  let fe: PythonFrontEnd;
  /** Correctness checks use a budget a loaded machine never reaches; budget checks use the defaults. */
  const config = ROBUST_CONFIG;
  const defaults = DEFAULT_CONFIG;

  before(async () => {
    fe = await pythonFrontEnd();
  });

  describe('syntax errors', () => {
    it('a broken function after the node class: the class reports exactly what it reports without it', () => {
      const broken = corpus('broken_helper_effect.py');
      const intact = broken.slice(0, broken.indexOf('\ndef helper(') + 1);
      const withErrors = analyzeWith(fe, broken, config);
      const without = analyzeWith(fe, intact, config);
      assert.ok(withErrors.syntaxErrors > 0, 'the file has syntax errors');
      assert.equal(without.syntaxErrors, 0);
      assertAnalysed(withErrors, 'broken helper');
      assert.equal(withErrors.skipped, undefined);
      assert.deepEqual(where(withErrors.findings), where(without.findings));
      // Rules that look at statements still see the class: both ends of the duration, the bad code.
      const found = where(withErrors.findings);
      const lines = broken.split('\n');
      const at = (line: number) => `ONEX010@${line}:${lines[line - 1].indexOf('time.time()') + 1}`;
      assert.ok(found.includes(at(22)) && found.includes(at(25)), `ONEX010 on both time.time() calls: ${found.join(' ')}`);
      assert.ok(found.some((f) => f.startsWith('ONEX011@27:')), `ONEX011 on CONNECTION_ERROR: ${found.join(' ')}`);
    });

    it('a broken function before the class, or a broken method in another class, leaves the node class analysed', () => {
      const plain = where(analyzeWith(fe, EXAMPLE, config).findings);
      assert.ok(plain.length > 0);
      for (const prefix of ['def broken(:\n    pass\n\n\n', 'class Other:\n    def m(self):\n        return [1, 2\n\n\n']) {
        const shift = prefix.split('\n').length - 1;
        const result = analyzeWith(fe, prefix + EXAMPLE, config);
        assert.ok(result.syntaxErrors > 0);
        const shifted = where(result.findings).map((w) => w.replace(/@(\d+):/, (_, line: string) => `@${Number(line) - shift}:`));
        assert.deepEqual(shifted, plain, `after ${JSON.stringify(prefix)}`);
      }
    });

    it('fixes offered in a file with syntax errors are computed without throwing and parse no worse', () => {
      const check = checkText(fe, corpus('broken_helper_effect.py'));
      assert.ok(check.fixes > 0, 'fixes were offered');
      assert.deepEqual(check.violations, []);
      assert.deepEqual(check.refusals, []);
    });
  });

  describe('truncated files', () => {
    it('every prefix of the example node (at each line, and in the middle of tokens) is analysed without throwing', () => {
      const cuts = new Set<number>();
      for (let i = 0; i < EXAMPLE.length; i++) if (EXAMPLE[i] === '\n') cuts.add(i + 1);
      leavesOf(fe, EXAMPLE).forEach((leaf, i) => { if (i % 5 === 0 && leaf.end - leaf.start > 1) cuts.add(leaf.start + 1); });
      assert.ok(cuts.size > 80);
      for (const cut of [...cuts].sort((a, b) => a - b)) {
        const text = EXAMPLE.slice(0, cut);
        const result = analyzeWith(fe, text, config);
        assertAnalysed(result, `prefix of ${cut} characters`);
        for (const f of result.findings) assert.ok(f.span.end <= text.length, `${f.ruleId} span inside the text`);
      }
    });

    it('fixes offered on truncated files parse no worse than the truncated file', () => {
      const lines = EXAMPLE.split('\n');
      let fixes = 0;
      for (let n = 16; n < lines.length; n += 6) {
        const check = checkText(fe, lines.slice(0, n).join('\n'));
        fixes += check.fixes;
        assert.deepEqual(check.violations, [], `the first ${n} lines`);
      }
      assert.ok(fixes > 0, 'truncated files were offered fixes');
    });
  });

  describe('empty and degenerate files', () => {
    const cases: Record<string, string> = {
      empty: '', newline: '\n', crlf: '\r\n', spaces: '   ', tabs: '\t\t\n', bom: '\ufeff', 'bom and code': '\ufeffimport time\n',
      comment: '#', 'unterminated docstring': '"""never closed\n', 'lone backslash': '\\', 'class keyword': 'class',
      'unterminated class header': 'class NodeXEffect(NodeEffect', 'class without body': 'class NodeXEffect(NodeEffect):\n',
      'decorator only': '@dataclass\n', 'def only': 'async def', 'line separator': '\u2028\u2029', 'only dedent': '    x = 1\nfoo\n',
    };
    for (const [name, text] of Object.entries(cases)) {
      it(`${name}: analysed without throwing, and its fixes are safe`, async () => {
        const result = await analyzeText(text, { language: 'python' });
        assert.equal(result.skipped, undefined, result.skipped?.message);
        assert.deepEqual(checkText(fe, text).violations, []);
      });
    }
  });

  describe('files above the size limit', () => {
    let big: string;
    before(() => {
      const parts: string[] = [];
      let size = 0;
      for (let i = 0; size < 5.2 * 1024 * 1024; i++) {
        const copy = exampleCopy(i);
        parts.push(copy);
        size += copy.length;
      }
      big = parts.join('\n\n');
    });

    it('a 5 MB file is skipped with one message, before parsing (default limit 1 MB)', async () => {
      const { value: result, ms } = timed(() => analyzeWith(fe, big, config));
      assert.equal(result.skipped?.kind, 'too-large');
      assert.match(result.skipped!.message, /5\.\d MB, above the 1\.0 MB limit \(setting onexForge\.maxFileSize\)/);
      assert.deepEqual(result.findings, []);
      assert.ok(ms < 1000, `skipping took ${ms.toFixed(0)} ms: the file must not be parsed`);
      const viaText = await analyzeText(big, { language: 'python' });
      assert.equal(viaText.skipped?.kind, 'too-large');
    });

    it('the limit counts UTF-8 bytes, not characters, and is inclusive', () => {
      const small = resolveConfig({ maxFileSize: 1000 });
      assert.equal(precheck('x'.repeat(1000), small), undefined);
      assert.equal(precheck('x'.repeat(1001), small)?.kind, 'too-large');
      assert.equal(precheck('é'.repeat(501), small)?.kind, 'too-large', '1,002 bytes in 501 characters');
      assert.equal(precheck('🚀'.repeat(251), small)?.kind, 'too-large', '1,004 bytes in 502 UTF-16 units');
    });

    it('with the limit raised, a 5 MB file is analysed or stopped by the time budget, without throwing', () => {
      const raised = resolveConfig({ maxFileSize: 16 * 1024 * 1024 });
      const { value: result, ms } = timed(() => analyzeWith(fe, big, raised));
      assertAnalysed(result, '5 MB');
      assert.ok(result.skipped === undefined || result.skipped.kind === 'time-budget', result.skipped?.message);
      assert.ok(ms < budgetLimitMs(raised), `took ${ms.toFixed(0)} ms for a ${raised.timeBudgetMs} ms budget`);
    });
  });

  describe('binary files and invalid UTF-8', () => {
    it('NUL bytes: skipped as binary with a message, not parsed', async () => {
      for (const text of ['\u0000', EXAMPLE.replace('import time', 'import time\u0000'), '\u0000'.repeat(4096) + EXAMPLE]) {
        const result = await analyzeText(text, { language: 'python' });
        assert.equal(result.skipped?.kind, 'binary');
        assert.match(result.skipped!.message, /NUL/);
        assert.deepEqual(result.findings, []);
      }
    });

    it('text decoded from invalid UTF-8 (U+FFFD) and lone surrogates is analysed like the clean file, and fixes keep them', () => {
      const dirty = EXAMPLE
        .replace('"""Charges payments', '"""\ufffd\ufffd Charges payments')
        .replace('# Get services', '# Get services \ud83d')
        .replace('"payment.charged"', '"payment.charged\ufffd"');
      assert.equal(dirty.length, EXAMPLE.length + 6);
      // The 5 MB test before this one stops a parse; see "after a parse stopped by the time budget".
      analyzeWith(fe, 'x = 1\n', config);
      const clean = analyzeWith(fe, EXAMPLE, config);
      const result = analyzeWith(fe, dirty, config);
      assert.equal(result.skipped, undefined);
      assert.deepEqual(result.findings.map((f) => `${f.ruleId}@${f.range.start.line + 1}`), clean.findings.map((f) => `${f.ruleId}@${f.range.start.line + 1}`));
      const check = checkText(fe, dirty);
      assert.ok(check.fixes > 0);
      assert.deepEqual(check.violations, [], 'fixes keep every byte outside their edits, the odd characters included');
      for (const o of check.outputs) assert.ok(o.text.includes('\ufffd\ufffd Charges') && o.text.includes('\ud83d'), `${o.label} keeps the odd characters`);
    });
  });

  describe('line endings and indentation', () => {
    const positions = (text: string) => analyzeWith(fe, text, config).findings.map((f) => `${f.ruleId}@${f.range.start.line}:${f.range.start.character}-${f.range.end.line}:${f.range.end.character}`);

    it('CRLF and mixed line endings: findings at the same lines and columns as in the LF file', () => {
      const lf = positions(EXAMPLE);
      assert.ok(lf.length > 0);
      assert.deepEqual(positions(EXAMPLE.replace(/\n/g, '\r\n')), lf, 'CRLF');
      let i = 0;
      assert.deepEqual(positions(EXAMPLE.replace(/\n/g, () => (i++ % 2 ? '\r\n' : '\n'))), lf, 'mixed');
    });

    it('CRLF: no fix of any finding writes a bare LF', () => {
      const text = corpus('crlf_effect.py');
      assert.ok(!/[^\r]\n/.test(text), 'the corpus file is pure CRLF');
      const result = analyzeWith(fe, text, config);
      let multiline = 0;
      for (const finding of result.findings) {
        for (const fix of fixesWith(fe, text, finding, config).fixes) {
          for (const edit of fix.edits) {
            assert.ok(!/(^|[^\r])\n/.test(edit.newText), `${finding.ruleId} "${fix.id}" writes a bare LF: ${JSON.stringify(edit.newText.slice(0, 120))}`);
            if (edit.newText.includes('\r\n')) multiline++;
          }
        }
      }
      assert.ok(multiline > 0, 'some fixes insert whole lines');
    });

    it('tabs: every line a fix inserts into the tab-indented file is indented with tabs only', () => {
      const text = corpus('long_orchestrator_tabs.py');
      const result = analyzeWith(fe, text, config);
      let inserted = 0;
      for (const finding of result.findings) {
        for (const fix of fixesWith(fe, text, finding, config).fixes) {
          for (const edit of fix.edits) {
            const lines = edit.newText.split('\n').slice(1).filter((l) => l.trim() !== '');
            inserted += lines.length;
            for (const line of lines) assert.match(line, /^\t*\S/, `${finding.ruleId} "${fix.id}" indents with spaces: ${JSON.stringify(line.slice(0, 80))}`);
          }
        }
      }
      assert.ok(inserted > 0, 'some fixes insert whole lines');
    });

    it('a file with old Mac line endings (lone CR) is analysed without throwing', () => {
      const result = analyzeWith(fe, EXAMPLE.replace(/\n/g, '\r'), config);
      assertAnalysed(result, 'lone CR');
      assert.deepEqual(checkText(fe, EXAMPLE.replace(/\n/g, '\r')).violations, []);
    });
  });

  describe('very long lines', () => {
    it('a 100,000-character line: analysed within the budget, with exact columns on and after it', () => {
      const payload = 'x'.repeat(100_000);
      const text = EXAMPLE.replace('        start = time.time()\n', `        start = time.time(); blob = "${payload}"; elapsed = time.time() - start\n        start = time.time()\n`);
      const { value: budgeted, ms } = timed(() => analyzeWith(fe, text, defaults));
      assertAnalysed(budgeted, '100,000-character line');
      assert.ok(ms < budgetLimitMs(defaults), `${ms.toFixed(0)} ms`);
      const result = analyzeWith(fe, text, config);
      assert.equal(result.skipped, undefined);
      const longLine = text.split('\n').findIndex((l) => l.length > 100_000);
      const onLine = result.findings.filter((f) => f.ruleId === 'ONEX010' && f.range.start.line === longLine);
      const lineText = text.split('\n')[longLine];
      assert.deepEqual(onLine.map((f) => f.range.start.character), [lineText.indexOf('time.time()'), lineText.lastIndexOf('time.time()')]);
      assert.ok(onLine[1].range.start.character > 100_000);
      // Findings on later lines keep their place.
      const plain = analyzeWith(fe, EXAMPLE, config).findings.filter((f) => f.range.start.line >= 30).map((f) => `${f.ruleId}@${f.range.start.line + 1}:${f.range.start.character}`);
      const after = result.findings.filter((f) => f.range.start.line > longLine).map((f) => `${f.ruleId}@${f.range.start.line}:${f.range.start.character}`);
      assert.deepEqual(after, plain);
    });

    it('a single 1 MB-limit line of code (no line break at all) is analysed or stopped by the budget', () => {
      const text = 'x = [' + '1, '.repeat(300_000) + ']';
      const { value: result, ms } = timed(() => analyzeWith(fe, text, defaults));
      assertAnalysed(result, 'one long line');
      assert.ok(ms < budgetLimitMs(defaults), `${ms.toFixed(0)} ms`);
    });
  });

  describe('deeply nested expressions', () => {
    for (const [shape, make] of Object.entries(NESTED)) {
      it(`5,000 nested ${shape}: no stack overflow, analysed within the budget`, () => {
        const text = nodeWith(make(5000));
        const { value: result, ms } = timed(() => analyzeWith(fe, text, defaults));
        assertAnalysed(result, shape);
        assert.ok(result.skipped === undefined || result.skipped.kind === 'time-budget', result.skipped?.message);
        assert.ok(ms < budgetLimitMs(defaults), `${ms.toFixed(0)} ms for a ${defaults.timeBudgetMs} ms budget`);
        assert.doesNotThrow(() => fe.syntaxErrorCount(text));
      });
    }

    it('50,000 nested brackets, closed or not: analysed or stopped by the budget, never a stack overflow', () => {
      for (const text of [nodeWith(NESTED.parentheses(50_000)), nodeWith(NESTED.lists(50_000)), '('.repeat(200_000), nodeWith('['.repeat(100_000))]) {
        const { value: result, ms } = timed(() => analyzeWith(fe, text, defaults));
        assertAnalysed(result, `${text.length} characters`);
        assert.ok(ms < budgetLimitMs(defaults), `${ms.toFixed(0)} ms`);
      }
    });

    it('fixes next to 300-deep expressions are computed without overflowing and parse no worse', () => {
      for (const shape of ['parentheses', 'lists', 'calls', 'binary operators', 'unary not', 'dicts']) {
        const check = checkText(fe, nodeWith(NESTED[shape](300)));
        assert.ok(check.fixes > 0, `${shape}: fixes offered`);
        assert.deepEqual(check.violations, [], shape);
      }
    });

    it('the time budget holds inside a rule: an 8,000-link attribute chain (16 KB) with timeBudgetMs 500', () => {
      const tight = resolveConfig({ timeBudgetMs: 500 });
      const { value: result, ms } = timed(() => analyzeWith(fe, nodeWith('self' + '.a'.repeat(8000)), tight));
      assertAnalysed(result, 'attribute chain');
      assert.ok(ms < budgetLimitMs(tight), `analysis took ${ms.toFixed(0)} ms for a 500 ms budget (a rule is quadratic in the chain's length and cannot be interrupted)`);
    });

    it('fixes of a node class holding a 500-link attribute chain are computed in under 2 s each', () => {
      const text = nodeWith('self' + '.a'.repeat(500));
      const result = analyzeWith(fe, text, config);
      const slow: string[] = [];
      for (const finding of result.findings) {
        const { ms } = timed(() => fixesWith(fe, text, finding, config));
        if (ms > 2000) slow.push(`${finding.ruleId} ${ms.toFixed(0)} ms`);
      }
      assert.ok(result.findings.length > 0);
      assert.deepEqual(slow, [], 'fix computation is quadratic in the attribute chain length');
    });
  });

  describe('configuration with unset values (what the extension builds when no setting is set)', () => {
    it('settings left undefined fall back to the defaults: rules run, the size limit and the time budget hold', async () => {
      // src/extension/config.ts passes `explicit(setting) ?? project.value`: undefined for everything
      // nobody configured. resolveConfig must not let those undefined values replace the defaults.
      const unset = {
        rules: {}, nodeBaseClasses: undefined, startMethods: undefined, stopMethods: undefined,
        frameworkTarget: undefined, maxFileSize: undefined, timeBudgetMs: undefined,
      } as unknown as Partial<EngineConfig>;
      assert.deepEqual(resolveConfig(unset), resolveConfig({}));
      const result = await analyzeText(EXAMPLE, { language: 'python', config: unset });
      assert.equal(result.skipped, undefined, result.skipped?.message);
      assert.ok(result.findings.length > 0);
      const big = await analyzeText('#'.repeat(2 * 1024 * 1024), { language: 'python', config: unset });
      assert.equal(big.skipped?.kind, 'too-large');
    });
  });

  describe('the per-file time budget', () => {
    it('timeBudgetMs 1: analysis stops with skipped.kind "time-budget" and says so, without throwing', async () => {
      // Every reading of this clock is 1 ms later: the budget runs out on any machine, however fast.
      const result = await analyzeText(EXAMPLE, { language: 'python', config: { timeBudgetMs: 1 }, clock: steppingClock() });
      assert.equal(result.skipped?.kind, 'time-budget');
      assert.match(result.skipped!.message, /longer than 1 ms \(setting onexForge\.timeBudgetMs\)/);
      // On a clock that never moves, the same budget never runs out.
      const unhurried = await analyzeText(EXAMPLE, { language: 'python', config: { timeBudgetMs: 1 }, clock: stoppedClock });
      assert.equal(unhurried.skipped, undefined);
      assert.ok(unhurried.findings.length > 0);
    });

    it('a 900 KB file with timeBudgetMs 50: parsing is interrupted and the call returns promptly', () => {
      const parts: string[] = [];
      for (let i = 0, size = 0; size < 900 * 1024; i++) {
        parts.push(exampleCopy(i));
        size += parts[parts.length - 1].length;
      }
      const tight = resolveConfig({ timeBudgetMs: 50 });
      // The parser checks the (stepping) clock as it goes: the 51st reading is past the budget.
      const { value: result, ms } = timed(() => analyzeWith(fe, parts.join('\n'), tight, undefined, steppingClock()));
      assert.equal(result.skipped?.kind, 'time-budget');
      assert.match(result.skipped!.message, /parsing took longer than 50 ms/);
      assert.ok(ms < budgetLimitMs(tight), `${ms.toFixed(0)} ms`);
    });
  });

  describe('fix-all on a long node class', () => {
    it('applies every safe fix of a class with many timing gaps in a bounded number of analysis passes, completely', () => {
      // Real nodes are 500 to 2,900 lines with up to 32 time.time() calls (onex-facts.md). Fix-all
      // runs on the extension host (source.fixAll.onex on save) for files up to 200,000 characters:
      // one full re-analysis per applied fix makes it quadratic (a 1,700-line class took 80 s).
      const tabs = corpus('long_orchestrator_tabs.py');
      const start = tabs.indexOf('\t@property');
      const end = tabs.indexOf('\n\ndef make_default');
      const methods = tabs.slice(start, end);
      const body = Array.from({ length: 5 }, (_, i) => methods.replace(/def (\w+)\(/g, `def $1_${i}(`)).join('\n\n');
      const text = tabs.slice(0, start) + body + tabs.slice(end);
      let passes = 0;
      const inner: FrontEnd = fe;
      const counting: FrontEnd = {
        language: inner.language,
        findRaw: (...args) => { passes++; return inner.findRaw(...args); },
        fixes: (...args) => inner.fixes(...args),
        syntaxErrorCount: (...args) => inner.syntaxErrorCount(...args),
        completions: (request) => inner.completions(request),
        productionClasses: (...args) => inner.productionClasses(...args),
      };
      const safe = analyzeWith(fe, text, config).findings.filter((f) => f.ruleId === 'ONEX010' || f.ruleId === 'ONEX011');
      assert.ok(safe.length >= 20, `${safe.length} safe findings`);
      const first = fixAllWith(counting, text, config, { ruleIds: null, safeOnly: true });
      assert.ok(first.applied > 0);
      assert.deepEqual(first.refused, []);
      const second = fixAllWith(fe, first.text, config, { ruleIds: null, safeOnly: true });
      assert.equal(second.applied, 0, `fix-all stopped early: a second run applied ${second.applied} more (${JSON.stringify(second.perRule)})`);
      assert.ok(passes <= 11, `${passes} analysis passes for ${first.applied} fixes (ESLint applies every non-overlapping fix per pass, at most 10 passes)`);
    });
  });

  describe('after a parse stopped by the time budget', () => {
    it('the next analysis of another text gets a fresh, complete tree (the shared parser does not resume the stopped parse)', () => {
      analyzeWith(fe, 'x = 1\n', config); // absorbs a parse an earlier test may have left stopped
      const fresh = where(analyzeWith(fe, EXAMPLE, config).findings);
      assert.ok(fresh.length > 0);
      const big = Array.from({ length: 300 }, (_, i) => exampleCopy(i)).join('\n');
      const stopped = analyzeWith(fe, big, resolveConfig({ timeBudgetMs: 20 }), undefined, steppingClock());
      assert.equal(stopped.skipped?.kind, 'time-budget', 'the parse of the large text was stopped');
      const next = analyzeWith(fe, EXAMPLE, config);
      assert.equal(next.syntaxErrors, 0, 'tree-sitter resumed the stopped parse of the other text');
      assert.deepEqual(where(next.findings), fresh);
    });
  });

  describe('the TypeScript front end on bad input', function () {
    this.timeout(120_000);
    const tsNode = (expr: string) => [
      "import { NodeEffect } from '@omninode/onex-runtime';",
      '',
      'export class NodeDeepEffect extends NodeEffect {',
      '  async run(): Promise<number> {',
      '    const start = Date.now();',
      `    const y = ${expr};`,
      '    return Date.now() - start;',
      '  }',
      '}',
      '',
    ].join('\n');

    it('empty, truncated, binary and broken TypeScript files: no throw', async () => {
      const broken = tsNode('1');
      for (const text of ['', '\n', broken.slice(0, broken.length / 2), broken.replace('{', ''), '\u0000'.repeat(10), 'export class {{{{']) {
        const result = await analyzeText(text, { language: 'typescript', fileName: '/tmp/robust.ts' });
        assertAnalysed(result, JSON.stringify(text.slice(0, 40)));
      }
    });

    it('5,000-deep binary expressions and property chains: analysed without a stack overflow in our walkers', async () => {
      const fe2 = await getFrontEnd('typescript');
      const failures: string[] = [];
      for (const [shape, expr] of Object.entries({
        'binary operators': Array.from({ length: 5000 }, () => 'a').join(' + '),
        'property chain': 'this' + '.a'.repeat(5000),
      })) {
        const result = analyzeWith(fe2, tsNode(expr), config, '/tmp/robust.ts');
        if (result.skipped?.kind === 'parse-failure') failures.push(`${shape}: ${result.skipped.message}`);
      }
      assert.deepEqual(failures, []);
    });
  });
});
