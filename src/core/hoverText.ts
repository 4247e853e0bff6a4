// The text of the hover over a class name (the extension's ../extension/hover.ts shows it): the class's role
// (production node, declarative node, test double, base, today's handler) and why, what that means for the
// rules in the file's era, and the era and why (rules.md, "Where rules look" and "Eras"). No vscode import.
import { ERA_LABELS } from './era';
import { RULE_META } from './rules/meta';
import type { AnalysisResult, AnalyzedClass, RuleId } from './types';

/** What the role means for the rules, in the file's era. */
function consequence(cls: AnalyzedClass, result: AnalysisResult): string {
  const era = result.era?.era ?? 'current';
  const applying = (ids: RuleId[]) => ids.filter((id) => RULE_META[id].eras?.[era].applies ?? true);
  const classLevel = applying(['ONEX001', 'ONEX002', 'ONEX005', 'ONEX009']);
  const statementLevel = applying(['ONEX003', 'ONEX004', 'ONEX007']);
  switch (cls.role) {
    case 'production-node':
      return classLevel.length > 0
        ? `The class-level rules (${classLevel.join(', ')}) judge it.`
        : `In this era the class-level rules (ONEX001, ONEX002, ONEX005, ONEX009) do not apply: the runtime owns lifecycle, discovery, health and metrics.`;
    case 'handler':
      return era === 'current'
        ? `Today's code lives here: ${statementLevel.join(', ')} look inside it.`
        : 'A handler class: the bridge era\'s rules look inside node classes only.';
    case 'other':
      return 'No rule looks inside it.';
    default:
      return 'Not a production node: the class-level rules (ONEX001, ONEX002, ONEX005, ONEX009) leave it alone.';
  }
}

const ROLE_LABELS: Record<AnalyzedClass['role'], string> = {
  'production-node': 'production node',
  'declarative-node': 'declarative node',
  'test-double': 'test double',
  base: 'base class',
  handler: "today's handler",
  other: 'not a node class',
};

/** The hover's text for the class whose name is at `offset`, or null. */
export function classHoverText(result: AnalysisResult | undefined, offset: number): string | null {
  const cls = result?.classes?.find((c) => c.span.start <= offset && offset <= c.span.end);
  if (!result || !cls) return null;
  const lines = [`**${cls.name}**: ${ROLE_LABELS[cls.role]} — ${cls.reason}.`, '', consequence(cls, result)];
  if (result.era) {
    const why = result.era.reason.slice(result.era.reason.indexOf(': ') + 2);
    lines.push('', `Era: ${ERA_LABELS[result.era.era]} — ${why}.`);
  }
  return lines.join('\n');
}

