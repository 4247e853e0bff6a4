// Issue 9: the extension and the CLI report the same findings for the same files and configuration.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  EXTENSION_ID, TEMPLATE_NODE, activateExtension, closeAllEditorsWithoutSaving, exampleUri, onexDiagnostics, removeFolder, ruleIdOf,
  tempFolder, waitForDiagnostics,
} from './util';

interface JsonFinding { file: string; line: number; column: number; endLine: number; endColumn: number; rule: string; severity: string }

const SEVERITY: Record<number, string> = {
  [vscode.DiagnosticSeverity.Error]: 'error',
  [vscode.DiagnosticSeverity.Warning]: 'warning',
  [vscode.DiagnosticSeverity.Information]: 'information',
  [vscode.DiagnosticSeverity.Hint]: 'hint',
};

describe('extension and CLI agree', () => {
  let folder: vscode.Uri;

  before(async () => {
    await activateExtension();
    folder = tempFolder('parity');
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder, 'pyproject.toml'),
      Buffer.from('[tool.onex-forge]\nrules = { ONEX002 = "off", ONEX004 = "error", ONEX010 = "hint" }\n'));
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder, 'node.py'), await vscode.workspace.fs.readFile(exampleUri(TEMPLATE_NODE)));
  });

  after(async () => {
    await closeAllEditorsWithoutSaving();
    if (folder) removeFolder(folder);
  });

  const label = (d: vscode.Diagnostic) => `${ruleIdOf(d)} ${d.range.start.line + 1}:${d.range.start.character + 1}-${d.range.end.line + 1}:${d.range.end.character + 1} ${SEVERITY[d.severity]}`;

  /** The CLI's findings for a file, or for `text` given as that file on standard input. */
  function cliFindings(file: string, text?: string): string[] {
    const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
    const cli = path.join(extension.extensionPath, 'dist', 'cli.js');
    const args = text === undefined ? [cli, 'check', '--format', 'json', file] : [cli, 'check', '--format', 'json', '--stdin-filename', file];
    let stdout = '';
    try {
      stdout = execFileSync(process.execPath, args, { encoding: 'utf8', input: text, env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' } });
    } catch (error) {
      stdout = (error as { stdout: string }).stdout; // exit status 1: findings
    }
    return (JSON.parse(stdout) as JsonFinding[]).map((f) => `${f.rule} ${f.line}:${f.column}-${f.endLine}:${f.endColumn} ${f.severity}`).sort();
  }

  it('after edits typed into the open file, the editor reports what the CLI finds in the edited text', async () => {
    // The editor re-analyses incrementally (the kept tree is edited, the syntax view copies what the
    // re-parse reused); the CLI analyses the same text from scratch.
    const uri = vscode.Uri.joinPath(folder, 'node.py');
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    await waitForDiagnostics(uri, (all) => onexDiagnostics(all).some((d) => ruleIdOf(d) === 'ONEX011'), 60_000);
    const document = editor.document;
    const code = document.getText().indexOf('CONNECTION_ERROR');
    assert.ok(code > 0, 'the template node names CONNECTION_ERROR');
    const edits: [number, number, string][] = [
      [document.getText().length, document.getText().length, '\n\ndef _elapsed():\n    began = time.time()\n    return time.time() - began\n'],
      [code, code + 'CONNECTION_ERROR'.length, 'NETWORK_ERROR'],
      [document.getText().indexOf('"receipt"') + 1, document.getText().indexOf('"receipt"') + 1, 'x'],
    ];
    try {
      // One change event per edit, last in the file first, so the offsets hold.
      for (const [start, end, text] of edits.sort((a, b) => b[0] - a[0])) {
        assert.ok(await editor.edit((b) => b.replace(new vscode.Range(document.positionAt(start), document.positionAt(end)), text)));
      }
      const expected = cliFindings(uri.fsPath, document.getText());
      const addedLine = document.positionAt(document.getText().indexOf('began = time.time()')).line;
      assert.ok(expected.some((f) => f.startsWith(`ONEX010 ${addedLine + 1}:`)) && !expected.some((f) => f.startsWith('ONEX011')),
        'the edits add an ONEX010 finding and remove the ONEX011 one');
      // The analysis of the last edit lands after those of the earlier ones: wait for it, not for the first
      // publication that shows the new finding.
      const settled = await waitForDiagnostics(uri, (all) => JSON.stringify(onexDiagnostics(all).map(label).sort()) === JSON.stringify(expected), 60_000)
        .catch(() => vscode.languages.getDiagnostics(uri)); // (then the assertion shows the difference)
      assert.deepEqual(onexDiagnostics(settled).map(label).sort(), expected);
    } finally {
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
  });

  it('reports the same rules, ranges and severities under the project configuration', async () => {
    const uri = vscode.Uri.joinPath(folder, 'node.py');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const diagnostics = onexDiagnostics(await waitForDiagnostics(uri, (all) => onexDiagnostics(all).some((d) => ruleIdOf(d) === 'ONEX011'), 60_000));
    const fromEditor = diagnostics.map(label).sort();
    const fromCli = cliFindings(uri.fsPath);

    assert.deepEqual(fromEditor, fromCli);
    assert.ok(!fromCli.some((f) => f.startsWith('ONEX002')), 'ONEX002 is off in pyproject.toml');
    assert.ok(fromCli.some((f) => f.startsWith('ONEX004') && f.endsWith('error')));
    assert.ok(fromCli.some((f) => f.startsWith('ONEX010') && f.endsWith('hint')));
  });
});
