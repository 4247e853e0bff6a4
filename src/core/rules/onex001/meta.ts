// ONEX001 health-check-mode: its entry in the rule catalogue (../meta.ts), shared by
// its Python and TypeScript implementations (./python.ts, ./typescript.ts).
import type { RuleMeta } from '../../types';

export const meta: RuleMeta = {
  id: 'ONEX001',
  name: 'health-check-mode',
  summary: 'Node does expensive initialisation without detecting health-check mode.',
  era: 'bridge',
  fixSafety: 'unsafe',
  eras: {
    bridge: {
      applies: true,
      form: 'a production node class whose __init__ does expensive initialisation (get_service, a *Client or Consul construction, a consul/register_with method of its own) and never reads a health-check-mode flag',
      why: 'the bridge-era pattern: a node built for a health check must not connect to its services',
      defaultSeverity: 'warning',
    },
    current: {
      applies: false,
      form: 'nothing (today\'s declarative-node and banned-constructs rules report I/O in a node\'s or handler\'s __init__)',
      why: 'health is the runtime\'s: nothing named health_check_mode exists in core or infra, node construction does no I/O (NodeCoreBase) and handlers connect lazily inside handle() (current-era.md §5, pattern 1)',
      defaultSeverity: 'warning',
    },
  },
};
