// "ONEX: Check Workspace" in a real VS Code: every Python and TypeScript file of the example workspace
// is checked on the scan's worker threads, files not open in an editor get their diagnostics, a
// production node gets none, and git-ignored files are skipped. It ends with a notification giving
// the counts and a "Show Problems" button.
import { strict as assert } from 'node:assert';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import {
  type OnexForgeTestApi, TEMPLATE_NODE, exampleUri, examplesRoot, nextEvent, onexApi, onexDiagnostics, removeFolder, ruleIdOf,
  waitForDiagnostics, workspaceScratchFolder,
} from './util';

/** .py and .ts files under examples/, as Check Workspace should find them (.scratch is git-ignored). */
function exampleFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === '.scratch' || e.name === 'node_modules' || e.name === '__pycache__') continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...exampleFiles(p));
    else if (e.name.endsWith('.py') || (e.name.endsWith('.ts') && !e.name.endsWith('.d.ts'))) out.push(p);
  }
  return out;
}

describe('Check Workspace', () => {
  // A git-ignored file must sit in the workspace: examples/.scratch/ (git ignores it), removed after.
  let scratch: vscode.Uri;
  let ignored: vscode.Uri;
  let api: OnexForgeTestApi;

  before(async () => {
    api = await onexApi();
    scratch = workspaceScratchFolder('workspace-check');
    ignored = vscode.Uri.joinPath(scratch, 'node_ignored.py');
    writeFileSync(ignored.fsPath, 'import time\n\n\nclass NodeIgnoredEffect(NodeEffect):\n    def run(self):\n        start = time.time()\n        return time.time() - start\n');
  });

  after(() => {
    if (scratch) removeFolder(scratch);
  });

  it('checks every file, reports the template nodes, leaves the production node and ignored files clean', async () => {
    const expected = exampleFiles(examplesRoot().fsPath).length;
    const result = await api.checkWorkspace();
    assert.equal(result.cancelled, false);
    assert.equal(result.files, expected, 'every .py and .ts file of examples/ but the git-ignored ones');

    const tsTemplate = exampleUri('typescript/nodes/payment_gateway/node.ts');
    const ts = await waitForDiagnostics(tsTemplate, (all) => onexDiagnostics(all).length > 0, 60_000);
    const tsRules = new Set(onexDiagnostics(ts).map(ruleIdOf));
    for (const id of ['ONEX001', 'ONEX005', 'ONEX010']) assert.ok(tsRules.has(id), `${id} on the TypeScript template node (got ${[...tsRules].join(', ')})`);

    const pyTemplate = onexDiagnostics(vscode.languages.getDiagnostics(exampleUri(TEMPLATE_NODE)));
    assert.ok(pyTemplate.length >= 9, `the Python template node has ${pyTemplate.length} ONEX diagnostics`);
    assert.ok(result.findings >= pyTemplate.length + onexDiagnostics(ts).length, `${result.findings} findings in all`);

    assert.deepEqual(onexDiagnostics(vscode.languages.getDiagnostics(exampleUri('nodes/ledger_writer/node.py'))).map(ruleIdOf), []);
    assert.deepEqual(onexDiagnostics(vscode.languages.getDiagnostics(ignored)).map(ruleIdOf), [], 'a git-ignored file is not checked');
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
