// The language status items: how many ONEX problems the active file has and how long its last
// analysis took (or why it was skipped); and which framework era the file was given, and why.
import * as vscode from 'vscode';
import type { AnalysisResult } from '../core/types';
import { CONTRACT_SELECTOR } from './contracts';

const SELECTOR: vscode.DocumentSelector = [{ language: 'python' }, { language: 'typescript' }, ...CONTRACT_SELECTOR];

export class AnalysisStatus implements vscode.Disposable {
  private readonly item: vscode.LanguageStatusItem;
  private readonly eraItem: vscode.LanguageStatusItem;

  constructor() {
    this.item = vscode.languages.createLanguageStatusItem('onexForge.status', SELECTOR);
    this.item.name = 'ONEX Forge';
    this.item.text = 'ONEX';
    this.item.detail = 'not analysed yet';
    this.item.command = { command: 'onexForge.showOutput', title: 'Show Output' };
    this.eraItem = vscode.languages.createLanguageStatusItem('onexForge.era', SELECTOR);
    this.eraItem.name = 'ONEX Forge: framework era';
    this.eraItem.text = 'ONEX era';
    this.eraItem.command = { command: 'workbench.action.openSettings', title: 'Choose the era', arguments: ['onexForge.frameworkTarget'] };
  }

  update(result: AnalysisResult, durationMs: number): void {
    this.showEra(result);
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

  private showEra(result: AnalysisResult): void {
    if (!result.era) {
      this.eraItem.text = 'ONEX era';
      this.eraItem.detail = 'not analysed';
      return;
    }
    this.eraItem.text = result.era.era === 'bridge' ? 'ONEX: bridge era' : "ONEX: today's framework";
    // The reason reads "<era label>: <why>"; the text already names the era.
    this.eraItem.detail = result.era.reason.slice(result.era.reason.indexOf(': ') + 2);
  }

  dispose(): void {
    this.item.dispose();
    this.eraItem.dispose();
  }
}
