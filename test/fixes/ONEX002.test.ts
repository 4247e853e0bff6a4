// ONEX002's fix: Consul registration/deregistration (spec pattern 5) written for the class, with
// settings-driven configuration (no hard-coded host, no os.getenv fallback), registration at the
// end of __init__ unless in health-check mode, deregistration from the stop method.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dedent } from '../helpers/ruleTester';
import { ONEX002_PYTHON_CASES } from '../../src/core/rules/onex002/python.cases';
import { checkRuleFix, withCrlf, withTabs, withTwoSpaces, withoutInsertions } from './classlevel.helpers';

const fixture = (name: string) => readFileSync(join(__dirname, '..', 'fixtures', 'python', name), 'utf8');
const TEMPLATE = fixture('classlevel_template_effect.py');
const REDUCERS = fixture('classlevel_bridge_reducer.py');

const count = (text: string, part: string) => text.split(part).length - 1;

/** Today's repositories reject these (onex-facts.md): the fix must not add any. */
function assertNoForbiddenDefaults(before: string, after: string): void {
  for (const part of ['localhost', 'omninode-bridge-consul', 'os.getenv(', '127.0.0.1', 'environ.get(']) {
    assert.equal(count(after, part), count(before, part), `the fix added ${part}`);
  }
}

describe('ONEX002 fix', () => {
  describe('on every invalid case of the rule table', () => {
    for (const c of ONEX002_PYTHON_CASES.invalid) {
      it(c.name, async () => {
        const { fixed, applied } = await checkRuleFix('ONEX002', c.code, { config: c.config });
        assert.equal(withoutInsertions(fixed, applied), c.code, 'bytes outside the insertions changed');
        assertNoForbiddenDefaults(c.code, fixed);
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
          const { fixed, applied } = await checkRuleFix('ONEX002', code, layout.options);
          assert.equal(withoutInsertions(fixed, applied), code);
          assertNoForbiddenDefaults(code, fixed);
        });
      }
    }

    it('template-style effect: registration unless in health-check mode, its clients guarded too', async () => {
      const { fixed } = await checkRuleFix('ONEX002', TEMPLATE);
      assert.ok(fixed.includes([
        '        # Initialize metrics',
        '        self._total_operations = 0',
        '',
        '        # Register with Consul for service discovery',
        '        if not health_check_mode and self.consul_enable_registration:',
        '            self._register_with_consul_sync()',
        '',
      ].join('\n')), fixed);
      // ONEX001's part: without it the new flag would silence ONEX001 while the clients stay unguarded.
      assert.ok(fixed.includes('        if not health_check_mode:\n            self.kafka_client = container.get_service("kafka_client")'), fixed);
      assert.equal(count(fixed, 'def _register_with_consul_sync(self) -> None:'), 1);
      assert.equal(count(fixed, 'def _deregister_from_consul(self) -> None:'), 1);
      // No stop method: a new async shutdown() (ONEX005's) deregisters.
      assert.ok(fixed.includes('    async def shutdown(self) -> None:'), fixed);
      assert.ok(fixed.includes('        # Deregister from Consul for clean service discovery\n        self._deregister_from_consul()'), fixed);
      // Settings, not hard-coded hosts.
      assert.ok(fixed.includes('self.consul_host = container.config.get("consul_host", self.consul_host)'), fixed);
      assert.ok(fixed.includes('self.consul_host: str | None = None'), fixed);
      // The bridge era's logging import (the file is a bridge project's), merged with the file's imports.
      assert.ok(fixed.includes('from omnibase_core.logging.structured import emit_log_event_sync as emit_log_event'), fixed);
      assert.ok(fixed.includes('from omnibase_core.enums.enum_log_level import EnumLogLevel as LogLevel'), fixed);
      assert.ok(fixed.includes('service_id = f"payment-gateway-effect-{self.node_id}"'), fixed);
    });

    it('bridge reducers: uses the names the file binds (log_event, LogLevel) and no new import', async () => {
      const { fixed } = await checkRuleFix('ONEX002', REDUCERS);
      assert.ok(fixed.includes('            log_event(\n                LogLevel.DEBUG,'), fixed);
      assert.ok(!fixed.includes('emit_log_event('), fixed);
      assert.equal(count(fixed, 'import '), count(REDUCERS, 'import ') + 2, 'only the two lazy `import consul` lines are new');
    });
  });

  describe('written for the class', () => {
    const HEADER = 'from omnibase_core.nodes.node_effect import NodeEffect\n';

    it('calls an existing registration method at the end of __init__ and an existing stop method deregisters', async () => {
      const code = HEADER + dedent(`
        import consul


        class NodeLedgerEffect(NodeEffect):
            def __init__(self, container):
                super().__init__(container)
                self.ledger = {}

            async def shutdown(self):
                self.ledger.clear()

            def _announce(self):
                consul.Consul().agent.service.register("ledger", service_id="ledger-1")
      `);
      const { fixed } = await checkRuleFix('ONEX002', code);
      assert.ok(fixed.includes([
        '        self.ledger = {}',
        '',
        '        # Register with Consul for service discovery',
        '        if not health_check_mode:',
        '            self._announce()',
      ].join('\n')), fixed);
      assert.ok(fixed.includes([
        '    async def shutdown(self):',
        '        self.ledger.clear()',
        '',
        '        # Deregister from Consul for clean service discovery',
        '        self._deregister_from_consul()',
      ].join('\n')), fixed);
      // The deregistration uses the same client and service id as the registration.
      assert.ok(fixed.includes('consul_client = consul.Consul()\n            consul_client.agent.service.deregister("ledger-1")'), fixed);
      assert.ok(!fixed.includes('def _register_with_consul_sync'), 'no second registration method');
    });

    it('reuses the class\'s own health-check flag and node-id attribute', async () => {
      const code = HEADER + dedent(`
        class NodeLedgerEffect(NodeEffect):
            def __init__(self, container, health_check_mode=False):
                super().__init__(container)
                self._node_id = container.node_id

            async def execute_effect(self, contract):
                return {"node": self._node_id}
      `);
      const { fixed } = await checkRuleFix('ONEX002', code);
      assert.ok(fixed.includes('if not health_check_mode and self.consul_enable_registration:'), fixed);
      assert.equal(count(fixed, 'health_check_mode = '), 0, 'no second detection');
      assert.ok(fixed.includes('service_id = f"ledger-effect-{self._node_id}"'), fixed);
    });

    it('writes a new __init__ when the class has none', async () => {
      const code = HEADER + dedent(`
        from omnibase_core.models.container.model_onex_container import ModelONEXContainer


        class NodeLedgerEffect(NodeEffect):
            """Ledger."""

            async def execute_effect(self, contract):
                return contract
      `);
      const { fixed } = await checkRuleFix('ONEX002', code);
      assert.ok(fixed.includes([
        '    """Ledger."""',
        '',
        '    def __init__(self, container: ModelONEXContainer) -> None:',
        '        super().__init__(container)',
        '',
        '        # Consul configuration for service discovery, from the container\'s settings',
      ].join('\n')), fixed);
    });

    it('bridge target: the bridge era\'s logging import', async () => {
      const code = HEADER + dedent(`
        class NodeLedgerEffect(NodeEffect):
            async def execute_effect(self, contract):
                return contract
      `);
      const { fixed } = await checkRuleFix('ONEX002', code, { config: { frameworkTarget: 'bridge' } });
      assert.ok(fixed.includes('from omnibase_core.logging.structured import emit_log_event_sync as emit_log_event'), fixed);
    });

    it('merges the imports into the file\'s own from-imports of the same modules', async () => {
      const code = dedent(`
        from omnibase_core.enums.enum_log_level import EnumLogLevel
        from omnibase_core.logging.structured import emit_log_event_async
        from omnibase_core.nodes.node_effect import NodeEffect


        class NodeLedgerEffect(NodeEffect):
            async def execute_effect(self, contract):
                return contract
      `);
      const { fixed } = await checkRuleFix('ONEX002', code);
      assert.ok(fixed.startsWith([
        'from omnibase_core.enums.enum_log_level import EnumLogLevel',
        'from omnibase_core.logging.structured import emit_log_event_async, emit_log_event_sync as emit_log_event',
        'from omnibase_core.nodes.node_effect import NodeEffect',
      ].join('\n')), fixed);
      assert.ok(fixed.includes('EnumLogLevel.INFO'), fixed);
    });

    it('calls the deregistration from a configured stop method', async () => {
      const code = HEADER + dedent(`
        import consul


        class NodeLedgerEffect(NodeEffect):
            async def startup(self):
                self.consul = consul.Consul()
                self.consul.agent.service.register("ledger", service_id=self.service_id)

            async def stop(self):
                self.running = False
      `);
      const { fixed } = await checkRuleFix('ONEX002', code, { config: { stopMethods: ['stop'] } });
      assert.ok(fixed.includes('    async def stop(self):\n        self.running = False\n\n        # Deregister from Consul'), fixed);
      assert.ok(fixed.includes('consul_client = self.consul\n            consul_client.agent.service.deregister(self.service_id)'), fixed);
      assert.ok(fixed.includes('if not hasattr(self, "service_id"):'), fixed);
    });
  });
});

describe('ONEX002 fix: generated code reads only attributes the class or its known bases define', () => {
  const node = (base: string, init: string) => dedent(`
    from omnibase_core.enums.enum_log_level import EnumLogLevel as LogLevel
    from omnibase_core.logging.structured import emit_log_event_sync as emit_log_event

    from ..shared.adapters import AdapterEffectBase


    class NodeInvoiceMirrorEffect(${base}):
        """Mirrors invoices into the archive."""

        def __init__(self, container):
    ${init}
            self.archive_path = "/var/lib/invoices"

        async def execute_effect(self, contract):
            return {"mirrored": contract.input_state["invoice_id"]}
  `);
  it('a base from another package (unknown), or a framework base whose __init__ is never called: no self.node_id, no self.container', async () => {
    for (const code of [node('AdapterEffectBase', '        self.container = container'), node('NodeEffect', '        self._container = container')]) {
      const { fixed } = await checkRuleFix('ONEX002', code);
      assert.ok(!fixed.includes('self.node_id') && !fixed.includes('self._node_id'), fixed);
      assert.match(fixed, /service_id = f"invoice-mirror-effect-\{id\(self\)\}"/);
    }
  });
  it('a framework base whose __init__ the class calls: NodeCoreBase sets node_id, the generated code uses it', async () => {
    const { fixed } = await checkRuleFix('ONEX002', node('NodeEffect', '        super().__init__(container)'));
    assert.match(fixed, /service_id = f"invoice-mirror-effect-\{self\.node_id\}"/);
    assert.match(fixed, /"node_id": self\.node_id/);
  });
});
