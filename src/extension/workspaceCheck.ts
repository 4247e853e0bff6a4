// "ONEX: Check Workspace": every Python and TypeScript file of the workspace, respecting files.exclude
// and .gitignore, analysed on the scan's worker threads (one per core) with a cancellable progress
// notification. Findings stay in the Problems panel until the file changes (a watcher re-checks
// changed files).
import * as vscode from 'vscode';
import { ProjectPlanner } from '../core/projectConfig';
import { languageOfPath, type AnalysisResult, type EngineConfig } from '../core/types';
import { engineConfigFor } from './config';
import { toDiagnostic } from './diagnostics';
import type { EngineBridge } from './engineBridge';
import { scanByLanguage } from './scanPool';
import { workspaceSourceFiles } from './workspaceNodes';

/** What the workspace index (the ONEX Nodes view) adds to a check: each file's hints, and each file's result. */
export interface CheckListener {
  configFor(uri: vscode.Uri, config: EngineConfig): EngineConfig;
  checked(uri: vscode.Uri, result: AnalysisResult): void;
}

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

  constructor(
    private readonly diagnostics: vscode.DiagnosticCollection,
    private readonly bridge: EngineBridge,
    private readonly output: vscode.LogOutputChannel,
    private readonly extensionUri: vscode.Uri,
    private readonly listener?: CheckListener,
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
  }

  async run(): Promise<{ files: number; findings: number; cancelled: boolean }> {
    const folders = vscode.workspace.workspaceFolders ?? [];
    if (folders.length === 0) {
      void vscode.window.showInformationMessage('ONEX Forge: open a folder to check a workspace.');
      return { files: 0, findings: 0, cancelled: false };
    }
    return vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'ONEX: checking workspace', cancellable: true },
      async (progress, token) => {
        // files.exclude, .gitignore and node_modules are left out here; the project's exclude per file.
        const files = await workspaceSourceFiles(token);
        let findings = 0;
        let done = 0;
        const started = performance.now();
        const scan: ScanPlan = { projects: new ProjectPlanner(), configs: new Map() };
        this.bridge.beginScan();
        // Two files in flight per scan worker: each has its next file while the host reads and converts.
        // TypeScript files gather on the workers that have loaded TypeScript while Python files remain.
        try {
          await scanByLanguage(files, (uri) => languageOfPath(uri.path)!, this.bridge.scanWorkers * 2, async (uri) => {
            try {
              const found = await this.checkFile(uri, 'scan', scan); // (not `findings += await`: lanes interleave)
              findings += found;
            } catch (error) {
              this.output.warn(`${vscode.workspace.asRelativePath(uri)}: ${(error as Error).message}`);
            }
            done++;
            progress.report({ increment: 100 / files.length, message: `${done}/${files.length} files, ${findings} problems` });
          }, () => token.isCancellationRequested, (on) => this.bridge.gatherScan(on));
        } finally {
          this.bridge.endScan();
        }
        const seconds = ((performance.now() - started) / 1000).toFixed(1);
        const cancelled = token.isCancellationRequested;
        this.output.info(`Check Workspace: ${done} of ${files.length} files, ${findings} problems in ${seconds} s${cancelled ? ' (cancelled)' : ''}.`);
        return { files: done, findings, cancelled };
      },
    );
  }

  /**
   * Checks one file from disk (open documents are left to the live analysis). `scan` is what the
   * files of one Check Workspace share.
   */
  async checkFile(uri: vscode.Uri, where: 'worker' | 'scan' = 'worker', scan?: ScanPlan): Promise<number> {
    const language = languageOfPath(uri.path);
    if (!language) return 0;
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (open) return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'onex').length;
    const projects = scan?.projects ?? new ProjectPlanner();
    const project = uri.scheme === 'file' ? projects.projectFor(uri.fsPath) : null;
    if (project && projects.isExcluded(uri.fsPath, project)) return 0;
    // Settings and project configuration are the same for every file of a folder.
    const folder = uri.toString().slice(0, uri.toString().lastIndexOf('/'));
    let config = scan?.configs.get(folder);
    if (!config) {
      config = engineConfigFor(uri, project);
      scan?.configs.set(folder, config);
    }
    const bytes = await vscode.workspace.fs.readFile(uri);
    const text = decoder.decode(bytes);
    const result = await this.bridge.analyze(language, text, this.listener?.configFor(uri, config) ?? config, uri.fsPath, where, { facts: !!this.listener });
    this.listener?.checked(uri, result);
    if (result.skipped) this.output.info(`${vscode.workspace.asRelativePath(uri)}: ${result.skipped.message}`);
    this.diagnostics.set(uri, result.findings.map((f) => toDiagnostic(f, this.extensionUri)));
    this.checked.add(uri.toString());
    return result.findings.length;
  }

  /** Whether the Problems panel holds this file's findings from a check (not from an editor). */
  isChecked(uri: vscode.Uri): boolean {
    return this.checked.has(uri.toString());
  }

  dispose(): void {
    this.watcher.dispose();
  }
}
