// ONEX001's fix: the spec's defensive health-check-mode detection after super().__init__(...),
// and the expensive statements of __init__ wrapped in `if not health_check_mode:`.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeText, fixesFor } from '../../src/core/engine';
import { dedent, testConfig } from '../helpers/ruleTester';
import { ONEX001_PYTHON_CASES } from '../../src/core/rules/onex001/python.cases';
import {
  checkRuleFix, withCrlf, withSingleQuotes, withTabs, withTwoSpaces, withoutInsertions,
} from './classlevel.helpers';

const fixture = (name: string) => readFileSync(join(__dirname, '..', 'fixtures', 'python', name), 'utf8');
const TEMPLATE = fixture('classlevel_template_effect.py');

describe('ONEX001 fix', () => {
  describe('on every invalid case of the rule table (those whose output is the code itself expect no fix)', () => {
    for (const c of ONEX001_PYTHON_CASES.invalid.filter((x) => x.output !== x.code)) {
      it(c.name, async () => {
        const { fixed, applied } = await checkRuleFix('ONEX001', c.code, { config: c.config });
        assert.equal(withoutInsertions(fixed, applied), c.code, 'bytes outside the insertions changed');
        assert.match(fixed, /health_check_mode = False/);
      });
    }
  });

  describe('on the long template-style fixture, in every layout', () => {
    const layouts = [
      { name: '4 spaces, LF', code: TEMPLATE, options: {} },
      { name: 'tabs', code: withTabs(TEMPLATE), options: { indent: 'tab' as const } },
      { name: '2 spaces', code: withTwoSpaces(TEMPLATE), options: { indent: 2 as const } },
      { name: 'CRLF', code: withCrlf(TEMPLATE), options: { eol: '\r\n' as const } },
      { name: 'tabs and CRLF', code: withCrlf(withTabs(TEMPLATE)), options: { indent: 'tab' as const, eol: '\r\n' as const } },
    ];
    for (const layout of layouts) {
      it(layout.name, async () => {
        const { fixed, applied } = await checkRuleFix('ONEX001', layout.code, layout.options);
        assert.equal(withoutInsertions(fixed, applied), layout.code);
        assert.equal(applied.length, 1);
      });
    }

    it('guards both clients and sets them to None in health-check mode', async () => {
      const { fixed } = await checkRuleFix('ONEX001', TEMPLATE);
      assert.ok(fixed.includes([
        '        if not health_check_mode:',
        '            self.kafka_client = container.get_service("kafka_client")',
        '            self.http_client = httpx.AsyncClient(',
        '                base_url="https://gateway.internal",',
        '                timeout=10.0,',
        '            )',
        '        else:',
        '            self.kafka_client = None',
        '            self.http_client = None',
        '',
        '        self.max_retries = 3',
      ].join('\n')), fixed);
    });

    it('writes strings in the file\'s quote style', async () => {
      const single = withSingleQuotes(TEMPLATE);
      assert.ok(!single.includes('"kafka_client"'), 'the fixture conversion must produce single quotes');
      const { fixed } = await checkRuleFix('ONEX001', single);
      assert.ok(fixed.includes("container.config.get('health_check_mode', False)"), fixed);
      assert.ok(fixed.includes("if hasattr(container.config, 'get')"), fixed);
    });
  });

  describe('placement', () => {
    const HEADER = 'from omnibase_core.nodes.node_effect import NodeEffect\n\n';

    it('detects before the first expensive statement when there is no super().__init__ before it', async () => {
      const code = HEADER + dedent(`
        class NodePricingEffect(NodeEffect):
            def __init__(self, container):
                """Init."""
                self.kafka_client = container.get_service("kafka_client")
                super().__init__(container)
      `);
      const { fixed } = await checkRuleFix('ONEX001', code);
      assert.equal(fixed, HEADER + dedent(`
        class NodePricingEffect(NodeEffect):
            def __init__(self, container):
                """Init."""
                # Health check mode detection: skip expensive initialisation in health checks
                try:
                    health_check_mode = (
                        container.config.get("health_check_mode", False)
                        if hasattr(container.config, "get")
                        else False
                    )
                except Exception:
                    health_check_mode = False

                if not health_check_mode:
                    self.kafka_client = container.get_service("kafka_client")
                else:
                    self.kafka_client = None
                super().__init__(container)
      `));
    });

    it('guards each run of expensive statements, keeps comments and multi-line strings intact', async () => {
      const code = HEADER + dedent(`
        class NodePricingEffect(NodeEffect):
            def __init__(self, container):
                super().__init__(container)  # base first
                client = container.get_service("kafka_client")
                # the HTTP client
                self.http = httpx.AsyncClient(headers={"X-Doc": """line one
        line two"""})
                self.timeout = 30
                self._register_with_consul_sync()  # announce

            def _register_with_consul_sync(self):
                pass
      `);
      const { fixed } = await checkRuleFix('ONEX001', code);
      assert.ok(fixed.includes([
        '        super().__init__(container)  # base first',
        '',
        '        # Health check mode detection: skip expensive initialisation in health checks',
      ].join('\n')), fixed);
      assert.ok(fixed.includes([
        '        if not health_check_mode:',
        '            client = container.get_service("kafka_client")',
        '            # the HTTP client',
        '            self.http = httpx.AsyncClient(headers={"X-Doc": """line one',
        'line two"""})',
        '        else:',
        '            client = None',
        '            self.http = None',
        '        self.timeout = 30',
        '        if not health_check_mode:',
        '            self._register_with_consul_sync()  # announce',
        '',
      ].join('\n')), fixed);
    });

    it('offers no fix when __init__ does not receive a container', async () => {
      const code = HEADER + dedent(`
        class NodePricingEffect(NodeEffect):
            def __init__(self, **kwargs):
                super().__init__(**kwargs)
                self.kafka_client = kwargs["container"].get_service("kafka_client")
      `);
      const finding = (await analyzeText(code, { language: 'python', config: testConfig('python') })).findings.find((f) => f.ruleId === 'ONEX001');
      assert.ok(finding, 'ONEX001 fires');
      const { fixes } = await fixesFor(code, finding, { language: 'python', config: testConfig('python') });
      assert.deepEqual(fixes, []);
    });
  });
});
