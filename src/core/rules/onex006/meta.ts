// ONEX006 defensive-config: its entry in the rule catalogue (../meta.ts), shared by
// its Python and TypeScript implementations (./python.ts, ./typescript.ts).
import type { RuleMeta } from '../../types';

export const meta: RuleMeta = {
  id: 'ONEX006',
  name: 'defensive-config',
  summary: 'Container configuration read without a defensive guard.',
  era: 'bridge',
  fixSafety: 'unsafe',
};
