// ONEX001 health-check-mode: its entry in the rule catalogue (../meta.ts), shared by
// its Python and TypeScript implementations (./python.ts, ./typescript.ts).
import type { RuleMeta } from '../../types';

export const meta: RuleMeta = {
  id: 'ONEX001',
  name: 'health-check-mode',
  summary: 'Node does expensive initialisation without detecting health-check mode.',
  era: 'bridge',
  fixSafety: 'unsafe',
};
