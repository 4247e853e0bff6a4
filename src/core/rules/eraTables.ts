// The era tables of the rules that are not rules.md's node rules (those carry theirs in their meta.ts):
// the contract.yaml rules (ONEX020 onward), judged in the contract's package's era by that era's schema, and
// today's era's own node rules (ONEX012–ONEX019), each mirroring a gate of today's framework.
import type { FindingSeverity, RuleEraEntry, RuleMeta } from '../types';
import type { Era } from '../era';

/** A contract rule's: the two schema rules apply in both eras; the others mirror checks 0.1.0 does not have. */
export function contractRuleEras(meta: RuleMeta): Record<Era, RuleEraEntry> {
  const defaultSeverity: FindingSeverity = meta.defaultSeverity ?? 'warning';
  if (meta.era === 'both') {
    return {
      bridge: { applies: true, form: "the same, against the bridge era's schema (omnibase_core 0.1.0's ModelYamlContract)", why: "a bridge-era contract is read by 0.1.0's own loader", defaultSeverity },
      current: {
        applies: true, form: "the same, against today's schema (ModelYamlContract merged with the infra linter and runtime discovery)",
        why: meta.mirrors ? `today's loaders and CI reject it (${meta.mirrors})` : "today's loaders reject it", defaultSeverity,
      },
    };
  }
  return {
    bridge: { applies: false, form: "nothing: a bridge-era contract is judged by 0.1.0's schema alone (ONEX020, ONEX021)", why: "it mirrors a check of today's framework that 0.1.0 does not have", defaultSeverity },
    current: {
      applies: true, form: meta.summary.replace(/\.$/, ''),
      why: meta.mirrors ? `it mirrors ${meta.mirrors}` : 'no framework gate checks it; how the runtime routes outputs does (current-era.md §4.3)', defaultSeverity,
    },
  };
}

/** A rule of today's era's own (ONEX012–ONEX019): it mirrors a gate that only today's framework has. */
export function todayRuleEras(meta: RuleMeta): Record<Era, RuleEraEntry> {
  const defaultSeverity: FindingSeverity = meta.defaultSeverity ?? 'warning';
  return {
    bridge: {
      applies: false, form: 'nothing: a bridge-era node writes its production patterns by hand, which ONEX001–ONEX011 judge',
      why: "the gate belongs to today's framework", defaultSeverity,
    },
    current: { applies: true, form: meta.summary.replace(/\.$/, ''), why: `it mirrors ${meta.mirrors ?? "a gate of today's framework"}`, defaultSeverity },
  };
}
