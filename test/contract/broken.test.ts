// A table of broken contracts (and packages), each one mistake away from the verified package of
// current-era.md §2.4: each gets exactly the expected findings, and each expectation is checked
// against what the framework's own validators say about the same files (run in today's venv).
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ContractFinding } from '../../src/core/contract/check';
import type { ContractRuleId } from '../../src/core/contract/meta';
import { CONTRACT, checkPackage, edit, HANDLER_PY, tempRoot, writePackage, type PackageFiles } from './fixturePackage';
import { frameworkAvailable } from '../helpers/framework';
import { frameworkVerdict, ruleFor, type Verdict } from './verdict';

interface Row {
  name: string;
  files: PackageFiles;
  /** Our findings' rule ids, in order of position. */
  ours: ContractRuleId[];
  /** The contract rules the framework's findings map to (ruleFor), as a sorted set. */
  framework: ContractRuleId[];
  /** Where the two differ on purpose, why. */
  why?: string;
  /** A text the finding's line must contain. */
  on?: string;
}

const c = (from: string, to: string): PackageFiles => ({ contract: edit(CONTRACT, from, to) });

const ROWS: Row[] = [
  { name: 'the verified package', files: {}, ours: [], framework: [] },
  { name: 'a YAML syntax error', files: c('node_type: "EFFECT_GENERIC"', 'node_type: "EFFECT_GENERIC\n  bad: ['), ours: ['ONEX020'], framework: ['ONEX020'] },
  { name: 'input_model missing', files: c('input_model:\n  name: "ModelSpecdemoWriteCommand"\n  module: "omnimarket.nodes.node_specdemo_write_effect.models.model_specdemo_write_command"\n  description: "Typed request."\n', ''), ours: ['ONEX021'], framework: ['ONEX021'], on: 'name:' },
  { name: 'contract_version as a string', files: c('contract_version: {major: 1, minor: 0, patch: 0}', 'contract_version: "1.0.0"'), ours: ['ONEX021'], framework: ['ONEX021'], on: 'contract_version' },
  { name: 'node_type not a *_GENERIC type', files: c('node_type: "EFFECT_GENERIC"', 'node_type: "EFFECT"'), ours: ['ONEX021'], framework: ['ONEX021'], on: 'EFFECT' },
  {
    name: "the deprecated top-level 'version'", files: c('node_version: "1.0.0"', 'node_version: "1.0.0"\nversion: "1.0.0"'), ours: ['ONEX021'],
    framework: ['ONEX021', 'ONEX022'], on: 'version:',
    why: "the linter also calls 'version' unknown (did you mean node_version?); ModelYamlContract's rejection says what to do (rename to contract_version), one finding on the key",
  },
  { name: 'an unknown key', files: c('description:', 'node_typ: "x"\ndescription:'), ours: ['ONEX022'], framework: ['ONEX022'], on: 'node_typ' },
  { name: 'an unknown key, suppressed', files: c('description:', 'node_typ: "x"  # onex: ignore[ONEX022]\ndescription:'), ours: [], framework: ['ONEX022'], why: 'suppressed by the comment' },
  { name: 'node_version not semver', files: c('node_version: "1.0.0"', 'node_version: "1.0"'), ours: ['ONEX023'], framework: ['ONEX023'], on: 'node_version' },
  {
    name: 'a flat handler_class routing entry', files: c('      handler:\n        name: "HandlerSpecdemoWrite"\n        module: "omnimarket.nodes.node_specdemo_write_effect.handlers.handler_specdemo_write_effect"\n', '      handler_class: "HandlerSpecdemoWrite"\n'),
    ours: ['ONEX021'], framework: ['ONEX021'], on: 'operation',
  },
  { name: 'a routing entry without operation', files: c('    - operation: "specdemo.write"\n      topic:', '    - topic:'), ours: ['ONEX024'], framework: ['ONEX024'], on: 'topic:' },
  {
    name: 'a command entry without event_model', files: c('      event_model:\n        name: "ModelSpecdemoWriteCommand"\n        module: "omnimarket.nodes.node_specdemo_write_effect.models.model_specdemo_write_command"\n', ''),
    ours: ['ONEX024'], framework: ['ONEX024'], on: 'message_category',
  },
  {
    name: 'a published event on an undeclared topic', files: c('  - topic: "onex.evt.omnimarket.specdemo-written.v1"', '  - topic: "onex.evt.omnimarket.specdemo-other.v1"'),
    ours: ['ONEX033', 'ONEX026'], framework: ['ONEX026'], on: 'specdemo-',
    why: "the handler's event now goes to the published_events topic, so publish_topics' only topic receives nothing (no framework gate reads handler outputs)",
  },
  {
    name: 'an underscore in a topic', files: { contract: CONTRACT.replace(/specdemo-write\.v1/g, 'specdemo_write.v1') },
    ours: ['ONEX027'], framework: ['ONEX027'], on: 'specdemo_write',
  },
  { name: 'a command subscriber without runtime profiles', files: c('  runtime_profiles: ["effects"]\n', ''), ours: ['ONEX028'], framework: ['ONEX028'], on: 'onex.cmd' },
  { name: 'an unregistered runtime profile', files: c('runtime_profiles: ["effects"]', 'runtime_profiles: ["effect"]'), ours: ['ONEX028'], framework: ['ONEX028'], on: 'effect' },
  {
    name: 'one entry on a command and an event topic', files: {
      contract: edit(edit(edit(CONTRACT, '    - "onex.cmd.omnimarket.specdemo-write.v1"\n', '    - "onex.cmd.omnimarket.specdemo-write.v1"\n    - "onex.evt.omnimarket.specdemo-poked.v1"\n'),
        '      topic: "onex.cmd.omnimarket.specdemo-write.v1"\n', ''), '      event_model:\n        name: "ModelSpecdemoWriteCommand"\n        module: "omnimarket.nodes.node_specdemo_write_effect.models.model_specdemo_write_command"\n', '').replace('message_category: "command"', 'message_category: "event"'),
    },
    ours: ['ONEX025'], framework: ['ONEX025'], on: 'operation',
  },
  {
    name: 'an input model module that does not exist', files: c('module: "omnimarket.nodes.node_specdemo_write_effect.models.model_specdemo_write_command"\n  description: "Typed request."', 'module: "omnimarket.nodes.node_specdemo_write_effect.models.model_nope"\n  description: "Typed request."'),
    ours: ['ONEX029'], framework: ['ONEX029'], on: 'model_nope',
  },
  { name: 'an output model class that does not exist', files: c('  name: "ModelSpecdemoWritten"', '  name: "ModelSpecdemoWrote"'), ours: ['ONEX029'], framework: ['ONEX029'], on: 'ModelSpecdemoWrote' },
  { name: 'a handler without handle', files: { handler: edit(HANDLER_PY, 'async def handle(', 'async def execute(') }, ours: ['ONEX030'], framework: ['ONEX030'] },
  {
    name: "node_type not node.py's kind", files: c('node_type: "EFFECT_GENERIC"', 'node_type: "COMPUTE_GENERIC"'), ours: ['ONEX031'], framework: [], on: 'COMPUTE_GENERIC',
    why: 'no framework gate compares node.py with node_type (the runtime takes the kind from node_type)',
  },
  {
    name: 'an event with nowhere to go',
    files: { contract: edit(CONTRACT, '  publish_topics:\n    - "onex.evt.omnimarket.specdemo-written.v1"\n', '').replace(/published_events:\n(  .*\n)*/, '') },
    ours: ['ONEX032'], framework: [], on: 'HandlerSpecdemoWrite',
    why: "no framework gate reads handler outputs; the runtime finds no published_events entry and no publish_topics[0] for the event",
  },
  { name: 'a repeated key: the last one counts, as in PyYAML', files: c('node_type: "EFFECT_GENERIC"', 'node_type: "EFFECT"\nnode_type: "EFFECT_GENERIC"'), ours: [], framework: [] },
  { name: "plugin_managed: no (YAML 1.1's boolean, as PyYAML reads it)", files: c('  subscribe_topics:', '  plugin_managed: no\n  subscribe_topics:'), ours: [], framework: [] },
  { name: 'plugin_managed not a boolean', files: c('  subscribe_topics:', '  plugin_managed: "yes please"\n  subscribe_topics:'), ours: ['ONEX021'], framework: ['ONEX021'], on: 'yes please' },
];

describe('contract rules: a table of broken contracts, checked against the framework', function () {
  this.timeout(600_000);
  const paths = new Map<Row, string>();
  const ours = new Map<Row, { contract: ContractFinding[]; python: ContractFinding[] }>();
  let verdict: Verdict;

  before(async () => {
    frameworkAvailable('today');
    const root = tempRoot('onex-contract-table-');
    ROWS.forEach((row, i) => paths.set(row, writePackage(join(root, `row${String(i).padStart(2, '0')}`), row.files)));
    verdict = frameworkVerdict([...paths.values()]);
    for (const row of ROWS) {
      const path = paths.get(row)!;
      const result = await checkPackage(path, readFileSync(path, 'utf8'), { era: 'today' });
      ours.set(row, { contract: result.findings, python: [...result.otherFiles.values()].flat() });
    }
  });

  for (const row of ROWS) {
    it(`${row.name}: ${row.ours.join(', ') || 'nothing'}${row.why ? ` (${row.why})` : ''}`, () => {
      const found = ours.get(row)!;
      const all = [...found.contract, ...found.python];
      assert.deepEqual(all.map((f) => f.ruleId), row.ours, all.map((f) => `${f.ruleId} ${f.message}`).join('\n'));
      const theirs = [...new Set(verdict.files[paths.get(row)!].filter((f) => f.severity !== 'info').map(ruleFor))].sort();
      assert.deepEqual(theirs, [...row.framework].sort(), JSON.stringify(verdict.files[paths.get(row)!], null, 1));
      if (row.on) {
        const f = found.contract[found.contract.length - 1];
        const line = readFileSync(paths.get(row)!, 'utf8').split('\n')[f.range.start.line];
        assert.ok(line.includes(row.on), `${f.ruleId} on line ${f.range.start.line + 1}: ${line}`);
      }
    });
  }
});
