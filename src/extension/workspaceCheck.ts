// "ONEX: Check Workspace": every Python and TypeScript file of the workspace, respecting files.exclude
// and .gitignore, analysed on the scan's worker threads (one per core), then every contract.yaml, checked
// with its package on the host by the contract checks (a few milliseconds each), with a cancellable progress
// notification, ending with a notification of the counts (messages.ts) and a "Show Problems" button;
// a cancelled or failed check says so. Findings stay in the Problems panel until the file changes (a
// watcher re-checks changed files).
import { basename } from 'node:path';
import * as vscode from 'vscode';
import { ProjectPlanner } from '../core/projectConfig';
import { languageOfPath, type AnalysisResult, type EngineConfig, type Finding } from '../core/types';
import { engineConfigFor } from './config';
import { toDiagnostic } from './diagnostics';
import type { EngineBridge } from './engineBridge';
import { analysisLine, checkWorkspaceMessage, type CheckOutcome } from './messages';
import { scanByLanguage } from './scanPool';
import type { UserInterface } from './ui';
import { workspaceContractFiles, workspaceSourceFiles } from './workspaceNodes';

/** What the workspace index (the ONEX Nodes view) adds to a check: each file's hints, and each file's result. */
export interface CheckListener {
  configFor(uri: vscode.Uri, config: EngineConfig): EngineConfig;
  checked(uri: vscode.Uri, result: AnalysisResult): void;
}

/**
 * The contract checks (contracts.ts): a contract checked from the disk, its findings in other files published;
 * each such check (Check Workspace's, or after a change in the contract's package) announces its own findings.
 */
export interface ContractChecks {
  checkFromDisk(path: string): Promise<Finding[] | undefined>;
  readonly onDidCheckFromDisk: vscode.Event<{ path: string; findings: Finding[] | undefined }>;
}

const isContract = (uri: vscode.Uri) => basename(uri.path) === 'contract.yaml';

export interface CheckWorkspaceResult {
  /** Files checked. */
  files: number;
  findings: number;
  cancelled: boolean;
  /** What the closing notification says. */
  message: string;
  /** Why the check stopped, when it failed. */
  error?: string;
}

export const SHOW_PROBLEMS = 'Show Problems';
const SHOW_OUTPUT = 'Show Output';

const decoder = new TextDecoder('utf-8');

/** What the files of one Check Workspace share: project configurations and each folder's engine configuration. */
interface ScanPlan {
  projects: ProjectPlanner;
  configs: Map<string, EngineConfig>;
}

export class WorkspaceChecker implements vscode.Disposable {
  /** Files whose diagnostics came from a workspace check rather than an open editor. */
  private readonly checked = new Set<string>();
  private readonly watcher: vscode.FileSystemWatcher;
  private readonly contractsChecked: vscode.Disposable | undefined;

  constructor(
    private readonly diagnostics: vscode.DiagnosticCollection,
    private readonly bridge: EngineBridge,
    private readonly output: vscode.LogOutputChannel,
    private readonly ui: UserInterface,
    private readonly listener?: CheckListener,
    private readonly contracts?: ContractChecks,
  ) {
    this.watcher = vscode.workspace.createFileSystemWatcher('**/*.{py,ts}');
    const recheck = (uri: vscode.Uri) => {
      const key = uri.toString();
      if (!this.checked.has(key)) return;
      if (vscode.workspace.textDocuments.some((d) => d.uri.toString() === key)) return; // the editor owns it
      void this.checkFile(uri).catch(() => this.diagnostics.delete(uri));
    };
    this.watcher.onDidChange(recheck);
    this.watcher.onDidDelete((uri) => {
      this.checked.delete(uri.toString());
      this.diagnostics.delete(uri);
    });
    // A checked contract no editor shows: the contract checks check it again from the disk when it or a file of
    // its package changes (and when its editor closes); what they find replaces what the Problems panel shows.
    this.contractsChecked = contracts?.onDidCheckFromDisk(({ path, findings }) => {
      const uri = vscode.Uri.file(path);
      const key = uri.toString();
      if (!this.checked.has(key) || vscode.workspace.textDocuments.some((d) => d.uri.toString() === key)) return;
      if (findings) this.diagnostics.set(uri, findings.map((f) => toDiagnostic(f)));
      else {
        this.checked.delete(key);
        this.diagnostics.delete(uri);
      }
    });
  }

  async run(): Promise<CheckWorkspaceResult> {
    const folders = vscode.workspace.workspaceFolders ?? [];
    if (folders.length === 0) {
      const message = 'ONEX Forge: open a folder to check a workspace.';
      void this.ui.notify('information', message);
      return { files: 0, findings: 0, cancelled: false, message };
    }
    const outcome: CheckOutcome = { checked: 0, total: 0, problems: 0, seconds: 0, cancelled: false, unreadable: 0 };
    const started = performance.now();
    try {
      await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: 'ONEX: checking workspace', cancellable: true },
        (progress, token) => this.scan(folders, outcome, progress, token),
      );
    } catch (error) {
      outcome.error = (error as Error).message;
      this.output.error(`Check Workspace failed: ${(error as Error).stack ?? outcome.error}`);
    }
    outcome.seconds = (performance.now() - started) / 1000;
    const message = checkWorkspaceMessage(outcome);
    if (outcome.error === undefined) this.output.info(message);
    void this.announce(outcome, message);
    return { files: outcome.checked, findings: outcome.problems, cancelled: outcome.cancelled, message, error: outcome.error };
  }

  /** The closing notification, and what its button does. */
  private async announce(outcome: CheckOutcome, message: string): Promise<void> {
    if (outcome.error !== undefined) {
      if (await this.ui.notify('error', message, SHOW_OUTPUT) === SHOW_OUTPUT) this.output.show();
      return;
    }
    const actions = outcome.problems > 0 ? [SHOW_PROBLEMS] : [];
    if (await this.ui.notify('information', message, ...actions) === SHOW_PROBLEMS) {
      await vscode.commands.executeCommand('workbench.actions.view.problems');
    }
  }

  private async scan(
    folders: readonly vscode.WorkspaceFolder[], outcome: CheckOutcome,
    progress: vscode.Progress<{ message?: string; increment?: number }>, token: vscode.CancellationToken,
  ): Promise<void> {
    // files.exclude, .gitignore and node_modules are left out here; the project's exclude per file.
    const files = await workspaceSourceFiles(folders, token);
    const contracts = this.contracts ? await workspaceContractFiles(folders, token) : [];
    outcome.total = files.length + contracts.length;
    const scan: ScanPlan = { projects: new ProjectPlanner(), configs: new Map() };
    const done = async (uri: vscode.Uri, check: () => Promise<number>) => {
      try {
        const found = await check(); // (not `problems += await`: lanes interleave)
        outcome.problems += found;
      } catch (error) {
        outcome.unreadable++;
        this.output.warn(`${vscode.workspace.asRelativePath(uri)}: ${(error as Error).message}`);
      }
      outcome.checked++;
      progress.report({ increment: 100 / outcome.total, message: `${outcome.checked}/${outcome.total} files, ${outcome.problems} problems` });
    };
    this.bridge.beginScan();
    // Two files in flight per scan worker: each has its next file while the host reads and converts.
    // TypeScript files gather on the workers that have loaded TypeScript while Python files remain.
    try {
      await scanByLanguage(files, (uri) => languageOfPath(uri.path)!, this.bridge.scanWorkers * 2,
        (uri) => done(uri, () => this.checkFile(uri, 'scan', scan)),
        () => token.isCancellationRequested, (on) => this.bridge.gatherScan(on));
    } finally {
      this.bridge.endScan();
    }
    // The contracts after the node code: their checks read the package's Python files.
    for (const uri of contracts) {
      if (token.isCancellationRequested) break;
      await done(uri, () => this.checkFile(uri, 'scan', scan));
    }
    outcome.cancelled = token.isCancellationRequested;
  }

  /**
   * Checks one file from disk (open documents are left to the live analysis). `scan` is what the
   * files of one Check Workspace share.
   */
  async checkFile(uri: vscode.Uri, where: 'worker' | 'scan' = 'worker', scan?: ScanPlan): Promise<number> {
    const language = languageOfPath(uri.path);
    const contract = isContract(uri) && uri.scheme === 'file' && this.contracts;
    if (!language && !contract) return 0;
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (open) return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'onex').length;
    const projects = scan?.projects ?? new ProjectPlanner();
    const project = uri.scheme === 'file' ? projects.projectFor(uri.fsPath) : null;
    if (project && projects.isExcluded(uri.fsPath, project)) return 0;
    if (contract) {
      // Checked from now on: the check's announcement puts its findings in the Problems panel.
      this.checked.add(uri.toString());
      const findings = await contract.checkFromDisk(uri.fsPath).catch((error: unknown) => {
        this.checked.delete(uri.toString());
        throw error;
      });
      if (!findings) throw new Error('could not be read');
      return findings.length;
    }
    if (!language) return 0;
    // Settings and project configuration are the same for every file of a folder.
    const folder = uri.toString().slice(0, uri.toString().lastIndexOf('/'));
    let config = scan?.configs.get(folder);
    if (!config) {
      config = engineConfigFor(uri, project);
      scan?.configs.set(folder, config);
    }
    const bytes = await vscode.workspace.fs.readFile(uri);
    const text = decoder.decode(bytes);
    const started = performance.now();
    const result = await this.bridge.analyze(language, text, this.listener?.configFor(uri, config) ?? config, uri.fsPath, where, { facts: !!this.listener });
    this.listener?.checked(uri, result);
    if (result.skipped) this.output.info(`${vscode.workspace.asRelativePath(uri)}: ${result.skipped.message}`);
    if (this.output.logLevel <= vscode.LogLevel.Debug) {
      this.output.debug(analysisLine(vscode.workspace.asRelativePath(uri), undefined, result, performance.now() - started, where === 'scan' ? 'workspace check' : 'worker'));
    }
    this.diagnostics.set(uri, result.findings.map((f) => toDiagnostic(f)));
    this.checked.add(uri.toString());
    return result.findings.length;
  }

  /** Whether the Problems panel holds this file's findings from a check (not from an editor). */
  isChecked(uri: vscode.Uri): boolean {
    return this.checked.has(uri.toString());
  }

  dispose(): void {
    this.watcher.dispose();
    this.contractsChecked?.dispose();
  }
}
