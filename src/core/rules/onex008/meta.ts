// ONEX008 event-metadata: its entry in the rule catalogue (../meta.ts), shared by
// its Python and TypeScript implementations (./python.ts, ./typescript.ts).
import type { RuleMeta } from '../../types';

export const meta: RuleMeta = {
  id: 'ONEX008',
  name: 'event-metadata',
  summary: 'Enveloped event published without event_category, node_type and namespace metadata.',
  era: 'bridge',
  fixSafety: 'unsafe',
  eras: {
    bridge: {
      applies: true,
      form: 'a publish_with_envelope call without metadata, or whose metadata dict lacks event_category, node_type or namespace',
      why: 'the bridge-era pattern: consumers route on the envelope metadata',
      defaultSeverity: 'warning',
    },
    current: {
      applies: false,
      form: 'nothing',
      why: 'the runtime sets the envelope\'s metadata (envelope_id, correlation_id, event_type, timestamp) from the contract and the topic (current-era.md §5, pattern 8)',
      defaultSeverity: 'warning',
    },
  },
};
