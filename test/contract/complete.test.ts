// Completion and hover in contract.yaml from the schema the framework's models generate.
import { strict as assert } from 'node:assert';
import { checkContractText } from '../../src/core/contract/check';
import { contractCompletions, contractHover } from '../../src/core/contract/complete';
import { contractFixes } from '../../src/core/contract/fixes';
import { contractSchema } from '../../src/core/contract/schema';
import { CONTRACT, edit } from './fixturePackage';

/** Completion labels at the `|` in `text`. */
function labels(text: string, era: 'today' | 'bridge' = 'today'): string[] {
  const at = text.indexOf('|');
  return contractCompletions(text.replace('|', ''), at, era).map((i) => i.label);
}

describe('contract completion and hover', () => {
  it('offers the top-level keys not yet written, with the framework\'s descriptions', () => {
    const text = edit(CONTRACT, 'description:', '|\ndescription:');
    const at = text.indexOf('|');
    const items = contractCompletions(text.replace('|', ''), at, 'today');
    const names = items.map((i) => i.label);
    assert.ok(names.includes('runtime_profiles') && names.includes('dependencies') && names.includes('state_machine'));
    assert.ok(!names.includes('name') && !names.includes('event_bus'), 'keys already written are not offered');
    const golden = items.find((i) => i.label === 'golden_path')!;
    assert.match(golden.documentation!, /Ordered verification steps/, 'ModelYamlContract\'s field description');
    assert.ok(items.find((i) => i.label === 'version')!.deprecated);
  });

  it('offers the missing required keys first', () => {
    const text = edit(CONTRACT, 'input_model:', '|\ninput_model:').replace('name: "node_specdemo_write_effect"\n', '');
    const at = text.indexOf('|');
    const items = contractCompletions(text.replace('|', ''), at, 'today').sort((a, b) => (a.sortText < b.sortText ? -1 : 1));
    assert.equal(items[0].label, 'name');
  });

  it('offers node types, message categories, routing strategies and runtime profiles as values', () => {
    assert.deepEqual(labels(edit(CONTRACT, 'node_type: "EFFECT_GENERIC"', 'node_type: |')), ['COMPUTE_GENERIC', 'EFFECT_GENERIC', 'ORCHESTRATOR_GENERIC', 'REDUCER_GENERIC']);
    assert.deepEqual(labels(edit(CONTRACT, 'message_category: "command"', 'message_category: "c|"')), ['event', 'command', 'intent']);
    assert.deepEqual(labels(edit(CONTRACT, 'routing_strategy: "operation_match"', 'routing_strategy: |')), ['operation_match', 'payload_type_match', 'topic_match']);
    assert.deepEqual(labels(edit(CONTRACT, '  runtime_profiles: ["effects"]', '  runtime_profiles:\n    - |')), contractSchema('today')['x-onex'].runtimeProfiles!.registered);
    assert.deepEqual(labels(edit(CONTRACT, '  subscribe_topics:', '  plugin_managed: |\n  subscribe_topics:')), ['true', 'false']);
  });

  it('offers the keys of the mapping under the cursor: a routing entry, the event bus, a new list item', () => {
    assert.deepEqual(labels(edit(CONTRACT, '      message_category: "command"\n', '      message_category: "command"\n      |\n')), ['event_type']);
    assert.deepEqual(labels(edit(CONTRACT, '  subscribe_topics:', '  |\n  subscribe_topics:')).sort(), ['consumer_group', 'consumer_purpose', 'dlq_topics', 'plugin_managed', 'tenant_scoped_ingress', 'terminal_event']);
    assert.deepEqual(labels(edit(CONTRACT, '    - operation: "specdemo.write"', '    - |\n    - operation: "specdemo.write"')).sort(), ['event_model', 'event_type', 'handler', 'message_category', 'operation', 'topic']);
    assert.deepEqual(labels(edit(CONTRACT, 'description: "Minimal effect', '# a comment |\ndescription: "Minimal effect')), [], 'nothing in a comment');
  });

  it('the bridge era offers its own schema: its node types, not today\'s', () => {
    const bridge = labels('node_type: |\ncontract_version: {major: 1, minor: 0, patch: 0}\n', 'bridge');
    assert.ok(bridge.includes('EFFECT') && !bridge.includes('EFFECT_GENERIC'));
  });

  it('hover shows the key\'s description, its type, whether it is required, and the framework version', () => {
    const hover = contractHover(CONTRACT, CONTRACT.indexOf('message_category') + 3, 'today')!;
    assert.match(hover.markdown, /handler_routing\.handlers\.message_category\*\* \(string\)/);
    assert.match(hover.markdown, /One of: `event`, `command`, `intent`/);
    assert.match(hover.markdown, /omnibase-core 0\.46\.8/);
    const required = contractHover(CONTRACT, CONTRACT.indexOf('input_model') + 1, 'today')!;
    assert.match(required.markdown, /Required\./);
    assert.equal(CONTRACT.slice(required.span.start, required.span.end), 'input_model');
    assert.equal(contractHover(CONTRACT, CONTRACT.indexOf('# SPDX') + 2, 'today'), null);
  });

  it('never throws, whatever the text and the offset (every prefix of a contract, every offset)', () => {
    const text = CONTRACT.slice(0, 900);
    for (let cut = 0; cut <= text.length; cut += 7) {
      const prefix = text.slice(0, cut);
      const findings = checkContractText(prefix, { era: 'today', nextToNode: true }).findings;
      for (const f of findings) contractFixes(prefix, f, { era: 'today', nodeKind: 'effect', packageName: 'x', producer: 'omnimarket' });
      for (let at = Math.max(0, cut - 30); at <= cut; at += 5) {
        contractCompletions(prefix, at, 'today');
        contractHover(prefix, at, 'today');
      }
    }
    for (const bad of ['', '\u0000', '- a\n- b\n', '{', 'a: [', 'node_type: 1\n', '---\na: 1\n---\nb: 2\n', ':\n:\n', '? [a]\n: b\n', 'node_type: !!binary aGk=\n', '&a a: *a\n']) {
      checkContractText(bad, { era: 'today', nextToNode: true });
      contractCompletions(bad, bad.length, 'today');
      contractHover(bad, 0, 'today');
    }
  });
});
