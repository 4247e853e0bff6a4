// ONEX008 event-metadata: its entry in the rule catalogue (../meta.ts), shared by
// its Python and TypeScript implementations (./python.ts, ./typescript.ts).
import type { RuleMeta } from '../../types';

export const meta: RuleMeta = {
  id: 'ONEX008',
  name: 'event-metadata',
  summary: 'Enveloped event published without event_category, node_type and namespace metadata.',
  era: 'bridge',
  fixSafety: 'unsafe',
};
