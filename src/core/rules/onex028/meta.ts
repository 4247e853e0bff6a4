// ONEX028 runtime-profiles: its entry in the rule catalogue (../meta.ts). A contract.yaml rule: it is
// implemented in src/core/contract/ with the other contract checks (they share the YAML tree and the schema).
import type { RuleMeta } from '../../types';

export const meta: RuleMeta = {
  id: 'ONEX028',
  name: 'runtime-profiles',
  summary: 'A command-consuming contract without runtime_profiles, an unregistered profile, or no consumer lane.',
  era: 'today',
  fixSafety: 'none',
  defaultSeverity: 'information',
  appliesTo: 'contract.yaml',
  mirrors: 'ValidatorRuntimeProfiles (L11, allowlist)',
};
