// Analyses open documents: on open and, debounced, on change. Small Python files are parsed on the
// extension host with incremental re-parsing (the previous tree is edited as the user types); large
// files and every TypeScript file go to the worker thread; contract.yaml is checked on the extension host
// with its package (contracts.ts). A result for an old version is dropped.
import * as vscode from 'vscode';
import type { Tree } from 'web-tree-sitter';
import { analyzeWith, finalizeFindings, precheck } from '../core/engine';
import { contractChecksPackage } from '../core/contracts';
import { getPythonFrontEnd } from '../core/python/frontend';
import type { AnalysisResult, EngineConfig, FileKind, LanguageId } from '../core/types';
import { analysisConfigFor, settingsFor } from './config';
import { isContractDocument, type ContractWorkspace } from './contracts';
import { toDiagnostic } from './diagnostics';
import { analysisLine } from './messages';
import type { WorkerClient } from './workerClient';

/** Schemes whose documents are analysed; everything else (git:, output:, notebook cells, …) is left alone. */
export const ANALYSED_SCHEMES = new Set(['file', 'untitled', 'vscode-vfs', 'vscode-remote']);
/** Above this many characters a Python file is analysed off the extension host's thread. */
const MAIN_THREAD_LIMIT = 200_000;

/** What the checks make of a document: node code by its language, a contract by its name (contract.yaml). */
export function languageOf(document: vscode.TextDocument): FileKind | null {
  if (!ANALYSED_SCHEMES.has(document.uri.scheme)) return null;
  if (document.languageId === 'python') return 'python';
  if (document.languageId === 'typescript') return 'typescript';
  if (isContractDocument(document)) return 'contract';
  return null;
}

interface DocumentState {
  version: number;
  tree?: Tree;
  timer?: NodeJS.Timeout;
  lastResult?: AnalysisResult;
  lastDurationMs?: number;
  /** The last skip message shown, so one file says it once. */
  announcedSkip?: string;
}

export interface AnalysisEvents {
  onAnalysed(document: vscode.TextDocument, result: AnalysisResult, durationMs: number): void;
}

/** The path the checks read a document's package from: a file's own; none for other schemes. */
function pathOf(document: vscode.TextDocument): string | undefined {
  return document.uri.scheme === 'file' ? document.uri.fsPath : undefined;
}

export class DocumentAnalyzer implements vscode.Disposable {
  private readonly states = new Map<string, DocumentState>();

  constructor(
    private readonly diagnostics: vscode.DiagnosticCollection,
    private readonly worker: WorkerClient,
    private readonly output: vscode.LogOutputChannel,
    private readonly events: AnalysisEvents,
    private readonly contracts: ContractWorkspace,
  ) {}

  lastResult(document: vscode.TextDocument): { result?: AnalysisResult; durationMs?: number } {
    const s = this.states.get(document.uri.toString());
    return { result: s?.lastResult, durationMs: s?.lastDurationMs };
  }

  /** Keeps the cached Python tree in step with each change so the next parse is incremental. */
  onDidChange(event: vscode.TextDocumentChangeEvent): void {
    const language = languageOf(event.document);
    if (!language || event.contentChanges.length === 0) return;
    const state = this.states.get(event.document.uri.toString());
    if (state?.tree) {
      if (state.version === event.document.version - 1) {
        for (const change of event.contentChanges) editTree(state.tree, change);
      } else {
        state.tree.delete();
        state.tree = undefined;
      }
      state.version = event.document.version;
    }
    this.schedule(event.document, settingsFor(event.document.uri).debounceMs);
  }

  schedule(document: vscode.TextDocument, delayMs: number): void {
    if (!languageOf(document)) return;
    const key = document.uri.toString();
    const state = this.states.get(key) ?? { version: -1 };
    this.states.set(key, state);
    if (state.timer) clearTimeout(state.timer);
    state.timer = setTimeout(() => {
      state.timer = undefined;
      void this.analyze(document);
    }, delayMs);
  }

  forget(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    const state = this.states.get(key);
    if (state?.timer) clearTimeout(state.timer);
    state?.tree?.delete();
    this.states.delete(key);
  }

  /** Analyses now and publishes the diagnostics, unless the document changed meanwhile. Never throws. */
  async analyze(document: vscode.TextDocument): Promise<AnalysisResult | undefined> {
    const language = languageOf(document);
    if (!language || document.isClosed) return undefined;
    if (!settingsFor(document.uri).enable) {
      this.diagnostics.delete(document.uri);
      return undefined;
    }
    const version = document.version;
    const text = document.getText();
    const config = analysisConfigFor(document.uri);
    const started = performance.now();
    // (Contracts are checked here too: their checks read the package through the open documents.)
    const here = language === 'contract' || (language === 'python' && text.length <= MAIN_THREAD_LIMIT);
    let result: AnalysisResult;
    try {
      if (language === 'contract') result = analyzeWith(await this.contracts.frontEnd(), text, config, pathOf(document));
      else if (here) result = await this.analyzePythonHere(document, text, config);
      else result = await this.analyzeInWorker(language, text, config, document.uri.fsPath, config.timeBudgetMs * 3 + 5000);
    } catch (error) {
      this.output.error(`Analysis of ${document.uri.fsPath} failed: ${(error as Error).message}`);
      return undefined;
    }
    if (document.isClosed || document.version !== version) return undefined; // stale: a newer run follows
    const durationMs = performance.now() - started;
    if (this.output.logLevel <= vscode.LogLevel.Debug) {
      this.output.debug(analysisLine(vscode.workspace.asRelativePath(document.uri), document.version, result, durationMs, here ? 'extension host' : 'worker'));
    }
    const key = document.uri.toString();
    const state = this.states.get(key) ?? { version };
    state.lastResult = result;
    state.lastDurationMs = durationMs;
    this.states.set(key, state);
    this.report(document, result, state);
    this.diagnostics.set(document.uri, result.findings.map((f) => toDiagnostic(f, document.uri)));
    const path = pathOf(document);
    // A contract's findings in its package's files; a Python file's package contract checked again with it.
    if (language === 'contract' && path) this.contracts.publishElsewhere(path, result.otherFiles);
    else if (language === 'python' && config.packageFacts && contractChecksPackage(config)) {
      this.contracts.packageChanged(config.packageFacts.contract, settingsFor(document.uri).debounceMs);
    }
    this.events.onAnalysed(document, result, durationMs);
    return result;
  }

  private report(document: vscode.TextDocument, result: AnalysisResult, state: DocumentState): void {
    if (!result.skipped) {
      state.announcedSkip = undefined;
      return;
    }
    const message = `${vscode.workspace.asRelativePath(document.uri)}: ${result.skipped.message}`;
    this.output.warn(message);
    if (result.skipped.kind === 'too-large' && state.announcedSkip !== result.skipped.kind) {
      void vscode.window.showInformationMessage(`ONEX Forge: ${message}`);
    }
    state.announcedSkip = result.skipped.kind;
  }

  private async analyzePythonHere(document: vscode.TextDocument, text: string, config: EngineConfig): Promise<AnalysisResult> {
    const skipped = precheck(text, config);
    if (skipped) return { findings: [], skipped, syntaxErrors: 0, parseMs: 0, rulesMs: 0 };
    const frontEnd = await getPythonFrontEnd();
    if (document.isClosed) return { findings: [], syntaxErrors: 0, parseMs: 0, rulesMs: 0 };
    const key = document.uri.toString();
    const state = this.states.get(key) ?? { version: document.version };
    this.states.set(key, state);
    const previous = state.tree && state.version === document.version ? state.tree : undefined;
    try {
      // The facts feed the workspace index (the ONEX Nodes view) as the user types.
      const analysis = frontEnd.findRawKeepingTree(text, config, previous, document.uri.fsPath, undefined, { facts: true });
      if (state.tree && state.tree !== analysis.tree) state.tree.delete();
      state.tree = analysis.tree;
      state.version = document.version;
      return {
        findings: finalizeFindings(text, analysis, config),
        syntaxErrors: analysis.syntaxErrors,
        parseMs: analysis.parseMs,
        rulesMs: analysis.rulesMs,
        era: analysis.era,
        classes: analysis.classes,
        skipped: analysis.outOfTime ? { kind: 'time-budget', message: `Stopped: analysis took longer than ${config.timeBudgetMs} ms (setting onexForge.timeBudgetMs).` } : undefined,
        facts: analysis.facts,
      };
    } catch {
      state.tree?.delete();
      state.tree = undefined;
      return analyzeWith(frontEnd, text, config, document.uri.fsPath, undefined, { facts: true });
    }
  }

  private async analyzeInWorker(language: LanguageId, text: string, config: EngineConfig, fileName: string, timeoutMs: number): Promise<AnalysisResult> {
    const response = await this.worker.request({ kind: 'analyze', language, text, config, fileName, facts: true }, timeoutMs);
    if (!response.ok) throw new Error(response.error);
    if (response.kind !== 'analyze') throw new Error('unexpected worker answer');
    return response.result;
  }

  dispose(): void {
    for (const state of this.states.values()) {
      if (state.timer) clearTimeout(state.timer);
      state.tree?.delete();
    }
    this.states.clear();
  }
}

/** Translates one VS Code content change into tree-sitter's edit (UTF-16 indexes and columns). */
function editTree(tree: Tree, change: vscode.TextDocumentContentChangeEvent): void {
  const startIndex = change.rangeOffset;
  const oldEndIndex = change.rangeOffset + change.rangeLength;
  const newEndIndex = change.rangeOffset + change.text.length;
  const startPosition = { row: change.range.start.line, column: change.range.start.character };
  const oldEndPosition = { row: change.range.end.line, column: change.range.end.character };
  const lines = change.text.split(/\r\n|\r|\n/);
  const newEndPosition = lines.length === 1
    ? { row: startPosition.row, column: startPosition.column + lines[0].length }
    : { row: startPosition.row + lines.length - 1, column: lines[lines.length - 1].length };
  tree.edit({ startIndex, oldEndIndex, newEndIndex, startPosition, oldEndPosition, newEndPosition });
}
