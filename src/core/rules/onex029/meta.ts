// ONEX029 contract-reference: its entry in the rule catalogue (../meta.ts). A contract.yaml rule: it is
// implemented in src/core/contract/ with the other contract checks (they share the YAML tree and the schema).
import type { RuleMeta } from '../../types';

export const meta: RuleMeta = {
  id: 'ONEX029',
  name: 'contract-reference',
  summary: 'A model or handler the contract names does not exist at its module in the workspace.',
  era: 'today',
  fixSafety: 'none',
  defaultSeverity: 'error',
  appliesTo: 'contract.yaml',
  mirrors: 'ContractLinter import check (L2, CONTRACT-005/011); the runtime imports handlers and event models',
};
