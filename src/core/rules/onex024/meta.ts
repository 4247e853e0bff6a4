// ONEX024 routing-entry: its entry in the rule catalogue (../meta.ts). A contract.yaml rule: it is
// implemented in src/core/contract/ with the other contract checks (they share the YAML tree and the schema).
import type { RuleMeta } from '../../types';

export const meta: RuleMeta = {
  id: 'ONEX024',
  name: 'routing-entry',
  summary: 'A handler_routing entry without its operation, or a command entry without event_model.',
  era: 'today',
  fixSafety: 'unsafe',
  defaultSeverity: 'error',
  appliesTo: 'contract.yaml',
  mirrors: 'operation_match_requires_operation, command_category_requires_event_model (L10)',
};
