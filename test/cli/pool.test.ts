// The CLI's worker pool when a worker dies mid-file (out of memory, a crash in a parser): that file
// comes back as not analysed, the worker is replaced, and the other files are still checked.
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EnginePool } from '../../src/cli/pool';
import { resolveConfig } from '../../src/core/engine';

/** A stand-in for dist/worker.js: answers with no findings, and exits on a text that says CRASH. */
const FAKE_WORKER = `
const { parentPort } = require('node:worker_threads');
parentPort.on('message', (request) => {
  if (request.text.includes('CRASH')) process.exit(7);
  if (request.text.includes('THROW')) throw new Error('parser blew up');
  if (request.text.includes('SLOW')) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 3);
  // (worker and at: which thread answered, and when, for the scheduling test)
  parentPort.postMessage({ id: request.id, ok: true, kind: 'analyze', result: { findings: [], syntaxErrors: 0, parseMs: 0, rulesMs: 0, worker: require('node:worker_threads').threadId, at: performance.timeOrigin + performance.now() } });
});
`;

describe('cli: worker pool', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'onex-pool-'));
    writeFileSync(join(dir, 'worker.js'), FAKE_WORKER);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('reports a file whose worker died as not analysed, replaces the worker and checks the rest', async () => {
    const pool = new EnginePool(2, join(dir, 'worker.js'));
    const config = resolveConfig({});
    try {
      const texts = ['x = 1', 'CRASH', 'y = 2', 'THROW', 'z = 3', 'CRASH', 'w = 4', 'v = 5'];
      const results = await Promise.all(texts.map((text, i) => pool.analyze('python', text, config, `f${i}.py`)));
      results.forEach((r, i) => {
        if (texts[i] === 'CRASH') assert.match(r.skipped?.message ?? '', /^Analysis failed: the analysis worker exited \(code 7\)/, texts[i]);
        else if (texts[i] === 'THROW') assert.match(r.skipped?.message ?? '', /^Analysis failed: parser blew up/, texts[i]);
        else assert.equal(r.skipped, undefined, texts[i]);
      });
      // Still two workers, both answering.
      const again = await Promise.all(['a = 1', 'b = 2', 'c = 3'].map((t) => pool.analyze('python', t, config, 'g.py')));
      assert.ok(again.every((r) => r.skipped === undefined));
    } finally {
      await pool.close();
    }
  });

  it('keeps TypeScript files on one worker while there are Python files for the others', async () => {
    const pool = new EnginePool(3, join(dir, 'worker.js'));
    const config = resolveConfig({});
    try {
      // Python files first, as a folder walk lists py/ before ts/: TypeScript must still start early on one worker.
      const files = Array.from({ length: 90 }, (_, i) => (i >= 60 ? { language: 'typescript' as const, name: `f${i}.ts` } : { language: 'python' as const, name: `f${i}.py` }));
      const results = await Promise.all(files.map((f) => pool.analyze(f.language, 'SLOW', config, f.name)));
      const thread = (i: number) => (results[i] as unknown as { worker: number }).worker;
      const at = (i: number) => (results[i] as unknown as { at: number }).at;
      const firstTypeScript = Math.min(...files.flatMap((f, i) => (f.language === 'typescript' ? [at(i)] : [])));
      const lastPython = Math.max(...files.flatMap((f, i) => (f.language === 'python' ? [at(i)] : [])));
      assert.ok(firstTypeScript < lastPython, 'TypeScript starts while Python files remain, not after them');
      const typescriptThreads = new Set(files.flatMap((f, i) => (f.language === 'typescript' ? [thread(i)] : [])));
      const allThreads = new Set(files.map((_, i) => thread(i)));
      assert.equal(typescriptThreads.size, 1, `TypeScript went to threads ${[...typescriptThreads]}`);
      assert.equal(allThreads.size, 3, 'every worker got files');
    } finally {
      await pool.close();
    }
  });
});
