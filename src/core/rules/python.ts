// Every Python rule, in id order.
import type { RuleId } from '../types';
import type { PythonRule } from './rule';
import { onex001 } from './onex001/python';
import { onex002 } from './onex002/python';
import { onex003 } from './onex003/python';
import { onex004 } from './onex004/python';
import { onex005 } from './onex005/python';
import { onex006 } from './onex006/python';
import { onex007 } from './onex007/python';
import { onex008 } from './onex008/python';
import { onex009 } from './onex009/python';
import { onex010 } from './onex010/python';
import { onex011 } from './onex011/python';

export const PYTHON_RULES: readonly PythonRule[] = [
  onex001, onex002, onex003, onex004, onex005, onex006, onex007, onex008, onex009, onex010, onex011,
];

export const PYTHON_RULES_BY_ID = new Map<RuleId, PythonRule>(PYTHON_RULES.map((r) => [r.meta.id, r]));
