import { strict as assert } from 'node:assert';
import { scanByLanguage, ScanPool, scanWorkerCount, type ScanWorker } from '../../src/extension/scanPool';
import type { WorkerJob, WorkerResponse } from '../../src/core/worker/protocol';
import type { LanguageId } from '../../src/core/types';

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Items that are all Python: the lanes alone, with no TypeScript to gather. */
const python = (): LanguageId => 'python';

describe('workspace scan scheduling', () => {
  it('runs every item once, starting them in order, never more than the limit at a time', async () => {
    const items = Array.from({ length: 23 }, (_, i) => i);
    const started: number[] = [];
    let inFlight = 0;
    let most = 0;
    await scanByLanguage(items, python, 4, async (i) => {
      started.push(i);
      inFlight++;
      most = Math.max(most, inFlight);
      await tick((i * 7) % 5);
      inFlight--;
    });
    assert.deepEqual(started, items);
    assert.equal(most, 4);
    assert.equal(inFlight, 0);
  });

  it('starts nothing more once stopped, and lets the calls in flight finish', async () => {
    const finished: number[] = [];
    let stopped = false;
    await scanByLanguage(Array.from({ length: 50 }, (_, i) => i), python, 3, async (i) => {
      if (i === 5) stopped = true;
      await tick(1);
      finished.push(i);
    }, () => stopped);
    assert.deepEqual([...finished].sort((a, b) => a - b), [0, 1, 2, 3, 4, 5, 6, 7].slice(0, finished.length));
    assert.ok(finished.length >= 6 && finished.length <= 8, `finished ${finished.length}`);
  });

  it('handles no items and a limit above the item count', async () => {
    let calls = 0;
    await scanByLanguage([], python, 4, async () => void calls++);
    await scanByLanguage([1], python, 8, async () => void calls++);
    assert.equal(calls, 1);
  });

  it('uses one worker per core, at least one and at most four', () => {
    assert.deepEqual([1, 2, 3, 8].map((n) => scanWorkerCount(n)), [1, 2, 3, 4]);
  });

  describe('TypeScript gathered on the workers that hold it', () => {
    /** A worker answering after a few milliseconds (TypeScript files sooner, as they analyse faster). */
    class FakeWorker implements ScanWorker {
      inFlight = 0;
      readonly seen: string[] = [];
      async request(job: WorkerJob): Promise<WorkerResponse> {
        this.inFlight++;
        this.seen.push('fileName' in job ? job.fileName! : job.kind);
        await tick(job.language === 'typescript' ? 1 : 2);
        this.inFlight--;
        return { id: 0, ok: true, kind: 'analyze', result: { findings: [], syntaxErrors: 0 } } as unknown as WorkerResponse;
      }
      dispose(): void {}
    }

    async function scan(files: string[], size: number) {
      const fakes: FakeWorker[] = [];
      const pool = new ScanPool('', () => undefined, size, () => {
        const f = new FakeWorker();
        fakes.push(f);
        return f;
      });
      const languageOf = (f: string): LanguageId => (f.endsWith('.ts') ? 'typescript' : 'python');
      let most = 0;
      let inFlight = 0;
      await scanByLanguage(files, languageOf, size * 2, async (f) => {
        inFlight++;
        most = Math.max(most, inFlight);
        await pool.request({ kind: 'analyze', language: languageOf(f), text: '', config: {} as never, fileName: f }, 1000);
        inFlight--;
      }, () => false, (on) => (pool.gatherHeavy = on));
      return { fakes, loaded: pool.loaded, most, gathering: pool.gatherHeavy };
    }

    const mixed = (py: number, ts: number) => {
      const out: string[] = [];
      for (let i = 0; i < Math.max(py, ts); i++) {
        if (i < py) out.push(`m${i}.py`);
        if (i < ts) out.push(`m${i}.ts`);
      }
      return out;
    };

    it('a mixed scan loads TypeScript in one worker only, keeps every worker busy and checks each file once', async () => {
      const files = mixed(120, 60);
      const { fakes, loaded, most, gathering } = await scan(files, 3);
      assert.deepEqual(loaded.map((l) => l.includes('typescript')).filter(Boolean).length, 1, JSON.stringify(loaded));
      assert.equal(loaded.length, 3);
      assert.deepEqual(fakes.flatMap((f) => f.seen).sort(), [...files].sort());
      for (const f of fakes) assert.ok(f.seen.length >= 20, `a worker got only ${f.seen.length} files`);
      assert.ok(most <= 3 * 2 + 2, `${most} in flight`);
      assert.equal(gathering, false, 'gathering ends with the scan');
    });

    it('TypeScript left over after the Python files spreads to every worker when there is enough of it', async () => {
      const files = [...mixed(4, 4), ...Array.from({ length: 80 }, (_, i) => `late${i}.ts`)];
      const { loaded, fakes } = await scan(files, 2);
      assert.deepEqual(loaded.map((l) => l.includes('typescript')), [true, true], JSON.stringify(loaded));
      assert.ok(fakes.every((f) => f.seen.filter((s) => s.startsWith('late')).length >= 10));
    });

    it('a few TypeScript files left over stay on the worker that holds TypeScript', async () => {
      const files = [...mixed(40, 2), ...Array.from({ length: 5 }, (_, i) => `late${i}.ts`)];
      const { loaded } = await scan(files, 2);
      assert.equal(loaded.filter((l) => l.includes('typescript')).length, 1, JSON.stringify(loaded));
    });
  });
});
