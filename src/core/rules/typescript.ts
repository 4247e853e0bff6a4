// Every TypeScript rule, in id order.
import type { RuleId } from '../types';
import { onex001 } from './onex001/typescript';
import { onex002 } from './onex002/typescript';
import { onex003 } from './onex003/typescript';
import { onex004 } from './onex004/typescript';
import { onex005 } from './onex005/typescript';
import { onex006 } from './onex006/typescript';
import { onex007 } from './onex007/typescript';
import { onex008 } from './onex008/typescript';
import { onex009 } from './onex009/typescript';
import { onex010 } from './onex010/typescript';
import { onex011 } from './onex011/typescript';
import type { TypeScriptRule } from './rule';

export const TYPESCRIPT_RULES: readonly TypeScriptRule[] = [
  onex001, onex002, onex003, onex004, onex005, onex006, onex007, onex008, onex009, onex010, onex011,
];

export const TYPESCRIPT_RULES_BY_ID = new Map<RuleId, TypeScriptRule>(TYPESCRIPT_RULES.map((r) => [r.meta.id, r]));
