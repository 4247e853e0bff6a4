// ONEX009 — see docs/rules/ONEX009.md and ../../../shared/spec/rules.md.
import type { PyFile } from '../../python/model';
import type { RawFinding } from '../../types';
import { RULE_META } from '../meta';
import type { PythonRule } from '../rule';

export const onex009: PythonRule = {
  meta: RULE_META.ONEX009,
  check(_file: PyFile): RawFinding[] {
    return [];
  },
};
