// Helpers for tests that run inside a real VS Code extension host (code-server through
// scripts/code-server/harness.mjs, or a desktop VS Code through @vscode/test-cli).
// Everything here waits for a condition with a deadline instead of sleeping a fixed time:
// activation, command registration and diagnostics all arrive asynchronously, and late
// on a loaded 2-core machine.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { OnexForgeApi } from '../../src/extension/extension';

export const EXTENSION_ID = 'onex-forge.onex-forge';
export const DIAGNOSTIC_SOURCE = 'onex';

/** The template-style example node (examples/ is the workspace folder). */
export const TEMPLATE_NODE = 'nodes/payment_gateway/v1_0_0/node.py';

const DEFAULT_TIMEOUT_MS = 30_000;

/** Resolves after `ms` milliseconds (only for polling intervals, never as a wait for an event). */
function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Polls `probe` until it returns a value other than `undefined`, and returns that value.
 * Rejects after `timeoutMs` with `describe()` (called then) in the message.
 */
export async function waitFor<T>(
  probe: () => T | undefined | Promise<T | undefined>,
  timeoutMs: number,
  describe: () => string,
  intervalMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) {
      return value;
    }
    if (Date.now() >= deadline) {
      throw new Error(`timed out after ${timeoutMs} ms: ${describe()}`);
    }
    await delay(intervalMs);
  }
}

/** The root folder of the example workspace (the first workspace folder, else <extension>/examples). */
export function examplesRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (folder) {
    return folder.uri;
  }
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  if (!extension) {
    throw new Error(`no workspace folder is open and ${EXTENSION_ID} is not loaded`);
  }
  return vscode.Uri.joinPath(extension.extensionUri, 'examples');
}

/** The URI of a file of the example workspace, given relative to examples/ with forward slashes. */
export function exampleUri(relPath: string): vscode.Uri {
  return vscode.Uri.joinPath(examplesRoot(), ...relPath.split('/'));
}

/** Opens a file of the example workspace in an editor and returns its document and editor. */
export async function openExample(
  relPath: string,
): Promise<{ document: vscode.TextDocument; editor: vscode.TextEditor; uri: vscode.Uri }> {
  const uri = exampleUri(relPath);
  const document = await vscode.workspace.openTextDocument(uri);
  const editor = await vscode.window.showTextDocument(document, { preview: false });
  return { document, editor, uri };
}

/** The extension under test; waits for the extension host to have loaded it. */
export function getExtension(timeoutMs = DEFAULT_TIMEOUT_MS): Promise<vscode.Extension<unknown>> {
  return waitFor(
    () => vscode.extensions.getExtension(EXTENSION_ID),
    timeoutMs,
    () => `extension ${EXTENSION_ID} is not loaded (loaded: ${vscode.extensions.all.map((e) => e.id).join(', ')})`,
  );
}

/** Waits until VS Code itself has activated the extension (through one of its activation events). */
export async function waitForActivation(timeoutMs = DEFAULT_TIMEOUT_MS): Promise<vscode.Extension<unknown>> {
  const extension = await getExtension(timeoutMs);
  await waitFor(
    () => (extension.isActive ? true : undefined),
    timeoutMs,
    () => `extension ${EXTENSION_ID} was not activated`,
  );
  return extension;
}

/** Activates the extension (or waits for an activation already under way) and returns it. */
export async function activateExtension(timeoutMs = DEFAULT_TIMEOUT_MS): Promise<vscode.Extension<unknown>> {
  const extension = await getExtension(timeoutMs);
  if (!extension.isActive) {
    await extension.activate();
  }
  return extension;
}

/** The command ids the extension contributes in its package.json. */
export function contributedCommands(extension: vscode.Extension<unknown>): string[] {
  const manifest = extension.packageJSON as { contributes?: { commands?: Array<{ command: string }> } };
  return (manifest.contributes?.commands ?? []).map((c) => c.command);
}

/** Waits until every id in `commandIds` is registered; returns the ones still missing at the deadline in the error. */
export async function waitForCommands(commandIds: readonly string[], timeoutMs = DEFAULT_TIMEOUT_MS): Promise<void> {
  let missing: string[] = [...commandIds];
  await waitFor(
    async () => {
      const registered = new Set(await vscode.commands.getCommands(true));
      missing = commandIds.filter((id) => !registered.has(id));
      return missing.length === 0 ? true : undefined;
    },
    timeoutMs,
    () => `commands not registered: ${missing.join(', ')}`,
    250,
  );
}

/** The diagnostics ONEX Forge published (source 'onex') among `diagnostics`. */
export function onexDiagnostics(diagnostics: readonly vscode.Diagnostic[]): vscode.Diagnostic[] {
  return diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE);
}

/** The rule id (ONEXnnn) of a diagnostic, whether its code is a plain value or {value, target}. */
export function ruleIdOf(diagnostic: vscode.Diagnostic): string | undefined {
  const code = diagnostic.code;
  if (code === undefined) {
    return undefined;
  }
  return typeof code === 'object' ? String(code.value) : String(code);
}

function describeDiagnostics(diagnostics: readonly vscode.Diagnostic[]): string {
  if (diagnostics.length === 0) {
    return 'none';
  }
  return diagnostics
    .map((d) => `${d.source ?? '?'} ${ruleIdOf(d) ?? '-'} @${d.range.start.line + 1}:${d.range.start.character + 1} ${d.message}`)
    .join(' | ');
}

/**
 * Waits until the diagnostics VS Code holds for `uri` satisfy `predicate`, and returns them.
 * Polls every 100 ms, so a publication that happened before the call is seen at once.
 */
export async function waitForDiagnostics(
  uri: vscode.Uri,
  predicate: (diagnostics: readonly vscode.Diagnostic[]) => boolean,
  timeoutMs = DEFAULT_TIMEOUT_MS,
): Promise<vscode.Diagnostic[]> {
  let last: vscode.Diagnostic[] = [];
  return waitFor(
    () => {
      last = vscode.languages.getDiagnostics(uri);
      return predicate(last) ? last : undefined;
    },
    timeoutMs,
    () => `diagnostics of ${path.posix.basename(uri.path)} never matched; last seen: ${describeDiagnostics(last)}`,
  );
}

/**
 * A new empty folder for the files a test writes, outside the example workspace (in os.tmpdir()), so
 * the checkout is never touched; remove it with removeFolder. The harness fails a run that leaves
 * anything in examples/.
 */
export function tempFolder(label: string): vscode.Uri {
  return vscode.Uri.file(fs.mkdtempSync(path.join(os.tmpdir(), `onex-it-${label}-`)));
}

/**
 * A new empty folder inside the example workspace, for the few tests that need a file there (a
 * workspace-relative path, a git-ignored file): under examples/.scratch/, which git ignores. Remove
 * it with removeFolder.
 */
export function workspaceScratchFolder(label: string): vscode.Uri {
  const scratch = path.join(examplesRoot().fsPath, '.scratch');
  fs.mkdirSync(scratch, { recursive: true });
  return vscode.Uri.file(fs.mkdtempSync(path.join(scratch, `${label}-`)));
}

/**
 * Whether the workspace's file watcher reports changes in `folder` within `timeoutMs`: a folder made a moment
 * ago may not be watched yet, and a change made before it is would go unseen by the extension as by anyone.
 * The probe is a glob watcher, like the extension's own (served by the workspace's recursive watcher); a
 * RelativePattern watcher would go to VS Code's separate non-recursive watcher, which stops delivering once an
 * earlier test's watched folder (a temp folder opened outside the workspace) has been deleted.
 */
async function watcherSees(folder: vscode.Uri, timeoutMs: number): Promise<boolean> {
  const probe = vscode.Uri.joinPath(folder, 'watcher_probe.txt');
  const watcher = vscode.workspace.createFileSystemWatcher('**/watcher_probe.txt');
  let seen = false;
  const saw = (uri: vscode.Uri) => { if (uri.fsPath === probe.fsPath) seen = true; };
  watcher.onDidCreate(saw);
  watcher.onDidChange(saw);
  try {
    let n = 0;
    await waitFor(async () => {
      if (seen) return true;
      await vscode.workspace.fs.writeFile(probe, new TextEncoder().encode(String(n++)));
      return undefined;
    }, timeoutMs, () => 'unseen', 250);
    return true;
  } catch {
    return false;
  } finally {
    watcher.dispose();
    await vscode.workspace.fs.delete(probe, { useTrash: false });
  }
}

/**
 * A new empty folder under examples/.scratch whose changes the workspace's file watcher reports. The watcher
 * (@parcel/watcher's inotify backend, in code-server 4.100.3) can miss a folder made in the same instant as its
 * parent (examples/.scratch made, then a folder in it; seen in its trace log): it then never reports anything in
 * that folder, for the extension as for anyone. Such a folder is left for a new one, whose parent is by then
 * watched. Remove it with removeFolder.
 */
export async function watchedScratchFolder(label: string): Promise<vscode.Uri> {
  for (let attempt = 1; attempt <= 4; attempt++) {
    const folder = workspaceScratchFolder(label);
    if (await watcherSees(folder, 10_000)) return folder;
    fs.rmSync(folder.fsPath, { recursive: true, force: true }); // (examples/.scratch stays: it is watched by now)
  }
  throw new Error('the workspace\'s file watcher reported no change in any of four new folders under examples/.scratch');
}

/**
 * A copy of the template node at `path` under `project`, beside a copy of the example workspace's pyproject.toml:
 * its pin (omnibase_core 0.1.0) makes the copy a bridge-era file, where the class-level rules apply. The example
 * itself stays untouched.
 */
export async function bridgeTemplateCopy(project: vscode.Uri, path = 'node.py'): Promise<vscode.Uri> {
  await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(project, 'pyproject.toml'), await vscode.workspace.fs.readFile(exampleUri('pyproject.toml')));
  const uri = vscode.Uri.joinPath(project, ...path.split('/'));
  await vscode.workspace.fs.writeFile(uri, await vscode.workspace.fs.readFile(exampleUri(TEMPLATE_NODE)));
  return uri;
}

/** Removes a folder made by tempFolder or workspaceScratchFolder, and examples/.scratch once it is empty. */
export function removeFolder(folder: vscode.Uri): void {
  fs.rmSync(folder.fsPath, { recursive: true, force: true });
  const scratch = path.join(examplesRoot().fsPath, '.scratch');
  if (path.dirname(folder.fsPath) === scratch) {
    try {
      fs.rmdirSync(scratch);
    } catch {
      // Not empty (another test's folder) or already gone.
    }
  }
}

/**
 * Closes every editor without saving anything: each changed document is reverted and closed first.
 * (Closing a changed editor asks whether to save it, and saving writes the file again after the
 * test removed its folder.)
 */
export async function closeAllEditorsWithoutSaving(): Promise<void> {
  for (const document of vscode.workspace.textDocuments.filter((d) => d.isDirty)) {
    await vscode.window.showTextDocument(document, { preview: false });
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/** The extension's API (src/extension/extension.ts): its notifications and picks as events, its log folder. */
export type OnexForgeTestApi = OnexForgeApi;

/** The extension's API, once activated. */
export async function onexApi(): Promise<OnexForgeTestApi> {
  return (await activateExtension()).exports as OnexForgeTestApi;
}

/** The next event `event` fires that satisfies `accept`, within `timeoutMs`. */
export function nextEvent<T>(event: vscode.Event<T>, accept: (value: T) => boolean = () => true, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      listener.dispose();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for an event`));
    }, timeoutMs);
    const listener = event((value) => {
      if (!accept(value)) return;
      clearTimeout(timer);
      listener.dispose();
      resolve(value);
    });
  });
}

/** What the "ONEX Forge" output channel has written so far (its .log file in the extension's log folder). */
export async function outputLog(api: OnexForgeTestApi): Promise<string> {
  const entries = await vscode.workspace.fs.readDirectory(api.logUri);
  const logs = entries.filter(([name, type]) => type === vscode.FileType.File && name.endsWith('.log')).map(([name]) => name);
  const texts = await Promise.all(logs.map(async (name) => new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(api.logUri, name)))));
  return texts.join('\n');
}

/** One operation of the harness's UI driver (scripts/code-server/uiDriver.mjs). */
export type UiRequest =
  | { op: 'waitFor'; selector: string; hasText?: string; state?: 'visible' | 'hidden' | 'attached' | 'detached'; timeoutMs?: number }
  | { op: 'click' | 'hover'; selector: string; hasText?: string; nth?: number; timeoutMs?: number }
  | { op: 'texts'; selector: string; hasText?: string }
  | { op: 'fill'; selector: string; value: string; timeoutMs?: number }
  | { op: 'press'; key: string };

/**
 * Does in the workbench what a user's hands do and no API can (click a link in a hover or in the
 * Problems panel, read the lightbulb's menu as drawn), through the UI driver of the code-server harness,
 * whose address it finds in ONEX_UI_DRIVER. Elsewhere (a desktop VS Code run by @vscode/test-cli) there
 * is no driver, and a test that needs one fails saying so.
 */
export async function ui<T = null>(request: UiRequest): Promise<T> {
  const driver = process.env.ONEX_UI_DRIVER;
  if (!driver) throw new Error('this test drives the workbench through the UI driver of scripts/code-server/harness.mjs (ONEX_UI_DRIVER is not set)');
  const response = await fetch(driver, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(request) });
  const answer = await response.json() as { ok: true; value: T } | { ok: false; error: string };
  if (!answer.ok) throw new Error(`UI driver, ${request.op} ${'selector' in request ? request.selector : request.key}: ${answer.error}`);
  return answer.value;
}

/** The Problems panel's filter box. */
export const PROBLEMS_FILTER = '.markers-panel-action-filter input, input[placeholder^="Filter (e.g. text"]';

/**
 * Gives the active editor the keyboard focus with a click into its text, as a user's would (the workbench
 * shows a hover or the lightbulb's menu only in a focused editor), then runs `show` (which may set the
 * selection and run a command) until the UI driver sees `selector` with `hasText` in the workbench.
 */
export async function showInFocusedEditor(show: () => Thenable<unknown>, selector: string, hasText: string, timeoutMs = 30_000): Promise<void> {
  await ui({ op: 'click', selector: '.editor-group-container .monaco-editor .view-lines' });
  await waitFor(async () => {
    await show();
    try {
      await ui({ op: 'waitFor', selector, hasText, timeoutMs: 3_000 });
      return true;
    } catch {
      return undefined;
    }
  }, timeoutMs, () => `the workbench never showed ${selector} with "${hasText}"`);
}

/**
 * Shows a menu with showInFocusedEditor and reads its rows (first line of each) and its focused row as drawn.
 * The workbench may close a menu between the moment it is seen and the moment it is read (a late refresh of the
 * editor's code actions closes the action widget): the menu is then opened again, until it is read whole.
 */
export async function readMenu(show: () => Thenable<unknown>, selector: string, hasText: string, timeoutMs = 30_000): Promise<{ rows: string[]; focused: string[] }> {
  const firstLines = (rows: string[]) => rows.map((r) => r.trim().split('\n')[0]);
  let read: { rows: string[]; focused: string[] } | undefined;
  await waitFor(async () => {
    await showInFocusedEditor(show, selector, hasText, timeoutMs);
    const rows = firstLines(await ui<string[]>({ op: 'texts', selector }));
    const focused = firstLines(await ui<string[]>({ op: 'texts', selector: `${selector}.focused` }));
    if (!rows.includes(hasText) || focused.length === 0) return undefined;
    read = { rows, focused };
    return true;
  }, timeoutMs, () => `the workbench never kept ${selector} with "${hasText}" open long enough to read it`);
  return read!;
}

/** The tab of the markdown preview (the rendered page) of a rule's docs page, if one is open. */
export function rulePagePreview(ruleId: string): vscode.Tab | undefined {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((tab) =>
    tab.input instanceof vscode.TabInputWebview && tab.input.viewType.includes('markdown.preview') && tab.label.includes(ruleId));
}
