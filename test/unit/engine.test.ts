import { strict as assert } from 'node:assert';
import { analyzeText, precheck, resolveConfig } from '../../src/core/engine';
import { getFrontEnd } from '../../src/core/engine';
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

describe('resolveConfig', () => {
  it('keeps defaults for keys given as undefined', () => {
    const config = resolveConfig({ frameworkTarget: undefined, maxFileSize: 10, rules: { ONEX001: 'off' } });
    assert.equal(config.frameworkTarget, 'current');
    assert.equal(config.maxFileSize, 10);
    assert.deepEqual(config.rules, { ONEX001: 'off' });
    assert.deepEqual(config.startMethods, ['startup', 'initialize', 'on_startup']);
  });
});
