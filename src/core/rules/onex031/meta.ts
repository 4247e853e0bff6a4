// ONEX031 node-contract: its entry in the rule catalogue (../meta.ts). A contract.yaml rule: it is
// implemented in src/core/contract/ with the other contract checks (they share the YAML tree and the schema).
import type { RuleMeta } from '../../types';

export const meta: RuleMeta = {
  id: 'ONEX031',
  name: 'node-contract',
  summary: "The node.py beside the contract has no node class, or its kind is not the contract's node_type.",
  era: 'today',
  fixSafety: 'unsafe',
  defaultSeverity: 'warning',
  appliesTo: 'contract.yaml',
  mirrors: 'validator_declarative_node DECL-007; the runtime takes the kind from node_type',
};
