// ONEX007 service-resolution: its entry in the rule catalogue (../meta.ts), shared by
// its Python and TypeScript implementations (./python.ts, ./typescript.ts).
import type { RuleMeta } from '../../types';

export const meta: RuleMeta = {
  id: 'ONEX007',
  name: 'service-resolution',
  summary: 'Service resolved from the container is never tested for absence.',
  era: 'both',
  fixSafety: 'unsafe',
  eras: {
    bridge: {
      applies: true,
      form: 'target = <...>.get_service(...) whose result is never tested for absence',
      why: 'the bridge-era container\'s get_service could hand back None: a missing service must degrade visibly, not fail later',
      defaultSeverity: 'warning',
    },
    current: {
      applies: true,
      form: 'today\'s form, inside node and handler classes: get_service("a string"), container.register_service(...), a create-on-miss fallback, and a get_service_optional(...) result never tested for None',
      why: 'today\'s container takes a protocol type (a string raises AttributeError), raises ServiceResolutionError for a missing service, has no register_service, and get_service_optional returns None (current-era.md §4.2, §5 pattern 7)',
      defaultSeverity: 'warning',
    },
  },
};
