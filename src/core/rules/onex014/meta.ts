// ONEX014 env-read: its entry in the rule catalogue (../meta.ts). Python only, today's era only.
import type { RuleMeta } from '../../types';

export const meta: RuleMeta = {
  id: 'ONEX014',
  name: 'env-read',
  summary: 'Environment read in node or handler code that contract.yaml does not declare, or that falls back to a default.',
  era: 'current',
  fixSafety: 'unsafe',
  // infra's pre-commit hook check-env-reads rejects new reads (its CI mirror is not yet a required check);
  // core's contract_config_compliance and substrate env_silent_fallback gates are core-only.
  defaultSeverity: 'warning',
  mirrors: 'infra\'s check-env-reads hook; core\'s contract_config_compliance and env_silent_fallback gates',
};
