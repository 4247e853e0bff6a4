// Eras decide which rules apply, in which form and at which default severity (rules.md, "Eras"; each rule's
// meta.ts carries the table, src/core/rules/eras.ts applies it). The rules' own cases for today's forms are in
// their tables (src/core/rules/onexNNN/python.cases.ts); here: the table itself, the rules that go silent in
// today's era (with their fixes), the default severities, and that nothing in today's era advises or writes the
// bridge era's code.
import { strict as assert } from 'node:assert';
import { analyzeText, fixesFor } from '../../src/core/engine';
import { RULE_META } from '../../src/core/rules/meta';
import { BRIDGE_PROJECT, TODAY_PROJECT, dedent, pythonFixture } from '../../src/core/rules/cases';
import { ALL_RULE_IDS, type EngineConfig, type Finding, type LanguageId, type RuleId } from '../../src/core/types';

const BRIDGE_ONLY: RuleId[] = ['ONEX001', 'ONEX002', 'ONEX005', 'ONEX006', 'ONEX008', 'ONEX009'];

async function analyse(code: string, config: Partial<EngineConfig>, language: LanguageId = 'python'): Promise<Finding[]> {
  const result = await analyzeText(code, { language, config, fileName: language === 'python' ? 'node.py' : 'node.ts' });
  assert.equal(result.skipped, undefined, result.skipped?.message);
  return result.findings;
}

/** A bridge-era node every bridge-only rule reports on (no era-specific import: the project's pin decides). */
const BRIDGE_NODE = pythonFixture('classlevel_template_effect.py') + dedent(`


  class NodeSettingsEffect(NodeEffect):
      def __init__(self, container):
          super().__init__(container)
          self.timeout = container.config.get("timeout", 30)

      async def startup(self):
          pass

      async def shutdown(self):
          pass

      def get_metrics(self):
          return {"success_rate": 1.0, "failed_operations": 0, "avg_duration_ms": 0.0}

      async def announce(self):
          try:
              await self.kafka_client.publish_with_envelope(event_type="x", source_node_id="n", payload={})
          except Exception:
              pass
`);

describe('eras: which rules apply, in which form, at which severity', () => {
  it('every rule carries an era table; rules.md\'s node rules all apply in the bridge era and today only ONEX003, 004, 007, 010 and 011; today\'s own rules only today', () => {
    for (const id of ALL_RULE_IDS) assert.ok(RULE_META[id].eras, `${id} has no era table`);
    // Today's own rules (ONEX012–ONEX019) mirror gates only today's framework has.
    for (const id of ALL_RULE_IDS.filter((rule) => RULE_META[rule].appliesTo === undefined && RULE_META[rule].era === 'current')) {
      assert.deepEqual([RULE_META[id].eras!.bridge.applies, RULE_META[id].eras!.current.applies], [false, true], id);
    }
    for (const id of ALL_RULE_IDS.filter((rule) => RULE_META[rule].appliesTo === undefined && RULE_META[rule].era !== 'current')) {
      const eras = RULE_META[id].eras!;
      assert.equal(eras.bridge.applies, true, id);
      assert.equal(eras.current.applies, !BRIDGE_ONLY.includes(id), id);
      for (const entry of [eras.bridge, eras.current]) assert.ok(entry.form.length > 0 && entry.why.length > 0, id);
    }
    assert.equal(RULE_META.ONEX003.eras!.current.defaultSeverity, 'information', 'ARCH-002 is not wired into CI');
  });

  it('in a project on today\'s framework the bridge-only rules are silent and offer no fix; in a bridge project they report', async () => {
    const bridge = await analyse(BRIDGE_NODE, BRIDGE_PROJECT);
    for (const id of BRIDGE_ONLY) assert.ok(bridge.some((f) => f.ruleId === id), `${id} reports in the bridge era`);
    const today = await analyse(BRIDGE_NODE, TODAY_PROJECT);
    assert.deepEqual(today.filter((f) => BRIDGE_ONLY.includes(f.ruleId)).map((f) => f.ruleId), []);
    // A finding carried from the bridge era (a stale diagnostic) gets no fix in today's era.
    for (const finding of bridge.filter((f) => BRIDGE_ONLY.includes(f.ruleId))) {
      const { fixes } = await fixesFor(BRIDGE_NODE, finding, { language: 'python', config: TODAY_PROJECT, fileName: 'node.py' });
      assert.deepEqual(fixes, [], `${finding.ruleId} offers a fix in today's era`);
    }
  });

  it('an explicit framework target decides over the pin and the imports; TypeScript follows the setting too', async () => {
    const explicit = await analyse(BRIDGE_NODE, { ...BRIDGE_PROJECT, frameworkTarget: 'current' });
    assert.equal(explicit.filter((f) => BRIDGE_ONLY.includes(f.ruleId)).length, 0);
    const ts = dedent(`
      export class NodeLedgerEffect extends NodeEffect {
        constructor(container: ModelContainer) {
          super(container);
          this.client = container.getService("kafka_client");
        }
        async execute(input: unknown): Promise<unknown> {
          await this.kafkaClient.publish({ topic: "ledger", data: input });
          return input;
        }
      }
    `);
    const bridge = (await analyse(ts, {}, 'typescript')).map((f) => f.ruleId);
    assert.ok(bridge.includes('ONEX001') && bridge.includes('ONEX005'), bridge.join());
    const today = await analyse(ts, { frameworkTarget: 'current' }, 'typescript');
    assert.deepEqual(today.filter((f) => BRIDGE_ONLY.includes(f.ruleId)).map((f) => f.ruleId), []);
    const publish = today.find((f) => f.ruleId === 'ONEX003');
    assert.ok(publish && /in today's framework a handler returns its events/.test(publish.message) && publish.severity === 'information', publish?.message);
    assert.ok(!/use publishWithEnvelope/.test(publish.message));
    const byName = today.find((f) => f.ruleId === 'ONEX007');
    assert.ok(byName && /resolves "kafka_client" by name/.test(byName.message), byName?.message);
  });

  it('default severities follow the era; a configured severity always wins', async () => {
    const publishing = pythonFixture('today_handler_publishing.py');
    assert.ok((await analyse(publishing, {})).filter((f) => f.ruleId === 'ONEX003').every((f) => f.severity === 'information'));
    assert.ok((await analyse(publishing, { rules: { ONEX003: 'error' } })).filter((f) => f.ruleId === 'ONEX003').every((f) => f.severity === 'error'));
    const errors = await analyse(pythonFixture('today_handler_errors.py'), {});
    const severityOf = (kind: string) => errors.filter((f) => f.ruleId === 'ONEX004' && (f.data as { kind: string }).kind === kind).map((f) => f.severity);
    assert.deepEqual(severityOf('rewrap'), ['warning']);
    assert.deepEqual(severityOf('no-cause'), ['information'], 'ruff B904 is ignored by the framework: advisory');
    const bridge = await analyse(pythonFixture('statements_spec_template.py'), BRIDGE_PROJECT);
    assert.ok(bridge.filter((f) => f.ruleId === 'ONEX003' || f.ruleId === 'ONEX004').every((f) => f.severity === 'warning'));
    // No framework gate bans time.time() for durations: advice today, a warning in the bridge era's patterns.
    const timing = dedent(`
      import time


      class HandlerReportBuild:
          async def handle(self, request):
              started = time.time()
              report = await self._build(request)
              return report, time.time() - started
    `);
    assert.deepEqual((await analyse(timing, TODAY_PROJECT)).map((f) => `${f.ruleId} ${f.severity}`), ['ONEX010 information', 'ONEX010 information']);
    assert.deepEqual((await analyse(timing.replace('class HandlerReportBuild:', 'class NodeReportBuildCompute(NodeCompute):'), BRIDGE_PROJECT))
      .filter((f) => f.ruleId === 'ONEX010').map((f) => f.severity), ['warning', 'warning']);
    const configured = await analyse(pythonFixture('today_handler_errors.py'), { rules: { ONEX004: 'hint' } });
    assert.ok(configured.filter((f) => f.ruleId === 'ONEX004').every((f) => f.severity === 'hint'));
  });

  it('in today\'s era no finding advises, and no fix writes, the bridge era\'s code', async () => {
    const BRIDGE_CODE = /publish_with_envelope|emit_log_event|health_check_mode|consul|register_service|OnexEnvelopeV1|LogLevel\.WARNING|_register_with/i;
    const sources = ['today_handler_publishing.py', 'today_handler_resolution.py', 'today_handler_errors.py', 'today_handler_clean.py']
      .map((name) => pythonFixture(name));
    // Bridge-era code in a project on today's framework gets today's forms too.
    sources.push(BRIDGE_NODE, pythonFixture('statements_spec_template.py'), pythonFixture('dataflow_spec_template.py'));
    let fixes = 0;
    for (const code of sources) {
      for (const finding of await analyse(code, TODAY_PROJECT)) {
        assert.ok(!/use publish_with_envelope|is never tested for None [^:]*: a missing service fails later/.test(finding.message), finding.message);
        for (const fix of (await fixesFor(code, finding, { language: 'python', config: TODAY_PROJECT, fileName: 'node.py' })).fixes) {
          fixes++;
          for (const edit of fix.edits) assert.ok(!BRIDGE_CODE.test(edit.newText), `${finding.ruleId} "${fix.title}" writes ${JSON.stringify(edit.newText)}`);
        }
      }
    }
    assert.ok(fixes > 0, 'today\'s fixes were checked');
  });
});
