// ONEX007 service-resolution: its entry in the rule catalogue (../meta.ts), shared by
// its Python and TypeScript implementations (./python.ts, ./typescript.ts).
import type { RuleMeta } from '../../types';

export const meta: RuleMeta = {
  id: 'ONEX007',
  name: 'service-resolution',
  summary: 'Service resolved from the container is never tested for absence.',
  era: 'both',
  fixSafety: 'unsafe',
};
