// ONEX009 metrics: its entry in the rule catalogue (../meta.ts), shared by
// its Python and TypeScript implementations (./python.ts, ./typescript.ts).
import type { RuleMeta } from '../../types';

export const meta: RuleMeta = {
  id: 'ONEX009',
  name: 'metrics',
  summary: 'Node has no get_metrics, or its metrics lack success rate, failures or average duration.',
  era: 'bridge',
  fixSafety: 'unsafe',
};
