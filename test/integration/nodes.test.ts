// Issue 22 in a real VS Code: the ONEX Nodes view lists the example nodes with their readiness, a click
// on a finding reveals it, "Make Production-Ready" brings a template node to ready and one undo restores
// it, and the walkthrough opens.
import { strict as assert } from 'node:assert';
import { relative } from 'node:path';
import * as vscode from 'vscode';
import {
  activateExtension, bridgeTemplateCopy, exampleUri, examplesRoot, onexDiagnostics, removeFolder, ruleIdOf, waitFor, waitForDiagnostics,
  watchedScratchFolder,
} from './util';

/** What the extension's API hands the tests of the view (src/extension/extension.ts). */
interface NodesApi {
  tree: vscode.TreeDataProvider<unknown>;
  model: { nodes(): { name: string; file: string; era: { era: string }; readiness: { label: string; ready: boolean; items: { id: string; state: string }[] } }[] };
  scanned(): Promise<void>;
}

async function api(): Promise<NodesApi> {
  const extension = await activateExtension();
  return (extension.exports as { nodes: NodesApi }).nodes;
}

/** Every item of the tree, depth first, with its tree item. */
async function walk(tree: vscode.TreeDataProvider<unknown>, parent?: unknown): Promise<{ element: unknown; item: vscode.TreeItem; depth: number }[]> {
  const out: { element: unknown; item: vscode.TreeItem; depth: number }[] = [];
  const visit = async (element: unknown, depth: number) => {
    for (const child of (await tree.getChildren(element as never)) ?? []) {
      out.push({ element: child, item: await tree.getTreeItem(child as never), depth });
      if (depth < 2) await visit(child, depth + 1);
    }
  };
  await visit(parent, 0);
  return out;
}

// Under examples/.scratch/ (git-ignored: nothing is left in the checkout even if a run dies), in a folder the
// workspace's file watcher reports: the index learns files written on disk from it.
let scratch: vscode.Uri | undefined;
let SCRATCH = '';

const labelOf = (item: vscode.TreeItem) => (typeof item.label === 'string' ? item.label : item.label?.label ?? '');

describe('ONEX Nodes view', function () {
  this.timeout(240_000);
  let nodes: NodesApi;

  before(async () => {
    nodes = await api();
    scratch = await watchedScratchFolder('nodes');
    SCRATCH = relative(examplesRoot().fsPath, scratch.fsPath);
    await vscode.commands.executeCommand('onexForge.nodes.focus');
    await nodes.scanned();
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    if (scratch) removeFolder(scratch);
  });

  it('lists the example nodes, grouped by package folder, with kind, era and readiness', async () => {
    const items = await waitFor(async () => {
      const all = await walk(nodes.tree);
      const names = all.filter((x) => x.depth === 1).map((x) => labelOf(x.item));
      return names.filter((n) => n === 'NodePaymentGatewayEffect').length >= 2 && names.includes('NodeLedgerWriterEffect') ? all : undefined;
    }, 60_000, () => `the view lists ${nodes.model.nodes().map((n) => n.name).join(', ') || 'nothing'}`);
    const groups = items.filter((x) => x.depth === 0).map((x) => labelOf(x.item));
    assert.ok(groups.includes('nodes'), `groups: ${groups.join(', ')}`);
    assert.ok(groups.includes('typescript/nodes'), `groups: ${groups.join(', ')}`);
    for (const node of items.filter((x) => x.depth === 1)) {
      assert.match(String(node.item.description), /^(effect|compute|reducer|orchestrator) · (bridge era|today) · (\d+\/(10|5)|production-ready)$/, labelOf(node.item));
    }
    const typescript = items.find((x) => x.depth === 1 && x.item.resourceUri?.path.endsWith('/typescript/nodes/payment_gateway/node.ts'));
    assert.ok(typescript, 'the TypeScript example node is listed');
    const [score] = /\d+\/10/.exec(String(typescript.item.description)) ?? [];
    assert.ok(score && Number(score.split('/')[0]) < 10, `the TypeScript template node misses patterns: ${typescript.item.description}`);
    assert.equal((typescript.item.iconPath as vscode.ThemeIcon).id, 'circle-large-outline');
  });

  it('today\'s example node: its checklist, its contract judged by the contract checks, its bound def-B handler', async () => {
    const node = await waitFor(() => {
      const found = nodes.model.nodes().find((n) => n.file.includes('/today/') && n.era.era === 'current');
      return found && found.readiness.items.find((i) => i.id === 'contract')?.state !== 'unknown' ? found : undefined;
    }, 60_000, () => `today's node or its contract's verdict is missing: ${JSON.stringify(nodes.model.nodes().filter((n) => n.file.includes('/today/')).map((n) => n.readiness.items))}`);
    const items = Object.fromEntries(node.readiness.items.map((i) => [i.id, i.state]));
    assert.equal(items.declarative, 'pass');
    assert.equal(items.contract, 'pass', JSON.stringify(node.readiness.items));
    assert.equal(items.handler, 'pass', JSON.stringify(node.readiness.items));
    assert.match(node.readiness.label, /^\d\/5$/);
  });

  it('a click on a finding reveals its place in the file', async () => {
    const all = await walk(nodes.tree);
    const node = all.find((x) => x.depth === 1 && x.item.resourceUri?.path.endsWith('/typescript/nodes/payment_gateway/node.ts'))!;
    const findings = (await walk(nodes.tree, node.element)).filter((x) => x.depth === 0 && x.item.contextValue === 'onexFinding');
    assert.ok(findings.length > 0, 'the node has findings under it');
    const finding = findings[findings.length - 1].item;
    assert.ok(finding.command, 'a finding has a command');
    await vscode.commands.executeCommand(finding.command.command, ...(finding.command.arguments ?? []));
    const editor = await waitFor(() => {
      const active = vscode.window.activeTextEditor;
      return active?.document.uri.path.endsWith('/typescript/nodes/payment_gateway/node.ts') ? active : undefined;
    }, 20_000, () => `active editor: ${vscode.window.activeTextEditor?.document.uri.path}`);
    const range = finding.command.arguments![1] as vscode.Range;
    assert.ok(editor.selection.isEqual(new vscode.Selection(range.start, range.end)), `selection ${JSON.stringify(editor.selection)} is the finding's ${JSON.stringify(range)}`);
    assert.equal(Number(/line (\d+)/.exec(String(finding.description))?.[1]), range.start.line + 1);
  });

  it('"Make Production-Ready" brings a template node to ready, and one undo restores it', async () => {
    // A bridge-era copy of the template node (the project pins omnibase-core 0.1.0).
    const uri = await bridgeTemplateCopy(exampleUri(`${SCRATCH}/bridge`), 'nodes/payment_gateway/node.py');
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    const original = document.getText();
    const inView = async () => (await walk(nodes.tree)).find((x) => x.depth === 1 && x.item.resourceUri?.path === uri.path);
    const before = await waitFor(async () => {
      const found = await inView();
      return found && /bridge era · \d+\/10$/.test(String(found.item.description)) ? found : undefined;
    }, 60_000, () => `the copy is not listed as a bridge-era node: ${nodes.model.nodes().map((n) => `${n.file} ${n.era.era} ${n.readiness.label}`).join('; ')}`);
    const applied = await vscode.commands.executeCommand<number>('onexForge.nodes.makeProductionReady', before.element);
    assert.ok(applied > 5, `fixes applied: ${applied}`);
    const ready = await waitFor(async () => {
      const found = await inView();
      return found && String(found.item.description).endsWith('production-ready') ? found : undefined;
    }, 60_000, () => `not ready: ${nodes.model.nodes().filter((n) => n.file.endsWith('/bridge/nodes/payment_gateway/node.py')).map((n) => n.readiness.label).join()}`);
    assert.equal((ready.item.iconPath as vscode.ThemeIcon).id, 'pass-filled');
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('undo');
    await waitFor(() => (document.getText() === original ? true : undefined), 10_000, () => 'one undo did not restore the file');
    await waitFor(async () => {
      const found = await inView();
      return found && /\d+\/10$/.test(String(found.item.description)) ? true : undefined;
    }, 60_000, () => 'the view did not follow the undo');
  });

  it('a node whose node base is two files away is checked like any other, in Python and TypeScript', async () => {
    const files: Record<string, string> = {
      'team/__init__.py': '',
      'team/core.py': 'from omnibase_core.nodes.node_effect import NodeEffect\n\n\nclass CoreBase(NodeEffect):\n    pass\n',
      'team/base.py': 'from .core import CoreBase\n\n\nclass CompanyEffectBase(CoreBase):\n    pass\n',
      'team/node.py': 'from .base import CompanyEffectBase\n\n\nclass PaymentProcessor(CompanyEffectBase):\n    def __init__(self, container):\n        super().__init__(container)\n        self.client = container.get_service("kafka_client")\n',
      'teamts/core.ts': "import { NodeEffect } from '@omninode/onex-runtime';\nexport class CoreBase extends NodeEffect {}\n",
      'teamts/base.ts': "import { CoreBase } from './core';\nexport class CompanyEffectBase extends CoreBase {}\n",
      'teamts/node.ts': "import { CompanyEffectBase as Base } from './base';\nexport class PaymentProcessor extends Base {\n  private client: unknown;\n  constructor(container: any) {\n    super(container);\n    this.client = container.getService('kafka_client');\n  }\n}\n",
    };
    for (const [rel, text] of Object.entries(files)) await vscode.workspace.fs.writeFile(exampleUri(`${SCRATCH}/${rel}`), Buffer.from(text));
    for (const rel of ['team/node.py', 'teamts/node.ts']) {
      const uri = exampleUri(`${SCRATCH}/${rel}`);
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: false });
      // ONEX007 looks only inside node classes: it appears once the index knows PaymentProcessor's bases.
      await waitForDiagnostics(uri, (all) => onexDiagnostics(all).some((d) => ruleIdOf(d) === 'ONEX007'), 60_000);
      const node = await waitFor(() => nodes.model.nodes().find((n) => n.file.endsWith(`/${rel}`)), 30_000, () => `${rel} is not among the nodes`);
      assert.equal(node.name, 'PaymentProcessor');
    }
  });

  it('the walkthrough opens', async () => {
    await vscode.commands.executeCommand('onexForge.openWalkthrough');
    await waitFor(() => {
      const tab = vscode.window.tabGroups.activeTabGroup.activeTab;
      return tab && /welcome|walkthrough|ONEX/i.test(tab.label) ? true : undefined;
    }, 20_000, () => `active tab: ${vscode.window.tabGroups.activeTabGroup.activeTab?.label}`);
    const extension = await activateExtension();
    const walkthroughs = (extension.packageJSON as { contributes: { walkthroughs: { id: string; steps: { completionEvents: string[]; media: { image?: string } }[] }[] } }).contributes.walkthroughs;
    const ours = walkthroughs.find((w) => w.id === 'onexForge.gettingStarted');
    assert.ok(ours && ours.steps.length === 5, 'five steps');
    for (const step of ours.steps) {
      assert.ok(step.completionEvents.length > 0, 'each step is completed by a command or setting');
      if (step.media.image) await vscode.workspace.fs.stat(vscode.Uri.joinPath(extension.extensionUri, step.media.image));
    }
  });
});
