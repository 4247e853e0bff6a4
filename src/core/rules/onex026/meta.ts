// ONEX026 published-topic: its entry in the rule catalogue (../meta.ts). A contract.yaml rule: it is
// implemented in src/core/contract/ with the other contract checks (they share the YAML tree and the schema).
import type { RuleMeta } from '../../types';

export const meta: RuleMeta = {
  id: 'ONEX026',
  name: 'published-topic',
  summary: 'A published_events topic missing from event_bus.publish_topics.',
  era: 'today',
  fixSafety: 'safe',
  defaultSeverity: 'error',
  appliesTo: 'contract.yaml',
  mirrors: 'check_published_events_consistency.py (L7)',
};
