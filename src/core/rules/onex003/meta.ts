// ONEX003 event-envelope: its entry in the rule catalogue (../meta.ts), shared by
// its Python and TypeScript implementations (./python.ts, ./typescript.ts).
import type { RuleMeta } from '../../types';

export const meta: RuleMeta = {
  id: 'ONEX003',
  name: 'event-envelope',
  summary: 'Event published without the OnexEnvelopeV1 wrapping, or a publishing failure can fail the workflow.',
  era: 'bridge',
  fixSafety: 'unsafe',
};
