// ONEX003 event-envelope: its entry in the rule catalogue (../meta.ts), shared by
// its Python and TypeScript implementations (./python.ts, ./typescript.ts).
import type { RuleMeta } from '../../types';

export const meta: RuleMeta = {
  id: 'ONEX003',
  name: 'event-envelope',
  summary: 'Event published without the OnexEnvelopeV1 wrapping, or a publishing failure can fail the workflow.',
  era: 'both',
  fixSafety: 'unsafe',
  eras: {
    bridge: {
      applies: true,
      form: 'a raw publish (publish, send, produce… on a Kafka client, producer or event bus) without the OnexEnvelopeV1 envelope, and a publish_with_envelope call no broad try protects',
      why: 'the bridge-era pattern: events go out wrapped in OnexEnvelopeV1 through publish_with_envelope, and a publishing failure must not fail the workflow',
      defaultSeverity: 'warning',
    },
    current: {
      applies: true,
      form: 'today\'s form: a handler or node that publishes itself (a Kafka client or producer, ….publish(...) on a bus, a legacy event_publisher) or names a topic string literal; its message names today\'s means: return ModelHandlerOutput.for_<kind>(events=…) and declare the topic in event_bus.publish_topics + published_events',
      why: 'handlers return their events and the runtime wraps and publishes them to the contract\'s topics (current-era.md §4.3, §5 pattern 3); the framework\'s no-handler-publishing check (ARCH-002) is not wired into CI, hence information',
      defaultSeverity: 'information',
    },
  },
};
