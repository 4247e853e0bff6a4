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
  eras: {
    bridge: {
      applies: false,
      form: 'nothing: a bridge-era contract is judged by 0.1.0\'s schema alone (ONEX020, ONEX021)',
      why: 'it mirrors a check of today\'s framework that 0.1.0 does not have',
      defaultSeverity: 'information',
    },
    current: {
      applies: true,
      form: 'A declared publish topic no handler\'s output goes to',
      why: 'it mirrors the runtime topic choice (published_events map, publish_topics[0])',
      defaultSeverity: 'information',
    },
  },
};
