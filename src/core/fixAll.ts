// Applies fixes in passes, as ESLint does: each pass analyses the text, takes the chosen fix of
// every finding whose edits neither overlap nor touch the edits already taken in that pass, applies
// them together, and analyses again, until nothing is left to fix. Fixes of one rule may share an
// edit (the same import line), so touching edits wait for the next pass instead of being merged.
//
// "Make <Class> production-ready" (makeProductionReady) is the same loop limited to the findings
// inside one class: the lightbulb's first action and the ONEX Nodes view's both call it.
import { analyzeWith, fixesWith } from './engine';
import type { FrontEnd, ProductionClass } from './frontend';
import { applyEdits } from './text';
import type { EngineConfig, Finding, Fix, Span, TextEdit } from './types';

export interface FixAllResult {
  text: string;
  applied: number;
  /** How many fixes of each rule were applied. */
  perRule: Record<string, number>;
  /** Messages of fixes refused by the safety check. */
  refused: string[];
  /** Analysis passes it took. */
  passes: number;
  /** The findings in scope (the rules asked for, inside `within`) that the last analysis still reported. */
  left: Finding[];
  /** `within`, followed through the edits: the same stretch of code in the new text. */
  within?: Span;
}

export interface FixAllOptions {
  fileName?: string;
  /** Only these rules' findings; null for every rule. */
  ruleIds: readonly string[] | null;
  /** Only fixes marked safe (fix-on-save, `onex-forge fix` without --unsafe). */
  safeOnly: boolean;
  maxPasses?: number;
  /**
   * Only the findings inside this span of `text` (a class, for "make production-ready"). The span is
   * followed through each pass's edits: text inserted at its end (a method added to the class) is inside.
   */
  within?: Span;
}

function conflicts(a: readonly TextEdit[], b: readonly TextEdit[]): boolean {
  return a.some((x) => b.some((y) => x.start <= y.end && y.start <= x.end));
}

const inside = (span: Span, within: Span | undefined): boolean => !within || (span.start >= within.start && span.end <= within.end);

/**
 * Where `span` is after `edits` (non-overlapping, against the text `span` refers to) are applied: edits
 * before it move it, edits inside it (or inserting at its end) resize it, an edit across a boundary widens it.
 */
export function spanAfterEdits(span: Span, edits: readonly TextEdit[]): Span {
  let { start, end } = span;
  for (const e of [...edits].sort((a, b) => b.start - a.start)) {
    const delta = e.newText.length - (e.end - e.start);
    if (e.start > end) continue;
    if (e.end <= start && !(e.start === e.end && e.start === end)) {
      start += delta;
      end += delta;
    } else {
      start = Math.min(start, e.start);
      end = Math.max(end, e.end) + delta;
    }
  }
  return { start, end };
}

export function fixAllWith(frontEnd: FrontEnd, text: string, config: EngineConfig, options: FixAllOptions): FixAllResult {
  let current = text;
  let within = options.within;
  let applied = 0;
  let passes = 0;
  let left: Finding[] = [];
  const perRule: Record<string, number> = {};
  const refused: string[] = [];
  const skip = new Set<string>();
  const maxPasses = options.maxPasses ?? 30;
  while (passes < maxPasses) {
    passes++;
    const result = analyzeWith(frontEnd, current, config, options.fileName);
    left = result.findings.filter((f) => (!options.ruleIds || options.ruleIds.includes(f.ruleId)) && inside(f.span, within));
    if (result.skipped) break;
    const taken: { fix: Fix; ruleId: string }[] = [];
    const takenEdits: TextEdit[] = [];
    for (const finding of left) {
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
    if (within) within = spanAfterEdits(within, batch.flatMap((b) => b.fix.edits));
    current = next;
    for (const { ruleId } of batch) {
      applied++;
      perRule[ruleId] = (perRule[ruleId] ?? 0) + 1;
    }
  }
  return { text: current, applied, perRule, refused, passes, left, within };
}

export interface ProductionReadyOptions {
  fileName?: string;
  /** The class's span in `text` (ProductionClass.span; the nodes view has it from its index's facts). */
  span: Span;
  /** Only the safe fixes (default: every fix the engine offers, code-generating ones included). */
  safeOnly?: boolean;
  maxPasses?: number;
}

/**
 * "Make <Class> production-ready": applies every fix the engine offers for the findings inside the
 * class's span, the class-level ones (health-check mode, registration, lifecycle, metrics in the bridge
 * era) and those in its body, in passes until none is left that a fix can remove. The result is one
 * new text, so the editor applies it as one edit (one undo). It follows whatever the rules report and
 * fix in the file's era: nothing here knows a rule. `left` holds the class's findings no fix removed.
 */
export function makeProductionReady(frontEnd: FrontEnd, text: string, config: EngineConfig, options: ProductionReadyOptions): FixAllResult {
  return fixAllWith(frontEnd, text, config, {
    fileName: options.fileName, ruleIds: null, safeOnly: options.safeOnly ?? false, maxPasses: options.maxPasses, within: options.span,
  });
}

/** The class "make production-ready" works on at `offset` (the innermost whose statement holds it), or null. */
export function productionClassAt(frontEnd: FrontEnd, text: string, config: EngineConfig, offset: number, fileName?: string): ProductionClass | null {
  const around = frontEnd.productionClasses(text, config, fileName).filter((c) => c.span.start <= offset && offset <= c.span.end);
  return around.sort((a, b) => (a.span.end - a.span.start) - (b.span.end - b.span.start))[0] ?? null;
}
