// Scaffolding inside a real VS Code: onexForge.newNode with an options argument (no prompts) creates
// the whole node package in a scratch folder of the workspace with one WorkspaceEdit, opens
// node.py, and undoes as one unit; existing targets and bad names are refused with nothing written.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, examplesRoot, waitFor, waitForCommands } from './util';

type NewNodeResult =
  | { status: 'created'; files: vscode.Uri[]; mainFile: vscode.Uri }
  | { status: 'cancelled' }
  | { status: 'refused'; message: string };

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

async function listRecursively(folder: vscode.Uri, prefix = ''): Promise<string[]> {
  const out: string[] = [];
  for (const [name, type] of await vscode.workspace.fs.readDirectory(folder)) {
    const rel = `${prefix}${name}`;
    if (type === vscode.FileType.Directory) out.push(...(await listRecursively(vscode.Uri.joinPath(folder, name), `${rel}/`)));
    else out.push(rel);
  }
  return out.sort();
}

suite('scaffold', () => {
  let scratch: vscode.Uri;

  suiteSetup(async () => {
    await activateExtension();
    await waitForCommands(['onexForge.newNode', 'onexForge.newNodeHere']);
    // examples/.scratch/ is git-ignored: nothing is left in the checkout even if a run dies.
    scratch = vscode.Uri.joinPath(examplesRoot(), '.scratch', `scaffold-${Date.now()}`);
    await vscode.workspace.fs.createDirectory(scratch);
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    if (scratch) await vscode.workspace.fs.delete(scratch, { recursive: true, useTrash: false });
  });

  test('newNode with options creates the package in one edit, opens the handler, and undo removes it as a unit', async () => {
    const result = await vscode.commands.executeCommand<NewNodeResult>('onexForge.newNode', {
      kind: 'effect', name: 'scaffolded_gateway', folder: scratch, layout: 'flat', language: 'python', target: 'current',
    });
    assert.equal(result?.status, 'created', JSON.stringify(result));
    if (result.status !== 'created') return;

    // No pyproject.toml above the scratch folder: today's package keeps its tests inside.
    const root = vscode.Uri.joinPath(scratch, 'scaffolded_gateway');
    assert.deepEqual(await listRecursively(root), [
      '__init__.py',
      'contract.yaml',
      'handlers/__init__.py',
      'handlers/handler_scaffolded_gateway.py',
      'models/__init__.py',
      'models/model_scaffolded_gateway_write_command.py',
      'models/model_scaffolded_gateway_written.py',
      'node.py',
      'protocols/__init__.py',
      'protocols/protocol_scaffolded_gateway_client.py',
      'registry/__init__.py',
      'registry/registry_infra_scaffolded_gateway.py',
      'tests/__init__.py',
      'tests/test_scaffolded_gateway_handler.py',
      'tests/test_scaffolded_gateway_wiring.py',
    ]);
    assert.equal(result.files.length, 15);
    assert.equal(result.mainFile.toString(), vscode.Uri.joinPath(root, 'handlers', 'handler_scaffolded_gateway.py').toString());
    const node = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(root, 'node.py')));
    assert.match(node, /class NodeScaffoldedGatewayEffect\(NodeEffect\):/);

    // The handler (the node's logic) is open in the active editor.
    const editor = await waitFor(
      () => (vscode.window.activeTextEditor?.document.uri.toString() === result.mainFile.toString() ? vscode.window.activeTextEditor : undefined),
      10_000,
      () => `the handler is not the active editor (active: ${vscode.window.activeTextEditor?.document.uri.toString() ?? 'none'})`,
    );
    assert.match(editor.document.getText(), /class HandlerScaffoldedGateway:/);
    assert.equal(editor.document.isDirty, false, 'the files are written, not left unsaved');

    // One WorkspaceEdit means one undo for every file: `undo` with the handler focused removes the
    // whole package (every file of the edit, never some of them).
    await vscode.window.showTextDocument(editor.document, { preview: false });
    await Promise.race([
      vscode.commands.executeCommand('undo'),
      new Promise((resolve) => setTimeout(resolve, 5_000)),
    ]);
    await waitFor(async () => {
      const remaining = await Promise.all(result.files.map(exists));
      return remaining.every((e) => !e) ? true : undefined;
    }, 15_000, () => 'one undo did not remove every created file');
  });

  test('newNodeHere takes the folder as its first argument, as the explorer passes it', async () => {
    const folder = vscode.Uri.joinPath(scratch, 'nodes');
    await vscode.workspace.fs.createDirectory(folder);
    // The explorer passes (folder, selection); the options after the Uri answer the other prompts.
    const result = await vscode.commands.executeCommand<NewNodeResult>('onexForge.newNodeHere', folder, {
      kind: 'orchestrator', name: 'workflow_runner', layout: 'versioned', language: 'python', target: 'bridge',
    });
    assert.equal(result?.status, 'created', JSON.stringify(result));
    if (result.status !== 'created') return;
    const version = vscode.Uri.joinPath(folder, 'workflow_runner', 'v1_0_0');
    assert.equal(result.mainFile.toString(), vscode.Uri.joinPath(version, 'node.py').toString());
    assert.ok(await exists(vscode.Uri.joinPath(version, 'contract.yaml')));
    assert.ok(await exists(vscode.Uri.joinPath(folder, 'workflow_runner', '__init__.py')));
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(result.mainFile));
    assert.match(text, /class NodeWorkflowRunnerOrchestrator\(NodeOrchestrator\):/);
  });

  test('in a project, the files go beside its pyproject.toml and the entry point is added to it, saved with them', async () => {
    const project = vscode.Uri.joinPath(scratch, 'project');
    const pyproject = vscode.Uri.joinPath(project, 'pyproject.toml');
    const original = '[project]\nname = "acme"  # ours\n';
    await vscode.workspace.fs.writeFile(pyproject, new TextEncoder().encode(original));
    const result = await vscode.commands.executeCommand<NewNodeResult>('onexForge.newNode', {
      kind: 'compute', name: 'scorer', folder: vscode.Uri.joinPath(project, 'src', 'acme', 'nodes'), layout: 'flat', language: 'python', target: 'current',
    });
    assert.equal(result?.status, 'created', JSON.stringify(result));
    if (result.status !== 'created') return;
    assert.equal(result.files.length, 12);
    assert.ok(await exists(vscode.Uri.joinPath(project, 'src', 'acme', 'nodes', 'scorer', 'contract.yaml')));
    assert.ok(await exists(vscode.Uri.joinPath(project, 'tests', 'unit', 'nodes', 'scorer', 'test_scorer_handler.py')));
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(pyproject));
    assert.equal(text, `${original}\n[project.entry-points."onex.nodes"]\nscorer = "acme.nodes.scorer"\n`, 'saved with the new files');
  });

  test('the folder may also be a workspace-relative path', async () => {
    const result = await vscode.commands.executeCommand<NewNodeResult>('onexForge.newNode', {
      kind: 'reducer', name: 'totals', folder: vscode.workspace.asRelativePath(scratch, false), layout: 'flat', language: 'python',
    });
    assert.equal(result?.status, 'created', JSON.stringify(result));
    assert.ok(await exists(vscode.Uri.joinPath(scratch, 'totals', 'node.py')));
  });

  test('an existing target is refused with a clear message and nothing is written', async () => {
    const taken = vscode.Uri.joinPath(scratch, 'already_here');
    await vscode.workspace.fs.createDirectory(taken);
    const result = await vscode.commands.executeCommand<NewNodeResult>('onexForge.newNode', {
      kind: 'compute', name: 'already_here', folder: scratch, layout: 'flat', language: 'python',
    });
    assert.equal(result?.status, 'refused');
    if (result.status !== 'refused') return;
    assert.match(result.message, /already_here already exists\. Nothing was written/);
    assert.deepEqual(await vscode.workspace.fs.readDirectory(taken), []);
  });

  test('a bad name from automation is refused with what a valid name is', async () => {
    const result = await vscode.commands.executeCommand<NewNodeResult>('onexForge.newNode', {
      kind: 'effect', name: 'Bad-Name', folder: scratch, layout: 'flat', language: 'python',
    });
    assert.equal(result?.status, 'refused');
    if (result.status !== 'refused') return;
    assert.match(result.message, /snake_case Python package name/);
    assert.equal(await exists(vscode.Uri.joinPath(scratch, 'Bad-Name')), false);
  });
});
