// What the extension tells the user when a command ends, built from plain data (no vscode import, so
// the unit tests check every wording): Check Workspace's summary; and the output channel's line for
// an analysis.
import type { AnalysisResult } from '../core/types';

function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * One analysis, as the output channel logs it at the Debug level:
 * "nodes/a/node.py v3: 9 problems; 12.4 ms (parse 3.1 ms, rules 8.0 ms) on the extension host".
 */
export function analysisLine(file: string, version: number | undefined, result: AnalysisResult, durationMs: number, where: string): string {
  const what = result.skipped ? result.skipped.message.replace(/\.$/, '') : `${result.findings.length === 0 ? 'no problems' : count(result.findings.length, 'problem')}`
    + `${result.syntaxErrors > 0 ? `, ${count(result.syntaxErrors, 'syntax error')}` : ''}`;
  return `${file}${version === undefined ? '' : ` v${version}`}: ${what}; ${durationMs.toFixed(1)} ms (parse ${result.parseMs.toFixed(1)} ms, rules ${result.rulesMs.toFixed(1)} ms) on the ${where}`;
}

export interface CheckOutcome {
  /** Files checked (all of them unless cancelled or failed). */
  checked: number;
  /** Files found. */
  total: number;
  problems: number;
  seconds: number;
  cancelled: boolean;
  /** Files that could not be read or analysed (each said in the output). */
  unreadable: number;
  /** Why the whole check stopped, when it failed. */
  error?: string;
}

/** "ONEX Check Workspace: 19 files, 22 problems in 0.8 s.", or what cancelled or stopped it. */
export function checkWorkspaceMessage(o: CheckOutcome): string {
  const time = `${o.seconds.toFixed(1)} s`;
  const problems = o.problems === 0 ? 'no problems' : count(o.problems, 'problem');
  const unreadable = o.unreadable > 0 ? ` ${count(o.unreadable, 'file')} could not be checked (see the ONEX Forge output).` : '';
  if (o.error !== undefined) {
    return `ONEX Check Workspace failed after ${o.checked} of ${count(o.total, 'file')}: ${o.error}`;
  }
  if (o.cancelled) {
    return `ONEX Check Workspace cancelled after ${o.checked} of ${count(o.total, 'file')}: ${problems} so far (${time}).${unreadable}`;
  }
  return `ONEX Check Workspace: ${count(o.checked, 'file')}, ${problems} in ${time}.${unreadable}`;
}
