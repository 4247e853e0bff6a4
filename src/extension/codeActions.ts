// The lightbulb: for each ONEX diagnostic the fix (preferred), fix-all of the rule in the file,
// disable for line / file, and show documentation; plus `source.fixAll.onex` for safe fixes on save.
// Edits are computed in resolveCodeAction, for the document version the action was offered on.
import * as vscode from 'vscode';
import { RULE_META } from '../core/rules/meta';
import type { Finding, Fix, LanguageId, RuleId, TextEdit } from '../core/types';
import type { DocumentAnalyzer } from './analysis';
import { languageOf } from './analysis';
import { analysisConfigFor, settingsFor } from './config';
import { ruleIdOf } from './diagnostics';
import { type EngineBridge, minimalReplacement } from './engineBridge';

export const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append('onex');

type ActionData =
  | { kind: 'fix'; uri: string; version: number; ruleId: RuleId; span: { start: number; end: number }; fixId: string }
  | { kind: 'fixAllRule'; uri: string; version: number; ruleId: RuleId }
  | { kind: 'fixAllSafe'; uri: string; version: number };

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

function commentPrefix(language: LanguageId): string {
  return language === 'python' ? '#' : '//';
}

function toWorkspaceEdit(document: vscode.TextDocument, edits: readonly TextEdit[]): vscode.WorkspaceEdit {
  const edit = new vscode.WorkspaceEdit();
  for (const e of edits) {
    edit.replace(document.uri, new vscode.Range(document.positionAt(e.start), document.positionAt(e.end)), e.newText);
  }
  return edit;
}

export class OnexCodeActionProvider implements vscode.CodeActionProvider<OnexCodeAction> {
  static readonly metadata: vscode.CodeActionProviderMetadata = {
    providedCodeActionKinds: [vscode.CodeActionKind.QuickFix, FIX_ALL_KIND],
  };

  /** Fix titles per (document version, finding), so moving the cursor does not recompute them. */
  private readonly hintCache = new Map<string, FixHint[]>();

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
    const actions: OnexCodeAction[] = [];
    const extras: OnexCodeAction[] = [];
    const seenRules = new Set<RuleId>();
    for (const diagnostic of ours) {
      if (token.isCancellationRequested) return [];
      const ruleId = ruleIdOf(diagnostic)!;
      const span = { start: document.offsetAt(diagnostic.range.start), end: document.offsetAt(diagnostic.range.end) };
      const finding = result?.findings.find((f) => f.ruleId === ruleId && f.span.start === span.start && f.span.end === span.end);
      if (finding) {
        for (const hint of await this.hints(document, language, finding)) {
          const action = new OnexCodeAction(hint.title, vscode.CodeActionKind.QuickFix, { kind: 'fix', uri, version, ruleId, span, fixId: hint.id });
          action.diagnostics = [diagnostic];
          action.isPreferred = hint.preferred === true;
          // Runs after the edit: completes the walkthrough's "fix one from the lightbulb" step.
          action.command = { command: 'onexForge.fixApplied', title: hint.title };
          actions.push(action);
        }
      }
      if (seenRules.has(ruleId)) continue;
      seenRules.add(ruleId);
      if (RULE_META[ruleId].fixSafety !== 'none' && finding) {
        const fixAll = new OnexCodeAction(`Fix all ${ruleId} problems in this file`, vscode.CodeActionKind.QuickFix, { kind: 'fixAllRule', uri, version, ruleId });
        fixAll.diagnostics = [diagnostic];
        extras.push(fixAll);
      }
      if (settings.disableRuleComment) {
        extras.push(this.disableForLine(document, language, diagnostic, ruleId));
        extras.push(this.disableForFile(document, language, ruleId));
      }
      if (settings.showDocumentation) {
        const docs = new OnexCodeAction(`Show documentation for ${ruleId}`, vscode.CodeActionKind.QuickFix);
        docs.command = { command: 'onexForge.showRuleDocs', title: `Show documentation for ${ruleId}`, arguments: [ruleId] };
        extras.push(docs);
      }
    }
    return [...actions, ...extras];
  }

  private async hints(document: vscode.TextDocument, language: LanguageId, finding: Finding): Promise<FixHint[]> {
    const key = `${document.uri.toString()}@${document.version}:${finding.ruleId}:${finding.span.start}:${finding.span.end}`;
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
        const finding = analysis.findings.find((f) => f.ruleId === data.ruleId && f.span.start === data.span.start && f.span.end === data.span.end);
        if (!finding) return action;
        const { fixes, refused } = await this.bridge.fixes(language, text, finding, config, document.uri.fsPath);
        const fix = fixes.find((f) => f.id === data.fixId);
        const refusal = refused.find((r) => r.fix.id === data.fixId);
        if (refusal) void vscode.window.showWarningMessage(`ONEX Forge: ${refusal.reason}`);
        if (fix && !token.isCancellationRequested && document.version === data.version) action.edit = toWorkspaceEdit(document, fix.edits);
      } else {
        const ruleIds = data.kind === 'fixAllRule' ? [data.ruleId] : null;
        const result = await this.bridge.fixAll(language, text, config, ruleIds, data.kind === 'fixAllSafe', document.uri.fsPath);
        for (const reason of result.refused) this.log.warn(reason);
        const replacement = minimalReplacement(text, result.text);
        if (replacement && !token.isCancellationRequested && document.version === data.version) action.edit = toWorkspaceEdit(document, [replacement]);
      }
    } catch (error) {
      this.log.error(`ONEX Forge could not compute "${action.title}": ${(error as Error).message}`);
    }
    return action;
  }

  private disableForLine(document: vscode.TextDocument, language: LanguageId, diagnostic: vscode.Diagnostic, ruleId: RuleId): OnexCodeAction {
    const action = new OnexCodeAction(`Disable ${ruleId} for this line`, vscode.CodeActionKind.QuickFix);
    const line = document.lineAt(diagnostic.range.start.line);
    const edit = new vscode.WorkspaceEdit();
    const existing = /onex:\s*ignore\[([^\]]*)\]/.exec(line.text);
    if (existing && existing.index !== undefined) {
      const listEnd = existing.index + existing[0].length - 1;
      const ids = existing[1].trim();
      edit.insert(document.uri, new vscode.Position(line.lineNumber, listEnd), ids ? `, ${ruleId}` : ruleId);
    } else {
      edit.insert(document.uri, line.range.end, `  ${commentPrefix(language)} onex: ignore[${ruleId}]`);
    }
    action.edit = edit;
    action.diagnostics = [diagnostic];
    return action;
  }

  private disableForFile(document: vscode.TextDocument, language: LanguageId, ruleId: RuleId): OnexCodeAction {
    const action = new OnexCodeAction(`Disable ${ruleId} for this file`, vscode.CodeActionKind.QuickFix);
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
        edit.insert(document.uri, new vscode.Position(i, at), m[2].trim() ? `, ${ruleId}` : ruleId);
        action.edit = edit;
        return action;
      }
    }
    edit.insert(document.uri, new vscode.Position(target, 0), `${prefix} onex: ignore-file[${ruleId}]${eol}`);
    action.edit = edit;
    return action;
  }
}
