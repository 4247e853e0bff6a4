// Applies fixes in passes, as ESLint does: each pass analyses the text, takes the chosen fix of
// every finding whose edits neither overlap nor touch the edits already taken in that pass, applies
// them together, and analyses again, until nothing is left to fix. Fixes of one rule may share an
// edit (the same import line), so touching edits wait for the next pass instead of being merged.
import { analyzeWith, fixesWith } from './engine';
import type { FrontEnd } from './frontend';
import { applyEdits } from './text';
import type { EngineConfig, Fix, TextEdit } from './types';

export interface FixAllResult {
  text: string;
  applied: number;
  /** How many fixes of each rule were applied. */
  perRule: Record<string, number>;
  /** Messages of fixes refused by the safety check. */
  refused: string[];
  /** Analysis passes it took. */
  passes: number;
}

function conflicts(a: readonly TextEdit[], b: readonly TextEdit[]): boolean {
  return a.some((x) => b.some((y) => x.start <= y.end && y.start <= x.end));
}

export function fixAllWith(frontEnd: FrontEnd, text: string, config: EngineConfig, options: {
  fileName?: string; ruleIds: readonly string[] | null; safeOnly: boolean; maxPasses?: number;
}): FixAllResult {
  let current = text;
  let applied = 0;
  let passes = 0;
  const perRule: Record<string, number> = {};
  const refused: string[] = [];
  const skip = new Set<string>();
  const maxPasses = options.maxPasses ?? 30;
  while (passes < maxPasses) {
    passes++;
    const result = analyzeWith(frontEnd, current, config, options.fileName);
    if (result.skipped) break;
    const taken: { fix: Fix; ruleId: string }[] = [];
    const takenEdits: TextEdit[] = [];
    for (const finding of result.findings) {
      if (options.ruleIds && !options.ruleIds.includes(finding.ruleId)) continue;
      const key = `${finding.ruleId}:${finding.message}:${finding.span.end - finding.span.start}`;
      if (skip.has(key)) continue;
      const { fixes, refused: r } = fixesWith(frontEnd, current, finding, config, options.fileName);
      refused.push(...r.map((x) => x.reason));
      const candidates = fixes.filter((f) => f.edits.length > 0 && (!options.safeOnly || f.safety === 'safe'));
      const fix = candidates.find((f) => f.preferred) ?? candidates[0];
      if (!fix || applyEdits(current, fix.edits) === current) {
        skip.add(key);
        continue;
      }
      if (conflicts(fix.edits, takenEdits)) continue; // next pass
      taken.push({ fix, ruleId: finding.ruleId });
      takenEdits.push(...fix.edits);
    }
    if (taken.length === 0) break;
    // Each fix passed the safety check alone; together they must too, or this pass applies the first only.
    let batch = taken;
    let next = applyEdits(current, takenEdits);
    if (taken.length > 1 && frontEnd.syntaxErrorCount(next, options.fileName) > frontEnd.syntaxErrorCount(current, options.fileName)) {
      batch = taken.slice(0, 1);
      next = applyEdits(current, batch[0].fix.edits);
    }
    current = next;
    for (const { ruleId } of batch) {
      applied++;
      perRule[ruleId] = (perRule[ruleId] ?? 0) + 1;
    }
  }
  return { text: current, applied, perRule, refused, passes };
}
