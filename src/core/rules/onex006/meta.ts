// ONEX006 defensive-config: its entry in the rule catalogue (../meta.ts), shared by
// its Python and TypeScript implementations (./python.ts, ./typescript.ts).
import type { RuleMeta } from '../../types';

export const meta: RuleMeta = {
  id: 'ONEX006',
  name: 'defensive-config',
  summary: 'Container configuration read without a defensive guard.',
  era: 'bridge',
  fixSafety: 'unsafe',
  eras: {
    bridge: {
      applies: true,
      form: 'a read of the container\'s configuration not guarded by a try or a hasattr(config, "get") test',
      why: 'the bridge-era pattern: the container\'s config could be missing or a plain object',
      defaultSeverity: 'warning',
    },
    current: {
      applies: false,
      form: 'nothing (today\'s banned-constructs rule reports env reads and env-default fallbacks)',
      why: 'configuration comes from the contract (config:, dependencies of type environment) and env reads with fallbacks are banned by infra hooks (current-era.md §5, pattern 6)',
      defaultSeverity: 'warning',
    },
  },
};
