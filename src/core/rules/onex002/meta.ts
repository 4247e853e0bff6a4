// ONEX002 service-registration: its entry in the rule catalogue (../meta.ts), shared by
// its Python and TypeScript implementations (./python.ts, ./typescript.ts).
import type { RuleMeta } from '../../types';

export const meta: RuleMeta = {
  id: 'ONEX002',
  name: 'service-registration',
  summary: 'Node never registers with service discovery, or never deregisters on stop.',
  era: 'bridge',
  fixSafety: 'unsafe',
  eras: {
    bridge: {
      applies: true,
      form: 'a production node class that never registers with Consul from its entry points, or never deregisters from its stop method',
      why: 'the bridge-era pattern: nodes announced themselves to Consul and withdrew on shutdown',
      defaultSeverity: 'warning',
    },
    current: {
      applies: false,
      form: 'nothing (today\'s banned-constructs rule reports Consul references)',
      why: 'Consul is banned (infra hook no-consul-references, CI step OMN-4857); discovery is the onex.nodes entry point plus the contract (current-era.md §5, pattern 2)',
      defaultSeverity: 'warning',
    },
  },
};
