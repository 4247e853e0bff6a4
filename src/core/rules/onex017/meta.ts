// ONEX017 io-outside-effect: its entry in the rule catalogue (../meta.ts). Python only, today's era only.
import type { RuleMeta } from '../../types';

export const meta: RuleMeta = {
  id: 'ONEX017',
  name: 'io-outside-effect',
  summary: 'I/O (database, network, subprocess, git, file writes, a bus or adapter built by hand) in a compute, reducer or orchestrator package.',
  era: 'current',
  fixSafety: 'none',
  // core's check-no-io-outside-effects is exported but not wired into infra's CI.
  defaultSeverity: 'information',
  mirrors: 'core\'s check-no-io-outside-effects (exported by core, not wired into infra\'s CI)',
};
