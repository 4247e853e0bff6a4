import { strict as assert } from 'node:assert';
import { chooseWorker, pickJob, SPREAD_MIN_FILES, type WorkerLoad } from '../../src/core/worker/affinity';
import type { LanguageId } from '../../src/core/types';

const w = (inFlight: number, ...languages: LanguageId[]): WorkerLoad => ({ inFlight, languages: new Set(languages) });
const jobs = (spec: string) => [...spec].map((c) => ({ language: (c === 't' ? 'typescript' : 'python') as LanguageId }));
const lang = (j: { language: LanguageId }) => j.language;

describe('worker affinity: which worker takes which file', () => {
  describe('chooseWorker (Check Workspace scan workers)', () => {
    it('starts a worker when none is idle and fewer than the pool size run', () => {
      assert.equal(chooseWorker([], 'python', true, false), -1);
      assert.equal(chooseWorker([w(1, 'typescript')], 'python', true, false), -1);
    });

    it('prefers an idle worker that holds the language, and for Python one without TypeScript', () => {
      assert.equal(chooseWorker([w(0, 'python'), w(0, 'typescript')], 'typescript', false, false), 1);
      assert.equal(chooseWorker([w(0, 'python', 'typescript'), w(0, 'python')], 'python', false, false), 1);
    });

    it('while gathering, sends TypeScript to the least busy worker holding it, even when another is idle', () => {
      const workers = [w(0, 'python'), w(3, 'python', 'typescript'), w(2, 'typescript')];
      assert.equal(chooseWorker(workers, 'typescript', true, true), 2);
      assert.equal(chooseWorker(workers, 'typescript', true, false), 0, 'not gathering: the idle worker');
      assert.equal(chooseWorker(workers, 'python', true, true), 0, 'gathering never holds Python back');
    });

    it('while gathering with no worker holding TypeScript yet, places it like any file', () => {
      assert.equal(chooseWorker([w(2, 'python'), w(0, 'python')], 'typescript', false, true), 1);
      assert.equal(chooseWorker([w(2, 'python'), w(1, 'python')], 'typescript', true, true), -1);
    });

    it('with every worker busy and none to start, picks the least busy, then the best fit', () => {
      assert.equal(chooseWorker([w(2, 'python'), w(1, 'typescript'), w(1, 'python')], 'python', false, false), 2);
      assert.equal(chooseWorker([w(1, 'python'), w(1, 'python', 'typescript')], 'typescript', false, false), 1);
    });
  });

  describe('pickJob (the CLI pool)', () => {
    it('a worker holding TypeScript takes the first TypeScript job, else the first job', () => {
      assert.equal(pickJob(jobs('pptp'), lang, new Set(['typescript']), false), 2);
      assert.equal(pickJob(jobs('pp'), lang, new Set(['python', 'typescript']), false), 0);
    });

    it('when no worker holds TypeScript yet, the first free one takes TypeScript first, so it never waits for the end', () => {
      assert.equal(pickJob(jobs('pppt'), lang, new Set(), false), 3);
      assert.equal(pickJob(jobs('ppt'), lang, new Set(['python']), false), 2);
      assert.equal(pickJob(jobs('pp'), lang, new Set(['python']), false), 0);
    });

    it('when another worker holds TypeScript, a worker without it takes Python first', () => {
      assert.equal(pickJob(jobs('ttp'), lang, new Set(['python']), true), 2);
    });

    it('loads TypeScript in a second worker only for enough TypeScript files with nothing else queued', () => {
      assert.equal(pickJob(jobs('t'.repeat(SPREAD_MIN_FILES - 1)), lang, new Set(['python']), true), -1);
      assert.equal(pickJob(jobs('t'.repeat(SPREAD_MIN_FILES)), lang, new Set(['python']), true), 0);
      assert.equal(pickJob([], lang, new Set(), false), -1);
    });
  });
});
