// "ONEX: New Production Node…" (palette) and "New ONEX Node Here" (explorer folder menu): a
// multi-step quick pick over the core planner (src/core/scaffold), and one WorkspaceEdit that
// creates every file (one undo; a refactor preview on request). Never overwrites: every target is
// checked first and an existing one is reported with nothing written.
//
// Both commands also take an options object ({kind, name, folder, layout, language, target,
// preview}) that skips the prompts it answers, for tests and automation (target 'auto': the era the
// resolver gives, without asking). The language is always asked (Python or TypeScript, whatever the
// workspace holds), defaulting to the workspace's. The era step shows the era the one resolver chose
// for the folder and language, and why ("the project pins omnibase-core 0.46.8 (pyproject.toml)"), and
// lets the user take the other; the layout step then offers the versioned layout for the bridge era only.
// A created node ends with a notification saying what was written, with "Open contract" and
// "Run tests" (a terminal running the generated tests) buttons.
import * as vscode from 'vscode';
import {
  classNameFor, findPythonPlacement, NODE_KINDS, planScaffold, plannedTargets, ScaffoldError, typeScriptTargetFor, validateNodeName,
  type FrameworkTarget, type NodeKind, type ScaffoldLanguage, type ScaffoldLayout, type ScaffoldPlan,
} from '../core/scaffold';
import { frameworkTargetFor, settingsFor } from './config';
import { resolveEra, type EraDecision, type ProjectPin } from '../core/era';
import { findProjectPin } from '../core/projectPin';
import { ERA_CHOICES, commonFolder, createdSummary, eraReason, isTestFile, testCommand } from './messages';
import type { UserInterface } from './ui';

export interface NewNodeOptions {
  kind?: NodeKind;
  name?: string;
  /** The parent folder of the new node: a Uri, or a path (relative paths resolve against the first workspace folder). */
  folder?: vscode.Uri | string;
  layout?: ScaffoldLayout;
  language?: ScaffoldLanguage;
  /** The era; 'auto' takes the one the resolver gives without asking. */
  target?: FrameworkTarget | 'auto';
  /** Show the refactor preview before applying. */
  preview?: boolean;
}

export type NewNodeResult =
  | { status: 'created'; files: vscode.Uri[]; mainFile: vscode.Uri; message: string }
  | { status: 'cancelled' }
  | { status: 'refused'; message: string };

const TITLE = 'ONEX: New Production Node';

const KIND_ITEMS: Record<NodeKind, string> = {
  effect: 'External I/O: APIs, databases, message brokers',
  compute: 'Pure, deterministic transformation of its input',
  reducer: 'Aggregates items into a summary state',
  orchestrator: 'Coordinates a workflow across other nodes',
};

const LAYOUT_ITEMS: Record<ScaffoldLayout, { label: string; detail: string }> = {
  flat: { label: 'Flat', detail: "Today's layout: <name>/{node.py, contract.yaml, handlers/, models/}" },
  versioned: { label: 'Versioned', detail: 'The bridge era\'s layout: <name>/v1_0_0/{node.py, contract.yaml, models/, tests/}' },
};

/** Where the commands report to: notifications and picks (tests observe them), and the output channel. */
interface Reporting {
  ui: UserInterface;
  output: vscode.LogOutputChannel;
}

let reporting: Reporting | undefined;

export function registerScaffoldCommands(context: vscode.ExtensionContext, ui: UserInterface, output: vscode.LogOutputChannel): void {
  reporting = { ui, output };
  context.subscriptions.push(
    vscode.commands.registerCommand('onexForge.newNode', (arg?: unknown) => newNodeCommand(arg)),
    // From the explorer's context menu the folder's Uri arrives first, then the selection (an
    // array); automation may pass options after the Uri instead.
    vscode.commands.registerCommand('onexForge.newNodeHere', (arg?: unknown, extra?: unknown) => newNodeCommand(arg, extra)),
  );
}

function isOptions(arg: unknown): arg is NewNodeOptions {
  return typeof arg === 'object' && arg !== null && !(arg instanceof vscode.Uri) && !Array.isArray(arg);
}

function toFolderUri(folder: vscode.Uri | string): vscode.Uri {
  if (folder instanceof vscode.Uri) return folder;
  const root = vscode.workspace.workspaceFolders?.[0]?.uri;
  if (/^([a-zA-Z]:[\\/]|[\\/])/.test(folder) || !root) return vscode.Uri.file(folder);
  return vscode.Uri.joinPath(root, ...folder.split(/[\\/]/));
}

async function newNodeCommand(arg: unknown, extra?: unknown): Promise<NewNodeResult> {
  const options: NewNodeOptions = isOptions(arg) ? { ...arg } : isOptions(extra) ? { ...extra } : {};
  if (arg instanceof vscode.Uri) options.folder = arg;
  try {
    const answers = await collectAnswers(options);
    if (!answers) return { status: 'cancelled' };
    return await createNode(answers);
  } catch (error) {
    const message = error instanceof ScaffoldError ? error.message : `Could not create the node: ${(error as Error).message}`;
    if (!(error instanceof ScaffoldError)) reporting?.output.error(`New node: ${(error as Error).stack ?? message}`);
    notify('error', message);
    return { status: 'refused', message };
  }
}

function notify(severity: 'information' | 'error', message: string, ...actions: string[]): Promise<string | undefined> {
  if (reporting) return reporting.ui.notify(severity, message, ...actions);
  return Promise.resolve(severity === 'error' ? vscode.window.showErrorMessage(message, ...actions) : vscode.window.showInformationMessage(message, ...actions));
}

interface Answers {
  kind: NodeKind;
  name: string;
  folder: vscode.Uri;
  layout: ScaffoldLayout;
  language: ScaffoldLanguage;
  target: FrameworkTarget;
  preview: boolean;
}

// ---------------------------------------------------------------------------------------------
// The multi-step flow: each step is skipped when the options already answer it; Back returns to
// the previous step that was asked.
// ---------------------------------------------------------------------------------------------

const BACK = Symbol('back');
type StepOutcome = 'next' | typeof BACK | undefined;

interface Draft extends Partial<Omit<Answers, 'folder'>> {
  folder?: vscode.Uri;
  /** The era was left to the resolver ('auto'): not asked. */
  autoTarget?: boolean;
}

interface Step {
  run(draft: Draft, step: number, totalSteps: number): Promise<StepOutcome>;
}

/**
 * The language the wizard proposes first: the active editor's when it is Python or TypeScript, else
 * TypeScript in a workspace with a tsconfig.json and no Python project file, else Python.
 */
async function workspaceLanguage(): Promise<ScaffoldLanguage> {
  const active = vscode.window.activeTextEditor?.document.languageId;
  if (active === 'python' || active === 'typescript') return active;
  const has = async (glob: string) => (await vscode.workspace.findFiles(glob, '**/node_modules/**', 1)).length > 0;
  if (await has('**/tsconfig.json') && !(await has('**/{pyproject.toml,setup.py,setup.cfg}'))) return 'typescript';
  return 'python';
}

async function collectAnswers(options: NewNodeOptions): Promise<Answers | undefined> {
  if (options.name !== undefined) {
    const problem = validateNodeName(options.name);
    if (problem) throw new ScaffoldError(problem);
  }
  if (options.kind !== undefined && !NODE_KINDS.includes(options.kind)) {
    throw new ScaffoldError(`Unknown node kind "${options.kind}": use one of ${NODE_KINDS.join(', ')}.`);
  }
  const draft: Draft = {
    kind: options.kind,
    name: options.name,
    folder: options.folder === undefined ? undefined : toFolderUri(options.folder),
    layout: options.layout,
    language: options.language,
    target: options.target === 'auto' ? undefined : options.target,
    autoTarget: options.target === 'auto',
    preview: options.preview,
  };
  // The language is always asked (a Python workspace may want a TypeScript node), the workspace's first.
  const steps: Step[] = [];
  if (draft.language === undefined) {
    const proposed = await workspaceLanguage();
    steps.push({ run: (d, step, total) => pickLanguage(d, step, total, proposed) });
  }
  if (draft.kind === undefined) steps.push({ run: pickKind });
  if (draft.name === undefined) steps.push({ run: inputName });
  if (draft.folder === undefined) steps.push({ run: pickFolder });
  if (draft.target === undefined && !draft.autoTarget) steps.push({ run: pickEra });
  if (draft.layout === undefined) steps.push({ run: pickLayout });

  for (let i = 0; i < steps.length;) {
    const outcome = await steps[i].run(draft, i + 1, steps.length);
    if (outcome === undefined) return undefined;
    i = outcome === BACK ? Math.max(0, i - 1) : i + 1;
  }

  const folder = draft.folder!;
  return {
    kind: draft.kind!,
    name: draft.name!,
    folder,
    layout: draft.layout!,
    language: draft.language ?? 'python',
    // As chosen in the era step, else (given 'auto') as the resolver decides for the folder and language.
    target: eraOf({ ...draft, folder }),
    preview: draft.preview ?? false,
  };
}

interface PickItem<T> extends vscode.QuickPickItem {
  value: T;
}

interface PickResult<T> {
  value: T;
  /** Set when the item's preview button was used. */
  preview?: boolean;
}

function pick<T>(config: {
  step: number;
  totalSteps: number;
  placeholder: string;
  items: PickItem<T>[];
  active?: T;
}): Promise<PickResult<T> | typeof BACK | undefined> {
  return new Promise((resolve) => {
    const quickPick = vscode.window.createQuickPick<PickItem<T>>();
    quickPick.title = TITLE;
    quickPick.step = config.step;
    quickPick.totalSteps = config.totalSteps;
    quickPick.placeholder = config.placeholder;
    quickPick.items = config.items;
    quickPick.ignoreFocusOut = true;
    const active = config.items.find((item) => item.value === config.active);
    if (active) quickPick.activeItems = [active];
    if (config.step > 1) quickPick.buttons = [vscode.QuickInputButtons.Back];
    let settled = false;
    const finish = (result: PickResult<T> | typeof BACK | undefined) => {
      if (settled) return;
      settled = true;
      resolve(result);
      quickPick.dispose();
    };
    quickPick.onDidTriggerButton((button) => {
      if (button === vscode.QuickInputButtons.Back) finish(BACK);
    });
    quickPick.onDidTriggerItemButton((event) => finish({ value: event.item.value, preview: true }));
    quickPick.onDidAccept(() => {
      const [selected] = quickPick.selectedItems;
      if (selected) finish({ value: selected.value });
    });
    quickPick.onDidHide(() => finish(undefined));
    quickPick.show();
    reporting?.ui.pickShown({
      title: TITLE, step: config.step, totalSteps: config.totalSteps, placeholder: config.placeholder,
      items: config.items.map((item) => item.label), descriptions: config.items.map((item) => item.description), active: active?.label,
      choose(label) {
        const item = config.items.find((i) => i.label === label);
        finish(item ? { value: item.value } : undefined);
      },
    });
  });
}

async function pickLanguage(draft: Draft, step: number, totalSteps: number, proposed: ScaffoldLanguage): Promise<StepOutcome> {
  const result = await pick<ScaffoldLanguage>({
    step, totalSteps, placeholder: 'Language of the new node', active: draft.language ?? proposed,
    items: [
      { label: 'Python', description: `node.py, pydantic models, pytest tests${proposed === 'python' ? ' (this workspace\'s language)' : ''}`, value: 'python' },
      { label: 'TypeScript', description: `node.ts with the same production patterns${proposed === 'typescript' ? ' (this workspace\'s language)' : ''}`, value: 'typescript' },
    ],
  });
  if (result === undefined || result === BACK) return result;
  draft.language = result.value;
  return 'next';
}

async function pickKind(draft: Draft, step: number, totalSteps: number): Promise<StepOutcome> {
  const result = await pick<NodeKind>({
    step, totalSteps, placeholder: 'Kind of node', active: draft.kind,
    items: NODE_KINDS.map((kind) => ({
      label: kind.charAt(0).toUpperCase() + kind.slice(1), description: KIND_ITEMS[kind], value: kind,
    })),
  });
  if (result === undefined || result === BACK) return result;
  draft.kind = result.value;
  return 'next';
}

function inputName(draft: Draft, step: number, totalSteps: number): Promise<StepOutcome> {
  const kind = draft.kind ?? 'effect';
  return new Promise((resolve) => {
    const input = vscode.window.createInputBox();
    input.title = TITLE;
    input.step = step;
    input.totalSteps = totalSteps;
    input.prompt = 'The node\'s snake_case package name, e.g. payment_gateway';
    input.placeholder = 'payment_gateway';
    input.value = draft.name ?? '';
    input.ignoreFocusOut = true;
    if (step > 1) input.buttons = [vscode.QuickInputButtons.Back];
    // Validated as typed: an error says what is valid; a valid name shows the class it derives.
    const validate = (value: string) => {
      if (value === '') {
        input.validationMessage = undefined;
        return false;
      }
      const problem = validateNodeName(value);
      input.validationMessage = problem
        ? { message: problem, severity: vscode.InputBoxValidationSeverity.Error }
        : { message: `Creates class ${classNameFor(value, kind)}`, severity: vscode.InputBoxValidationSeverity.Info };
      return problem === null;
    };
    validate(input.value);
    let settled = false;
    const finish = (outcome: StepOutcome) => {
      if (settled) return;
      settled = true;
      resolve(outcome);
      input.dispose();
    };
    input.onDidChangeValue(validate);
    input.onDidTriggerButton((button) => {
      if (button === vscode.QuickInputButtons.Back) finish(BACK);
    });
    input.onDidAccept(() => {
      if (!validate(input.value)) {
        if (input.value === '') input.validationMessage = { message: validateNodeName('')!, severity: vscode.InputBoxValidationSeverity.Error };
        return;
      }
      draft.name = input.value;
      finish('next');
    });
    input.onDidHide(() => finish(undefined));
    input.show();
  });
}

async function pickFolder(draft: Draft, step: number, totalSteps: number): Promise<StepOutcome> {
  const BROWSE = 'browse';
  for (;;) {
    const folders = vscode.workspace.workspaceFolders ?? [];
    const items: PickItem<vscode.Uri | typeof BROWSE>[] = folders.map((f) => ({
      label: `$(root-folder) ${f.name}`, description: f.uri.scheme === 'file' ? f.uri.fsPath : f.uri.toString(),
      detail: 'Create the node at the root of this workspace folder', value: f.uri,
    }));
    items.push({ label: '$(folder-opened) Browse…', detail: 'Choose another folder (e.g. your nodes/ package)', value: BROWSE });
    const result = await pick<vscode.Uri | typeof BROWSE>({
      step, totalSteps, placeholder: 'Folder to create the node in (its parent folder)', items, active: draft.folder,
    });
    if (result === undefined || result === BACK) return result;
    if (result.value !== BROWSE) {
      draft.folder = result.value;
      return 'next';
    }
    const chosen = await vscode.window.showOpenDialog({
      canSelectFiles: false, canSelectFolders: true, canSelectMany: false,
      defaultUri: draft.folder ?? folders[0]?.uri, openLabel: 'Create Node Here', title: TITLE,
    });
    if (chosen?.[0]) {
      draft.folder = chosen[0];
      return 'next';
    }
    // Dialog cancelled: back to the folder list.
  }
}

/**
 * The era the one resolver (core/era.ts) gives a new node of the draft's language in its folder, which
 * has no imports yet: the framework-target setting or project file, else TypeScript's bridge idiom,
 * else the omnibase-core version the project above the folder pins, else today's.
 */
function proposedEra(draft: Draft): { decision: EraDecision; pin: ProjectPin | null } {
  const language = draft.language ?? 'python';
  if (!draft.folder || draft.folder.scheme !== 'file') return { decision: resolveEra({ language }), pin: null };
  const { setting, source } = frameworkTargetFor(draft.folder);
  const pin = findProjectPin(draft.folder.fsPath);
  return { decision: resolveEra({ setting, settingSource: source, language, pin }), pin };
}

/** The era of the draft: as chosen, else as proposed. */
function eraOf(draft: Draft): FrameworkTarget {
  return draft.target ?? proposedEra(draft).decision.era;
}

async function pickEra(draft: Draft, step: number, totalSteps: number): Promise<StepOutcome> {
  const { decision, pin } = proposedEra(draft);
  const reason = eraReason(decision, pin, (file) => vscode.workspace.asRelativePath(vscode.Uri.file(file)));
  // The resolver's era first (Enter keeps it), with why; the other era to change it.
  const order: FrameworkTarget[] = decision.era === 'current' ? ['current', 'bridge'] : ['bridge', 'current'];
  const result = await pick<FrameworkTarget>({
    step, totalSteps, active: draft.target ?? decision.era,
    placeholder: `Framework era: ${ERA_CHOICES[decision.era].label.toLowerCase()}, because ${reason}. Pick the other to change it.`,
    items: order.map((era) => ({
      label: ERA_CHOICES[era].label,
      description: era === decision.era ? reason : undefined,
      detail: ERA_CHOICES[era].detail,
      value: era,
    })),
  });
  if (result === undefined || result === BACK) return result;
  draft.target = result.value;
  return 'next';
}

async function pickLayout(draft: Draft, step: number, totalSteps: number): Promise<StepOutcome> {
  const preferred = settingsFor(draft.folder).defaultLayout;
  // The versioned layout belongs to the bridge era: today's Python nodes have only the flat one.
  const today = (draft.language ?? 'python') === 'python' && eraOf(draft) === 'current';
  const order: ScaffoldLayout[] = today ? ['flat'] : preferred === 'versioned' ? ['versioned', 'flat'] : ['flat', 'versioned'];
  const previewButton: vscode.QuickInputButton = {
    iconPath: new vscode.ThemeIcon('diff'), tooltip: 'Create with a preview of the changes',
  };
  const result = await pick<ScaffoldLayout>({
    step, totalSteps, active: draft.layout ?? preferred,
    placeholder: 'Directory layout (Enter creates the node; the preview button shows the changes first)',
    items: order.map((layout) => ({
      label: LAYOUT_ITEMS[layout].label,
      description: layout === preferred ? 'default (setting onexForge.scaffold.defaultLayout)' : undefined,
      detail: LAYOUT_ITEMS[layout].detail,
      buttons: [previewButton],
      value: layout,
    })),
  });
  if (result === undefined || result === BACK) return result;
  draft.layout = result.value;
  if (result.preview) draft.preview = true;
  return 'next';
}

// ---------------------------------------------------------------------------------------------
// Creating the files
// ---------------------------------------------------------------------------------------------

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch (error) {
    if (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') return false;
    throw error;
  }
}

function uriOf(folder: vscode.Uri, relativePath: string): vscode.Uri {
  return vscode.Uri.joinPath(folder, ...relativePath.split('/'));
}

/** A plan, and the folder its paths are relative to. */
interface PlannedNode {
  plan: ScaffoldPlan;
  base: vscode.Uri;
}

/** A file's text as the editor has it (unsaved changes included), else from disk; undefined when missing. */
async function currentText(uri: vscode.Uri): Promise<string | undefined> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open) return open.getText();
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch (error) {
    if (error instanceof vscode.FileSystemError && (error.code === 'FileNotFound' || error.code === 'FileIsADirectory')) return undefined;
    throw error;
  }
}

async function planFor(answers: Answers): Promise<PlannedNode> {
  if (answers.language === 'typescript') {
    // The CLI's decision (core/scaffold/typescriptTarget.ts): the configured module when it resolves
    // from the folder as TypeScript resolves it, else a runtime module beside the node; a tsconfig.json
    // when none governs the folder.
    const configured = settingsFor(answers.folder).runtimeModule;
    const target = answers.folder.scheme === 'file'
      ? await typeScriptTargetFor(answers.folder.fsPath, configured)
      : { runtimeModule: configured, runtimeResolves: false, tsconfigFound: true };
    const plan = planScaffold({
      kind: answers.kind, name: answers.name, language: 'typescript', layout: answers.layout, frameworkTarget: answers.target, ...target,
    });
    return { plan, base: answers.folder };
  }
  // Today's Python nodes belong to the project above the folder (its pyproject.toml): the plan's
  // paths are then relative to the project's folder, and it edits the pyproject.
  const today = answers.target === 'current' && answers.layout === 'flat' && answers.folder.scheme === 'file';
  const found = today
    ? await findPythonPlacement(answers.folder.fsPath, (path) => currentText(vscode.Uri.file(path)))
    : undefined;
  const plan = planScaffold({
    kind: answers.kind, name: answers.name, language: 'python', layout: answers.layout, frameworkTarget: answers.target,
    placement: found?.placement,
  });
  const base = plan.base === 'project' && found?.projectDir ? vscode.Uri.file(found.projectDir) : answers.folder;
  return { plan, base };
}

/** The position of a character offset in a text (lines split at \n; a \r stays in its line). */
function positionAt(text: string, offset: number): vscode.Position {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return new vscode.Position(line, offset - (before.lastIndexOf('\n') + 1));
}

function displayPath(uri: vscode.Uri): string {
  return vscode.workspace.asRelativePath(uri, true);
}

async function createNode(answers: Answers): Promise<NewNodeResult> {
  const { plan, base } = await planFor(answers);
  const className = classNameFor(answers.name, answers.kind);

  // Never overwrite: refuse when the node's folder or any of its files exists.
  for (const relativePath of plannedTargets(plan)) {
    const target = uriOf(base, relativePath);
    if (await exists(target)) {
      const message = `Cannot create ${className}: ${displayPath(target)} already exists. Nothing was written; choose another name or folder.`;
      void notify('error', message);
      return { status: 'refused', message };
    }
  }
  // An edited file (the pyproject) must still hold the text the edit was planned on.
  for (const edit of plan.edits ?? []) {
    const target = uriOf(base, edit.path);
    if ((await currentText(target)) !== edit.original) {
      const message = `Cannot create ${className}: ${displayPath(target)} changed while the node was planned. Nothing was written; try again.`;
      void notify('error', message);
      return { status: 'refused', message };
    }
  }

  // One WorkspaceEdit for every file: one undo, and one refactor preview when asked for. VS Code
  // lists entries that need confirmation unchecked: the user ticks the files to create, then
  // applies (extensions cannot open the preview with everything ticked).
  const edit = new vscode.WorkspaceEdit();
  const encoder = new TextEncoder();
  const metadata: vscode.WorkspaceEditEntryMetadata = {
    label: `Create ${className}`,
    description: answers.preview
      ? `tick the files to create, then Apply (${answers.layout} layout)`
      : `${answers.layout} ${answers.language} ${answers.kind} node in ${displayPath(uriOf(base, plan.root))}`,
    needsConfirmation: answers.preview,
    iconPath: new vscode.ThemeIcon('new-file'),
  };
  const files = plan.files.map((file) => uriOf(base, file.path));
  plan.files.forEach((file, i) => {
    edit.createFile(files[i], { contents: encoder.encode(file.content), overwrite: false, ignoreIfExists: false }, metadata);
  });
  // The pyproject's entry point goes into the same edit: one undo takes back files and edit.
  // Saved afterwards unless the user had unsaved changes in it (those stay theirs to save).
  const editedUris = (plan.edits ?? []).map((change) => uriOf(base, change.path));
  const dirtyBefore = new Set(vscode.workspace.textDocuments.filter((d) => d.isDirty).map((d) => d.uri.toString()));
  for (const change of plan.edits ?? []) {
    edit.insert(uriOf(base, change.path), positionAt(change.original, change.offset), change.text, { ...metadata, label: `${className}: ${change.summary}` });
  }
  const applied = await vscode.workspace.applyEdit(edit, { isRefactoring: answers.preview });
  if (!applied) {
    return answers.preview
      ? { status: 'cancelled' }
      : { status: 'refused', message: `VS Code did not create ${className}'s files.` };
  }

  for (const uri of editedUris) {
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (doc?.isDirty && !dirtyBefore.has(uri.toString())) await doc.save();
  }
  const mainFile = uriOf(base, plan.mainFile);
  // After a preview the user may have left files unticked: report (and open) only what exists.
  const created: vscode.Uri[] = [];
  for (const uri of files) if (await exists(uri)) created.push(uri);
  if (created.length === 0) {
    void notify('information', `${className} was not created: no file was ticked in the preview.`);
    return { status: 'cancelled' };
  }
  if (created.some((uri) => uri.toString() === mainFile.toString())) {
    await vscode.window.showTextDocument(mainFile, { preview: false });
  }
  const summary = createdSummary(className, answers.language, answers.kind, created.map((uri) => displayPath(uri).replace(/\\/g, '/')));
  // What the plan wants the user to know (where the tests went and why) closes the same message.
  const message = [summary.message, ...(plan.notes ?? [])].join(' ');
  reporting?.output.info(message);
  void announceCreated(message, className, answers, created);
  return { status: 'created', files: created, mainFile, message };
}

export const OPEN_CONTRACT = 'Open contract';
export const RUN_TESTS = 'Run tests';

/** The closing notification: what was created, with buttons that open its contract and run its tests. */
async function announceCreated(message: string, className: string, answers: Answers, created: readonly vscode.Uri[]): Promise<void> {
  const contract = created.filter((uri) => uri.path.endsWith('/contract.yaml')).sort((a, b) => a.path.length - b.path.length)[0];
  const tests = created.filter((uri) => isTestFile(uri.path));
  const actions = [...(contract ? [OPEN_CONTRACT] : []), ...(tests.length > 0 ? [RUN_TESTS] : [])];
  const action = await notify('information', message, ...actions);
  if (action === OPEN_CONTRACT && contract) {
    await vscode.window.showTextDocument(contract, { preview: false });
  } else if (action === RUN_TESTS && tests.length > 0) {
    await runTests(className, answers, tests[0].with({ path: commonFolder(tests.map((uri) => uri.path)) }));
  }
}

/**
 * Runs the generated tests in a terminal: from the nearest folder above them with the project's file
 * (pyproject.toml, package.json), else from the folder the node was created in.
 */
async function runTests(className: string, answers: Answers, testsFolder: vscode.Uri): Promise<vscode.Terminal> {
  const marker = answers.language === 'typescript' ? 'package.json' : 'pyproject.toml';
  let cwd = answers.folder;
  for (let dir = testsFolder; ; dir = vscode.Uri.joinPath(dir, '..')) {
    if (await exists(vscode.Uri.joinPath(dir, marker))) {
      cwd = dir;
      break;
    }
    const root = vscode.workspace.getWorkspaceFolder(dir)?.uri;
    if (!root || dir.toString() === root.toString() || vscode.Uri.joinPath(dir, '..').toString() === dir.toString()) break;
  }
  const command = testCommand(answers.language, relativeTo(cwd, testsFolder));
  reporting?.output.info(`Run tests of ${className}: ${command} (in ${cwd.fsPath})`);
  const terminal = vscode.window.createTerminal({ name: `ONEX tests: ${className}`, cwd });
  terminal.show();
  terminal.sendText(command);
  return terminal;
}

/** `target`'s path relative to `base` ('/'-separated; '.' for the same folder); the absolute path when outside it. */
function relativeTo(base: vscode.Uri, target: vscode.Uri): string {
  const prefix = base.path.endsWith('/') ? base.path : `${base.path}/`;
  if (target.path === base.path) return '.';
  return target.path.startsWith(prefix) ? target.path.slice(prefix.length) : target.fsPath;
}
