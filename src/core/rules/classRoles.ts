// The role of each class of a Python file, as rules.md ("Where rules look") defines them: which node
// classes are production nodes the class-level rules judge, which are declarative nodes, test doubles or
// bases (not production nodes), which classes are today's handlers, and which concerns a class's bases
// and mixins provide. Shared by the rules, the fixes, the nodes view and the hover.
import { type PyClass, type PyFile, methodsWithInherited } from '../python/model';
import { allBaseNames, classChain } from './classAnalysis';
import { TEST_DOUBLE_NAME, isTestFile } from './testFiles';

export type ClassRole =
  /** A node class the class-level rules judge (ONEX001, ONEX002, ONEX005, ONEX009). */
  | 'production-node'
  /** A node class with nothing but a docstring, class attributes and an `__init__` that only calls its bases'. */
  | 'declarative-node'
  /** A node class in a test file, or named like a test double. */
  | 'test-double'
  /** A node class another class of the file derives from (or one of the framework's ModelService* compositions). */
  | 'base'
  /** Today's handler: bound by the package's contract, `Handler*` in a `handlers/` folder, or def-B (no base, a `handle`). */
  | 'handler'
  /** Anything else. */
  | 'other';

/** Concerns a class may get from its bases and mixins instead of its own code. */
export type Concern = 'lifecycle' | 'metrics' | 'registration';

export interface ClassRoleInfo {
  role: ClassRole;
  /** Why, for hovers and the nodes view: "a test double: named FakeLedgerEffect". */
  reason: string;
  /** Concerns its bases and mixins (or the older framework's lifecycle hooks) provide. */
  provides: ReadonlySet<Concern>;
}

const SERVICE_COMPOSITIONS = new Set(['ModelServiceEffect', 'ModelServiceCompute', 'ModelServiceReducer', 'ModelServiceOrchestrator']);

// What each base or mixin provides (rules.md's table "Provided by bases and mixins").
const PROVIDERS: Record<Concern, (baseName: string) => boolean> = {
  lifecycle: (b) => SERVICE_COMPOSITIONS.has(b) || b === 'MixinNodeService' || b === 'MixinNodeLifecycle',
  metrics: (b) => SERVICE_COMPOSITIONS.has(b) || b === 'MixinMetrics' || b.includes('Metrics'),
  registration: (b) => SERVICE_COMPOSITIONS.has(b) || b === 'MixinNodeService' || b === 'MixinIntrospectionPublisher',
};
/** The older framework's lifecycle hooks: a class that defines them has its lifecycle. */
const OLDER_LIFECYCLE_HOOKS = ['_initialize_node_resources', '_cleanup_node_resources'];


export { isTestFile } from './testFiles';

/** Whether the file sits in a folder named `handlers` (today's layout: nodes/<name>/handlers/handler_x.py). */
function inHandlersFolder(fileName: string | undefined): boolean {
  if (!fileName) return false;
  const parts = fileName.split(/[\\/]/);
  return parts.length >= 2 && parts[parts.length - 2] === 'handlers';
}

function providedConcerns(file: PyFile, cls: PyClass): Set<Concern> {
  const provides = new Set<Concern>();
  const bases = allBaseNames(file, cls);
  for (const concern of Object.keys(PROVIDERS) as Concern[]) {
    if (bases.some(PROVIDERS[concern])) provides.add(concern);
  }
  const methods = methodsWithInherited(file, cls);
  if (OLDER_LIFECYCLE_HOOKS.every((hook) => methods.has(hook))) provides.add('lifecycle');
  return provides;
}

/** A def-B handler class: no base, and a `handle` (or `handle_async`) method. */
function isDefBHandler(cls: PyClass): boolean {
  return cls.bases.length === 0 && (cls.methods.has('handle') || cls.methods.has('handle_async'));
}

function roleOfClass(file: PyFile, cls: PyClass, derivedFrom: ReadonlyMap<string, PyClass[]>, testFile: boolean): Omit<ClassRoleInfo, 'provides'> {
  if (cls.isNode) {
    if (testFile) return { role: 'test-double', reason: 'a node class in a test file' };
    if (TEST_DOUBLE_NAME.test(cls.name)) return { role: 'test-double', reason: `a test double: named ${cls.name}` };
    if (SERVICE_COMPOSITIONS.has(cls.name)) return { role: 'base', reason: `the framework's own ${cls.name} composition` };
    // A base: another class of the file derives from it (test doubles deriving from it do not count).
    const derived = (derivedFrom.get(cls.name) ?? []).filter((d) => d !== cls && !TEST_DOUBLE_NAME.test(d.name));
    if (derived.length > 0) return { role: 'base', reason: `a base class: ${derived.map((d) => d.name).join(', ')} derive${derived.length === 1 ? 's' : ''} from it` };
    // Or a class in another file of the workspace does (the workspace index's hints, EngineConfig.workspace).
    if (file.config.workspace?.derivedClasses.includes(cls.name)) return { role: 'base', reason: 'a base class: a class in another file of the workspace derives from it' };
    if (cls.isDeclarative) return { role: 'declarative-node', reason: 'a declarative node: its behaviour lives in its contract and handlers' };
    return { role: 'production-node', reason: cls.kind === 'effect' || cls.kind === 'orchestrator' ? `an ${cls.kind} node class` : `a ${cls.kind ?? 'node'} node class` };
  }
  const bound = file.config.packageFacts?.handlers.some((h) => h.name === cls.name);
  if (bound) return { role: 'handler', reason: `a handler the package's contract binds (${file.config.packageFacts!.contract})` };
  if (cls.name.startsWith('Handler') && inHandlersFolder(file.fileName)) return { role: 'handler', reason: 'a Handler* class in a handlers/ folder' };
  if (isDefBHandler(cls)) return { role: 'handler', reason: 'a def-B handler: no base class, and a handle() method' };
  return { role: 'other', reason: 'not a node or handler class' };
}

const roles = new WeakMap<PyFile, Map<PyClass, ClassRoleInfo>>();

/** The role of every class of the file (computed once per file model). */
export function classRoles(file: PyFile): ReadonlyMap<PyClass, ClassRoleInfo> {
  let found = roles.get(file);
  if (found) return found;
  found = new Map();
  const derivedFrom = new Map<string, PyClass[]>();
  for (const cls of file.classes) {
    for (const base of classChain(file, cls).slice(1)) {
      const list = derivedFrom.get(base.name) ?? [];
      list.push(cls);
      derivedFrom.set(base.name, list);
    }
  }
  const testFile = isTestFile(file.fileName, file.config.projectRoot, file.config.testFiles);
  for (const cls of file.classes) {
    found.set(cls, { ...roleOfClass(file, cls, derivedFrom, testFile), provides: providedConcerns(file, cls) });
  }
  roles.set(file, found);
  return found;
}

export function roleOf(file: PyFile, cls: PyClass): ClassRoleInfo {
  return classRoles(file).get(cls) ?? { role: 'other', reason: 'not a class of this file', provides: new Set() };
}

/** Node classes the class-level rules judge: production nodes without a syntax error inside. */
export function productionNodeClasses(file: PyFile): PyClass[] {
  return file.nodeClasses.filter((c) => !c.node.hasError && roleOf(file, c).role === 'production-node');
}

/** Today's handler classes of the file. */
export function handlerClasses(file: PyFile): PyClass[] {
  return file.classes.filter((c) => roleOf(file, c).role === 'handler');
}

/** Whether a base or mixin of the class provides the concern (then its absence from the class is no gap). */
export function providesConcern(file: PyFile, cls: PyClass, concern: Concern): boolean {
  return roleOf(file, cls).provides.has(concern);
}
