// ONEX033 unused-topic: its entry in the rule catalogue (../meta.ts). A contract.yaml rule: it is
// implemented in src/core/contract/ with the other contract checks (they share the YAML tree and the schema).
import type { RuleMeta } from '../../types';

export const meta: RuleMeta = {
  id: 'ONEX033',
  name: 'unused-topic',
  summary: "A declared publish topic no handler's output goes to.",
  era: 'today',
  fixSafety: 'none',
  defaultSeverity: 'information',
  appliesTo: 'contract.yaml',
  mirrors: 'the runtime topic choice (published_events map, publish_topics[0])',
};
