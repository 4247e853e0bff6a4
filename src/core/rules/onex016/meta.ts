// ONEX016 io-in-init: its entry in the rule catalogue (../meta.ts). Python only, today's era only.
import type { RuleMeta } from '../../types';

export const meta: RuleMeta = {
  id: 'ONEX016',
  name: 'io-in-init',
  summary: "I/O in the __init__ of a node or handler: the runtime builds them at boot; today's code connects lazily.",
  era: 'current',
  fixSafety: 'none',
  // core's handler-di-gate is exported but not wired into infra's CI.
  defaultSeverity: 'information',
  mirrors: 'core\'s handler-di-gate (core-only)',
};
