// The ONEX Nodes view (Explorer; contributed in its own view so it can be moved): every node of the
// workspace grouped by package folder, with its kind, era and readiness for that era, a clear icon when
// it is production-ready; under each node its open findings (a click reveals them), its contract.yaml
// with its status, and its tests. Context actions: make production-ready (every fix of its findings,
// one undo), fix all safe problems, open contract, open tests, reveal in Explorer. A filter shows only
// the nodes that need work. The view follows edits and Check Workspace through WorkspaceNodes.
import * as vscode from 'vscode';
import { posix } from 'node:path';
import type { Finding } from '../core/types';
import type { NodeEntry } from '../core/workspace/nodes';
import type { ReadinessItem } from '../core/workspace/readiness';
import { languageOf } from './analysis';
import { analysisConfigFor } from './config';
import { type EngineBridge, minimalReplacement } from './engineBridge';
import type { WorkspaceNodes } from './workspaceNodes';

export const VIEW_ID = 'onexForge.nodes';
const NEEDS_WORK_ONLY = 'onexForge.nodes.needsWorkOnly';
/** The colour of "production-ready" (made on first use: nothing of the view is built at activation). */
let readyColor: vscode.ThemeColor | undefined;
const ready = () => (readyColor ??= new vscode.ThemeColor('testing.iconPassed'));

type Item =
  | { kind: 'group'; group: string; nodes: NodeEntry[] }
  | { kind: 'node'; node: NodeEntry }
  | { kind: 'finding'; node: NodeEntry; finding: Finding }
  | { kind: 'checklist'; node: NodeEntry }
  | { kind: 'check'; node: NodeEntry; item: ReadinessItem }
  | { kind: 'contract'; node: NodeEntry }
  | { kind: 'tests'; node: NodeEntry }
  | { kind: 'test'; node: NodeEntry; path: string };

const ERA_SHORT = { bridge: 'bridge era', current: 'today' } as const;
const STATE_ICON = { pass: 'pass', fail: 'error', unknown: 'question' } as const;
const SEVERITY_ICON: Record<Finding['severity'], string> = { error: 'error', warning: 'warning', information: 'info', hint: 'lightbulb' };

function nodeDescription(node: NodeEntry): string {
  return [node.kind, ERA_SHORT[node.era.era], node.readiness.ready ? 'production-ready' : node.readiness.label].filter(Boolean).join(' · ');
}

function nodeTooltip(node: NodeEntry): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, true);
  md.appendMarkdown(`**${node.name}** — ${node.kind ?? 'node'}, ${node.era.reason}\n\n`);
  md.appendMarkdown(`${node.readiness.ready ? '$(pass-filled) Production-ready' : `Readiness ${node.readiness.label}`}\n\n`);
  for (const i of node.readiness.items) md.appendMarkdown(`- $(${STATE_ICON[i.state]}) ${i.label}${i.detail ? ` — ${i.detail.replace(/[\\`*_[\]]/g, '\\$&')}` : ''}\n`);
  if (node.readiness.otherProblems > 0) md.appendMarkdown(`\n${node.readiness.otherProblems} other problem(s) open\n`);
  if (node.chain.length > 2) md.appendMarkdown(`\nDerives from ${node.chain.slice(1).map((l) => l.name).join(' → ')}\n`);
  return md;
}

function rangeOf(finding: Finding): vscode.Range {
  return new vscode.Range(finding.range.start.line, finding.range.start.character, finding.range.end.line, finding.range.end.character);
}

export class NodesTreeProvider implements vscode.TreeDataProvider<Item>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Item | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  needsWorkOnly = false;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly nodes: WorkspaceNodes) {
    this.subscription = nodes.onDidChange(() => this.changed.fire(undefined));
  }

  refresh(): void {
    this.changed.fire(undefined);
  }

  /** The nodes shown, by group (the filter applied). */
  shown(): NodeEntry[] {
    const all = this.nodes.model.nodes();
    return this.needsWorkOnly ? all.filter((n) => !n.readiness.ready) : all;
  }

  getChildren(item?: Item): Item[] {
    if (!item) {
      if (this.nodes.scanning && this.nodes.model.nodes().length === 0) return [];
      const groups = new Map<string, NodeEntry[]>();
      for (const n of this.shown()) {
        const list = groups.get(n.group) ?? [];
        list.push(n);
        groups.set(n.group, list);
      }
      return [...groups].map(([group, nodes]) => ({ kind: 'group', group, nodes }));
    }
    switch (item.kind) {
      case 'group':
        return item.nodes.map((node) => ({ kind: 'node', node }));
      case 'node':
        return [
          ...item.node.findings.map((finding): Item => ({ kind: 'finding', node: item.node, finding })),
          { kind: 'checklist', node: item.node },
          { kind: 'contract', node: item.node },
          { kind: 'tests', node: item.node },
        ];
      case 'checklist':
        return item.node.readiness.items.map((i): Item => ({ kind: 'check', node: item.node, item: i }));
      case 'tests':
        return item.node.tests.map((path): Item => ({ kind: 'test', node: item.node, path }));
      default:
        return [];
    }
  }

  getTreeItem(item: Item): vscode.TreeItem {
    switch (item.kind) {
      case 'group': {
        const ready = item.nodes.filter((n) => n.readiness.ready).length;
        const t = new vscode.TreeItem(item.group || vscode.workspace.name || 'workspace', vscode.TreeItemCollapsibleState.Expanded);
        t.description = `${ready}/${item.nodes.length} production-ready`;
        t.iconPath = vscode.ThemeIcon.Folder;
        t.contextValue = 'onexGroup';
        t.id = `group:${item.group}`;
        return t;
      }
      case 'node': {
        const { node } = item;
        const t = new vscode.TreeItem(node.name, vscode.TreeItemCollapsibleState.Collapsed);
        t.id = `node:${node.id}`;
        t.description = nodeDescription(node);
        t.tooltip = nodeTooltip(node);
        t.iconPath = node.readiness.ready ? new vscode.ThemeIcon('pass-filled', ready()) : new vscode.ThemeIcon('circle-large-outline');
        t.resourceUri = vscode.Uri.file(node.file);
        t.contextValue = ['onexNode', node.contract.path ? 'hasContract' : '', node.tests.length ? 'hasTests' : '', node.readiness.ready ? 'ready' : 'needsWork'].filter(Boolean).join('.');
        t.command = { command: 'onexForge.nodes.open', title: 'Open Node', arguments: [item] };
        t.accessibilityInformation = { label: `${node.name}, ${nodeDescription(node)}` };
        return t;
      }
      case 'finding': {
        const { finding } = item;
        const t = new vscode.TreeItem(finding.message, vscode.TreeItemCollapsibleState.None);
        // (One place may hold two findings of a rule: ONEX004's two halves on one raise.)
        t.id = `finding:${item.node.id}:${finding.ruleId}:${finding.span.start}:${finding.span.end}:${finding.message}`;
        t.description = `${finding.ruleId} · line ${finding.range.start.line + 1}`;
        t.iconPath = new vscode.ThemeIcon(SEVERITY_ICON[finding.severity]);
        t.tooltip = `${finding.ruleId}: ${finding.message}`;
        t.contextValue = 'onexFinding';
        t.command = { command: 'onexForge.nodes.revealFinding', title: 'Reveal', arguments: [vscode.Uri.file(item.node.file), rangeOf(finding)] };
        return t;
      }
      case 'checklist': {
        const { readiness } = item.node;
        const t = new vscode.TreeItem(readiness.era === 'bridge' ? 'Production patterns' : 'Checklist', vscode.TreeItemCollapsibleState.Collapsed);
        t.id = `checklist:${item.node.id}`;
        t.description = readiness.label;
        t.iconPath = new vscode.ThemeIcon('checklist');
        return t;
      }
      case 'check': {
        const t = new vscode.TreeItem(item.item.label, vscode.TreeItemCollapsibleState.None);
        t.id = `check:${item.node.id}:${item.item.id}`;
        t.description = item.item.detail;
        t.iconPath = new vscode.ThemeIcon(STATE_ICON[item.item.state], item.item.state === 'pass' ? ready() : undefined);
        return t;
      }
      case 'contract': {
        const { contract } = item.node;
        const t = new vscode.TreeItem(contract.path ? 'contract.yaml' : 'contract.yaml (missing)', vscode.TreeItemCollapsibleState.None);
        t.id = `contract:${item.node.id}`;
        t.description = contract.detail;
        t.iconPath = new vscode.ThemeIcon(contract.path ? STATE_ICON[contract.state] : 'error');
        if (contract.path) {
          t.resourceUri = vscode.Uri.file(contract.path);
          t.command = { command: 'vscode.open', title: 'Open Contract', arguments: [vscode.Uri.file(contract.path)] };
        }
        t.contextValue = 'onexContract';
        return t;
      }
      case 'tests': {
        const count = item.node.tests.length;
        const t = new vscode.TreeItem(count ? 'Tests' : 'Tests (none)', count ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
        t.id = `tests:${item.node.id}`;
        t.description = count ? `${count} file${count === 1 ? '' : 's'}` : undefined;
        t.iconPath = new vscode.ThemeIcon('beaker');
        return t;
      }
      case 'test': {
        const t = new vscode.TreeItem(posix.basename(item.path), vscode.TreeItemCollapsibleState.None);
        t.id = `test:${item.node.id}:${item.path}`;
        t.description = vscode.workspace.asRelativePath(posix.dirname(item.path));
        t.resourceUri = vscode.Uri.file(item.path);
        t.command = { command: 'vscode.open', title: 'Open Test', arguments: [vscode.Uri.file(item.path)] };
        return t;
      }
    }
  }

  getParent(item: Item): Item | undefined {
    if (item.kind === 'group') return undefined;
    if (item.kind === 'node') {
      const nodes = this.shown().filter((n) => n.group === item.node.group);
      return { kind: 'group', group: item.node.group, nodes };
    }
    if (item.kind === 'check') return { kind: 'checklist', node: item.node };
    if (item.kind === 'test') return { kind: 'tests', node: item.node };
    return { kind: 'node', node: item.node };
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

/** The node a command was given (a tree item), or the node of the active editor's file. */
function nodeOf(nodes: WorkspaceNodes, arg: unknown): NodeEntry | undefined {
  const item = arg as Item | undefined;
  if (item && 'node' in item) return item.node;
  const editor = vscode.window.activeTextEditor;
  if (!editor) return undefined;
  const file = editor.document.uri.fsPath.replace(/\\/g, '/');
  const offset = editor.document.offsetAt(editor.selection.active);
  const inFile = nodes.model.nodes().filter((n) => n.file.toLowerCase() === file.toLowerCase());
  return inFile.find((n) => n.nameStart <= offset && offset <= n.nameEnd) ?? inFile[0];
}

/**
 * Fixes the node as one edit in its editor (one undo restores it). `safeOnly`: the safe fixes of its
 * file (as "Fix All Safe Problems in File"); otherwise "Make <Class> production-ready": every fix the
 * engine offers inside the node's class, code-generating ones too (the lightbulb's first action), in the
 * file's era.
 */
async function fixNode(bridge: EngineBridge, output: vscode.LogOutputChannel, node: NodeEntry, safeOnly: boolean): Promise<number> {
  const document = await vscode.workspace.openTextDocument(vscode.Uri.file(node.file));
  const editor = await vscode.window.showTextDocument(document, { preview: false });
  const language = languageOf(document);
  if (!language || language === 'contract') return 0;
  const version = document.version;
  const text = document.getText();
  const config = analysisConfigFor(document.uri);
  let result;
  if (safeOnly) result = await bridge.fixAll(language, text, config, null, true, document.uri.fsPath);
  else {
    // The class as the engine sees the text now (the index's span may be a keystroke behind).
    const cls = (await bridge.productionClasses(language, text, config, document.uri.fsPath)).find((c) => c.name === node.name);
    result = await bridge.makeProductionReady(language, text, config, cls?.span ?? node.span, document.uri.fsPath);
  }
  for (const reason of result.refused) output.warn(reason);
  const replacement = minimalReplacement(text, result.text);
  if (!replacement) return 0;
  if (document.version !== version) {
    void vscode.window.showWarningMessage('ONEX Forge: the file changed while fixes were computed; nothing was applied.');
    return 0;
  }
  const range = new vscode.Range(document.positionAt(replacement.start), document.positionAt(replacement.end));
  await editor.edit((b) => b.replace(range, replacement.newText), { undoStopBefore: true, undoStopAfter: true });
  return result.applied;
}

export function registerNodesView(context: vscode.ExtensionContext, nodes: WorkspaceNodes, bridge: EngineBridge, output: vscode.LogOutputChannel): NodesTreeProvider {
  const provider = new NodesTreeProvider(nodes);
  const view = vscode.window.createTreeView(VIEW_ID, { treeDataProvider: provider, showCollapseAll: true });
  const updateMessage = () => {
    const all = nodes.model.nodes();
    view.message = provider.needsWorkOnly && all.length > 0 && provider.shown().length === 0 ? 'Every node is production-ready.' : undefined;
    view.badge = all.length > 0 ? { value: all.filter((n) => !n.readiness.ready).length, tooltip: 'ONEX nodes that need work' } : undefined;
  };
  const setFilter = (on: boolean) => {
    provider.needsWorkOnly = on;
    void vscode.commands.executeCommand('setContext', NEEDS_WORK_ONLY, on);
    provider.refresh();
    updateMessage();
  };
  void vscode.commands.executeCommand('setContext', NEEDS_WORK_ONLY, false);
  // Shown at start-up: the first scan waits a little, so that it does not compete with the window's own start.
  if (view.visible) setTimeout(() => void nodes.ensureScanned(), 2000).unref?.();
  context.subscriptions.push(
    provider, view,
    view.onDidChangeVisibility((e) => {
      if (e.visible) void nodes.ensureScanned();
    }),
    nodes.onDidChange(updateMessage),
    vscode.commands.registerCommand('onexForge.nodes.showNeedsWorkOnly', () => setFilter(true)),
    vscode.commands.registerCommand('onexForge.nodes.showAll', () => setFilter(false)),
    vscode.commands.registerCommand('onexForge.nodes.revealFinding', async (uri: vscode.Uri, range: vscode.Range) => {
      const editor = await vscode.window.showTextDocument(uri, { selection: range, preview: false });
      editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    }),
    vscode.commands.registerCommand('onexForge.nodes.open', async (arg?: unknown) => {
      const node = nodeOf(nodes, arg);
      if (!node) return;
      const document = await vscode.workspace.openTextDocument(vscode.Uri.file(node.file));
      const range = new vscode.Range(document.positionAt(node.nameStart), document.positionAt(node.nameEnd));
      await vscode.window.showTextDocument(document, { selection: range, preview: true });
    }),
    vscode.commands.registerCommand('onexForge.nodes.makeProductionReady', async (arg?: unknown) => {
      const node = nodeOf(nodes, arg);
      if (!node) return void vscode.window.showInformationMessage('ONEX Forge: choose a node in the ONEX Nodes view.');
      const applied = await fixNode(bridge, output, node, false);
      void vscode.window.setStatusBarMessage(applied ? `ONEX: ${node.name}: ${applied} fix${applied === 1 ? '' : 'es'} applied (one undo restores the file)` : `ONEX: ${node.name}: nothing to fix`, 5000);
      return applied;
    }),
    vscode.commands.registerCommand('onexForge.nodes.fixAllSafe', async (arg?: unknown) => {
      const node = nodeOf(nodes, arg);
      if (!node) return;
      const applied = await fixNode(bridge, output, node, true);
      void vscode.window.setStatusBarMessage(applied ? `ONEX: ${applied} safe fix${applied === 1 ? '' : 'es'} applied` : 'ONEX: no safe fixes to apply', 4000);
      return applied;
    }),
    vscode.commands.registerCommand('onexForge.nodes.openContract', async (arg?: unknown) => {
      const node = nodeOf(nodes, arg);
      if (!node?.contract.path) return void vscode.window.showInformationMessage(`ONEX Forge: ${node?.name ?? 'this node'} has no contract.yaml.`);
      await vscode.window.showTextDocument(vscode.Uri.file(node.contract.path));
    }),
    vscode.commands.registerCommand('onexForge.nodes.openTests', async (arg?: unknown) => {
      const node = nodeOf(nodes, arg);
      if (!node || node.tests.length === 0) return void vscode.window.showInformationMessage(`ONEX Forge: no test file imports ${node?.name ?? 'this node'}'s package.`);
      const pick = node.tests.length === 1 ? node.tests[0] : (await vscode.window.showQuickPick(node.tests.map((p) => ({ label: posix.basename(p), description: vscode.workspace.asRelativePath(p), path: p })), { placeHolder: `Tests of ${node.name}` }))?.path;
      if (pick) await vscode.window.showTextDocument(vscode.Uri.file(pick));
    }),
    vscode.commands.registerCommand('onexForge.nodes.revealInExplorer', async (arg?: unknown) => {
      const node = nodeOf(nodes, arg);
      if (node) await vscode.commands.executeCommand('revealInExplorer', vscode.Uri.file(node.file));
    }),
  );
  return provider;
}
