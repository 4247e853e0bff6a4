// ONEX020 contract-yaml: its entry in the rule catalogue (../meta.ts). A contract.yaml rule: it is
// implemented in src/core/contract/ with the other contract checks (they share the YAML tree and the schema).
import type { RuleMeta } from '../../types';

export const meta: RuleMeta = {
  id: 'ONEX020',
  name: 'contract-yaml',
  summary: 'The file is not valid YAML, holds more than one document, or is not a mapping.',
  era: 'both',
  fixSafety: 'none',
  defaultSeverity: 'error',
  appliesTo: 'contract.yaml',
  mirrors: 'yaml.safe_load in every loader (L1, L2, L3)',
};
