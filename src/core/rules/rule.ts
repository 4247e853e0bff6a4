// The shape of a rule module: its metadata plus one checker (and fixer) per language front end.
import type { PyFile } from '../python/model';
import type { DataShifter } from '../python/reuse';
import type { Fix, RawFinding, RuleMeta } from '../types';

export interface PythonRule {
  meta: RuleMeta;
  /** Reports the rule's findings in one parsed file. Must not throw on partial trees. */
  check(file: PyFile): RawFinding[];
  /** Fixes for one of this rule's findings in the same file (computed lazily, when an action is chosen). */
  fixes?(file: PyFile, finding: RawFinding): Fix[];
  /**
   * For a rule whose findings keep offsets in their data: the data with each offset moved by `map`
   * (findings are carried across edits that cannot change them: ../python/reuse.ts).
   */
  shiftData?: DataShifter;
}
