// ONEX015 hardcoded-endpoint-fallback: its entry in the rule catalogue (../meta.ts). Python only, today's era only.
import type { RuleMeta } from '../../types';

export const meta: RuleMeta = {
  id: 'ONEX015',
  name: 'hardcoded-endpoint-fallback',
  summary: 'A localhost, 127.0.0.1 or 192.168.x.x default for an endpoint (env fallback, default=, str parameter, bootstrap_servers).',
  era: 'current',
  fixSafety: 'none',
  // infra's hook no-env-fallbacks and its CI step "Check no localhost env fallbacks in src/" fail on it.
  defaultSeverity: 'error',
  mirrors: 'infra\'s validate_no_env_fallbacks.py (hook and CI)',
};
