// Issue 21 item 7 in a real VS Code: the lightbulb of a bridge-era template node class is short and
// starts with "Make <Class> production-ready", which fixes everything the engine can fix in the class
// in one edit; one undo restores the file. The menu is read as the workbench draws it (the harness's UI
// driver) and its first entry is chosen there, as a user would.
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import {
  activateExtension, bridgeTemplateCopy, closeAllEditorsWithoutSaving, nextEvent, onexApi, onexDiagnostics, removeFolder, ruleIdOf,
  rulePagePreview, readMenu, tempFolder, ui, waitFor, waitForDiagnostics,
} from './util';

const CLASS_LEVEL = ['ONEX001', 'ONEX002', 'ONEX005', 'ONEX009'];
const PRODUCTION_READY = 'Make NodePaymentGatewayEffect production-ready';
/** At most this many entries: one action for the class, each class-level rule's fix, disable (line, file), documentation. */
const MAX_ENTRIES = 10;
const MENU_ROW = '.action-widget .monaco-list-row';

let scratch: vscode.Uri | undefined;

/** A copy of the template node in a bridge-era project of its own (bridgeTemplateCopy). */
function bridgeCopy(): Promise<vscode.Uri> {
  scratch ??= tempFolder('lightbulb');
  return bridgeTemplateCopy(scratch);
}

const classLevel = (all: readonly vscode.Diagnostic[]) => onexDiagnostics(all).filter((d) => CLASS_LEVEL.includes(ruleIdOf(d)!));

describe('the lightbulb of a node class', () => {
  before(async () => {
    await activateExtension();
  });

  after(async () => {
    await closeAllEditorsWithoutSaving();
    if (scratch) removeFolder(scratch);
  });

  it('starts with "Make <Class> production-ready", stays short, and that action fixes the class in one edit that one undo takes back', async () => {
    const uri = await bridgeCopy();
    const document = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(document, { preview: false });
    const original = document.getText();
    const diagnostics = await waitForDiagnostics(uri, (all) => classLevel(all).length === CLASS_LEVEL.length, 60_000);
    const onClass = classLevel(diagnostics)[0];
    assert.equal(document.getText(onClass.range), 'NodePaymentGatewayEffect');

    // What VS Code hands the lightbulb, in its order.
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider', uri, onClass.range, vscode.CodeActionKind.QuickFix.value);
    const titles = actions.map((a) => a.title);
    assert.equal(titles[0], PRODUCTION_READY, JSON.stringify(titles));
    assert.ok(titles.length <= MAX_ENTRIES, `${titles.length} entries: ${JSON.stringify(titles)}`);
    assert.equal(titles.filter((t) => t.startsWith('Disable ')).length, 2, 'disable once for the line and once for the file');
    assert.ok(titles.includes('Disable ONEX001, ONEX002, ONEX005, ONEX009 for this line'), JSON.stringify(titles));
    assert.equal(titles.filter((t) => t.startsWith('Show documentation')).length, 1, 'documentation once');
    assert.ok(!titles.some((t) => t.startsWith('Fix all ONEX00')), 'a fix-all of a rule with one finding repeats its fix');

    // The menu as the workbench draws it, from the class's name.
    const at = onClass.range.start.translate(0, 3);
    const menu = await readMenu(() => {
      editor.selection = new vscode.Selection(at, at);
      return vscode.commands.executeCommand('editor.action.quickFix');
    }, MENU_ROW, PRODUCTION_READY);
    const entries = menu.rows.filter((r) => r !== 'Quick Fix');
    assert.equal(entries[0], PRODUCTION_READY, JSON.stringify(menu.rows));
    assert.ok(entries.length <= MAX_ENTRIES, `the menu has ${entries.length} entries: ${JSON.stringify(menu.rows)}`);

    // Chosen there, as a user does (the menu opens on its first entry; Enter applies it): one edit,
    // after which the class has no finding left.
    assert.deepEqual(menu.focused, [PRODUCTION_READY]);
    await ui({ op: 'press', key: 'Enter' });
    await waitFor(() => (document.getText() !== original ? true : undefined), 30_000, () => 'the action changed nothing');
    const after = await waitForDiagnostics(uri, (all) => onexDiagnostics(all).length === 0, 30_000);
    assert.deepEqual(onexDiagnostics(after), []);
    assert.match(document.getText(), /async def startup\(self\)/);

    // One undo restores the file.
    await vscode.window.showTextDocument(document, { preview: false });
    await vscode.commands.executeCommand('undo');
    await waitFor(() => (document.getText() === original ? true : undefined), 10_000, () => 'one undo did not restore the file');
    await waitForDiagnostics(uri, (all) => classLevel(all).length === CLASS_LEVEL.length, 30_000);
  });

  it('elsewhere in the class, the rule\'s own fix comes first and the class\'s action follows', async () => {
    const uri = await bridgeCopy();
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document, { preview: false });
    const diagnostics = await waitForDiagnostics(uri, (all) => onexDiagnostics(all).some((d) => ruleIdOf(d) === 'ONEX010'), 60_000);
    const onex010 = onexDiagnostics(diagnostics).find((d) => ruleIdOf(d) === 'ONEX010')!;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider', uri, onex010.range, vscode.CodeActionKind.QuickFix.value);
    assert.deepEqual(actions.map((a) => a.title), [
      'Measure the duration with time.perf_counter()', PRODUCTION_READY,
      // Two ONEX010 findings in the file: a fix-all of the rule is worth offering.
      'Fix all ONEX010 problems in this file',
      'Disable ONEX010 for this line', 'Disable ONEX010 for this file', 'Show documentation for ONEX010',
    ]);
  });

  it('the documentation entry of a line with several rules asks which page to render', async () => {
    const uri = await bridgeCopy();
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document, { preview: false });
    const onClass = classLevel(await waitForDiagnostics(uri, (all) => classLevel(all).length === CLASS_LEVEL.length, 60_000))[0];
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider', uri, onClass.range, vscode.CodeActionKind.QuickFix.value);
    const docs = actions.find((a) => a.title === 'Show documentation for ONEX001, ONEX002, ONEX005, ONEX009');
    assert.ok(docs?.command, JSON.stringify(actions.map((a) => a.title)));
    const api = await onexApi();
    const asked = nextEvent(api.ui.onDidShowPick, (p) => p.items.includes('ONEX005'));
    const shown = vscode.commands.executeCommand(docs.command.command, ...(docs.command.arguments ?? []));
    const pick = await asked;
    assert.deepEqual(pick.items, CLASS_LEVEL);
    pick.choose('ONEX005');
    await shown;
    await waitFor(() => rulePagePreview('ONEX005'), 20_000, () => 'ONEX005\'s page was not rendered');
  });
});
