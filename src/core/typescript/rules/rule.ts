// The shape of a TypeScript rule module: the shared metadata plus a checker and a fixer over TsFile.
import type { Fix, RawFinding, RuleMeta } from '../../types';
import type { TsFile } from '../model';

export interface TypeScriptRule {
  meta: RuleMeta;
  /** Reports the rule's findings in one parsed file. Must not throw on partial trees. */
  check(file: TsFile): RawFinding[];
  /** Fixes for one of this rule's findings in the same file (computed lazily, when an action is chosen). */
  fixes?(file: TsFile, finding: RawFinding): Fix[];
}
