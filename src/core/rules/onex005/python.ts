// ONEX005 lifecycle — see ./ONEX005.md and shared/spec/rules.md.
// Reports a non-declarative node class with no `async def` start method or no `async def` stop
// method (names from onexForge.lifecycle.*), in the class or a base class of the same file.
import { type PyClass, type PyFile, methodsWithInherited } from '../../python/model';
import type { Fix, RawFinding } from '../../types';
import { meta } from './meta';
import type { PythonRule } from '../rule';
import { productionNodeClasses, providesConcern } from '../classRoles';
import { findDiscoveryCall, lifecycleState, methodsMaking, reachableMethods } from '../classAnalysis';
import { type ClassFindingData, findingClass, kafkaClientAttribute, nodeNames } from '../classFixContext';
import { EditBuilder, appendToClass } from '../classEdits';
import { shutdownMethod, startupMethod } from '../classTemplates';

export interface Onex005Data extends ClassFindingData {
  missingStart: boolean;
  missingStop: boolean;
}

function describe(names: readonly string[]): string {
  return names.length === 1 ? `${names[0]}()` : `${names.slice(0, -1).join('(), ')}() or ${names[names.length - 1]}()`;
}

function message(file: PyFile, cls: PyClass, missingStart: boolean, missingStop: boolean): string {
  const { startMethods, stopMethods } = file.config;
  if (missingStart && missingStop) {
    return `${cls.name} has no async lifecycle methods: no async ${startMethods[0] ?? 'startup'}() to start and no async ${stopMethods[0] ?? 'shutdown'}() to stop`;
  }
  if (missingStart) return `${cls.name} has no async start lifecycle method (${describe(startMethods)})`;
  return `${cls.name} has no async stop lifecycle method (${describe(stopMethods)})`;
}

/** The first configured name the class chain does not use yet. */
function freeLifecycleName(file: PyFile, cls: PyClass, names: readonly string[]): string | null {
  const all = methodsWithInherited(file, cls);
  return names.find((n) => !all.has(n)) ?? null;
}

export const onex005: PythonRule = {
  meta,

  check(file: PyFile): RawFinding[] {
    const findings: RawFinding[] = [];
    if (file.config.startMethods.length === 0 && file.config.stopMethods.length === 0) return findings;
    for (const cls of productionNodeClasses(file)) {
      // A base or mixin (ModelService*, MixinNodeService, the older framework's hooks) gives it its lifecycle.
      if (providesConcern(file, cls, 'lifecycle')) continue;
      const state = lifecycleState(file, cls);
      const missingStart = file.config.startMethods.length > 0 && !state.asyncStart;
      const missingStop = file.config.stopMethods.length > 0 && !state.asyncStop;
      if (!missingStart && !missingStop) continue;
      const data: Onex005Data = { className: cls.name, missingStart, missingStop };
      findings.push({
        ruleId: 'ONEX005',
        message: message(file, cls, missingStart, missingStop),
        span: { start: cls.nameNode.startIndex, end: cls.nameNode.endIndex },
        data,
      });
    }
    return findings;
  },

  fixes(file: PyFile, finding: RawFinding): Fix[] {
    const cls = findingClass(file, finding);
    if (!cls || cls.isDeclarative) return [];
    const state = lifecycleState(file, cls);
    const startName = state.asyncStart ? null : freeLifecycleName(file, cls, file.config.startMethods);
    const stopName = state.asyncStop ? null : freeLifecycleName(file, cls, file.config.stopMethods);
    if (!startName && !stopName) return [];
    const builder = new EditBuilder();
    const names = nodeNames(file, cls, builder);
    // The new stop method deregisters when the class can and no existing stop method does already.
    const alreadyDeregisters = findDiscoveryCall(reachableMethods(file, cls, file.config.stopMethods), 'deregister') !== null;
    const dereg = alreadyDeregisters ? undefined : methodsMaking(file, cls, 'deregister')[0];
    const lifecycle = {
      ...names,
      kafka: kafkaClientAttribute(file, cls),
      deregistration: dereg ? `${dereg.isAsync ? 'await ' : ''}self.${dereg.name}()` : null,
    };
    const members = [
      ...(startName ? [startupMethod(lifecycle, startName)] : []),
      ...(stopName ? [shutdownMethod(lifecycle, stopName)] : []),
    ];
    if (!appendToClass(file, cls, builder, members.join('\n\n'))) return [];
    const added = [startName, stopName].filter(Boolean).map((n) => `${n}()`).join(' and ');
    return [{
      id: 'add-lifecycle-methods',
      title: `Add async ${added} to ${cls.name}`,
      safety: 'unsafe',
      preferred: true,
      edits: builder.build(),
    }];
  },
};
