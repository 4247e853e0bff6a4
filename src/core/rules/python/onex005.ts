// ONEX005 — see docs/rules/ONEX005.md and ../../../shared/spec/rules.md.
import type { PyFile } from '../../python/model';
import type { RawFinding } from '../../types';
import { RULE_META } from '../meta';
import type { PythonRule } from '../rule';

export const onex005: PythonRule = {
  meta: RULE_META.ONEX005,
  check(_file: PyFile): RawFinding[] {
    return [];
  },
};
