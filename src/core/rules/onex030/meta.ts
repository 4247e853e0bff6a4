// ONEX030 handler-entrypoint: its entry in the rule catalogue (../meta.ts). A contract.yaml rule: it is
// implemented in src/core/contract/ with the other contract checks (they share the YAML tree and the schema).
import type { RuleMeta } from '../../types';

export const meta: RuleMeta = {
  id: 'ONEX030',
  name: 'handler-entrypoint',
  summary: 'A handler the contract binds has neither handle nor handle_async.',
  era: 'today',
  fixSafety: 'none',
  defaultSeverity: 'information',
  appliesTo: 'contract.yaml',
  mirrors: 'handler_dispatch_entrypoint (L6, baseline)',
};
