// ONEX027 topic-name: its entry in the rule catalogue (../meta.ts). A contract.yaml rule: it is
// implemented in src/core/contract/ with the other contract checks (they share the YAML tree and the schema).
import type { RuleMeta } from '../../types';

export const meta: RuleMeta = {
  id: 'ONEX027',
  name: 'topic-name',
  summary: 'A topic not in the form onex.<kind>.<producer>.<event-name>.v<n>, or from an unknown producer.',
  era: 'today',
  fixSafety: 'unsafe',
  defaultSeverity: 'information',
  appliesTo: 'contract.yaml',
  mirrors: 'validate_topic_suffix (L9), lint_topic_names.py (L8, baseline)',
};
