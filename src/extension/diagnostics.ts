// Findings as VS Code diagnostics: source "onex", code { value: ONEXnnn, target: a link that opens the rule's page }.
import * as vscode from 'vscode';
import type { Finding, RawFinding } from '../core/types';
import { RULE_META } from '../core/rules/meta';

export const SOURCE = 'onex';

const SEVERITY: Record<Finding['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

/**
 * The docs page shipped inside the extension (works offline, matches the installed version): the build
 * copies each rule's page from its folder (src/core/rules/onexNNN/ONEXnnn.md) to dist/docs/rules/.
 */
export function docsUri(extensionUri: vscode.Uri, ruleId: string): vscode.Uri {
  return vscode.Uri.joinPath(extensionUri, 'dist', 'docs', 'rules', `${ruleId}.md`);
}

export const SHOW_RULE_DOCS = 'onexForge.showRuleDocs';

/**
 * Where a diagnostic's rule code links (in its hover and in the Problems panel): a command link that
 * opens the rule's page rendered (onexForge.showRuleDocs), not the .md file as text. Both places open
 * the link with command links allowed, in the desktop and the web workbench alike; a link in the
 * product's own scheme to a URI handler would ask the desktop user to confirm it first.
 */
export function docsLink(ruleId: string): vscode.Uri {
  return vscode.Uri.from({ scheme: 'command', path: SHOW_RULE_DOCS, query: JSON.stringify([ruleId]) });
}

/** The raw finding behind each diagnostic we publish, to compute its fixes later. */
const findingOf = new WeakMap<vscode.Diagnostic, RawFinding>();

function toRange(range: Finding['range']): vscode.Range {
  return new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
}

/** `file` is the diagnostic's own file, where a related place without a path of its own is. */
export function toDiagnostic(finding: Finding, file?: vscode.Uri): vscode.Diagnostic {
  const diagnostic = new vscode.Diagnostic(toRange(finding.range), finding.message, SEVERITY[finding.severity]);
  diagnostic.source = SOURCE;
  diagnostic.code = { value: finding.ruleId, target: docsLink(finding.ruleId) };
  // A node ↔ contract finding points at the other file (the contract that binds a handler, the module it names).
  const related = (finding.related ?? []).filter((r) => r.path || file);
  if (related.length) {
    diagnostic.relatedInformation = related.map((r) => new vscode.DiagnosticRelatedInformation(
      new vscode.Location(r.path ? vscode.Uri.file(r.path) : file!, toRange(r.range)), r.message));
  }
  findingOf.set(diagnostic, { ruleId: finding.ruleId, message: finding.message, span: finding.span, data: finding.data });
  return diagnostic;
}

export function ruleIdOf(diagnostic: vscode.Diagnostic): keyof typeof RULE_META | null {
  if (diagnostic.source !== SOURCE) return null;
  const code = typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code;
  return typeof code === 'string' && code in RULE_META ? (code as keyof typeof RULE_META) : null;
}

/** The finding behind a diagnostic; VS Code may hand back copies, so fall back to matching by range and message. */
export function findingFor(diagnostic: vscode.Diagnostic, document: vscode.TextDocument): RawFinding | null {
  const known = findingOf.get(diagnostic);
  if (known) return known;
  const ruleId = ruleIdOf(diagnostic);
  if (!ruleId) return null;
  return {
    ruleId,
    message: diagnostic.message,
    span: { start: document.offsetAt(diagnostic.range.start), end: document.offsetAt(diagnostic.range.end) },
  };
}
