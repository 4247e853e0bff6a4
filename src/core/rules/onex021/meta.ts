// ONEX021 contract-schema: its entry in the rule catalogue (../meta.ts). A contract.yaml rule: it is
// implemented in src/core/contract/ with the other contract checks (they share the YAML tree and the schema).
import type { RuleMeta } from '../../types';

export const meta: RuleMeta = {
  id: 'ONEX021',
  name: 'contract-schema',
  summary: 'A key the framework requires is missing, or a value has the wrong type or an invalid value.',
  era: 'both',
  fixSafety: 'safe',
  defaultSeverity: 'error',
  appliesTo: 'contract.yaml',
  mirrors: 'ModelYamlContract (L1), ContractLinter errors (L2), runtime discovery (L3), handler_routing_schema (L4), published_events (L7)',
};
