// ONEX004 error-handling: its entry in the rule catalogue (../meta.ts), shared by
// its Python and TypeScript implementations (./python.ts, ./typescript.ts).
import type { RuleMeta } from '../../types';

export const meta: RuleMeta = {
  id: 'ONEX004',
  name: 'error-handling',
  summary: 'Broad handler re-wraps OnexError, or a wrapped error loses its cause.',
  era: 'both',
  fixSafety: 'safe',
};
