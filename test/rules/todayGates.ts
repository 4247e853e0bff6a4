// What test/rules/todayGates.test.ts compares: the fixture project written to a folder, today's rules run
// over it as the CLI runs them (each file with its project folder and its package's contract facts), and
// the framework's gates run over it in today's environment (./today_gates.py).
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { analyzeText } from '../../src/core/engine';
import { findPackageFacts, findProjectRoot } from '../../src/core/packageFacts';
import type { Finding } from '../../src/core/types';
import { frameworkState, runFramework } from '../helpers/framework';
import { TODAY_GATE_FIXTURES } from './todayGates.fixtures';

/** Per gate, per file (relative to the project), the [line, detail] pairs it reports; `canonical`: per package [category, detail]. */
export interface GateReport {
  [gate: string]: Record<string, [number, string][]> | Record<string, [string, string]> | Record<string, string[]>;
}

export function writeFixtureProject(files: Record<string, string> = TODAY_GATE_FIXTURES): string {
  const root = mkdtempSync(join(tmpdir(), 'onex-today-gates-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

/** Our findings of today's rules, per file relative to the project. */
export async function ourFindings(root: string, files: Record<string, string> = TODAY_GATE_FIXTURES): Promise<Map<string, Finding[]>> {
  const out = new Map<string, Finding[]>();
  for (const path of Object.keys(files).filter((p) => p.endsWith('.py'))) {
    const fileName = join(root, path);
    const result = await analyzeText(readFileSync(fileName, 'utf8'), {
      language: 'python', fileName,
      config: { projectRoot: findProjectRoot(fileName), packageFacts: findPackageFacts(fileName) },
    });
    if (result.skipped) throw new Error(`${path}: ${result.skipped.message}`);
    out.set(relative(root, fileName), result.findings.filter((f) => /^ONEX01[2-9]$/.test(f.ruleId)));
  }
  return out;
}

/** The framework's gates over the project (today's environment). */
export function gateReport(root: string): GateReport {
  const state = frameworkState();
  const spec = join(root, 'gates-spec.json');
  writeFileSync(spec, JSON.stringify({
    root, src: join(root, 'src'),
    sdist: { core: join(state.today.sdist, 'omnibase_core-0.46.8'), infra: join(state.today.sdist, 'omnibase_infra-0.38.6') },
  }));
  const run = runFramework('today', ['python', join(__dirname, 'today_gates.py'), spec], { cwd: root, timeoutMs: 300_000 });
  if (run.status !== 0) throw new Error(`today_gates.py exited ${run.status}:\n${run.stderr.slice(-4000)}`);
  return JSON.parse(run.stdout) as GateReport;
}
