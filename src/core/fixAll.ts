// Applies fixes repeatedly (one finding at a time, re-analysing in between) until none is left:
// fixes of one rule may share edits (an import), so they are never applied blindly together.
import { analyzeWith, fixesWith, type FrontEnd } from './engine';
import { applyEdits } from './text';
import type { EngineConfig } from './types';

export interface FixAllResult {
  text: string;
  applied: number;
  /** How many fixes of each rule were applied. */
  perRule: Record<string, number>;
  /** Messages of fixes refused by the safety check. */
  refused: string[];
}

export function fixAllWith(frontEnd: FrontEnd, text: string, config: EngineConfig, options: {
  fileName?: string; ruleIds: readonly string[] | null; safeOnly: boolean; maxRounds?: number;
}): FixAllResult {
  let current = text;
  let applied = 0;
  const perRule: Record<string, number> = {};
  const refused: string[] = [];
  const skip = new Set<string>();
  const maxRounds = options.maxRounds ?? 200;
  for (let round = 0; round < maxRounds; round++) {
    const result = analyzeWith(frontEnd, current, config, options.fileName);
    if (result.skipped) break;
    let changed = false;
    for (const finding of result.findings) {
      if (options.ruleIds && !options.ruleIds.includes(finding.ruleId)) continue;
      const key = `${finding.ruleId}:${finding.span.start}:${finding.span.end}:${finding.message}`;
      if (skip.has(key)) continue;
      const { fixes, refused: r } = fixesWith(frontEnd, current, finding, config, options.fileName);
      refused.push(...r.map((x) => x.reason));
      const candidates = fixes.filter((f) => !options.safeOnly || f.safety === 'safe');
      const fix = candidates.find((f) => f.preferred) ?? candidates[0];
      if (!fix || fix.edits.length === 0) {
        skip.add(key);
        continue;
      }
      const next = applyEdits(current, fix.edits);
      if (next === current) {
        skip.add(key);
        continue;
      }
      current = next;
      applied++;
      perRule[finding.ruleId] = (perRule[finding.ruleId] ?? 0) + 1;
      changed = true;
      break;
    }
    if (!changed) break;
  }
  return { text: current, applied, perRule, refused };
}
