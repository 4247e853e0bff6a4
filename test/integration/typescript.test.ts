// Issue 6 in a real VS Code: a TypeScript template-style node shows its diagnostics (analysed by the
// ts-morph front end in the worker thread) and a fix from the lightbulb applies and removes its finding.
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import {
  activateExtension, closeAllEditorsWithoutSaving, exampleUri, onexDiagnostics, removeFolder, ruleIdOf, tempFolder, waitForDiagnostics,
} from './util';

const TS_NODE = 'typescript/nodes/payment_gateway/node.ts';
const EXPECTED = ['ONEX001', 'ONEX002', 'ONEX003', 'ONEX004', 'ONEX005', 'ONEX006', 'ONEX009', 'ONEX010'];

describe('TypeScript node', () => {
  let scratch: vscode.Uri;

  before(async () => {
    await activateExtension();
    scratch = tempFolder('ts');
  });

  after(async () => {
    await closeAllEditorsWithoutSaving();
    if (scratch) removeFolder(scratch);
  });

  it('shows the ONEX diagnostics of the template-style node', async () => {
    const uri = exampleUri(TS_NODE);
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const all = await waitForDiagnostics(uri, (d) => EXPECTED.every((id) => onexDiagnostics(d).some((x) => ruleIdOf(x) === id)), 90_000);
    assert.deepEqual([...new Set(onexDiagnostics(all).map(ruleIdOf))].sort(), EXPECTED);
    for (const d of onexDiagnostics(all)) {
      assert.equal(d.source, 'onex');
      // The link renders the rule's page (ruleDocs.test.ts clicks it).
      const code = d.code as { value: string; target: vscode.Uri };
      assert.equal(`${code.target.scheme}:${code.target.path}?${code.target.query}`, `command:onexForge.showRuleDocs?["${code.value}"]`);
    }
  });

  it('applies the lightbulb fix for ONEX010 and the finding goes away', async () => {
    const uri = vscode.Uri.joinPath(scratch, 'node.ts');
    await vscode.workspace.fs.writeFile(uri, await vscode.workspace.fs.readFile(exampleUri(TS_NODE)));
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    const all = await waitForDiagnostics(uri, (d) => onexDiagnostics(d).some((x) => ruleIdOf(x) === 'ONEX010'), 90_000);
    const target = onexDiagnostics(all).find((x) => ruleIdOf(x) === 'ONEX010')!;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider', uri, target.range, vscode.CodeActionKind.QuickFix.value, 10);
    // executeCodeActionProvider does not hand back an action's diagnostics: pick the fix by its title.
    const fix = actions.find((a) => a.isPreferred && /performance\.now\(\)/.test(a.title));
    assert.ok(fix?.edit, `no resolved ONEX010 fix among ${JSON.stringify(actions.map((a) => a.title))}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.ok(document.getText().includes('performance.now()'));
    assert.ok(!document.getText().includes('Date.now()'));
    await waitForDiagnostics(uri, (d) => !onexDiagnostics(d).some((x) => ruleIdOf(x) === 'ONEX010'), 60_000);
  });
});
