// "ONEX: Check Workspace" in a real VS Code: every Python and TypeScript file of the example workspace
// is checked on the scan's worker threads, and every contract.yaml with its package; files not open in an
// editor get their diagnostics, a production node and a valid contract get none, and git-ignored files are
// skipped. It ends with a notification giving
// the counts and a "Show Problems" button.
import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import {
  type OnexForgeTestApi, TEMPLATE_NODE, exampleUri, examplesRoot, nextEvent, onexApi, onexDiagnostics, removeFolder, ruleIdOf,
  waitForDiagnostics, workspaceScratchFolder,
} from './util';

/** .py and .ts files and contracts under examples/, as Check Workspace should find them (.scratch is git-ignored). */
function exampleFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === '.scratch' || e.name === 'node_modules' || e.name === '__pycache__') continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...exampleFiles(p));
    else if (e.name.endsWith('.py') || (e.name.endsWith('.ts') && !e.name.endsWith('.d.ts')) || e.name === 'contract.yaml') out.push(p);
  }
  return out;
}

const TODAY_CONTRACT = 'today/src/acme_billing/nodes/node_invoice_send_effect/contract.yaml';

describe('Check Workspace', () => {
  // A git-ignored file must sit in the workspace: examples/.scratch/ (git ignores it), removed after.
  let scratch: vscode.Uri;
  let ignored: vscode.Uri;
  let api: OnexForgeTestApi;
  // A contract with a misspelt key, in no editor, in today's example project (not git-ignored), removed after.
  let probe: string | undefined;
  let misspelt: vscode.Uri;

  before(async () => {
    api = await onexApi();
    scratch = workspaceScratchFolder('workspace-check');
    ignored = vscode.Uri.joinPath(scratch, 'node_ignored.py');
    writeFileSync(ignored.fsPath, 'import time\n\n\nclass NodeIgnoredEffect(NodeEffect):\n    def run(self):\n        start = time.time()\n        return time.time() - start\n');
    probe = mkdtempSync(join(examplesRoot().fsPath, 'today', 'check-probe-'));
    misspelt = vscode.Uri.file(join(probe, 'contract.yaml'));
    const valid = readFileSync(exampleUri(TODAY_CONTRACT).fsPath, 'utf8');
    writeFileSync(misspelt.fsPath, valid.replace('\ndescription: ', '\ndescripton: '));
  });

  after(() => {
    if (scratch) removeFolder(scratch);
    if (probe) rmSync(probe, { recursive: true, force: true });
  });

  it('checks every file, reports the template nodes, leaves the production node and ignored files clean', async () => {
    const expected = exampleFiles(examplesRoot().fsPath).length;
    const result = await api.checkWorkspace();
    assert.equal(result.cancelled, false);
    assert.equal(result.files, expected, 'every .py and .ts file and every contract.yaml of examples/ but the git-ignored ones');

    const tsTemplate = exampleUri('typescript/nodes/payment_gateway/node.ts');
    const ts = await waitForDiagnostics(tsTemplate, (all) => onexDiagnostics(all).length > 0, 60_000);
    const tsRules = new Set(onexDiagnostics(ts).map(ruleIdOf));
    for (const id of ['ONEX001', 'ONEX005', 'ONEX010']) assert.ok(tsRules.has(id), `${id} on the TypeScript template node (got ${[...tsRules].join(', ')})`);

    const pyTemplate = onexDiagnostics(vscode.languages.getDiagnostics(exampleUri(TEMPLATE_NODE)));
    assert.ok(pyTemplate.length >= 9, `the Python template node has ${pyTemplate.length} ONEX diagnostics`);
    assert.ok(result.findings >= pyTemplate.length + onexDiagnostics(ts).length, `${result.findings} findings in all`);

    assert.deepEqual(onexDiagnostics(vscode.languages.getDiagnostics(exampleUri('nodes/ledger_writer/node.py'))).map(ruleIdOf), []);
    assert.deepEqual(onexDiagnostics(vscode.languages.getDiagnostics(ignored)).map(ruleIdOf), [], 'a git-ignored file is not checked');

    // Contracts no editor shows: the misspelt key is reported on its line; the valid ones get nothing.
    const key = onexDiagnostics(vscode.languages.getDiagnostics(misspelt)).find((d) => ruleIdOf(d) === 'ONEX022');
    assert.ok(key, `ONEX022 on the misspelt key (got ${onexDiagnostics(vscode.languages.getDiagnostics(misspelt)).map(ruleIdOf).join(', ')})`);
    assert.match(key.message, /Unknown field 'descripton'/);
    assert.equal(key.range.start.line, readFileSync(misspelt.fsPath, 'utf8').split('\n').findIndex((l) => l.startsWith('descripton:')));
    for (const valid of [TODAY_CONTRACT, 'nodes/ledger_writer/contract.yaml']) {
      assert.deepEqual(onexDiagnostics(vscode.languages.getDiagnostics(exampleUri(valid))).map(ruleIdOf), [], `${valid} is valid`);
    }
  });

  it('a checked contract opened, edited and closed without saving shows what the disk says again', async () => {
    await api.checkWorkspace();
    const document = await vscode.workspace.openTextDocument(misspelt);
    const editor = await vscode.window.showTextDocument(document, { preview: false });
    const line = document.lineAt(document.getText().split('\n').findIndex((l) => l.startsWith('descripton:')));
    await editor.edit((b) => b.replace(new vscode.Range(line.range.start, line.range.start.translate(0, 'descripton'.length)), 'description'));
    await waitForDiagnostics(misspelt, (all) => !onexDiagnostics(all).some((d) => ruleIdOf(d) === 'ONEX022'), 30_000);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await waitForDiagnostics(misspelt, (all) => onexDiagnostics(all).some((d) => ruleIdOf(d) === 'ONEX022'), 30_000);
  });

  it('a checked contract changed on disk is checked again, and its findings follow', async () => {
    await api.checkWorkspace();
    await waitForDiagnostics(misspelt, (all) => onexDiagnostics(all).some((d) => ruleIdOf(d) === 'ONEX022'), 30_000);
    const text = readFileSync(misspelt.fsPath, 'utf8');
    try {
      await vscode.workspace.fs.writeFile(misspelt, Buffer.from(text.replace('\ndescripton: ', '\ndescription: ')));
      await waitForDiagnostics(misspelt, (all) => !onexDiagnostics(all).some((d) => ruleIdOf(d) === 'ONEX022'), 30_000);
    } finally {
      await vscode.workspace.fs.writeFile(misspelt, Buffer.from(text));
    }
    await waitForDiagnostics(misspelt, (all) => onexDiagnostics(all).some((d) => ruleIdOf(d) === 'ONEX022'), 30_000);
  });

  it('ends with a notification of the counts and a "Show Problems" button', async () => {
    const notice = nextEvent(api.ui.onDidShowNotice, (n) => n.message.startsWith('ONEX Check Workspace'));
    const result = await api.checkWorkspace();
    const shown = await notice;
    assert.match(result.message, new RegExp(`^ONEX Check Workspace: ${result.files} files, ${result.findings} problems in \\d+\\.\\d s\\.$`));
    assert.ok(result.files > 0 && result.findings > 0, result.message);
    assert.deepEqual({ severity: shown.severity, message: shown.message, actions: shown.actions },
      { severity: 'information', message: result.message, actions: ['Show Problems'] });
    // The button runs a command this VS Code has; answering as the user would runs it without error.
    assert.ok((await vscode.commands.getCommands(true)).includes('workbench.actions.view.problems'));
    shown.answer('Show Problems');
  });
});
