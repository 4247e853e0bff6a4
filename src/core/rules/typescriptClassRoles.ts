// The roles of a TypeScript file's node classes, as rules.md defines them for Python ("Where rules look"; "The
// same ids" for TypeScript): test doubles (a class of a test file — *.test.ts, *.spec.ts, __tests__/ by the
// test-files setting — or named Test*, Mock*, Fake*, Stub*, *ForTest(ing)), bases (abstract, extended by another
// class of the file that is not a test double, or the framework's own ModelService* compositions), declarative
// nodes (a constructor that only calls super) and production nodes, which the class-level rules (ONEX001,
// ONEX002, ONEX005, ONEX009) judge; and the concerns a base provides (a ModelService* composition: lifecycle,
// metrics, registration; a base named *Metrics*: metrics).
import { type TsClass, type TsFile, classChain } from '../typescript/model';
import type { ClassRole, Concern } from './classRoles';
import { TEST_DOUBLE_NAME, isTestFile } from './testFiles';

export interface TsClassRoleInfo {
  role: ClassRole;
  reason: string;
  provides: ReadonlySet<Concern>;
}

const SERVICE_COMPOSITIONS = new Set(['ModelServiceEffect', 'ModelServiceCompute', 'ModelServiceReducer', 'ModelServiceOrchestrator']);

function providedConcerns(file: TsFile, cls: TsClass): Set<Concern> {
  const provides = new Set<Concern>();
  const bases = classChain(file, cls).flatMap((c) => c.bases);
  if (bases.some((b) => SERVICE_COMPOSITIONS.has(b))) ['lifecycle', 'metrics', 'registration'].forEach((c) => provides.add(c as Concern));
  if (bases.some((b) => b.includes('Metrics'))) provides.add('metrics');
  return provides;
}

function roleOfClass(cls: TsClass, derived: readonly TsClass[], testFile: boolean, derivedElsewhere: readonly string[]): Omit<TsClassRoleInfo, 'provides'> {
  if (!cls.isNode) return { role: 'other', reason: 'not a node class' };
  if (testFile) return { role: 'test-double', reason: 'a node class in a test file' };
  if (TEST_DOUBLE_NAME.test(cls.name)) return { role: 'test-double', reason: `a test double: named ${cls.name}` };
  if (SERVICE_COMPOSITIONS.has(cls.name)) return { role: 'base', reason: `the framework's own ${cls.name} composition` };
  if (cls.isAbstract) return { role: 'base', reason: 'a base class: abstract' };
  const extending = derived.filter((d) => !TEST_DOUBLE_NAME.test(d.name));
  if (extending.length > 0) return { role: 'base', reason: `a base class: ${extending.map((d) => d.name).join(', ')} extend${extending.length === 1 ? 's' : ''} it` };
  // Or a class in another file of the workspace does (the workspace index's hints, EngineConfig.workspace).
  if (derivedElsewhere.includes(cls.name)) return { role: 'base', reason: 'a base class: a class in another file of the workspace extends it' };
  if (cls.isDeclarative) return { role: 'declarative-node', reason: 'a declarative node: its behaviour lives in its contract and handlers' };
  const kind = cls.kind ?? 'node';
  return { role: 'production-node', reason: `${kind === 'effect' || kind === 'orchestrator' ? 'an' : 'a'} ${kind} node class` };
}

const roles = new WeakMap<TsFile, Map<TsClass, TsClassRoleInfo>>();

/** The role of every class of the file (computed once per file model). */
export function typescriptClassRoles(file: TsFile): ReadonlyMap<TsClass, TsClassRoleInfo> {
  let found = roles.get(file);
  if (found) return found;
  found = new Map();
  const derivedFrom = new Map<string, TsClass[]>();
  for (const cls of file.classes) {
    for (const base of classChain(file, cls).slice(1)) derivedFrom.set(base.name, [...(derivedFrom.get(base.name) ?? []), cls]);
  }
  const testFile = isTestFile(file.fileName, file.config.projectRoot, file.config.testFiles);
  for (const cls of file.classes) {
    const derived = (derivedFrom.get(cls.name) ?? []).filter((d) => d !== cls);
    found.set(cls, { ...roleOfClass(cls, derived, testFile, file.config.workspace?.derivedClasses ?? []), provides: providedConcerns(file, cls) });
  }
  roles.set(file, found);
  return found;
}

/** Node classes the class-level rules judge: production nodes without a syntax error inside. */
export function productionNodeClasses(file: TsFile): TsClass[] {
  const all = typescriptClassRoles(file);
  return file.nodeClasses.filter((c) => !c.hasSyntaxError && all.get(c)?.role === 'production-node');
}

/** Whether a base of the class provides the concern (then its absence from the class is no gap). */
export function providesConcern(file: TsFile, cls: TsClass, concern: Concern): boolean {
  return typescriptClassRoles(file).get(cls)?.provides.has(concern) ?? false;
}
