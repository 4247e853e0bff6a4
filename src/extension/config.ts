// The one place that reads ONEX Forge settings. Settings are resource-scoped (multi-root), and only
// values a user actually set override the project's configuration file.
import * as vscode from 'vscode';
import { resolveConfig } from '../core/engine';
import { loadProjectConfig, type ProjectConfig } from '../core/projectConfig';
import { findPackageFacts, findProjectRoot } from '../core/packageFacts';
import { findProjectPin } from '../core/projectPin';
import type { EngineConfig, RuleId, Severity } from '../core/types';
import { type WorkspaceHints, withHints } from '../core/workspace/facts';
import type { EraSetting } from '../core/era';

export const SECTION = 'onexForge';

function explicit<T>(config: vscode.WorkspaceConfiguration, key: string): T | undefined {
  const inspected = config.inspect<T>(key);
  return inspected?.workspaceFolderValue ?? inspected?.workspaceValue ?? inspected?.globalValue;
}

export interface ExtensionSettings {
  enable: boolean;
  debounceMs: number;
  disableRuleComment: boolean;
  showDocumentation: boolean;
  defaultLayout: 'flat' | 'versioned';
  runtimeModule: string;
}

export function settingsFor(scope: vscode.Uri | undefined): ExtensionSettings {
  const c = vscode.workspace.getConfiguration(SECTION, scope);
  return {
    enable: c.get<boolean>('enable', true),
    debounceMs: c.get<number>('debounceMs', 250),
    disableRuleComment: c.get<boolean>('codeActions.disableRuleComment.enable', true),
    showDocumentation: c.get<boolean>('codeActions.showDocumentation.enable', true),
    defaultLayout: c.get<'flat' | 'versioned'>('scaffold.defaultLayout', 'flat'),
    runtimeModule: c.get<string>('typescript.runtimeModule', '@omninode/onex-runtime'),
  };
}

/**
 * Engine configuration for a document: project file (pyproject.toml / onex-forge.json) then user
 * settings. `loaded` is the file's project configuration when the caller has looked it up already.
 */
export function engineConfigFor(uri: vscode.Uri, loaded?: ProjectConfig | null): EngineConfig {
  const c = vscode.workspace.getConfiguration(SECTION, uri);
  const project = loaded ? loaded.config : uri.scheme === 'file' ? loadProjectConfig(uri.fsPath).config : {};
  const rules = { ...project.rules, ...(explicit<Partial<Record<RuleId, Severity>>>(c, 'rules') ?? {}) };
  return resolveConfig({
    ...project,
    rules,
    nodeBaseClasses: explicit<string[]>(c, 'nodeBaseClasses') ?? project.nodeBaseClasses,
    startMethods: explicit<string[]>(c, 'lifecycle.startMethods') ?? project.startMethods,
    stopMethods: explicit<string[]>(c, 'lifecycle.stopMethods') ?? project.stopMethods,
    testFiles: explicit<string[]>(c, 'testFiles') ?? project.testFiles,
    frameworkTarget: explicit<EngineConfig['frameworkTarget']>(c, 'frameworkTarget') ?? project.frameworkTarget,
    // What the engine cannot read itself (it reads no files): the omnibase-core version the project pins (the
    // era resolver's step 3), the project's folder (test files are found relative to it), the package's contract.
    ...(uri.scheme === 'file' ? {
      projectPin: findProjectPin(uri.fsPath),
      projectRoot: findProjectRoot(uri.fsPath) ?? vscode.workspace.getWorkspaceFolder(uri)?.uri.fsPath ?? null,
      packageFacts: findPackageFacts(uri.fsPath),
    } : {}),
    maxFileSize: explicit<number>(c, 'maxFileSize') ?? project.maxFileSize,
    timeBudgetMs: explicit<number>(c, 'timeBudgetMs') ?? project.timeBudgetMs,
  });
}

let hintsFor: ((uri: vscode.Uri) => WorkspaceHints | undefined) | undefined;

/** Wires the workspace index's hints (what it knows of a file beyond its text) into analysisConfigFor. */
export function provideWorkspaceHints(provider: (uri: vscode.Uri) => WorkspaceHints | undefined): void {
  hintsFor = provider;
}

/**
 * The configuration a document is analysed and fixed with: engineConfigFor plus what the workspace
 * index says of the file (node bases defined in other files), so that analyses, quick fixes and fix-all
 * see the same node classes.
 */
export function analysisConfigFor(uri: vscode.Uri): EngineConfig {
  return withHints(engineConfigFor(uri), hintsFor?.(uri));
}

/**
 * The framework-target that applies to a new file in `folder`, and where it is set (for the reason shown):
 * the onexForge.frameworkTarget setting when the user set an era, else the project file's framework-target.
 */
export function frameworkTargetFor(folder: vscode.Uri): { setting: EraSetting; source?: string } {
  const fromSettings = explicit<EraSetting>(vscode.workspace.getConfiguration(SECTION, folder), 'frameworkTarget');
  if (fromSettings && fromSettings !== 'auto') return { setting: fromSettings, source: `the ${SECTION}.frameworkTarget setting` };
  if (folder.scheme !== 'file') return { setting: 'auto' };
  const project = loadProjectConfig(vscode.Uri.joinPath(folder, 'node.py').fsPath);
  const setting = project.config.frameworkTarget ?? 'auto';
  return { setting, source: project.path ? `framework-target in ${vscode.workspace.asRelativePath(vscode.Uri.file(project.path))}` : undefined };
}
