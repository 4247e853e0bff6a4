// Every TypeScript rule, in id order.
import type { RuleId } from '../../types';
import { onex001 } from './onex001';
import { onex002 } from './onex002';
import { onex003 } from './onex003';
import { onex004 } from './onex004';
import { onex005 } from './onex005';
import { onex006 } from './onex006';
import { onex007 } from './onex007';
import { onex008 } from './onex008';
import { onex009 } from './onex009';
import { onex010 } from './onex010';
import { onex011 } from './onex011';
import type { TypeScriptRule } from './rule';

export const TYPESCRIPT_RULES: readonly TypeScriptRule[] = [
  onex001, onex002, onex003, onex004, onex005, onex006, onex007, onex008, onex009, onex010, onex011,
];

export const TYPESCRIPT_RULES_BY_ID = new Map<RuleId, TypeScriptRule>(TYPESCRIPT_RULES.map((r) => [r.meta.id, r]));
