// ONEX005 lifecycle: its entry in the rule catalogue (../meta.ts), shared by
// its Python and TypeScript implementations (./python.ts, ./typescript.ts).
import type { RuleMeta } from '../../types';

export const meta: RuleMeta = {
  id: 'ONEX005',
  name: 'lifecycle',
  summary: 'Node lacks an async startup or shutdown lifecycle method.',
  era: 'bridge',
  fixSafety: 'unsafe',
  eras: {
    bridge: {
      applies: true,
      form: 'a production node class with no async start or no async stop method',
      why: 'the bridge-era pattern: nodes connected in startup() and released in shutdown()',
      defaultSeverity: 'warning',
    },
    current: {
      applies: false,
      form: 'nothing (today\'s declarative-node rule reports lifecycle methods in node.py)',
      why: 'the runtime owns lifecycle (NodeCoreBase.initialize/cleanup are inherited); a node.py must not define methods (DECL-001) (current-era.md §5, pattern 5)',
      defaultSeverity: 'warning',
    },
  },
};
