// ONEX023 contract-conventions: its entry in the rule catalogue (../meta.ts). A contract.yaml rule: it is
// implemented in src/core/contract/ with the other contract checks (they share the YAML tree and the schema).
import type { RuleMeta } from '../../types';

export const meta: RuleMeta = {
  id: 'ONEX023',
  name: 'contract-conventions',
  summary: "The ContractLinter's conventions: model names start with Model, name is snake_case, node_version is semver.",
  era: 'today',
  fixSafety: 'none',
  defaultSeverity: 'warning',
  appliesTo: 'contract.yaml',
  mirrors: 'ContractLinter warnings (L2, CONTRACT-007/008)',
};
