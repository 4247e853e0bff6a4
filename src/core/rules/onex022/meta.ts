// ONEX022 contract-unknown-key: its entry in the rule catalogue (../meta.ts). A contract.yaml rule: it is
// implemented in src/core/contract/ with the other contract checks (they share the YAML tree and the schema).
import type { RuleMeta } from '../../types';

export const meta: RuleMeta = {
  id: 'ONEX022',
  name: 'contract-unknown-key',
  summary: 'A top-level key the infra ContractLinter does not know.',
  era: 'today',
  fixSafety: 'unsafe',
  defaultSeverity: 'warning',
  appliesTo: 'contract.yaml',
  mirrors: 'ContractLinter._validate_unknown_fields (L2, CONTRACT-013)',
};
