// ONEX011 unknown-error-code: its entry in the rule catalogue (../meta.ts), shared by
// its Python and TypeScript implementations (./python.ts, ./typescript.ts).
import type { RuleMeta } from '../../types';

export const meta: RuleMeta = {
  id: 'ONEX011',
  name: 'unknown-error-code',
  summary: 'EnumCoreErrorCode member that does not exist in the framework.',
  era: 'both',
  fixSafety: 'safe',
  eras: {
    bridge: {
      applies: true,
      form: 'an EnumCoreErrorCode member that does not exist',
      why: 'a member that does not exist raises AttributeError where the error was meant to be raised',
      defaultSeverity: 'warning',
    },
    current: {
      applies: true,
      form: 'the same',
      why: 'the same: EnumCoreErrorCode has 129 members and CONNECTION_ERROR, EXECUTION_ERROR, … are not among them (current-era.md §4.4)',
      defaultSeverity: 'warning',
    },
  },
};
