// ONEX003 event-envelope — see ./ONEX003.md and shared/spec/rules.md.
// Bridge era: reports, inside node classes, events published without the OnexEnvelopeV1 wrapping
// (`self.kafka_client.publish(...)`) and `publish_with_envelope(...)` calls whose failure is not
// caught by a broad `try` (a publishing failure would fail the workflow).
// Today: a handler or node that publishes itself or names a topic literal (./selfPublishing.ts).
import type { PyFile } from '../../python/model';
import type { Fix, RawFinding } from '../../types';
import { meta } from './meta';
import type { PythonRule } from '../rule';
import { callLabel, insideError, judgedScope, callsNamedInNodeClasses } from '../pythonNodeClasses';
import { ENVELOPE_METHOD, RAW_PUBLISH_METHODS, isEnvelopePublish, isProtected, isRawPublish } from '../pythonPublishing';
import { envelopeFixes, type Onex003Data } from './envelopeFix';
import { selfPublishingFindings } from './selfPublishing';

/** The callee names ONEX003 judges: the raw publishing methods and publish_with_envelope. */
const PUBLISH_NAMES: ReadonlySet<string> = new Set([...RAW_PUBLISH_METHODS, ENVELOPE_METHOD]);

export const onex003: PythonRule = {
  meta,

  check(file: PyFile): RawFinding[] {
    if (file.era.era === 'current') return selfPublishingFindings(file);
    const findings: RawFinding[] = [];
    for (const { cls, node: call } of callsNamedInNodeClasses(file, PUBLISH_NAMES)) {
      if (isRawPublish(call)) {
        if (call.hasError || insideError(call, cls.node)) continue;
        const data: Onex003Data = { kind: 'raw', className: cls.name };
        findings.push({
          ruleId: 'ONEX003',
          message: `${callLabel(call)} publishes without the OnexEnvelopeV1 envelope; use publish_with_envelope`,
          span: { start: call.startIndex, end: call.endIndex },
          data,
        });
      } else if (isEnvelopePublish(call)) {
        // Whether the call is protected depends on the whole function's try structure.
        if (judgedScope(call)?.hasError || insideError(call, cls.node)) continue;
        if (isProtected(cls, call)) continue;
        const data: Onex003Data = { kind: 'unguarded', className: cls.name };
        findings.push({
          ruleId: 'ONEX003',
          message: `${callLabel(call)} is not inside a try/except Exception: a publishing failure would fail the workflow`,
          span: { start: call.startIndex, end: call.endIndex },
          data,
        });
      }
    }
    return findings;
  },

  fixes(file: PyFile, finding: RawFinding): Fix[] {
    // Today's findings have no fix, and no bridge-era envelope is ever written into today's code.
    if (file.era.era === 'current') return [];
    return envelopeFixes(file, finding);
  },
};
