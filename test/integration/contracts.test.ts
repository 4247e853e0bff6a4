// Issue 20 in a real VS Code: contract.yaml gets the framework's verdict as it is typed (whatever language
// VS Code gives the file), completion from the schema with the framework's descriptions, hover, quick fixes
// that apply and undo, and node ↔ contract findings in the file that holds the mistake, pointing at the other.
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { CONTRACT, CONTRACT_PATH, HANDLER_PATH, edit, packageFiles, type PackageFiles } from '../contract/fixtureTexts';
import {
  activateExtension, closeAllEditorsWithoutSaving, onexDiagnostics, removeFolder, ruleIdOf, tempFolder, waitFor, waitForDiagnostics,
  watchedScratchFolder,
} from './util';

const folders: vscode.Uri[] = [];

/**
 * Writes the verified package, with today's omnibase-core pinned beside it, in a folder of its own: outside the
 * workspace (os.tmpdir()), or in `folder` (in the workspace, for a test that needs its file watchers).
 */
async function writeScratchPackage(name: string, files: PackageFiles = {}, folder?: vscode.Uri): Promise<{ contract: vscode.Uri; handler: vscode.Uri }> {
  const base = folder ?? tempFolder(`contracts-${name}`);
  folders.push(base);
  // ONEX019 off: a handler without handle() is then the contract's ONEX030, reported in the handler's file with a
  // link back to the contract — the cross-file path these tests follow (with ONEX019 on, the handler's own
  // analysis reports it instead, and the contract stays silent about it).
  const all = {
    ...packageFiles(files),
    'pyproject.toml': '[project]\nname = "omnimarket"\ndependencies = ["omnibase-core==0.46.8"]\n\n[tool.onex-forge]\nrules = { ONEX019 = "off" }\n',
  };
  const at = (path: string) => vscode.Uri.joinPath(base, ...path.split('/'));
  for (const [path, text] of Object.entries(all)) await vscode.workspace.fs.writeFile(at(path), new TextEncoder().encode(text));
  return { contract: at(CONTRACT_PATH), handler: at(HANDLER_PATH) };
}

async function open(uri: vscode.Uri): Promise<{ document: vscode.TextDocument; editor: vscode.TextEditor }> {
  const document = await vscode.workspace.openTextDocument(uri);
  const editor = await vscode.window.showTextDocument(document, { preview: false });
  return { document, editor };
}

/** The verified package in a folder of the workspace whose changes its file watcher reports (watchedScratchFolder). */
async function writeWatchedPackage(name: string): Promise<{ contract: vscode.Uri; handler: vscode.Uri }> {
  return writeScratchPackage(name, {}, await watchedScratchFolder(`contracts-${name}`));
}

function has(rule: string) {
  return (all: readonly vscode.Diagnostic[]) => onexDiagnostics(all).some((d) => ruleIdOf(d) === rule);
}

function lineOf(document: vscode.TextDocument, text: string): number {
  const at = document.getText().indexOf(text);
  assert.ok(at >= 0, `${text} not in ${document.uri.path}`);
  return document.positionAt(at).line;
}

describe('contract.yaml', () => {
  before(async () => {
    await activateExtension();
  });

  // Each test leaves no editor behind: a dirty contract of an earlier test kept open stopped the workspace's
  // file watcher from reporting to the extension host (seen in code-server 4.100.3).
  afterEach(closeAllEditorsWithoutSaving);

  after(async () => {
    await closeAllEditorsWithoutSaving();
    for (const folder of folders) removeFolder(folder);
  });

  it('reports a bad key on open, on its line, and a new one as it is typed', async () => {
    const { contract } = await writeScratchPackage('badkey', { contract: edit(CONTRACT, 'description: "Minimal', 'descripton: "Minimal') });
    const { document, editor } = await open(contract);
    const diagnostics = await waitForDiagnostics(contract, has('ONEX022'), 60_000);
    const bad = onexDiagnostics(diagnostics).find((d) => ruleIdOf(d) === 'ONEX022')!;
    assert.equal(bad.range.start.line, lineOf(document, 'descripton:'));
    assert.equal(bad.message, "Unknown field 'descripton'. Did you mean 'description'? (infra ContractLinter)");
    assert.equal(bad.severity, vscode.DiagnosticSeverity.Warning);
    // Typed, not saved: the next key is reported too.
    await editor.edit((b) => b.insert(new vscode.Position(lineOf(document, 'input_model:'), 0), 'node_nmae: "x"\n'));
    const typed = await waitForDiagnostics(contract, (all) => onexDiagnostics(all).filter((d) => ruleIdOf(d) === 'ONEX022').length === 2, 30_000);
    assert.ok(typed.some((d) => d.message.startsWith("Unknown field 'node_nmae'. Did you mean 'node_name'?")));
    assert.ok(document.isDirty);
  });

  it('offers the keys of the schema where a key goes, with the framework\'s descriptions, and the values of an enum', async () => {
    const { contract } = await writeScratchPackage('complete', { contract: edit(CONTRACT, 'description: "Minimal effect node used to verify the ONEX contract loaders."\n', '') });
    const { document } = await open(contract);
    const at = new vscode.Position(lineOf(document, 'input_model:'), 0);
    const keys = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', contract, at);
    const labels = keys.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    for (const key of ['description', 'dependencies', 'node_name']) assert.ok(labels.includes(key), `${key} not in ${labels.join(', ')}`);
    for (const key of ['node_type', 'handler_routing']) assert.ok(!labels.includes(key), `${key}, already there, is offered again`);
    const description = keys.items.find((i) => i.label === 'description')!;
    assert.ok(description.documentation, 'the key has the framework model\'s description');
    // Values: node_type's enum, after `node_type: `.
    const line = lineOf(document, 'node_type:');
    const values = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', contract, new vscode.Position(line, 'node_type: '.length));
    const valueLabels = values.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    assert.ok(['EFFECT_GENERIC', 'COMPUTE_GENERIC', 'REDUCER_GENERIC', 'ORCHESTRATOR_GENERIC'].every((v) => valueLabels.includes(v)), valueLabels.join(', '));
    // Hover on a key: its description, type and version of the framework it comes from.
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', contract, new vscode.Position(line, 2));
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /\*\*node_type\*\*/);
    assert.match(text, /omnibase-core 0\.46\.8/);
  });

  it('applies a quick fix that removes its diagnostic, and one undo brings both back', async () => {
    const broken = edit(CONTRACT, 'contract_version: {major: 1, minor: 0, patch: 0}', 'version: "1.2.0"');
    const { contract } = await writeScratchPackage('fix', { contract: broken });
    const { document } = await open(contract);
    const diagnostics = await waitForDiagnostics(contract, (all) => onexDiagnostics(all).some((d) => /must use 'contract_version'/.test(d.message)), 60_000);
    const target = onexDiagnostics(diagnostics).find((d) => /must use 'contract_version'/.test(d.message))!;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider', contract, target.range, vscode.CodeActionKind.QuickFix.value, 10);
    const titles = actions.map((a) => a.title);
    for (const expected of ['Disable ONEX021 for this line', 'Show documentation for ONEX021']) assert.ok(titles.includes(expected), `missing "${expected}" in ${JSON.stringify(titles)}`);
    const fix = actions.find((a) => a.title === "Rename 'version' to 'contract_version'");
    assert.ok(fix?.isPreferred && fix.edit, `no resolved fix in ${JSON.stringify(titles)}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.ok(document.getText().includes('contract_version: {major: 1, minor: 2, patch: 0}\n'), document.getText());
    await waitForDiagnostics(contract, (all) => onexDiagnostics(all).length === 0, 30_000);
    await vscode.commands.executeCommand('undo');
    await waitFor(() => (document.getText() === broken ? true : undefined), 10_000, () => 'undo did not restore the contract');
    await waitForDiagnostics(contract, has('ONEX021'), 30_000);
  });

  it("reports a handler's mistake in the handler's file, pointing at the contract, and follows the handler as it is edited", async () => {
    const { contract, handler } = await writeScratchPackage('handler');
    await open(contract);
    const { document, editor } = await open(handler);
    // The handler has its handle(): nothing. Renamed in the editor (unsaved), the contract's check reports it there.
    const at = document.getText().indexOf('async def handle(') + 'async def '.length;
    await editor.edit((b) => b.replace(new vscode.Range(document.positionAt(at), document.positionAt(at + 'handle'.length)), 'process'));
    const found = await waitForDiagnostics(handler, has('ONEX030'), 60_000);
    const d = onexDiagnostics(found).find((x) => ruleIdOf(x) === 'ONEX030')!;
    assert.equal(d.range.start.line, lineOf(document, 'class HandlerSpecdemoWrite'));
    assert.equal(d.relatedInformation?.[0].location.uri.toString(), contract.toString());
    assert.match(d.relatedInformation![0].message, /bound in contract\.yaml/);
    // Put back: gone again.
    await vscode.commands.executeCommand('undo');
    await waitForDiagnostics(handler, (all) => !has('ONEX030')(all), 30_000);
  });

  it('sees a package file changed on disk (the watchers invalidate what the checks read), and the contract\'s edits in that file\'s findings', async () => {
    const { contract, handler } = await writeWatchedPackage('watched');
    const { document, editor } = await open(contract);
    await waitForDiagnostics(contract, (all) => onexDiagnostics(all).length === 0, 60_000);
    // The handler, in no editor, loses its handle() on disk: its finding appears in its file.
    const original = new TextDecoder().decode(await vscode.workspace.fs.readFile(handler));
    await vscode.workspace.fs.writeFile(handler, new TextEncoder().encode(original.replace('async def handle(', 'async def process(')));
    await waitForDiagnostics(handler, has('ONEX030'), 30_000);
    // The contract, edited to bind another class, no longer says anything about that handler; it reports the class it cannot find.
    const at = document.getText().indexOf('name: "HandlerSpecdemoWrite"') + 'name: "'.length;
    await editor.edit((b) => b.replace(new vscode.Range(document.positionAt(at), document.positionAt(at + 'HandlerSpecdemoWrite'.length)), 'HandlerGone'));
    await waitForDiagnostics(handler, (all) => !has('ONEX030')(all), 30_000);
    await waitForDiagnostics(contract, has('ONEX029'), 30_000);
  });
});
