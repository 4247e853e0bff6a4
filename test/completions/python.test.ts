// The core of the ONEX completion items for Python (src/core/completions): which items belong where,
// per era; the imports each adds only when the file lacks them, through the names it already uses;
// the helper methods it brings; that accepting an item twice adds nothing twice; and that every item,
// accepted with its defaults, leaves a file that parses, uses no undefined name (ruff F821 in today's
// environment) and gains no ONEX finding. The real framework's verdict on the accepted code is in
// test/conformance/snippets.test.ts.
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeText, completionsFor, getFrontEnd, resolveConfig } from '../../src/core/engine';
import { BRIDGE_PATTERNS } from '../../src/core/completions/python/bridge';
import { planTodayScaffold } from '../../src/core/scaffold/python/today';
import { frameworkAvailable, runFramework } from '../helpers/framework';
import { expandSnippet } from '../scaffold/snippetExpander';
import { pythonImports } from '../scaffold/helpers';
import { CURSOR, accept, acceptAt, acceptWithSpans, completeAt, itemOf, labels } from './helpers';

const BRIDGE_PREFIXES = BRIDGE_PATTERNS.map((p) => p.prefix);
const KINDS = ['effect', 'compute', 'reducer', 'orchestrator'];

/** A bridge-era node (its logging import says so); {INIT}, {METHOD}, {MID}, {END} are cursor places. */
const BRIDGE_NODE = `"""A bridge-era node."""

from omnibase_core.enums.enum_log_level import EnumLogLevel as LogLevel
from omnibase_core.logging.structured import emit_log_event_sync as emit_log_event
from omnibase_core.models.container.model_onex_container import ModelONEXContainer
from omnibase_core.nodes.node_effect import NodeEffect


class NodeDemoEffect(NodeEffect):
    """Demo node."""

    def __init__(self, container: ModelONEXContainer) -> None:
        super().__init__(container)
        emit_log_event(LogLevel.INFO, "built", {"node_id": str(self.node_id)})
        {INIT}

    {MID}

    async def execute_effect(self, contract: ModelONEXContainer) -> ModelONEXContainer:
        {METHOD}
        return contract

    {END}
`;

/** A today's handler module: a def-B handler and its request model. */
const TODAY_HANDLER = `"""A handler of today's framework."""

from __future__ import annotations

from uuid import UUID

from pydantic import BaseModel


class ModelDemoCommand(BaseModel):
    correlation_id: UUID


class HandlerDemo:
    def __init__(self, container: object) -> None:
        self._container = container

    async def handle(self, command: ModelDemoCommand) -> None:
        {METHOD}
        return None

{MODULE}
`;

const PLACES = ['{INIT}', '{MID}', '{METHOD}', '{END}', '{MODULE}'];

/** The text with the cursor at `place` and the other places empty. */
function at(text: string, place: string): string {
  let out = text.split(place).join(CURSOR);
  for (const other of PLACES) out = out.split(other).join('');
  return out;
}

describe('completions (Python): which items, where, per era', () => {
  it('a bridge-era node class offers the ten patterns where each belongs', async () => {
    assert.deepEqual(labels(await completeAt('python', at(BRIDGE_NODE, '{INIT}'))), ['onex-health', 'onex-service']);
    assert.deepEqual(labels(await completeAt('python', at(BRIDGE_NODE, '{METHOD}'))), ['onex-errors', 'onex-metadata', 'onex-timing']);
    for (const place of ['{MID}', '{END}']) {
      const result = await completeAt('python', at(BRIDGE_NODE, place));
      assert.equal(result.host, 'class-body');
      assert.deepEqual(labels(result), ['onex-consul', 'onex-publish', 'onex-lifecycle', 'onex-config', 'onex-metrics'], place);
    }
    const result = await completeAt('python', at(BRIDGE_NODE, '{INIT}'));
    assert.equal(result.era?.era, 'bridge');
    assert.match(itemOf(result, 'onex-health').documentation, /imports omnibase_core\.logging\.structured/);
  });

  it('typing a prefix keeps the items (the range covers it) and code before the cursor offers none', async () => {
    const typed = await completeAt('python', at(BRIDGE_NODE, '{INIT}').replace(CURSOR, `onex-he${CURSOR}`));
    const item = itemOf(typed, 'onex-health');
    assert.equal(typed.text.slice(item.replace.start, item.replace.end), 'onex-he');
    for (const line of [`x = ${CURSOR}`, `emit_log_event(${CURSOR}`, `self.${CURSOR}`, `# onex-${CURSOR}`, `${CURSOR}x = 1`]) {
      assert.deepEqual(labels(await completeAt('python', at(BRIDGE_NODE, '{INIT}').replace(CURSOR, line))), [], line);
    }
  });

  it('no items in a sync method, a nested function, a nested class, a class that is no node, or at module level (bridge era)', async () => {
    const places = [
      BRIDGE_NODE.replace('    {END}', `    def helper(self) -> None:\n        ${CURSOR}\n        return None`),
      BRIDGE_NODE.replace('        {METHOD}', `        async def inner() -> None:\n            ${CURSOR}\n            return None\n\n        await inner()`),
      BRIDGE_NODE.replace('    {END}', `    class Inner:\n        ${CURSOR}\n        x = 1`),
      BRIDGE_NODE.replace('class NodeDemoEffect(NodeEffect):', 'class Helper:'),
      `${BRIDGE_NODE}\n${CURSOR}\n`,
    ];
    for (const text of places) {
      const marked = text.includes(CURSOR) ? text : at(text, '{INIT}');
      assert.deepEqual(labels(await completeAt('python', PLACES.reduce((t, p) => t.split(p).join(''), marked))), [], marked);
    }
  });

  it("today's era offers none of the patterns the runtime owns or a gate bans, anywhere", async () => {
    const today = BRIDGE_NODE.replace('omnibase_core.logging.structured', 'omnibase_core.logging.logging_structured');
    for (const text of [today, TODAY_HANDLER]) {
      for (const place of PLACES.filter((p) => text.includes(p))) {
        const result = await completeAt('python', at(text, place), { fileName: '/ws/pkg/handlers/handler_demo.py' });
        assert.equal(result.era?.era, 'current');
        for (const label of labels(result)) assert.ok(!BRIDGE_PREFIXES.includes(label), `${label} at ${place}`);
      }
    }
    // A bridge-era file under an explicit `current` setting is given today's items too.
    assert.deepEqual(labels(await completeAt('python', at(BRIDGE_NODE, '{METHOD}'), { config: { frameworkTarget: 'current' } })), []);
  });

  it("today's era: the handler items in a handler's async method, a def-B handler per kind at module level, nothing in a node", async () => {
    const method = await completeAt('python', at(TODAY_HANDLER, '{METHOD}'));
    assert.equal(method.era?.era, 'current');
    assert.deepEqual(labels(method), [...KINDS.map((k) => `onex-output-${k}`), 'onex-infra-error']);
    assert.deepEqual(labels(await completeAt('python', at(TODAY_HANDLER, '{MODULE}'))), KINDS.map((k) => `onex-handler-${k}`));
    // node.py holds the declarative node only.
    assert.deepEqual(labels(await completeAt('python', at(TODAY_HANDLER, '{MODULE}'), { fileName: '/ws/pkg/node.py' })), []);
    const node = BRIDGE_NODE.replace('omnibase_core.logging.structured', 'omnibase_core.logging.logging_structured');
    for (const place of ['{INIT}', '{METHOD}', '{END}']) assert.deepEqual(labels(await completeAt('python', at(node, place))), [], place);
  });

  it("today's handler items need a request to read: a model parameter, or one named as the runtime names requests", async () => {
    const plain = TODAY_HANDLER.replace('async def handle(self, command: ModelDemoCommand) -> None:', 'async def helper(self, count: int) -> None:');
    assert.deepEqual(labels(await completeAt('python', at(plain, '{METHOD}'))), []);
    const magic = TODAY_HANDLER.replace('async def handle(self, command: ModelDemoCommand) -> None:', 'async def handle(self, payload) -> None:');
    const result = await completeAt('python', at(magic, '{METHOD}'));
    assert.match(itemOf(result, 'onex-output-effect').snippet, /correlation_id=payload\.correlation_id/);
  });

  it('never throws on odd input: anywhere in a broken, CRLF, tabbed or binary text, at its ends, past them', async () => {
    const texts = [BRIDGE_NODE, TODAY_HANDLER, 'class X(:\n    def (\n', '\r\n\r\n', '\t\tonex-', 'x\u0000y', `${'a = 1\n'.repeat(50)}`];
    // The front end itself (the engine's completionsWith would also catch what it throws).
    const frontEnd = await getFrontEnd('python');
    for (const text of texts) {
      for (let offset = -1; offset <= text.length + 1; offset += Math.max(1, Math.floor(text.length / 40))) {
        const result = frontEnd.completions({ text, offset, fileName: '/ws/pkg/node.py', config: resolveConfig({}) });
        for (const item of result.items) {
          assert.ok(item.replace.start >= 0 && item.replace.start <= item.replace.end && item.replace.end <= text.length);
          for (const edit of item.additionalTextEdits) assert.ok(edit.start >= 0 && edit.end <= text.length && edit.start <= edit.end);
        }
      }
    }
    // Above the size limit: nothing (the analysis skips such files too).
    assert.deepEqual((await completionsFor('python', { text: '\n', offset: 0, fileName: '/ws/pkg/node.py', config: { maxFileSize: 0 } })).items, []);
  });

  it("the package's contract narrows the kinds to its own", async () => {
    const packageFacts = { contract: '/ws/pkg/contract.yaml', archetype: 'reducer' as const, handlers: [], declaredEnvironment: [], configKeys: [] };
    assert.deepEqual(labels(await completeAt('python', at(TODAY_HANDLER, '{METHOD}'), { config: { packageFacts } })), ['onex-output-reducer', 'onex-infra-error']);
    assert.deepEqual(labels(await completeAt('python', at(TODAY_HANDLER, '{MODULE}'), { config: { packageFacts } })), ['onex-handler-reducer']);
  });

  it('the era follows the resolver: explicit setting, then the file\'s imports, then the project\'s pin, then today', async () => {
    const neutral = BRIDGE_NODE.replace(/^from omnibase_core\.(enums|logging).*\n/gm, '').replace('        emit_log_event(LogLevel.INFO, "built", {"node_id": str(self.node_id)})\n', '');
    const pin = { version: '0.1.0', spec: 'omnibase-core==0.1.0', file: '/ws/pyproject.toml' };
    assert.equal((await completeAt('python', at(neutral, '{INIT}'))).era?.era, 'current');
    assert.deepEqual(labels(await completeAt('python', at(neutral, '{INIT}'))), []);
    const pinned = await completeAt('python', at(neutral, '{INIT}'), { config: { projectPin: pin } });
    assert.equal(pinned.era?.step, 'project');
    assert.deepEqual(labels(pinned), ['onex-health', 'onex-service']);
    const explicit = await completeAt('python', at(BRIDGE_NODE, '{INIT}'), { config: { frameworkTarget: 'bridge', projectPin: { ...pin, version: '0.46.8' } } });
    assert.equal(explicit.era?.step, 'explicit');
  });
});

describe('completions (Python): imports and helpers', () => {
  it('adds exactly the imports a snippet needs and the file lacks, merged into its own statements', async () => {
    const timing = itemOf(await completeAt('python', at(BRIDGE_NODE, '{METHOD}')), 'onex-timing');
    assert.deepEqual(timing.additionalTextEdits.map((e) => e.newText.trim()), ['import time']);
    const withTime = BRIDGE_NODE.replace('"""A bridge-era node."""\n', '"""A bridge-era node."""\n\nimport time\n');
    assert.deepEqual(itemOf(await completeAt('python', at(withTime, '{METHOD}')), 'onex-timing').additionalTextEdits, []);
    // The handler output: uuid4 joins `from uuid import UUID`, ModelHandlerOutput gets a line of its own.
    const output = await completeAt('python', at(TODAY_HANDLER, '{METHOD}'));
    const after = accept(output.text, itemOf(output, 'onex-output-effect'));
    const imports = (await pythonImports(after)).map((i) => `${i.module}:${i.name}`);
    assert.deepEqual(imports.filter((i) => /uuid|model_handler_output/.test(i)).sort(),
      ['omnibase_core.models.dispatch.model_handler_output:ModelHandlerOutput', 'uuid:UUID', 'uuid:uuid4']);
    assert.match(after, /^from uuid import UUID, uuid4$/m);
  });

  it('reuses the names the file already has for framework names (aliases included)', async () => {
    const aliased = BRIDGE_NODE.replace('EnumLogLevel as LogLevel', 'EnumLogLevel as LL').replace('emit_log_event(LogLevel.INFO', 'emit_log_event(LL.INFO')
      .replace('emit_log_event_sync as emit_log_event', 'emit_log_event_sync as log_event').replace('        emit_log_event(LL', '        log_event(LL');
    const result = await completeAt('python', at(aliased, '{METHOD}'));
    const timing = itemOf(result, 'onex-timing');
    assert.match(timing.snippet, /^log_event\($/m);
    assert.match(timing.snippet, /^\tLL\.INFO,$/m);
    assert.doesNotMatch(timing.snippet, /LogLevel|emit_log_event\(/);
    assert.deepEqual(timing.additionalTextEdits.map((e) => e.newText.trim()), ['import time']);
    const todayAliased = TODAY_HANDLER.replace('from pydantic import BaseModel\n', 'from pydantic import BaseModel\n\nfrom omnibase_core.models.dispatch.model_handler_output import ModelHandlerOutput as Out\n');
    const output = itemOf(await completeAt('python', at(todayAliased, '{METHOD}')), 'onex-output-effect');
    assert.match(output.snippet, /^return Out\.for_effect\($/m);
  });

  it('offers no item whose name the file binds to something else', async () => {
    const shadowed = BRIDGE_NODE.replace('\n\nclass NodeDemoEffect', '\n\ndef time() -> float:\n    return 0.0\n\n\nclass NodeDemoEffect');
    assert.deepEqual(labels(await completeAt('python', at(shadowed, '{METHOD}'))), ['onex-errors', 'onex-metadata']);
  });

  it('brings the helper methods a snippet calls, once, where the class continues or at its end', async () => {
    const count = (text: string, name: string) => text.split(`def ${name}(`).length - 1;
    // __init__ is followed by other members: the helpers go at the class's end.
    const health = await acceptAt('python', at(BRIDGE_NODE, '{INIT}'), 'onex-health');
    assert.equal(count(health, '_register_with_consul_sync'), 1);
    assert.equal(count(health, '_config_value'), 1);
    assert.ok(health.indexOf('def _config_value(') > health.indexOf('async def execute_effect('), 'after the last member');
    // The class ends with __init__: the helpers go before it (never into the body being typed).
    const short = `${BRIDGE_NODE.slice(0, BRIDGE_NODE.indexOf('    {MID}'))}`;
    const shortHealth = await acceptAt('python', at(short, '{INIT}'), 'onex-health');
    assert.ok(shortHealth.indexOf('def _register_with_consul_sync(') < shortHealth.indexOf('def __init__('));
    // A class-body snippet typed at the class's end carries its helpers after itself.
    const lifecycle = await acceptAt('python', at(BRIDGE_NODE, '{END}'), 'onex-lifecycle');
    assert.equal(count(lifecycle, '_deregister_from_consul'), 1);
    assert.ok(lifecycle.indexOf('def _deregister_from_consul(') > lifecycle.indexOf('async def shutdown('));
    // Helpers the class has are not added again; a class-body snippet whose method the class has is not offered.
    const again = await completeAt('python', health.replace('        emit_log_event(LogLevel.INFO, "built"', `        ${CURSOR}\n        emit_log_event(LogLevel.INFO, "built"`));
    assert.deepEqual(itemOf(again, 'onex-health').additionalTextEdits, []);
    // …while a helper the class lacks still comes: after onex-lifecycle the class has _config_value, not the registration.
    const partly = await completeAt('python', lifecycle.replace('        emit_log_event(LogLevel.INFO, "built"', `        ${CURSOR}\n        emit_log_event(LogLevel.INFO, "built"`));
    const added = itemOf(partly, 'onex-health').additionalTextEdits.map((e) => e.newText).join('');
    assert.equal(added.split('def _register_with_consul_sync(').length - 1, 1);
    assert.equal(added.split('def _config_value(').length - 1, 0);
    const labelsAgain = labels(await completeAt('python', lifecycle.replace('    async def execute_effect', `    ${CURSOR}\n\n    async def execute_effect`)));
    assert.ok(!labelsAgain.includes('onex-lifecycle') && !labelsAgain.includes('onex-config') && labelsAgain.includes('onex-metrics'), JSON.stringify(labelsAgain));
  });

  it('accepting an item twice adds its imports and helpers once', async () => {
    const once = await acceptAt('python', at(BRIDGE_NODE, '{INIT}'), 'onex-health');
    const twice = await acceptAt('python', once.replace('        # Health check mode detection', `        ${CURSOR}\n        # Health check mode detection`), 'onex-health');
    const imports = await pythonImports(twice);
    const names = imports.map((i) => i.alias ?? i.name ?? i.module);
    assert.equal(names.filter((n) => n === 'Any').length, 1);
    assert.equal(twice.split('def _register_with_consul_sync(').length - 1, 1);
    const second = await completeAt('python', once.replace('        # Health check mode detection', `        ${CURSOR}\n        # Health check mode detection`));
    assert.deepEqual(itemOf(second, 'onex-health').additionalTextEdits, []);
    const output = await completeAt('python', at(TODAY_HANDLER, '{METHOD}'));
    const first = accept(output.text, itemOf(output, 'onex-infra-error'));
    const repeat = await completeAt('python', first.replace('        return None\n\n', `        ${CURSOR}\n        return None\n\n`));
    assert.deepEqual(itemOf(repeat, 'onex-infra-error').additionalTextEdits, []);
  });

  it("keeps the file's line endings and indentation in what it adds", async () => {
    const crlfTabs = BRIDGE_NODE.replace(/^( {4})+/gm, (indent) => '\t'.repeat(indent.length / 4)).replace(/\n/g, '\r\n');
    const result = await completeAt('python', at(crlfTabs, '{INIT}'));
    const edits = itemOf(result, 'onex-health').additionalTextEdits;
    assert.ok(edits.length >= 2);
    for (const edit of edits) {
      assert.doesNotMatch(edit.newText, /(?<!\r)\n/, 'CRLF only');
      assert.doesNotMatch(edit.newText, /^ +/m, 'tabs only');
    }
    const after = accept(result.text, itemOf(result, 'onex-health'));
    assert.equal((await getFrontEnd('python')).syntaxErrorCount(after), 0);
  });
});

describe('completions (Python): whole-node file templates', () => {
  it('an empty node.py gets the whole node of its era, per kind; other empty files get none', async () => {
    const bridge = await completeAt('python', CURSOR, { fileName: '/ws/nodes/payment_gateway/v1_0_0/node.py', config: { frameworkTarget: 'bridge' } });
    assert.deepEqual(labels(bridge), KINDS.map((k) => `onex-node-${k}`));
    assert.ok(bridge.items[0].preselect);
    assert.match(expandSnippet(bridge.items[0].snippet), /^class NodePaymentGatewayEffect\(NodeEffect\):$/m);
    const today = await completeAt('python', `  ${CURSOR}\n\n`, { fileName: '/ws/acme/payment_gateway/node.py' });
    assert.deepEqual(labels(today), KINDS.map((k) => `onex-node-${k}`));
    assert.deepEqual(labels(await completeAt('python', CURSOR, { fileName: '/ws/acme/payment_gateway/helpers.py', config: { frameworkTarget: 'bridge' } })), []);
    // An empty handler module of today's era: the def-B handlers, not the node.
    assert.deepEqual(labels(await completeAt('python', CURSOR, { fileName: '/ws/acme/payment_gateway/handlers/handler_payment_gateway.py' })), KINDS.map((k) => `onex-handler-${k}`));
    // Beside the package's contract.yaml, any new module but __init__.py; the contract's kind only.
    const packageFacts = { contract: '/ws/acme/payment_gateway/contract.yaml', archetype: 'compute' as const, handlers: [], declaredEnvironment: [], configKeys: [] };
    assert.deepEqual(labels(await completeAt('python', CURSOR, { fileName: '/ws/acme/payment_gateway/node_payment.py', config: { packageFacts } })), ['onex-node-compute', 'onex-handler-compute']);
    assert.deepEqual(labels(await completeAt('python', CURSOR, { fileName: '/ws/acme/payment_gateway/__init__.py', config: { packageFacts } })), ['onex-handler-compute']);
  });

  for (const kind of KINDS) {
    it(`today's ${kind} template, accepted with its defaults, is the node.py today's scaffold writes for the package`, async () => {
      const result = await completeAt('python', CURSOR, { fileName: '/ws/acme_nodes/payment_gateway/node.py', year: 2026 });
      const written = planTodayScaffold({ kind: kind as 'effect', name: 'payment_gateway', language: 'python', layout: 'flat', frameworkTarget: 'current', placement: { folderName: 'acme_nodes', year: 2026 } })
        .files.find((f) => f.path === 'payment_gateway/node.py')!.content;
      assert.equal(accept(result.text, itemOf(result, `onex-node-${kind}`)), written);
    });
  }

  it("a template in a project's package imports its models from the package's module path", async () => {
    const result = await completeAt('python', CURSOR, { fileName: '/ws/proj/src/acme/nodes/summary/node.py', config: { projectRoot: '/ws/proj' } });
    const text = accept(result.text, itemOf(result, 'onex-node-compute'));
    assert.match(text, /^from acme\.nodes\.summary\.models\.model_summary_summarize_request import /m);
  });
});

describe('completions (Python): every item leaves valid code with no undefined name', function () {
  this.timeout(120_000);
  let dir: string;
  const accepted: { label: string; file: string; text: string; lines: Set<number> }[] = [];

  before(async () => {
    frameworkAvailable('today');
    dir = mkdtempSync(join(tmpdir(), 'onex-completions-'));
    const cases: [string, string, string | undefined][] = [
      [BRIDGE_NODE, '{INIT}', undefined], [BRIDGE_NODE, '{METHOD}', undefined], [BRIDGE_NODE, '{END}', undefined], [BRIDGE_NODE, '{MID}', undefined],
      [TODAY_HANDLER, '{METHOD}', undefined], [TODAY_HANDLER, '{MODULE}', undefined],
      [TODAY_HANDLER.replace('        {METHOD}\n', '        try:\n            pass\n        except OSError as caught:\n            {METHOD}\n'), '{METHOD}', undefined],
      ['{MODULE}\n', '{MODULE}', '/ws/acme/payment_gateway/handlers/handler_payment_gateway.py'],
    ];
    let n = 0;
    for (const [text, place, fileName] of cases) {
      const result = await completeAt('python', at(text, place), { fileName });
      for (const item of result.items) {
        const { text: after, lines } = acceptWithSpans(result.text, item);
        const file = join(dir, `case_${n++}.py`);
        writeFileSync(file, after);
        accepted.push({ label: `${item.label} at ${place}`, file, text: after, lines });
      }
    }
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('covers every item of both eras', () => {
    const seen = new Set(accepted.map((a) => a.label.split(' ')[0]));
    for (const prefix of [...BRIDGE_PREFIXES, ...KINDS.flatMap((k) => [`onex-output-${k}`, `onex-handler-${k}`]), 'onex-infra-error']) {
      assert.ok(seen.has(prefix), prefix);
    }
  });

  it('each accepted file parses and ruff (today\'s environment) finds no undefined name and no unused import', async () => {
    const frontEnd = await getFrontEnd('python');
    for (const a of accepted) assert.equal(frontEnd.syntaxErrorCount(a.text), 0, `${a.label}:\n${a.text}`);
    const ruff = runFramework('today', ['ruff', 'check', '--select', 'F821,F401,F811', '--no-cache', '--output-format', 'concise', ...accepted.map((a) => a.file)]);
    const byFile = new Map(accepted.map((a) => [a.file, a.label]));
    const problems = ruff.stdout.split('\n').filter((l) => l.includes('.py:')).map((l) => `${byFile.get(l.split(':')[0]) ?? '?'}: ${l}`);
    assert.deepEqual(problems, [], ruff.stderr);
    assert.equal(ruff.status, 0, ruff.stdout + ruff.stderr);
  });

  it('nothing an item writes has an ONEX finding', async () => {
    for (const a of accepted) {
      const result = await analyzeText(a.text, { language: 'python', fileName: a.file, config: { timeBudgetMs: 60_000 } });
      const inside = result.findings.filter((f) => a.lines.has(f.range.start.line));
      assert.deepEqual(inside.map((f) => `${f.ruleId} line ${f.range.start.line + 1}: ${f.message}`), [], `${a.label}:\n${a.text}`);
    }
  });
});
