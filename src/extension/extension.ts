// Activation: cheap wiring only. The Python grammar loads on the first Python analysis; ts-morph
// loads in the worker thread on the first TypeScript analysis; the contract checks on the first
// contract.yaml (or Python file of a package with one); nothing heavy runs here.
import * as vscode from 'vscode';
import { join } from 'node:path';
import { DocumentAnalyzer, languageOf } from './analysis';
import { OnexCodeActionProvider } from './codeActions';
import { OnexCompletionProvider } from './completions';
import { SECTION } from './config';
import { CONTRACT_SELECTOR, ContractCompletionProvider, ContractHoverProvider, ContractWorkspace, isContractDocument } from './contracts';
import { type NodesTreeProvider, registerNodesView } from './nodesView';
import type { NodesModel } from '../core/workspace/nodes';
import { registerWalkthrough } from './walkthrough';
import { WorkspaceNodes } from './workspaceNodes';
import { SHOW_RULE_DOCS, docsUri } from './diagnostics';
import { RULE_META } from '../core/rules/meta';
import { EngineBridge } from './engineBridge';
import { registerScaffoldCommands } from './scaffold';
import { AnalysisStatus } from './status';
import { ClassRoleHoverProvider } from './hover';
import { ScanPool } from './scanPool';
import { UserInterface, type UiEvents } from './ui';
import { WorkerClient } from './workerClient';
import { WorkspaceChecker, type CheckWorkspaceResult } from './workspaceCheck';
import { fixAllSafeInEditor } from './fixAllCommand';

export interface OnexForgeApi {
  /** Analyses a document now (used by tests and other extensions). */
  analyze(document: vscode.TextDocument): Promise<unknown>;
  checkWorkspace(): Promise<CheckWorkspaceResult>;
  /** The notifications and quick picks the extension shows, as events (see ui.ts). */
  ui: UiEvents;
  /** The folder of the extension's logs: the "ONEX Forge" output channel is written there. */
  logUri: vscode.Uri;
  /** The ONEX Nodes view (tests read its tree; `scanned` resolves once its first scan is done). */
  nodes: { tree: NodesTreeProvider; model: NodesModel; scanned(): Promise<void> };
}

export function activate(context: vscode.ExtensionContext): OnexForgeApi {
  const output = vscode.window.createOutputChannel('ONEX Forge', { log: true });
  const ui = new UserInterface();
  const diagnostics = vscode.languages.createDiagnosticCollection('onex');
  const worker = new WorkerClient(join(context.extensionPath, 'dist'), (m) => output.warn(m));
  const scanPool = new ScanPool(join(context.extensionPath, 'dist'), (m) => output.warn(m));
  const contracts = new ContractWorkspace((document) => analyzer.schedule(document, 0));
  const bridge = new EngineBridge(worker, scanPool, contracts);
  // The workspace index and its nodes: fed by every analysis, read by every analysis (cheap: nothing
  // is scanned until the ONEX Nodes view is first shown).
  const nodes = new WorkspaceNodes(bridge, output);
  const status = new AnalysisStatus();
  const analyzer = new DocumentAnalyzer(diagnostics, worker, output, {
    onAnalysed(document, result, durationMs) {
      if (vscode.window.activeTextEditor?.document === document) status.update(result, durationMs);
      nodes.analysed(document.uri, result);
    },
  }, contracts);
  const checker = new WorkspaceChecker(diagnostics, bridge, output, ui, {
    configFor: (uri, config) => nodes.configFor(uri, config),
    checked: (uri, result) => nodes.analysed(uri, result),
  }, contracts);
  const openDocument = (uri: vscode.Uri) => vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  nodes.setHost({
    owns: (uri) => !!openDocument(uri) || checker.isChecked(uri),
    reanalyse: (uri) => {
      const document = openDocument(uri);
      if (document) analyzer.schedule(document, 0);
      else void checker.checkFile(uri).catch(() => undefined);
    },
  });
  const actions = new OnexCodeActionProvider(analyzer, bridge, output);

  context.subscriptions.push(
    output, ui, diagnostics, status, analyzer, checker, contracts, nodes, { dispose: () => worker.dispose() }, { dispose: () => scanPool.dispose() },
    vscode.languages.registerCodeActionsProvider([{ language: 'python' }, { language: 'typescript' }, ...CONTRACT_SELECTOR], actions, OnexCodeActionProvider.metadata),
    vscode.languages.registerCompletionItemProvider(
      [{ language: 'python' }, { language: 'typescript' }], new OnexCompletionProvider(bridge, output), ...OnexCompletionProvider.triggerCharacters),
    // contract.yaml has the language `yaml` only where a YAML extension is installed: the providers go by its name.
    vscode.languages.registerCompletionItemProvider(CONTRACT_SELECTOR, new ContractCompletionProvider(contracts), ':', ' ', '-'),
    vscode.languages.registerHoverProvider(CONTRACT_SELECTOR, new ContractHoverProvider(contracts)),
    vscode.languages.registerHoverProvider([{ language: 'python' }, { language: 'typescript' }],
      new ClassRoleHoverProvider((document) => analyzer.lastResult(document).result)),
    vscode.workspace.onDidOpenTextDocument((d) => analyzer.schedule(d, 0)),
    vscode.workspace.onDidChangeTextDocument((e) => analyzer.onDidChange(e)),
    vscode.workspace.onDidCloseTextDocument((d) => {
      analyzer.forget(d);
      // Keep workspace-check findings for closed files only when the file still exists on disk.
      if (d.uri.scheme !== 'file') diagnostics.delete(d.uri);
      // A contract's findings are its editor's; once closed, what it says comes from the disk again: about other
      // files, and about itself when Check Workspace had reported it (the checker hears the check).
      else if (isContractDocument(d)) {
        diagnostics.delete(d.uri);
        contracts.packageChanged(d.uri.fsPath, 0);
      }
    }),
    vscode.window.onDidChangeActiveTextEditor((editor) => {
      if (!editor) return;
      const { result, durationMs } = analyzer.lastResult(editor.document);
      if (result && durationMs !== undefined) status.update(result, durationMs);
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration(SECTION)) return;
      for (const d of vscode.workspace.textDocuments) analyzer.schedule(d, 0);
    }),
    vscode.commands.registerCommand('onexForge.checkWorkspace', () => checker.run()),
    vscode.commands.registerCommand('onexForge.showOutput', () => output.show()),
    vscode.commands.registerCommand(SHOW_RULE_DOCS, (ruleIds?: string | string[]) => showRuleDocs(context.extensionUri, ui, ruleIds)),
    vscode.commands.registerCommand('onexForge.fixAllSafe', () => fixAllSafeInEditor(bridge, output)),
  );
  registerScaffoldCommands(context, ui, output);
  const tree = registerNodesView(context, nodes, bridge, output);
  registerWalkthrough(context);

  for (const document of vscode.workspace.textDocuments) {
    if (languageOf(document)) analyzer.schedule(document, 0);
  }
  const version = (context.extension.packageJSON as { version?: string }).version ?? '?';
  output.info(`ONEX Forge ${version} activated in VS Code ${vscode.version} (${vscode.env.appName}${vscode.env.remoteName ? `, remote ${vscode.env.remoteName}` : ''}); `
    + `${vscode.workspace.workspaceFolders?.length ?? 0} workspace folder(s). Analyses are logged at the Debug level.`);
  return {
    analyze: (document) => analyzer.analyze(document),
    checkWorkspace: () => checker.run(),
    ui,
    logUri: context.logUri,
    nodes: { tree, model: nodes.model, scanned: () => nodes.ensureScanned() },
  };
}

/**
 * Opens a rule's page rendered (the markdown preview of the copy the build ships in dist/docs/rules/):
 * the rule given, else one picked among those given (the lightbulb's rules of a line), else among all.
 */
async function showRuleDocs(extensionUri: vscode.Uri, ui: UserInterface, ruleIds?: string | string[]): Promise<void> {
  const given = (typeof ruleIds === 'string' ? [ruleIds] : ruleIds ?? []).filter((id) => id in RULE_META);
  const choices = given.length > 0 ? given : Object.keys(RULE_META);
  const id = choices.length === 1 ? choices[0] : await ui.pickOne({
    placeholder: 'Show the documentation of rule…',
    items: choices.map((choice) => ({ label: choice, description: RULE_META[choice as keyof typeof RULE_META].summary })),
  });
  if (!id) return;
  await vscode.commands.executeCommand('markdown.showPreview', docsUri(extensionUri, id));
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
