// contract.yaml in the editor: what the contract checks read of the workspace (open documents first, then the
// disk through a cache the file watchers keep true), the findings a contract's checks make in its package's
// Python files (a diagnostic collection of their own, merged over the contracts that report them), and the
// completion and hover providers. The contract checks load on the first contract (src/core/contracts.ts):
// activation and Python files without a contract beside them do not pay for them.
import { basename } from 'node:path';
import * as vscode from 'vscode';
import { getContractService, type ContractService } from '../core/contracts';
import { analyzeWith } from '../core/engine';
import type { CachedReader } from '../core/contract/package';
import type { FrontEnd } from '../core/frontend';
import { findPackageFacts } from '../core/packageFacts';
import type { Finding } from '../core/types';
import { engineConfigFor } from './config';
import { toDiagnostic } from './diagnostics';

/** Schemes whose contracts are checked (as ANALYSED_SCHEMES for node code). */
const SCHEMES = ['file', 'untitled', 'vscode-vfs', 'vscode-remote'];

/** A node package's contract: by its name, whatever language VS Code gives it (yaml with a YAML extension, else plaintext). */
export function isContractDocument(document: vscode.TextDocument): boolean {
  return SCHEMES.includes(document.uri.scheme) && basename(document.uri.path) === 'contract.yaml';
}

/** A contract checked from the disk: its path and its own findings (undefined: it could not be read). */
export interface ContractCheckedFromDisk {
  path: string;
  findings: Finding[] | undefined;
}

/** The document selector of contract.yaml, for providers. */
export const CONTRACT_SELECTOR: vscode.DocumentFilter[] = SCHEMES.map((scheme) => ({ scheme, pattern: '**/contract.yaml' }));

export class ContractWorkspace implements vscode.Disposable {
  /** Findings the contracts' checks make in other files (a handler's), by contract, then by file. */
  private readonly elsewhere = vscode.languages.createDiagnosticCollection('onex-contract');
  private readonly byContract = new Map<string, Map<string, Finding[]>>();
  private loaded?: Promise<{ service: ContractService; frontEnd: FrontEnd; cache: CachedReader }>;
  /** Each check of a contract from the disk, with the contract's own findings (undefined: it could not be read). */
  private readonly checkedFromDisk = new vscode.EventEmitter<ContractCheckedFromDisk>();
  readonly onDidCheckFromDisk = this.checkedFromDisk.event;
  private readonly disposables: vscode.Disposable[] = [this.elsewhere, this.checkedFromDisk];
  private readonly timers = new Map<string, NodeJS.Timeout>();

  /** `reanalyse` analyses an open contract again (the document analyzer's). */
  constructor(private readonly reanalyse: (document: vscode.TextDocument) => void) {}

  /**
   * A file of a package changed (a Python file typed in or saved, a contract saved): its contract is checked
   * again, in its editor when one shows it, else from the disk for the findings it makes in other files.
   */
  packageChanged(path: string, delayMs = 250): void {
    const contract = basename(path) === 'contract.yaml' ? path : findPackageFacts(path)?.contract;
    if (!contract) return;
    clearTimeout(this.timers.get(contract));
    this.timers.set(contract, setTimeout(() => {
      this.timers.delete(contract);
      const open = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'file' && d.uri.fsPath === contract);
      if (open) this.reanalyse(open);
      else void this.checkFromDisk(contract).catch(() => this.publishElsewhere(contract, undefined));
    }, delayMs));
  }

  /** The contract checks, over a reader that answers from open documents first. Loads them on first use. */
  private load(): Promise<{ service: ContractService; frontEnd: FrontEnd; cache: CachedReader }> {
    this.loaded ??= getContractService().then((service) => {
      const cache = service.cachedReader(service.diskReader);
      const open = (path: string) => vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'file' && d.uri.fsPath === path)?.getText();
      const frontEnd = service.frontEnd(service.overlayReader(open, cache));
      this.watch(cache);
      return { service, frontEnd, cache };
    });
    return this.loaded;
  }

  /** Keeps the disk cache true: a file changed, created or deleted outside the editor is read again, and its package re-checked. */
  private watch(cache: CachedReader): void {
    const watcher = vscode.workspace.createFileSystemWatcher('**/{*.py,contract.yaml}');
    const changed = (uri: vscode.Uri) => {
      cache.invalidate(uri.fsPath);
      this.packageChanged(uri.fsPath);
    };
    watcher.onDidChange(changed);
    watcher.onDidCreate(changed);
    watcher.onDidDelete(changed);
    this.disposables.push(watcher);
  }

  frontEnd(): Promise<FrontEnd> {
    return this.load().then((l) => l.frontEnd);
  }

  service(): Promise<ContractService> {
    return this.load().then((l) => l.service);
  }

  /** Forgets what the cache holds of a file (the watchers call it; tests too). */
  invalidate(path?: string): void {
    void this.loaded?.then((l) => l.cache.invalidate(path));
  }

  /** Publishes the findings a contract's checks made in other files, replacing that contract's earlier ones. */
  publishElsewhere(contract: string, otherFiles: Record<string, Finding[]> | undefined): void {
    const before = this.byContract.get(contract);
    const now = new Map(Object.entries(otherFiles ?? {}));
    if (now.size) this.byContract.set(contract, now);
    else this.byContract.delete(contract);
    for (const path of new Set([...(before?.keys() ?? []), ...now.keys()])) {
      const findings = [...this.byContract.values()].flatMap((m) => m.get(path) ?? []);
      const uri = vscode.Uri.file(path);
      this.elsewhere.set(uri, findings.map((f) => toDiagnostic(f, uri)));
    }
  }

  /**
   * Checks a contract from the disk (a contract no editor shows, after a change in its package; Check Workspace):
   * publishes what it finds in its package's other files, announces the contract's own findings
   * (onDidCheckFromDisk) and returns them (undefined when the file cannot be read).
   */
  async checkFromDisk(contract: string): Promise<Finding[] | undefined> {
    const { frontEnd } = await this.load();
    const uri = vscode.Uri.file(contract);
    let text: string;
    try {
      text = new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(uri));
    } catch {
      this.publishElsewhere(contract, undefined);
      this.checkedFromDisk.fire({ path: contract, findings: undefined });
      return undefined;
    }
    const result = analyzeWith(frontEnd, text, engineConfigFor(uri), contract);
    this.publishElsewhere(contract, result.otherFiles);
    this.checkedFromDisk.fire({ path: contract, findings: result.findings });
    return result.findings;
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    for (const d of this.disposables) d.dispose();
  }
}

/** Completion in contract.yaml: keys and values of the contract's era's schema, with the framework's descriptions. */
export class ContractCompletionProvider implements vscode.CompletionItemProvider {
  constructor(private readonly contracts: ContractWorkspace) {}

  async provideCompletionItems(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.CompletionItem[]> {
    if (!isContractDocument(document)) return [];
    const service = await this.contracts.service();
    const items = service.completions(document.getText(), document.offsetAt(position), engineConfigFor(document.uri));
    return items.map((i) => {
      const item = new vscode.CompletionItem(i.label, i.kind === 'key' ? vscode.CompletionItemKind.Property : vscode.CompletionItemKind.Value);
      item.insertText = i.insertText;
      item.range = new vscode.Range(document.positionAt(i.replace.start), document.positionAt(i.replace.end));
      if (i.documentation) item.documentation = new vscode.MarkdownString(i.documentation);
      item.detail = i.detail;
      item.sortText = i.sortText;
      if (i.deprecated) item.tags = [vscode.CompletionItemTag.Deprecated];
      return item;
    });
  }
}

/** Hover in contract.yaml: the key's description from the framework's models, its type, whether it is required. */
export class ContractHoverProvider implements vscode.HoverProvider {
  constructor(private readonly contracts: ContractWorkspace) {}

  async provideHover(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
    if (!isContractDocument(document)) return undefined;
    const service = await this.contracts.service();
    const hover = service.hover(document.getText(), document.offsetAt(position), engineConfigFor(document.uri));
    if (!hover) return undefined;
    return new vscode.Hover(new vscode.MarkdownString(hover.markdown), new vscode.Range(document.positionAt(hover.span.start), document.positionAt(hover.span.end)));
  }
}
