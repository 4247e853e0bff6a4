// ONEX018 utcnow: its entry in the rule catalogue (../meta.ts). Python only, today's era only.
import type { RuleMeta } from '../../types';

export const meta: RuleMeta = {
  id: 'ONEX018',
  name: 'utcnow',
  summary: 'datetime.utcnow(): a naive timestamp; today\'s framework uses datetime.now(UTC).',
  era: 'current',
  fixSafety: 'unsafe',
  // ruff's DTZ003 is selected in infra's and core's configuration and infra's CI runs `ruff check src/ tests/`;
  // core also has check-no-utcnow.
  defaultSeverity: 'error',
  mirrors: 'ruff DTZ003 (active in infra\'s CI) and core\'s check-no-utcnow',
};
