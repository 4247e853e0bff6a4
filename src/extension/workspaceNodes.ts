// The extension's workspace index and nodes (src/core/workspace/nodes.ts), kept up to date without a
// manual refresh: every analysis of an open document and every file of Check Workspace feeds it; a
// file changed, created or deleted on disk is read again on the editors' worker; contracts and project
// files are watched. The first time the ONEX Nodes view is shown, a scan on the scan workers (off the
// extension host's thread) reads every file of the workspace, so the view shows every node without the
// user running anything. When a change alters what the index says of other files (a base that stops
// being a node), their analyses are brought up to date.
import * as vscode from 'vscode';
import { GitIgnore } from '../core/gitignore';
import type { EraSetting } from '../core/era';
import { type AnalysisResult, type EngineConfig, languageOfPath } from '../core/types';
import { type WorkspaceHints, withHints } from '../core/workspace/facts';
import { NodesModel } from '../core/workspace/nodes';
import { SECTION, analysisConfigFor, engineConfigFor, provideWorkspaceHints } from './config';
import type { EngineBridge } from './engineBridge';
import { scanByLanguage } from './scanPool';

/** Files of the workspace that are analysed: Python and TypeScript, minus node_modules, files.exclude and .gitignore. */
export function workspaceSourceFiles(folders: readonly vscode.WorkspaceFolder[], token?: vscode.CancellationToken): Promise<vscode.Uri[]> {
  return workspaceFiles(folders, '**/*.{py,ts}', (uri) => !!languageOfPath(uri.path), token);
}

/** The workspace's contract.yaml files, minus node_modules, files.exclude and .gitignore. */
export function workspaceContractFiles(folders: readonly vscode.WorkspaceFolder[], token?: vscode.CancellationToken): Promise<vscode.Uri[]> {
  return workspaceFiles(folders, '**/contract.yaml', () => true, token);
}

async function workspaceFiles(
  folders: readonly vscode.WorkspaceFolder[], glob: string, keep: (uri: vscode.Uri) => boolean, token?: vscode.CancellationToken,
): Promise<vscode.Uri[]> {
  const files: vscode.Uri[] = [];
  for (const folder of folders) {
    // files.exclude applies when no exclude glob is given; .gitignore is ours.
    const found = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, glob), undefined, undefined, token);
    const git = folder.uri.scheme === 'file' ? new GitIgnore(folder.uri.fsPath) : null;
    for (const uri of found) {
      if (!keep(uri) || uri.path.includes('/node_modules/')) continue;
      if (git?.ignores(uri.fsPath)) continue;
      files.push(uri);
    }
  }
  return files;
}

/** What the nodes need from the rest of the extension: the files other parts analyse, and re-analysing them. */
export interface NodesHost {
  /** Whether another part reads this file again when it changes (an open editor; a file Check Workspace published). */
  owns(uri: vscode.Uri): boolean;
  /** Brings such a file's analysis up to date (its hints changed). */
  reanalyse(uri: vscode.Uri): void;
}

export class WorkspaceNodes implements vscode.Disposable {
  readonly model: NodesModel;
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires (debounced) when the nodes may have changed. */
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [];
  private timer: NodeJS.Timeout | undefined;
  private settleTimer: NodeJS.Timeout | undefined;
  private scan: Promise<void> | undefined;
  private scanningNow = false;
  private host: NodesHost | undefined;

  constructor(private readonly bridge: EngineBridge, private readonly output: vscode.LogOutputChannel) {
    const roots = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath);
    this.model = new NodesModel({
      roots,
      nodeBaseClasses: [...new Set(roots.flatMap((r) => vscode.workspace.getConfiguration(SECTION, vscode.Uri.file(r)).get<string[]>('nodeBaseClasses', [])))],
      eraSettingFor: (path) => eraSettingFor(vscode.Uri.file(path)),
      severitiesFor: (path) => engineConfigFor(vscode.Uri.file(path)).rules,
      contractStatus: (path, text) => this.contractStatus(path, text),
    });
    const sources = vscode.workspace.createFileSystemWatcher('**/*.{py,ts}');
    sources.onDidChange((uri) => {
      if (uri.path.endsWith('.ts')) this.typescriptChanged.add(uri.fsPath);
      this.fromDisk(uri);
    });
    sources.onDidCreate((uri) => {
      if (uri.path.endsWith('.ts')) this.typescriptCreatedOrDeleted = true;
      this.fromDisk(uri);
    });
    sources.onDidDelete((uri) => {
      this.typescriptCreatedOrDeleted = true;
      if (this.model.index.has(uri.fsPath)) this.model.remove(uri.fsPath);
      else this.model.removeFolder(uri.fsPath); // a folder: the watcher names it alone
      this.settle();
    });
    // A folder created with files in it (a copy, a checkout, a scaffold) may be reported as the folder
    // alone: its source files are read then.
    const folders = vscode.workspace.createFileSystemWatcher('**/*', false, true, true);
    folders.onDidCreate((uri) => {
      if (!languageOfPath(uri.path)) void this.readFolder(uri);
    });
    const contracts = vscode.workspace.createFileSystemWatcher('**/contract.yaml');
    const contractChanged = (uri: vscode.Uri) => {
      this.model.contractChanged(uri.fsPath);
      this.fire();
    };
    contracts.onDidChange(contractChanged);
    contracts.onDidCreate(contractChanged);
    contracts.onDidDelete(contractChanged);
    const projects = vscode.workspace.createFileSystemWatcher('**/{pyproject.toml,uv.lock,poetry.lock,onex-forge.json}');
    const projectChanged = () => {
      this.model.projectChanged();
      this.fire();
    };
    projects.onDidChange(projectChanged);
    projects.onDidCreate(projectChanged);
    projects.onDidDelete(projectChanged);
    provideWorkspaceHints((uri) => this.hintsFor(uri));
    this.disposables.push(sources, folders, contracts, projects, this.changed, vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration(SECTION)) return;
      this.model.index.setNodeBaseClasses([...new Set(roots.flatMap((r) => vscode.workspace.getConfiguration(SECTION, vscode.Uri.file(r)).get<string[]>('nodeBaseClasses', [])))]);
      projectChanged();
      this.settle();
    }));
  }

  /** The contract checks' verdict on each contract.yaml the nodes read, for the text it was given. */
  private readonly contractVerdicts = new Map<string, { text: string; state: 'pass' | 'fail'; detail: string } | 'checking'>();

  /** The verdict on a contract's text, or undefined while it is being checked (the nodes hear when it is done). */
  private contractStatus(path: string, text: string): { state: 'pass' | 'fail'; detail: string } | undefined {
    const known = this.contractVerdicts.get(path);
    if (known && known !== 'checking' && known.text === text) return { state: known.state, detail: known.detail };
    if (known !== 'checking') void this.checkContract(path, text);
    return undefined;
  }

  /** Checks a contract as Check Workspace would (the contract checks on the host, the package read from disk). */
  private async checkContract(path: string, text: string): Promise<void> {
    this.contractVerdicts.set(path, 'checking');
    try {
      const uri = vscode.Uri.file(path);
      const result = await this.bridge.analyze('contract', text, engineConfigFor(uri), path);
      const problems = result.findings.filter((f) => f.severity === 'error' || f.severity === 'warning');
      this.contractVerdicts.set(path, problems.length > 0
        ? { text, state: 'fail', detail: `${problems.length} problem${problems.length === 1 ? '' : 's'}: ${problems[0].ruleId} ${problems[0].message}` }
        : { text, state: 'pass', detail: 'valid: the framework\'s loaders and gates (ONEX020…) find nothing' });
    } catch (error) {
      this.contractVerdicts.delete(path);
      this.output.warn(`ONEX Nodes: checking ${vscode.workspace.asRelativePath(path)} failed: ${(error as Error).message}`);
      return;
    }
    this.model.contractChanged(path);
    this.fire();
  }

  /** Wired after construction: the analyser and the checker are made with the nodes' hints. */
  setHost(host: NodesHost): void {
    this.host = host;
  }

  get scanning(): boolean {
    return this.scanningNow;
  }

  /** What the index says of a file, for its analysis (EngineConfig.workspace). */
  hintsFor(uri: vscode.Uri): WorkspaceHints | undefined {
    return uri.scheme === 'file' ? this.model.hintsFor(uri.fsPath) : undefined;
  }

  /** A configuration with the file's hints. */
  configFor(uri: vscode.Uri, config: EngineConfig): EngineConfig {
    return withHints(config, this.hintsFor(uri));
  }

  /** An analysis of a file (an editor's, Check Workspace's, or the nodes' own). */
  analysed(uri: vscode.Uri, result: AnalysisResult): void {
    if (uri.scheme !== 'file') return;
    this.model.update(uri.fsPath, result);
    this.settle();
  }

  /** The first time the view is shown: every file of the workspace, read on the scan workers. */
  ensureScanned(): Promise<void> {
    this.scan ??= this.scanWorkspace().catch((error) => this.output.warn(`ONEX Nodes: scan failed: ${(error as Error).message}`));
    return this.scan;
  }

  private async scanWorkspace(): Promise<void> {
    this.scanningNow = true;
    void vscode.commands.executeCommand('setContext', 'onexForge.nodes.scanning', true);
    const started = performance.now();
    try {
      await vscode.window.withProgress({ location: { viewId: 'onexForge.nodes' }, title: 'Looking for ONEX nodes' }, async () => {
        const files = (await workspaceSourceFiles(vscode.workspace.workspaceFolders ?? [])).filter((uri) => !this.model.index.has(uri.fsPath));
        this.bridge.beginScan();
        try {
          await scanByLanguage(files, (uri) => languageOfPath(uri.path)!, this.bridge.scanWorkers * 2, async (uri) => {
            await this.read(uri, 'scan');
          }, () => false, (on) => this.bridge.gatherScan(on));
        } finally {
          this.bridge.endScan();
        }
        this.output.info(`ONEX Nodes: ${files.length} files read in ${((performance.now() - started) / 1000).toFixed(1)} s, ${this.model.nodes().length} nodes.`);
      });
    } finally {
      this.scanningNow = false;
      void vscode.commands.executeCommand('setContext', 'onexForge.nodes.scanning', false);
      this.settle();
    }
  }

  /** Reads a file from disk and analyses it (facts and findings) where `where` says; open documents are the editors'. */
  private async read(uri: vscode.Uri, where: 'worker' | 'scan'): Promise<void> {
    const language = languageOfPath(uri.path);
    if (!language || vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString())) return;
    try {
      const text = new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(uri));
      const result = await this.bridge.analyze(language, text, analysisConfigFor(uri), uri.fsPath, where, { facts: true });
      this.model.update(uri.fsPath, result);
    } catch (error) {
      this.output.warn(`ONEX Nodes: ${vscode.workspace.asRelativePath(uri)}: ${(error as Error).message}`);
    }
  }

  /** The source files of a folder that appeared, those the index does not know yet. */
  private async readFolder(uri: vscode.Uri): Promise<void> {
    try {
      if ((await vscode.workspace.fs.stat(uri)).type !== vscode.FileType.Directory) return;
    } catch {
      return;
    }
    const found = await vscode.workspace.findFiles(new vscode.RelativePattern(uri, '**/*.{py,ts}'));
    if (found.some((f) => f.path.endsWith('.ts'))) this.typescriptCreatedOrDeleted = true;
    for (const file of found) if (!this.model.index.has(file.fsPath)) this.fromDisk(file);
  }

  private fromDisk(uri: vscode.Uri): void {
    if (!languageOfPath(uri.path) || uri.path.includes('/node_modules/')) return;
    if (this.host?.owns(uri)) return; // the editor's analysis or Check Workspace's re-check feeds it
    void this.read(uri, 'worker').then(() => this.settle());
  }

  /**
   * After changes: the files whose hints changed are analysed again (their findings were made without
   * them), once the changes stop coming (a scan or a Check Workspace feeds many files in a row).
   */
  private settle(): void {
    this.fire();
    if (this.settleTimer) clearTimeout(this.settleTimer);
    this.settleTimer = setTimeout(async () => {
      this.settleTimer = undefined;
      if (this.scanningNow) return; // the scan settles when it ends
      await this.catchUp();
      for (const path of this.model.changedHints()) {
        const uri = vscode.Uri.file(path);
        if (this.host?.owns(uri)) this.host.reanalyse(uri);
        else void this.read(uri, 'worker').then(() => this.fire());
      }
    }, 300);
  }

  private fire(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.catchUp().then(() => this.changed.fire());
    }, 150);
  }

  private catching: Promise<void> | undefined;
  /** TypeScript files changed on disk, and whether any was created or deleted, since the projects last heard. */
  private readonly typescriptChanged = new Set<string>();
  private typescriptCreatedOrDeleted = false;

  /**
   * The model's pending work (resolving bases, comparing hints, making node entries) in slices of a few
   * milliseconds, one turn of the event loop each, so that the view never blocks the extension host.
   */
  private catchUp(): Promise<void> {
    this.catching ??= (async () => {
      try {
        while (!this.model.advance(12)) await new Promise((resolve) => setImmediate(resolve));
        // TypeScript bases imported from other modules: the editors' worker's ts-morph projects answer.
        await this.model.index.settle(async (requests) => {
          const changed = [...this.typescriptChanged];
          const createdOrDeleted = this.typescriptCreatedOrDeleted;
          this.typescriptChanged.clear();
          this.typescriptCreatedOrDeleted = false;
          return this.bridge.typescriptBases(requests, changed, createdOrDeleted);
        });
        while (!this.model.advance(12)) await new Promise((resolve) => setImmediate(resolve));
      } finally {
        this.catching = undefined;
      }
    })();
    return this.catching;
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    if (this.settleTimer) clearTimeout(this.settleTimer);
    for (const d of this.disposables) d.dispose();
  }
}

/** `auto` unless the user set framework-target (then that era): the era resolver decides the rest. */
export function eraSettingFor(uri: vscode.Uri): EraSetting {
  const inspected = vscode.workspace.getConfiguration(SECTION, uri).inspect<string>('frameworkTarget');
  const set = inspected?.workspaceFolderValue ?? inspected?.workspaceValue ?? inspected?.globalValue;
  return set === 'bridge' || set === 'current' ? set : 'auto';
}
