// "ONEX: Fix All Safe Problems in File": the same safe fixes as source.fixAll.onex, on demand.
import * as vscode from 'vscode';
import { languageOf } from './analysis';
import { analysisConfigFor } from './config';
import { type EngineBridge, minimalReplacement } from './engineBridge';

export async function fixAllSafeInEditor(bridge: EngineBridge, output: vscode.LogOutputChannel): Promise<number> {
  const editor = vscode.window.activeTextEditor;
  const language = editor && languageOf(editor.document);
  if (!editor || !language) {
    void vscode.window.showInformationMessage('ONEX Forge: open a Python, TypeScript or contract.yaml file first.');
    return 0;
  }
  const document = editor.document;
  const version = document.version;
  const text = document.getText();
  const result = await bridge.fixAll(language, text, analysisConfigFor(document.uri), null, true, document.uri.fsPath);
  for (const reason of result.refused) output.warn(reason);
  const replacement = minimalReplacement(text, result.text);
  if (!replacement) {
    void vscode.window.setStatusBarMessage('ONEX: no safe fixes to apply', 3000);
    return 0;
  }
  if (document.version !== version) {
    void vscode.window.showWarningMessage('ONEX Forge: the file changed while fixes were computed; nothing was applied.');
    return 0;
  }
  await editor.edit((b) => b.replace(new vscode.Range(document.positionAt(replacement.start), document.positionAt(replacement.end)), replacement.newText));
  return result.applied;
}
