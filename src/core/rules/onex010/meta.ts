// ONEX010 precise-timing: its entry in the rule catalogue (../meta.ts), shared by
// its Python and TypeScript implementations (./python.ts, ./typescript.ts).
import type { RuleMeta } from '../../types';

export const meta: RuleMeta = {
  id: 'ONEX010',
  name: 'precise-timing',
  summary: 'Elapsed time measured with time.time() instead of time.perf_counter().',
  era: 'both',
  fixSafety: 'safe',
};
