// ONEX004 error-handling: its entry in the rule catalogue (../meta.ts), shared by
// its Python and TypeScript implementations (./python.ts, ./typescript.ts).
import type { RuleMeta } from '../../types';

export const meta: RuleMeta = {
  id: 'ONEX004',
  name: 'error-handling',
  summary: 'Broad handler re-wraps OnexError, or a wrapped error loses its cause.',
  era: 'both',
  fixSafety: 'safe',
  eras: {
    bridge: {
      applies: true,
      form: 'a broad handler that raises an OnexError on its own path while the try never lets an OnexError through unchanged, and an OnexError raised in an except block without from',
      why: 'the bridge-era pattern: specific handlers first, OnexError re-raised unchanged, the cause chained',
      defaultSeverity: 'warning',
    },
    current: {
      applies: true,
      form: 'the same, inside node and handler classes; the OnexError names include RuntimeHostError and its subclasses (InfraConnectionError, …); the missing-from half reports at information',
      why: 'typed errors raised from e are still expected and the runtime classifies them (current-era.md §4.4, §5 pattern 4); the framework\'s ruff configuration ignores B904, so a missing from e is advisory',
      defaultSeverity: 'warning',
    },
  },
};
