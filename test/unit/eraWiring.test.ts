// The era resolver wired into analysis: every result says which era the file was given and by which
// step, generated code follows it, and the CLI looks up each file's project pin.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeText, fixesFor } from '../../src/core/engine';
import { applyEdits } from '../../src/core/text';
import type { EngineConfig } from '../../src/core/types';
import { cli, project } from '../cli/helpers';
import { dedent } from '../helpers/ruleTester';

const NODE_BODY = dedent(`
  from omnibase_core.nodes.node_orchestrator import NodeOrchestrator


  class NodeCodegenOrchestrator(NodeOrchestrator):
      def __init__(self, container):
          super().__init__(container)
          self.kafka_client = container.get_service("kafka_client")
          self._total_operations = 0
`);
const PIN_0_1 = { version: '0.1.0', spec: 'omnibase-core==0.1.0', file: '/x/pyproject.toml' };

async function eraOf(code: string, config: Partial<EngineConfig> = {}, language: 'python' | 'typescript' = 'python') {
  const result = await analyzeText(code, { language, config, fileName: language === 'python' ? 'node.py' : 'node.ts' });
  assert.ok(result.era, 'the result carries the era');
  return result.era!;
}

/** The ONEX007 finding's fixes. */
async function onex007Fixes(code: string, config: Partial<EngineConfig> = {}) {
  const result = await analyzeText(code, { language: 'python', config, fileName: 'node.py' });
  const finding = result.findings.find((f) => f.ruleId === 'ONEX007');
  assert.ok(finding, 'an ONEX007 finding');
  return (await fixesFor(code, finding, { language: 'python', config })).fixes;
}

/** The import lines the preferred ONEX007 fix adds to the text. */
async function importsAddedByFix(code: string, config: Partial<EngineConfig> = {}): Promise<string[]> {
  const fixes = await onex007Fixes(code, config);
  assert.ok(fixes[0], 'an ONEX007 fix');
  const fixed = applyEdits(code, fixes[0].edits);
  const before = new Set(code.split('\n'));
  return fixed.split('\n').filter((line) => /^(from|import) /.test(line) && !before.has(line));
}

describe('era wiring: analysis results say which era and why', () => {
  it('no signal anywhere: today, by default', async () => {
    const era = await eraOf(NODE_BODY);
    assert.deepEqual([era.era, era.step], ['current', 'default']);
  });
  it("the file's bridge-era import decides, and the reason names it with its line", async () => {
    const era = await eraOf(`from omninode_bridge.services.kafka_client import KafkaClient\n${NODE_BODY}`, { projectPin: { ...PIN_0_1, version: '0.46.8' } });
    assert.deepEqual([era.era, era.step], ['bridge', 'imports']);
    assert.match(era.reason, /omninode_bridge \(line 1\)/);
  });
  it("the project's pin decides when the imports say nothing", async () => {
    const era = await eraOf(NODE_BODY, { projectPin: PIN_0_1 });
    assert.deepEqual([era.era, era.step], ['bridge', 'project']);
  });
  it('an explicit framework-target wins', async () => {
    const era = await eraOf(`from omninode_bridge.services.kafka_client import KafkaClient\n${NODE_BODY}`, { frameworkTarget: 'current' });
    assert.deepEqual([era.era, era.step], ['current', 'explicit']);
  });
  it('TypeScript takes the bridge idiom', async () => {
    const era = await eraOf('export class NodeXEffect extends NodeEffect {}\n', {}, 'typescript');
    assert.deepEqual([era.era, era.step], ['bridge', 'language']);
  });
});

describe("era wiring: generated code follows the file's era", () => {
  it("a bridge-era file gets the bridge era's logging module, not today's", async () => {
    const code = `from omninode_bridge.services.kafka_client import KafkaClient\n${NODE_BODY}`;
    const added = await importsAddedByFix(code);
    assert.ok(added.includes('from omnibase_core.logging.structured import emit_log_event_sync as emit_log_event'), added.join('\n'));
    assert.ok(!added.some((line) => line.includes('logging_structured')), added.join('\n'));
  });
  it("a file of a project pinned to today's framework gets no bridge-era code: its get_service(\"…\") is today's finding, and no class the module binds is named, so no fix", async () => {
    const today = { projectPin: { ...PIN_0_1, version: '0.46.8' } };
    assert.deepEqual(await onex007Fixes(NODE_BODY, today), []);
    // Where the string names a class the module imports, today's fix passes that protocol type.
    const bound = `from omnibase_spi.protocols import ProtocolKafkaClient\n${NODE_BODY.replace('"kafka_client"', '"ProtocolKafkaClient"')}`;
    const [fix] = await onex007Fixes(bound, today);
    assert.ok(applyEdits(bound, fix.edits).includes('container.get_service(ProtocolKafkaClient)'));
  });
});

describe('era wiring: the CLI reads each file\'s project pin', () => {
  it('fix in a project pinned to omnibase-core 0.1.0 writes bridge-era imports; beside it, an unpinned project (today) gets none', async () => {
    const root = project({
      'bridge/pyproject.toml': '[project]\nname = "old"\ndependencies = ["omnibase-core==0.1.0"]\n',
      'bridge/nodes/node.py': NODE_BODY,
      'today/pyproject.toml': '[project]\nname = "new"\n',
      'today/nodes/node.py': NODE_BODY,
    });
    const run = await cli(['fix', '--unsafe', '--rules', 'ONEX007', 'bridge', 'today'], root);
    assert.equal(run.code === 0 || run.code === 1, true, run.stderr);
    const bridge = readFileSync(join(root, 'bridge/nodes/node.py'), 'utf8');
    const today = readFileSync(join(root, 'today/nodes/node.py'), 'utf8');
    assert.match(bridge, /^from omnibase_core\.logging\.structured import emit_log_event_sync as emit_log_event$/m);
    assert.equal(today, NODE_BODY, 'no bridge-era None check or logging is written into today\'s code');
  });
});
