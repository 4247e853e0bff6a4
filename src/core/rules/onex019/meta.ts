// ONEX019 canonical-handler: its entry in the rule catalogue (../meta.ts). Python only, today's era only.
import type { RuleMeta } from '../../types';

export const meta: RuleMeta = {
  id: 'ONEX019',
  name: 'canonical-handler',
  summary: 'A handler the contract binds that is not def-B: no handle(request) with one typed or named payload, or ModelEventEnvelope in its module.',
  era: 'current',
  fixSafety: 'none',
  // infra's CI step "Canonical handler-shape ratchet" (core's scripts/ci/canonical_handler_shape.py) hard-fails a new non-canonical node.
  defaultSeverity: 'error',
  mirrors: 'core\'s scripts/ci/canonical_handler_shape.py (infra\'s CI ratchet for new nodes)',
};
