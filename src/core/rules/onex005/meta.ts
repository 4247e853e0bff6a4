// ONEX005 lifecycle: its entry in the rule catalogue (../meta.ts), shared by
// its Python and TypeScript implementations (./python.ts, ./typescript.ts).
import type { RuleMeta } from '../../types';

export const meta: RuleMeta = {
  id: 'ONEX005',
  name: 'lifecycle',
  summary: 'Node lacks an async startup or shutdown lifecycle method.',
  era: 'bridge',
  fixSafety: 'unsafe',
};
