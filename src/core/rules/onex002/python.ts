// ONEX002 service-registration — see ./ONEX002.md and shared/spec/rules.md.
// Reports a non-declarative node class where no Consul registration is reachable from __init__
// and its start/stop methods (following self.method() calls and self.method references), or
// where registration is reachable but no deregistration is reachable from its stop method.
import { type PyFile, methodsWithInherited } from '../../python/model';
import type { Fix, RawFinding } from '../../types';
import { meta } from './meta';
import type { PythonRule } from '../rule';
import { productionNodeClasses, providesConcern } from '../classRoles';
import { type ClassFindingData, findingClass } from '../classFixContext';
import { EditBuilder } from '../classEdits';
import { type RegistrationGap, registrationFix, registrationGap } from './registrationFix';

export interface Onex002Data extends ClassFindingData {
  gap: RegistrationGap;
}

function message(file: PyFile, className: string, gap: RegistrationGap, hasStop: boolean): string {
  if (gap === 'no-registration') {
    return `${className} never registers with service discovery: no Consul registration is reachable from __init__ or its lifecycle methods`;
  }
  return hasStop
    ? `${className} registers with Consul but never deregisters: no deregistration is reachable from its stop method`
    : `${className} registers with Consul but never deregisters: it has no stop method (${file.config.stopMethods.join(', ')}) that deregisters`;
}

export const onex002: PythonRule = {
  meta,

  check(file: PyFile): RawFinding[] {
    const findings: RawFinding[] = [];
    for (const cls of productionNodeClasses(file)) {
      // A base or mixin (ModelService*, MixinNodeService, MixinIntrospectionPublisher) registers it.
      if (providesConcern(file, cls, 'registration')) continue;
      const gap = registrationGap(file, cls);
      if (!gap) continue;
      const all = methodsWithInherited(file, cls);
      const hasStop = file.config.stopMethods.some((n) => all.has(n));
      const data: Onex002Data = { className: cls.name, gap };
      findings.push({
        ruleId: 'ONEX002',
        message: message(file, cls.name, gap, hasStop),
        span: { start: cls.nameNode.startIndex, end: cls.nameNode.endIndex },
        data,
      });
    }
    return findings;
  },

  fixes(file: PyFile, finding: RawFinding): Fix[] {
    const cls = findingClass(file, finding);
    if (!cls || cls.isDeclarative) return [];
    const gap = registrationGap(file, cls);
    if (!gap) return [];
    const builder = new EditBuilder();
    if (!registrationFix(file, cls, builder)) return [];
    return [{
      id: gap === 'no-registration' ? 'add-consul-registration' : 'add-consul-deregistration',
      title: gap === 'no-registration'
        ? `Register ${cls.name} with Consul (and deregister on shutdown)`
        : `Deregister ${cls.name} from Consul on shutdown`,
      safety: 'unsafe',
      preferred: true,
      edits: builder.build(),
    }];
  },
};
