// ONEX008 event-metadata — see ./ONEX008.md and shared/spec/rules.md.
// Reports, inside node classes, `publish_with_envelope(...)` calls with no metadata, or whose
// metadata dict literal lacks event_category, node_type or namespace. Metadata built elsewhere and
// passed by name cannot be checked and is not reported.
import type { PyFile } from '../../python/model';
import type { Fix, RawFinding } from '../../types';
import { meta } from './meta';
import type { PythonRule } from '../rule';
import { callLabel, insideError, callsNamedInNodeClasses } from '../pythonNodeClasses';
import { ENVELOPE_METHOD, isEnvelopePublish } from '../pythonPublishing';
import { METADATA_KEYS, metadataFixes, readMetadata, type Onex008Data } from './metadata';

const ENVELOPE_NAMES: ReadonlySet<string> = new Set([ENVELOPE_METHOD]);

export const onex008: PythonRule = {
  meta,

  check(file: PyFile): RawFinding[] {
    const findings: RawFinding[] = [];
    for (const { cls, node: call } of callsNamedInNodeClasses(file, ENVELOPE_NAMES)) {
      if (!isEnvelopePublish(call) || call.hasError || insideError(call, cls.node)) continue;
      const metadata = readMetadata(call);
      const label = callLabel(call);
      let message: string | null = null;
      let data: Onex008Data | null = null;
      if (metadata.kind === 'missing') {
        message = `${label} publishes without metadata (${METADATA_KEYS.join(', ')})`;
        data = { kind: 'missing', className: cls.name, missing: [...METADATA_KEYS] };
      } else if (metadata.kind === 'none') {
        message = `${label} publishes with metadata=None instead of ${METADATA_KEYS.join(', ')}`;
        data = { kind: 'none', className: cls.name, missing: [...METADATA_KEYS] };
      } else if (metadata.kind === 'dict' && metadata.missing.length > 0) {
        message = `${label} metadata lacks ${metadata.missing.join(', ')}`;
        data = { kind: 'incomplete', className: cls.name, missing: metadata.missing };
      }
      if (message && data) {
        findings.push({ ruleId: 'ONEX008', message, span: { start: call.startIndex, end: call.endIndex }, data });
      }
    }
    return findings;
  },

  fixes(file: PyFile, finding: RawFinding): Fix[] {
    return metadataFixes(file, finding);
  },
};
