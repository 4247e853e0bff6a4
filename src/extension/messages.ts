// What the extension tells the user when a command ends, built from plain data (no vscode import, so
// the unit tests check every wording): Check Workspace's summary; the output channel's line for an
// analysis; what a scaffold created, with where its contract and tests are, and how to run them.
import type { EraDecision, ProjectPin } from '../core/era';
import type { FrameworkTarget, ScaffoldLanguage } from '../core/scaffold/naming';
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

export interface CreatedSummary {
  message: string;
  /** The node's contract.yaml, when the scaffold wrote one. */
  contract?: string;
  /** The folder of the generated tests, when the scaffold wrote any. */
  testsFolder?: string;
}

const posixDirname = (path: string) => (path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '');

/** The deepest folder holding every path ('/'-separated). */
export function commonFolder(paths: readonly string[]): string {
  if (paths.length === 0) return '';
  let parts = posixDirname(paths[0]).split('/');
  for (const path of paths.slice(1)) {
    const other = posixDirname(path).split('/');
    let i = 0;
    while (i < parts.length && i < other.length && parts[i] === other[i]) i++;
    parts = parts.slice(0, i);
  }
  return parts.join('/');
}

/** Whether a generated file is a test: pytest's test_*.py / *_test.py, or a *.test.ts module. */
export function isTestFile(path: string): boolean {
  const name = path.slice(path.lastIndexOf('/') + 1);
  return /^test_.*\.py$/.test(name) || /_test\.py$/.test(name) || /\.test\.ts$/.test(name);
}

/**
 * What a scaffold created, from the plan's files as written (paths as the user should read them,
 * '/'-separated, whatever layout the plan has): the message, the contract and the tests' folder.
 */
export function createdSummary(className: string, language: ScaffoldLanguage, kind: string, files: readonly string[]): CreatedSummary {
  const contract = files.filter((f) => f.endsWith('/contract.yaml') || f === 'contract.yaml').sort((a, b) => a.length - b.length)[0];
  const tests = files.filter(isTestFile);
  const testsFolder = tests.length > 0 ? commonFolder(tests) : undefined;
  // The node's own folder: what is not in the tests' folder (which may lie elsewhere, beside the project's pyproject.toml).
  const where = commonFolder(files.filter((f) => testsFolder === undefined || !f.startsWith(`${testsFolder}/`)));
  const languageName = language === 'typescript' ? 'TypeScript' : 'Python';
  let message = `Created ${className} (${languageName} ${kind} node): ${count(files.length, 'file')} in ${where || '.'}`;
  if (testsFolder !== undefined && !testsFolder.startsWith(where)) message += `, tests in ${testsFolder}`;
  return { message: `${message}.`, contract, testsFolder };
}

/** Quotes a path for a POSIX shell or PowerShell when it needs it. */
function quoted(path: string): string {
  return /^[\w./@:+-]+$/.test(path) ? path : `"${path.replace(/(["\\$`])/g, '\\$1')}"`;
}

/** The command that runs a generated node's tests: pytest on its tests folder, or mocha with tsx. */
export function testCommand(language: ScaffoldLanguage, testsFolder: string, platform: string = process.platform): string {
  if (language === 'typescript') return `npx mocha --require tsx/cjs ${quoted(`${testsFolder}/*.test.ts`)}`;
  return `${platform === 'win32' ? 'python' : 'python3'} -m pytest ${quoted(testsFolder)}`;
}

/** The scaffold wizard's era choices: what each era means for the node it writes. */
export const ERA_CHOICES: Record<FrameworkTarget, { label: string; detail: string }> = {
  current: { label: "Today's framework", detail: 'omnibase_core 0.46 / omnibase_infra 0.38: a declarative node.py, contract.yaml and a def-B handler' },
  bridge: { label: 'Bridge era', detail: 'omnibase_core 0.1: the ten production patterns written in node.py' },
};

/**
 * Why the resolver chose an era for a new node, in the wizard's words: "the project pins omnibase-core
 * 0.46.8 (today/pyproject.toml)". `path` shows a file as the workspace does.
 */
export function eraReason(decision: EraDecision, pin: ProjectPin | null, path: (file: string) => string): string {
  switch (decision.step) {
    case 'explicit':
      return decision.reason.slice(decision.reason.indexOf(': ') + 2);
    case 'language':
      return "TypeScript nodes take the bridge idiom (today's framework has no TypeScript runtime)";
    case 'project':
      return pin ? `the project pins omnibase-core ${pin.version} (${path(pin.file)})` : decision.reason.slice(decision.reason.indexOf(': ') + 2);
    default:
      return 'no project above the folder pins omnibase-core';
  }
}
