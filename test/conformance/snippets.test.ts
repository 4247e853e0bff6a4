// The real framework's verdict on what ONEX Forge's completion items write (src/core/completions),
// each accepted as a user would (defaults, or a value typed for a tab stop), through the same core
// the editor uses:
//   today's era (omnibase-core 0.46.8, omnibase-infra 0.38.x): in node packages of a small project,
//     a handler module started from empty with `onex-handler-<kind>` and given `onex-infra-error`,
//     and a handler written by hand given `onex-infra-error` (in its except block) and
//     `onex-output-<kind>`: every module imports, the contract-bound handler is def-B by core's
//     canonical_handler_shape classifier, the handler built as the runtime builds it returns the
//     kind's output or raises the typed infra error chained to its cause; `onex-node-<kind>` in a
//     scaffolded package's empty node.py passes the declarative-node gate and constructs; mypy
//     --strict with omnibase_infra's configuration and ruff F821/F401/F811 pass on all of it;
//   the bridge era (omnibase_core 0.1.0): each of the ten patterns accepted into a small bridge node,
//     and the items offered in the bridge scaffold's own node.py (which already has every helper and
//     import, so they add none), compile, import, construct on the real ModelONEXContainer and run;
//     `onex-node-<kind>` in an empty node.py too.
// The harness is test/conformance/snippets_harness.py.
//   npx mocha --no-config -r tsx/cjs --extension ts --timeout 600000 test/conformance/snippets.test.ts
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { BRIDGE_PATTERNS } from '../../src/core/completions/python/bridge';
import { NODE_KINDS, type NodeKind } from '../../src/core/scaffold';
import { planPythonScaffold } from '../../src/core/scaffold/python';
import { CURSOR, accept, acceptAt, completeAt, itemOf, labels } from '../completions/helpers';
import { frameworkAvailable, frameworkState, runFramework } from '../helpers/framework';

const HARNESS = join(__dirname, 'snippets_harness.py');
type Entry = Record<string, unknown> & { id: string; check: 'handler' | 'template' | 'node' };

function write(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

function runHarness(era: 'today' | 'bridge', dir: string, spec: Record<string, unknown>): Record<string, { ok: boolean; detail: string }> {
  const out = join(dir, `${era}-results.json`);
  const specPath = join(dir, `${era}-spec.json`);
  writeFileSync(specPath, JSON.stringify({ ...spec, out }));
  const run = runFramework(era, ['python', HARNESS, era, specPath], { timeoutMs: 300_000 });
  assert.equal(run.status, 0, run.stdout + run.stderr);
  return JSON.parse(readFileSync(out, 'utf8')) as Record<string, { ok: boolean; detail: string }>;
}

/** The text with the line holding `marker` replaced by the cursor at that line's indentation. */
function cursorAt(text: string, marker: string): string {
  assert.ok(text.includes(marker), marker);
  return text.replace(new RegExp(`^([ \\t]*)${marker.replace(/[#]/g, '\\$&')}$`, 'm'), `$1${CURSOR}`);
}

const CONTRACT = (name: string, kind: NodeKind, handler: string, module: string) => `name: "${name}"
node_type: "${kind.toUpperCase()}_GENERIC"
contract_version: {major: 1, minor: 0, patch: 0}
handler_routing:
  routing_strategy: "operation_match"
  handlers:
    - operation: "snip.${kind}"
      handler: {name: "${handler}", module: "${module}"}
`;

/** A handler written by hand: its except block and its end are where the items go. */
const DIRECT_HANDLER = (kind: NodeKind) => `"""A handler written by hand."""

from __future__ import annotations

from uuid import UUID

from pydantic import BaseModel, ConfigDict


class ModelDirectCommand(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    correlation_id: UUID


class HandlerDirect:
    async def handle(self, command: ModelDirectCommand) -> ${kind === 'compute' ? 'ModelHandlerOutput[ModelDirectCommand]' : 'ModelHandlerOutput[None]'}:
        try:
            pass
        except OSError as caught:
            #ERROR#
        #OUTPUT#
`;

describe('conformance: what the completion items write, judged by the real framework', function () {
  this.timeout(600_000);
  let tmp: string;
  before(() => {
    frameworkAvailable('today');
    frameworkAvailable('bridge');
    tmp = realpathSync(mkdtempSync(join(tmpdir(), 'onex-snippets-conformance-')));
  });
  after(() => rmSync(tmp, { recursive: true, force: true }));

  describe("today's era", () => {
    let root: string;
    let results: Record<string, { ok: boolean; detail: string }>;
    const entries: Entry[] = [];
    const expected: string[] = [];

    before(async () => {
      root = join(tmp, 'today');
      const src = join(root, 'src');
      write(join(src, 'snipkit', '__init__.py'), '');
      write(join(src, 'snipkit', 'nodes', '__init__.py'), '');
      const config = { projectRoot: root };
      for (const kind of NODE_KINDS) {
        // A handler module started from empty; the error it raises when the store is not there.
        const started = join(src, 'snipkit', 'nodes', `node_${kind}`);
        write(join(started, '__init__.py'), '');
        write(join(started, 'handlers', '__init__.py'), '');
        const handlerFile = join(started, 'handlers', 'handler_payment.py');
        const handler = await acceptAt('python', CURSOR, `onex-handler-${kind}`, { fileName: handlerFile, config });
        const withError = await completeAt('python', handler.replace(/(^ {8}"""Handle one request\."""\n)/m, `$1        ${CURSOR}\n`), { fileName: handlerFile, config });
        // Typed for the try's tab stop: a call that fails with an OSError (no file has that name).
        write(handlerFile, accept(withError.text, itemOf(withError, 'onex-infra-error'), { 1: 'open(str(request.correlation_id)).close()' }));
        write(join(started, 'contract.yaml'), CONTRACT(`node_${kind}`, kind, 'HandlerPayment', `snipkit.nodes.node_${kind}.handlers.handler_payment`));
        entries.push({ id: `started ${kind}`, check: 'handler', kind, expect: 'infra-error', contract: join(started, 'contract.yaml'),
          module: `snipkit.nodes.node_${kind}.handlers.handler_payment`, handler: 'HandlerPayment', request: 'ModelPaymentRequest' });

        // A handler written by hand, given the typed error in its except block and the kind's output.
        const direct = join(src, 'snipkit', 'nodes', `node_${kind}_direct`);
        write(join(direct, '__init__.py'), '');
        write(join(direct, 'handlers', '__init__.py'), '');
        const directFile = join(direct, 'handlers', 'handler_direct.py');
        const erroring = await acceptAt('python', cursorAt(DIRECT_HANDLER(kind).replace('        #OUTPUT#\n', ''), '#ERROR#'), 'onex-infra-error', { fileName: directFile, config });
        const body = erroring.replace(/(\n {12}\) from caught\n)/, '$1        #OUTPUT#\n');
        write(directFile, await acceptAt('python', cursorAt(body, '#OUTPUT#'), `onex-output-${kind}`, { fileName: directFile, config }));
        write(join(direct, 'contract.yaml'), CONTRACT(`node_${kind}_direct`, kind, 'HandlerDirect', `snipkit.nodes.node_${kind}_direct.handlers.handler_direct`));
        entries.push({ id: `direct ${kind}`, check: 'handler', kind, expect: 'output', contract: join(direct, 'contract.yaml'),
          module: `snipkit.nodes.node_${kind}_direct.handlers.handler_direct`, handler: 'HandlerDirect', request: 'ModelDirectCommand' });

        // The declarative node.py of a package today's scaffold wrote, from the template.
        const plan = planPythonScaffold({ kind, name: `tmpl_${kind}`, language: 'python', layout: 'flat', frameworkTarget: 'current',
          placement: { folderName: 'nodes', project: { pyproject: '[project]\nname = "snipkit"\n', folderFromProject: 'src/snipkit/nodes' } } });
        for (const file of plan.files) write(join(root, file.path), file.content);
        const nodeFile = join(root, plan.root, 'node.py');
        write(nodeFile, await acceptAt('python', CURSOR, `onex-node-${kind}`, { fileName: nodeFile, config }));
        entries.push({ id: `template ${kind}`, check: 'template', file: nodeFile, module: `snipkit.nodes.tmpl_${kind}.node`,
          node: `NodeTmpl${kind[0].toUpperCase()}${kind.slice(1)}` });
      }
      expected.push(...entries.map((e) => e.id));
      const state = frameworkState();
      results = runHarness('today', tmp, { src, sdist_core: `${state.today.sdist}/omnibase_core-${state.today.versions['omnibase-core']}`, entries });
    });

    it('runs every case', () => assert.deepEqual(Object.keys(results).sort(), [...expected].sort()));

    for (const kind of NODE_KINDS) {
      for (const id of [`started ${kind}`, `direct ${kind}`, `template ${kind}`]) {
        it(`${id}: imports; ${id.startsWith('template') ? 'declarative, constructs' : 'def-B by canonical_handler_shape, and handles a request as the kind must'}`, () => {
          assert.ok(results[id], `no result for ${id}`);
          assert.ok(results[id].ok, results[id].detail);
        });
      }
    }

    it("mypy --strict with omnibase_infra's configuration passes on every module the items wrote", () => {
      const state = frameworkState();
      const config = `${state.today.sdist}/omnibase_infra-${state.today.versions['omnibase-infra']}/pyproject.toml`;
      const run = runFramework('today', ['mypy', '--strict', '--config-file', config, '--cache-dir', state.today.mypyCache, '--no-error-summary', 'src/snipkit'],
        { cwd: root, timeoutMs: 300_000 });
      assert.equal(run.status, 0, run.stdout + run.stderr);
    });

    it('ruff finds no undefined name, unused import or redefinition', () => {
      const run = runFramework('today', ['ruff', 'check', '--select', 'F821,F401,F811', '--no-cache', '--output-format', 'concise', 'src/snipkit'], { cwd: root });
      assert.equal(run.status, 0, run.stdout + run.stderr);
    });
  });

  describe('the bridge era', () => {
    let results: Record<string, { ok: boolean; detail: string }>;
    const entries: Entry[] = [];

    /** A small bridge-era node: {INIT}, {MID}, {METHOD} are where the items go. */
    const SMALL_NODE = `"""A small bridge-era node."""

from omnibase_core.enums.enum_log_level import EnumLogLevel as LogLevel
from omnibase_core.logging.structured import emit_log_event_sync as emit_log_event
from omnibase_core.models.container.model_onex_container import ModelONEXContainer
from omnibase_core.nodes.node_effect import NodeEffect


class NodeSnipEffect(NodeEffect):
    """A node the patterns are added to."""

    def __init__(self, container: ModelONEXContainer) -> None:
        super().__init__(container)
        emit_log_event(LogLevel.INFO, "built", {"node_id": str(self.node_id)})
        {INIT}

    {MID}

    async def run_once(self, request: object) -> None:
        {METHOD}
        emit_log_event(LogLevel.INFO, "ran", {"node_id": str(self.node_id)})
`;
    const PLACE: Record<string, string> = { 'init-body': '{INIT}', 'class-body': '{MID}', 'async-method-body': '{METHOD}' };
    /** What the harness calls on the node after building it, per pattern. */
    const CALLS: Record<string, string[]> = {
      'onex-consul': ['node._register_with_consul_sync()', 'node._deregister_from_consul()'],
      'onex-publish': ['node._publish_event("snip.done", {"correlation_id": str(uuid4())})'],
      'onex-lifecycle': ['node.startup()', 'node.shutdown()'],
      'onex-config': ['node._config_value("timeout_seconds", 1)'],
      'onex-metrics': ['node._record_operation(2.5, True)', 'node._record_operation(1.5, False)', 'node.get_metrics()'],
    };

    before(async () => {
      const pkgRoot = join(tmp, 'bridge');
      const plan = planPythonScaffold({ kind: 'effect', name: 'snip_bridge', language: 'python', layout: 'flat', frameworkTarget: 'bridge' });
      for (const file of plan.files) write(join(pkgRoot, file.path), file.content);
      const pkg = join(pkgRoot, 'snip_bridge');
      const config = { frameworkTarget: 'bridge' as const };
      for (const pattern of BRIDGE_PATTERNS) {
        const place = PLACE[pattern.hosts[0]];
        let marked = SMALL_NODE.split(place).join(CURSOR);
        for (const other of Object.values(PLACE)) marked = marked.split(other).join('');
        const file = join(pkg, `node_${pattern.prefix.replace('-', '_')}.py`);
        write(file, await acceptAt('python', marked, pattern.prefix, { fileName: file }));
        const calls = [...(CALLS[pattern.prefix] ?? []), ...(pattern.hosts[0] === 'async-method-body' ? ['node.run_once(SimpleNamespace(correlation_id=uuid4()))'] : [])];
        entries.push({ id: pattern.prefix, check: 'node', module: `snip_bridge.node_${pattern.prefix.replace('-', '_')}`, node: 'NodeSnipEffect', calls });
      }
      // The scaffold's own node: the items it offers add nothing, and the node still imports and builds.
      const scaffolded = readFileSync(join(pkg, 'node.py'), 'utf8');
      const places: [string, string][] = [
        ['init', scaffolded.replace('        # Register with Consul for service discovery\n', `        ${CURSOR}\n        # Register with Consul for service discovery\n`)],
        ['method', scaffolded.replace('        correlation_id: Optional[UUID] = None\n', `        ${CURSOR}\n        correlation_id: Optional[UUID] = None\n`)],
      ];
      for (const [where, marked] of places) {
        const file = join(pkg, 'node.py');
        const result = await completeAt('python', marked, { fileName: file, config });
        assert.ok(result.items.length >= 2, `${where}: ${JSON.stringify(labels(result))}`);
        for (const item of result.items) {
          assert.deepEqual(item.additionalTextEdits, [], `${item.label} in the scaffold's node adds nothing`);
          const module = `node_full_${item.label.replace('-', '_')}`;
          write(join(pkg, `${module}.py`), accept(result.text, item));
          entries.push({ id: `scaffold ${item.label}`, check: 'node', module: `snip_bridge.${module}`, node: 'NodeSnipBridgeEffect' });
        }
      }
      for (const kind of NODE_KINDS) {
        const file = join(pkg, 'node.py');
        const module = `node_template_${kind}`;
        write(join(pkg, `${module}.py`), await acceptAt('python', CURSOR, `onex-node-${kind}`, { fileName: file, config }));
        entries.push({ id: `template ${kind}`, check: 'node', module: `snip_bridge.${module}`, node: `NodeSnipBridge${kind[0].toUpperCase()}${kind.slice(1)}` });
      }
      results = runHarness('bridge', tmp, { src: pkgRoot, entries });
    });

    for (const pattern of BRIDGE_PATTERNS) {
      it(`${pattern.prefix} in a small node: compiles, imports, constructs on the real container and runs`, () => {
        assert.ok(results[pattern.prefix]?.ok, results[pattern.prefix]?.detail ?? 'no result');
      });
    }

    it("the items offered in the scaffold's node add nothing, and the node still imports and constructs", () => {
      const scaffold = Object.entries(results).filter(([id]) => id.startsWith('scaffold '));
      assert.deepEqual(scaffold.map(([id]) => id).sort(), ['scaffold onex-errors', 'scaffold onex-health', 'scaffold onex-metadata', 'scaffold onex-service', 'scaffold onex-timing']);
      for (const [id, r] of scaffold) assert.ok(r.ok, `${id}: ${r.detail}`);
    });

    for (const kind of NODE_KINDS) {
      it(`the ${kind} file template imports and constructs`, () => {
        assert.ok(results[`template ${kind}`]?.ok, results[`template ${kind}`]?.detail ?? 'no result');
      });
    }
  });
});
