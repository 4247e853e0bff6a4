// ONEX006 fixes: one defensive helper method per class, the flagged reads routed through it (unsafe).
import { strict as assert } from 'node:assert';
import { fixesFor } from '../../src/core/engine';
import { applyEdits } from '../../src/core/text';
import { applyAllFixes, dedent, findingsOf, testConfig } from '../helpers/ruleTester';
import { VARIANTS, checkFixSafety, fixture, insideFinding, pureInsertion } from './dataflow_fixSafety';

async function fixesOf(code: string, index = 0) {
  const findings = await findingsOf(code, 'ONEX006');
  assert.ok(findings[index], 'expected an ONEX006 finding');
  return (await fixesFor(code, findings[index], { language: 'python', config: testConfig('python') })).fixes;
}

const HELPER = [
  '    def _config_get(self, key, default=None, container=None):',
  '        """Read a configuration value defensively: the config may lack get() or raise."""',
  '        try:',
  '            config = (self.container if container is None else container).config',
  '            if hasattr(config, "get") and callable(config.get):',
  '                return config.get(key, default)',
  '            return getattr(config, key, default)',
  '        except Exception:',
  '            return default',
].join('\n');

describe('ONEX006 fixes', () => {
  it('adds the helper once after __init__ and routes every read form through it', async () => {
    const code = dedent(`
      from omnibase_core.nodes.node_effect import NodeEffect


      class NodeConfigEffect(NodeEffect):
          def __init__(self, container):
              super().__init__(container)
              self.timeout = container.config.get("timeout", 30)  # seconds
              self.mode = container.config["mode"]
              self.host = self.container.config.host

          async def process(self, data):
              return self.container.config.get(
                  "batch",
                  10,
              )
    `);
    const fixes = await fixesOf(code);
    assert.equal(fixes.length, 1);
    assert.equal(fixes[0].safety, 'unsafe');
    assert.equal(fixes[0].preferred, true);
    assert.equal(await applyAllFixes(code, 'ONEX006'), dedent(`
      from omnibase_core.nodes.node_effect import NodeEffect


      class NodeConfigEffect(NodeEffect):
          def __init__(self, container):
              super().__init__(container)
              self.timeout = self._config_get("timeout", 30, container=container)  # seconds
              self.mode = self._config_get("mode", container=container)
              self.host = self._config_get("host")

      ${HELPER.split('\n').join('\n      ')}

          async def process(self, data):
              return self._config_get(
                  "batch",
                  10,
              )
    `));
  });

  it('reuses an existing helper (also from a base class in the file) instead of adding another', async () => {
    const code = dedent(`
      class BaseNode(NodeEffect):
          def _config_get(self, key, default=None, container=None):
              try:
                  return (container or self.container).config.get(key, default)
              except Exception:
                  return default


      class NodeChildEffect(BaseNode):
          def __init__(self, container):
              super().__init__(container)
              self.limit = container.config.get("limit")
    `);
    const fixes = await fixesOf(code);
    assert.equal(applyEdits(code, fixes[0].edits),
      code.replace('self.limit = container.config.get("limit")', 'self.limit = self._config_get("limit", container=container)'));
  });

  it('an existing helper without a container parameter serves self.container reads only', async () => {
    const code = dedent(`
      class NodeChildEffect(NodeEffect):
          def __init__(self, container):
              super().__init__(container)
              self.limit = container.config.get("limit")

          def _config_get(self, key, default=None):
              try:
                  return self.container.config.get(key, default)
              except Exception:
                  return default

          def later(self):
              return self.container.config["later"]
    `);
    assert.deepEqual(await fixesOf(code, 0), [], 'no helper can take the local container');
    const fixes = await fixesOf(code, 1);
    assert.equal(applyEdits(code, fixes[0].edits), code.replace('return self.container.config["later"]', 'return self._config_get("later")'));
  });

  it('follows the file: single quotes, tabs, CRLF; helper at the class end when there is no __init__', async () => {
    const code = "class NodeQuoteCompute(NodeCompute):\r\n\t'''Doc.'''\r\n\r\n\tdef run(self):\r\n\t\treturn self.container.config.region\r\n";
    const out = await applyAllFixes(code, 'ONEX006');
    assert.equal(out, [
      "class NodeQuoteCompute(NodeCompute):",
      "\t'''Doc.'''",
      '',
      '\tdef run(self):',
      "\t\treturn self._config_get('region')",
      '',
      ...HELPER.replace(/"get"/g, "'get'").split('\n').map((l) => l.replace(/^((?: {4})*)/, (m) => '\t'.repeat(m.length / 4))),
    ].join('\r\n') + '\r\n');
  });

  it('offers no fix where the helper cannot be called or would call itself', async () => {
    const staticRead = dedent(`
      class NodeStaticEffect(NodeEffect):
          @staticmethod
          def build(container):
              return container.config.get("x")
    `);
    assert.deepEqual(await fixesOf(staticRead), []);
    const selfRead = dedent(`
      class NodeSelfEffect(NodeEffect):
          def _config_get(self, key, default=None, container=None):
              return self.container.config.get(key, default)
    `);
    assert.deepEqual(await fixesOf(selfRead), []);
    const keywords = dedent(`
      class NodeKwEffect(NodeEffect):
          def __init__(self, container):
              super().__init__(container)
              self.x = container.config.get("x", default=1)
    `);
    assert.deepEqual(await fixesOf(keywords), []);
  });

  describe('fix safety on long files', () => {
    const policy = (edit: Parameters<typeof insideFinding>[0], finding: Parameters<typeof insideFinding>[1], text: string) =>
      insideFinding(edit, finding, text) || pureInsertion(edit, finding, text);
    for (const base of ['dataflow_long_effect.py']) {
      let reference: string | undefined;
      for (const variant of VARIANTS) {
        it(`${base}, ${variant.name}`, async () => {
          const text = variant.transform(fixture(base));
          const { fixed } = await checkFixSafety('ONEX006', text, policy);
          assert.equal(fixed.split('def _config_get(').length - 1, 2, 'one helper per node class with findings');
          if (variant.name === '4 spaces, LF') reference = fixed;
          if (reference !== undefined) assert.equal(fixed, variant.transform(reference));
        });
      }
    }
  });
});
