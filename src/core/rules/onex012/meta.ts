// ONEX012 declarative-node: its entry in the rule catalogue (../meta.ts). Python only, today's era only.
import type { RuleMeta } from '../../types';

export const meta: RuleMeta = {
  id: 'ONEX012',
  name: 'declarative-node',
  summary: "Logic in a node.py node class (DECL-001…005): today's nodes are declarative, their logic lives in handlers.",
  era: 'current',
  fixSafety: 'none',
  // infra's hook onex-validate-declarative-nodes and CI (scripts/validate.py all) fail on it.
  defaultSeverity: 'error',
  mirrors: 'infra\'s validator_declarative_node.py (DECL-001…005; hook onex-validate-declarative-nodes and scripts/validate.py in CI)',
};
