// The extension's foundation, checked inside a real VS Code with examples/ as the workspace:
// it activates on a Python file, registers every command it declares, the diagnostics
// it publishes reach VS Code's diagnostics API, and its output channel says it started and, at the
// Debug level, logs each analysis.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  activateExtension,
  contributedCommands,
  DIAGNOSTIC_SOURCE,
  EXTENSION_ID,
  closeAllEditorsWithoutSaving,
  exampleUri,
  getExtension,
  onexApi,
  onexDiagnostics,
  openExample,
  outputLog,
  removeFolder,
  tempFolder,
  waitFor,
  ruleIdOf,
  TEMPLATE_NODE,
  waitForActivation,
  waitForCommands,
  waitForDiagnostics,
} from './util';

describe('foundation', () => {
  it('opening a Python file of the example workspace activates the extension', async () => {
    const extension = await getExtension();
    const manifest = extension.packageJSON as { activationEvents?: string[] };
    assert.ok(manifest.activationEvents?.includes('onLanguage:python'), 'activates on Python files');
    assert.ok(!manifest.activationEvents?.includes('*'), 'never activates on "*"');

    const { document } = await openExample(TEMPLATE_NODE);
    assert.equal(document.languageId, 'python');
    // Activation is VS Code's doing (onLanguage:python or workspaceContains:**/contract.yaml);
    // the test only waits for it and never calls activate() itself.
    const active = await waitForActivation();
    assert.equal(active.id, EXTENSION_ID);
    assert.equal(active.isActive, true);
  });

  it('every command declared in package.json is registered', async () => {
    const extension = await activateExtension();
    const declared = contributedCommands(extension);
    assert.ok(declared.length > 0, 'package.json declares commands');
    for (const id of declared) {
      assert.match(id, /^onexForge\./, `command ${id} is namespaced`);
    }
    await waitForCommands(declared);
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.deepEqual(declared.filter((id) => !registered.has(id)), []);
  });

  it('a diagnostic the extension publishes for the template-style node reaches getDiagnostics', async () => {
    await activateExtension();
    const { uri } = await openExample(TEMPLATE_NODE);
    const diagnostics = await waitForDiagnostics(uri, (all) => onexDiagnostics(all).length > 0, 45_000);

    const ours = onexDiagnostics(diagnostics);
    assert.ok(ours.length > 0, 'the template-style node has ONEX diagnostics');
    for (const diagnostic of ours) {
      assert.equal(diagnostic.source, DIAGNOSTIC_SOURCE);
      assert.match(ruleIdOf(diagnostic) ?? '', /^ONEX\d{3}$/, `rule id of "${diagnostic.message}"`);
      const code = diagnostic.code;
      assert.ok(typeof code === 'object' && code.target instanceof vscode.Uri, 'code carries a documentation link');
      assert.ok(diagnostic.message.length > 0);
    }
  });

  it('the output channel logs the activation and, at the Debug level, each analysis', async () => {
    const api = await onexApi();
    assert.match(await outputLog(api), /\[info\] ONEX Forge \d+\.\d+\.\d+ activated in VS Code \d+\.\d+/);
    // The Output view's log-level action on the active channel, as a user sets it: Debug (LogLevel 2).
    await vscode.commands.executeCommand('onexForge.showOutput');
    await vscode.commands.executeCommand('workbench.action.output.activeOutputLogLevel.2');
    const folder = tempFolder('logging');
    try {
      const uri = vscode.Uri.joinPath(folder, 'logged_node.py');
      await vscode.workspace.fs.writeFile(uri, await vscode.workspace.fs.readFile(exampleUri(TEMPLATE_NODE)));
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
      await waitForDiagnostics(uri, (all) => onexDiagnostics(all).length > 0, 45_000);
      const line = await waitFor(async () => /\[debug\] .*logged_node\.py v\d+: \d+ problems; [\d.]+ ms \(parse [\d.]+ ms, rules [\d.]+ ms\) on the extension host/.exec(await outputLog(api))?.[0],
        15_000, () => 'no debug line for logged_node.py in the output channel');
      assert.ok(line);
    } finally {
      await vscode.commands.executeCommand('workbench.action.output.activeOutputLogLevelDefault');
      await closeAllEditorsWithoutSaving();
      removeFolder(folder);
    }
  });
});
