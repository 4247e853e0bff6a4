// ONEX010 fixes: time.perf_counter() at both ends of the duration (safe); the milliseconds variant (unsafe).
import { strict as assert } from 'node:assert';
import { fixesFor } from '../../src/core/engine';
import { applyEdits } from '../../src/core/text';
import type { Finding } from '../../src/core/types';
import type { Onex010Data } from '../../src/core/rules/onex010/python';
import { applyAllFixes, dedent, findingsOf, testConfig } from '../helpers/ruleTester';
import { type EditPolicy, VARIANTS, checkFixSafety, fixture } from './dataflow_fixSafety';

async function fixesOf(code: string, index = 0) {
  const findings = await findingsOf(code, 'ONEX010');
  assert.ok(findings[index], 'expected an ONEX010 finding');
  return { finding: findings[index], ...(await fixesFor(code, findings[index], { language: 'python', config: testConfig('python') })) };
}

/** Edits may only rename the callee inside a call of the finding's duration, or add perf_counter to a `from time import`. */
const policy: EditPolicy = (edit, finding: Finding, text) => {
  const group = (finding.data as Onex010Data).group;
  if (group.some((c) => edit.start >= c.start && edit.end <= c.end)) return true;
  if (edit.start !== edit.end || edit.newText !== ', perf_counter') return false;
  const lineStart = text.lastIndexOf('\n', edit.start - 1) + 1;
  return /^\s*from\s+time\s+import\b/.test(text.slice(lineStart));
};

describe('ONEX010 fixes', () => {
  it('swaps both ends of the duration in one safe, preferred fix, whichever end is chosen', async () => {
    const code = dedent(`
      import time


      class NodeTimedCompute(NodeCompute):
          async def process(self, data):
              start = time.time()
              result = await self.compute(data)
              self._total_duration += time.time() - start
              return result
    `);
    const expected = dedent(`
      import time


      class NodeTimedCompute(NodeCompute):
          async def process(self, data):
              start = time.perf_counter()
              result = await self.compute(data)
              self._total_duration += time.perf_counter() - start
              return result
    `);
    for (const index of [0, 1]) {
      const { fixes } = await fixesOf(code, index);
      const fix = fixes.find((f) => f.id === 'perf-counter')!;
      assert.equal(fix.safety, 'safe');
      assert.equal(fix.preferred, true);
      assert.equal(applyEdits(code, fix.edits), expected);
      assert.deepEqual(fix.edits.map((e) => code.slice(e.start, e.end)), ['time', 'time'], 'only the callee names change');
    }
    assert.equal(await applyAllFixes(code, 'ONEX010'), expected);
  });

  it('adds perf_counter to a parenthesised from-import and keeps its layout', async () => {
    const code = dedent(`
      from time import (
          sleep,
          time,
      )


      def measure():
          begin = time()
          sleep(0.1)
          return time() - begin
    `);
    assert.equal(await applyAllFixes(code, 'ONEX010'), dedent(`
      from time import (
          sleep,
          time, perf_counter,
      )


      def measure():
          begin = perf_counter()
          sleep(0.1)
          return perf_counter() - begin
    `));
  });

  it('offers no fix when no name for perf_counter can be used safely', async () => {
    const code = dedent(`
      from time import time

      perf_counter = object()


      def measure():
          begin = time()
          return time() - begin
    `);
    const { fixes, refused } = await fixesOf(code);
    assert.deepEqual(fixes, []);
    assert.deepEqual(refused, []);
  });

  it('the unsafe milliseconds fix scales the duration and renames the variable in its function', async () => {
    const code = dedent(`
      import time


      def run(self):
          started = time.time()
          self.work()
          elapsed = time.time() - started
          logger.info("took %.2f", elapsed)
          return {"elapsed": elapsed}
    `);
    const { fixes } = await fixesOf(code);
    const ms = fixes.find((f) => f.id === 'perf-counter-ms')!;
    assert.equal(ms.safety, 'unsafe');
    assert.ok(!ms.preferred);
    assert.match(ms.title, /elapsed_ms/);
    assert.equal(applyEdits(code, ms.edits), dedent(`
      import time


      def run(self):
          started = time.perf_counter()
          self.work()
          elapsed_ms = (time.perf_counter() - started) * 1000
          logger.info("took %.2f", elapsed_ms)
          return {"elapsed": elapsed_ms}
    `));
  });

  it('drops a seconds suffix, keeps an _ms name, and is not offered when it cannot rename safely', async () => {
    const secs = dedent(`
      import time


      def run():
          t0 = time.time()
          duration_s = time.time() - t0
          return duration_s
    `);
    const sFix = (await fixesOf(secs)).fixes.find((f) => f.id === 'perf-counter-ms')!;
    assert.equal(applyEdits(secs, sFix.edits), secs.replace('t0 = time.time()', 't0 = time.perf_counter()')
      .replace('duration_s = time.time() - t0', 'duration_ms = (time.perf_counter() - t0) * 1000').replace('return duration_s', 'return duration_ms'));

    const alreadyMs = dedent(`
      import time


      def run():
          t0 = time.time()
          latency_ms = time.time() - t0
          return latency_ms
    `);
    const msFix = (await fixesOf(alreadyMs)).fixes.find((f) => f.id === 'perf-counter-ms')!;
    assert.equal(applyEdits(alreadyMs, msFix.edits), alreadyMs.replace('t0 = time.time()', 't0 = time.perf_counter()')
      .replace('latency_ms = time.time() - t0', 'latency_ms = (time.perf_counter() - t0) * 1000'));

    const taken = dedent(`
      import time


      def run():
          t0 = time.time()
          elapsed = time.time() - t0
          elapsed_ms = 0
          return elapsed, elapsed_ms
    `);
    assert.deepEqual((await fixesOf(taken)).fixes.map((f) => f.id), ['perf-counter']);

    const moduleLevel = 'import time\n\nstart = time.time()\nduration = time.time() - start\n';
    assert.deepEqual((await fixesOf(moduleLevel)).fixes.map((f) => f.id), ['perf-counter']);

    const closure = dedent(`
      import time


      def run():
          t0 = time.time()
          elapsed = time.time() - t0
          return lambda: elapsed
    `);
    assert.deepEqual((await fixesOf(closure)).fixes.map((f) => f.id), ['perf-counter']);
  });

  describe('fix safety on long files', () => {
    for (const base of ['dataflow_long_effect.py', 'dataflow_spec_template.py']) {
      let reference: string | undefined;
      for (const variant of VARIANTS) {
        it(`${base}, ${variant.name}`, async () => {
          const text = variant.transform(fixture(base));
          const { fixed, before } = await checkFixSafety('ONEX010', text, policy);
          assert.ok(before.filter((f) => f.ruleId === 'ONEX010').length >= 2);
          if (variant.name === '4 spaces, LF') reference = fixed;
          // The fix writes nothing indentation- or line-ending-dependent: the variant's fixed text is
          // the reference's fixed text under the same transform.
          if (reference !== undefined) assert.equal(fixed, variant.transform(reference));
        });
      }
    }

    it('the fixed long file keeps every timestamp on time.time()', async () => {
      const fixed = await applyAllFixes(fixture('dataflow_long_effect.py'), 'ONEX010');
      for (const kept of ['deadline = time.time() + self.timeout', 'self._last_run_at = time.time()', '"finished_at": time.time()',
        'lag = time.time() - since', 'idle = time.time() - self._last_run_at', 'return time.time() - self._started_at',
        'self._started_at = time.time()']) {
        assert.ok(fixed.includes(kept), `timestamp changed: ${kept}`);
      }
      for (const swapped of ['t0 = _time.perf_counter()', 'return _time.perf_counter() - t0', 'begin = time.perf_counter()',
        'elapsed = time.perf_counter() - begin', 't = time.perf_counter()', 'return time.perf_counter() - t',
        'started_ms = int(time.perf_counter())', 'return round(time.perf_counter()) - started_ms', 't2 - t1']) {
        assert.ok(fixed.includes(swapped), `not swapped: ${swapped}`);
      }
    });
  });
});
