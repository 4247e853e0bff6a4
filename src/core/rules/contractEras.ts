// The era table of a contract.yaml rule (ONEX020 onward): a contract is judged in its package's era, by that
// era's schema. The two schema rules apply in both eras; the others mirror checks of today's framework that
// omnibase_core 0.1.0 does not have.
import type { FindingSeverity, RuleEraEntry } from '../types';
import type { Era } from '../era';

export function contractRuleEras(rule: {
  scope: 'both' | 'today'; severity: FindingSeverity; summary: string; mirrors?: string;
}): Record<Era, RuleEraEntry> {
  const defaultSeverity = rule.severity;
  if (rule.scope === 'both') {
    return {
      bridge: { applies: true, form: "the same, against the bridge era's schema (omnibase_core 0.1.0's ModelYamlContract)", why: "a bridge-era contract is read by 0.1.0's own loader", defaultSeverity },
      current: {
        applies: true, form: "the same, against today's schema (ModelYamlContract merged with the infra linter and runtime discovery)",
        why: rule.mirrors ? `today's loaders and CI reject it (${rule.mirrors})` : "today's loaders reject it", defaultSeverity,
      },
    };
  }
  return {
    bridge: { applies: false, form: "nothing: a bridge-era contract is judged by 0.1.0's schema alone (ONEX020, ONEX021)", why: "it mirrors a check of today's framework that 0.1.0 does not have", defaultSeverity },
    current: {
      applies: true, form: rule.summary.replace(/\.$/, ''),
      why: rule.mirrors ? `it mirrors ${rule.mirrors}` : 'no framework gate checks it; how the runtime routes outputs does (current-era.md §4.3)', defaultSeverity,
    },
  };
}
