// ONEX008 — see docs/rules/ONEX008.md and ../../../shared/spec/rules.md.
import type { PyFile } from '../../python/model';
import type { RawFinding } from '../../types';
import { RULE_META } from '../meta';
import type { PythonRule } from '../rule';

export const onex008: PythonRule = {
  meta: RULE_META.ONEX008,
  check(_file: PyFile): RawFinding[] {
    return [];
  },
};
