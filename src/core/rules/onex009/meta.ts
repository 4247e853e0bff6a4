// ONEX009 metrics: its entry in the rule catalogue (../meta.ts), shared by
// its Python and TypeScript implementations (./python.ts, ./typescript.ts).
import type { RuleMeta } from '../../types';

export const meta: RuleMeta = {
  id: 'ONEX009',
  name: 'metrics',
  summary: 'Node has no get_metrics, or its metrics lack success rate, failures or average duration.',
  era: 'bridge',
  fixSafety: 'unsafe',
  eras: {
    bridge: {
      applies: true,
      form: 'a production node class with no get_metrics, or whose get_metrics lacks a success rate, a failure count or an average duration',
      why: 'the bridge-era pattern: each node reported its own operation metrics',
      defaultSeverity: 'warning',
    },
    current: {
      applies: false,
      form: 'nothing',
      why: 'metrics go in ModelHandlerOutput.metrics and processing_time_ms, optionally; no gate requires them (current-era.md §5, pattern 9)',
      defaultSeverity: 'warning',
    },
  },
};
