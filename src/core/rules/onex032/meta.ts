// ONEX032 unrouted-output: its entry in the rule catalogue (../meta.ts). A contract.yaml rule: it is
// implemented in src/core/contract/ with the other contract checks (they share the YAML tree and the schema).
import type { RuleMeta } from '../../types';

export const meta: RuleMeta = {
  id: 'ONEX032',
  name: 'unrouted-output',
  summary: 'A handler returns an event the contract gives no topic to.',
  era: 'today',
  fixSafety: 'unsafe',
  defaultSeverity: 'warning',
  appliesTo: 'contract.yaml',
  mirrors: 'the runtime topic choice (_normalize_handler_result, published_events map, publish_topics[0])',
};
