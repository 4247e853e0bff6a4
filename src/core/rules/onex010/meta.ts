// ONEX010 precise-timing: its entry in the rule catalogue (../meta.ts), shared by
// its Python and TypeScript implementations (./python.ts, ./typescript.ts).
import type { RuleMeta } from '../../types';

export const meta: RuleMeta = {
  id: 'ONEX010',
  name: 'precise-timing',
  summary: 'Elapsed time measured with time.time() instead of time.perf_counter().',
  era: 'both',
  fixSafety: 'safe',
  eras: {
    bridge: {
      applies: true,
      form: 'time.time() used to measure an elapsed duration',
      why: 'wall-clock time jumps (NTP, DST); durations need a monotonic clock',
      defaultSeverity: 'warning',
    },
    current: {
      applies: true,
      form: 'the same',
      why: 'NodeCoreBase itself uses perf_counter and a duration measured with time.time() is still wrong, but no framework gate bans it (ruff DTZ001/DTZ005 are ignored in both repositories), hence information: advisory, as current-era.md §5 (pattern 10) has it',
      defaultSeverity: 'information',
    },
  },
};
