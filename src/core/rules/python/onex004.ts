// ONEX004 — see docs/rules/ONEX004.md and ../../../shared/spec/rules.md.
import type { PyFile } from '../../python/model';
import type { RawFinding } from '../../types';
import { RULE_META } from '../meta';
import type { PythonRule } from '../rule';

export const onex004: PythonRule = {
  meta: RULE_META.ONEX004,
  check(_file: PyFile): RawFinding[] {
    return [];
  },
};
