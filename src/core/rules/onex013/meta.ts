// ONEX013 consul-reference: its entry in the rule catalogue (../meta.ts). Python only, today's era only.
import type { RuleMeta } from '../../types';

export const meta: RuleMeta = {
  id: 'ONEX013',
  name: 'consul-reference',
  summary: "Consul in today's code: an import of the consul library, CONSUL_HOST or consul.connect.io (Consul is decommissioned).",
  era: 'current',
  fixSafety: 'none',
  // infra's hook no-consul-references, its CI step "No Consul references" and tests/unit/test_no_consul_imports.py fail on it.
  defaultSeverity: 'error',
  mirrors: 'infra\'s no-consul-references hook, its CI step and test_no_consul_imports.py',
};
