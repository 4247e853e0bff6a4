// ONEX001 health-check-mode — see ./ONEX001.md and shared/spec/rules.md.
// Reports a node class whose __init__ does expensive initialisation (get_service, a *Client or
// Consul construction, a consul/register_with method of its own, or a helper that does one of
// these) and never reads a health-check-mode flag there.
import type { PyFile } from '../../python/model';
import type { Fix, RawFinding } from '../../types';
import { meta } from './meta';
import type { PythonRule } from '../rule';
import { productionNodeClasses } from '../classRoles';
import { type ClassFindingData, findingClass } from '../classFixContext';
import { planHealthCheckGuard, unguardedExpensiveInit } from './healthCheck';
import { EditBuilder, InitEditor } from '../classEdits';

export type Onex001Data = ClassFindingData;

export const onex001: PythonRule = {
  meta,

  check(file: PyFile): RawFinding[] {
    const findings: RawFinding[] = [];
    for (const cls of productionNodeClasses(file)) {
      const expensive = unguardedExpensiveInit(file, cls);
      if (expensive.length === 0) continue;
      const data: Onex001Data = { className: cls.name };
      findings.push({
        ruleId: 'ONEX001',
        message: `${cls.name} does expensive initialisation in __init__ (${expensive[0].label}) but never detects health-check mode`,
        span: { start: cls.nameNode.startIndex, end: cls.nameNode.endIndex },
        data,
      });
    }
    return findings;
  },

  fixes(file: PyFile, finding: RawFinding): Fix[] {
    const cls = findingClass(file, finding);
    if (!cls) return [];
    const builder = new EditBuilder();
    const editor = new InitEditor(file, cls);
    if (!editor.usable) return [];
    if (!planHealthCheckGuard(file, cls, builder, editor)) return [];
    if (!editor.finish(builder)) return [];
    return [{
      id: 'guard-health-check-mode',
      title: `Detect health-check mode in ${cls.name}.__init__ and skip expensive initialisation (and what depends on it)`,
      safety: 'unsafe',
      preferred: true,
      edits: builder.build(),
    }];
  },
};
