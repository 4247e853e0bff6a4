// Issue 21 item 6 in a real VS Code: a diagnostic's rule code (ONEX006 in its hover, in the Problems
// panel) opens the rule's page rendered, as "Show documentation" does, never the .md file as text. The
// hover's link and the Problems panel's link are clicked in the workbench through the harness's UI driver.
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { RULE_META } from '../../src/core/rules/meta';
import {
  PROBLEMS_FILTER, TEMPLATE_NODE, activateExtension, closeAllEditorsWithoutSaving, onexDiagnostics, openExample, ruleIdOf, rulePagePreview,
  showInFocusedEditor, ui, waitFor, waitForDiagnostics,
} from './util';

/** Text editors of a rule's .md page (the preview reads the file too, so open documents do not tell). */
function pageAsText(ruleId: string): string[] {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs)
    .filter((tab) => tab.input instanceof vscode.TabInputText && tab.input.uri.path.endsWith(`/${ruleId}.md`))
    .map((tab) => (tab.input as vscode.TabInputText).uri.toString());
}

/** Waits for the rendered page of a rule, and checks that no text editor of it opened beside it. */
async function waitForPreview(ruleId: string): Promise<void> {
  await waitFor(() => rulePagePreview(ruleId), 20_000, () => `no rendered page of ${ruleId} (tabs: ${vscode.window.tabGroups.all.flatMap((g) => g.tabs).map((t) => t.label).join(', ')})`);
  assert.deepEqual(pageAsText(ruleId), [], `${ruleId}.md was opened as text`);
}

async function openTemplateNode(): Promise<{ document: vscode.TextDocument; editor: vscode.TextEditor; onex006: vscode.Diagnostic }> {
  const { uri, document, editor } = await openExample(TEMPLATE_NODE);
  const diagnostics = await waitForDiagnostics(uri, (all) => onexDiagnostics(all).some((d) => ruleIdOf(d) === 'ONEX006'), 60_000);
  return { document, editor, onex006: onexDiagnostics(diagnostics).find((d) => ruleIdOf(d) === 'ONEX006')! };
}

describe('rule links open the rendered page', () => {
  before(async () => {
    await activateExtension();
  });

  afterEach(async () => {
    await closeAllEditorsWithoutSaving();
  });

  it('each diagnostic links its code to the command that renders its rule\'s page; that command renders every rule\'s page', async () => {
    const { uri } = await openExample(TEMPLATE_NODE);
    const diagnostics = onexDiagnostics(await waitForDiagnostics(uri, (all) => onexDiagnostics(all).length >= 9, 60_000));
    for (const d of diagnostics) {
      const code = d.code as { value: string; target: vscode.Uri };
      assert.equal(code.target.scheme, 'command', code.target.toString());
      assert.equal(code.target.path, 'onexForge.showRuleDocs');
      assert.deepEqual(JSON.parse(code.target.query), [code.value]);
    }
    const extension = vscode.extensions.getExtension('onex-forge.onex-forge')!;
    for (const ruleId of Object.keys(RULE_META)) {
      const page = vscode.Uri.joinPath(extension.extensionUri, 'dist', 'docs', 'rules', `${ruleId}.md`);
      assert.ok((await vscode.workspace.fs.stat(page)).size > 300, `${ruleId}'s page is missing or short`);
      // What a click on the link runs.
      await vscode.commands.executeCommand('onexForge.showRuleDocs', ruleId);
      await waitForPreview(ruleId);
      await closeAllEditorsWithoutSaving();
    }
  });

  it('clicking ONEX006 in the hover opens the rendered page, not the .md as text', async () => {
    const { editor, onex006 } = await openTemplateNode();
    const at = onex006.range.start.translate(0, 2);
    await showInFocusedEditor(() => {
      editor.selection = new vscode.Selection(at, at);
      return vscode.commands.executeCommand('editor.action.showHover');
    }, '.monaco-hover a.code-link', 'ONEX006');
    await ui({ op: 'click', selector: '.monaco-hover a.code-link', hasText: 'ONEX006' });
    await waitForPreview('ONEX006');
  });

  it('clicking ONEX006 in the Problems panel opens the rendered page, not the .md as text', async () => {
    await openTemplateNode();
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    // Only ONEX006's row, whatever else other tests left in the panel.
    await ui({ op: 'fill', selector: PROBLEMS_FILTER, value: 'ONEX006' });
    try {
      await ui({ op: 'click', selector: '.markers-panel .monaco-list-row a.monaco-link', hasText: 'ONEX006', timeoutMs: 20_000 });
      await waitForPreview('ONEX006');
    } finally {
      await ui({ op: 'fill', selector: PROBLEMS_FILTER, value: '' });
    }
  });
});
