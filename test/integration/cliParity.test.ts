// Issue 9: the extension and the CLI report the same findings for the same files and configuration.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { EXTENSION_ID, TEMPLATE_NODE, activateExtension, exampleUri, onexDiagnostics, ruleIdOf, waitForDiagnostics } from './util';

interface JsonFinding { file: string; line: number; column: number; endLine: number; endColumn: number; rule: string; severity: string }

const SEVERITY: Record<number, string> = {
  [vscode.DiagnosticSeverity.Error]: 'error',
  [vscode.DiagnosticSeverity.Warning]: 'warning',
  [vscode.DiagnosticSeverity.Information]: 'information',
  [vscode.DiagnosticSeverity.Hint]: 'hint',
};

describe('extension and CLI agree', () => {
  const folder = exampleUri('.scratch/parity');

  before(async () => {
    await activateExtension();
    await vscode.workspace.fs.createDirectory(folder);
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder, 'pyproject.toml'),
      Buffer.from('[tool.onex-forge]\nrules = { ONEX002 = "off", ONEX004 = "error", ONEX010 = "hint" }\n'));
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder, 'node.py'), await vscode.workspace.fs.readFile(exampleUri(TEMPLATE_NODE)));
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(folder, { recursive: true, useTrash: false });
  });

  it('reports the same rules, ranges and severities under the project configuration', async () => {
    const uri = vscode.Uri.joinPath(folder, 'node.py');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const diagnostics = onexDiagnostics(await waitForDiagnostics(uri, (all) => onexDiagnostics(all).some((d) => ruleIdOf(d) === 'ONEX011'), 60_000));
    const fromEditor = diagnostics.map((d) => `${ruleIdOf(d)} ${d.range.start.line + 1}:${d.range.start.character + 1}-${d.range.end.line + 1}:${d.range.end.character + 1} ${SEVERITY[d.severity]}`).sort();

    const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
    const cli = path.join(extension.extensionPath, 'dist', 'cli.js');
    let stdout = '';
    try {
      stdout = execFileSync(process.execPath, [cli, 'check', '--format', 'json', uri.fsPath], { encoding: 'utf8', env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' } });
    } catch (error) {
      stdout = (error as { stdout: string }).stdout; // exit status 1: findings
    }
    const fromCli = (JSON.parse(stdout) as JsonFinding[]).map((f) => `${f.rule} ${f.line}:${f.column}-${f.endLine}:${f.endColumn} ${f.severity}`).sort();

    assert.deepEqual(fromEditor, fromCli);
    assert.ok(!fromCli.some((f) => f.startsWith('ONEX002')), 'ONEX002 is off in pyproject.toml');
    assert.ok(fromCli.some((f) => f.startsWith('ONEX004') && f.endsWith('error')));
    assert.ok(fromCli.some((f) => f.startsWith('ONEX010') && f.endsWith('hint')));
  });
});
