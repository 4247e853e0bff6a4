// Which rules apply in which era, and at which default severity (rules.md, "Eras": the era table each
// rule's meta.ts carries). Both front ends run only the rules that apply in the file's era and give
// each finding its era's default severity; a severity the user configured always wins (engine.ts).
import type { Era } from '../era';
import type { RawFinding, RuleMeta } from '../types';

/** Whether the rule applies in the era (a rule without an era table applies in both). */
export function appliesIn(meta: RuleMeta, era: Era): boolean {
  return meta.eras?.[era].applies ?? true;
}

/**
 * The rule's findings, each with its era's default severity where the rule did not set one itself
 * (ONEX004 sets information on its `from e` half in today's era). Only a default other than the rule's
 * own (the engine's fallback, RuleMeta.defaultSeverity, else warning) is written, so findings of both eras
 * keep their shape.
 */
export function withEraSeverity(meta: RuleMeta, era: Era, findings: RawFinding[]): RawFinding[] {
  const severity = meta.eras?.[era].defaultSeverity;
  if (!severity || severity === (meta.defaultSeverity ?? 'warning')) return findings;
  for (const f of findings) f.defaultSeverity ??= severity;
  return findings;
}

const ERA_NAMES: Record<Era, string> = {
  bridge: 'Bridge era (omnibase_core 0.1.x)',
  current: "Today (omnibase_core 0.46, omnibase_infra 0.38)",
};

/** Plain text as Markdown table cell text (`__init__`, `*Client`, `for_<kind>` stay as written). */
function cell(text: string): string {
  return text.replace(/[\\*_<>|`]/g, (c) => `\\${c}`);
}

/** The rule's era table as its docs page shows it (a unit test keeps the pages and meta.ts in step). */
export function eraTableMarkdown(meta: RuleMeta): string {
  const rows = (['bridge', 'current'] as const).map((era) => {
    const e = meta.eras?.[era];
    if (!e) return `| ${ERA_NAMES[era]} | applies | the same | | warning |`;
    return `| ${ERA_NAMES[era]} | ${e.applies ? 'applies' : 'does not apply'} | ${cell(e.form)} | ${cell(e.why)} | ${e.defaultSeverity} |`;
  });
  return ['| era | | what it reports | why | default severity |', '|---|---|---|---|---|', ...rows].join('\n');
}
