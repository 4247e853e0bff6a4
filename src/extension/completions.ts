// ONEX patterns and whole-node file templates as completion items: the core (../core/completions)
// decides which belong at the cursor for the file's era and computes each item's snippet and the
// edits that make it whole (imports, helper methods); this provider only asks and translates. Python
// is answered on the extension host for ordinary files, TypeScript in the worker thread that holds
// the compiler.
import * as vscode from 'vscode';
import { cursorLine } from '../core/completions/cursor';
import { mayMatchAnItem } from '../core/completions/labels';
import type { OnexCompletionItem } from '../core/completions/types';
import { languageOf } from './analysis';
import { engineConfigFor, settingsFor } from './config';
import type { EngineBridge } from './engineBridge';

export class OnexCompletionProvider implements vscode.CompletionItemProvider {
  /** `-` continues a prefix such as `onex-he` (it is not a word character, so it would end the session). */
  static readonly triggerCharacters = ['-'];

  constructor(private readonly bridge: EngineBridge, private readonly output: vscode.LogOutputChannel) {}

  async provideCompletionItems(
    document: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken,
  ): Promise<vscode.CompletionItem[] | undefined> {
    const language = languageOf(document);
    // (contract.yaml has completion of its own: contracts.ts.)
    if (!language || language === 'contract' || !settingsFor(document.uri).enable) return undefined;
    const text = document.getText();
    const offset = document.offsetAt(position);
    // Cheap first: most completions happen inside expressions, where no snippet belongs, or for words
    // no item's label can match.
    const cursor = cursorLine(text, offset);
    if (!cursor || !mayMatchAnItem(cursor.word)) return undefined;
    try {
      const result = await this.bridge.completions(language, {
        text,
        offset,
        config: engineConfigFor(document.uri),
        fileName: document.uri.scheme === 'file' ? document.uri.fsPath : undefined,
        runtimeModule: settingsFor(document.uri).runtimeModule,
      });
      if (token.isCancellationRequested) return undefined;
      return result.items.map((item) => toCompletionItem(document, item));
    } catch (error) {
      this.output.error(`ONEX completions in ${document.uri.fsPath} failed: ${(error as Error).message}`);
      return undefined;
    }
  }
}

function rangeOf(document: vscode.TextDocument, start: number, end: number): vscode.Range {
  return new vscode.Range(document.positionAt(start), document.positionAt(end));
}

export function toCompletionItem(document: vscode.TextDocument, item: OnexCompletionItem): vscode.CompletionItem {
  const completion = new vscode.CompletionItem(
    { label: item.label, description: item.detail },
    item.kind === 'file-template' ? vscode.CompletionItemKind.File : vscode.CompletionItemKind.Snippet,
  );
  completion.insertText = new vscode.SnippetString(item.snippet);
  completion.range = rangeOf(document, item.replace.start, item.replace.end);
  completion.filterText = item.label;
  completion.sortText = item.sortText;
  completion.preselect = item.preselect;
  completion.detail = item.detail;
  completion.documentation = new vscode.MarkdownString(item.documentation);
  completion.additionalTextEdits = item.additionalTextEdits.map((e) => vscode.TextEdit.replace(rangeOf(document, e.start, e.end), e.newText));
  return completion;
}
