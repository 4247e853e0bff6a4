// ONEX001's detection and the health-check edits it shares with ONEX002's fix: the spec's
// defensive detection block after `super().__init__(...)`, and the expensive statements of
// `__init__` wrapped in `if not health_check_mode:` (attributes they create set to None otherwise).
import { superInitStatement } from '../../python/edits';
import type { PyClass, PyFile, PyMethod } from '../../python/model';
import { type Node, field } from '../../python/syntax';
import { indentationAt } from '../../text';
import {
  ExpensiveInit, type ExpensiveCall, assignedSelfAttributes, assignmentTargets, bodyStatements,
  mentionsHealthCheckMode, nodesInScope, parameterNames, readsHealthCheckMode, selfParameter, topLevelStatement,
} from '../classAnalysis';
import { methodsWithInherited } from '../../python/model';
import { type EditBuilder, type InitEditor, containerParameter, lineStartOf, render, startsLine, wrapStatements } from '../classEdits';
import { healthCheckDetection } from '../classTemplates';

export const HEALTH_CHECK_FLAG = 'health_check_mode';

/** The expensive calls of `__init__` when it never reads a health-check flag (ONEX001's finding), else []. */
export function unguardedExpensiveInit(file: PyFile, cls: PyClass): ExpensiveCall[] {
  const init = cls.methods.get('__init__');
  if (!init?.body) return [];
  const expensive = new ExpensiveInit(file, cls).callsIn(init.body, selfParameter(init));
  if (expensive.length === 0) return [];
  if (readsHealthCheckMode(init.node) || ExpensiveInit.healthCheckReadInHelpers(file, cls)) return [];
  return expensive;
}

/** How `__init__` already holds the flag: a parameter, a local, or a `self.` attribute of the class. */
export function existingHealthCheckFlag(file: PyFile, cls: PyClass, init: PyMethod | null): string | null {
  if (init) {
    const param = parameterNames(init.node).find(mentionsHealthCheckMode);
    if (param) return param;
    if (init.body) {
      for (const assign of nodesInScope(init.body, ['assignment'])) {
        for (const t of assignmentTargets(assign)) if (t.type === 'identifier' && mentionsHealthCheckMode(t.text)) return t.text;
      }
    }
  }
  for (const attr of assignedSelfAttributes(file, cls)) if (mentionsHealthCheckMode(attr)) return `self.${attr}`;
  return null;
}

/** `self.x` and local names a statement assigns (not in nested functions), as written. */
function targetsOf(stmt: Node, self: string | null): string[] {
  const out: string[] = [];
  const assigns = [...(stmt.type === 'expression_statement' ? [stmt.namedChild(0)] : []), ...nodesInScope(stmt, ['assignment'])]
    .filter((a): a is Node => a?.type === 'assignment');
  for (const assign of assigns) {
    for (const t of assignmentTargets(assign)) {
      const ok = t.type === 'identifier' ||
        (t.type === 'attribute' && field(t, 'object')?.type === 'identifier' && field(t, 'object')?.text === self);
      if (ok && !out.includes(t.text)) out.push(t.text);
    }
  }
  return out;
}

/** Whether a name or `self.x` node is written there (an assignment's target), not read. */
function isWritten(node: Node): boolean {
  for (let child = node, p = node.parent; p; child = p, p = p.parent) {
    if (p.type === 'assignment') return field(p, 'left')?.id === child.id;
    if (p.type !== 'pattern_list' && p.type !== 'tuple_pattern' && p.type !== 'list_pattern') return false;
  }
  return false;
}

/**
 * Reads of the names in `names` (locals and `self.x`) in a statement, nested functions included: what would
 * fail, or behave otherwise, on the None the guard leaves there in health-check mode.
 */
function readsAny(stmt: Node, names: ReadonlySet<string>, self: string | null): boolean {
  for (const n of [stmt, ...stmt.descendantsOfType(['identifier', 'attribute'])]) {
    if (!n || (n.type !== 'identifier' && n.type !== 'attribute')) continue;
    if (n.type === 'identifier' && n.parent?.type === 'attribute' && field(n.parent, 'attribute')?.id === n.id) continue;
    if (n.type === 'identifier' && n.parent?.type === 'keyword_argument' && field(n.parent, 'name')?.id === n.id) continue;
    if (n.type === 'attribute' && field(n, 'object')?.text !== self) continue;
    if (names.has(n.text.replace(/\s+/g, '')) && !isWritten(n)) return true;
  }
  return false;
}

/** The `self.<method>(...)` calls of a statement whose method (in the class chain) reads one of the attributes, directly or through its own calls. */
function callsMethodReading(file: PyFile, cls: PyClass, stmt: Node, attributes: ReadonlySet<string>, self: string | null): boolean {
  if (attributes.size === 0 || !self) return false;
  const methods = methodsWithInherited(file, cls);
  const visiting = new Set<string>();
  const reads = (method: PyMethod): boolean => {
    if (visiting.has(method.name) || !method.body) return false;
    visiting.add(method.name);
    const own = selfParameter(method);
    const named = new Set([...attributes].map((a) => `${own}.${a.slice(a.indexOf('.') + 1)}`));
    return readsAny(method.body, named, own) || calledMethods(method.body, own).some((m) => reads(m));
  };
  const calledMethods = (node: Node, own: string | null): PyMethod[] => node.descendantsOfType('call').flatMap((call) => {
    const func = call ? field(call, 'function') : null;
    const object = func?.type === 'attribute' ? field(func, 'object') : null;
    const method = object?.type === 'identifier' && object.text === own ? methods.get(field(func!, 'attribute')?.text ?? '') : undefined;
    return method ? [method] : [];
  });
  return calledMethods(stmt, self).some((m) => reads(m));
}

/**
 * ONEX001's edits: the detection block (after `super().__init__(...)`, or before the first
 * expensive statement when that comes first) and each run of consecutive guarded statements
 * wrapped in `if not health_check_mode:`. Guarded are the expensive statements and every later statement
 * of `__init__` that reads what a guarded one leaves unset (directly, or through a method of the class it
 * calls): in health-check mode those attributes are set to None, and a statement that would fail on that
 * None (`if self.client is None: raise …`, `self.client.connect()`) must not run either. Returns the flag
 * name, or null when the edits cannot be made (then no fix is offered).
 */
export function planHealthCheckGuard(file: PyFile, cls: PyClass, builder: EditBuilder, editor: InitEditor): string | null {
  const init = editor.init;
  if (!init?.body) return null;
  const container = containerParameter(init);
  if (!container) return null;
  const calls = unguardedExpensiveInit(file, cls);
  if (calls.length === 0) return null;
  const stmts = bodyStatements(init);
  const self = selfParameter(init);
  const guarded = new Set<number>();
  for (const c of calls) {
    const stmt = topLevelStatement(init.body, c.call);
    if (stmt) guarded.add(stmt.id);
  }
  const sup = superInitStatement(init);
  if (sup && guarded.has(sup.id)) return null;
  // What each guarded statement leaves unset in health-check mode (set to None there), and what depends on it.
  const bound = new Set<string>();
  const unset = new Map<number, string[]>();
  const noneable = new Set<string>();
  for (const s of stmts) {
    const dependent = !guarded.has(s.id) && noneable.size > 0 &&
      (readsAny(s, noneable, self) || callsMethodReading(file, cls, s, new Set([...noneable].filter((n) => n.startsWith(`${self}.`))), self));
    if (dependent) {
      if (sup && s.id === sup.id) return null;
      guarded.add(s.id);
    }
    const targets = targetsOf(s, self);
    if (guarded.has(s.id)) {
      const fresh = targets.filter((t) => !bound.has(t));
      unset.set(s.id, fresh);
      for (const t of fresh) noneable.add(t);
    }
    for (const t of targets) bound.add(t);
  }
  // Runs of consecutive guarded statements.
  const runs: Node[][] = [];
  let current: Node[] = [];
  for (const s of stmts) {
    if (guarded.has(s.id)) current.push(s);
    else if (current.length) {
      runs.push(current);
      current = [];
    }
  }
  if (current.length) runs.push(current);
  if (runs.length === 0) return null;

  const first = runs[0][0];
  const detection = healthCheckDetection(container);
  if (sup && sup.startIndex < first.startIndex) editor.addAfterSuper(detection);
  else {
    if (!startsLine(file.text, first)) return null;
    const indent = indentationAt(file.text, first.startIndex);
    builder.insert(lineStartOf(file.text, first.startIndex), render(file, detection, indent) + file.eol + file.eol);
  }
  for (const run of runs) {
    const elseBody = [...new Set(run.flatMap((s) => unset.get(s.id) ?? []))].map((t) => `${t} = None`);
    if (!wrapStatements(file, builder, run, `if not ${HEALTH_CHECK_FLAG}:`, elseBody)) return null;
  }
  return HEALTH_CHECK_FLAG;
}

/**
 * The health-check flag expression ONEX002's registration call tests: the class's own flag when
 * it has one; otherwise ONEX001's edits (when __init__ does expensive work) or the detection block alone.
 */
export function ensureHealthCheckFlag(file: PyFile, cls: PyClass, builder: EditBuilder, editor: InitEditor): string | null {
  const existing = existingHealthCheckFlag(file, cls, editor.init);
  if (existing) return existing;
  if (editor.init && unguardedExpensiveInit(file, cls).length > 0) return planHealthCheckGuard(file, cls, builder, editor);
  const container = editor.container;
  if (!container) return null;
  editor.addAfterSuper(healthCheckDetection(container));
  return HEALTH_CHECK_FLAG;
}
