// The behaviour invariant of issue 19 (point 5): no fix changes what the code does beyond its title. Checked
// where it matters most: every node class (and today's handler class) of a file is constructed before and after
// every fix offered on it, in the framework environment of the file's era (./construct_nodes.py: omnibase_core
// 0.1.0's container in health-check mode for the bridge era, today's plain container for today's), one Python
// process per era over all the texts; a fix after which a constructor that worked raises, or after which the
// module no longer imports, breaks the invariant. Used by the behaviour test and the fuzz test (no test lives here).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Era } from '../../src/core/era';
import { analyzeWith, fixesWith } from '../../src/core/engine';
import { applyEdits } from '../../src/core/text';
import type { AnalysisResult, EngineConfig } from '../../src/core/types';
import { type FrameworkEra, frameworkAvailable, runFramework } from '../helpers/framework';
import type { PythonFrontEnd } from './support';

const SCRIPT = join(__dirname, 'construct_nodes.py');

export interface ConstructJob {
  id: string;
  era: Era;
  text: string;
  /** The classes to construct. */
  classes: string[];
}

export interface ConstructResult {
  id: string;
  status: 'ok' | 'import-failed';
  error?: string;
  classes: Record<string, { ok: boolean; error?: string }>;
}

const FRAMEWORK_ERA: Record<Era, FrameworkEra> = { bridge: 'bridge', current: 'today' };

/** Constructs the jobs' classes: one Python process per era. */
export function constructAll(jobs: readonly ConstructJob[]): Map<string, ConstructResult> {
  const results = new Map<string, ConstructResult>();
  const dir = mkdtempSync(join(tmpdir(), 'onex-behaviour-'));
  try {
    for (const era of ['bridge', 'current'] as const) {
      const mine = jobs.filter((j) => j.era === era);
      if (mine.length === 0) continue;
      const framework = FRAMEWORK_ERA[era];
      frameworkAvailable(framework);
      const file = join(dir, `${era}.json`);
      writeFileSync(file, JSON.stringify(mine.map(({ id, text, classes }) => ({ id, text, classes }))));
      const run = runFramework(framework, ['python', SCRIPT, file, framework], { timeoutMs: 30 * 60_000, env: { PYTHONDONTWRITEBYTECODE: '1' } });
      const lines = run.stdout.split('\n').filter((l) => l.startsWith('{'));
      if (lines.length !== mine.length) {
        throw new Error(`construct_nodes.py (${framework}) answered ${lines.length} of ${mine.length} jobs (status ${run.status}):\n${run.stderr.slice(-3000)}`);
      }
      for (const line of lines) {
        const result = JSON.parse(line) as ConstructResult;
        results.set(result.id, result);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return results;
}

/** What a fix broke: a module that imported no longer does, a class that was built no longer is. */
export function behaviourViolations(before: ConstructResult, after: ConstructResult): string[] {
  if (before.status !== 'ok') return [];
  if (after.status !== 'ok') return [`the module imported before the fix and no longer does: ${after.error}`];
  const out: string[] = [];
  for (const [name, was] of Object.entries(before.classes)) {
    const now = after.classes[name];
    if (was.ok && now && !now.ok) out.push(`${name.replace(' (', '(container) (')} worked before the fix and now raises ${now.error}`);
  }
  return out;
}

/** The classes worth constructing: node classes of every role, and today's handlers. */
export function constructedClasses(result: AnalysisResult): string[] {
  return [...new Set((result.classes ?? []).filter((c) => c.role !== 'other').map((c) => c.name))];
}

export interface FixVariant {
  /** "ONEX001 fix "guard-health-check-mode" (finding at 12:7)". */
  label: string;
  text: string;
}

/** The text after each fix offered for each finding of the text (every fix, preferred or not). */
export function fixVariants(fe: PythonFrontEnd, text: string, config: EngineConfig, result = analyzeWith(fe, text, config)): FixVariant[] {
  const out: FixVariant[] = [];
  for (const finding of result.findings) {
    for (const fix of fixesWith(fe, text, finding, config).fixes) {
      const after = applyEdits(text, fix.edits);
      if (after !== text) out.push({ label: `${finding.ruleId} fix "${fix.id}" (finding at ${finding.range.start.line + 1}:${finding.range.start.character + 1})`, text: after });
    }
  }
  return out;
}

export interface BehaviourSource {
  label: string;
  text: string;
  config: EngineConfig;
}

export interface BehaviourReport {
  sources: number;
  variants: number;
  /** Classes constructed before the fixes (per source) that worked. */
  working: number;
  /** Sources whose module could not be imported at all (nothing to compare). */
  unimportable: string[];
  violations: string[];
}

/**
 * The whole check over sources: each source and each of its fix variants constructed in the source's era;
 * every violation names the source and the fix.
 */
export function checkBehaviour(fe: PythonFrontEnd, sources: readonly BehaviourSource[]): BehaviourReport {
  const jobs: ConstructJob[] = [];
  const plans: { source: BehaviourSource; id: string; variants: (FixVariant & { id: string })[] }[] = [];
  sources.forEach((source, i) => {
    const result = analyzeWith(fe, source.text, source.config);
    const classes = constructedClasses(result);
    if (classes.length === 0 || !result.era) return;
    const id = `s${i}`;
    const variants = fixVariants(fe, source.text, source.config, result).map((v, k) => ({ ...v, id: `${id}.v${k}` }));
    jobs.push({ id, era: result.era.era, text: source.text, classes });
    for (const v of variants) jobs.push({ id: v.id, era: result.era.era, text: v.text, classes });
    plans.push({ source, id, variants });
  });
  const results = constructAll(jobs);
  const report: BehaviourReport = { sources: plans.length, variants: 0, working: 0, unimportable: [], violations: [] };
  for (const plan of plans) {
    const before = results.get(plan.id)!;
    if (before.status !== 'ok') report.unimportable.push(`${plan.source.label}: ${before.error}`);
    report.working += Object.values(before.classes).filter((c) => c.ok).length;
    for (const variant of plan.variants) {
      report.variants++;
      for (const v of behaviourViolations(before, results.get(variant.id)!)) report.violations.push(`${plan.source.label}: ${variant.label}: ${v}`);
    }
  }
  return report;
}
