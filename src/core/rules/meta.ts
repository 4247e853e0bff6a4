// The rule catalogue: ids, names, one-line summaries and fix safety, shared by both languages,
// the extension (diagnostic codes, docs links) and the CLI (SARIF rule metadata). Each rule's entry
// is in its folder (./onexNNN/meta.ts).
import type { RuleId, RuleMeta } from '../types';
import { meta as onex001 } from './onex001/meta';
import { meta as onex002 } from './onex002/meta';
import { meta as onex003 } from './onex003/meta';
import { meta as onex004 } from './onex004/meta';
import { meta as onex005 } from './onex005/meta';
import { meta as onex006 } from './onex006/meta';
import { meta as onex007 } from './onex007/meta';
import { meta as onex008 } from './onex008/meta';
import { meta as onex009 } from './onex009/meta';
import { meta as onex010 } from './onex010/meta';
import { meta as onex011 } from './onex011/meta';

export const RULE_META: Record<RuleId, RuleMeta> = {
  ONEX001: onex001,
  ONEX002: onex002,
  ONEX003: onex003,
  ONEX004: onex004,
  ONEX005: onex005,
  ONEX006: onex006,
  ONEX007: onex007,
  ONEX008: onex008,
  ONEX009: onex009,
  ONEX010: onex010,
  ONEX011: onex011,
};

/** The public docs page of a rule: its folder's ONEXnnn.md (the build ships a copy in dist/docs/rules/). */
export const DOCS_BASE_URL = 'https://github.com/onex-forge/onex-forge/blob/main/src/core/rules/';

export function docsUrl(id: RuleId): string {
  return `${DOCS_BASE_URL}${id.toLowerCase()}/${id}.md`;
}
