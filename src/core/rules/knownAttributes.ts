// What a constructed node can be relied on to have, so that generated code reads only attributes the class or
// its known bases define (issue 19, "fixes that keep behaviour"): attributes an `__init__` of the class or of
// its bases in the file assigns, and those the framework's node bases set. In both eras NodeCoreBase.__init__
// sets `container`, `node_id` and `_node_id` (omnibase_core 0.1.0 and 0.46.8, infrastructure/node_core_base.py),
// and NodeEffect, NodeCompute, NodeReducer, NodeOrchestrator and the ModelService* compositions reach it — when
// every `__init__` along the way hands on to its base's.
import { NODE_BASE_CLASSES, type PyClass, type PyFile, type PyMethod } from '../python/model';
import { callInfo, field, statements } from '../python/syntax';
import { assignmentTargets, nodesSkippingClasses, selfParameter } from './classAnalysis';

/** What NodeCoreBase.__init__ sets, in both eras. */
const FRAMEWORK_ATTRIBUTES: ReadonlySet<string> = new Set(['container', 'node_id', '_node_id']);

/** Whether `__init__` calls a base's `__init__` (`super().__init__(...)`, `Base.__init__(self, ...)`) among its own statements. */
function callsBaseInit(init: PyMethod): boolean {
  return statements(init.body).some((stmt) => {
    const expr = stmt.type === 'expression_statement' ? stmt.namedChild(0) : null;
    const info = expr?.type === 'call' ? callInfo(expr) : null;
    if (info?.name !== '__init__' || !info.receiver) return false;
    return info.receiver.type === 'call' ? field(info.receiver, 'function')?.text === 'super' : true;
  });
}

/**
 * Whether constructing the class runs NodeCoreBase.__init__: a framework node base is reached through the
 * class's bases in the file, and every `__init__` on the way calls its base's.
 */
export function reachesFrameworkInit(file: PyFile, cls: PyClass): boolean {
  const seen = new Set<string>();
  for (let c: PyClass | undefined = cls; c && !seen.has(c.name);) {
    seen.add(c.name);
    const init = c.methods.get('__init__');
    if (init && !callsBaseInit(init)) return false;
    if (c.bases.some((b) => NODE_BASE_CLASSES.includes(b))) return true;
    c = c.bases.map((b) => file.classesByName.get(b)).find((b): b is PyClass => !!b);
  }
  return false;
}

/** Attributes an `__init__` of the class or of its bases in the file assigns on `self`. */
function assignedInInits(file: PyFile, cls: PyClass): Set<string> {
  const out = new Set<string>();
  const seen = new Set<string>();
  const visit = (c: PyClass) => {
    if (seen.has(c.name)) return;
    seen.add(c.name);
    const init = c.methods.get('__init__');
    const self = init ? selfParameter(init) : null;
    if (init && self) {
      for (const n of nodesSkippingClasses(init.node, ['assignment', 'augmented_assignment'])) {
        for (const target of assignmentTargets(n)) {
          const object = target.type === 'attribute' ? field(target, 'object') : null;
          if (object?.type === 'identifier' && object.text === self) out.add(field(target, 'attribute')?.text ?? '');
        }
      }
    }
    for (const b of c.bases) {
      const base = file.classesByName.get(b);
      if (base) visit(base);
    }
  };
  visit(cls);
  return out;
}

/** Whether a constructed instance of the class has `self.<attr>`. */
export function definesAttribute(file: PyFile, cls: PyClass, attr: string): boolean {
  return assignedInInits(file, cls).has(attr) || (FRAMEWORK_ATTRIBUTES.has(attr) && reachesFrameworkInit(file, cls));
}

/**
 * The node id generated code may read: `self._node_id` when the class uses that name and has it, else
 * `self.node_id` when it has that; null when neither is known to exist (then generated code does without).
 */
export function knownNodeId(file: PyFile, cls: PyClass, prefer: 'node_id' | '_node_id' = 'node_id'): string | null {
  const order = prefer === '_node_id' ? ['_node_id', 'node_id'] : ['node_id', '_node_id'];
  const found = order.find((attr) => definesAttribute(file, cls, attr));
  return found ? `self.${found}` : null;
}
