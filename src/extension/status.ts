// The language status item: how many ONEX problems the active file has and how long its last
// analysis took (or why it was skipped).
import * as vscode from 'vscode';
import type { AnalysisResult } from '../core/types';

export class AnalysisStatus implements vscode.Disposable {
  private readonly item: vscode.LanguageStatusItem;

  constructor() {
    this.item = vscode.languages.createLanguageStatusItem('onexForge.status', [
      { language: 'python' }, { language: 'typescript' },
    ]);
    this.item.name = 'ONEX Forge';
    this.item.text = 'ONEX';
    this.item.detail = 'not analysed yet';
    this.item.command = { command: 'onexForge.showOutput', title: 'Show Output' };
  }

  update(result: AnalysisResult, durationMs: number): void {
    const n = result.findings.length;
    if (result.skipped) {
      this.item.text = 'ONEX: skipped';
      this.item.detail = result.skipped.message;
      this.item.severity = vscode.LanguageStatusSeverity.Warning;
      return;
    }
    this.item.text = n === 0 ? 'ONEX: no problems' : `ONEX: ${n} problem${n === 1 ? '' : 's'}`;
    this.item.detail = `analysed in ${durationMs.toFixed(1)} ms (parse ${result.parseMs.toFixed(1)} ms, rules ${result.rulesMs.toFixed(1)} ms)`;
    this.item.severity = vscode.LanguageStatusSeverity.Information;
  }

  dispose(): void {
    this.item.dispose();
  }
}
