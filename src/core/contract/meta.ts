// The contract rules in the catalogue: ONEX020–ONEX033 (ONEX012–ONEX019 belong to today's node rules).
// Each rule's entry (name, summary, default severity, the framework check it mirrors) is in its folder,
// src/core/rules/onexNNN/meta.ts, beside its docs page. One id per family of problems; the default
// severity is the framework's: error where its loaders or CI reject, warning where its linter warns,
// information where it keeps a baseline of known violations (a new violation still fails its gate).
import { RULE_META, defaultSeverityOf } from '../rules/meta';
import { ALL_RULE_IDS, type RuleId, type RuleMeta } from '../types';

export type ContractRuleId = Extract<RuleId,
  | 'ONEX020' | 'ONEX021' | 'ONEX022' | 'ONEX023' | 'ONEX024' | 'ONEX025' | 'ONEX026'
  | 'ONEX027' | 'ONEX028' | 'ONEX029' | 'ONEX030' | 'ONEX031' | 'ONEX032' | 'ONEX033'>;

export const CONTRACT_RULE_IDS: readonly ContractRuleId[] = ALL_RULE_IDS.filter(
  (id): id is ContractRuleId => RULE_META[id].appliesTo === 'contract.yaml');

export function isContractRuleId(id: string): id is ContractRuleId {
  return (CONTRACT_RULE_IDS as readonly string[]).includes(id);
}

export function contractRuleMeta(id: ContractRuleId): RuleMeta {
  return RULE_META[id];
}

export { defaultSeverityOf };
