// ts-morph (and the TypeScript compiler it bundles) loads only when a TypeScript file is analysed:
// analysing Python, and planning a TypeScript scaffold, never load it. Checked in a child process so
// this mocha process's own module cache (other tests load ts-morph) cannot interfere.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const REPO = join(__dirname, '..', '..');

const SCRIPT = `
const { analyzeText, isTypeScriptFrontEndLoaded } = require('./src/core/engine');
const tsMorphLoaded = () => Object.keys(require.cache).some((k) => /[\\\\/](ts-morph|@ts-morph)[\\\\/]/.test(k));
(async () => {
  const steps = {};
  const py = await analyzeText('import time\\n\\nclass NodeXEffect(NodeEffect):\\n    def f(self):\\n        s = time.time()\\n        return time.time() - s\\n', { language: 'python', fileName: 'node.py' });
  steps.python = { findings: py.findings.length, tsMorph: tsMorphLoaded(), frontEnd: isTypeScriptFrontEndLoaded() };
  const { planTypeScriptScaffold } = require('./src/core/scaffold/typescript');
  const plan = planTypeScriptScaffold({ kind: 'effect', name: 'payment_gateway', language: 'typescript', layout: 'flat', frameworkTarget: 'current', runtimeResolves: false });
  steps.scaffold = { files: plan.files.length, tsMorph: tsMorphLoaded(), frontEnd: isTypeScriptFrontEndLoaded() };
  const ts = await analyzeText('const s = Date.now();\\nexport const d = () => Date.now() - s;\\nfunction f() { const a = Date.now(); return Date.now() - a; }\\n', { language: 'typescript', fileName: 'node.ts' });
  steps.typescript = { findings: ts.findings.length, tsMorph: tsMorphLoaded(), frontEnd: isTypeScriptFrontEndLoaded() };
  process.stdout.write(JSON.stringify(steps));
})().catch((e) => { console.error(e); process.exit(1); });
`;

describe('TypeScript front end loading', function () {
  this.timeout(120_000);

  it('analysing Python and planning a TypeScript scaffold never load ts-morph; analysing TypeScript does', () => {
    const out = execFileSync(process.execPath, ['--require', 'tsx/cjs', '-e', SCRIPT], { cwd: REPO, encoding: 'utf8' });
    const steps = JSON.parse(out) as Record<string, { tsMorph: boolean; frontEnd: boolean; findings?: number; files?: number }>;
    assert.equal(steps.python.tsMorph, false);
    assert.equal(steps.python.frontEnd, false);
    assert.equal(steps.scaffold.tsMorph, false);
    assert.equal(steps.scaffold.frontEnd, false);
    assert.ok((steps.scaffold.files ?? 0) >= 5);
    // The positive control: the check does see ts-morph once TypeScript is analysed.
    assert.equal(steps.typescript.tsMorph, true);
    assert.equal(steps.typescript.frontEnd, true);
    assert.equal(steps.typescript.findings, 2);
  });
});
