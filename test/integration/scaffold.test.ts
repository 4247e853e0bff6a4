// Scaffolding inside a real VS Code: onexForge.newNode with an options argument (no prompts) creates
// the whole node package in a temporary folder with one WorkspaceEdit, opens
// node.py, and undoes as one unit; existing targets and bad names are refused with nothing written.
// The wizard always asks the language (the workspace's first); a TypeScript node gets the runtime
// module and tsconfig.json its folder lacks; a created node is announced with "Open contract" and
// "Run tests" buttons that do so.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  type OnexForgeTestApi, closeAllEditorsWithoutSaving, nextEvent, onexApi, outputLog, removeFolder, tempFolder, waitFor, waitForCommands,
  workspaceScratchFolder,
} from './util';

type NewNodeResult =
  | { status: 'created'; files: vscode.Uri[]; mainFile: vscode.Uri; message: string }
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
  let api: OnexForgeTestApi;

  suiteSetup(async () => {
    api = await onexApi();
    await waitForCommands(['onexForge.newNode', 'onexForge.newNodeHere']);
    scratch = tempFolder('scaffold');
  });

  suiteTeardown(async () => {
    await closeAllEditorsWithoutSaving();
    if (scratch) removeFolder(scratch);
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
    const inWorkspace = workspaceScratchFolder('scaffold');
    try {
      const relativePath = vscode.workspace.asRelativePath(inWorkspace, false);
      assert.ok(!relativePath.startsWith('/'), relativePath);
      const result = await vscode.commands.executeCommand<NewNodeResult>('onexForge.newNode', {
        kind: 'reducer', name: 'totals', folder: relativePath, layout: 'flat', language: 'python', target: 'auto',
      });
      assert.equal(result?.status, 'created', JSON.stringify(result));
      assert.ok(await exists(vscode.Uri.joinPath(inWorkspace, 'totals', 'node.py')));
    } finally {
      await closeAllEditorsWithoutSaving();
      removeFolder(inWorkspace);
    }
  });

  test('an existing target is refused with a clear message and nothing is written', async () => {
    const taken = vscode.Uri.joinPath(scratch, 'already_here');
    await vscode.workspace.fs.createDirectory(taken);
    const result = await vscode.commands.executeCommand<NewNodeResult>('onexForge.newNode', {
      kind: 'compute', name: 'already_here', folder: scratch, layout: 'flat', language: 'python', target: 'auto',
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

  test('the language is asked in this Python workspace too, Python first; TypeScript gets its runtime module and tsconfig.json', async () => {
    await closeAllEditorsWithoutSaving();
    const language = nextEvent(api.ui.onDidShowPick, (p) => p.placeholder === 'Language of the new node');
    const created = vscode.commands.executeCommand<NewNodeResult>('onexForge.newNode', {
      kind: 'compute', name: 'ts_probe', folder: scratch, layout: 'flat', target: 'current',
    });
    const pick = await language;
    assert.deepEqual({ items: pick.items, active: pick.active, step: pick.step, totalSteps: pick.totalSteps },
      { items: ['Python', 'TypeScript'], active: 'Python', step: 1, totalSteps: 1 });
    pick.choose('TypeScript');
    const result = await created;
    assert.equal(result?.status, 'created', JSON.stringify(result));
    if (result.status !== 'created') return;
    // The temporary folder has no tsconfig.json above it, and @omninode/onex-runtime resolves nowhere.
    assert.deepEqual(await listRecursively(vscode.Uri.joinPath(scratch, 'ts_probe')), [
      'contract.yaml', 'index.ts', 'models.ts', 'node.ts', 'onex-runtime.ts', 'tests/node.test.ts', 'tsconfig.json',
    ]);
    const node = new TextDecoder().decode(await vscode.workspace.fs.readFile(result.mainFile));
    assert.match(node, /from '\.\/onex-runtime';/);

    // With a TypeScript file in the active editor, TypeScript comes first; closing the pick cancels.
    await vscode.window.showTextDocument(vscode.Uri.joinPath(scratch, 'ts_probe', 'models.ts'));
    const again = nextEvent(api.ui.onDidShowPick, (p) => p.placeholder === 'Language of the new node');
    const cancelled = vscode.commands.executeCommand<NewNodeResult>('onexForge.newNode', {
      kind: 'compute', name: 'never_made', folder: scratch, layout: 'flat', target: 'current',
    });
    const second = await again;
    assert.equal(second.active, 'TypeScript');
    second.choose(undefined);
    assert.equal((await cancelled)?.status, 'cancelled');
    assert.equal(await exists(vscode.Uri.joinPath(scratch, 'never_made')), false);
  });

  test('a created node is announced with what was written; "Open contract" opens its contract.yaml', async () => {
    const notice = nextEvent(api.ui.onDidShowNotice, (n) => n.message.startsWith('Created NodeAnnouncedEffect'));
    const result = await vscode.commands.executeCommand<NewNodeResult>('onexForge.newNode', {
      kind: 'effect', name: 'announced', folder: scratch, layout: 'flat', language: 'python', target: 'current',
    });
    assert.equal(result?.status, 'created', JSON.stringify(result));
    if (result.status !== 'created') return;
    const shown = await notice;
    assert.equal(shown.message, result.message);
    assert.match(shown.message, new RegExp(`^Created NodeAnnouncedEffect \\(Python effect node\\): ${result.files.length} files in .*announced`));
    assert.deepEqual(shown.actions, ['Open contract', 'Run tests']);
    shown.answer('Open contract');
    await waitFor(
      () => (vscode.window.activeTextEditor?.document.uri.path.endsWith('/announced/contract.yaml') ? true : undefined),
      10_000, () => `contract.yaml is not the active editor (${vscode.window.activeTextEditor?.document.uri.path ?? 'none'})`,
    );
  });

  test('"Run tests" opens a terminal that runs the generated tests', async () => {
    const notice = nextEvent(api.ui.onDidShowNotice, (n) => n.message.startsWith('Created NodeTestedReducer'));
    const result = await vscode.commands.executeCommand<NewNodeResult>('onexForge.newNode', {
      kind: 'reducer', name: 'tested', folder: scratch, layout: 'versioned', language: 'python', target: 'bridge',
    });
    assert.equal(result?.status, 'created', JSON.stringify(result));
    const opened = nextEvent(vscode.window.onDidOpenTerminal, (t) => t.name === 'ONEX tests: NodeTestedReducer');
    (await notice).answer('Run tests');
    const terminal = await opened;
    try {
      const options = terminal.creationOptions as vscode.TerminalOptions;
      // No pyproject.toml above the tests: they run from the folder the node was created in.
      assert.equal(options.cwd instanceof vscode.Uri ? options.cwd.fsPath : options.cwd, scratch.fsPath);
      // What it runs, as the output channel says: pytest on the generated tests folder.
      const said = await waitFor(async () => /Run tests of NodeTestedReducer: (.*) \(in /.exec(await outputLog(api))?.[1], 10_000, () => 'no "Run tests" line in the log');
      assert.equal(said, 'python3 -m pytest tested/v1_0_0/tests');
    } finally {
      terminal.dispose();
    }
  });

  test('the era step shows the era the project\'s pin gives and why; taking the other era offers its layouts and writes its node', async () => {
    const project = vscode.Uri.joinPath(scratch, 'pinned');
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(project, 'pyproject.toml'),
      new TextEncoder().encode('[project]\nname = "acme-payments"\ndependencies = ["omnibase-core==0.46.8"]\n'));
    const folder = vscode.Uri.joinPath(project, 'nodes');
    const pinFile = vscode.workspace.asRelativePath(vscode.Uri.joinPath(project, 'pyproject.toml'));
    const steps = { kind: 'effect', folder, language: 'python' } as const;

    // Today's era, from the pin: kept, the layout step offers today's flat layout only. (Closed there.)
    let era = nextEvent(api.ui.onDidShowPick, (p) => p.placeholder?.startsWith('Framework era') === true);
    let layout = nextEvent(api.ui.onDidShowPick, (p) => p.placeholder?.startsWith('Directory layout') === true);
    const kept = vscode.commands.executeCommand<NewNodeResult>('onexForge.newNode', { ...steps, name: 'kept_today' });
    let shown = await era;
    assert.deepEqual({ items: shown.items, active: shown.active, step: shown.step, totalSteps: shown.totalSteps },
      { items: ["Today's framework", 'Bridge era'], active: "Today's framework", step: 1, totalSteps: 2 });
    assert.equal(shown.descriptions?.[0], `the project pins omnibase-core 0.46.8 (${pinFile})`);
    assert.equal(shown.placeholder, `Framework era: today's framework, because the project pins omnibase-core 0.46.8 (${pinFile}). Pick the other to change it.`);
    shown.choose("Today's framework");
    let layouts = await layout;
    assert.deepEqual(layouts.items, ['Flat']);
    layouts.choose(undefined);
    assert.equal((await kept)?.status, 'cancelled');

    // The bridge era taken instead: both layouts, and the versioned one writes a bridge-era node.
    era = nextEvent(api.ui.onDidShowPick, (p) => p.placeholder?.startsWith('Framework era') === true);
    layout = nextEvent(api.ui.onDidShowPick, (p) => p.placeholder?.startsWith('Directory layout') === true);
    const changed = vscode.commands.executeCommand<NewNodeResult>('onexForge.newNode', { ...steps, name: 'changed_era' });
    shown = await era;
    shown.choose('Bridge era');
    layouts = await layout;
    assert.deepEqual([...layouts.items].sort(), ['Flat', 'Versioned']);
    layouts.choose('Versioned');
    const result = await changed;
    assert.equal(result?.status, 'created', JSON.stringify(result));
    if (result.status !== 'created') return;
    assert.equal(result.mainFile.toString(), vscode.Uri.joinPath(folder, 'changed_era', 'v1_0_0', 'node.py').toString());
    const node = new TextDecoder().decode(await vscode.workspace.fs.readFile(result.mainFile));
    assert.match(node, /async def startup\(self\)/, 'not the bridge era\'s hand-written lifecycle');

    // A TypeScript node in the same folder: the bridge idiom, and why.
    era = nextEvent(api.ui.onDidShowPick, (p) => p.placeholder?.startsWith('Framework era') === true);
    const typescript = vscode.commands.executeCommand<NewNodeResult>('onexForge.newNode', { ...steps, language: 'typescript', name: 'ts_era' });
    shown = await era;
    assert.equal(shown.active, 'Bridge era');
    assert.deepEqual(shown.items, ['Bridge era', "Today's framework"]);
    assert.equal(shown.descriptions?.[0], "TypeScript nodes take the bridge idiom (today's framework has no TypeScript runtime)");
    shown.choose(undefined);
    assert.equal((await typescript)?.status, 'cancelled');
  });
});
