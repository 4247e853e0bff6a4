// ONEX007 — see docs/rules/ONEX007.md and ../../../shared/spec/rules.md.
import type { PyFile } from '../../python/model';
import type { RawFinding } from '../../types';
import { RULE_META } from '../meta';
import type { PythonRule } from '../rule';

export const onex007: PythonRule = {
  meta: RULE_META.ONEX007,
  check(_file: PyFile): RawFinding[] {
    return [];
  },
};
