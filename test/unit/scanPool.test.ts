import { strict as assert } from 'node:assert';
import { forEachConcurrent, scanWorkerCount } from '../../src/extension/scanPool';

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('workspace scan scheduling', () => {
  it('runs every item once, starting them in order, never more than the limit at a time', async () => {
    const items = Array.from({ length: 23 }, (_, i) => i);
    const started: number[] = [];
    let inFlight = 0;
    let most = 0;
    await forEachConcurrent(items, 4, async (i) => {
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
    await forEachConcurrent(Array.from({ length: 50 }, (_, i) => i), 3, async (i) => {
      if (i === 5) stopped = true;
      await tick(1);
      finished.push(i);
    }, () => stopped);
    assert.deepEqual([...finished].sort((a, b) => a - b), [0, 1, 2, 3, 4, 5, 6, 7].slice(0, finished.length));
    assert.ok(finished.length >= 6 && finished.length <= 8, `finished ${finished.length}`);
  });

  it('handles no items and a limit above the item count', async () => {
    let calls = 0;
    await forEachConcurrent([], 4, async () => void calls++);
    await forEachConcurrent([1], 8, async () => void calls++);
    assert.equal(calls, 1);
  });

  it('uses one worker per core, at least one and at most four', () => {
    assert.deepEqual([1, 2, 3, 8].map((n) => scanWorkerCount(n)), [1, 2, 3, 4]);
  });
});
