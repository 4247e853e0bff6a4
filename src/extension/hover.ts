// The hover over a class name: its role and the file's era, and why (../core/hoverText.ts writes the text).
// Reads the document's last analysis; never analyses itself.
import * as vscode from 'vscode';
import { classHoverText } from '../core/hoverText';
import type { AnalysisResult } from '../core/types';

export class ClassRoleHoverProvider implements vscode.HoverProvider {
  constructor(private readonly lastResult: (document: vscode.TextDocument) => AnalysisResult | undefined) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const text = classHoverText(this.lastResult(document), document.offsetAt(position));
    if (!text) return undefined;
    const markdown = new vscode.MarkdownString(text);
    markdown.isTrusted = false;
    return new vscode.Hover(markdown);
  }
}
