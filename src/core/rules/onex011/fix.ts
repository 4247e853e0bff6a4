// ONEX011's data and fix, the same in Python and TypeScript: the member as written is replaced by the real
// error code the finding names, when it names one with certainty.
import type { Fix, RawFinding } from '../../types';

export interface Onex011Data {
  member: string;
  replacement: string | null;
}

/** The safe fix of a finding of either language, over the text the finding was made in. */
export function replaceErrorCodeFixes(text: string, finding: RawFinding): Fix[] {
  const data = finding.data as Onex011Data | undefined;
  if (!data?.replacement || data.replacement === data.member) return [];
  if (text.slice(finding.span.start, finding.span.end) !== data.member) return [];
  return [{
    id: 'replace-error-code',
    title: `Replace ${data.member} with ${data.replacement}`,
    safety: 'safe',
    preferred: true,
    edits: [{ start: finding.span.start, end: finding.span.end, newText: data.replacement }],
  }];
}
