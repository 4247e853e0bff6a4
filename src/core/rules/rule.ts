// The shape of a rule's implementation for each language front end: the rule's metadata (its
// folder's meta.ts) plus a checker and a fixer over that front end's file model.
import type { PyFile } from '../python/model';
import type { DataShifter } from '../python/reuse';
import type { TsFile } from '../typescript/model';
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

export interface TypeScriptRule {
  meta: RuleMeta;
  /** Reports the rule's findings in one parsed file. Must not throw on partial trees. */
  check(file: TsFile): RawFinding[];
  /** Fixes for one of this rule's findings in the same file (computed lazily, when an action is chosen). */
  fixes?(file: TsFile, finding: RawFinding): Fix[];
}
