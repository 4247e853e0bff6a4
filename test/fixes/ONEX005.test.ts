// ONEX005's fix: async startup()/shutdown() with the spec's bodies (container initialisation and
// Kafka connection with graceful degradation; cleanup and deregistration), only the missing one.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeText, fixesFor } from '../../src/core/engine';
import type { RuleId } from '../../src/core/types';
import { dedent, testConfig } from '../helpers/ruleTester';
import { ONEX005_PYTHON_CASES } from '../../src/core/rules/onex005/python.cases';
import { applyEdits } from '../../src/core/text';
import { checkRuleFix, withCrlf, withSingleQuotes, withTabs, withTwoSpaces, withoutInsertions } from './classlevel.helpers';

const fixture = (name: string) => readFileSync(join(__dirname, '..', 'fixtures', 'python', name), 'utf8');
const TEMPLATE = fixture('classlevel_template_effect.py');
const REDUCERS = fixture('classlevel_bridge_reducer.py');

const count = (text: string, part: string) => text.split(part).length - 1;

describe('ONEX005 fix', () => {
  describe('on every invalid case of the rule table', () => {
    for (const c of ONEX005_PYTHON_CASES.invalid) {
      it(c.name, async () => {
        const { fixed, applied } = await checkRuleFix('ONEX005', c.code, { config: c.config });
        assert.equal(withoutInsertions(fixed, applied), c.code, 'bytes outside the insertions changed');
        assert.equal(applied.length, c.errors.length, 'one application per finding adds everything that is missing');
      });
    }
  });

  describe('on the long fixtures, in every layout', () => {
    const layouts = [
      { name: '4 spaces, LF', transform: (s: string) => s, options: {} },
      { name: 'tabs', transform: withTabs, options: { indent: 'tab' as const } },
      { name: '2 spaces', transform: withTwoSpaces, options: { indent: 2 as const } },
      { name: 'CRLF', transform: withCrlf, options: { eol: '\r\n' as const } },
      { name: 'tabs and CRLF', transform: (s: string) => withCrlf(withTabs(s)), options: { indent: 'tab' as const, eol: '\r\n' as const } },
    ];
    for (const [fixtureName, source] of [['template-style effect', TEMPLATE], ['bridge reducers', REDUCERS]] as const) {
      for (const layout of layouts) {
        it(`${fixtureName}: ${layout.name}`, async () => {
          const code = layout.transform(source);
          const { fixed, applied } = await checkRuleFix('ONEX005', code, layout.options);
          assert.equal(withoutInsertions(fixed, applied), code);
        });
      }
    }

    it('template-style effect: startup connects the class\'s Kafka client, both at the end of the class', async () => {
      const { fixed } = await checkRuleFix('ONEX005', TEMPLATE);
      assert.ok(fixed.includes([
        '    # Connect to Kafka if client is available',
        '        if self.kafka_client and not self.kafka_client.is_connected:',
        '            try:',
        '                await self.kafka_client.connect()',
      ].join('\n').replace('    # Connect', '        # Connect')), fixed);
      assert.ok(fixed.includes('"NodePaymentGatewayEffect starting up"'), fixed);
      assert.ok(fixed.includes('        return {"total_operations": self._total_operations}\n\n    async def startup(self) -> None:'), fixed);
      assert.ok(fixed.indexOf('async def startup') < fixed.indexOf('async def shutdown'));
      assert.ok(fixed.indexOf('async def shutdown') < fixed.indexOf('class LedgerWriter'), 'added to the node class, not the next class');
    });

    it('a file with single quotes gets single-quoted strings', async () => {
      const { fixed } = await checkRuleFix('ONEX005', withSingleQuotes(TEMPLATE));
      assert.ok(fixed.includes("if hasattr(self.container, 'initialize'):"), fixed);
      assert.ok(fixed.includes("f'Container initialization failed, continuing in degraded mode: {e}'"), fixed);
      assert.ok(fixed.includes("{'node_id': self.node_id},"), fixed);
    });
  });

  describe('written for the class', () => {
    const HEADER = 'from omnibase_core.nodes.node_compute import NodeCompute\n\n';

    it('keeps synchronous lifecycle methods and adds async ones under the next configured names', async () => {
      const code = HEADER + dedent(`
        class NodeScoreCompute(NodeCompute):
            def startup(self):
                self.ready = True

            def shutdown(self):
                self.ready = False
      `);
      const { fixed } = await checkRuleFix('ONEX005', code);
      assert.ok(fixed.includes('    async def initialize(self) -> None:'), fixed);
      assert.ok(fixed.includes('    async def cleanup(self) -> None:'), fixed);
      assert.equal(count(fixed, 'def startup('), 1);
    });

    it('uses the configured names and the container attribute the class keeps', async () => {
      const code = HEADER + dedent(`
        class NodeScoreCompute(NodeCompute):
            def __init__(self, container):
                super().__init__(container)
                self._container = container
      `);
      const { fixed } = await checkRuleFix('ONEX005', code, { config: { startMethods: ['start'], stopMethods: ['stop'] } });
      assert.ok(fixed.includes('    async def start(self) -> None:'), fixed);
      assert.ok(fixed.includes('    async def stop(self) -> None:'), fixed);
      assert.ok(fixed.includes('        if hasattr(self._container, "initialize"):\n            try:\n                await self._container.initialize()'), fixed);
    });

    it('a class without a Kafka client gets no Kafka code', async () => {
      const code = HEADER + dedent(`
        class NodeScoreCompute(NodeCompute):
            async def execute_compute(self, contract):
                return contract
      `);
      const { fixed } = await checkRuleFix('ONEX005', code);
      assert.ok(!/kafka/i.test(fixed), fixed);
    });
  });

  describe('together with the other class-level fixes', () => {
    const orders: RuleId[][] = [
      ['ONEX001', 'ONEX002', 'ONEX005', 'ONEX009'],
      ['ONEX009', 'ONEX005', 'ONEX002', 'ONEX001'],
      ['ONEX005', 'ONEX009', 'ONEX001', 'ONEX002'],
    ];
    for (const order of orders) {
      it(`${order.join(' → ')} on the template-style effect (CRLF, tabs)`, async () => {
        let text = withCrlf(withTabs(TEMPLATE));
        for (const rule of order) {
          const firing = (await analyzeText(text, { language: 'python', config: testConfig('python') })).findings.some((f) => f.ruleId === rule);
          if (firing) text = (await checkRuleFix(rule, text, { eol: '\r\n', indent: 'tab' })).fixed;
        }
        const remaining = (await analyzeText(text, { language: 'python', config: testConfig('python') })).findings
          .filter((f) => ['ONEX001', 'ONEX002', 'ONEX005', 'ONEX009'].includes(f.ruleId));
        assert.deepEqual(remaining.map((f) => f.message), []);
        // ONEX002's shutdown() and ONEX005's agree: one shutdown, which deregisters.
        assert.equal(count(text, 'async def shutdown(self)'), 1);
        assert.equal(count(text, 'async def startup(self)'), 1);
        assert.equal(count(text, 'self._deregister_from_consul()'), 1);
      });
    }
  });

  describe('a class defined twice (try/except ImportError): each finding\'s fix edits its own definition', () => {
    const code = ONEX005_PYTHON_CASES.invalid.find((c) => c.name.startsWith('the same class defined twice'))!.code;
    const secondClass = code.indexOf('class NodeCacheEffect', code.indexOf('except ImportError'));
    for (const rule of ['ONEX001', 'ONEX002', 'ONEX005', 'ONEX009'] as RuleId[]) {
      it(rule, async () => {
        const findings = (await analyzeText(code, { language: 'python', config: testConfig('python') })).findings.filter((f) => f.ruleId === rule);
        assert.equal(findings.length, 2);
        const { fixes } = await fixesFor(code, findings[1], { language: 'python', config: testConfig('python') });
        const fix = fixes.find((f) => f.preferred)!;
        // Imports go to the top of the file; everything else lands in the second definition.
        const inClass = fix.edits.filter((e) => !/^\r?\n?from |^\r?\nimport /.test(e.newText));
        assert.ok(inClass.length > 0);
        for (const e of inClass) assert.ok(e.start > secondClass, `${rule} edits the first definition at ${e.start}`);
        const fixed = applyEdits(code, fix.edits);
        const firstClassLine = fixed.slice(0, fixed.indexOf('class NodeCacheEffect')).split('\n').length;
        const after = await analyzeText(fixed, { language: 'python', config: testConfig('python') });
        assert.deepEqual(after.findings.filter((f) => f.ruleId === rule).map((f) => f.range.start.line + 1), [firstClassLine],
          'only the first definition still has the gap');
      });
    }
  });
});
