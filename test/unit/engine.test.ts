import { strict as assert } from 'node:assert';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Point } from 'web-tree-sitter';
import { analyzeText, analyzeWith, finalizeFindings, precheck, resolveConfig } from '../../src/core/engine';
import { getFrontEnd } from '../../src/core/engine';
import { getPythonFrontEnd } from '../../src/core/python/frontend';
import { Rng } from '../robustness/support';
import { languageOfPath } from '../../src/core/types';

describe('engine', () => {
  it('tells a file\'s language by its name: .py and .ts, not .d.ts declarations', () => {
    assert.deepEqual(['a/node.py', 'b/node.ts', 'types.d.ts', 'node.pyi', 'x.tsx', 'README.md'].map(languageOfPath),
      ['python', 'typescript', null, null, null, null]);
  });

  it('analyses a Python file and reports syntax errors without throwing', async () => {
    const result = await analyzeText('class A(:\n  pass\n', { language: 'python' });
    assert.equal(result.skipped, undefined);
    assert.ok(result.syntaxErrors > 0);
    assert.deepEqual(result.findings, []);
  });

  it('skips files above the size limit with a message', () => {
    const skipped = precheck('x'.repeat(2000), resolveConfig({ maxFileSize: 1000 }));
    assert.equal(skipped?.kind, 'too-large');
    assert.match(skipped!.message, /above the/);
  });

  it('skips text with NUL bytes as binary', async () => {
    const result = await analyzeText('x = 1\u0000\u0001', { language: 'python' });
    assert.equal(result.skipped?.kind, 'binary');
  });

  it('counts syntax errors through the front end', async () => {
    const fe = await getFrontEnd('python');
    assert.equal(fe.syntaxErrorCount('x = 1\n'), 0);
    assert.ok(fe.syntaxErrorCount('def f(:\n') > 0);
  });
});

describe('engine: re-analysis with the kept tree', () => {
  const pointAt = (text: string, offset: number): Point => {
    const before = text.slice(0, offset);
    return { row: before.split('\n').length - 1, column: offset - (before.lastIndexOf('\n') + 1) };
  };

  it('finds, edit after edit, what a fresh analysis of the same text finds', async () => {
    const fe = await getPythonFrontEnd();
    const config = resolveConfig({ timeBudgetMs: 600_000 });
    const dir = join(__dirname, '..', 'fixtures', 'python');
    const rng = new Rng(7);
    const INSERTS = ['x', '\n', '    ', 'time.time()', ' is None', '"', ':', 'self.container.get_service("db")\n        ', ''];
    let findings = 0;
    for (const name of readdirSync(dir).filter((f) => f.endsWith('.py')).sort().slice(0, 4)) {
      let text = readFileSync(join(dir, name), 'utf8');
      let tree = fe.findRawKeepingTree(text, config).tree;
      try {
        for (let step = 0; step < 20; step++) {
          // Typing and deleting at a line start or inside a line, as the extension hands changes to the tree.
          const start = rng.int(text.length + 1);
          const end = rng.chance(0.3) ? Math.min(text.length, start + rng.int(20)) : start;
          const insert = rng.pick(INSERTS);
          const after = text.slice(0, start) + insert + text.slice(end);
          tree.edit({ startIndex: start, oldEndIndex: end, newEndIndex: start + insert.length,
            startPosition: pointAt(text, start), oldEndPosition: pointAt(text, end), newEndPosition: pointAt(after, start + insert.length) });
          text = after;
          const analysis = fe.findRawKeepingTree(text, config, tree);
          tree.delete();
          tree = analysis.tree;
          const kept = finalizeFindings(text, analysis, config);
          const fresh = analyzeWith(fe, text, config);
          assert.deepEqual(kept, fresh.findings, `${name}, step ${step}: [${start}, ${end}) = ${JSON.stringify(insert)}`);
          findings += kept.length;
        }
      } finally {
        tree.delete();
      }
    }
    assert.ok(findings > 0, 'the edited fixtures have findings to compare');
  });
});

describe('resolveConfig', () => {
  it('keeps defaults for keys given as undefined', () => {
    const config = resolveConfig({ frameworkTarget: undefined, maxFileSize: 10, rules: { ONEX001: 'off' } });
    assert.equal(config.frameworkTarget, 'auto');
    assert.equal(config.maxFileSize, 10);
    assert.deepEqual(config.rules, { ONEX001: 'off' });
    assert.deepEqual(config.startMethods, ['startup', 'initialize', 'on_startup']);
  });
});
