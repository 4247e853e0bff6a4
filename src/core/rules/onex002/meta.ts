// ONEX002 service-registration: its entry in the rule catalogue (../meta.ts), shared by
// its Python and TypeScript implementations (./python.ts, ./typescript.ts).
import type { RuleMeta } from '../../types';

export const meta: RuleMeta = {
  id: 'ONEX002',
  name: 'service-registration',
  summary: 'Node never registers with service discovery, or never deregisters on stop.',
  era: 'bridge',
  fixSafety: 'unsafe',
};
