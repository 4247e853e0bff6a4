// The walkthrough's commands (contributes.walkthroughs, "Production-grade ONEX nodes"): each step is
// completed by the command or setting it teaches. Two of them have no command of their own elsewhere:
// applying a fix from the lightbulb (its quick fixes run onexForge.fixApplied after their edit) and
// configuring the project as `onex-forge init` does.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { runInit } from '../cli/init';
import { UsageError } from '../cli/io';

export const WALKTHROUGH_ID = 'onexForge.gettingStarted';

/** Writes a starting configuration in a workspace folder (as `onex-forge init` does) and opens it. */
async function initProject(): Promise<string | undefined> {
  const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file');
  const folder = folders.length <= 1 ? folders[0] : await vscode.window.showWorkspaceFolderPick({ placeHolder: 'Configure ONEX Forge for which folder?' });
  if (!folder) {
    void vscode.window.showInformationMessage('ONEX Forge: open a folder to configure it.');
    return undefined;
  }
  const dir = folder.uri.fsPath;
  const said: string[] = [];
  try {
    runInit([dir], { stdout: (t) => said.push(t), stderr: (t) => said.push(t), readStdin: async () => '', isTTY: false, cwd: dir });
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    // Already configured: show the configuration there is.
    said.push(error.message);
  }
  const json = join(dir, 'onex-forge.json');
  const written = existsSync(json) ? json : join(dir, 'pyproject.toml');
  await vscode.window.showTextDocument(vscode.Uri.file(written));
  void vscode.window.showInformationMessage(`ONEX Forge: ${said.join(' ').trim()}`);
  return written;
}

export function registerWalkthrough(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('onexForge.fixApplied', () => undefined),
    vscode.commands.registerCommand('onexForge.initProject', initProject),
    vscode.commands.registerCommand('onexForge.openWalkthrough', () =>
      vscode.commands.executeCommand('workbench.action.openWalkthrough', `${context.extension.id}#${WALKTHROUGH_ID}`, false)),
  );
}
