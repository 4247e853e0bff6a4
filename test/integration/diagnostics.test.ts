// Issue 3 in a real VS Code: the template-style example node shows its ONEX diagnostics, each with
// source "onex", its rule code and a link that renders the rule's docs page.
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { TEMPLATE_NODE, activateExtension, onexDiagnostics, openExample, ruleIdOf, waitForDiagnostics } from './util';

/** What rules.md says the template node lacks (see examples/nodes/payment_gateway/v1_0_0/node.py). */
const EXPECTED_RULES = ['ONEX001', 'ONEX002', 'ONEX003', 'ONEX004', 'ONEX005', 'ONEX006', 'ONEX009', 'ONEX010', 'ONEX011'];

describe('diagnostics on the template-style example node', () => {
  before(async () => {
    await activateExtension();
  });

  it('shows the expected rules with docs links', async () => {
    const { uri, document } = await openExample(TEMPLATE_NODE);
    const diagnostics = await waitForDiagnostics(uri, (all) => {
      const ids = new Set(onexDiagnostics(all).map(ruleIdOf));
      return EXPECTED_RULES.every((id) => ids.has(id));
    }, 60_000);
    const ours = onexDiagnostics(diagnostics);
    assert.deepEqual([...new Set(ours.map(ruleIdOf))].sort(), EXPECTED_RULES);
    for (const d of ours) {
      assert.equal(d.source, 'onex');
      const code = d.code as { value: string; target: vscode.Uri };
      assert.match(code.value, /^ONEX0\d\d$/);
      // The link renders the rule's page (ruleDocs.test.ts clicks it).
      assert.equal(`${code.target.scheme}:${code.target.path}?${code.target.query}`, `command:onexForge.showRuleDocs?["${code.value}"]`);
    }
    const onex011 = ours.find((d) => ruleIdOf(d) === 'ONEX011')!;
    assert.equal(document.getText(onex011.range), 'CONNECTION_ERROR');
    assert.match(onex011.message, /CONNECTION_ERROR/);
    const classFinding = ours.find((d) => ruleIdOf(d) === 'ONEX005')!;
    assert.equal(document.getText(classFinding.range), 'NodePaymentGatewayEffect');
  });

  it('a hover over the class name says its role and the file\'s era, and why', async () => {
    const { uri, document } = await openExample(TEMPLATE_NODE);
    await waitForDiagnostics(uri, (all) => onexDiagnostics(all).length > 0, 60_000);
    const at = document.positionAt(document.getText().indexOf('class NodePaymentGatewayEffect') + 'class '.length + 3);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, at);
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /\*\*NodePaymentGatewayEffect\*\*: production node — an effect node class\./);
    assert.match(text, /The class-level rules \(ONEX001, ONEX002, ONEX005, ONEX009\) judge it\./);
    assert.match(text, /Era: bridge era \(omnibase_core 0\.1\.x\) — the project pins omnibase-core omnibase-core==0\.1\.0 \(.*pyproject\.toml\)\./);
  });
});
