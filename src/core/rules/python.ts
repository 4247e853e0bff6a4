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
import { onex012 } from './onex012/python';
import { onex013 } from './onex013/python';
import { onex014 } from './onex014/python';
import { onex015 } from './onex015/python';
import { onex016 } from './onex016/python';
import { onex017 } from './onex017/python';
import { onex018 } from './onex018/python';
import { onex019 } from './onex019/python';

export const PYTHON_RULES: readonly PythonRule[] = [
  onex001, onex002, onex003, onex004, onex005, onex006, onex007, onex008, onex009, onex010, onex011,
  onex012, onex013, onex014, onex015, onex016, onex017, onex018, onex019,
];

export const PYTHON_RULES_BY_ID = new Map<RuleId, PythonRule>(PYTHON_RULES.map((r) => [r.meta.id, r]));
