// ONEX009's fix: counters in __init__, get_metrics() with the derived figures, tracking around the
// node's execute method; an incomplete get_metrics dict is completed with the missing keys.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dedent } from '../helpers/ruleTester';
import { ONEX009_PYTHON_CASES } from '../../src/core/rules/onex009/python.cases';
import { checkRuleFix, withCrlf, withTabs, withTwoSpaces, withoutInsertions } from './classlevel.helpers';

const fixture = (name: string) => readFileSync(join(__dirname, '..', 'fixtures', 'python', name), 'utf8');
const TEMPLATE = fixture('classlevel_template_effect.py');
const REDUCERS = fixture('classlevel_bridge_reducer.py');

const count = (text: string, part: string) => text.split(part).length - 1;

describe('ONEX009 fix', () => {
  describe('on every invalid case of the rule table', () => {
    for (const c of ONEX009_PYTHON_CASES.invalid) {
      it(c.name, async () => {
        const { fixed, applied } = await checkRuleFix('ONEX009', c.code, { config: c.config });
        assert.equal(withoutInsertions(fixed, applied), c.code, 'bytes outside the insertions changed');
      });
    }
  });

  describe('on the long fixtures, in every layout', () => {
    const layouts = [
      { name: '4 spaces, LF', transform: (s: string) => s, options: {} },
      { name: 'tabs', transform: withTabs, options: { indent: 'tab' as const } },
      { name: '2 spaces', transform: withTwoSpaces, options: { indent: 2 as const } },
      { name: 'CRLF', transform: withCrlf, options: { eol: '\r\n' as const } },
      { name: '2 spaces and CRLF', transform: (s: string) => withCrlf(withTwoSpaces(s)), options: { indent: 2 as const, eol: '\r\n' as const } },
    ];
    for (const [fixtureName, source] of [['template-style effect', TEMPLATE], ['bridge reducers', REDUCERS]] as const) {
      for (const layout of layouts) {
        it(`${fixtureName}: ${layout.name}`, async () => {
          const code = layout.transform(source);
          const { fixed, applied } = await checkRuleFix('ONEX009', code, layout.options);
          assert.equal(withoutInsertions(fixed, applied), code);
        });
      }
    }

    it('template-style effect: the minimal get_metrics completed, tracking around execute_effect', async () => {
      const { fixed } = await checkRuleFix('ONEX009', TEMPLATE);
      assert.ok(fixed.includes([
        '        return {"total_operations": self._total_operations, "success_rate": ',
      ].join('\n')), fixed);
      assert.ok(fixed.includes('"failed_operations": self._failed_operations, "avg_duration_ms": round(self._total_duration_ms / self._total_operations, 2) if self._total_operations > 0 else 0.0}'), fixed);
      // The counters the keys read, after super().__init__ (the existing _total_operations kept).
      assert.ok(fixed.includes([
        '        super().__init__(container)',
        '',
        '        # Metrics tracking',
        '        self._failed_operations = 0',
        '        self._total_duration_ms = 0.0',
        '',
      ].join('\n')), fixed);
      // execute_effect already counts operations: the wrapper adds only duration and failures.
      assert.ok(fixed.includes([
        '        finally:',
        '            metrics_duration_ms = (time.perf_counter() - metrics_start_time) * 1000',
        '            self._total_duration_ms += metrics_duration_ms',
        '            if metrics_failed:',
        '                self._failed_operations += 1',
        '',
      ].join('\n')), fixed);
      assert.equal(count(fixed, 'self._total_operations += 1'), 1, 'operations are not counted twice');
      assert.equal(count(fixed, 'self._total_operations = 0'), 1);
    });

    it('bridge reducers: tracking uses the file\'s `import time as clock`', async () => {
      const { fixed } = await checkRuleFix('ONEX009', REDUCERS);
      assert.ok(fixed.includes([
        '    async def execute_reduction(self, contract: Any) -> dict[str, Any]:',
        '        # Metrics tracking: duration, success and failure of every operation',
        '        metrics_start_time = clock.perf_counter()',
        '        metrics_failed = False',
        '        try:',
        '            for movement in contract.input_data["movements"]:',
        '                self.counts[movement["sku"]] = self.counts.get(movement["sku"], 0) + movement["delta"]',
        '            return {"counts": dict(self.counts)}',
        '        except BaseException:',
        '            metrics_failed = True',
        '            raise',
        '        finally:',
        '            metrics_duration_ms = (clock.perf_counter() - metrics_start_time) * 1000',
      ].join('\n')), fixed);
      assert.ok(fixed.includes('    def get_metrics(self) -> dict[str, Any]:'), fixed);
      assert.equal(count(fixed, 'import time'), 1, 'no second time import');
    });
  });

  describe('written for the class', () => {
    const HEADER = 'from omnibase_core.nodes.node_reducer import NodeReducer\n\n';

    it('exact output: a class with an execute method and no metrics', async () => {
      const code = 'import time\n' + HEADER + dedent(`
        class NodeTotalsReducer(NodeReducer):
            def __init__(self, container):
                super().__init__(container)

            async def execute_reduction(self, contract):
                """Sum the values."""
                return sum(contract.values)
      `);
      const { fixed } = await checkRuleFix('ONEX009', code);
      assert.equal(fixed, 'import time\n' + HEADER + dedent(`
        class NodeTotalsReducer(NodeReducer):
            def __init__(self, container):
                super().__init__(container)

                # Metrics tracking
                self._total_operations = 0
                self._successful_operations = 0
                self._failed_operations = 0
                self._total_duration_ms = 0.0

            async def execute_reduction(self, contract):
                """Sum the values."""
                # Metrics tracking: duration, success and failure of every operation
                metrics_start_time = time.perf_counter()
                metrics_failed = False
                try:
                    return sum(contract.values)
                except BaseException:
                    metrics_failed = True
                    raise
                finally:
                    metrics_duration_ms = (time.perf_counter() - metrics_start_time) * 1000
                    self._total_operations += 1
                    self._total_duration_ms += metrics_duration_ms
                    if metrics_failed:
                        self._failed_operations += 1
                    else:
                        self._successful_operations += 1

            def get_metrics(self) -> dict[str, float]:
                """
                Get comprehensive metrics for monitoring and alerting.

                Returns:
                    Dictionary with operation counts, success rate and durations
                """
                avg_duration_ms = (
                    self._total_duration_ms / self._total_operations
                    if self._total_operations > 0
                    else 0
                )

                success_rate = (
                    self._successful_operations / self._total_operations
                    if self._total_operations > 0
                    else 1.0
                )

                return {
                    "total_operations": self._total_operations,
                    "successful_operations": self._successful_operations,
                    "failed_operations": self._failed_operations,
                    "success_rate": round(success_rate, 4),
                    "avg_duration_ms": round(avg_duration_ms, 2),
                    "total_duration_ms": round(self._total_duration_ms, 2),
                }
      `));
    });

    it('uses `from time import perf_counter`, avoids names the method already uses, annotates with the file\'s Any', async () => {
      const code = dedent(`
        from time import perf_counter
        from typing import Any

        from omnibase_core.nodes.node_reducer import NodeReducer


        class NodeTotalsReducer(NodeReducer):
            def __init__(self, container):
                super().__init__(container)

            async def process(self, contract):
                metrics_start_time = perf_counter()
                return {"took": perf_counter() - metrics_start_time}
      `);
      const { fixed } = await checkRuleFix('ONEX009', code);
      assert.ok(fixed.includes('        metrics_start_time_2 = perf_counter()\n'), fixed);
      assert.ok(fixed.includes('(perf_counter() - metrics_start_time_2) * 1000'), fixed);
      assert.ok(fixed.includes('def get_metrics(self) -> dict[str, Any]:'), fixed);
      assert.ok(!fixed.includes('import time\n'), 'no time import added');
    });

    it('adds `import time` after the file\'s imports when nothing binds perf_counter', async () => {
      const code = HEADER + dedent(`
        class NodeTotalsReducer(NodeReducer):
            def __init__(self, container):
                super().__init__(container)

            async def execute_reduction(self, contract):
                return contract
      `);
      const { fixed } = await checkRuleFix('ONEX009', code);
      assert.ok(fixed.startsWith('from omnibase_core.nodes.node_reducer import NodeReducer\nimport time\n'), fixed);
    });

    it('merges perf_counter into `from time import time` (the name time is taken)', async () => {
      const code = dedent(`
        from time import time

        from omnibase_core.nodes.node_reducer import NodeReducer


        class NodeTotalsReducer(NodeReducer):
            def __init__(self, container):
                super().__init__(container)
                self.created_at = time()

            async def execute_reduction(self, contract):
                return contract
      `);
      const { fixed } = await checkRuleFix('ONEX009', code);
      assert.ok(fixed.startsWith('from time import time, perf_counter\n'), fixed);
      assert.ok(fixed.includes('        metrics_start_time = perf_counter()\n'), fixed);
      assert.ok(!fixed.includes('import time\n'), fixed);
    });

    it('does not wrap a generator execute method (the figures then stay at their defaults)', async () => {
      const code = HEADER + dedent(`
        class NodeTotalsReducer(NodeReducer):
            def __init__(self, container):
                super().__init__(container)

            async def execute_reduction(self, contract):
                for item in contract.values:
                    yield item
      `);
      const { fixed } = await checkRuleFix('ONEX009', code);
      assert.ok(!fixed.includes('metrics_start_time'), fixed);
      assert.ok(fixed.includes('def get_metrics(self)'), fixed);
    });

    it('completes a multi-line dict one key per line, after a trailing comment', async () => {
      const code = HEADER + dedent(`
        class NodeTotalsReducer(NodeReducer):
            def __init__(self, container):
                super().__init__(container)
                self._total_operations = 0
                self._failed_operations = 0

            def _tick(self):
                self._total_operations += 1

            def get_metrics(self):
                return {
                    "total_operations": self._total_operations,
                    "failed_operations": self._failed_operations  # no trailing comma
                }
      `);
      const { fixed } = await checkRuleFix('ONEX009', code);
      assert.ok(fixed.includes([
        '        return {',
        '            "total_operations": self._total_operations,',
        '            "failed_operations": self._failed_operations,  # no trailing comma',
        '            "success_rate": round((self._total_operations - self._failed_operations) / self._total_operations, 4) if self._total_operations > 0 else 1.0,',
        '            "avg_duration_ms": round(self._total_duration_ms / self._total_operations, 2) if self._total_operations > 0 else 0.0,',
        '        }',
      ].join('\n')), fixed);
      assert.ok(fixed.includes('        # Metrics tracking\n        self._total_duration_ms = 0.0\n'), fixed);
    });
  });
});
