// ONEX011 unknown-error-code: its entry in the rule catalogue (../meta.ts), shared by
// its Python and TypeScript implementations (./python.ts, ./typescript.ts).
import type { RuleMeta } from '../../types';

export const meta: RuleMeta = {
  id: 'ONEX011',
  name: 'unknown-error-code',
  summary: 'EnumCoreErrorCode member that does not exist in the framework.',
  era: 'both',
  fixSafety: 'safe',
};
