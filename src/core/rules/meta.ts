// The rule catalogue: ids, names, one-line summaries and fix safety, shared by both languages,
// the extension (diagnostic codes, docs links) and the CLI (SARIF rule metadata). Each rule's entry
// is in its folder (./onexNNN/meta.ts).
import { contractRuleEras, todayRuleEras } from './eraTables';
import type { RuleId, RuleMeta, Severity } from '../types';
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
import { meta as onex012 } from './onex012/meta';
import { meta as onex013 } from './onex013/meta';
import { meta as onex014 } from './onex014/meta';
import { meta as onex015 } from './onex015/meta';
import { meta as onex016 } from './onex016/meta';
import { meta as onex017 } from './onex017/meta';
import { meta as onex018 } from './onex018/meta';
import { meta as onex019 } from './onex019/meta';
import { meta as onex020 } from './onex020/meta';
import { meta as onex021 } from './onex021/meta';
import { meta as onex022 } from './onex022/meta';
import { meta as onex023 } from './onex023/meta';
import { meta as onex024 } from './onex024/meta';
import { meta as onex025 } from './onex025/meta';
import { meta as onex026 } from './onex026/meta';
import { meta as onex027 } from './onex027/meta';
import { meta as onex028 } from './onex028/meta';
import { meta as onex029 } from './onex029/meta';
import { meta as onex030 } from './onex030/meta';
import { meta as onex031 } from './onex031/meta';
import { meta as onex032 } from './onex032/meta';
import { meta as onex033 } from './onex033/meta';

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
  ONEX012: onex012,
  ONEX013: onex013,
  ONEX014: onex014,
  ONEX015: onex015,
  ONEX016: onex016,
  ONEX017: onex017,
  ONEX018: onex018,
  ONEX019: onex019,
  ONEX020: onex020,
  ONEX021: onex021,
  ONEX022: onex022,
  ONEX023: onex023,
  ONEX024: onex024,
  ONEX025: onex025,
  ONEX026: onex026,
  ONEX027: onex027,
  ONEX028: onex028,
  ONEX029: onex029,
  ONEX030: onex030,
  ONEX031: onex031,
  ONEX032: onex032,
  ONEX033: onex033,
};

// The era tables of the contract rules and of today's own rules follow from their scope and the check they
// mirror (./eraTables.ts); rules.md's node rules carry theirs in their meta.ts.
for (const meta of Object.values(RULE_META)) {
  if (meta.eras) continue;
  if (meta.appliesTo === 'contract.yaml') meta.eras = contractRuleEras(meta);
  else if (meta.era === 'current') meta.eras = todayRuleEras(meta);
}

/** A rule's severity when the configuration sets none. */
export function defaultSeverityOf(id: RuleId): Exclude<Severity, 'off'> {
  return RULE_META[id].defaultSeverity ?? 'warning';
}

/** The public docs page of a rule: its folder's ONEXnnn.md (the build ships a copy in dist/docs/rules/). */
export const DOCS_BASE_URL = 'https://github.com/onex-forge/onex-forge/blob/main/src/core/rules/';

export function docsUrl(id: RuleId): string {
  return `${DOCS_BASE_URL}${id.toLowerCase()}/${id}.md`;
}
