// The rule catalogue: ids, names, one-line summaries and fix safety, shared by both languages,
// the extension (diagnostic codes, docs links) and the CLI (SARIF rule metadata).
import type { RuleId, RuleMeta } from '../types';

export const RULE_META: Record<RuleId, RuleMeta> = {
  ONEX001: { id: 'ONEX001', name: 'health-check-mode', summary: 'Node does expensive initialisation without detecting health-check mode.', era: 'bridge', fixSafety: 'unsafe' },
  ONEX002: { id: 'ONEX002', name: 'service-registration', summary: 'Node never registers with service discovery, or never deregisters on stop.', era: 'bridge', fixSafety: 'unsafe' },
  ONEX003: { id: 'ONEX003', name: 'event-envelope', summary: 'Event published without the OnexEnvelopeV1 wrapping, or a publishing failure can fail the workflow.', era: 'bridge', fixSafety: 'unsafe' },
  ONEX004: { id: 'ONEX004', name: 'error-handling', summary: 'Broad handler re-wraps OnexError, or a wrapped error loses its cause.', era: 'both', fixSafety: 'safe' },
  ONEX005: { id: 'ONEX005', name: 'lifecycle', summary: 'Node lacks an async startup or shutdown lifecycle method.', era: 'bridge', fixSafety: 'unsafe' },
  ONEX006: { id: 'ONEX006', name: 'defensive-config', summary: 'Container configuration read without a defensive guard.', era: 'bridge', fixSafety: 'unsafe' },
  ONEX007: { id: 'ONEX007', name: 'service-resolution', summary: 'Service resolved from the container is never tested for absence.', era: 'both', fixSafety: 'unsafe' },
  ONEX008: { id: 'ONEX008', name: 'event-metadata', summary: 'Enveloped event published without event_category, node_type and namespace metadata.', era: 'bridge', fixSafety: 'unsafe' },
  ONEX009: { id: 'ONEX009', name: 'metrics', summary: 'Node has no get_metrics, or its metrics lack success rate, failures or average duration.', era: 'bridge', fixSafety: 'unsafe' },
  ONEX010: { id: 'ONEX010', name: 'precise-timing', summary: 'Elapsed time measured with time.time() instead of time.perf_counter().', era: 'both', fixSafety: 'safe' },
  ONEX011: { id: 'ONEX011', name: 'unknown-error-code', summary: 'EnumCoreErrorCode member that does not exist in the framework.', era: 'both', fixSafety: 'safe' },
};

/** The public docs page of a rule (the same page ships inside the extension under docs/rules/). */
export const DOCS_BASE_URL = 'https://github.com/onex-forge/onex-forge/blob/main/docs/rules/';

export function docsUrl(id: RuleId): string {
  return `${DOCS_BASE_URL}${id}.md`;
}
