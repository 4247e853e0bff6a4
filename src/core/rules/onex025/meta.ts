// ONEX025 mixed-category-routing: its entry in the rule catalogue (../meta.ts). A contract.yaml rule: it is
// implemented in src/core/contract/ with the other contract checks (they share the YAML tree and the schema).
import type { RuleMeta } from '../../types';

export const meta: RuleMeta = {
  id: 'ONEX025',
  name: 'mixed-category-routing',
  summary: 'One handler_routing entry owns topics of more than one message category.',
  era: 'today',
  fixSafety: 'none',
  defaultSeverity: 'information',
  appliesTo: 'contract.yaml',
  mirrors: 'mixed_category_routing (L5, baseline)',
};
