// Output formats of `check`: text (grouped by file), json (the stable array), sarif (2.1.0) and
// github (workflow-command annotations).
import { relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { RULE_META, defaultSeverityOf, docsUrl } from '../core/rules/meta';
import { ALL_RULE_IDS, type Finding, type Range, type RuleId } from '../core/types';

export type Format = 'text' | 'json' | 'sarif' | 'github';
export const FORMATS: readonly Format[] = ['text', 'json', 'sarif', 'github'];

export interface FileReport {
  /** Absolute path, or the --stdin-filename as given. */
  path: string;
  findings: Finding[];
  /** Set when the file was skipped or could not be read. */
  notice?: string;
}

/** The JSON contract: one object per finding, 1-based lines and columns. */
export interface JsonFinding {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  rule: RuleId;
  severity: Finding['severity'];
  message: string;
  /** Only when the finding points at other places too (a node ↔ contract finding points at the other file). */
  related?: JsonLocation[];
}

export interface JsonLocation {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  message: string;
}

export function displayPath(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return (rel && !rel.startsWith('..') ? rel : path).split(sep).join('/');
}

/** 1-based lines and columns of a range. */
function oneBased(range: Range): { line: number; column: number; endLine: number; endColumn: number } {
  return { line: range.start.line + 1, column: range.start.character + 1, endLine: range.end.line + 1, endColumn: range.end.character + 1 };
}

export function toJson(reports: readonly FileReport[], cwd: string): JsonFinding[] {
  return reports.flatMap((r) => r.findings.map((f) => ({
    file: displayPath(r.path, cwd),
    ...oneBased(f.range),
    rule: f.ruleId,
    severity: f.severity,
    message: f.message,
    ...(f.related?.length ? { related: f.related.map((x) => ({ file: displayPath(x.path ?? r.path, cwd), ...oneBased(x.range), message: x.message })) } : {}),
  })));
}

const COLORS = { red: '\x1b[31m', yellow: '\x1b[33m', blue: '\x1b[34m', dim: '\x1b[2m', bold: '\x1b[1m', underline: '\x1b[4m', reset: '\x1b[0m' };

export function toText(reports: readonly FileReport[], cwd: string, color: boolean): string {
  const c = (code: keyof typeof COLORS, s: string) => (color ? `${COLORS[code]}${s}${COLORS.reset}` : s);
  const lines: string[] = [];
  const counts = { error: 0, warning: 0, information: 0, hint: 0 };
  let files = 0;
  for (const report of reports) {
    if (report.findings.length === 0 && !report.notice) continue;
    lines.push(c('underline', displayPath(report.path, cwd)));
    if (report.notice) lines.push(`  ${c('dim', report.notice)}`);
    if (report.findings.length > 0) files++;
    for (const f of report.findings) {
      counts[f.severity]++;
      const sev = f.severity === 'error' ? c('red', 'error') : f.severity === 'warning' ? c('yellow', 'warning') : c('blue', f.severity);
      lines.push(`  ${f.range.start.line + 1}:${f.range.start.character + 1}  ${sev}  ${f.message}  ${c('dim', f.ruleId)}`);
      for (const x of f.related ?? []) {
        lines.push(c('dim', `      ${x.path ? `${displayPath(x.path, cwd)}:` : ''}${x.range.start.line + 1}:${x.range.start.character + 1}  ${x.message}`));
      }
    }
    lines.push('');
  }
  const total = counts.error + counts.warning + counts.information + counts.hint;
  const checked = reports.length;
  if (total === 0) lines.push(`${c('bold', 'No ONEX problems')} in ${checked} file${checked === 1 ? '' : 's'}.`);
  else {
    const parts = (['error', 'warning', 'information', 'hint'] as const).filter((k) => counts[k] > 0).map((k) => `${counts[k]} ${k}${counts[k] === 1 || k === 'information' ? '' : 's'}`);
    lines.push(c('bold', `${total} problem${total === 1 ? '' : 's'} (${parts.join(', ')}) in ${files} of ${checked} file${checked === 1 ? '' : 's'}.`));
  }
  return lines.join('\n') + '\n';
}

export function toStats(reports: readonly FileReport[]): string {
  const counts = new Map<RuleId, number>();
  for (const r of reports) for (const f of r.findings) counts.set(f.ruleId, (counts.get(f.ruleId) ?? 0) + 1);
  const rows = ALL_RULE_IDS.filter((id) => counts.has(id)).sort((a, b) => counts.get(b)! - counts.get(a)! || a.localeCompare(b));
  if (rows.length === 0) return 'No findings.\n';
  return rows.map((id) => `${String(counts.get(id)).padStart(6)}  ${id}  ${RULE_META[id].name}`).join('\n') + '\n';
}

function sarifRegion(range: Range): object {
  return { startLine: range.start.line + 1, startColumn: range.start.character + 1, endLine: range.end.line + 1, endColumn: range.end.character + 1 };
}

const SARIF_LEVEL: Record<Finding['severity'], 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

export function toSarif(reports: readonly FileReport[], cwd: string, version: string): object {
  const rules = ALL_RULE_IDS.map((id) => ({
    id,
    name: RULE_META[id].name,
    shortDescription: { text: RULE_META[id].summary },
    fullDescription: { text: RULE_META[id].summary },
    helpUri: docsUrl(id),
    help: { text: `${RULE_META[id].summary} See ${docsUrl(id)}` },
    defaultConfiguration: { level: SARIF_LEVEL[defaultSeverityOf(id)] },
    properties: { fixSafety: RULE_META[id].fixSafety, era: RULE_META[id].era },
  }));
  const results = reports.flatMap((r) => r.findings.map((f) => ({
    ruleId: f.ruleId,
    ruleIndex: ALL_RULE_IDS.indexOf(f.ruleId),
    level: SARIF_LEVEL[f.severity],
    message: { text: f.message },
    locations: [{
      physicalLocation: {
        artifactLocation: { uri: encodeURI(displayPath(r.path, cwd)), uriBaseId: '%SRCROOT%' },
        region: sarifRegion(f.range),
      },
    }],
    ...(f.related?.length ? {
      relatedLocations: f.related.map((x, id) => ({
        id,
        physicalLocation: { artifactLocation: { uri: encodeURI(displayPath(x.path ?? r.path, cwd)), uriBaseId: '%SRCROOT%' }, region: sarifRegion(x.range) },
        message: { text: x.message },
      })),
    } : {}),
  })));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: { driver: { name: 'onex-forge', semanticVersion: version, version, informationUri: 'https://github.com/onex-forge/onex-forge', rules } },
      originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(cwd.endsWith(sep) ? cwd : cwd + sep).href } },
      results,
    }],
  };
}

function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function toGithub(reports: readonly FileReport[], cwd: string): string {
  const kind: Record<Finding['severity'], string> = { error: 'error', warning: 'warning', information: 'notice', hint: 'notice' };
  return reports.flatMap((r) => r.findings.map((f) => {
    const props = [
      `file=${escapeProperty(displayPath(r.path, cwd))}`,
      `line=${f.range.start.line + 1}`, `col=${f.range.start.character + 1}`,
      `endLine=${f.range.end.line + 1}`, `endColumn=${f.range.end.character + 1}`,
      `title=${escapeProperty(`${f.ruleId} ${RULE_META[f.ruleId].name}`)}`,
    ].join(',');
    return `::${kind[f.severity]} ${props}::${escapeData(f.message)}\n`;
  })).join('');
}
