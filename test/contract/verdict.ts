// The framework's own verdict on contract files (test/contract/framework/verdict.py, run in
// today's venv), and its findings mapped to the contract rule that mirrors each check.
import { join } from 'node:path';
import type { ContractRuleId } from '../../src/core/contract/meta';
import { frameworkState, hostPath, runFramework } from '../helpers/framework';

export interface FrameworkFinding {
  check: string;
  severity: string;
  field: string;
  message: string;
  baselined: boolean;
}

export interface Verdict {
  versions: Record<string, string>;
  files: Record<string, FrameworkFinding[]>;
}

const SCRIPT = join(__dirname, 'framework', 'verdict.py');

/** Files by host path: those inside the framework's root (its installed packages) are passed as it sees them. */
export function frameworkVerdict(paths: string[]): Verdict {
  const state = frameworkState();
  const inside = (p: string) => (state.mode === 'chroot' && p.startsWith(`${state.rootfs}/`) ? p.slice(state.rootfs.length) : p);
  const byInside = new Map(paths.map((p) => [inside(p), p]));
  const r = runFramework('today', ['python', SCRIPT, ...byInside.keys()], { timeoutMs: 600_000 });
  if (r.status !== 0) throw new Error(`verdict.py failed (${r.status}): ${r.stderr.slice(-2000)}`);
  const verdict = JSON.parse(r.stdout) as Verdict;
  const files: Verdict['files'] = {};
  for (const [path, findings] of Object.entries(verdict.files)) files[byInside.get(path) ?? path] = findings;
  return { ...verdict, files };
}

/** The contract rule that reports what a framework check reports. */
export function ruleFor(f: FrameworkFinding): ContractRuleId {
  switch (f.check) {
    case 'L1': case 'L3': case 'L4':
      return /YAML pars/i.test(f.message) ? 'ONEX020' : 'ONEX021';
    case 'L2':
      if (/YAML parse error|must be a YAML mapping/.test(f.message)) return 'ONEX020';
      if (/^Cannot import module|not found in module/.test(f.message)) return 'ONEX029';
      if (f.severity === 'error') return 'ONEX021';
      if (/^Unknown field/.test(f.message)) return 'ONEX022';
      return 'ONEX023';
    case 'L5': return 'ONEX025';
    case 'L6': return 'ONEX030';
    case 'L7': return 'ONEX026';
    case 'L8': case 'L9': return 'ONEX027';
    case 'L10-operation': case 'L10-event-model': return 'ONEX024';
    case 'L11': return 'ONEX028';
    default: throw new Error(`unmapped framework check ${f.check}`);
  }
}

/** The topic a topic-name finding (L8, L9) is about. */
export function topicOf(f: FrameworkFinding): string {
  const m = /in topic '([^']+)'/.exec(f.message) ?? /got \d+: '([^']+)'/.exec(f.message) ?? /^([^:\s]+): /.exec(f.message);
  if (!m) throw new Error(`no topic in ${f.message}`);
  return m[1];
}

/** The folder of an installed package in an era's environment (asked of its own Python), as this machine sees it. */
export function installedPackageDir(era: 'today' | 'bridge', pkg: string): string {
  const r = runFramework(era, ['python', '-c', `import os, ${pkg}; print(os.path.dirname(${pkg}.__file__))`]);
  if (r.status !== 0) throw new Error(`cannot locate ${pkg} in the ${era} framework: ${r.stderr}`);
  return hostPath(r.stdout.trim());
}
