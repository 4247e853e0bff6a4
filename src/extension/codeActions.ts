// The lightbulb, kept short. For the ONEX diagnostics under the cursor it offers, in this order:
//   1. "Make <Class> production-ready" (on the class's own line, first and preferred; elsewhere in the
//      class after the rule's fix): every fix the engine offers inside the class, one edit, one undo
//      (core/fixAll.ts makeProductionReady, which the ONEX Nodes view calls too);
//   2. each finding's own fixes;
//   3. "Fix all ONEXnnn problems in this file", only for a rule with more than one finding in the file;
//   4. "Disable … for this line" once per line and "Disable … for this file" once, naming every rule there;
//   5. "Show documentation" once (several rules: a pick of them).
// VS Code sorts actions with diagnostics first, preferred ones at the top, and groups them by kind: all
// of these are quick fixes (sub-kinds quickfix.onex.*), so they stay in the one "Quick Fix" group.
// `source.fixAll.onex` runs the safe fixes on save. Edits are computed in resolveCodeAction, for the
// document version the action was offered on.
import * as vscode from 'vscode';
import { RULE_META } from '../core/rules/meta';
import type { ProductionClass } from '../core/frontend';
import type { FileKind, Finding, Fix, LanguageId, RuleId, Span, TextEdit } from '../core/types';
import type { DocumentAnalyzer } from './analysis';
import { languageOf } from './analysis';
import { analysisConfigFor, settingsFor } from './config';
import { ruleIdOf } from './diagnostics';
import { type EngineBridge, minimalReplacement } from './engineBridge';

export const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append('onex');
const ONEX_QUICKFIX = vscode.CodeActionKind.QuickFix.append('onex');
export const PRODUCTION_READY_KIND = ONEX_QUICKFIX.append('productionReady');
export const FIX_ALL_RULE_KIND = ONEX_QUICKFIX.append('fixAll');
export const DISABLE_KIND = ONEX_QUICKFIX.append('disable');
export const DOCS_KIND = ONEX_QUICKFIX.append('docs');

type ActionData =
  | { kind: 'fix'; uri: string; version: number; ruleId: RuleId; message: string; span: Span; fixId: string }
  | { kind: 'fixAllRule'; uri: string; version: number; ruleId: RuleId }
  | { kind: 'fixAllSafe'; uri: string; version: number }
  | { kind: 'productionReady'; uri: string; version: number; className: string; span: Span };

class OnexCodeAction extends vscode.CodeAction {
  constructor(title: string, kind: vscode.CodeActionKind, readonly data?: ActionData) {
    super(title, kind);
  }
}

interface FixHint {
  id: string;
  title: string;
  safety: Fix['safety'];
  preferred?: boolean;
}

function commentPrefix(language: FileKind): string {
  return language === 'typescript' ? '//' : '#';
}

function toWorkspaceEdit(document: vscode.TextDocument, edits: readonly TextEdit[]): vscode.WorkspaceEdit {
  const edit = new vscode.WorkspaceEdit();
  for (const e of edits) {
    edit.replace(document.uri, new vscode.Range(document.positionAt(e.start), document.positionAt(e.end)), e.newText);
  }
  return edit;
}

const sameFinding = (f: Finding, ruleId: RuleId, message: string, span: Span): boolean =>
  f.ruleId === ruleId && f.message === message && f.span.start === span.start && f.span.end === span.end;
const inside = (span: Span, outer: Span): boolean => span.start >= outer.start && span.end <= outer.end;
const unique = <T>(items: readonly T[]): T[] => [...new Set(items)];
const list = (ids: readonly string[]): string => ids.join(', ');

/** What to insert before the `]` of an existing id list (`listText`) so that it names every id of `ruleIds`. */
function missingIds(listText: string, ruleIds: readonly string[]): string {
  const present = listText.split(',').map((s) => s.trim()).filter(Boolean);
  const missing = ruleIds.filter((id) => !present.includes(id));
  return present.length ? missing.map((id) => `, ${id}`).join('') : list(missing);
}

export class OnexCodeActionProvider implements vscode.CodeActionProvider<OnexCodeAction> {
  static readonly metadata: vscode.CodeActionProviderMetadata = {
    providedCodeActionKinds: [vscode.CodeActionKind.QuickFix, FIX_ALL_KIND],
  };

  /** Fix titles per (document version, finding), so moving the cursor does not recompute them. */
  private readonly hintCache = new Map<string, FixHint[]>();
  /** The classes "make production-ready" works on, per document version. */
  private readonly classCache = new Map<string, Promise<ProductionClass[]>>();

  constructor(private readonly analyzer: DocumentAnalyzer, private readonly bridge: EngineBridge, private readonly log: vscode.LogOutputChannel) {}

  async provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext,
    token: vscode.CancellationToken): Promise<OnexCodeAction[]> {
    const language = languageOf(document);
    if (!language) return [];
    const only = context.only;
    const uri = document.uri.toString();
    const version = document.version;
    if (only && FIX_ALL_KIND.intersects(only) && !only.contains(vscode.CodeActionKind.QuickFix)) {
      return [new OnexCodeAction('Fix all safe ONEX problems', FIX_ALL_KIND, { kind: 'fixAllSafe', uri, version })];
    }
    if (only && !vscode.CodeActionKind.QuickFix.intersects(only)) return [];
    const ours = context.diagnostics.filter((d) => ruleIdOf(d));
    if (ours.length === 0) return [];
    const settings = settingsFor(document.uri);
    const { result } = this.analyzer.lastResult(document);
    const spanOf = (d: vscode.Diagnostic): Span => ({ start: document.offsetAt(d.range.start), end: document.offsetAt(d.range.end) });
    // (Two findings of a rule may share a span: ONEX004's broad handler and its raise without `from e`.)
    const findingOf = (d: vscode.Diagnostic): Finding | undefined => result?.findings.find((f) => sameFinding(f, ruleIdOf(d)!, d.message, spanOf(d)));

    const fixes: OnexCodeAction[] = [];
    for (const diagnostic of ours) {
      if (token.isCancellationRequested) return [];
      const finding = findingOf(diagnostic);
      if (!finding) continue;
      for (const hint of await this.hints(document, language, finding)) {
        const action = new OnexCodeAction(hint.title, vscode.CodeActionKind.QuickFix,
          { kind: 'fix', uri, version, ruleId: finding.ruleId, message: finding.message, span: finding.span, fixId: hint.id });
        action.diagnostics = [diagnostic];
        action.isPreferred = hint.preferred === true;
        // Runs after the edit: completes the walkthrough's "fix one from the lightbulb" step.
        action.command = { command: 'onexForge.fixApplied', title: hint.title };
        fixes.push(action);
      }
    }

    const production = await this.productionReady(document, language, ours.map(spanOf), result?.findings ?? [], ours);
    const actions: OnexCodeAction[] = production?.isPreferred ? [production, ...fixes] : [...fixes, ...(production ? [production] : [])];

    const ruleIds = unique(ours.map((d) => ruleIdOf(d)!));
    for (const ruleId of ruleIds) {
      // "Fix all" of a rule with one finding in the file would be its fix again.
      const inFile = result?.findings.filter((f) => f.ruleId === ruleId).length ?? 0;
      const diagnostic = ours.find((d) => ruleIdOf(d) === ruleId && findingOf(d));
      if (RULE_META[ruleId].fixSafety === 'none' || inFile < 2 || !diagnostic) continue;
      const fixAll = new OnexCodeAction(`Fix all ${ruleId} problems in this file`, FIX_ALL_RULE_KIND, { kind: 'fixAllRule', uri, version, ruleId });
      fixAll.diagnostics = ours.filter((d) => ruleIdOf(d) === ruleId);
      actions.push(fixAll);
    }
    if (settings.disableRuleComment) {
      for (const line of unique(ours.map((d) => d.range.start.line))) {
        const here = ours.filter((d) => d.range.start.line === line);
        actions.push(this.disableForLine(document, language, line, here));
      }
      actions.push(this.disableForFile(document, language, ruleIds));
    }
    if (settings.showDocumentation) {
      const title = `Show documentation for ${list(ruleIds)}`;
      const docs = new OnexCodeAction(title, DOCS_KIND);
      docs.command = { command: 'onexForge.showRuleDocs', title, arguments: [ruleIds.length === 1 ? ruleIds[0] : ruleIds] };
      actions.push(docs);
    }
    return actions;
  }

  /**
   * "Make <Class> production-ready" for the class around the diagnostics, when the class holds more than
   * one finding of a rule with a fix (with one, the rule's own fix is that action). Preferred, and so
   * first, when a diagnostic is on the class's name (its class-level findings).
   */
  private async productionReady(document: vscode.TextDocument, language: FileKind, spans: readonly Span[],
    findings: readonly Finding[], diagnostics: readonly vscode.Diagnostic[]): Promise<OnexCodeAction | undefined> {
    if (language === 'contract') return undefined; // (a contract has no classes)
    let classes: ProductionClass[];
    try {
      classes = await this.classes(document, language);
    } catch (error) {
      this.log.error(`Finding the node classes of ${document.uri.fsPath} failed: ${(error as Error).message}`);
      return undefined;
    }
    const cls = classes
      .filter((c) => spans.some((s) => inside(s, c.span)))
      .sort((a, b) => (a.span.end - a.span.start) - (b.span.end - b.span.start))[0];
    if (!cls) return undefined;
    const fixable = findings.filter((f) => inside(f.span, cls.span) && RULE_META[f.ruleId].fixSafety !== 'none');
    if (fixable.length < 2) return undefined;
    const action = new OnexCodeAction(`Make ${cls.name} production-ready`, PRODUCTION_READY_KIND,
      { kind: 'productionReady', uri: document.uri.toString(), version: document.version, className: cls.name, span: cls.span });
    action.diagnostics = diagnostics.filter((d, i) => inside(spans[i], cls.span));
    action.isPreferred = spans.some((s) => s.start === cls.nameSpan.start && s.end === cls.nameSpan.end);
    action.command = { command: 'onexForge.fixApplied', title: action.title };
    return action;
  }

  private classes(document: vscode.TextDocument, language: LanguageId): Promise<ProductionClass[]> {
    const key = `${document.uri.toString()}@${document.version}`;
    let classes = this.classCache.get(key);
    if (!classes) {
      if (this.classCache.size > 50) this.classCache.clear();
      classes = this.bridge.productionClasses(language, document.getText(), analysisConfigFor(document.uri), document.uri.fsPath);
      classes.catch(() => this.classCache.delete(key));
      this.classCache.set(key, classes);
    }
    return classes;
  }

  private async hints(document: vscode.TextDocument, language: FileKind, finding: Finding): Promise<FixHint[]> {
    const key = `${document.uri.toString()}@${document.version}:${finding.ruleId}:${finding.span.start}:${finding.span.end}:${finding.message}`;
    const cached = this.hintCache.get(key);
    if (cached) return cached;
    let hints: FixHint[] = [];
    try {
      const { fixes } = await this.bridge.fixes(language, document.getText(), finding, analysisConfigFor(document.uri), document.uri.fsPath);
      hints = fixes.map((f) => ({ id: f.id, title: f.title, safety: f.safety, preferred: f.preferred }));
    } catch (error) {
      this.log.error(`Computing fixes for ${finding.ruleId} failed: ${(error as Error).message}`);
    }
    if (this.hintCache.size > 200) this.hintCache.clear();
    this.hintCache.set(key, hints);
    return hints;
  }

  async resolveCodeAction(action: OnexCodeAction, token: vscode.CancellationToken): Promise<OnexCodeAction> {
    const data = action.data;
    if (!data) return action;
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === data.uri);
    const language = document && languageOf(document);
    if (!document || !language) return action;
    if (document.version !== data.version) {
      // Never apply an edit computed for another version of the document.
      void vscode.window.showWarningMessage('ONEX Forge: the file changed since this action was offered; nothing was applied. Open the lightbulb again.');
      return action;
    }
    const text = document.getText();
    const config = analysisConfigFor(document.uri);
    try {
      if (data.kind === 'fix') {
        const analysis = await this.bridge.analyze(language, text, config, document.uri.fsPath);
        const finding = analysis.findings.find((f) => sameFinding(f, data.ruleId, data.message, data.span));
        if (!finding) return action;
        const { fixes, refused } = await this.bridge.fixes(language, text, finding, config, document.uri.fsPath);
        const fix = fixes.find((f) => f.id === data.fixId);
        const refusal = refused.find((r) => r.fix.id === data.fixId);
        if (refusal) void vscode.window.showWarningMessage(`ONEX Forge: ${refusal.reason}`);
        if (fix && !token.isCancellationRequested && document.version === data.version) action.edit = toWorkspaceEdit(document, fix.edits);
      } else {
        const result = data.kind === 'productionReady' && language !== 'contract'
          ? await this.bridge.makeProductionReady(language, text, config, data.span, document.uri.fsPath)
          : await this.bridge.fixAll(language, text, config, data.kind === 'fixAllRule' ? [data.ruleId] : null, data.kind === 'fixAllSafe', document.uri.fsPath);
        for (const reason of result.refused) this.log.warn(reason);
        if (data.kind === 'productionReady' && result.left.length > 0) {
          this.log.info(`${data.className}: ${result.left.length} finding(s) no fix removes: ${list(unique(result.left.map((f) => f.ruleId)))}`);
        }
        // One replacement for the whole result: one edit, one undo.
        const replacement = minimalReplacement(text, result.text);
        if (replacement && !token.isCancellationRequested && document.version === data.version) action.edit = toWorkspaceEdit(document, [replacement]);
      }
    } catch (error) {
      this.log.error(`ONEX Forge could not compute "${action.title}": ${(error as Error).message}`);
    }
    return action;
  }

  /** One action for every rule reported on the line: adds the missing ids to its `onex: ignore[…]` comment, or writes one. */
  private disableForLine(document: vscode.TextDocument, language: FileKind, lineNumber: number, diagnostics: readonly vscode.Diagnostic[]): OnexCodeAction {
    const ruleIds = unique(diagnostics.map((d) => ruleIdOf(d)!));
    const action = new OnexCodeAction(`Disable ${list(ruleIds)} for this line`, DISABLE_KIND);
    const line = document.lineAt(lineNumber);
    const edit = new vscode.WorkspaceEdit();
    const existing = /onex:\s*ignore\[([^\]]*)\]/.exec(line.text);
    if (existing && existing.index !== undefined) {
      const listEnd = existing.index + existing[0].length - 1;
      edit.insert(document.uri, new vscode.Position(line.lineNumber, listEnd), missingIds(existing[1], ruleIds));
    } else {
      edit.insert(document.uri, line.range.end, `  ${commentPrefix(language)} onex: ignore[${list(ruleIds)}]`);
    }
    action.edit = edit;
    action.diagnostics = [...diagnostics];
    return action;
  }

  private disableForFile(document: vscode.TextDocument, language: FileKind, ruleIds: readonly RuleId[]): OnexCodeAction {
    const action = new OnexCodeAction(`Disable ${list(ruleIds)} for this file`, DISABLE_KIND);
    const edit = new vscode.WorkspaceEdit();
    const prefix = commentPrefix(language);
    let target = 0;
    // Keep a shebang and a Python encoding declaration on the first lines.
    while (target < Math.min(2, document.lineCount)) {
      const t = document.lineAt(target).text;
      if (t.startsWith('#!') || /^#.*coding[:=]/.test(t)) target++;
      else break;
    }
    const eol = document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
    for (let i = 0; i < document.lineCount; i++) {
      const t = document.lineAt(i).text;
      const m = /^\s*(#|\/\/)\s*onex:\s*ignore-file\[([^\]]*)\]/.exec(t);
      if (m) {
        const at = t.indexOf(']', t.indexOf('ignore-file['));
        edit.insert(document.uri, new vscode.Position(i, at), missingIds(m[2], ruleIds));
        action.edit = edit;
        return action;
      }
    }
    edit.insert(document.uri, new vscode.Position(target, 0), `${prefix} onex: ignore-file[${list(ruleIds)}]${eol}`);
    action.edit = edit;
    return action;
  }
}
