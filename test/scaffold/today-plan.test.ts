// Today's target (omnibase_core 0.46 / omnibase_infra 0.38), planned without the framework: the
// package's files and where they go (a project's src/ and tests/unit/nodes/, or a bare folder), the
// contract's dialect and topics, the SPDX header from the project's metadata, the pyproject edit that
// registers the entry point, and the refusals. The real framework judges the output in
// test/conformance/today.test.ts.
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { parse as parseYaml } from 'yaml';
import { analyzeText } from '../../src/core/engine';
import {
  editedText, findPythonPlacement, NODE_KINDS, planScaffold, ScaffoldError,
  type NodeKind, type PythonPlacement, type ScaffoldPlan,
} from '../../src/core/scaffold';
import { entryPointChange, kebabSegment, packageOfFolder, projectFacts } from '../../src/core/scaffold/python/today/project';

const PYPROJECT = `[project]
name = "Acme_Nodes"
authors = [{ name = "Acme Labs", email = "dev@acme.example" }]
license = "Apache-2.0"
`;

function today(kind: NodeKind, name: string, placement?: PythonPlacement): ScaffoldPlan {
  return planScaffold({ kind, name, language: 'python', layout: 'flat', frameworkTarget: 'current', placement });
}

const inProject = (pyproject = PYPROJECT, folderFromProject = 'src/acme_nodes/nodes'): PythonPlacement =>
  ({ folderName: 'nodes', project: { pyproject, folderFromProject }, year: 2026 });

function file(plan: ScaffoldPlan, suffix: string): string {
  const found = plan.files.find((f) => f.path.endsWith(suffix));
  assert.ok(found, `no ${suffix} in ${plan.files.map((f) => f.path).join(', ')}`);
  return found.content;
}

const TOPIC = /^onex\.(cmd|evt|dlq|intent|snapshot)\.[a-z][a-z0-9-]*\.[a-z][a-z0-9-]*\.v(\d+)$/; // validate_topic_suffix's rule

describe('scaffold: today\'s target (planning)', () => {
  it('a bare folder: the package with its tests inside, a note saying so, no edit', () => {
    const plan = today('effect', 'payment_gateway', { folderName: 'acme_nodes', year: 2026 });
    assert.deepEqual(plan.files.map((f) => f.path), [
      'payment_gateway/__init__.py',
      'payment_gateway/node.py',
      'payment_gateway/contract.yaml',
      'payment_gateway/handlers/__init__.py',
      'payment_gateway/handlers/handler_payment_gateway.py',
      'payment_gateway/models/__init__.py',
      'payment_gateway/models/model_payment_gateway_write_command.py',
      'payment_gateway/models/model_payment_gateway_written.py',
      'payment_gateway/registry/__init__.py',
      'payment_gateway/registry/registry_infra_payment_gateway.py',
      'payment_gateway/protocols/__init__.py',
      'payment_gateway/protocols/protocol_payment_gateway_client.py',
      'payment_gateway/tests/__init__.py',
      'payment_gateway/tests/test_payment_gateway_handler.py',
      'payment_gateway/tests/test_payment_gateway_wiring.py',
    ]);
    assert.equal(plan.root, 'payment_gateway');
    assert.equal(plan.mainFile, 'payment_gateway/handlers/handler_payment_gateway.py');
    assert.equal(plan.base, undefined);
    assert.equal(plan.edits, undefined);
    assert.match(plan.notes!.join('\n'), /No pyproject\.toml at or above the folder: the tests are in payment_gateway\/tests\/ and the topics' producer is "acme-nodes"/);
    assert.match(file(plan, 'handlers/handler_payment_gateway.py'), /^# SPDX-FileCopyrightText: 2026 The acme-nodes authors\n# SPDX-License-Identifier: MIT\n/);
  });

  it('a project: paths from its folder, the package under src/, tests in tests/unit/nodes/, the entry point added', () => {
    const plan = today('compute', 'scorer', inProject());
    assert.equal(plan.base, 'project');
    assert.equal(plan.root, 'src/acme_nodes/nodes/scorer');
    assert.ok(plan.files.every((f) => f.path.startsWith('src/acme_nodes/nodes/scorer/') || f.path.startsWith('tests/unit/nodes/scorer/')));
    assert.deepEqual(plan.files.filter((f) => f.path.startsWith('tests/')).map((f) => f.path),
      ['tests/unit/nodes/scorer/test_scorer_handler.py', 'tests/unit/nodes/scorer/test_scorer_wiring.py']);
    assert.ok(!plan.files.some((f) => f.path.includes('protocols/')), 'only the effect has an outside client');
    const contract = parseYaml(file(plan, 'contract.yaml')) as Record<string, any>;
    assert.equal(contract.input_model.module, 'acme_nodes.nodes.scorer.models.model_scorer_summarize_request');
    assert.equal(contract.handler_routing.handlers[0].handler.module, 'acme_nodes.nodes.scorer.handlers.handler_scorer');
    assert.deepEqual(contract.event_bus.subscribe_topics, ['onex.cmd.acme-nodes.scorer-summarize.v1']);
    const [edit] = plan.edits!;
    assert.equal(edit.path, 'pyproject.toml');
    assert.equal(editedText(edit), `${PYPROJECT}\n[project.entry-points."onex.nodes"]\nscorer = "acme_nodes.nodes.scorer"\n`);
    assert.match(file(plan, 'node.py'), /^# SPDX-FileCopyrightText: 2026 Acme Labs\n# SPDX-License-Identifier: Apache-2\.0\n/);
  });

  it('a flat project layout (no src/) and the project\'s own folder give the right modules', () => {
    assert.equal(packageOfFolder('acme/nodes'), 'acme.nodes');
    assert.equal(packageOfFolder('src'), '');
    assert.equal(packageOfFolder(''), '');
    const plan = today('reducer', 'totals', inProject(PYPROJECT, ''));
    assert.equal(plan.root, 'totals');
    assert.match(file(plan, 'contract.yaml'), /module: "totals\.handlers\.handler_totals"/);
    assert.throws(() => packageOfFolder('src/my-package/nodes'), (e: unknown) => e instanceof ScaffoldError && /"my-package" .* is not a Python package name/.test(e.message));
    assert.throws(() => today('effect', 'x', inProject(PYPROJECT, 'src/class')), /"class" .* is not a Python package name/);
  });

  for (const kind of NODE_KINDS) {
    describe(kind, () => {
      const plan = today(kind, 'ledger', inProject());
      const contract = parseYaml(file(plan, 'contract.yaml')) as Record<string, any>;
      const handler = file(plan, 'handlers/handler_ledger.py');

      it('contract.yaml is in the infra dialect, with kebab-case five-segment topics of the project\'s producer', () => {
        assert.equal(contract.name, 'ledger');
        assert.equal(contract.node_name, 'ledger');
        assert.equal(contract.node_type, `${kind.toUpperCase()}_GENERIC`);
        assert.deepEqual(contract.contract_version, { major: 1, minor: 0, patch: 0 });
        assert.equal(contract.version, undefined, 'a top-level version is rejected by ModelYamlContract');
        const topics = [...contract.event_bus.subscribe_topics, ...(contract.event_bus.publish_topics ?? [])];
        for (const topic of topics) {
          assert.match(topic, TOPIC);
          assert.equal(topic.split('.')[2], 'acme-nodes');
        }
        const [entry] = contract.handler_routing.handlers;
        assert.match(entry.operation, /^ledger\.[a-z]+$/);
        assert.equal(entry.topic, contract.event_bus.subscribe_topics[0]);
        assert.deepEqual(Object.keys(entry.handler).sort(), ['module', 'name']);
        assert.deepEqual(entry.event_model, { name: contract.input_model.name, module: contract.input_model.module });
        assert.equal(entry.message_category, kind === 'reducer' ? 'event' : 'command');
        for (const event of contract.published_events ?? []) {
          assert.ok(contract.event_bus.publish_topics.includes(event.topic));
          assert.equal(event.event_type, contract.output_model.name.replace(/^Model/, ''));
        }
        assert.equal(contract.published_events === undefined, kind === 'reducer');
        assert.deepEqual(contract.descriptor.runtime_profiles, [kind === 'effect' ? 'effects' : 'main']);
        assert.equal(contract.descriptor.node_archetype, kind);
      });

      it('node.py is declarative: one class of the kind\'s base with only __init__ calling super', () => {
        const node = file(plan, 'node.py');
        assert.match(node, new RegExp(`^class NodeLedger${kind[0].toUpperCase()}${kind.slice(1)}\\(\\s*Node${kind[0].toUpperCase()}${kind.slice(1)}[\\[(:]?`, 'm'));
        assert.deepEqual(node.match(/^[ \t]+(?:async )?def \w+/gm), ["    def __init__"]);
        assert.match(node, /def __init__\(self, container: ModelONEXContainer\) -> None:\n {8}"""[^\n]*"""\n {8}super\(\)\.__init__\(container\)\n$/);
        assert.match(node, /if TYPE_CHECKING:\n {4}from omnibase_core\.models\.container\.model_onex_container import ModelONEXContainer/);
      });

      it('the handler is def-B, returns the kind\'s output, and leaves envelopes, buses and topics to the runtime', () => {
        assert.match(handler, /async def handle\(\n {8}self,\n {8}(request|command|event): Model\w+,\n {4}\) -> ModelHandlerOutput\[/);
        assert.match(handler, new RegExp(`ModelHandlerOutput\\.for_${kind}\\(`));
        assert.match(handler, /def __init__\(self, container: ModelONEXContainer\) -> None:/);
        assert.doesNotMatch(handler, /ModelEventEnvelope|onex\.(cmd|evt)|EventBus|getenv|environ|[Cc]onsul|ModelService|time\.time\(\)/);
        if (kind === 'effect') {
          assert.match(handler, /time\.perf_counter\(\)/);
          assert.match(handler, /raise InfraConnectionError\([^]*?\) from e/);
          assert.doesNotMatch(handler.split('def _connected_client')[0].split('def __init__')[1], /get_service|connect\(/, 'no I/O in __init__');
        } else {
          assert.doesNotMatch(handler, /time\.|datetime|asyncio|open\(/, 'compute, reducer and orchestrator do no I/O and read no clock');
        }
      });

      it('every model is frozen, forbids extra fields and carries correlation_id; one per file', () => {
        const models = plan.files.filter((f) => /\/models\/model_\w+\.py$/.test(f.path));
        assert.equal(models.length, 2);
        for (const model of models) {
          assert.equal(model.content.match(/^class /gm)?.length, 1, model.path);
          assert.match(model.content, /model_config = ConfigDict\(frozen=True, extra="forbid", from_attributes=True\)/);
          assert.match(model.content, /correlation_id: UUID = Field\(/);
        }
      });

      it('every file starts with the SPDX header and none is empty', () => {
        for (const f of plan.files) {
          assert.ok(f.content.startsWith('# SPDX-FileCopyrightText: 2026 Acme Labs\n# SPDX-License-Identifier: Apache-2.0\n'), f.path);
          assert.ok(f.content.split('\n').length > 3, `${f.path} has content besides the header`);
        }
      });

      it('node.py and the handler raise no ONEX diagnostic for today\'s framework', async () => {
        for (const path of ['node.py', 'handlers/handler_ledger.py']) {
          const result = await analyzeText(file(plan, path), { language: 'python', fileName: path.split('/').pop()!, config: { frameworkTarget: 'current', timeBudgetMs: 60_000 } });
          assert.equal(result.syntaxErrors, 0);
          assert.deepEqual(result.findings.map((f) => `${path} ${f.ruleId}: ${f.message}`), []);
        }
      });
    });
  }

  it('refuses the versioned layout: it belongs to the bridge era', () => {
    assert.throws(() => planScaffold({ kind: 'effect', name: 'x', language: 'python', layout: 'versioned', frameworkTarget: 'current' }),
      (e: unknown) => e instanceof ScaffoldError && /versioned layout \(<name>\/v1_0_0\/\) belongs to the bridge era/.test(e.message));
  });

  it('refuses a name whose wired route id would be longer than the runtime accepts', () => {
    const name = 'warehouse_inventory_reconciliation_quarterly_compute';
    assert.throws(() => today('compute', name, inProject()), (e: unknown) => e instanceof ScaffoldError
      && /too long for today's runtime: .*would have a 2\d\d-character id, and the runtime accepts 200/.test(e.message));
    assert.doesNotThrow(() => today('compute', 'inventory_reconciliation_compute', inProject()));
  });

  it('refuses a pyproject.toml that is not TOML, and an entry point of that name pointing elsewhere', () => {
    assert.throws(() => today('effect', 'x', inProject('[project\nname = 1')), /pyproject\.toml is not valid TOML/);
    const taken = `${PYPROJECT}\n[project.entry-points."onex.nodes"]\nx = "other.x"\n`;
    assert.throws(() => today('effect', 'x', inProject(taken)), /already registers an onex\.nodes entry point named x \("other\.x"\)/);
  });
});

describe('scaffold: today\'s target (the project\'s metadata and its pyproject edit)', () => {
  it('the holder: [tool.onex-forge] copyright-holder, else the first author (or maintainer), by name or email', () => {
    assert.equal(projectFacts(`${PYPROJECT}[tool.onex-forge]\ncopyright-holder = "Acme Inc."\n`).holder, 'Acme Inc.');
    assert.equal(projectFacts(PYPROJECT).holder, 'Acme Labs');
    assert.equal(projectFacts('[project]\nname = "a"\nauthors = [{ email = "x@y.z" }]\n').holder, 'x@y.z');
    assert.equal(projectFacts('[project]\nname = "a"\nmaintainers = [{ name = "M" }]\n').holder, 'M');
    assert.equal(projectFacts('[project]\nname = "a"\n').holder, undefined);
  });

  it('the license: an SPDX expression from [project].license or a classifier, else none (MIT is the default)', () => {
    assert.equal(projectFacts(PYPROJECT).license, 'Apache-2.0');
    assert.equal(projectFacts('[project]\nlicense = { text = "MIT OR Apache-2.0" }\n').license, 'MIT OR Apache-2.0');
    assert.equal(projectFacts('[project]\nlicense = { text = "Some long license text" }\n').license, undefined);
    assert.equal(projectFacts('[project]\nlicense = { file = "LICENSE" }\nclassifiers = ["License :: OSI Approved :: MIT License"]\n').license, 'MIT');
    const plan = today('effect', 'x', inProject('[project]\nname = "p"\n'));
    assert.match(file(plan, 'node.py'), /^# SPDX-FileCopyrightText: 2026 The p authors\n# SPDX-License-Identifier: MIT\n/);
  });

  it('the producer is the project\'s name in kebab case', () => {
    assert.equal(kebabSegment('Acme_Nodes.Core'), 'acme-nodes-core');
    assert.equal(kebabSegment('2fast'), 'fast');
    assert.equal(kebabSegment('___'), '');
  });

  it('adds the entry under an existing table, after its last entry, keeping comments and the rest', () => {
    const text = '[project]\nname = "a"\n\n[project.entry-points."onex.nodes"]\nold = "a.old"\n# keep me\n\n[tool.x]\ny = 1\n';
    const change = entryPointChange(text, 'new_node', 'a.new_node');
    assert.ok('edit' in change);
    assert.equal(editedText(change.edit), '[project]\nname = "a"\n\n[project.entry-points."onex.nodes"]\nold = "a.old"\nnew_node = "a.new_node"\n# keep me\n\n[tool.x]\ny = 1\n');
  });

  it('keeps CRLF line ends, and appends the table to a file without a final newline', () => {
    const crlf = entryPointChange('[project]\r\nname = "a"\r\n', 'n', 'a.n');
    assert.ok('edit' in crlf);
    assert.equal(editedText(crlf.edit), '[project]\r\nname = "a"\r\n\r\n[project.entry-points."onex.nodes"]\r\nn = "a.n"\r\n');
    const bare = entryPointChange('[project]\nname = "a"', 'n', 'a.n');
    assert.ok('edit' in bare);
    assert.deepEqual({ ...(parseToml(editedText(bare.edit)) as any).project['entry-points']['onex.nodes'] }, { n: 'a.n' });
  });

  it('edits nothing, and says how to register by hand, where the file does not take a plain table', () => {
    const inline = entryPointChange('[project]\nname = "a"\nentry-points = { "onex.nodes" = { x = "a.x" } }\n', 'n', 'a.n');
    assert.ok('note' in inline);
    assert.match(inline.note, /does not handle, so it was not changed: add `n = "a\.n"` under \[project\.entry-points\."onex\.nodes"\]/);
    const poetry = entryPointChange('[tool.poetry]\nname = "a"\n', 'n', 'a.n');
    assert.ok('note' in poetry);
    assert.match(poetry.note, /no \[project\] table/);
    const again = entryPointChange('[project]\nname = "a"\n[project.entry-points."onex.nodes"]\nn = "a.n"\n', 'n', 'a.n');
    assert.ok('note' in again);
    assert.match(again.note, /already registers n/);
  });
});

describe('scaffold: findPythonPlacement', () => {
  let tmp: string;
  before(() => {
    tmp = mkdtempSync(join(tmpdir(), 'onex-placement-'));
  });
  after(() => rmSync(tmp, { recursive: true, force: true }));

  it('finds the nearest pyproject.toml at or above a folder that need not exist yet', async () => {
    mkdirSync(join(tmp, 'proj', 'src', 'acme'), { recursive: true });
    writeFileSync(join(tmp, 'proj', 'pyproject.toml'), PYPROJECT);
    const found = await findPythonPlacement(join(tmp, 'proj', 'src', 'acme', 'nodes'));
    assert.equal(found.projectDir, join(tmp, 'proj'));
    assert.deepEqual(found.placement, { folderName: 'nodes', project: { pyproject: PYPROJECT, folderFromProject: 'src/acme/nodes' } });
    const atRoot = await findPythonPlacement(join(tmp, 'proj'));
    assert.equal(atRoot.placement.project?.folderFromProject, '');
  });

  it('gives only the folder\'s name when no pyproject.toml is above it (the reader decides what exists)', async () => {
    const found = await findPythonPlacement(join(tmp, 'loose', 'acme_nodes'), async () => undefined);
    assert.deepEqual(found, { placement: { folderName: 'acme_nodes' } });
  });
});
